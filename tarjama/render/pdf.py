"""PDF through Typst: pandoc writes Typst markup, the ``typst`` package compiles it in-process.

Only the fonts of the fontpkg packages are visible to Typst (no system fonts, not even
Typst's bundled ones), so a PDF is the same on every machine and never silently falls
back to another typeface.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import typst

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic
from tarjama.core.locales import DIGITS
from tarjama.render import Edition
from tarjama.render.bidi import isolate_inlines
from tarjama.render.epub import (
    Json,
    attributes,
    book_document,
    check_fonts,
    copy_media,
    epoch,
    inlines,
    rewrite,
)
from tarjama.render.fonts import direction_of, faces, primary_subtag
from tarjama.render.fontuse import BookFonts, names, typography
from tarjama.render.pandoc import run_pandoc

_LTR_OPEN = "\u2066"  # LRI ... PDI: a left-to-right run in right-to-left text, isolated
_WRAPPERS = ("date", "summary", "notice")  # Div classes shown by the template's chapter-* functions


def typst_lang(lang: str) -> str:
    """The ISO 639 code Typst accepts for *lang* (``pt-BR`` -> ``pt``)."""
    code = primary_subtag(lang)
    return code if re.fullmatch(r"[a-z]{2,3}", code) else "en"


def _lang_args(lang: str, edition: Edition, fonts: BookFonts, *, block: bool) -> str:
    """Typst arguments that set text in *lang* inside *edition*: language, typeface, size...

    The size is relative, so that a fallen-back heading keeps its heading size.
    """
    from tarjama.render.scripts import locale_stack

    own = locale_stack(lang, dict(edition.fonts))
    stack = tuple(dict.fromkeys((*own, *fonts.stack)))
    kind, around = typography(stack[0]), typography(fonts.main)
    ratio = kind.size / around.size
    font_list = ", ".join(json.dumps(font) for font in names(stack))
    args = f'lang: "{typst_lang(lang)}", font: ({font_list},), size: {ratio:.3f}em'
    if block:
        args += f", dir: {direction_of(lang)}, leading: {kind.leading}em, spacing: {kind.spacing}em"
    return args


def _div(node: Json, edition: Edition, fonts: BookFonts) -> list[Json] | None:
    """A Div with a language or a chapter-meta class, wrapped in the template's functions."""
    (ident, classes, kvs), blocks = node["c"]
    lang = dict(kvs).get("lang")
    opens = [f"#chapter-{c}[" for c in classes if c in _WRAPPERS]
    if lang:
        opens.append(f"#lang-block({_lang_args(lang, edition, fonts, block=True)})[")
    if not opens:
        return None
    if ident:  # keep the id as a Typst label
        blocks = [{"t": "Div", "c": [[ident, [], []], blocks]}]
    raw = [{"t": "RawBlock", "c": ["typst", text]} for text in opens]
    return [*raw, *blocks, *({"t": "RawBlock", "c": ["typst", "]"]} for _ in opens)]


def _isolate_runs(node: Json) -> Json:
    """Paragraphs of a right-to-left book with their left-to-right runs isolated; passages
    in another language (a ``lang`` Div or Span: they have their own direction) left alone."""
    if isinstance(node, list):
        return [_isolate_runs(item) for item in node]
    if not isinstance(node, dict) or "t" not in node:
        return node
    if node["t"] in ("Div", "Span") and dict(attributes(node)).get("lang"):
        return node
    if node["t"] in ("Para", "Plain"):
        return {"t": node["t"], "c": isolate_inlines(node["c"], _LTR_OPEN, "\u2069")}
    return {key: _isolate_runs(value) for key, value in node.items()}


def _typst_rewriter(edition: Edition, fonts: BookFonts) -> Callable[[Json], list[Json] | None]:
    """The AST rewrite for Typst: passages in other languages and chapter meta wrapped."""

    def change(node: Json) -> list[Json] | None:
        if node["t"] == "Div":
            return _div(node, edition, fonts)
        if node["t"] == "Span" and (lang := dict(attributes(node)).get("lang")):
            opening = {
                "t": "RawInline",
                "c": ["typst", f"#lang-text({_lang_args(lang, edition, fonts, block=False)})["],
            }
            return [opening, *node["c"][1], {"t": "RawInline", "c": ["typst", "]"]}]
        return None

    return change


def typst_metadata(edition: Edition, fonts: BookFonts) -> dict[str, Json]:
    """The template's variables: texts as inlines (pandoc escapes them), settings as strings."""
    kind = typography(fonts.main)
    texts = {
        "title": edition.title,
        "description": edition.description,
        "language-name": edition.language_name,
        "toc-title": edition.gettext("Contents"),
    }
    settings = {
        "lang": typst_lang(edition.lang),
        "dir": edition.direction,
        "font-size": f"{kind.size}pt",
        "leading": f"{kind.leading}em",
        "spacing": f"{kind.spacing}em",
        "title-leading": f"{kind.title_leading}em",
        "title-gap": f"{kind.title_gap}em",
        "top-edge": kind.edges[0],
        "bottom-edge": kind.edges[1],
        "digits": DIGITS.get(edition.digits, DIGITS["latn"]),
    }
    meta = {key: {"t": "MetaInlines", "c": inlines(value)} for key, value in texts.items()}
    lists = {"fonts": names(fonts.stack), "mono-fonts": names(fonts.mono)}
    meta |= {
        key: {"t": "MetaList", "c": [{"t": "MetaString", "c": name} for name in value]}
        for key, value in lists.items()
    }
    return meta | {key: {"t": "MetaString", "c": value} for key, value in settings.items()}


def typst_source(edition: Edition, template: Path) -> tuple[bytes, BookFonts]:
    """The whole book as a Typst document, written by pandoc through *template*, and its
    fonts (checked: a character they lack is an error before Typst runs)."""
    with tempfile.TemporaryDirectory(prefix="tarjama-pdf-") as tmp:
        doc = book_document(edition, Path(tmp))
    fonts = check_fonts(edition, doc, "PDF")
    if edition.direction == "rtl":
        doc["blocks"] = _isolate_runs(doc["blocks"])
    doc["blocks"] = rewrite(doc["blocks"], _typst_rewriter(edition, fonts))
    doc["meta"] = typst_metadata(edition, fonts)
    args = ["-f", "json", "-t", "typst", "--wrap=none", f"--template={template.resolve()}"]
    text = json.dumps(doc, ensure_ascii=False)
    return run_pandoc(args, text=text, what=f"{edition.locale} PDF"), fonts


_FONT_DIRS: dict[tuple[str, ...], Path] = {}


def _font_folder(families: tuple[str, ...]) -> Path:
    """A folder holding links to the files of *families* and nothing else: Typst searches
    folders, and a shared folder (Debian's) has fonts that were not chosen."""
    if families not in _FONT_DIRS:
        folder = Path(tempfile.mkdtemp(prefix="tarjama-fonts-"))
        atexit.register(shutil.rmtree, folder, True)
        for number, face in enumerate(f for family in families for f in faces(family)):
            link = folder / f"{number:02d}-{face.path.name}"
            if not link.exists():
                link.symlink_to(face.path)
        _FONT_DIRS[families] = folder
    return _FONT_DIRS[families]


@functools.cache
def _fonts(families: tuple[str, ...]) -> typst.Fonts:
    """Typst's font book: the fontpkg folders only, without system or bundled fonts."""
    folders = [str(_font_folder(families))]
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


def compile_pdf(source: bytes, edition: Edition, fonts: BookFonts) -> bytes:
    """Compile Typst *source* (and the edition's images) to PDF bytes, dated with the
    edition so rebuilds are identical."""
    families = fonts.mono
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


def render_pdf(edition: Edition, out: Path, *, templates: Path) -> None:
    """Write *edition* as the PDF *out*, atomically; rebuilds are byte-identical."""
    template = templates / "pdf" / "template.typ"
    if not template.is_file():
        raise RenderError(f"PDF template {template} is missing")
    source, fonts = typst_source(edition, template)
    write_bytes_atomic(out, compile_pdf(source, edition, fonts))


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
