"""Merge stage: an article and its catalog become the translated document.

The article's skeleton (its structure as pandoc read it, trusted) gets each segment's
text as pandoc nodes: a usable translation rebuilt by the allowlist, or else the
msgid's own nodes, marked with the source language for screen readers and fonts. Code
blocks, HTML blocks and everything else that was not extracted come from the skeleton
as the author wrote them. The result is a pandoc JSON document, which every output
format is written from.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any

import polib

from tarjama.catalog.allowlist import ATOMS, Cleaned, Context, clean, clean_plain, inventory
from tarjama.catalog.stats import words
from tarjama.catalog.status import Status, status_of
from tarjama.merge.document import Filler, Json, Marks, resolve
from tarjama.merge.targets import fix_targets
from tarjama.segment import Article, Segment
from tarjama.segment.blocks import number_only
from tarjama.segment.links import plain_text
from tarjama.segment.skeleton import Skeleton, heading_anchors, read_skeleton

TRANSLATED, FUZZY, UNTRANSLATED, SOURCE = (
    Status.TRANSLATED,
    Status.FUZZY,
    Status.UNTRANSLATED,
    Status.SOURCE,
)


@dataclass(frozen=True, slots=True)
class Placed:
    """What happened to one segment: its status, whether a translation was used, where,
    the text shown (plain) and the translation's nodes (None: the msgid's are shown)."""

    segment: Segment
    status: Status
    used: bool
    po_line: int | None = None
    text: str = ""
    nodes: tuple[Json, ...] | None = None


@dataclass(frozen=True)
class LocalizedArticle:
    """An article in one locale: translated front matter, the document (pandoc JSON) and
    per-segment states."""

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
    """The catalog's live entries by :func:`entry_key`."""
    if po is None:
        return {}
    return {entry_key(e.msgctxt, e.msgid): e for e in po if not e.obsolete}


def entry_key(context: str | None, msgid: str) -> str:
    """A msgid in its context as gettext keys it (``context`` EOT ``msgid``)."""
    return msgid if context is None else f"{context}\x04{msgid}"


def context_of(article: Article) -> Context:
    """What the article's msgids may refer to (its references and footnotes)."""
    return Context(article.references, article.footnotes)


def place(
    segment: Segment,
    entries: Mapping[str, polib.POEntry],
    *,
    use_fuzzy: bool,
    context: Context,
) -> Placed:
    """Decide which text a segment gets: a safe translation, or the source."""
    entry = entries.get(entry_key(segment.context, segment.text))
    status = status_of(entry)
    if status is UNTRANSLATED or entry is None:
        # a number is right in any language until a translator localizes it: no fallback
        as_is = number_only(segment.text)
        return Placed(segment, UNTRANSLATED, as_is, entry.linenum if entry else None, segment.text)
    if status is FUZZY and not use_fuzzy:
        return Placed(segment, status, False, entry.linenum, segment.text)
    cleaned: Cleaned = (
        clean_plain(segment.text, entry.msgstr)
        if segment.field
        else clean(segment.text, entry.msgstr, context)
    )
    if cleaned.nodes is None:
        return Placed(segment, status, False, entry.linenum, segment.text)
    return Placed(segment, status, True, entry.linenum, cleaned.text, cleaned.nodes)


def merge(
    article: Article,
    po: polib.POFile | None,
    *,
    locale: str,
    source_locale: str = "en",
    use_fuzzy: bool = False,
    mark: bool = True,
    annotate: bool = False,
    skeleton: Skeleton | None = None,
    moved: Mapping[str, str] | None = None,
    broken: Set[str] = frozenset(),
) -> LocalizedArticle:
    """Translate *article* with catalog *po*.

    *mark* marks fallen-back segments with ``lang``/``dir`` attributes; *annotate* gives
    every segment a ``tj-seg`` attribute (its index in ``placed``) for the preview
    overlay. *skeleton* is the article's (read once for all its locales). Images whose
    target (as written) is in *moved* get the target it maps to, links and images in
    *broken* are shown as their text (see :mod:`tarjama.merge.targets`).
    """
    entries = lookup(po)
    context = context_of(article)
    is_source = locale == source_locale
    placed = [
        Placed(s, SOURCE, True, None, s.text)
        if is_source
        else place(s, entries, use_fuzzy=use_fuzzy, context=context)
        for s in article.segments
    ]
    skeleton = skeleton if skeleton is not None else read_skeleton(article)
    resolved = _resolve_all(placed, skeleton, context)
    meta, fallback = _front_matter(article, placed)
    marks: Marks = [["lang", source_locale], ["dir", "ltr"]] if mark and not is_source else []

    def content(index: int) -> tuple[list[Json], Marks]:
        item = placed[index]
        own = [["tj-seg", str(index)]] if annotate else []
        if index in resolved:
            return resolved[index], own
        msgid = skeleton.msgids[index]
        shown = list(msgid) if msgid is not None else [{"t": "Str", "c": item.segment.text}]
        return shown, ([] if item.used else marks) + own

    blocks = Filler(skeleton, content, anchors=heading_anchors(article)).document()
    blocks = fix_targets(blocks, moved or {}, broken)
    body = json.dumps(
        {"pandoc-api-version": list(skeleton.api), "meta": {}, "blocks": blocks},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return LocalizedArticle(article.slug, locale, meta, body, tuple(placed), frozenset(fallback))


def _resolve_all(
    placed: list[Placed], skeleton: Skeleton, context: Context
) -> dict[int, list[Json]]:
    """Each usable translation's nodes with the msgid's put in, by index; a translation
    that cannot be resolved is marked unused in *placed* (the source is shown)."""
    resolved: dict[int, list[Json]] = {}
    for index, item in enumerate(placed):
        if item.nodes is None or item.segment.field:
            continue
        inlines = _resolved(item, skeleton, index, context)
        if inlines is None:  # pandoc reads the msgid otherwise: the source is shown
            placed[index] = Placed(
                item.segment, item.status, False, item.po_line, item.segment.text
            )
        else:
            resolved[index] = inlines
    return resolved


def _resolved(item: Placed, skeleton: Skeleton, index: int, context: Context) -> list[Json] | None:
    msgid = skeleton.msgids[index]
    if item.nodes is None or msgid is None:
        return None
    counts = {kind: len(inventory(item.segment.text, context).atoms[kind]) for kind in ATOMS}
    return resolve(item.nodes, skeleton.atoms(index), counts)


def _front_matter(article: Article, placed: list[Placed]) -> tuple[dict[str, Any], set[str]]:
    """The translated front matter fields (and the title from the first heading when the
    front matter has none), and the fields shown in the source language."""
    meta = dict(article.meta)
    fallback = set()
    for item in placed:
        if item.segment.field:
            meta[item.segment.field] = item.text
            if not item.used:
                fallback.add(item.segment.field)
    if article.title_segment is not None:
        item = placed[article.title_segment]
        translated = item.used and item.nodes is not None
        meta["title"] = item.text if translated else plain_text(item.segment.text)
        if not item.used:
            fallback.add("title")
    return meta, fallback
