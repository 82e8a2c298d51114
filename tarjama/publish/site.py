"""The links of the site: each page's language versions, neighbours, sitemap and feeds.

A locale's pages are ``<locale>/<slug>.html`` below the build folder (nested for a slug
in a section: ``fr/history/early-years.html``), a section's page is its ``index.html``
(``fr/history/index.html``) and the locale's contents ``<locale>/index.html``. With
``[project] base_url`` the alternates, canonical links, sitemap and feeds use absolute
URLs under it; without one the site stays relative (and has no sitemap, robots.txt or
feeds, which need absolute URLs). Draft locales are built but offered nowhere else: not
in other pages' switchers, alternates, the sitemap or the root page.
"""

from __future__ import annotations

from collections.abc import Mapping

from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.publish.plan import Plan
from tarjama.publish.sources import Sources
from tarjama.publish.tree import base_of, section_index
from tarjama.render.contract import (
    COMPACT_ABOVE,
    Alternate,
    Feed,
    FeedEntry,
    Link,
    Neighbour,
    Page,
    SitemapUrl,
)
from tarjama.render.html.site import X_DEFAULT, absolute
from tarjama.segment.tree import INDEX, is_index, page_of, section_of

LEFT_OUT = (
    "site: no [project] base_url, so the pages have no canonical links and the build writes"
    " no sitemap.xml, robots.txt or Atom feeds; set base_url (the manual: Configuration)"
)


def page_path(locale: str, slug: str | None) -> str:
    """The page's path below the build folder (*slug* None, or the top ``index``, is the
    locale's contents).

    >>> page_path("ar", "a"), page_path("fr", None), page_path("fr", "history/index")
    ('ar/a.html', 'fr/index.html', 'fr/history/index.html')
    """
    return f"{locale}/{page_of(slug)}" if slug and slug != INDEX else f"{locale}/index.html"


def has_page(plan: Plan, slug: str | None) -> bool:
    """Whether *plan*'s locale has page *slug*: an article it publishes, a section's page
    (``history/index``) when it publishes something in that section, its contents (None)."""
    if slug is None or slug == INDEX:
        return True
    if is_index(slug):
        return plan.edition.section(section_of(slug)) is not None
    return plan.publishes(slug)


def articles(plan: Plan) -> list[str]:
    """The article pages of *plan* in publication order (a section's ``index.md`` is its
    section's page, not an article)."""
    return [slug for slug in plan.published if not is_index(slug)]


def has_articles(plan: Plan) -> bool:
    """Whether *plan* publishes an article (and so has a feed)."""
    return any(not is_index(slug) for slug in plan.published)


def section_pages(plan: Plan) -> list[str]:
    """The slugs of *plan*'s section pages (``history/index``), in publication order."""
    return [section_index(section.path) for section in plan.edition.sections]


def switcher(
    plans: Mapping[str, Plan], slug: str | None, current: str, *, root: str = "../"
) -> tuple[Link, ...]:
    """Every locale's version of the page, *current* marked; a locale without the page
    links to its index. Draft locales appear only on their own pages."""
    links = []
    for locale, plan in plans.items():
        if plan.draft and locale != current:
            continue
        missing = not has_page(plan, slug)
        links.append(
            Link(
                locale,
                loc.bcp47(locale),
                loc.direction(locale),
                loc.display_name(locale),
                root + page_path(locale, None if missing else slug),
                current=locale == current,
                missing=missing,
            )
        )
    return tuple(links)


def listed(plans: Mapping[str, Plan]) -> list[Plan]:
    """The plans the root page lists: every locale but the drafts (all, if only drafts)."""
    return [p for p in plans.values() if not p.draft] or list(plans.values())


def publishing(plans: Mapping[str, Plan], slug: str | None) -> list[str]:
    """The locales, drafts aside, that have page *slug* (every locale for an index)."""
    return [locale for locale, plan in plans.items() if not plan.draft and has_page(plan, slug)]


def alternates(
    config: Config, plans: Mapping[str, Plan], slug: str | None, *, root: str = "../"
) -> tuple[Alternate, ...]:
    """``hreflang`` alternates of a page: every locale having it, and ``x-default`` (the
    source language's page, or the root page that leads to every index). *root* leads
    from the page to the build folder, for a site without a base URL."""
    prefix = config.base_url or root
    found = [
        Alternate(loc.bcp47(locale), prefix + page_path(locale, slug))
        for locale in publishing(plans, slug)
    ]
    if slug is None:
        default = prefix + "index.html"
    elif config.source_locale in publishing(plans, slug):
        default = prefix + page_path(config.source_locale, slug)
    else:
        default = found[0].href if found else ""
    return (*found, Alternate(X_DEFAULT, default)) if found else ()


def page(
    config: Config,
    plans: Mapping[str, Plan],
    locale: str,
    slug: str | None,
    *,
    absolute_links: bool = False,
) -> Page:
    """The links around page *slug* of *locale* (None: its index; *absolute_links* for a
    404 page, which a server shows at any address)."""
    base = config.base_url
    up = base_of(slug) if slug else ""
    if absolute_links and base:
        root, here = base, f"{base}{locale}/"
    else:
        root, here = f"../{up}", up
    return Page(
        switcher=switcher(plans, slug, locale, root=root),
        alternates=() if absolute_links else alternates(config, plans, slug, root=root),
        canonical=absolute(base, page_path(locale, slug)) if base and not absolute_links else "",
        feed=absolute(base, f"{locale}/feed.xml") if base and has_articles(plans[locale]) else "",
        root=root,
        here=here,
        compact=len(plans) > COMPACT_ABOVE,
    )


def neighbours(
    plan: Plan, slug: str, *, published: list[str] | None = None
) -> tuple[Neighbour | None, Neighbour | None]:
    """The articles before and after *slug* among those the locale publishes (in the
    order of the navigation tree, across sections; *published*: ``plan.published``,
    when the caller has it already)."""
    published = plan.published if published is None else published
    at = _positions(published)[slug]
    # the nearest articles either way (sections' index pages are not articles)
    before = next((s for s in reversed(published[:at]) if not is_index(s)), None)
    after = next((s for s in published[at + 1 :] if not is_index(s)), None)

    def of(found: str | None) -> Neighbour | None:
        if found is None:
            return None
        record = plan.records[found]
        return Neighbour(found, record.title, record.title_lang)

    return of(before), of(after)


_POSITION: list[tuple[list[str], dict[str, int]]] = []  # the last list's positions


def _positions(published: list[str]) -> dict[str, int]:
    """Each slug's position in *published* (remembered for the same list: a build asks
    for every article's neighbours in turn)."""
    if not _POSITION or _POSITION[0][0] is not published:
        _POSITION[:] = [(published, {slug: i for i, slug in enumerate(published)})]
    return _POSITION[0][1]


def sitemap_urls(config: Config, plans: Mapping[str, Plan], sources: Sources) -> list[SitemapUrl]:
    """Every page of the site with all its language versions (root page included)."""
    base = config.base_url
    index_alts = alternates(config, plans, None)
    urls = [SitemapUrl(absolute(base, "index.html"), index_alts)]
    for locale, plan in plans.items():
        if plan.draft:
            continue
        urls.append(SitemapUrl(absolute(base, page_path(locale, None)), index_alts))
        for slug in articles(plan) + section_pages(plan):
            meta = sources.meta.get(slug)
            urls.append(
                SitemapUrl(
                    absolute(base, page_path(locale, slug)),
                    alternates(config, plans, slug),
                    meta.date if meta is not None and plan.publishes(slug) else "",
                )
            )
    return urls


def feed(config: Config, plan: Plan, sources: Sources) -> Feed:
    """The Atom feed of one locale: its published articles with translated titles."""
    edition, base = plan.edition, config.base_url
    entries = tuple(
        FeedEntry(
            url=absolute(base, page_path(edition.locale, slug)),
            title=plan.records[slug].title,
            summary=plan.records[slug].summary,
            date=sources.meta[slug].date,
            title_lang=plan.records[slug].title_lang,
            summary_lang=plan.records[slug].summary_lang,
        )
        for slug in articles(plan)
    )
    return Feed(
        url=absolute(base, f"{edition.locale}/feed.xml"),
        home=absolute(base, page_path(edition.locale, None)),
        lang=edition.lang,
        title=edition.title,
        subtitle=edition.description,
        author=edition.title,
        entries=entries,
    )
