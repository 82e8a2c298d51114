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


@dataclass(frozen=True)
class Link:
    """A link to another locale's version of a page."""

    locale: str
    lang: str
    dir: str
    name: str
    href: str


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
    switcher: Sequence[Link],
    fallback: bool,
    out: Path,
) -> bool:
    """Write one article page; returns whether the file changed."""
    if edition.direction == "rtl":  # numbers and Latin words keep their order
        from tarjama.render.bidi import isolate_html

        body_html = isolate_html(body_html)
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
        root="../",
    )
    return write_page(out, html)


def render_index(
    edition: Edition,
    *,
    templates: Path,
    switcher: Sequence[Link],
    downloads: Sequence[dict[str, str]],
    out: Path,
) -> bool:
    """Write a locale's index page."""
    html = render_template(
        templates,
        "html/index.html",
        gettext=edition.gettext,
        edition=edition,
        switcher=switcher,
        alternates=switcher,
        downloads=downloads,
        root="../",
    )
    return write_page(out, html)


def render_root(editions: Sequence[Edition], *, title: str, templates: Path, out: Path) -> bool:
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


def copy_assets(templates: Path, out: Path) -> list[Path]:
    """Copy ``templates/assets`` into ``build/assets``; return changed files (the fonts
    are :mod:`tarjama.render.webfonts`'s)."""
    changed = []
    source = templates / "assets"
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file() and write_bytes_atomic(
                out / path.relative_to(source), path.read_bytes()
            ):
                changed.append(out / path.relative_to(source))
    return changed


__all__ = ["Link", "copy_assets", "render_article", "render_index", "render_root"]
