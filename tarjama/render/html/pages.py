"""HTML site rendering: Jinja templates (autoescaped, gettext-enabled) around pandoc output."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.templates import Templates, template_files
from tarjama.render.contract import Chapter, Edition, NavItem, Neighbour, Page, Section
from tarjama.render.document.jinja import render_template
from tarjama.render.html.toc import headings, scrollable


def write_page(out: Path, html: str) -> bool:
    return write_text_atomic(out, html)


def _page_context(page: Page) -> dict[str, Any]:
    """The links every page template gets: *page*, and for templates written before it
    ``root``, ``base`` (the way to the locale's folder), ``switcher`` and ``alternates``."""
    return {
        "page": page,
        "root": page.root,
        "base": page.here,
        "switcher": page.switcher,
        "alternates": page.alternates,
    }


def render_article(
    edition: Edition,
    chapter: Chapter,
    body_html: str,
    *,
    templates: Templates,
    page: Page,
    fallback: bool,
    out: Path,
    neighbours: tuple[Neighbour | None, Neighbour | None] = (None, None),
    trail: Sequence[NavItem] = (),
) -> bool:
    """Write one article page; returns whether the file changed. *trail* lists the
    sections above it, *neighbours* the articles before and after it."""
    body = _shown(edition, body_html)
    html = render_template(
        templates,
        "html/article.html",
        gettext=edition.gettext,
        edition=edition,
        chapter=chapter,
        body=body,
        toc=headings(body),
        previous=neighbours[0],
        next=neighbours[1],
        fallback=fallback,
        trail=trail,
        **_page_context(page),
    )
    return write_page(out, html)


def _shown(edition: Edition, body: str) -> str:
    """A body as a page shows it: in a right-to-left edition its numbers and Latin words
    isolated (they keep their order), its wide tables scrollable."""
    if edition.direction == "rtl":
        from tarjama.render.document.bidi import isolate_html

        body = isolate_html(body)
    return scrollable(body, label=edition.gettext("Table"))


def render_section(
    edition: Edition,
    section: Section,
    entries: NavItem | None,
    *,
    intro: Chapter | None,
    body: str,
    templates: Templates,
    page: Page,
    fallback: bool,
    trail: Sequence[NavItem],
    out: Path,
) -> bool:
    """Write a section's page: its introduction (its ``index.md``, if this edition has
    it) and its entries (articles and sections)."""
    html = render_template(
        templates,
        "html/section.html",
        gettext=edition.gettext,
        edition=edition,
        section=section,
        entries=entries.children if entries else (),
        chapter=intro,
        body=_shown(edition, body),
        fallback=fallback,
        trail=trail,
        **_page_context(page),
    )
    return write_page(out, html)


def render_index(
    edition: Edition,
    *,
    templates: Templates,
    page: Page,
    downloads: Sequence[dict[str, str]],
    out: Path,
    intro: str = "",
) -> bool:
    """Write a locale's index page (*intro*: the top ``index.md`` as HTML)."""
    html = render_template(
        templates,
        "html/index.html",
        gettext=edition.gettext,
        edition=edition,
        downloads=downloads,
        intro=_shown(edition, intro),
        **_page_context(page),
    )
    return write_page(out, html)


def render_not_found(edition: Edition, *, templates: Templates, page: Page, out: Path) -> bool:
    """Write a locale's ``404.html``."""
    html = render_template(
        templates, "html/404.html", gettext=edition.gettext, edition=edition, **_page_context(page)
    )
    return write_page(out, html)


def render_root(
    editions: Sequence[Edition], *, title: str, templates: Templates, page: Page, out: Path
) -> bool:
    """Write ``build/index.html``, which leads to every locale."""
    html = render_template(
        templates,
        "html/root.html",
        gettext=lambda s: s,
        editions=editions,
        title=title,
        source=editions[0],
        page=page,
    )
    return write_page(out, html)


def copy_assets(templates: Templates, out: Path) -> list[Path]:
    """Copy ``templates/assets`` into ``build/assets``; return changed files (the fonts
    are :mod:`tarjama.render.fonts.web`'s)."""
    changed = []
    for name, path in template_files(templates, under="assets").items():
        target = out / name.removeprefix("assets/")
        if write_bytes_atomic(target, path.read_bytes()):
            changed.append(target)
    return changed


__all__ = [
    "copy_assets",
    "render_article",
    "render_index",
    "render_not_found",
    "render_root",
    "render_section",
]
