"""The links of the site: each page's language versions, neighbours, sitemap and feeds.

Every page of a locale is ``<locale>/<slug>.html`` or ``<locale>/index.html`` below the
build folder. With ``[project] base_url`` the alternates, canonical links, sitemap and
feeds use absolute URLs under it; without one the site stays relative (and has no
sitemap, robots.txt or feeds, which need absolute URLs).
"""

from __future__ import annotations

from collections.abc import Mapping

from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.publish.plan import Plan
from tarjama.publish.sources import Sources
from tarjama.render import html
from tarjama.render.site import X_DEFAULT, Alternate, Feed, FeedEntry, SitemapUrl, absolute

LEFT_OUT = (
    "site: no [project] base_url, so the pages have no canonical links and the build writes"
    " no sitemap.xml, robots.txt or Atom feeds; set base_url (README: Configuration)"
)


def page_path(locale: str, slug: str | None) -> str:
    """The page's path below the build folder.

    >>> page_path("ar", "a"), page_path("fr", None)
    ('ar/a.html', 'fr/index.html')
    """
    return f"{locale}/{slug}.html" if slug else f"{locale}/index.html"


def switcher(
    plans: Mapping[str, Plan], slug: str | None, current: str, *, root: str = "../"
) -> tuple[html.Link, ...]:
    """Every locale's version of the page; a locale without the article links to its index."""
    links = []
    for locale, plan in plans.items():
        missing = slug is not None and not plan.publishes(slug)
        links.append(
            html.Link(
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


def publishing(plans: Mapping[str, Plan], slug: str | None) -> list[str]:
    """The locales that publish *slug* (every locale for an index)."""
    return [locale for locale, plan in plans.items() if slug is None or plan.publishes(slug)]


def alternates(
    config: Config, plans: Mapping[str, Plan], slug: str | None, *, root: str = "../"
) -> tuple[Alternate, ...]:
    """``hreflang`` alternates of a page: every locale publishing it, and ``x-default``
    (the source language's article, or the root page that leads to every index)."""
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
) -> html.Page:
    """The links around one page of *locale* (*absolute_links* for a 404 page)."""
    base = config.base_url
    root = base if absolute_links and base else "../"
    here = root + f"{locale}/" if root != "../" else ""
    return html.Page(
        switcher=switcher(plans, slug, locale, root=root),
        alternates=() if absolute_links else alternates(config, plans, slug),
        canonical=absolute(base, page_path(locale, slug)) if base and not absolute_links else "",
        feed=absolute(base, f"{locale}/feed.xml") if base else "",
        root=root,
        here=here,
        compact=len(plans) > html.COMPACT_ABOVE,
    )


def neighbours(plan: Plan, slug: str) -> tuple[html.Neighbour | None, html.Neighbour | None]:
    """The articles before and after *slug* among those the locale publishes."""
    published = plan.published
    at = published.index(slug)

    def of(index: int) -> html.Neighbour | None:
        if not 0 <= index < len(published):
            return None
        record = plan.records[published[index]]
        return html.Neighbour(published[index], record.title, record.title_lang)

    return of(at - 1), of(at + 1)


def sitemap_urls(config: Config, plans: Mapping[str, Plan], sources: Sources) -> list[SitemapUrl]:
    """Every page of the site with all its language versions (root page included)."""
    base = config.base_url
    index_alts = alternates(config, plans, None)
    urls = [SitemapUrl(absolute(base, "index.html"), index_alts)]
    for locale, plan in plans.items():
        urls.append(SitemapUrl(absolute(base, page_path(locale, None)), index_alts))
        for slug in plan.published:
            urls.append(
                SitemapUrl(
                    absolute(base, page_path(locale, slug)),
                    alternates(config, plans, slug),
                    sources.meta[slug].date,
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
        for slug in plan.published
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
