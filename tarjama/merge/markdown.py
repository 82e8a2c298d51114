"""Merge stage: an article and its catalog become translated Markdown.

Segments are put back at the lines markdown-it mapped them from, so code blocks,
HTML blocks, link reference definitions and everything else that was not
extracted comes through byte-for-byte. A segment with no usable translation falls
back to the source text, marked with the source language for screen readers and fonts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polib

from tarjama.catalog.stats import words
from tarjama.merge.sanitize import escape_cell, sanitize, sanitize_plain
from tarjama.segment import Article, Segment, split_row
from tarjama.segment.blocks import number_only
from tarjama.segment.links import plain_text, unique_ids

_EXPLICIT_ID = re.compile(r"\{[^{}]*#([^\s{}]+)[^{}]*\}")

TRANSLATED, FUZZY, UNTRANSLATED, SOURCE = "translated", "fuzzy", "untranslated", "source"


@dataclass(frozen=True, slots=True)
class Placed:
    """What happened to one segment: its status, whether a translation was used, where."""

    segment: Segment
    status: str
    used: bool
    po_line: int | None = None
    text: str = ""


@dataclass(frozen=True)
class LocalizedArticle:
    """An article in one locale: translated front matter and body, and per-segment states."""

    slug: str
    locale: str
    meta: dict[str, Any]
    body: str
    placed: tuple[Placed, ...]
    fallback_fields: frozenset[str]

    @property
    def percent(self) -> float:
        """Share of the article's words shown translated (0-100)."""
        total = done = 0
        for item in self.placed:
            if number_only(item.segment.text):
                continue  # a number alone needs no translation, so it does not count
            count = words(item.segment.text)
            total += count
            done += count if item.used else 0
        return 100.0 if not total else 100.0 * done / total


def lookup(po: polib.POFile | None) -> dict[str, polib.POEntry]:
    """The catalog's live entries by msgid."""
    return {} if po is None else {e.msgid: e for e in po if not e.obsolete and not e.msgctxt}


def place(segment: Segment, entries: Mapping[str, polib.POEntry], *, use_fuzzy: bool) -> Placed:
    """Decide which text a segment gets: a safe translation, or the source."""
    entry = entries.get(segment.text)
    if entry is None or not entry.msgstr:
        # a number is right in any language until a translator localizes it: no fallback
        as_is = number_only(segment.text)
        return Placed(segment, UNTRANSLATED, as_is, entry.linenum if entry else None, segment.text)
    status = FUZZY if entry.fuzzy else TRANSLATED
    if status == FUZZY and not use_fuzzy:
        return Placed(segment, status, False, entry.linenum, segment.text)
    if segment.field:
        return Placed(
            segment, status, True, entry.linenum, sanitize_plain(segment.text, entry.msgstr)
        )
    safe = sanitize(segment.text, entry.msgstr)
    if safe is None:
        return Placed(segment, status, False, entry.linenum, segment.text)
    return Placed(segment, status, True, entry.linenum, safe)


def merge(
    article: Article,
    po: polib.POFile | None,
    *,
    locale: str,
    source_locale: str = "en",
    use_fuzzy: bool = False,
    mark: bool = True,
    annotate: bool = False,
) -> LocalizedArticle:
    """Translate *article* with catalog *po*.

    *mark* wraps fallen-back segments in ``lang``/``dir`` markup; *annotate* gives
    every segment a ``tj-seg`` attribute (its index in ``placed``) for the preview overlay.
    """
    entries = lookup(po)
    is_source = locale == source_locale
    placed = tuple(
        Placed(s, SOURCE, True, None, s.text)
        if is_source
        else place(s, entries, use_fuzzy=use_fuzzy)
        for s in article.segments
    )
    meta = dict(article.meta)
    fallback = set()
    for item in placed:
        if item.segment.field:
            meta[item.segment.field] = item.text
            if not item.used:
                fallback.add(item.segment.field)
    drop = None
    if article.title_segment is not None:  # no title in the front matter: the first heading
        item = placed[article.title_segment]
        meta["title"] = plain_text(item.text)
        if not item.used:
            fallback.add("title")
        drop = _leading(article, item.segment)
    lines = list(article.lines)
    fallback_attrs = f'lang="{source_locale}" dir="ltr"' if mark and not is_source else ""
    anchors = heading_anchors(article)

    def attributes(index: int, item: Placed) -> str:
        parts = [f"#{anchors[index]}"] if index in anchors else []
        if fallback_attrs and not item.used:
            parts.append(fallback_attrs)
        if annotate:
            parts.append(f'tj-seg="{index}"')
        return " ".join(parts)

    _replace(
        lines,
        [(item, attributes(index, item)) for index, item in enumerate(placed)],
        drop=drop,
    )
    body = "\n".join(lines[article.body_start :])
    return LocalizedArticle(article.slug, locale, meta, body, placed, frozenset(fallback))


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


def _leading(article: Article, segment: Segment) -> tuple[int, int] | None:
    """The lines of *segment* (the title heading) when nothing but blank lines precede it
    in the body: they are left out of the body, which the title opens anyway."""
    span = segment.span
    if span is None or any(line.strip() for line in article.lines[article.body_start : span.start]):
        return None
    end = span.end
    if end < len(article.lines) and re.fullmatch(r" {0,3}(=+|-+)\s*", article.lines[end]):
        end += 1  # a setext heading's underline
    return span.start, end


def _replace(
    lines: list[str], placed: list[tuple[Placed, str]], *, drop: tuple[int, int] | None = None
) -> None:
    """Put each placed segment (with its attributes) in *lines*, in place; the lines
    *drop* (start, end) are removed."""
    by_row: dict[int, list[tuple[Placed, str]]] = {}
    blocks: list[tuple[int, Placed | None, str]] = []
    for item, attrs in placed:
        span = item.segment.span
        dropped = drop is not None and span is not None and span.start == drop[0]
        if span is None or (item.status == SOURCE and not attrs and not dropped):
            continue
        if span.cell is None:
            blocks.append((span.start, item, attrs))
        elif span.start not in by_row:
            by_row[span.start] = [(item, attrs)]
            blocks.append((span.start, None, ""))
        else:
            by_row[span.start].append((item, attrs))
    # bottom-up, so that replacing a block never shifts the lines still to be replaced
    for start, block, attrs in sorted(blocks, key=lambda b: b[0], reverse=True):
        if drop is not None and start == drop[0]:
            lines[drop[0] : drop[1]] = []
        elif block is None:
            lines[start] = _row(lines[start], by_row[start])
        else:
            assert block.segment.span is not None
            lines[start : block.segment.span.end] = _block(block, attrs)


def _block(item: Placed, attrs: str) -> list[str]:
    """The replacement lines of one block segment (a setext underline lies outside the span)."""
    span = item.segment.span
    assert span is not None
    continuation = "".join(c if c == ">" else " " for c in span.prefix)
    text_lines = item.text.split("\n")
    kind = item.segment.kind
    suffix = span.suffix
    if attrs and kind.startswith("heading"):
        suffix = suffix[: suffix.rindex("}")] + f" {attrs}}}" if "{" in suffix else f" {{{attrs}}}"
    elif attrs and kind == "paragraph" and not span.prefix:
        return [f"::: {{{attrs}}}", *text_lines, ":::"]
    elif attrs:
        text_lines = [f"[{line}" if i == 0 else line for i, line in enumerate(text_lines)]
        text_lines[-1] += f"]{{{attrs}}}"
    head = [span.prefix + text_lines[0]] + [continuation + line for line in text_lines[1:]]
    head[-1] += suffix
    return head


def _row(line: str, cells: list[tuple[Placed, str]]) -> str:
    """*line* (a table row) with its translated cells."""
    bounds = split_row(line)
    for item, attrs in sorted(
        cells, key=lambda c: -(c[0].segment.span.cell or 0) if c[0].segment.span else 0
    ):
        span = item.segment.span
        assert span is not None and span.cell is not None
        start, end = bounds[span.cell]
        raw = line[start:end]
        text = escape_cell(item.text)
        if attrs:
            text = f"[{text}]{{{attrs}}}"
        new = raw.replace(raw.strip(), text, 1) if raw.strip() else raw
        line = line[:start] + new + line[end:]
    return line
