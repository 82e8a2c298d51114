"""Merge tasks, run in the worker pool: one source file merged into several locales.

Each task parses its article once and merges it with each locale's catalog; what
comes back is plain data (:class:`MergeResult`): the :class:`MergeRecord` the build
state keeps, the merged bodies, the PO files read and the errors, by locale.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from tarjama.core import __version__
from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.core.dates import long_date
from tarjama.core.errors import SourceError, TarjamaError
from tarjama.core.keys import digest
from tarjama.core.workers import Progress, Workers
from tarjama.merge import LocalizedArticle, merge
from tarjama.merge.catalogs import catalog_of
from tarjama.publish.overlay import origins, overlay_json
from tarjama.publish.records import FileStamp, MergeRecord, SourceRecord
from tarjama.segment import Article, read_article
from tarjama.segment.media import Targets, article_anchors, article_targets, presence
from tarjama.segment.skeleton import read_skeleton


@dataclass(frozen=True)
class Settings:
    """What every merge task shares."""

    config: Config
    annotate: bool

    @property
    def key(self) -> tuple[object, ...]:
        config = self.config
        return (
            config.source_locale,
            config.use_fuzzy,
            config.per_locale,
            config.date,
            config.numbers,  # the digits an article's date is written in
            config.front_matter,
            self.annotate,
            __version__,
        )


@dataclass(frozen=True)
class MergeTask:
    """Merge one source file into *locales*; *describe* also reports its slug, order, date."""

    path: Path
    digest: str
    locales: tuple[str, ...]
    describe: bool = False


@dataclass(frozen=True)
class Merged:
    """What a build needs of a merged article: its body and, for the preview, the overlay."""

    body: str
    overlay: str = ""
    origins: tuple[tuple[str, str], ...] = ()  # (text shown, where it was written), per segment


@dataclass
class MergeResult:
    path: Path
    source: SourceRecord | None = None
    records: dict[str, MergeRecord] = field(default_factory=dict)
    merged: dict[str, Merged] = field(default_factory=dict)
    files: dict[str, FileStamp] = field(default_factory=dict)  # PO files read, for the state
    errors: dict[str, TarjamaError] = field(default_factory=dict)  # by locale; "" the source


def inputs_key(
    source_digest: str, po_digest: str, locale: str, settings: Settings, present: str
) -> str:
    """What a merge record depends on (*present*: which of the files it names exist)."""
    return digest(source_digest, po_digest, locale, settings.key, present)


def merge_article(settings: Settings, task: MergeTask) -> MergeResult:
    """Parse *task*'s article once and merge it into each of its locales."""
    config = settings.config
    result = MergeResult(task.path)
    try:
        article = read_article(
            task.path,
            fields=config.front_matter,
            display=config.rel(task.path),
            source=config.source_dir,
            root=config.root,
        )
        date = _article_date(article, config)
        found = article_targets(config, article)
        skeleton = read_skeleton(article) if task.locales else None
    except TarjamaError as exc:
        result.errors[""] = exc
        return result
    present = presence(config.source_dir, found.checked)
    if task.describe:
        result.source = SourceRecord(
            task.digest,
            article.slug,
            article.order,
            date,
            tuple((f.kind, f.line, f.message) for f in found.findings),
            article_anchors(article),
            tuple(found.anchored),
            tuple(sorted(found.checked)),
            present,
        )
    for locale in task.locales:
        try:
            po, po_digest = _catalog(config, locale, article, result.files)
            merged = merge(
                article,
                po,
                locale=locale,
                source_locale=config.source_locale,
                use_fuzzy=config.use_fuzzy_for(locale),
                annotate=settings.annotate,
                skeleton=skeleton,
                moved=found.moved,
                broken=found.broken,
            )
        except TarjamaError as exc:
            result.errors[locale] = exc
            continue
        inputs = inputs_key(task.digest, po_digest, locale, settings, present)
        result.records[locale] = _record(config, locale, merged, date, inputs, found)
        overlay = overlay_json(config, locale, merged) if settings.annotate else ""
        result.merged[locale] = Merged(merged.body, overlay, origins(config, locale, merged))
    return result


def _catalog(
    config: Config, locale: str, article: Article, files: dict[str, FileStamp]
) -> tuple[polib.POFile | None, str]:
    """*locale*'s catalog for *article* and its digest (as :meth:`BuildState.file_digest`),
    the PO file read noted in *files* for the build state."""
    found = catalog_of(config, locale, article)
    if found.path is not None:
        files[str(found.path)] = FileStamp(found.mtime_ns, found.size, found.digest)
    return found.po, found.digest


def _article_date(article: Article, config: Config) -> str:
    """The article's date (ISO 8601): its front matter's, else the config's, else ""."""
    value = article.meta.get("date", config.date)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value in ("", None):
        return ""
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise SourceError(
            f"date {value!r} is not a date; write it as YYYY-MM-DD",
            path=config.rel(article.path),
            line=2,
        ) from None


def _record(
    config: Config,
    locale: str,
    merged: LocalizedArticle,
    date: str,
    inputs: str,
    found: Targets,
) -> MergeRecord:
    source = loc.bcp47(config.source_locale)
    return MergeRecord(
        inputs=inputs,
        percent=merged.percent,
        body=digest(merged.body),
        title=str(merged.meta.get("title", merged.slug)),
        summary=str(merged.meta.get("summary", "")),
        title_lang=source if "title" in merged.fallback_fields else None,
        summary_lang=source if "summary" in merged.fallback_fields else None,
        fallback=any(not p.used for p in merged.placed) and locale != config.source_locale,
        date_text=long_date(date, locale, loc.numbering_system(locale, dict(config.numbers))),
        media=tuple(found.media),
        links=tuple(sorted(found.links)),
        files=tuple(found.files),
    )


def run_merges(
    settings: Settings, tasks: Sequence[MergeTask], workers: Workers, *, progress: bool
) -> list[MergeResult]:
    bar = Progress(len(tasks), enabled=progress and len(tasks) > 50, verb="merged")
    run = functools.partial(merge_article, settings)
    return list(bar.track(workers.map(run, tasks), lambda r: r.path.stem))
