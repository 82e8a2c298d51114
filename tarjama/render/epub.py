"""EPUB 3 through pandoc's EPUB writer: one file per chapter, right-to-left aware, fonts embedded.

:func:`book_document` (every chapter in one pandoc AST) is shared with the PDF renderer.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic
from tarjama.render import Chapter, Edition
from tarjama.render.coverage import doc_texts, edition_texts
from tarjama.render.fonts import direction_of
from tarjama.render.fontuse import BookFonts, book_fonts, family_css, font_face_css
from tarjama.render.pandoc import READER, run_pandoc
from tarjama.render.subset import subset_face

Json = Any  # a node of pandoc's JSON AST
# Metadata comes from the Edition, never from a chapter body.
READ_FORMAT = f"{READER}-yaml_metadata_block"
_MARK = "tarjama"  # format of the raw block that opens each chapter file
_ATTR_AT = {"Div": 0, "Span": 0, "Header": 1, "CodeBlock": 0}  # where an element keeps its Attr
_DEFAULT_EPOCH = 946684800  # 2000-01-01, when an edition has no date


def inlines(text: str) -> list[Json]:
    """Plain *text* as pandoc inlines: no Markdown parsing, so nothing needs escaping."""
    # Typographic apostrophes, as pandoc's "smart" extension makes them in the bodies.
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    out: list[Json] = []
    for word in text.split():
        out += [{"t": "Space"}, {"t": "Str", "c": word}] if out else [{"t": "Str", "c": word}]
    return out


def lang_attrs(lang: str | None, edition: Edition) -> list[list[str]]:
    """``lang`` and ``dir`` attributes for text in *lang*; none for the edition's own language."""
    if not lang or lang == edition.lang:
        return []
    return [["lang", lang], ["dir", direction_of(lang)]]


def attributes(node: Json) -> list[list[str]]:
    """The key-value attributes of a Div, Span, Header or CodeBlock (empty for others)."""
    at = _ATTR_AT.get(node["t"]) if isinstance(node, dict) else None
    return list(node["c"][at][2]) if at is not None else []


def walk(node: Json) -> Iterator[Json]:
    """Every element (a dict with ``t``) under *node*, parents before children."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def rewrite(node: Json, change: Callable[[Json], list[Json] | None]) -> Json:
    """Rewrite the AST bottom-up; *change* returns an element's replacements, or None to keep it."""
    if isinstance(node, dict):
        return {key: rewrite(value, change) for key, value in node.items()}
    if not isinstance(node, list):
        return node
    out: list[Json] = []
    for item in node:
        item = rewrite(item, change)
        replaced = change(item) if isinstance(item, dict) and "t" in item else None
        out.extend([item] if replaced is None else replaced)
    return out


def chapter_ids(chapters: tuple[Chapter, ...]) -> list[str]:
    """One identifier per chapter from its slug, usable as file name, XML id and Typst label."""
    ids: list[str] = []
    for index, chapter in enumerate(chapters, 1):
        base = re.sub(r"[^A-Za-z0-9_-]+|_{2,}", "-", chapter.slug).strip("-_") or "chapter"
        base = base if base[0].isalpha() else f"c-{base}"
        ids.append(base if base not in ids else f"{base}-{index}")
    return ids


def book_document(edition: Edition, folder: Path) -> dict[str, Json]:
    """Every chapter in one pandoc document, each opened by its title as a level-1 heading.

    Chapters are parsed as separate files (``--file-scope``, in *folder*): footnotes stay
    in their chapter, and pandoc prefixes identifiers with the file name (``slug__id``).
    """
    ids = chapter_ids(edition.chapters)
    for ident, chapter in zip(ids, edition.chapters, strict=True):
        (folder / ident).write_text(f"```{{={_MARK}}}\n{ident}\n```\n\n{chapter.body}\n", "utf-8")
    args = ["--file-scope", "-f", READ_FORMAT, "-t", "json", *ids]
    doc: dict[str, Json] = json.loads(run_pandoc(args, cwd=folder, what=f"{edition.locale} book"))
    bodies: dict[str, list[Json]] = {}
    current: list[Json] = []
    for block in doc["blocks"]:
        if block["t"] == "RawBlock" and block["c"][0] == _MARK:
            current = bodies.setdefault(block["c"][1].strip(), [])
        else:
            current.append(block)
    blocks = [
        block
        for ident, chapter in zip(ids, edition.chapters, strict=True)
        for block in _chapter(edition, chapter, ident, bodies.get(ident, []))
    ]
    doc["blocks"] = _unlink_missing(blocks)
    return doc


def _unlink_missing(blocks: list[Json]) -> list[Json]:
    """Links to anchors that exist nowhere in the book, replaced by their text.

    EPUBCheck rejects them and Typst refuses to compile them; with ``--file-scope``
    a link into another chapter is one of them.
    """
    anchors = {
        node["c"][_ATTR_AT[node["t"]]][0]
        for node in walk(blocks)
        if node["t"] in ("Header", "Div", "Span")
    }

    def change(node: Json) -> list[Json] | None:
        if node["t"] != "Link" or not node["c"][2][0].startswith("#"):
            return None
        return None if node["c"][2][0][1:] in anchors else list(node["c"][1])

    result: list[Json] = rewrite(blocks, change)
    return result


def _chapter(edition: Edition, chapter: Chapter, ident: str, body: list[Json]) -> list[Json]:
    """Title heading, date and summary of *chapter*, then its body."""
    title = inlines(chapter.title)
    if moved := lang_attrs(chapter.title_lang, edition):
        title = [{"t": "Span", "c": [["", [], moved], title]}]
    blocks: list[Json] = [{"t": "Header", "c": [1, [ident, ["chapter"], []], title]}]
    for kind, text, lang in (
        ("date", chapter.date_text, None),
        ("summary", chapter.summary, chapter.summary_lang),
    ):
        if text.strip():
            attr = ["", [kind], lang_attrs(lang, edition)]
            blocks.append({"t": "Div", "c": [attr, [{"t": "Para", "c": inlines(text)}]]})
    if _falls_back(edition, [*title, *body]):  # say so, as the HTML page does
        note = edition.gettext(FALLBACK_NOTICE)
        # untranslated, the notice itself is in the source language: say so, for its font
        marks = lang_attrs(edition.source_lang if note == FALLBACK_NOTICE else None, edition)
        blocks.append(
            {"t": "Div", "c": [["", ["notice"], marks], [{"t": "Para", "c": inlines(note)}]]}
        )
    return blocks + _body(body, edition)


FALLBACK_NOTICE = (
    "Some passages of this article are not translated yet and are shown in the original language."
)


def _falls_back(edition: Edition, nodes: list[Json]) -> bool:
    """Whether *nodes* hold a passage shown in the source language."""
    if edition.lang == edition.source_lang:
        return False
    return any(
        k == "lang" and v == edition.source_lang
        for node in walk(nodes)
        for k, v in attributes(node)
    )


def _body(blocks: list[Json], edition: Edition) -> list[Json]:
    """Headings shifted below the chapter title, with their language moved into a Span.

    On a Header, pandoc copies ``lang``/``dir`` to the whole section it opens, which
    would mark the translated paragraphs under a fallen-back heading as English.
    """
    levels = [node["c"][0] for node in walk(blocks) if node["t"] == "Header"]
    shift = max(0, 2 - min(levels, default=2))

    def change(node: Json) -> list[Json] | None:
        if node["t"] in ("CodeBlock", "Code") and edition.direction == "rtl":
            (ident, classes, kvs), code = node["c"]  # code reads left to right, isolated
            return [{"t": node["t"], "c": [[ident, classes, [*kvs, ["dir", "ltr"]]], code]}]
        if node["t"] != "Header":
            return None
        level, (ident, classes, kvs), content = node["c"]
        moved = [kv for kv in kvs if kv[0] in ("lang", "dir")]
        if moved:
            content = [{"t": "Span", "c": [["", [], moved], content]}]
        kept = [kv for kv in kvs if kv[0] not in ("lang", "dir")]
        return [{"t": "Header", "c": [min(6, level + shift), [ident, classes, kept], content]}]

    result: list[Json] = rewrite(blocks, change)
    return result


def epoch(date_iso: str) -> int:
    """The edition's date in Unix seconds, which fixes every timestamp in EPUB and PDF."""
    if not date_iso:
        return _DEFAULT_EPOCH
    try:
        when = dt.datetime.fromisoformat(date_iso)
    except ValueError:
        raise RenderError(f"edition date {date_iso!r} is not an ISO 8601 date") from None
    return int((when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp())


def metadata(edition: Edition) -> dict[str, Json]:
    """The book's metadata in its own language; the identifier is stable across builds."""
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"tarjama:{edition.title}:{edition.locale}")

    def text(value: str) -> Json:
        return {"t": "MetaInlines", "c": inlines(value)}

    def string(value: str) -> Json:
        return {"t": "MetaString", "c": value}

    meta = {
        "title": text(edition.title),
        "language-name": text(edition.language_name),
        "toc-title": text(edition.gettext("Contents")),
        "lang": string(edition.lang),
        "identifier": string(f"urn:uuid:{identifier}"),
    }
    if edition.description.strip():  # an empty dc:description is invalid
        meta["description"] = text(edition.description)
    if edition.date_iso:
        meta["date"] = string(
            dt.datetime.fromtimestamp(epoch(edition.date_iso), dt.UTC).date().isoformat()
        )
    if edition.direction == "rtl":
        meta["page-progression-direction"] = string("rtl")
    return meta


def book_css(fonts: BookFonts, doc: dict[str, Json], edition: Edition, css: str) -> str:
    """The stylesheet: the template's, then the embedded fonts and which text they set."""
    langs = {v for node in walk(doc["blocks"]) for k, v in attributes(node) if k == "lang"}
    embedded = [(face, f"../fonts/{face.file_name}") for face in fonts.faces()]
    return css + font_face_css(embedded) + family_css(fonts, langs, edition)


def check_fonts(edition: Edition, doc: dict[str, Json], what: str) -> BookFonts:
    """The book's fonts, checked against every character it shows (one-line error if not)."""
    texts = [*doc_texts(doc["blocks"]), *edition_texts(edition)]
    italic = any(node["t"] == "Emph" for node in walk(doc["blocks"]))
    return book_fonts(edition, texts, what=what, italic=italic)


def copy_media(edition: Edition, folder: Path) -> None:
    """Put the edition's images in *folder* at the paths the chapters use."""
    for relative, source in edition.media_files().items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def render_epub(edition: Edition, out: Path, *, templates: Path) -> None:
    """Write *edition* as the EPUB 3 *out*, atomically; rebuilds are byte-identical."""
    template, css = templates / "epub" / "template.xhtml", templates / "epub" / "epub.css"
    for path in (template, css):
        if not path.is_file():
            raise RenderError(f"EPUB template {path} is missing")
    with tempfile.TemporaryDirectory(prefix="tarjama-epub-") as tmp:
        folder = Path(tmp)
        doc = book_document(edition, folder)
        doc["meta"] = metadata(edition)
        fonts = check_fonts(edition, doc, "EPUB")
        chosen = fonts.faces()
        copy_media(edition, folder)  # pandoc embeds the images it finds beside the book
        for face in chosen:  # subsets, named without "[wdth,wght]" (unsafe in EPUB URLs)
            (folder / face.file_name).write_bytes(subset_face(face, fonts.chars))
        text_css = book_css(fonts, doc, edition, css.read_text("utf-8"))
        (folder / "book.css").write_text(text_css, "utf-8")
        args = [
            *("-f", "json", "-t", "epub3", "-o", "book.epub", f"--template={template.resolve()}"),
            *("--css=book.css", "--toc", "--toc-depth=2", "--split-level=1"),
            # Variables, not metadata: pandoc passes metadata to the title page only, and
            # sets a chapter's "title" to its heading as HTML (not allowed in <title>).
            f"--variable=dir:{edition.direction}",
            f"--variable=book-title:{html.escape(' '.join(edition.title.split()))}",
            *(f"--epub-embed-font={face.file_name}" for face in chosen),
        ]
        # SOURCE_DATE_EPOCH fixes dcterms:modified and the zip entries' times.
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch(edition.date_iso))}
        text = json.dumps(doc, ensure_ascii=False)
        run_pandoc(args, text=text, cwd=folder, what=f"{edition.locale} EPUB", env=env)
        data = localize_landmarks((folder / "book.epub").read_bytes(), edition)
    write_bytes_atomic(out, data)


def _isolate_body(page: bytes) -> bytes:
    """An XHTML page with the left-to-right runs of its body isolated in ``<bdi>``."""
    from tarjama.render.bidi import isolate_html

    text = page.decode("utf-8")
    start = text.find("<body")
    return page if start < 0 else (text[:start] + isolate_html(text[start:])).encode("utf-8")


def localize_landmarks(book: bytes, edition: Edition) -> bytes:
    """The EPUB with its landmark labels in the book's language (pandoc writes them in
    English) and, in a right-to-left book, its left-to-right runs isolated; every other
    entry is copied as it was, so rebuilds stay byte-identical."""
    labels = {
        b">Title Page</a>": edition.gettext("Title page"),
        b">Table of Contents</a>": edition.gettext("Contents"),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if edition.direction == "rtl" and re.fullmatch(r"EPUB/text/.*\.xhtml", info.filename):
                data = _isolate_body(data)
            start = data.find(b'<nav epub:type="landmarks"')
            if info.filename == "EPUB/nav.xhtml" and start >= 0:
                head, tail = data[:start], data[start:]
                for english, label in labels.items():
                    tail = tail.replace(english, f">{html.escape(label)}</a>".encode())
                data = head + tail
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()
