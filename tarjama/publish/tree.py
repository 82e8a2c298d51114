"""A locale's publication as a tree: its sections, the navigation, the links between pages.

Plain data for the renderers (:class:`~tarjama.render.Section`,
:class:`~tarjama.render.NavItem`), computed from what the locale publishes.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Mapping

from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.core.keys import digest
from tarjama.publish.plan import Plan
from tarjama.publish.sources import Sources
from tarjama.render.contract import Chapter, NavItem, Section
from tarjama.render.document.pandoc import Links
from tarjama.segment.media import localized_media
from tarjama.segment.tree import INDEX, humanize, is_index, page_of, parent_of, section_of


def section_index(path: str) -> str:
    """The slug of section *path*'s ``index.md``.

    >>> section_index("history"), section_index("")
    ('history/index', 'index')
    """
    return f"{path}/{INDEX}" if path else INDEX


def sections(plan: Plan) -> tuple[Section, ...]:
    """The sections with something published in *plan*, in publication order; a section's
    title is its ``index.md``'s (translated, or the source's), else its folder's name."""
    found: dict[str, Section] = {}
    for slug in plan.published:
        path = section_of(slug)
        chain = []
        while path and path not in found:
            chain.append(path)
            path = parent_of(path) or ""
        for folder in reversed(chain):
            record = plan.records.get(section_index(folder))
            if record is None:
                found[folder] = Section(folder, humanize(folder.rpartition("/")[2]))
            else:
                found[folder] = Section(
                    folder,
                    record.title,
                    record.title_lang,
                    record.summary,
                    record.summary_lang,
                )
    return tuple(found.values())


def navigation(plan: Plan, tree: tuple[Section, ...]) -> tuple[NavItem, ...]:
    """The navigation tree of *plan*: its sections (leading to their pages) and articles,
    in publication order (a section where its first page comes)."""
    by_path = {s.path: s for s in tree}

    def entries(parent: str) -> tuple[NavItem, ...]:
        items: list[NavItem] = []
        seen: set[str] = set()
        prefix = f"{parent}/" if parent else ""
        for slug in plan.published:
            if not slug.startswith(prefix):
                continue
            folder = section_of(slug)
            if folder == parent:
                if not is_index(slug):
                    items.append(_article_item(plan, slug))
                continue
            child = prefix + folder[len(prefix) :].split("/")[0]
            if child not in seen:
                seen.add(child)
                items.append(_section_item(by_path[child], entries(child)))
        return tuple(items)

    return entries("")


def _article_item(plan: Plan, slug: str) -> NavItem:
    record = plan.records[slug]
    return NavItem(
        "article",
        slug,
        record.title,
        page_of(slug),
        record.title_lang,
        record.summary,
        record.summary_lang,
    )


def _section_item(section: Section, children: tuple[NavItem, ...] = ()) -> NavItem:
    return NavItem(
        "section",
        section.path,
        section.title,
        page_of(section_index(section.path)),
        section.title_lang,
        section.summary,
        section.summary_lang,
        children,
    )


def trail(plan: Plan, slug: str) -> tuple[NavItem, ...]:
    """The sections above page *slug*, outermost first (for a breadcrumb)."""
    items = []
    path = section_of(slug) if not is_index(slug) else parent_of(section_of(slug))
    while path:
        section = plan.edition.section(path)
        if section is not None:
            items.append(_section_item(section))
        path = parent_of(path) or ""
    return tuple(reversed(items))


def base_of(slug: str) -> str:
    """The way up from page *slug* to its locale's folder.

    >>> base_of("a"), base_of("history/early/x")
    ('', '../../')
    """
    return "../" * slug.count("/")


def page_links(
    plans: Mapping[str, Plan], locale: str, slug: str, sources: Sources, source_locale: str
) -> Links:
    """How page *slug* of *locale* links to other articles: to the same locale's page, or
    to the source language's (marked with its language) when *locale* leaves it out."""
    plan = plans[locale]
    record = plan.records[slug]
    here = posixpath.dirname(f"{locale}/{page_of(slug)}")
    out = []
    for written, file in record.links:
        target = sources.by_file.get(file)
        if target is None:
            continue  # a file that is not an article (the build reported it)
        lang = ""
        where = locale
        if not plan.publishes(target):
            where, lang = source_locale, loc.bcp47(source_locale)
        href = posixpath.relpath(f"{where}/{page_of(target)}", here)
        out.append((written, href, lang))
        # a link to an anchor the page lacks leads to the page's top (the build warned)
        for full, anchor, into, _ in sources.meta[slug].anchored:
            if into == file and anchor not in sources.meta[target].anchors:
                out.append((full, href, lang))
    return tuple(out)


def chapter_links(plan: Plan, slug: str, sources: Sources) -> tuple[tuple[str, str], ...]:
    """The links of chapter *slug* for the books: the target's slug, or "" when this
    edition leaves the target out."""
    out = []
    for written, file in plan.records[slug].links:
        target = sources.by_file.get(file, "")
        out.append((written, target if target and plan.publishes(target) else ""))
    return tuple(out)


def chapter(plan: Plan, slug: str, body: str, order: int, sources: Sources) -> Chapter:
    """Article *slug* as the renderers take it, with its section, its links, where its
    passages come from (for the glyph check's messages) and the key a book keeps its
    converted form by (everything but the body, which is a digest here)."""
    record = plan.records[slug]
    merged = plan.merged.get(slug)
    section, links = section_of(slug), chapter_links(plan, slug, sources)
    return Chapter(
        slug=slug,
        title=record.title,
        summary=record.summary,
        date_text=record.date_text,
        body=body,
        order=order,
        date_iso=sources.meta[slug].date,
        title_lang=record.title_lang,
        summary_lang=record.summary_lang,
        media=record.media,
        section=section,
        links=links,
        origins=merged.origins if merged is not None and body else (),
        key=digest(
            record.body,
            record.title,
            record.summary,
            record.date_text,
            record.title_lang,
            record.summary_lang,
            record.media,
            section,
            links,
        ),
    )


def shape(plan: Plan, config: Config) -> None:
    """Give *plan*'s edition its sections, navigation tree and per-locale images."""
    tree = sections(plan)
    source = config.source_dir.resolve()
    media = sorted({m for slug in plan.published for m in plan.records[slug].media})
    locale = plan.edition.locale
    variants = tuple(
        (relative, variant)
        for relative in media
        if (variant := localized_media(source, relative, locale)) != relative
    )
    plan.edition = dataclasses.replace(
        plan.edition, sections=tree, nav=navigation(plan, tree), media_variants=variants
    )


def find_item(nav: tuple[NavItem, ...], path: str) -> NavItem | None:
    """The entry of section *path* in the navigation tree *nav*."""
    for item in nav:
        if item.kind == "section" and item.slug == path:
            return item
        if item.kind == "section" and path.startswith(f"{item.slug}/"):
            return find_item(item.children, path)
    return None
