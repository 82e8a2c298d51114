"""HTML site rendering: Jinja templates (autoescaped, gettext-enabled) around pandoc output."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from markupsafe import Markup, escape

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.templates import Templates, search_path, template_files
from tarjama.render import Chapter, Edition, NavItem, Section
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
    missing: bool = False  # the locale does not have this page: *href* is its index


@dataclass(frozen=True)
class Neighbour:
    """The previous or next article in publication order."""

    slug: str
    title: str
    title_lang: str | None = None


@dataclass(frozen=True)
class Page:
    """Where a page sits in the site and what links around it.

    *root* leads from the page to the build folder and *here* to its locale's folder
    (``../../`` and ``../`` for ``fr/history/early-years.html``): relative for ordinary
    pages, absolute for a 404 page (served at any depth) when the site has a base URL.
    *canonical* and *feed* are "" without a base URL.
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
def environment(templates: tuple[Path, ...]) -> jinja2.Environment:
    """The Jinja environment over the template folders (the first that has a file wins):
    sandboxed (a template cannot reach Python internals), autoescaping always on; the i18n
    extension parses ``{% trans %}``, and every render passes its own ``gettext`` (see
    :func:`render_template`)."""
    env = jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in templates]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    env.install_null_translations(newstyle=False)  # type: ignore[attr-defined]
    return env


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


def interpolate(text: str, values: Mapping[str, object]) -> Markup:
    """An interface translation as escaped HTML, its ``%(name)s`` placeholders replaced by
    the escaped *values*; ``%%`` is a percent sign and so is any other ``%``.

    >>> interpolate('<b> %(n)s & 100 %', {"n": "<i>"})
    Markup('&lt;b&gt; &lt;i&gt; &amp; 100 %')
    """
    out = Markup("")
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name is not None and name not in values:
            continue  # not a placeholder of this call: literal text
        out += escape(text[position : match.start()])
        out += escape(values[name]) if name is not None else "%"
        position = match.end()
    return out + escape(text[position:])


def _translators(
    gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str] | None
) -> dict[str, Callable[..., Markup]]:
    """``_``, ``gettext`` and ``ngettext`` for the templates: translations are text, never
    markup, whatever a ``ui.po`` holds."""

    def translate(message: str, **values: object) -> Markup:
        return interpolate(gettext(message), values)

    def translate_plural(singular: str, plural: str, n: int, **values: object) -> Markup:
        text = (
            ngettext(singular, plural, n) if ngettext else gettext(singular if n == 1 else plural)
        )
        return interpolate(text, {"num": n, **values})

    return {"_": translate, "gettext": translate, "ngettext": translate_plural}


def render_template(
    templates: Templates,
    name: str,
    *,
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str] | None = None,
    **context: object,
) -> str:
    """Render template *name* with the locale's interface translations; any error in the
    template is a RenderError naming the template and its line."""
    folders = search_path(templates)
    env = environment(folders)
    ngettext = ngettext or getattr(gettext, "ngettext", None)  # the locale's plural forms
    try:
        return env.get_template(name).render(**context, **_translators(gettext, ngettext))
    except Exception as exc:  # syntax, undefined names, the sandbox, a filter's failure
        where, line = _template_frame(exc, folders, name)
        message = (
            str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        )
        raise RenderError(
            f"template error: {message}; fix the template", path=where, line=line
        ) from None


def _template_frame(
    exc: BaseException, folders: tuple[Path, ...], name: str
) -> tuple[str, int | None]:
    """The template file (relative to its templates folder's parent, as the project names
    it) and line of *exc*: a syntax error's own, else the innermost template frame of the
    traceback (Jinja maps its frames back to the template source)."""
    file, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    roots = [folder.resolve() for folder in folders]
    if line is None:
        for frame in traceback.extract_tb(exc.__traceback__):
            if any(Path(frame.filename).resolve().is_relative_to(r) for r in roots):
                file, line = frame.filename, frame.lineno
    found = Path(file) if file and Path(file).is_absolute() else None
    if found is None:
        found = next((r / (file or name) for r in roots if (r / (file or name)).is_file()), None)
    path = (found or roots[0] / (file or name)).resolve()
    root = next((r for r in roots if path.is_relative_to(r)), roots[0])
    shown = path.relative_to(root.parent) if path.is_relative_to(root.parent) else path
    return shown.as_posix(), line


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
        from tarjama.render.bidi import isolate_html

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
    are :mod:`tarjama.render.webfonts`'s)."""
    changed = []
    for name, path in template_files(templates, under="assets").items():
        target = out / name.removeprefix("assets/")
        if write_bytes_atomic(target, path.read_bytes()):
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
    "render_section",
]
