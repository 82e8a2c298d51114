"""PDF through Typst: pandoc writes each chapter as Typst markup (once per content, see
:mod:`tarjama.render.document.chapters`), the template and ``meta.json`` add the front matter,
and the ``typst`` package compiles the book in-process as PDF/UA-1 (tagged, every image
with alternative text), optionally PDF/A-2b as well.

Sections are parts: a part's or a chapter's title is a heading at its outline level,
wrapped in the template's ``book-part``/``book-chapter`` (only those are outlined and
open a page). A link into another chapter is the template's ``xref``, which Typst
resolves to the anchor, or to the chapter when the anchor is not in this edition.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from tarjama.core.dates import epoch
from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.locales import direction_of
from tarjama.core.templates import Templates, required_template
from tarjama.render.contract import Chapter, Edition, Section
from tarjama.render.document.admonitions import labels, shape
from tarjama.render.document.ast import Json, attributes, inlines, lang_attrs, plain_text, rewrite
from tarjama.render.document.bidi import isolate_blocks
from tarjama.render.document.chapters import (
    Place,
    chapter_blocks,
    converted_chapters,
    copy_media,
    document_json,
)
from tarjama.render.document.pandoc import worker
from tarjama.render.document.parts import cross_target, outline
from tarjama.render.fonts.coverage import edition_texts
from tarjama.render.fonts.math import MATH_FAMILY, has_math, math_font_folder, math_rule
from tarjama.render.fonts.use import BookFonts, book_fonts, names, typography
from tarjama.render.typst.markup import typst_lang, typst_metadata, typst_string
from tarjama.render.typst.run import TypstJob, compile_typst

_CHAPTERS = '#include "chapters.typ"'  # the template's line that the chapters replace
_WRAPPERS = ("date", "summary", "notice")  # Div classes shown by the template's chapter-* functions
_TITLES = {"chapter": "#book-chapter[", "part": "#book-part["}  # Header class -> wrapper


def _lang_args(lang: str, edition: Edition, *, block: bool) -> str:
    """Typst arguments that set text in *lang* inside *edition*: language, typeface, size...

    The size is relative, so that a fallen-back heading keeps its heading size.
    """
    from tarjama.render.fonts.scripts import locale_stack

    # the passage's own fonts, then the book's (the template's main-fonts, chosen by script
    # from every character of the book after the chapters are converted)
    overrides = dict(edition.fonts)
    own, around_stack = locale_stack(lang, overrides), locale_stack(edition.lang, overrides)
    kind = typography(own[0]) if own else typography("")
    around = typography(around_stack[0]) if around_stack else typography("")
    ratio = kind.size / around.size
    font_list = "".join(f"{json.dumps(font)}, " for font in names(own))
    args = f'lang: "{typst_lang(lang)}", font: ({font_list}..main-fonts), size: {ratio:.3f}em'
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


def _image(node: Json) -> list[Json]:
    """An image with its alternative text, as PDF/UA requires (pandoc's Typst writer drops
    it); one without any is decorative, an artifact, and ``tarjama check`` reports it."""
    alt, (src, title) = node["c"][1], node["c"][2]
    text = plain_text(alt) or title
    image = f"image({json.dumps(src)}, alt: {json.dumps(text)})" if text else ""
    code = f"#box({image})" if text else f"#pdf.artifact(image({json.dumps(src)}))"
    return [{"t": "RawInline", "c": ["typst", code]}]


def _raw(code: str) -> Json:
    return {"t": "RawInline", "c": ["typst", code]}


def _typst_rewriter(edition: Edition, ident: str) -> Callable[[Json], list[Json] | None]:
    """The AST rewrite for Typst: passages in other languages and chapter meta wrapped,
    part and chapter titles marked, links into other chapters made ``xref``s."""

    def change(node: Json) -> list[Json] | None:
        if node["t"] == "Div":
            return _div(node, edition)
        if node["t"] == "Image":
            return _image(node)
        if node["t"] == "Header" and (roles := [c for c in node["c"][1][1] if c in _TITLES]):
            opening = {"t": "RawBlock", "c": ["typst", _TITLES[roles[0]]]}
            return [opening, node, {"t": "RawBlock", "c": ["typst", "]"]}]
        if node["t"] == "Math":  # PDF/UA: an equation needs its alternative text (its TeX)
            return [
                _raw(f"#math-alt({typst_string(' '.join(node['c'][1].split()))})["),
                node,
                _raw("]"),
            ]
        if node["t"] == "Link" and (chapter := cross_target(node["c"][2][0], ident)):
            target = typst_string(node["c"][2][0][1:])
            return [_raw(f"#xref({target}, {typst_string(chapter)})["), *node["c"][1], _raw("]")]
        if node["t"] == "Span" and (lang := dict(attributes(node)).get("lang")):
            opening = {
                "t": "RawInline",
                "c": ["typst", f"#lang-text({_lang_args(lang, edition, block=False)})["],
            }
            return [opening, *node["c"][1], {"t": "RawInline", "c": ["typst", "]"]}]
        return None

    return change


def chapter_typst(edition: Edition, chapter: Chapter, place: Place) -> str:
    """One chapter as Typst markup."""
    rewriter = _typst_rewriter(edition, place.ident)
    blocks = shape(chapter_blocks(edition, chapter, place), "typst", *labels(edition))
    if edition.direction == "rtl":  # numbers and Latin words keep their order
        blocks = isolate_blocks(blocks)
    blocks = rewrite(blocks, rewriter)
    what = f"{edition.locale}/{chapter.slug} PDF"
    return _to_typst(blocks, what)


def _to_typst(blocks: list[Json], what: str) -> str:
    text = document_json(blocks)
    return worker().convert(
        text, to="typst", options={"wrap_text": "none"}, what=what, source="json"
    )


def part_typst(edition: Edition, section: Section, ident: str, level: int) -> str:
    """The title of the part that opens *section*, as Typst markup."""
    title = inlines(section.title)
    if moved := lang_attrs(section.title_lang, edition):
        title = [{"t": "Span", "c": [["", [], moved], title]}]
    header = {"t": "Header", "c": [level, [ident, ["part"], []], title]}
    blocks = rewrite([header], _typst_rewriter(edition, ident))
    return _to_typst(blocks, f"{edition.locale}/{section.path} PDF")


def typst_book(edition: Edition, *, cache: Path | None) -> str:
    """Every part and chapter of *edition* in Typst, in order (``chapters.typ``)."""
    converted = converted_chapters(
        edition, "typst", lambda c, p: chapter_typst(edition, c, p), cache=cache
    )
    texts = [
        converted[item.ident]
        if item.section is None
        else part_typst(edition, item.section, item.ident, item.level)
        for item in outline(edition)
    ]
    return "\n".join(texts)


def standards(edition: Edition) -> tuple[str, ...]:
    """The PDF standards the book is exported to: PDF/UA-1, and PDF/A-2b if configured."""
    return ("ua-1", "a-2b") if edition.front.archival else ("ua-1",)


def prepare_folder(
    edition: Edition, folder: Path, templates: Templates, *, cache: Path | None
) -> tuple[bool, BookFonts]:
    """Write ``main.typ``, ``cover.typ``, ``meta.json``, ``chapters.typ`` and the images into
    *folder* (only the files whose bytes changed, so a warm compiler redoes little);
    returns whether the book sets math (and needs the math font), and its fonts, chosen
    by script and checked against every character the book shows (a character they lack
    is the one-line missing-glyph error, before Typst runs)."""
    template_path = required_template(templates, "pdf/template.typ", "PDF")
    cover_template = required_template(templates, "pdf/cover.typ", "PDF")
    template = template_path.read_text("utf-8")
    if _CHAPTERS not in template:
        raise RenderError(f"PDF template {template_path} has no {_CHAPTERS}")
    # in the same file, so that the chapters see the template's definitions
    chapters = typst_book(edition, cache=cache)
    # the converted chapters hold every character they show (and markup, in ASCII)
    fonts = book_fonts(edition, [chapters, *edition_texts(edition)], what="PDF")
    write_bytes_atomic(folder / "cover.typ", cover_template.read_bytes())
    cover = None
    if edition.front.cover:
        cover = "cover" + Path(edition.front.cover).suffix.lower()
        shutil.copyfile(edition.front.cover, folder / cover)
    meta = json.dumps(typst_metadata(edition, fonts, cover=cover), ensure_ascii=False, indent=1)
    write_text_atomic(folder / "meta.json", meta)
    math = has_math(chapters.encode("utf-8"))
    if math:  # equations in the math font (a clear error when it is missing)
        math_font_folder(edition.locale)
        chapters = math_rule() + "\n" + chapters
    write_text_atomic(folder / "main.typ", template.replace(_CHAPTERS, chapters, 1))
    copy_media(edition, folder)
    return math, fonts


_FOLDERS: dict[tuple[str, str], Path] = {}


def typst_folder(cache: Path, locale: str) -> Path:
    """The folder Typst compiles *locale*'s book in, for this process: a temporary one,
    holding only what tarjama writes into it (``TARJAMA_TYPST_FOLDER`` names a folder to
    keep instead, for inspection and the benchmarks)."""
    kept = os.environ.get("TARJAMA_TYPST_FOLDER")
    if kept:
        folder = Path(kept) / locale
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    key = (str(cache), locale)
    if key not in _FOLDERS or not _FOLDERS[key].is_dir():
        _FOLDERS[key] = Path(tempfile.mkdtemp(prefix=f"tarjama-typst-{locale}-"))
        atexit.register(shutil.rmtree, _FOLDERS[key], True)
    return _FOLDERS[key]


def render_pdf(
    edition: Edition, out: Path, *, templates: Templates, cache: Path | None = None
) -> None:
    """Write *edition* as the PDF *out*, atomically; rebuilds are byte-identical.

    With a *cache* folder, the chapters converted before are reused and Typst compiles in
    a temporary folder that this process keeps for the locale (and its compiler with it,
    warm for the next compile)."""
    with tempfile.TemporaryDirectory(prefix="tarjama-typst-") as tmp:
        folder = Path(tmp) if cache is None else typst_folder(cache, edition.locale)
        math, fonts = prepare_folder(edition, folder, templates, cache=cache)
        families = fonts.mono
        job = TypstJob(
            folder=str(folder),
            families=(*families, MATH_FAMILY) if math else families,
            stamp=epoch(edition.date_iso),
            what=f"{edition.locale} PDF",
            standards=standards(edition),
        )
        write_bytes_atomic(out, compile_typst(job))
