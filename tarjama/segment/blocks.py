"""Block segmentation: a Markdown body becomes the :class:`Segment` of each leaf block.

markdown-it-py parses the body (CommonMark + tables + footnotes, as pandoc's
``commonmark_x`` reads it); each leaf block becomes one :class:`Segment` whose
:class:`Span` says which source lines it came from, so the merge stage can put a
translation back in place and leave everything else byte-for-byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

_HEADING_ATTRS = re.compile(r"\s+(\{[^{}]*\})\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|https?://\S+")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a segment's text sits in the source: lines ``start:end`` (0-based, of the
    whole file), the text before it on the first line and after it on the last line,
    and for table cells the cell's index in its row."""

    start: int
    end: int
    prefix: str = ""
    suffix: str = ""
    cell: int | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable unit: its text (the msgid), what kind of block it is, and where."""

    text: str
    kind: str
    line: int
    span: Span | None = None
    field: str | None = None
    # what the author wrote for translators right before the block, as an HTML comment:
    # ``<!-- translators: ... -->`` becomes the entry's ``#.`` note, ``<!-- context: ... -->``
    # its msgctxt (one text translated two ways: "Training" as a heading and in a table)
    note: str = ""
    context: str | None = None


@lru_cache(maxsize=2)
def parser(*, blocks_only: bool = False) -> MarkdownIt:
    """The one markdown-it parser: CommonMark with tables, footnotes and definition lists,
    as pandoc's ``commonmark_x`` reads an article's blocks. *blocks_only* (segmentation)
    leaves inline parsing out, and footnote definitions in place: inline parsing is half
    the cost, and segments keep their inline source (the linear inline reader,
    :mod:`tarjama.segment.inlines`, reads it)."""
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin).use(deflist_plugin)
    return md.disable(["inline", "footnote_tail"]) if blocks_only else md


def block_parser() -> MarkdownIt:
    """The parser for segmentation (:func:`parser` with *blocks_only*)."""
    return parser(blocks_only=True)


_CONTAINERS = ("blockquote_open", "list_item_open", "footnote_reference_open", "dd_open")
_CLOSERS = tuple(c.replace("_open", "_close") for c in _CONTAINERS)


def segment_body(
    body: str, *, lines: tuple[str, ...], offset: int = 0, tokens: list[Token] | None = None
) -> list[Segment]:
    """Segments of a Markdown *body* whose first line is line *offset* of *lines*."""
    tokens = block_parser().parse(body) if tokens is None else tokens
    segments: list[Segment] = []
    containers: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in _CONTAINERS:
            containers.append(token.type)
        elif token.type in _CLOSERS:
            containers.pop()
        elif token.type == "tr_open" and token.map:
            segments.extend(
                _table_row(lines, token.map[0] + offset, header=tokens[index + 1].type == "th_open")
            )
        elif (
            token.type == "inline"
            and token.map
            and tokens[index - 1].type in ("paragraph_open", "heading_open", "dt_open")
        ):
            segment = _leaf(tokens[index - 1], token, containers, lines, offset)
            if segment is not None and _translatable(segment.text):
                segments.append(segment)
    remarks = _remarks(tokens, offset)
    if remarks:
        segments = [_remarked(segment, remarks) for segment in segments]
    return sorted(segments, key=lambda s: (s.line, s.span.cell if s.span else 0))


_REMARK = re.compile(r"<!--\s*(translators?|context)\s*:\s*(.*?)\s*-->", re.I | re.S)
Remark = tuple[int, int, str, str]  # the block's lines (start, end), its note or context


def _remarks(tokens: list[Token], offset: int) -> list[Remark]:
    """The blocks an author's comment for translators is right before: each comment's
    next block at its level, its lines, and "note" or "context" with the text."""
    found = []
    for index, token in enumerate(tokens):
        match = _REMARK.fullmatch(token.content.strip()) if token.type == "html_block" else None
        if match is None:
            continue
        after = (t for t in tokens[index + 1 :] if t.level == token.level and t.nesting >= 0)
        block = next(after, None)
        if block is not None and block.map:
            what = "context" if match[1].lower() == "context" else "note"
            start, end = block.map[0] + offset, block.map[1] + offset
            found.append((start, end, what, " ".join(match[2].split())))
    return found


def _remarked(segment: Segment, remarks: list[Remark]) -> Segment:
    """*segment* with the note and context of the remarks on its block."""
    if segment.span is None:
        return segment
    note, context = segment.note, segment.context
    for start, end, what, text in remarks:
        if start <= segment.span.start < end and text:
            if what == "note":
                note = f"{note}\n{text}" if note else text
            else:
                context = text
    if (note, context) == (segment.note, segment.context):
        return segment
    return Segment(
        segment.text, segment.kind, segment.line, segment.span, segment.field, note, context
    )


def number_only(text: str) -> bool:
    """Whether segment *text* has no letter (a table cell "15.8"): right in any language
    until a translator localizes it.

    >>> number_only("15.8"), number_only("15.8 km")
    (True, False)
    """
    return not _LETTER.search(text)


def _translatable(text: str) -> bool:
    """Whether *text* has words or numbers to translate once code, URLs and tags are set
    aside (a number alone, such as a table cell "15.8", is offered too: French writes 15,8).
    """
    if "`" in text or "](" in text or "<" in text or "http" in text:
        text = _NOT_PROSE.sub(" ", text)
    return bool(_LETTER.search(text) or _DIGIT.search(text))


def _kind(opener: Token, containers: list[str], content: str) -> str:
    if opener.type == "heading_open":
        return f"heading {opener.tag[1:]}"
    if opener.type == "dt_open":
        return "definition term"
    if containers and containers[-1] == "dd_open":
        return "definition"
    if containers and containers[-1] == "footnote_reference_open":
        return "footnote"
    if re.fullmatch(r"!\[[^\]]*\]\([^)]*\)", content):
        return "image"
    if "list_item_open" in containers:
        return "list item"
    if "blockquote_open" in containers:
        return "block quote"
    return "paragraph"


def _leaf(
    opener: Token, inline: Token, containers: list[str], lines: tuple[str, ...], offset: int
) -> Segment | None:
    assert inline.map is not None and opener.map is not None
    start, end = inline.map[0] + offset, inline.map[1] + offset
    end = max(end, start + 1)  # a definition term's map is empty
    content = inline.content
    first = content.split("\n", 1)[0]
    raw = lines[start]
    setext = opener.type == "heading_open" and opener.markup in ("=", "-")
    if opener.type == "heading_open" and not setext:
        marker = len(raw) - len(raw.lstrip(" #>"))
        position = raw.find(first, marker)
        suffix = raw[position + len(first) :]
        attrs = _HEADING_ATTRS.search(first)
        if attrs:  # pandoc heading attributes {#id .class} are markup, not text
            content = first = first[: attrs.start()]
            suffix = attrs.group(0) + suffix
        span = Span(start, start + 1, raw[:position], suffix)
    else:
        stripped = raw.rstrip() if end - start == 1 else raw
        position = stripped.rfind(first.rstrip() if end - start == 1 else first)
        if position < 0:
            return None
        span = Span(start, end, raw[:position], "")
    return Segment(_normalize(content), _kind(opener, containers, content), start + 1, span)


def _normalize(content: str) -> str:
    """One line per segment: soft breaks become spaces, hard breaks become ``\\`` + newline.

    >>> _normalize("a\\nb  \\nc\\\\\\nd")
    'a b\\\\\\nc\\\\\\nd'
    """
    out = content.strip()
    if "\n" not in out:
        return out
    out = _HARD_BREAK.sub("\\\\\u0000", out)
    return out.replace("\n", " ").replace("\u0000", "\n")


def split_row(line: str) -> list[tuple[int, int]]:
    """The (start, end) column of each cell of a pipe-table row, leading/trailing pipes aside.

    >>> split_row("| a \\\\| b | `c` |")
    [(1, 9), (10, 15)]
    """
    bounds, start, index = [], 0, 0
    stripped = line.rstrip()
    lead = len(line) - len(line.lstrip())
    if stripped[lead : lead + 1] == "|":
        start = lead + 1
    index = start
    while index < len(stripped):
        char = stripped[index]
        if char == "\\":
            index += 2
            continue
        if char == "|":
            bounds.append((start, index))
            start = index + 1
        index += 1
    if start < len(stripped):
        bounds.append((start, len(stripped)))
    return bounds


def _table_row(lines: tuple[str, ...], row: int, *, header: bool) -> list[Segment]:
    segments = []
    for cell, (start, end) in enumerate(split_row(lines[row])):
        text = lines[row][start:end].strip()
        if text and _translatable(text):
            left = start + len(lines[row][start:end]) - len(lines[row][start:end].lstrip())
            span = Span(row, row + 1, lines[row][:left], lines[row][left + len(text) :], cell)
            segments.append(
                Segment(text, "table header" if header else "table cell", row + 1, span)
            )
    return segments


def verbatim_lines(tokens: list[Token], *, offset: int = 0) -> set[int]:
    """The line numbers (of the whole file, whose body starts at *offset*) inside code
    blocks, fences and raw HTML blocks, where nothing is a link or an image.

    >>> verbatim_lines(block_parser().parse("a\\n\\n    code\\n"), offset=2)
    {4}
    """
    return {
        number
        for token in tokens
        if token.type in ("fence", "code_block", "html_block") and token.map
        for number in range(token.map[0] + offset, token.map[1] + offset)
    }
