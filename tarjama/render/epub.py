"""EPUB 3, assembled from chapters converted once each (:mod:`tarjama.render.chapters`).

Every XHTML document comes from the Jinja templates in ``templates/epub/`` (autoescaped):
the cover, the title page, the copyright page, the navigation document and one file
per chapter, whose body pandoc writes. The package document carries the accessibility
metadata (:mod:`tarjama.render.epub_meta`). Rebuilds of the same content are
byte-identical, and a changed chapter costs its own conversion, not the book's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic
from tarjama.render import Chapter, Edition, epub_meta
from tarjama.render.chapters import chapter_blocks, converted_chapters, copy_media, document_json
from tarjama.render.cover import cover_image
from tarjama.render.epub_meta import Entry, epoch
from tarjama.render.epub_zip import zip_epub
from tarjama.render.fonts import FontFace, direction_of, faces, families_for, family_for
from tarjama.render.html import render_template
from tarjama.render.pandoc import worker

__all__ = ["copy_media", "epoch", "render_epub"]
_TEMPLATES = ("page.xhtml", "nav.xhtml", "content.opf", "epub.css")
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


def embedded_faces(edition: Edition, langs: Iterable[str]) -> list[FontFace]:
    """Font files the book needs: its main family, plus the other family's upright faces
    when passages in the other script (fallen-back English in an Arabic book) need them."""
    main, other = families_for(edition.lang, edition.direction)
    needed = any(family_for(lang, direction_of(lang)) == other for lang in set(langs))
    return [*faces(main), *(f for f in faces(other) if needed and f.style == "normal")]


def font_css(chosen: list[FontFace]) -> str:
    """``@font-face`` rules for the embedded fonts (stored in ``EPUB/fonts/``)."""
    rules = []
    for face in chosen:
        weight = f"{face.weight_min} {face.weight_max}" if face.variable else str(face.weight_min)
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-style: {face.style}; '
            f'font-weight: {weight}; src: url("../fonts/{face.file_name}"); }}'
        )
    return "\n".join(rules) + "\n"


def chapter_xhtml(edition: Edition, chapter: Chapter, ident: str) -> str:
    """One chapter's body as XHTML (pandoc's HTML5 writer), with EPUB note semantics."""
    text = document_json(chapter_blocks(edition, chapter, ident))
    what = f"{edition.locale}/{chapter.slug} EPUB"
    body = worker().convert(
        text, to="html5", options={"wrap_text": "none"}, what=what, source="json"
    )
    body = body.replace('role="doc-noteref"', 'role="doc-noteref" epub:type="noteref"')
    return body.replace('role="doc-endnotes"', 'role="doc-endnotes" epub:type="endnotes"')


def _toc(bodies: list[tuple[str, str]]) -> tuple[list[Entry], list[str]]:
    """The table of contents (chapters and their sections) and the chapters' file names."""
    toc, names = [], []
    for index, (_, body) in enumerate(bodies, 1):
        name = f"text/ch{index:03d}.xhtml"
        names.append(name)
        heads = epub_meta.sections(body)
        if not heads:
            continue
        _, ident, label, lang = heads[0]
        children = tuple(
            Entry(f"{name}#{i}", text, la) for lvl, i, text, la in heads[1:] if lvl == 2
        )
        toc.append(Entry(f"{name}#{ident}", label, lang, children))
    return toc, names


def _files(edition: Edition, templates: Path, cache: Path | None) -> dict[str, bytes]:
    """Every file of the EPUB but ``mimetype``, by its path in the zip."""
    parts = converted_chapters(
        edition, "xhtml", lambda c, i: chapter_xhtml(edition, c, i), cache=cache
    )
    cover, cover_type = cover_image(edition, templates / "pdf", cache=cache)
    cover_name = "media/cover" + {"image/png": ".png", "image/jpeg": ".jpg"}[cover_type]
    book = epub_meta.book_values(edition, cover_href=f"../{cover_name}")
    tr = edition.gettext

    def page(kind: str, title: str, body: str = "") -> bytes:
        text = render_template(
            templates, "epub/page.xhtml", gettext=tr, kind=kind, book=book, page_title=title,
            body=body,
        )  # fmt: skip
        return text.encode("utf-8")

    files: dict[str, bytes] = {"META-INF/container.xml": _CONTAINER.encode()}
    files["EPUB/text/cover.xhtml"] = page("cover", tr("Cover"))
    files["EPUB/text/title_page.xhtml"] = page("titlepage", book["title"])
    files["EPUB/text/copyright.xhtml"] = page("copyright", tr("Copyright page"))
    toc, names = _toc(parts)
    labels = {entry.href.split("#")[0]: entry.label for entry in toc}
    for name, (_, body) in zip(names, parts, strict=True):
        files[f"EPUB/{name}"] = page("chapter", labels.get(name, book["title"]), body)
    files[f"EPUB/{cover_name}"] = cover
    for relative, source in edition.media_files().items():
        files[f"EPUB/text/{relative}"] = Path(source).read_bytes()
    langs = {m for _, body in parts for m in re.findall(r'\blang="([^"]+)"', body)}
    chosen = embedded_faces(edition, langs)
    css = (templates / "epub" / "epub.css").read_text("utf-8")
    files["EPUB/styles/stylesheet1.css"] = (font_css(chosen) + css).encode("utf-8")
    for face in chosen:  # "[wdth,wght]" in fontpkg names is unsafe in EPUB URLs
        files[f"EPUB/fonts/{face.file_name}"] = face.path.read_bytes()
    _package(files, edition, templates, book=book, toc=toc, chapters=names)
    return files


def _package(
    files: dict[str, bytes],
    edition: Edition,
    templates: Path,
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
        items.append({"id": ident, "href": href, "type": kind, "properties": props})
    ids = {item["href"]: item["id"] for item in items}
    front = ["text/cover.xhtml", "text/title_page.xhtml", "text/copyright.xhtml", "nav.xhtml"]
    return items, [{"id": ids[href]} for href in [*front, *chapters]]


def render_epub(edition: Edition, out: Path, *, templates: Path, cache: Path | None = None) -> None:
    """Write *edition* as the EPUB 3 *out*, atomically; rebuilds are byte-identical."""
    for name in _TEMPLATES:
        if not (templates / "epub" / name).is_file():
            raise RenderError(f"EPUB template {templates / 'epub' / name} is missing")
    files = _files(edition, templates, cache)
    write_bytes_atomic(out, zip_epub(files, epoch(edition.date_iso), cache=cache))
