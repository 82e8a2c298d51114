"""Segment stage: a Markdown article becomes translatable segments with source lines.

markdown-it-py parses the body (CommonMark + tables + footnotes, as pandoc's
``commonmark_x`` reads it); each leaf block becomes one :class:`Segment` whose
:class:`Span` says which source lines it came from, so :mod:`tarjama.merge` can
put a translation back in place and leave everything else byte-for-byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from tarjama.core.errors import SourceError

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY = re.compile(r"^([^\s#:'\"-][^:]*?)\s*:(?:\s|$)")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
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


@dataclass(frozen=True)
class Article:
    """A source article: slug, path, front matter, segments and the raw lines."""

    slug: str
    path: Path
    meta: dict[str, Any]
    segments: tuple[Segment, ...]
    lines: tuple[str, ...]
    body_start: int
    images: tuple[tuple[str, int], ...] = ()  # local image targets and their lines (1-based)

    @property
    def order(self) -> float:
        value = self.meta.get("order")
        return float(value) if isinstance(value, int | float) else float("inf")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The shared markdown-it parser (CommonMark, tables, footnotes)."""
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """The parser for segmentation: block structure only, footnote definitions left in
    place (inline parsing is half the cost and segments keep their inline source)."""
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    return md.disable(["inline", "footnote_tail"])


_PEEK = re.compile(r"^(slug|order):[ \t]*['\"]?([^'\"\n]*?)['\"]?[ \t]*$", re.M)


def peek(path: Path) -> tuple[str, float]:
    """An article's slug and order from its front matter, without parsing it all
    (for listing catalogs; the full parse validates them).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.md"
    >>> _ = p.write_text("---\\ntitle: x\\norder: 2\\n---\\nBody\\n")
    >>> peek(p)
    ('a', 2.0)
    """
    head = path.read_text("utf-8", "replace")[:4096]
    match = _FRONT.match(head.replace("\r\n", "\n"))
    fields = dict(_PEEK.findall(match.group(1) or "")) if match else {}
    try:
        order = float(fields.get("order", "inf"))
    except ValueError:
        order = float("inf")
    return fields.get("slug") or path.stem, order


def read_article(
    path: Path, *, fields: tuple[str, ...] = ("title", "summary"), display: str | None = None
) -> Article:
    """Read and segment the article at *path*; *display* is the path used in messages."""
    where = display or path.as_posix()
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise SourceError(
            "not valid UTF-8; save the file as UTF-8", path=where, line=line
        ) from None
    return parse_article(text, slug=path.stem, path=path, fields=fields, display=where)


def parse_article(
    text: str,
    *,
    slug: str,
    path: Path,
    fields: tuple[str, ...] = ("title", "summary"),
    display: str | None = None,
) -> Article:
    """Segment article *text* (front matter + Markdown body)."""
    where = display or path.as_posix()
    text = text.replace("\r\n", "\n")
    meta, meta_lines, body_start = _front_matter(text, where)
    slug = str(meta.get("slug", slug))
    if not _SLUG.match(slug):
        raise SourceError(
            f"slug {slug!r} must be lowercase letters, digits and '-' (it names output files)",
            path=where,
            line=meta_lines.get("slug", 1),
        )
    segments = [
        Segment(str(meta[key]).strip(), f"front matter: {key}", meta_lines[key], field=key)
        for key in fields
        if isinstance(meta.get(key), str) and str(meta[key]).strip()
    ]
    lines = tuple(text.split("\n"))
    body = "\n".join(lines[body_start:])
    tokens = block_parser().parse(body)
    segments.extend(segment_body(body, lines=lines, offset=body_start, tokens=tokens))
    images = local_images(tokens, lines, offset=body_start)
    return Article(slug, path, meta, tuple(segments), lines, body_start, images)


def _front_matter(text: str, where: str) -> tuple[dict[str, Any], dict[str, int], int]:
    match = _FRONT.match(text)
    if not match:
        return {}, {}, 0
    raw = match.group(1) or ""
    try:
        meta = yaml.load(raw, Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        # the context mark is where the broken construct starts, which is what to fix
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SourceError(
            f"front matter: {problem}; fix the YAML between the --- lines", path=where, line=line
        ) from None
    if not isinstance(meta, dict):
        raise SourceError(
            "front matter must be a mapping of 'key: value' lines", path=where, line=2
        )
    lines: dict[str, int] = {}
    for number, text in enumerate(raw.split("\n"), start=2):
        key = _KEY.match(text)
        if key:
            lines.setdefault(key.group(1), number)
    body_start = match.group(0).count("\n")
    return meta, lines, body_start


def segment_body(
    body: str, *, lines: tuple[str, ...], offset: int = 0, tokens: list[Token] | None = None
) -> list[Segment]:
    """Segments of a Markdown *body* whose first line is line *offset* of *lines*."""
    tokens = block_parser().parse(body) if tokens is None else tokens
    segments: list[Segment] = []
    containers: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in ("blockquote_open", "list_item_open", "footnote_reference_open"):
            containers.append(token.type)
        elif token.type in ("blockquote_close", "list_item_close", "footnote_reference_close"):
            containers.pop()
        elif token.type == "tr_open" and token.map:
            segments.extend(
                _table_row(lines, token.map[0] + offset, header=tokens[index + 1].type == "th_open")
            )
        elif (
            token.type == "inline"
            and token.map
            and tokens[index - 1].type in ("paragraph_open", "heading_open")
        ):
            segment = _leaf(tokens[index - 1], token, containers, lines, offset)
            if segment is not None and _translatable(segment.text):
                segments.append(segment)
    return sorted(segments, key=lambda s: (s.line, s.span.cell if s.span else 0))


_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)")
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#)")


def local_images(
    tokens: list[Token], lines: tuple[str, ...], *, offset: int = 0
) -> tuple[tuple[str, int], ...]:
    """Targets of the images in the body that are files next to the article (not URLs),
    with their lines; code blocks and raw HTML aside.

    >>> md = "![a](img/a.png)\\n\\n    ![no](code.png)\\n\\n![b](https://x.example/b.png)"
    >>> local_images(block_parser().parse(md), tuple(md.split("\\n")))
    (('img/a.png', 1),)
    """
    skip = {
        number
        for token in tokens
        if token.type in ("fence", "code_block", "html_block") and token.map
        for number in range(token.map[0] + offset, token.map[1] + offset)
    }
    found = []
    for number in range(offset, len(lines)):
        if number in skip or "![" not in lines[number]:
            continue
        for match in _IMAGE.finditer(lines[number]):
            target = match.group(1).strip("<>")
            if target and not _REMOTE.match(target):
                found.append((target, number + 1))
    return tuple(found)


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
