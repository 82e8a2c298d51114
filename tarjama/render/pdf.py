"""PDF through Typst: pandoc writes each chapter as Typst markup (once per content, see
:mod:`tarjama.render.chapters`), the template and ``meta.json`` add the front matter,
and the ``typst`` package compiles the book in-process as PDF/UA-1 (tagged, every image
with alternative text), optionally PDF/A-2b as well.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.render import Chapter, Edition
from tarjama.render.chapters import chapter_blocks, converted_chapters, copy_media, document_json
from tarjama.render.epub_meta import epoch
from tarjama.render.fonts import (
    ARABIC_FAMILY,
    MONO_FAMILY,
    direction_of,
    families_for,
    primary_subtag,
)
from tarjama.render.pandoc import worker
from tarjama.render.tree import Json, attributes, plain_text, rewrite
from tarjama.render.typst_run import TypstJob, compile_typst


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
_CHAPTERS = '#include "chapters.typ"'  # the template's line that the chapters replace
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


def _image(node: Json) -> list[Json]:
    """An image with its alternative text, as PDF/UA requires (pandoc's Typst writer drops
    it); one without any is decorative, an artifact, and ``tarjama check`` reports it."""
    alt, (src, title) = node["c"][1], node["c"][2]
    text = plain_text(alt) or title
    image = f"image({json.dumps(src)}, alt: {json.dumps(text)})" if text else ""
    code = f"#box({image})" if text else f"#pdf.artifact(image({json.dumps(src)}))"
    return [{"t": "RawInline", "c": ["typst", code]}]


def _typst_rewriter(edition: Edition) -> Callable[[Json], list[Json] | None]:
    """The AST rewrite for Typst: passages in other languages and chapter meta wrapped."""

    def change(node: Json) -> list[Json] | None:
        if node["t"] == "Div":
            return _div(node, edition)
        if node["t"] == "Image":
            return _image(node)
        if node["t"] == "Span" and (lang := dict(attributes(node)).get("lang")):
            opening = {
                "t": "RawInline",
                "c": ["typst", f"#lang-text({_lang_args(lang, edition, block=False)})["],
            }
            return [opening, *node["c"][1], {"t": "RawInline", "c": ["typst", "]"]}]
        return None

    return change


def typst_metadata(edition: Edition, *, cover: str | None) -> dict[str, object]:
    """``meta.json``: the template's texts (plain strings, never parsed as markup) and
    settings."""
    main, other = families_for(edition.lang, edition.direction)
    kind = _TYPES.get(main, _LATIN_TYPE)
    front, tr = edition.front, edition.gettext
    return {
        "title": " ".join(edition.title.split()),
        "description": " ".join(edition.description.split()),
        "language-name": edition.language_name,
        "toc-title": tr("Contents"),
        "authors": list(front.authors),
        "publisher": front.publisher,
        "rights": front.rights,
        "edition": front.edition,
        "isbn": front.isbn,
        "keywords": list(front.keywords),
        "published-by": tr("Published by"),
        "isbn-label": tr("ISBN"),
        "cover-image": cover,
        "cover-alt": f"{tr('Cover')}: {' '.join(edition.title.split())}",
        "lang": typst_lang(edition.lang),
        "dir": edition.direction,
        "main-font": main,
        "other-font": other,
        "mono-font": MONO_FAMILY,
        "font-size": kind.size,
        "leading": kind.leading,
        "spacing": kind.spacing,
        "title-leading": kind.title_leading,
        "digits": _DIGITS.get(typst_lang(edition.lang), "1"),
    }


def chapter_typst(edition: Edition, chapter: Chapter, ident: str) -> str:
    """One chapter as Typst markup."""
    blocks = rewrite(chapter_blocks(edition, chapter, ident), _typst_rewriter(edition))
    text = document_json(blocks)
    what = f"{edition.locale}/{chapter.slug} PDF"
    return worker().convert(
        text, to="typst", options={"wrap_text": "none"}, what=what, source="json"
    )


def typst_book(edition: Edition, *, cache: Path | None) -> str:
    """Every chapter of *edition* in Typst, in order (``chapters.typ``)."""
    parts = converted_chapters(
        edition, "typst", lambda c, i: chapter_typst(edition, c, i), cache=cache
    )
    return "\n".join(text for _, text in parts)


def standards(edition: Edition) -> tuple[str, ...]:
    """The PDF standards the book is exported to: PDF/UA-1, and PDF/A-2b if configured."""
    return ("ua-1", "a-2b") if edition.front.archival else ("ua-1",)


def prepare_folder(edition: Edition, folder: Path, templates: Path, *, cache: Path | None) -> None:
    """Write ``main.typ``, ``cover.typ``, ``meta.json``, ``chapters.typ`` and the images into
    *folder* (only the files whose bytes changed, so a warm compiler redoes little)."""
    for name in ("template.typ", "cover.typ"):
        if not (templates / "pdf" / name).is_file():
            raise RenderError(f"PDF template {templates / 'pdf' / name} is missing")
    write_bytes_atomic(folder / "cover.typ", (templates / "pdf" / "cover.typ").read_bytes())
    cover = None
    if edition.front.cover:
        cover = "cover" + Path(edition.front.cover).suffix.lower()
        shutil.copyfile(edition.front.cover, folder / cover)
    meta = json.dumps(typst_metadata(edition, cover=cover), ensure_ascii=False, indent=1)
    write_text_atomic(folder / "meta.json", meta)
    template = (templates / "pdf" / "template.typ").read_text("utf-8")
    if _CHAPTERS not in template:
        raise RenderError(f"PDF template {templates / 'pdf' / 'template.typ'} has no {_CHAPTERS}")
    # in the same file, so that the chapters see the template's definitions
    main = template.replace(_CHAPTERS, typst_book(edition, cache=cache), 1)
    write_text_atomic(folder / "main.typ", main)
    copy_media(edition, folder)


def render_pdf(edition: Edition, out: Path, *, templates: Path, cache: Path | None = None) -> None:
    """Write *edition* as the PDF *out*, atomically; rebuilds are byte-identical.

    With a *cache* folder, the chapters converted before are reused and Typst compiles in
    a folder of its own there (a process keeps its compiler for it)."""
    with tempfile.TemporaryDirectory(prefix="tarjama-typst-") as tmp:
        folder = Path(tmp) if cache is None else cache / f"{edition.locale}-typst-folder"
        folder.mkdir(parents=True, exist_ok=True)
        prepare_folder(edition, folder, templates, cache=cache)
        job = TypstJob(
            folder=str(folder),
            families=(*families_for(edition.lang, edition.direction), MONO_FAMILY),
            stamp=epoch(edition.date_iso),
            what=f"{edition.locale} PDF",
            standards=standards(edition),
        )
        write_bytes_atomic(out, compile_typst(job))
