"""PDF through Typst: pandoc writes Typst markup, the ``typst`` package compiles it in-process.

Only the fonts of the fontpkg packages are visible to Typst (no system fonts, not even
Typst's bundled ones), so a PDF is the same on every machine and never silently falls
back to another typeface.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typst

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic
from tarjama.core.templates import Templates, find_template, search_path
from tarjama.render import Edition
from tarjama.render.epub import (
    attributes,
    book_document,
    copy_media,
    epoch,
    inlines,
)
from tarjama.render.fonts import (
    ARABIC_FAMILY,
    direction_of,
    families_for,
    font_folders,
    primary_subtag,
)
from tarjama.render.math import MATH_FAMILY, has_math, math_font_folder, math_rule
from tarjama.render.pandoc import run_pandoc
from tarjama.render.pandoc_ast import Json, rewrite
from tarjama.render.parts import toc_depth


@dataclass(frozen=True)
class _Type:
    """Typography of one typeface: body size in points, gaps between lines and paragraphs
    in em (and between the lines of a chapter title, which is larger)."""

    size: float
    leading: float
    spacing: float
    title_leading: float


# Amiri looks smaller than Noto Serif at the same size and needs more room between lines.
_TYPES = {ARABIC_FAMILY: _Type(12.5, 1.0, 1.6, 0.9)}
_LATIN_TYPE = _Type(10.5, 0.7, 1.1, 0.5)
_DIGITS = {"ar": "١", "ur": "۱", "fa": "۱"}  # page and footnote numbers in the script's digits
_WRAPPERS = ("date", "summary")  # Div classes shown by the template's chapter-* functions


def typst_lang(lang: str) -> str:
    """The ISO 639 code Typst accepts for *lang* (``pt-BR`` -> ``pt``)."""
    code = primary_subtag(lang)
    return code if re.fullmatch(r"[a-z]{2,3}", code) else "en"


def _lang_args(lang: str, edition: Edition, *, block: bool) -> str:
    """Typst arguments that set text in *lang* inside *edition*: language, typeface, size...

    The size is relative, so that a fallen-back heading keeps its heading size.
    """
    fonts = families_for(lang, direction_of(lang))
    kind = _TYPES.get(fonts[0], _LATIN_TYPE)
    around = _TYPES.get(families_for(edition.lang, edition.direction)[0], _LATIN_TYPE)
    ratio = kind.size / around.size
    names = ", ".join(json.dumps(font) for font in fonts)
    args = f'lang: "{typst_lang(lang)}", font: ({names}), size: {ratio:.3f}em'
    if block:
        args += f", dir: {direction_of(lang)}, leading: {kind.leading}em, spacing: {kind.spacing}em"
    return args


def _div(node: Json, edition: Edition) -> list[Json] | None:
    """A Div with a language or a chapter-meta class, wrapped in the template's functions."""
    (ident, classes, kvs), blocks = node["c"]
    lang = dict(kvs).get("lang")
    opens = [f"#chapter-{c}[" for c in classes if c in _WRAPPERS]
    if lang:
        opens.append(f"#lang-block({_lang_args(lang, edition, block=True)})[")
    if not opens:
        return None
    if ident:  # keep the id as a Typst label
        blocks = [{"t": "Div", "c": [[ident, [], []], blocks]}]
    raw = [{"t": "RawBlock", "c": ["typst", text]} for text in opens]
    return [*raw, *blocks, *({"t": "RawBlock", "c": ["typst", "]"]} for _ in opens)]


def _typst_rewriter(edition: Edition) -> Callable[[Json], list[Json] | None]:
    """The AST rewrite for Typst: passages in other languages and chapter meta wrapped."""

    def change(node: Json) -> list[Json] | None:
        if node["t"] == "Div":
            return _div(node, edition)
        if node["t"] == "Span" and (lang := dict(attributes(node)).get("lang")):
            opening = {
                "t": "RawInline",
                "c": ["typst", f"#lang-text({_lang_args(lang, edition, block=False)})["],
            }
            return [opening, *node["c"][1], {"t": "RawInline", "c": ["typst", "]"]}]
        return None

    return change


def typst_metadata(edition: Edition) -> dict[str, Json]:
    """The template's variables: texts as inlines (pandoc escapes them), settings as strings."""
    main, other = families_for(edition.lang, edition.direction)
    kind = _TYPES.get(main, _LATIN_TYPE)
    texts = {
        "title": edition.title,
        "description": edition.description,
        "language-name": edition.language_name,
        "toc-title": edition.gettext("Contents"),
    }
    settings = {
        "lang": typst_lang(edition.lang),
        "dir": edition.direction,
        "main-font": main,
        "other-font": other,
        "font-size": f"{kind.size}pt",
        "leading": f"{kind.leading}em",
        "spacing": f"{kind.spacing}em",
        "title-leading": f"{kind.title_leading}em",
        "digits": _DIGITS.get(typst_lang(edition.lang), "1"),
        "toc-depth": str(toc_depth(edition)),  # parts and their chapters
    }
    meta = {key: {"t": "MetaInlines", "c": inlines(value)} for key, value in texts.items()}
    return meta | {key: {"t": "MetaString", "c": value} for key, value in settings.items()}


def typst_source(edition: Edition, template: Path) -> bytes:
    """The whole book as a Typst document, written by pandoc through *template*."""
    with tempfile.TemporaryDirectory(prefix="tarjama-pdf-") as tmp:
        doc = book_document(edition, Path(tmp))
    doc["blocks"] = rewrite(doc["blocks"], _typst_rewriter(edition))
    doc["meta"] = typst_metadata(edition)
    args = ["--sandbox", "-f", "json", "-t", "typst", "--wrap=none"]
    args.append(f"--template={template.resolve()}")
    text = json.dumps(doc, ensure_ascii=False)
    return run_pandoc(args, text=text, what=f"{edition.locale} PDF")


@functools.cache
def _fonts(families: tuple[str, ...]) -> typst.Fonts:
    """Typst's font book: the fontpkg folders only (and the math font's, for a book with
    math), without system or bundled fonts."""
    folders = [str(path) for path in font_folders(tuple(f for f in families if f != MATH_FAMILY))]
    if MATH_FAMILY in families:
        folders.append(str(math_font_folder()))
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=folders)


# The process whose Typst has started its thread pool (rayon's, global to the process).
# A process forked from it inherits the pool's state but not its threads, and its first
# compile would wait for them forever: such a process compiles in a fresh subprocess.
_typst_pid: int | None = None


def _compile(folder: Path, families: tuple[str, ...], stamp: int, locale: str) -> bytes:
    """Compile *folder*'s ``main.typ`` (with the images beside it) to PDF bytes here."""
    global _typst_pid
    _typst_pid = os.getpid()
    try:
        pdf, warnings = typst.compile_with_warnings(
            str(folder / "main.typ"),
            root=str(folder),
            font_paths=_fonts(families),
            ignore_system_fonts=True,
            timestamp=stamp,
        )
    except typst.TypstError as exc:
        message = (getattr(exc, "message", "") or str(exc)).strip().splitlines()
        first = message[0] if message else type(exc).__name__
        raise RenderError(f"{locale} PDF: Typst failed: {first}") from None
    # A missing font would silently change the typeface: treat it as the error it is.
    for warning in warnings:
        if "font" in warning.message:
            raise RenderError(f"{locale} PDF: Typst: {warning.message}")
    return pdf


def _compile_in_subprocess(
    folder: Path, families: tuple[str, ...], stamp: int, locale: str
) -> bytes:
    """Compile in ``python -m tarjama.render.pdf`` (see :func:`_main`)."""
    args = [sys.executable, "-m", __name__, str(folder), locale, str(stamp), *families]
    result = subprocess.run(args, capture_output=True, check=False)
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(lines[-1] if lines else f"{locale} PDF: Typst subprocess failed")
    return result.stdout


def compile_pdf(source: bytes, edition: Edition) -> bytes:
    """Compile Typst *source* (and the edition's images) to PDF bytes, dated with the
    edition so rebuilds are identical."""
    families: tuple[str, ...] = families_for(edition.lang, edition.direction)
    if has_math(source):
        math_font_folder(edition.locale)  # a clear error when the font is missing
        families = (*families, MATH_FAMILY)
        source = math_rule().encode("utf-8") + b"\n" + source
    stamp = epoch(edition.date_iso)
    with tempfile.TemporaryDirectory(prefix="tarjama-typst-") as tmp:
        folder = Path(tmp)
        (folder / "main.typ").write_bytes(source)
        copy_media(edition, folder)
        if _typst_pid not in (None, os.getpid()):
            return _compile_in_subprocess(folder, families, stamp, edition.locale)
        return _compile(folder, families, stamp, edition.locale)


def _main(argv: list[str]) -> int:
    """``python -m tarjama.render.pdf FOLDER LOCALE STAMP FAMILY...``: the PDF on stdout."""
    folder, locale, stamp, *families = argv
    try:
        pdf = _compile(Path(folder), tuple(families), int(stamp), locale)
    except RenderError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    sys.stdout.buffer.write(pdf)
    return 0


def render_pdf(edition: Edition, out: Path, *, templates: Templates) -> None:
    """Write *edition* as the PDF *out*, atomically; rebuilds are byte-identical."""
    template = find_template(templates, "pdf/template.typ")
    if template is None:
        folder = search_path(templates)[0]
        raise RenderError(f"PDF template pdf/template.typ is missing from {folder}")
    write_bytes_atomic(out, compile_pdf(typst_source(edition, template), edition))


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
