"""Merge tasks, run in the worker pool: one source file merged into several locales.

Each task parses its article once and merges it with each locale's catalog; what
comes back is plain data (:class:`MergeResult`): the :class:`MergeRecord` the build
state keeps, the merged bodies, the PO files read and the errors, by locale.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from tarjama.catalog.pofile import read_po_bytes
from tarjama.catalog.project import po_path
from tarjama.core import __version__
from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.core.errors import CatalogError, SourceError, TarjamaError
from tarjama.merge import LocalizedArticle, merge
from tarjama.merge.pseudo import TRANSFORMS, pseudo_catalog
from tarjama.publish.records import FileStamp, MergeRecord, SourceRecord
from tarjama.publish.state import digest
from tarjama.publish.workers import Progress, Workers
from tarjama.segment import Article, read_article
from tarjama.segment.media import article_links, article_media
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


def inputs_key(source_digest: str, po_digest: str, locale: str, settings: Settings) -> str:
    """What a merge record depends on."""
    return digest(source_digest, po_digest, locale, settings.key)


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
        media = article_media(config, article)
        links = article_links(config, article)
        skeleton = read_skeleton(article) if task.locales else None
    except TarjamaError as exc:
        result.errors[""] = exc
        return result
    if task.describe:
        result.source = SourceRecord(task.digest, article.slug, article.order, date)
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
            )
        except TarjamaError as exc:
            result.errors[locale] = exc
            continue
        inputs = inputs_key(task.digest, po_digest, locale, settings)
        result.records[locale] = _record(config, locale, merged, date, inputs, (media, links))
        overlay = _overlay(config, locale, merged) if settings.annotate else ""
        result.merged[locale] = Merged(merged.body, overlay, _origins(config, locale, merged))
    return result


def _origins(config: Config, locale: str, merged: LocalizedArticle) -> tuple[tuple[str, str], ...]:
    """Each segment's text and the PO entry (or source line) it comes from, for messages
    such as the renderer's missing-glyph error."""
    po = config.rel(po_path(config, locale, merged.slug))
    source = f"{config.rel(config.source_dir)}/{merged.slug}.md"
    return tuple(
        (p.text, f"{po}:{p.po_line}" if p.used and p.po_line else f"{source}:{p.segment.line}")
        for p in merged.placed
    )


def _overlay(config: Config, locale: str, merged: LocalizedArticle) -> str:
    """What the preview overlay shows for each segment of a page (JSON)."""
    po = config.rel(po_path(config, locale, merged.slug))
    source = config.rel(config.source_dir)
    return json.dumps(
        [
            {
                "status": p.status,
                "used": p.used,
                "msgid": p.segment.text,
                "where": f"{po}:{p.po_line}" if p.po_line else po,
                "source": f"{source}/{merged.slug}.md:{p.segment.line}",
            }
            for p in merged.placed
        ],
        ensure_ascii=False,
        indent=0,
    )


def _catalog(
    config: Config, locale: str, article: Article, files: dict[str, FileStamp]
) -> tuple[polib.POFile | None, str]:
    """*locale*'s catalog for *article* and its digest (as :meth:`BuildState.file_digest`)."""
    if locale in TRANSFORMS:
        return pseudo_catalog(locale, (s.text for s in article.segments)), ""
    if locale not in config.locales:  # the source locale
        return None, ""
    path = po_path(config, locale, article.slug)
    try:
        stat = path.stat()
        data = path.read_bytes()
    except FileNotFoundError:
        return None, "missing"
    except OSError as exc:
        raise CatalogError(f"cannot read PO file: {exc.strerror}", path=config.rel(path)) from None
    value = digest(data)
    files[str(path)] = FileStamp(stat.st_mtime_ns, stat.st_size, value)
    try:
        return read_po_bytes(data, path=path), value
    except CatalogError as exc:
        exc.path = config.rel(path)
        raise


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
    files: tuple[Sequence[str], Sequence[tuple[str, str]]],
) -> MergeRecord:
    media, links = files
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
        media=tuple(media),
        links=tuple(links),
    )


@functools.lru_cache(maxsize=1024)
def long_date(iso: str, locale: str, digits: str) -> str:
    """*iso* as the locale writes a date in full (CLDR's long format), in the digits the
    locale's page and footnote numbers use."""
    from babel.dates import format_date

    if not iso:
        return ""
    text = format_date(dt.date.fromisoformat(iso), format="long", locale=loc.babel_locale(locale))
    return loc.localize_digits(text, digits)


def run_merges(
    settings: Settings, tasks: Sequence[MergeTask], workers: Workers, *, progress: bool
) -> list[MergeResult]:
    bar = Progress(len(tasks), enabled=progress and len(tasks) > 50, verb="merged")
    run = functools.partial(merge_article, settings)
    return list(bar.track(workers.map(run, tasks), lambda r: r.path.stem))
