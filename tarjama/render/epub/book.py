"""EPUB 3, assembled from chapters converted once each (:mod:`tarjama.render.document.chapters`).

Every XHTML document comes from the Jinja templates ``epub/*`` (the package's, or a
project's that override them; autoescaped): the cover, the title page, the copyright
page, the navigation document, one file per part (a section without its own
introduction) and one per chapter, whose body pandoc writes. Links between chapters are
resolved to the chapter files (:mod:`tarjama.render.epub.links`); the images are the
edition's own media files (a locale's variant where it has one), nothing else. The
package document carries the accessibility metadata (:mod:`tarjama.render.epub.meta`).
Rebuilds of the same content are byte-identical, and a changed chapter costs its own
conversion, not the book's.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from tarjama.core.dates import epoch
from tarjama.core.fsutil import write_bytes_atomic
from tarjama.core.locales import direction_of
from tarjama.core.templates import Templates, find_template, required_template
from tarjama.render.contract import Chapter, Edition
from tarjama.render.document.admonitions import labels, shape
from tarjama.render.document.bidi import isolate_html
from tarjama.render.document.chapters import (
    Place,
    chapter_blocks,
    converted_chapters,
    copy_media,
    document_json,
)
from tarjama.render.document.jinja import render_template
from tarjama.render.document.pandoc import worker
from tarjama.render.document.parts import BookItem, outline
from tarjama.render.epub import meta as epub_meta
from tarjama.render.epub.links import resolve_links
from tarjama.render.epub.meta import Entry
from tarjama.render.epub.zip import zip_epub
from tarjama.render.fonts.coverage import edition_texts, needed_chars
from tarjama.render.fonts.subset import subset_face
from tarjama.render.fonts.use import book_fonts, family_css, font_face_css
from tarjama.render.typst.cover import cover_image, cover_type

__all__ = ["copy_media", "epoch", "render_epub"]
_TEMPLATES = ("epub/page.xhtml", "epub/nav.xhtml", "epub/content.opf", "epub/epub.css")
_TYPES = {
    ".xhtml": "application/xhtml+xml",
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
_CONTAINER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" '
    'xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n<rootfiles>\n'
    '<rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml" />\n'
    "</rootfiles>\n</container>\n"
)


def book_texts(files: dict[str, bytes], names: Iterable[str]) -> list[str]:
    """The text the reader sees in the book's documents *names* (their markup aside)."""
    return [html.unescape(_TAG.sub(" ", files[f"EPUB/{name}"].decode("utf-8"))) for name in names]


_TAG = re.compile(r"<[^>]*>")
_BACK_ARROW = re.compile(r'(<a [^>]*role="doc-backlink"[^>]*>)\u21a9\ufe0e?</a>')


def chapter_xhtml(edition: Edition, chapter: Chapter, place: Place) -> str:
    """One chapter's body as XHTML (pandoc's HTML5 writer, math as MathML), with EPUB note
    semantics."""
    blocks = shape(chapter_blocks(edition, chapter, place), "xhtml", *labels(edition))
    text = document_json(blocks)
    what = f"{edition.locale}/{chapter.slug} EPUB"
    options = {"wrap_text": "none", "html_math_method": "mathml"}
    body = worker().convert(text, to="html5", options=options, what=what, source="json")
    body = body.replace('role="doc-noteref"', 'role="doc-noteref" epub:type="noteref"')
    # pandoc's back-link arrow (U+21A9) is in none of the book fonts: a caret, which
    # every font has and which needs no mirroring in right-to-left books
    body = _BACK_ARROW.sub(r"\1^</a>", body)
    if edition.direction == "rtl":  # numbers and Latin words keep their order
        body = isolate_html(body)
    return body.replace('role="doc-endnotes"', 'role="doc-endnotes" epub:type="endnotes"')


def _toc(items: list[BookItem], bodies: dict[str, str]) -> tuple[list[Entry], list[str]]:
    """The table of contents (parts, their chapters and the chapters' sections, nested as
    the source's folders are) and the documents' file names, in reading order."""
    names: list[str] = []
    stack: list[tuple[int, Entry, list[Entry]]] = []  # (level, entry, its children)
    top: list[Entry] = []

    def close(level: int) -> None:
        while stack and stack[-1][0] >= level:
            _, entry, children = stack.pop()
            done = Entry(entry.href, entry.label, entry.lang, (*entry.children, *children))
            (stack[-1][2] if stack else top).append(done)

    for index, item in enumerate(items, 1):
        name = f"text/ch{index:03d}.xhtml"
        names.append(name)
        if item.section is not None:
            entry = Entry(f"{name}#{item.ident}", item.section.title, item.section.title_lang or "")
        else:
            heads = epub_meta.sections(bodies[item.ident])
            if not heads:
                continue
            _, ident, label, lang = heads[0]
            children = tuple(
                Entry(f"{name}#{i}", text, la) for lvl, i, text, la in heads[1:] if lvl == 2
            )
            entry = Entry(f"{name}#{ident}", label, lang, children)
        close(item.level)
        stack.append((item.level, entry, []))
    close(0)
    return top, names


def _documents(
    edition: Edition, templates: Templates, cache: Path | None, page: Callable[..., bytes]
) -> tuple[dict[str, bytes], list[Entry], list[str]]:
    """The parts' and chapters' XHTML files, the table of contents and the file names."""
    items = outline(edition)
    bodies = converted_chapters(
        edition, "xhtml", lambda c, p: chapter_xhtml(edition, c, p), cache=cache
    )
    toc, names = _toc(items, bodies)
    pairs = list(zip(names, items, strict=True))
    texts = {name: bodies[item.ident] for name, item in pairs if item.chapter is not None}
    texts = resolve_links(texts, {item.ident: name for name, item in pairs})
    files: dict[str, bytes] = {}
    for name, item in zip(names, items, strict=True):
        if item.section is not None:
            section = item.section
            lang = section.title_lang if section.title_lang != edition.lang else None
            where = (item.ident, lang or "", direction_of(lang) if lang else "")
            files[f"EPUB/{name}"] = page("part", section.title, part=where)
        else:
            heads = epub_meta.sections(texts[name])
            title = heads[0][2] if heads else edition.title
            files[f"EPUB/{name}"] = page("chapter", title, texts[name])
    return files, toc, names


def _files(
    edition: Edition, templates: Templates, cache: Path | None, charset: str = ""
) -> dict[str, bytes]:
    """Every file of the EPUB but ``mimetype``, by its path in the zip."""
    cover_name = "media/cover" + {"image/png": ".png", "image/jpeg": ".jpg"}[cover_type(edition)]
    book = epub_meta.book_values(edition, cover_href=f"../{cover_name}")
    tr = edition.gettext

    def page(
        kind: str, title: str, body: str = "", part: tuple[str, str, str] = ("", "", "")
    ) -> bytes:
        text = render_template(
            templates, "epub/page.xhtml", gettext=tr, kind=kind, book=book, page_title=title,
            body=body, part_id=part[0], part_lang=part[1], part_dir=part[2],
        )  # fmt: skip
        return text.encode("utf-8")

    files: dict[str, bytes] = {"META-INF/container.xml": _CONTAINER.encode()}
    files["EPUB/text/cover.xhtml"] = page("cover", tr("Cover"))
    files["EPUB/text/title_page.xhtml"] = page("titlepage", book["title"])
    files["EPUB/text/copyright.xhtml"] = page("copyright", tr("Copyright page"))
    documents, toc, names = _documents(edition, templates, cache, page)
    files.update(documents)
    for relative, source in edition.media_files().items():
        files[f"EPUB/text/{relative}"] = Path(source).read_bytes()
    langs = {m for n in names for m in re.findall(r'\blang="([^"]+)"', files[f"EPUB/{n}"].decode())}
    # fonts by script, checked against every character the book shows (else the one-line
    # missing-glyph error), embedded as subsets of those characters
    shown = [name.removeprefix("EPUB/") for name in files if name.endswith(".xhtml")]
    texts = [*book_texts(files, shown), *edition_texts(edition)]
    pages = [files[f"EPUB/{name}"] for name in shown]
    italic = any(b"<em>" in page for page in pages)  # else no italic faces
    code = any(b"<code" in page for page in pages)  # else no monospace faces
    fonts = book_fonts(edition, texts, what="EPUB", italic=italic, code=code)
    # the cover is set in those fonts too, so it comes after the check
    cover = cover_image(edition, find_template(templates, "pdf/cover.typ"), cache=cache)[0]
    files[f"EPUB/{cover_name}"] = cover
    css = required_template(templates, "epub/epub.css", "EPUB").read_text("utf-8")
    embedded = [(face, f"../fonts/{face.file_name}") for face in fonts.faces()]
    text_css = css + font_face_css(embedded) + family_css(fonts, langs, edition)
    files["EPUB/styles/stylesheet1.css"] = text_css.encode("utf-8")
    for face in fonts.faces():  # "[wdth,wght]" in fontpkg names is unsafe in EPUB URLs
        chars = fonts.chars | needed_chars([charset])
        files[f"EPUB/fonts/{face.file_name}"] = subset_face(face, chars)
    _package(files, edition, templates, book=book, toc=toc, chapters=names)
    return files


def _package(
    files: dict[str, bytes],
    edition: Edition,
    templates: Templates,
    *,
    book: dict[str, object],
    toc: list[Entry],
    chapters: list[str],
) -> None:
    """Add the navigation document and the package document to *files*."""
    tr = edition.gettext
    nav = render_template(
        templates, "epub/nav.xhtml", gettext=tr, book=book, toc=toc, toc_title=tr("Contents"),
        landmarks=epub_meta.landmarks(edition, chapters[0] if chapters else None),
    )  # fmt: skip
    files["EPUB/nav.xhtml"] = nav.encode("utf-8")
    content = [files[f"EPUB/{name}"].decode("utf-8") for name in chapters]
    # the cover is an image (with its alternative text): "visual" is always an access mode
    meta = epub_meta.package_meta(edition, content, images=True)
    manifest, spine = _manifest(files, chapters)
    opf = render_template(
        templates, "epub/content.opf", gettext=tr, book=book, meta=meta, manifest=manifest,
        spine=spine,
    )  # fmt: skip
    files["EPUB/content.opf"] = opf.encode("utf-8")


def _manifest(
    files: dict[str, bytes], chapters: list[str]
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The manifest items (every file under ``EPUB/``) and the spine (reading order)."""
    items: list[dict[str, str]] = []
    for path in sorted(files):
        if not path.startswith("EPUB/") or path == "EPUB/content.opf":
            continue
        href = path.removeprefix("EPUB/")
        kind = _TYPES.get(Path(href).suffix.lower(), "application/octet-stream")
        ident = "i-" + re.sub(r"[^A-Za-z0-9_-]", "_", href)
        props = "nav" if href == "nav.xhtml" else ""
        props = "cover-image" if href.startswith("media/cover.") else props
        if kind == "application/xhtml+xml" and b"<math" in files[path]:
            props = " ".join(p for p in (props, "mathml") if p)
        items.append({"id": ident, "href": href, "type": kind, "properties": props})
    ids = {item["href"]: item["id"] for item in items}
    front = ["text/cover.xhtml", "text/title_page.xhtml", "text/copyright.xhtml", "nav.xhtml"]
    return items, [{"id": ids[href]} for href in [*front, *chapters]]


def render_epub(
    edition: Edition,
    out: Path,
    *,
    templates: Templates,
    cache: Path | None = None,
    charset: str = "",
) -> None:
    """Write *edition* as the EPUB 3 *out*, atomically; rebuilds are byte-identical.
    The embedded fonts are cut to the book's characters and *charset* (the build passes
    those of the whole publication, so every book that shares a face shares its subset,
    cut once)."""
    for name in _TEMPLATES:
        required_template(templates, name, "EPUB")
    files = _files(edition, templates, cache, charset)
    write_bytes_atomic(out, zip_epub(files, epoch(edition.date_iso), cache=cache))
