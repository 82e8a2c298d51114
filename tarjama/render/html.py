"""HTML site rendering: Jinja templates (autoescaped, gettext-enabled) around pandoc output."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.templates import Templates, search_path, template_files
from tarjama.render import Chapter, Edition, NavItem, Section


@dataclass(frozen=True)
class Link:
    """A link to another locale's version of a page."""

    locale: str
    lang: str
    dir: str
    name: str
    href: str


@lru_cache(maxsize=8)
def environment(templates: tuple[Path, ...]) -> jinja2.Environment:
    """The Jinja environment over the template folders (the first that has a file wins):
    autoescaping always on, i18n extension installed per render."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in templates]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )


def render_template(
    templates: Templates,
    name: str,
    *,
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str] | None = None,
    **context: object,
) -> str:
    """Render template *name* with the locale's interface translations."""
    env = environment(search_path(templates))
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
    templates: Templates,
    switcher: Sequence[Link],
    fallback: bool,
    out: Path,
    base: str = "",
    trail: Sequence[NavItem] = (),
) -> bool:
    """Write one article page; returns whether the file changed. *base* leads from the
    page up to the edition's folder (``../`` for ``history/early-years.html``), *trail*
    lists the sections above it."""
    html = render_template(
        templates,
        "html/article.html",
        gettext=edition.gettext,
        edition=edition,
        chapter=chapter,
        body=body_html,
        switcher=switcher,
        alternates=switcher,
        fallback=fallback,
        root=f"../{base}",
        base=base,
        trail=trail,
    )
    return write_page(out, html)


def render_section(
    edition: Edition,
    section: Section,
    entries: NavItem | None,
    *,
    intro: Chapter | None,
    body: str,
    templates: Templates,
    switcher: Sequence[Link],
    fallback: bool,
    base: str,
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
        body=body,
        switcher=switcher,
        alternates=switcher,
        fallback=fallback,
        root=f"../{base}",
        base=base,
        trail=trail,
    )
    return write_page(out, html)


def render_index(
    edition: Edition,
    *,
    templates: Templates,
    switcher: Sequence[Link],
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
        switcher=switcher,
        alternates=switcher,
        downloads=downloads,
        root="../",
        base="",
        intro=intro,
    )
    return write_page(out, html)


def render_root(
    editions: Sequence[Edition], *, title: str, templates: Templates, out: Path
) -> bool:
    """Write ``build/index.html``, which leads to every locale."""
    html = render_template(
        templates,
        "html/root.html",
        gettext=lambda s: s,
        editions=editions,
        title=title,
        source=editions[0],
    )
    return write_page(out, html)


def copy_assets(templates: Templates, fonts: Sequence[Path], out: Path) -> list[Path]:
    """Copy ``templates/assets`` and the web fonts into ``build/assets``; return changed files."""
    changed = []
    for name, path in template_files(templates, under="assets").items():
        target = out / name.removeprefix("assets/")
        if write_bytes_atomic(target, path.read_bytes()):
            changed.append(target)
    for font in fonts:
        target = out / "fonts" / font.name.replace("[wdth,wght]", "")
        if not font.is_file():
            raise RenderError(f"font file missing: {font}; reinstall with 'make build'")
        if write_bytes_atomic(target, font.read_bytes()):
            changed.append(target)
    return changed


__all__ = [
    "Link",
    "copy_assets",
    "render_article",
    "render_index",
    "render_root",
    "render_section",
]
