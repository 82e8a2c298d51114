"""Books assembled from chapters converted one at a time and kept by their content's key.

A translator's edit changes one chapter: only that chapter goes through pandoc again.
The others come from this process's memory or from the cache folder (``.cache/books``),
where each (locale, format) keeps one file per chapter, named by the key of everything
its conversion read; the files of chapters no longer in the book are removed.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from tarjama.core import __version__
from tarjama.core.fsutil import write_text_atomic
from tarjama.render import Chapter, Edition
from tarjama.render.pandoc import worker
from tarjama.render.tree import ATTR_AT, Json, inlines, lang_attrs, rewrite, walk

_MEMORY: dict[str, str] = {}  # key -> converted chapter, for this process (preview, workers)
_MEMORY_LIMIT = 20_000
_BLOCKS: dict[str, list[Json]] = {}  # key -> a chapter's pandoc blocks (a few, recent ones)


def document_json(blocks: list[Json]) -> str:
    """A pandoc JSON document of *blocks* (with the bundled pandoc's API version)."""
    if not _API:
        _API.extend(json.loads(worker().convert("", to="json"))["pandoc-api-version"])
    return json.dumps(
        {"pandoc-api-version": _API, "meta": {}, "blocks": blocks}, ensure_ascii=False
    )


_API: list[int] = []


def copy_media(edition: Edition, folder: Path) -> None:
    """Put the edition's images in *folder* at the paths the chapters use."""
    for relative, source in edition.media_files().items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != Path(source).read_bytes():
            shutil.copyfile(source, target)


def chapter_ids(chapters: tuple[Chapter, ...]) -> list[str]:
    """One identifier per chapter from its slug, usable as file name, XML id and Typst label."""
    ids: list[str] = []
    for index, chapter in enumerate(chapters, 1):
        base = re.sub(r"[^A-Za-z0-9_-]+|_{2,}", "-", chapter.slug).strip("-_") or "chapter"
        base = base if base[0].isalpha() else f"c-{base}"
        ids.append(base if base not in ids else f"{base}-{index}")
    return ids


def chapter_blocks(edition: Edition, chapter: Chapter, ident: str) -> list[Json]:
    """*chapter* as pandoc blocks: its title as a level-1 heading (id *ident*), its date and
    summary, then its body with headings below the title and identifiers made unique in
    the book (``ident__id``); links to anchors outside the chapter become their text."""
    key = chapter_key(edition, chapter, ident, "blocks")
    if key in _BLOCKS:  # the EPUB and the PDF of a chapter, made in the same process
        return copy.deepcopy(_BLOCKS[key])
    what = f"{edition.locale}/{chapter.slug}"
    doc = json.loads(worker().convert(chapter.body, to="json", what=what))
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
    blocks += _unlink_missing(_body(doc["blocks"], edition, ident), ident)
    if len(_BLOCKS) > 256:
        _BLOCKS.clear()
    _BLOCKS[key] = copy.deepcopy(blocks)
    return blocks


def heading_levels(levels: list[int]) -> list[int]:
    """The body's heading levels below the chapter title (level 1), never skipping one
    (PDF/UA and EPUB accessibility forbid a level 2 followed by a level 4).

    >>> heading_levels([1, 3, 3, 2]), heading_levels([2, 4, 5, 3]), heading_levels([])
    ([2, 3, 3, 3], [2, 3, 4, 3], [])
    """
    out: list[int] = []
    stack: list[tuple[int, int]] = []  # (level in the body, level in the book) of the parents
    for level in levels:
        while stack and stack[-1][0] >= level:
            stack.pop()
        new = min((stack[-1][1] if stack else 1) + 1, 6)
        stack.append((level, new))
        out.append(new)
    return out


def _body(blocks: list[Json], edition: Edition, ident: str) -> list[Json]:
    """Headings shifted below the chapter title, with their language moved into a Span;
    identifiers prefixed with the chapter's.

    On a Header, pandoc copies ``lang``/``dir`` to the whole section it opens, which
    would mark the translated paragraphs under a fallen-back heading as English.
    """
    levels = iter(heading_levels([n["c"][0] for n in walk(blocks) if n["t"] == "Header"]))

    def change(node: Json) -> list[Json] | None:
        kind = node["t"]
        if kind in ATTR_AT and node["c"][ATTR_AT[kind]][0]:
            at, content = ATTR_AT[kind], list(node["c"])
            content[at] = [f"{ident}__{content[at][0]}", *content[at][1:]]
            node = {"t": kind, "c": content}
        if kind == "Link" and node["c"][2][0].startswith("#"):
            target = node["c"][2]
            return [{"t": "Link", "c": [*node["c"][:2], [f"#{ident}__{target[0][1:]}", target[1]]]}]
        if kind == "CodeBlock" and edition.direction == "rtl":
            (name, classes, kvs), code = node["c"]
            return [{"t": "CodeBlock", "c": [[name, classes, [*kvs, ["dir", "ltr"]]], code]}]
        if kind != "Header":
            return [node] if kind in ATTR_AT else None
        _, (name, classes, kvs), content = node["c"]
        moved = [kv for kv in kvs if kv[0] in ("lang", "dir")]
        if moved:
            content = [{"t": "Span", "c": [["", [], moved], content]}]
        kept = [kv for kv in kvs if kv[0] not in ("lang", "dir")]
        return [{"t": "Header", "c": [next(levels), [name, classes, kept], content]}]

    result: list[Json] = rewrite(blocks, change)
    return result


def _unlink_missing(blocks: list[Json], ident: str) -> list[Json]:
    """Links to anchors that exist nowhere in the chapter, replaced by their text.

    EPUBCheck rejects them and Typst refuses to compile them; a link into another
    chapter is one of them.
    """
    anchors = {ident} | {
        node["c"][ATTR_AT[node["t"]]][0]
        for node in walk(blocks)
        if node["t"] in ("Header", "Div", "Span")
    }

    def change(node: Json) -> list[Json] | None:
        if node["t"] != "Link" or not node["c"][2][0].startswith("#"):
            return None
        return None if node["c"][2][0][1:] in anchors else list(node["c"][1])

    result: list[Json] = rewrite(blocks, change)
    return result


def chapter_key(edition: Edition, chapter: Chapter, ident: str, fmt: str) -> str:
    """The key of everything the conversion of *chapter* to *fmt* reads."""
    h = hashlib.blake2b(digest_size=16)
    parts = (__version__, fmt, edition.locale, edition.lang, edition.direction, ident)
    content = chapter.key or repr(chapter)
    h.update(json.dumps([parts, content], ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


BOOK_FORMATS = {"epub": "xhtml", "pdf": "typst"}  # the chapters' format in each book


def kept_chapters(
    edition: Edition, chapters: tuple[Chapter, ...], fmt: str, *, cache: Path
) -> set[str]:
    """Slugs of *chapters* (with keys) whose conversion to *fmt* is kept in memory or in
    *cache*: the build need not merge their bodies again."""
    try:
        names = set(os.listdir(cache / f"{edition.locale}-{fmt}"))
    except OSError:
        names = set()
    kept = set()
    for ident, chapter in zip(chapter_ids(chapters), chapters, strict=True):
        key = chapter_key(edition, chapter, ident, fmt)
        if chapter.key and (key in _MEMORY or f"{key}.txt" in names):
            kept.add(chapter.slug)
    return kept


def converted_chapters(
    edition: Edition,
    fmt: str,
    convert: Callable[[Chapter, str], str],
    *,
    cache: Path | None,
) -> list[tuple[str, str]]:
    """(identifier, text) of every chapter of *edition* in *fmt*; only the chapters whose
    key is in neither this process's memory nor *cache* are converted (by *convert*)."""
    folder = cache / f"{edition.locale}-{fmt}" if cache is not None else None
    out: list[tuple[str, str]] = []
    keys: set[str] = set()
    for ident, chapter in zip(chapter_ids(edition.chapters), edition.chapters, strict=True):
        key = chapter_key(edition, chapter, ident, fmt)
        keys.add(f"{key}.txt")
        text = _MEMORY.get(key)
        if text is None and folder is not None:
            try:
                text = (folder / f"{key}.txt").read_text("utf-8")
            except OSError:
                text = None
        if text is None:
            text = convert(chapter, ident)
            if folder is not None:
                write_text_atomic(folder / f"{key}.txt", text)
        if len(_MEMORY) > _MEMORY_LIMIT:
            _MEMORY.clear()
        _MEMORY[key] = text
        out.append((ident, text))
    if folder is not None:
        for entry in os.scandir(folder):
            if entry.name not in keys:
                Path(entry.path).unlink(missing_ok=True)
    return out
