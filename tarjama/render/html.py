"""HTML site rendering: Jinja templates (autoescaped, gettext-enabled) around pandoc output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.render import Chapter, Edition
from tarjama.render.site import Alternate
from tarjama.render.toc import headings, scrollable


@dataclass(frozen=True)
class Link:
    """A link to another locale's version of a page (or to its index, when it lacks the page)."""

    locale: str
    lang: str
    dir: str
    name: str
    href: str
    current: bool = False  # the page's own locale
    missing: bool = False  # the locale does not publish this article: *href* is its index


@dataclass(frozen=True)
class Neighbour:
    """The previous or next article in publication order."""

    slug: str
    title: str
    title_lang: str | None = None


@dataclass(frozen=True)
class Page:
    """Where a page sits in the site and what links around it.

    *root* leads from the page to the build folder and *here* to its locale's folder:
    relative for ordinary pages, absolute for a 404 page (served at any depth) when the
    site has a base URL. *canonical* and *feed* are "" without a base URL.
    """

    switcher: tuple[Link, ...] = ()
    alternates: tuple[Alternate, ...] = ()
    canonical: str = ""
    feed: str = ""
    root: str = "../"
    here: str = ""
    compact: bool = False  # more locales than fit on a line: the switcher is a menu


COMPACT_ABOVE = 6  # locales in the switcher before it becomes a menu


@lru_cache(maxsize=8)
def environment(templates: Path) -> jinja2.Environment:
    """The Jinja environment: autoescaping always on, i18n extension installed per render."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )


def render_template(
    templates: Path,
    name: str,
    *,
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str] | None = None,
    **context: object,
) -> str:
    """Render template *name* with the locale's interface translations."""
    env = environment(templates)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext or (lambda s, p, n: gettext(s) if n == 1 else gettext(p)), newstyle=True
    )
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = getattr(exc, "filename", None) or name
        raise RenderError(f"template error: {exc}", path=where, line=line) from None


def write_page(out: Path, html: str) -> bool:
    return write_text_atomic(out, html)


def render_article(
    edition: Edition,
    chapter: Chapter,
    body_html: str,
    *,
    templates: Path,
    page: Page,
    fallback: bool,
    neighbours: tuple[Neighbour | None, Neighbour | None] = (None, None),
    out: Path,
) -> bool:
    """Write one article page; returns whether the file changed."""
    body = scrollable(body_html, label=edition.gettext("Table"))
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
        page=page,
        fallback=fallback,
        root=page.root,
    )
    return write_page(out, html)


def render_index(
    edition: Edition,
    *,
    templates: Path,
    page: Page,
    downloads: Sequence[dict[str, str]],
    out: Path,
) -> bool:
    """Write a locale's index page."""
    html = render_template(
        templates,
        "html/index.html",
        gettext=edition.gettext,
        edition=edition,
        page=page,
        downloads=downloads,
        root=page.root,
    )
    return write_page(out, html)


def render_not_found(edition: Edition, *, templates: Path, page: Page, out: Path) -> bool:
    """Write a locale's ``404.html``."""
    html = render_template(
        templates,
        "html/404.html",
        gettext=edition.gettext,
        edition=edition,
        page=page,
        root=page.root,
    )
    return write_page(out, html)


def render_root(
    editions: Sequence[Edition], *, title: str, templates: Path, page: Page, out: Path
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


def copy_assets(templates: Path, fonts: Sequence[Path], out: Path) -> list[Path]:
    """Copy ``templates/assets`` and the web fonts into ``build/assets``; return changed files."""
    changed = []
    source = templates / "assets"
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file() and write_bytes_atomic(
                out / path.relative_to(source), path.read_bytes()
            ):
                changed.append(out / path.relative_to(source))
    for font in fonts:
        target = out / "fonts" / font.name.replace("[wdth,wght]", "")
        if not font.is_file():
            raise RenderError(f"font file missing: {font}; reinstall with 'make build'")
        if write_bytes_atomic(target, font.read_bytes()):
            changed.append(target)
    return changed


__all__ = [
    "COMPACT_ABOVE",
    "Link",
    "Neighbour",
    "Page",
    "copy_assets",
    "render_article",
    "render_index",
    "render_not_found",
    "render_root",
]
