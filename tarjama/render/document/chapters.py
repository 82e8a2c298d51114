"""Books assembled from chapters converted one at a time and kept by their content's key.

A translator's edit changes one chapter: only that chapter goes through pandoc again.
The others come from this process's memory or from the cache folder (``.cache/books``),
where each (locale, format) keeps one file per chapter, named by the key of everything
its conversion read; the files of chapters no longer in the book are removed.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tarjama.core import __version__
from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_text_atomic
from tarjama.core.keys import digest
from tarjama.core.strings import FALLBACK_NOTICE
from tarjama.render.contract import Chapter, Edition
from tarjama.render.document.admonitions import LABELS
from tarjama.render.document.ast import (
    ATTR_AT,
    Json,
    attributes,
    inlines,
    lang_attrs,
    rewrite,
    walk,
)
from tarjama.render.document.pandoc import worker
from tarjama.render.document.parts import chapter_ids, cross_target, link_targets, localize, outline

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


@dataclass(frozen=True)
class Place:
    """Where a chapter sits in its book: its identifier, the level of its title, and the
    chapters its links lead to (see :func:`~tarjama.render.document.parts.link_targets`)."""

    ident: str
    level: int = 1
    targets: tuple[tuple[str, str], ...] = ()


def places(edition: Edition, *, levels: bool) -> dict[str, Place]:
    """Every chapter's :class:`Place`, by slug; titles at their outline level when
    *levels* (the PDF), else all at level 1 (each EPUB chapter is a document of its own)."""
    ids = chapter_ids(edition.chapters)
    slug_ids = {c.slug: ident for ident, c in zip(ids, edition.chapters, strict=True)}
    depth = {item.ident: item.level for item in outline(edition)} if levels else {}
    return {
        c.slug: Place(ident, depth.get(ident, 1), tuple(sorted(link_targets(c, slug_ids).items())))
        for ident, c in zip(ids, edition.chapters, strict=True)
    }


def chapter_blocks(edition: Edition, chapter: Chapter, place: Place) -> list[Json]:
    """*chapter* as pandoc blocks: its title as a heading (id ``place.ident``, at
    ``place.level``), its date and summary, then its body with headings below the title,
    identifiers made unique in the book (``ident__id``), links to other articles made
    internal and images limited to the edition's media; links to anchors outside the
    chapter that lead to no other chapter become their text."""
    ident, level = place.ident, place.level
    doc = {"blocks": _parsed(edition, chapter)}
    title = inlines(chapter.title)
    if moved := lang_attrs(chapter.title_lang, edition):
        title = [{"t": "Span", "c": [["", [], moved], title]}]
    blocks: list[Json] = [{"t": "Header", "c": [level, [ident, ["chapter"], []], title]}]
    for kind, text, lang in (
        ("date", chapter.date_text, None),
        ("summary", chapter.summary, chapter.summary_lang),
    ):
        if text.strip():
            attr = ["", [kind], lang_attrs(lang, edition)]
            blocks.append({"t": "Div", "c": [attr, [{"t": "Para", "c": inlines(text)}]]})
    if _falls_back(edition, [*title, *doc["blocks"]]):  # say so, as the HTML page does
        text = edition.gettext(FALLBACK_NOTICE)
        # untranslated, the notice itself is in the source language: say so, for its font
        marks = lang_attrs(edition.source_lang if text == FALLBACK_NOTICE else None, edition)
        note = [{"t": "Para", "c": inlines(text)}]
        blocks.append({"t": "Div", "c": [["", ["notice"], marks], note]})
    body = _body(doc["blocks"], edition, ident, level)
    media = frozenset(chapter.media)
    body = localize(body, chapter, dict(place.targets), media)
    return blocks + _unlink_missing(body, ident)


def _falls_back(edition: Edition, nodes: list[Json]) -> bool:
    """Whether *nodes* hold a passage shown in the source language."""
    if edition.lang == edition.source_lang:
        return False
    marked = (attributes(node) for node in walk(nodes))
    return any(k == "lang" and v == edition.source_lang for attrs in marked for k, v in attrs)


def _parsed(edition: Edition, chapter: Chapter) -> list[Json]:
    """The pandoc blocks of *chapter*'s body, parsed once for its EPUB and its PDF when
    both are made in the same process (their levels and links may differ, not the parse)."""
    key = chapter_key(edition, chapter, Place(""), "blocks")
    if key not in _BLOCKS:
        what = f"{edition.locale}/{chapter.slug}"
        if len(_BLOCKS) > 256:
            _BLOCKS.clear()
        try:
            _BLOCKS[key] = json.loads(chapter.body)["blocks"]
        except (ValueError, KeyError):
            raise RenderError(f"{what}: the merged document is not pandoc JSON") from None
    return copy.deepcopy(_BLOCKS[key])


def heading_levels(levels: list[int], title: int = 1) -> list[int]:
    """The body's heading levels below the chapter title (at level *title*), never
    skipping one (PDF/UA and EPUB accessibility forbid a level 2 followed by a level 4).

    >>> heading_levels([1, 3, 3, 2]), heading_levels([2, 4, 5, 3]), heading_levels([])
    ([2, 3, 3, 3], [2, 3, 4, 3], [])
    >>> heading_levels([2, 3], title=2)
    [3, 4]
    """
    out: list[int] = []
    stack: list[tuple[int, int]] = []  # (level in the body, level in the book) of the parents
    for level in levels:
        while stack and stack[-1][0] >= level:
            stack.pop()
        new = min((stack[-1][1] if stack else title) + 1, 6)
        stack.append((level, new))
        out.append(new)
    return out


def _body(blocks: list[Json], edition: Edition, ident: str, level: int) -> list[Json]:
    """Headings shifted below the chapter title, with their language moved into a Span;
    identifiers prefixed with the chapter's.

    On a Header, pandoc copies ``lang``/``dir`` to the whole section it opens, which
    would mark the translated paragraphs under a fallen-back heading as English.
    """
    found = [n["c"][0] for n in walk(blocks) if n["t"] == "Header"]
    levels = iter(heading_levels(found, level))

    def change(node: Json) -> list[Json] | None:
        kind = node["t"]
        if kind in ATTR_AT and node["c"][ATTR_AT[kind]][0]:
            at, content = ATTR_AT[kind], list(node["c"])
            content[at] = [f"{ident}__{content[at][0]}", *content[at][1:]]
            node = {"t": kind, "c": content}
        if kind == "Link" and node["c"][2][0].startswith("#"):
            target = node["c"][2]
            return [{"t": "Link", "c": [*node["c"][:2], [f"#{ident}__{target[0][1:]}", target[1]]]}]
        if kind in ("CodeBlock", "Code") and edition.direction == "rtl":
            (name, classes, kvs), code = node["c"]  # code reads left to right, isolated
            return [{"t": kind, "c": [[name, classes, [*kvs, ["dir", "ltr"]]], code]}]
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
    chapter is kept (each book resolves it, to the anchor or else to the chapter).
    """
    anchors = {ident} | {
        node["c"][ATTR_AT[node["t"]]][0]
        for node in walk(blocks)
        if node["t"] in ("Header", "Div", "Span")
    }

    def change(node: Json) -> list[Json] | None:
        if node["t"] != "Link" or not node["c"][2][0].startswith("#"):
            return None
        target = node["c"][2][0]
        if target[1:] in anchors or cross_target(target, ident):  # the book resolves those
            return None
        return list(node["c"][1])

    result: list[Json] = rewrite(blocks, change)
    return result


def chapter_key(edition: Edition, chapter: Chapter, place: Place, fmt: str) -> str:
    """The key of everything the conversion of *chapter* to *fmt* reads."""
    notice = edition.gettext(FALLBACK_NOTICE)  # a chapter with a fallen-back passage shows it
    labels = [edition.gettext(label) for label in LABELS.values()]  # untitled admonitions'
    parts = (__version__, fmt, edition.locale, edition.lang, edition.direction, edition.fonts)
    content = chapter.key or repr(chapter)
    return digest(notice, labels, [parts, (place.ident, place.level, place.targets), content])


BOOK_FORMATS = {"epub": "xhtml", "pdf": "typst"}  # the chapters' format in each book
_LEVELS = {"xhtml": False, "typst": True}  # titles at their outline level (else all at 1)


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
    where = places(dataclasses.replace(edition, chapters=chapters), levels=_LEVELS[fmt])
    for chapter in chapters:
        key = chapter_key(edition, chapter, where[chapter.slug], fmt)
        if chapter.key and (key in _MEMORY or f"{key}.txt" in names):
            kept.add(chapter.slug)
    return kept


def converted_chapters(
    edition: Edition,
    fmt: str,
    convert: Callable[[Chapter, Place], str],
    *,
    cache: Path | None,
) -> dict[str, str]:
    """Every chapter of *edition* in *fmt*, by identifier; only the chapters whose key is
    in neither this process's memory nor *cache* are converted (by *convert*)."""
    folder = cache / f"{edition.locale}-{fmt}" if cache is not None else None
    out: dict[str, str] = {}
    keys: set[str] = set()
    where = places(edition, levels=_LEVELS[fmt])
    for chapter in edition.chapters:
        place = where[chapter.slug]
        key = chapter_key(edition, chapter, place, fmt)
        keys.add(f"{key}.txt")
        text = _MEMORY.get(key)
        if text is None and folder is not None:
            try:
                text = (folder / f"{key}.txt").read_text("utf-8")
            except OSError:
                text = None
        if text is None:
            text = convert(chapter, place)
            if folder is not None:
                write_text_atomic(folder / f"{key}.txt", text)
        elif folder is not None and not (folder / f"{key}.txt").is_file():
            # kept in memory only (the cache folder was removed, or another project's
            # build in this process made it): the folder keeps every chapter of the book
            write_text_atomic(folder / f"{key}.txt", text)
        if len(_MEMORY) > _MEMORY_LIMIT:
            _MEMORY.clear()
        _MEMORY[key] = text
        out[place.ident] = text
    if folder is not None and folder.is_dir():
        for entry in os.scandir(folder):
            if entry.name not in keys:
                Path(entry.path).unlink(missing_ok=True)
    return out
