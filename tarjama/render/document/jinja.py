"""The sandboxed Jinja environment every format renders its templates in, and the
escaping ``gettext`` it gets: interface translations are text, never markup, whatever a
``ui.po`` holds; a template's error is one line naming the template and its line."""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.sandbox
from markupsafe import Markup, escape

from tarjama.core.errors import RenderError
from tarjama.core.templates import Templates, search_path


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
