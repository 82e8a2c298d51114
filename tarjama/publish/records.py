"""The typed entries of the build state, and their JSON form (the only place it is written).

A build remembers three things between runs: each input file's digest
(:class:`FileStamp`), what it learnt of each source file (:class:`SourceRecord`),
and the outcome of each (locale, article) merge (:class:`MergeRecord`). They are
frozen dataclasses in memory; :func:`to_json` and the ``from_json`` constructors
convert them for ``.cache/state-*.json``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FileStamp:
    """A file's digest, trusted while its modification time and size are unchanged."""

    mtime_ns: int
    size: int
    digest: str

    def to_json(self) -> list[Any]:
        return [self.mtime_ns, self.size, self.digest]

    @classmethod
    def from_json(cls, data: list[Any]) -> FileStamp:
        return cls(int(data[0]), int(data[1]), str(data[2]))


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """What a source file says about itself: its slug, position and date."""

    digest: str  # of the file's bytes when it was read
    slug: str
    order: float
    date: str  # ISO 8601, or "" for none
    # missing or misplaced targets: ([validation] kind, line, message)
    findings: tuple[tuple[str, int, str], ...] = ()
    anchors: tuple[str, ...] = ()  # what links may lead to in it (headings' identifiers...)
    # its links with an anchor: (as written, the anchor, the article file or "", line)
    anchored: tuple[tuple[str, str, str, int], ...] = ()
    checked: tuple[str, ...] = ()  # the files it names (below the source folder)
    present: str = ""  # which of them existed (:func:`tarjama.segment.media.presence`)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceRecord:
        return cls(
            str(data["digest"]),
            str(data["slug"]),
            float(data["order"]),
            str(data["date"]),
            tuple((str(k), int(n), str(m)) for k, n, m in data.get("findings", ())),
            tuple(str(a) for a in data.get("anchors", ())),
            tuple((str(t), str(a), str(f), int(n)) for t, a, f, n in data.get("anchored", ())),
            tuple(str(c) for c in data.get("checked", ())),
            str(data.get("present", "")),
        )


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """What a build needs to know of one article merged into one locale.

    ``inputs`` is the key of everything the merge read (source, PO file, settings): the
    record is reused while it is unchanged. ``body`` is the digest of the merged text,
    which is kept in memory only for the outputs that need it.
    """

    inputs: str
    percent: float
    body: str
    title: str
    summary: str
    title_lang: str | None  # the source language when the title fell back to it
    summary_lang: str | None
    fallback: bool  # some segment is shown in the source language
    date_text: str  # the date as the locale writes it
    media: tuple[str, ...] = ()  # local images, relative to the source folder
    # links to other articles: (the path as written, the file below the source folder)
    links: tuple[tuple[str, str], ...] = ()
    files: tuple[str, ...] = ()  # other local files it links to (the site copies them)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MergeRecord:
        values = {f.name: data[f.name] for f in dataclasses.fields(cls)}
        values["media"] = tuple(values["media"])
        values["links"] = tuple((str(a), str(b)) for a, b in values["links"])
        values["files"] = tuple(values["files"])
        return cls(**values)


def to_json(record: SourceRecord | MergeRecord) -> dict[str, Any]:
    """The JSON object for *record* (its fields; tuples become lists).

    >>> to_json(SourceRecord("d", "a", 1.0, "2026-01-02", anchors=("x",)))["anchors"]
    ['x']
    """
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _plain(value: Any) -> Any:
    return [_plain(v) for v in value] if isinstance(value, tuple) else value
