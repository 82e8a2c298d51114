"""A book's structure from the source tree: sections become parts, articles chapters.

A section (a folder of the source) opens with a heading one level above its articles':
its ``index.md`` when the edition has it (title, summary and introduction), else its
title alone. Links between articles become links inside the book (``#chapter`` or
``#chapter__anchor``, as pandoc's ``--file-scope`` names identifiers); a link to an
article this edition leaves out keeps its text. Image paths become relative to the
source folder, where the book's images are.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence

from tarjama.render import Chapter, Edition, Section
from tarjama.render.pandoc_ast import Json, rewrite

ChapterBlocks = Callable[[Chapter, str, list[Json], int], list[Json]]
PartBlocks = Callable[[Section, str, int], list[Json]]
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#)")


def part_id(path: str) -> str:
    """The identifier of the part that section *path* opens.

    >>> part_id("history/early")
    'part-history-early'
    """
    return "part-" + re.sub(r"[^A-Za-z0-9_-]+", "-", path).strip("-")


def ancestors(section: str) -> list[str]:
    """The sections that hold *section*, outermost first, itself included.

    >>> ancestors("a/b/c"), ancestors("")
    (['a', 'a/b', 'a/b/c'], [])
    """
    parts = section.split("/") if section else []
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def arrange(
    edition: Edition,
    ids: Sequence[str],
    bodies: dict[str, list[Json]],
    *,
    chapter: ChapterBlocks,
    part: PartBlocks,
) -> list[Json]:
    """Every chapter's blocks in publication order, each section opened by its part."""
    slug_ids = {c.slug: ident for ident, c in zip(ids, edition.chapters, strict=True)}
    opened: set[str] = set()
    blocks: list[Json] = []
    for ident, item in zip(ids, edition.chapters, strict=True):
        body = localize(bodies.get(ident, []), item, slug_ids)
        opens_itself = item.is_index and bool(item.section)
        for path in ancestors(item.section):
            if path in opened:
                continue
            opened.add(path)
            section = edition.section(path) or Section(path, path.rpartition("/")[2])
            if not (opens_itself and path == item.section):
                blocks.extend(part(section, part_id(path), section.depth))
        depth = item.section.count("/") + 1 if item.section else 0
        blocks.extend(chapter(item, ident, body, depth if opens_itself else depth + 1))
    return blocks


def localize(blocks: list[Json], item: Chapter, slug_ids: dict[str, str]) -> list[Json]:
    """*blocks* of chapter *item* with links to other articles made internal, and image
    paths made relative to the source folder."""
    targets = dict(item.links)

    def change(node: Json) -> list[Json] | None:
        if node["t"] == "Image" and item.section:
            alt, (url, title) = node["c"][1], node["c"][2]
            if not _REMOTE.match(url):
                url = posixpath.normpath(posixpath.join(item.section, url))
                return [{"t": "Image", "c": [node["c"][0], alt, [url, title]]}]
        if node["t"] != "Link":
            return None
        attr, content, (url, title) = node["c"]
        path, _, anchor = url.partition("#")
        if path not in targets:
            return None
        ident = slug_ids.get(targets[path])
        if ident is None:  # not in this edition: the text stays, the link goes
            return list(content)
        target = f"#{ident}__{anchor}" if anchor else f"#{ident}"
        return [{"t": "Link", "c": [attr, content, [target, title]]}]

    result: list[Json] = rewrite(blocks, change)
    return result


def toc_depth(edition: Edition) -> int:
    """How many heading levels the table of contents needs: parts and chapters."""
    return 1 + max((s.depth for s in edition.sections), default=0)
