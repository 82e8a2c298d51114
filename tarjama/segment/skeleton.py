"""The author's document with the translatable text taken out of it: the skeleton.

The source article is trusted, so pandoc reads its block structure (headings, lists,
quotes, tables, definition lists, code, raw HTML, footnote and reference definitions)
as the author wrote it. The segments' text is not part of that reading: each segment's
place holds a placeholder word, and each msgid is read once as a paragraph of its own
at the top of the same document, where the article's reference definitions and
footnotes resolve as they do in place. The merge stage puts each segment's text, the
msgid's nodes or a translation built as nodes, in its placeholder's place
(:mod:`tarjama.merge.document`): a translation never reaches pandoc's Markdown reader.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tarjama.core.errors import SourceError
from tarjama.core.keys import digest
from tarjama.core.pandoc import worker
from tarjama.segment.blocks import Segment, split_row
from tarjama.segment.links import unique_ids
from tarjama.segment.markdown import Article

Json = Any  # a node of pandoc's JSON AST
_EXPLICIT_ID = re.compile(r"\{[^{}]*#([^\s{}]+)[^{}]*\}")


# the pandoc nodes a TjRef may name, by the allowlist's kind
_ATOM_OF = {
    "Link": "link",
    "Image": "image",
    "Code": "code",
    "Math": "math",
    "Note": "note",
    "RawInline": "html",
}


def atoms(inlines: Sequence[Json]) -> dict[str, list[Json]]:
    """The msgid's links, images, code, math, footnotes and raw HTML in reading order
    (footnotes' contents are other segments: not looked into)."""
    found: dict[str, list[Json]] = {kind: [] for kind in _ATOM_OF.values()}
    stack = [iter(inlines)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, list):
            stack.append(iter(node))
        elif isinstance(node, dict) and "t" in node:
            kind = _ATOM_OF.get(node["t"])
            if kind is not None:
                found[kind].append(node)
            if node["t"] != "Note" and isinstance(node.get("c"), list):
                stack.append(iter(node["c"]))
    return found


@dataclass(frozen=True)
class Skeleton:
    """An article read by pandoc: its body's blocks with a placeholder ``Str`` in each
    segment's place, and each segment's msgid as pandoc inlines (None for the front
    matter fields, and for a msgid pandoc did not read as one paragraph)."""

    api: tuple[int, ...]  # the pandoc-api-version of the blocks
    blocks: tuple[Json, ...]
    msgids: tuple[tuple[Json, ...] | None, ...]
    marker: str
    found: dict[int, dict[str, list[Json]]] = field(default_factory=dict, compare=False)

    def atoms(self, index: int) -> dict[str, list[Json]]:
        """The links, images, code, math, notes and raw HTML of segment *index*'s msgid
        as pandoc read it (see :func:`atoms`), once."""
        if index not in self.found:
            self.found[index] = atoms(self.msgids[index] or ())
        return self.found[index]

    def slot(self, index: int) -> str:
        """The placeholder word of segment *index* in the blocks."""
        return f"{self.marker}s{index}e"

    def index_of(self, word: str) -> int | None:
        """The segment whose placeholder *word* is (None if it is none)."""
        if not (word.startswith(self.marker) and word.endswith("e")):
            return None
        rest = word[len(self.marker) : -1]
        return int(rest[1:]) if rest[:1] == "s" and rest[1:].isdigit() else None


def heading_anchors(article: Article) -> dict[int, str]:
    """The identifier of each heading segment without one of its own, from the source
    heading, so that every locale has the same anchors (by index in the segments)."""
    headings = [
        (index, segment)
        for index, segment in enumerate(article.segments)
        if segment.kind.startswith("heading") and segment.span is not None
    ]
    explicit = {
        match.group(1)
        for _, segment in headings
        if segment.span and (match := _EXPLICIT_ID.search(segment.span.suffix))
    }
    implicit = [(i, s) for i, s in headings if s.span and not _EXPLICIT_ID.search(s.span.suffix)]
    ids = unique_ids([segment.text for _, segment in implicit], explicit)
    return {index: ident for (index, _), ident in zip(implicit, ids, strict=True)}


def title_lines(article: Article) -> tuple[int, int] | None:
    """The lines of the heading that gives the title (no title in the front matter) when
    nothing but blank lines precede it in the body: the body leaves them out, since the
    title opens it anyway."""
    if article.title_segment is None:
        return None
    span = article.segments[article.title_segment].span
    if span is None or any(line.strip() for line in article.lines[article.body_start : span.start]):
        return None
    end = span.end
    if end < len(article.lines) and re.fullmatch(r" {0,3}(=+|-+)\s*", article.lines[end]):
        end += 1  # a setext heading's underline
    return span.start, end


def skeleton_text(article: Article, marker: str) -> str:
    """The Markdown pandoc reads for *article*: each msgid as a paragraph of its own, a
    sentinel, the body with a placeholder in each segment's place, then a reference
    definition for each heading (pandoc's implicit header references, kept working)."""
    lines = list(article.lines)
    drop = title_lines(article)
    rows: dict[int, list[tuple[int, Segment]]] = {}
    blocks: list[tuple[int, Segment]] = []
    for index, segment in enumerate(article.segments):
        if segment.span is None or (drop is not None and index == article.title_segment):
            continue
        if segment.span.cell is None:
            blocks.append((index, segment))
        else:
            rows.setdefault(segment.span.start, []).append((index, segment))
    for row, cells in rows.items():
        lines[row] = _row(lines[row], cells, marker)
    for index, segment in sorted(blocks, key=lambda b: -_start(b[1])):  # bottom-up: no shifts
        span = segment.span
        assert span is not None
        lines[span.start : span.end] = [f"{span.prefix}{marker}s{index}e{span.suffix}"]
    if drop is not None:  # the topmost block: removing it shifts nothing still to do
        del lines[drop[0] : drop[1]]
    msgids = [
        f"{marker}m{index}e {segment.text}"
        for index, segment in enumerate(article.segments)
        if segment.span is not None
    ]
    body = "\n".join(lines[article.body_start :])
    tail = _heading_references(article)
    return "\n\n".join([*msgids, f"{marker}end", body, *tail]) + "\n"


def _start(segment: Segment) -> int:
    return segment.span.start if segment.span else 0


def _row(line: str, cells: list[tuple[int, Segment]], marker: str) -> str:
    """A table row with a placeholder in each segment cell's place."""
    bounds = split_row(line)
    for index, segment in sorted(cells, key=lambda c: -(c[1].span.cell or 0) if c[1].span else 0):
        assert segment.span is not None and segment.span.cell is not None
        start, end = bounds[segment.span.cell]
        raw = line[start:end]
        new = raw.replace(raw.strip(), f"{marker}s{index}e", 1) if raw.strip() else raw
        line = line[:start] + new + line[end:]
    return line


def _heading_references(article: Article) -> list[str]:
    """``[Heading text]: #anchor`` for each heading: pandoc resolves ``[Heading text]``
    to the heading by its text, which the skeleton no longer has. The article's own
    definitions come first, so they win, as they do in pandoc."""
    anchors = heading_anchors(article)
    out = []
    for index, segment in enumerate(article.segments):
        ident = anchors.get(index)
        if ident and segment.text.strip() and not re.search(r"[\[\]\n]", segment.text):
            out.append(f"[{segment.text}]: #{ident}")
    return out


def marker_of(article: Article) -> str:
    """A placeholder prefix that the article's text does not contain."""
    return f"tj{digest(*article.lines, size=5)}"


def read_skeleton(article: Article) -> Skeleton:
    """*article* read by pandoc as its :class:`Skeleton` (one pandoc call, remembered
    for the article's text: every locale of a build shares it)."""
    marker = marker_of(article)
    skeleton = _read(skeleton_text(article, marker), marker, len(article.segments))
    if skeleton is None:
        raise SourceError(
            "pandoc reads this article's structure differently from tarjama's segmenter; "
            "look for an unclosed HTML comment, fence or div and close it",
            path=article.path.as_posix(),
        )
    return skeleton


@lru_cache(maxsize=256)
def _read(text: str, marker: str, count: int) -> Skeleton | None:
    document = json.loads(worker().convert(text, to="json", what="the article's structure"))
    blocks: list[Json] = document["blocks"]
    msgids: list[tuple[Json, ...] | None] = [None] * count
    sentinel = {"t": "Para", "c": [{"t": "Str", "c": f"{marker}end"}]}
    end = next((i for i, block in enumerate(blocks) if block == sentinel), -1)
    if end < 0:
        return None
    for block in blocks[:end]:
        index = _msgid_index(block, marker)
        if index is not None and index < count:
            msgids[index] = tuple(block["c"][2:])
    body = blocks[end + 1 :]
    return Skeleton(tuple(document["pandoc-api-version"]), tuple(body), tuple(msgids), marker)


def _msgid_index(block: Json, marker: str) -> int | None:
    """The segment whose msgid paragraph *block* is: ``Para [Str "<marker>m<i>e", Space,
    ...]`` (anything else is a msgid pandoc read otherwise: not used)."""
    if block.get("t") != "Para" or len(block["c"]) < 3:
        return None
    first, space = block["c"][0], block["c"][1]
    if first.get("t") != "Str" or space.get("t") != "Space":
        return None
    word = first["c"]
    if not (word.startswith(f"{marker}m") and word.endswith("e")):
        return None
    number = word[len(marker) + 1 : -1]
    return int(number) if number.isdigit() else None
