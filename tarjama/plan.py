"""Plan a build: which articles each locale publishes, merged where their inputs changed.

Every (article, locale) pair has a merge record in the build state (``.cache/``):
its percentage translated, its translated title and summary, the digest of its
body. A record is reused while the source file, the locale's PO file and the
settings are unchanged. The others are merged in the worker pool, one task per
article for all the locales it needs (so each article is parsed once); the
results come back here. A locale whose catalog cannot be read fails alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tarjama import __version__
from tarjama import locales as loc
from tarjama.cache import BuildState, digest
from tarjama.config import Config
from tarjama.errors import CatalogError, SourceError, TarjamaError
from tarjama.merge import LocalizedArticle, merge
from tarjama.project import UI_DOMAIN, po_path, read_catalog
from tarjama.pseudo import TRANSFORMS, pseudo_catalog
from tarjama.render import Chapter, Edition
from tarjama.report import Report
from tarjama.segment import Article, read_article
from tarjama.workers import Progress, Workers


class UiStrings(dict[str, str]):
    """A locale's interface translations, callable as ``gettext`` (and picklable)."""

    def __call__(self, message: str) -> str:
        return self.get(message) or message


@dataclass
class Plan:
    """One locale's edition, its merge records, and the articles merged in this build."""

    edition: Edition
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    merged: dict[str, Merged] = field(default_factory=dict)
    excluded: list[str] = field(default_factory=list)
    left_out: set[str] = field(default_factory=set)

    @property
    def published(self) -> list[str]:
        """Slugs of the articles this locale publishes, in publication order."""
        return [slug for slug in self.records if slug not in self.left_out]

    def publishes(self, slug: str) -> bool:
        return slug in self.records and slug not in self.left_out


class Sources:
    """The project's articles: each file's digest, and its slug, order and date.

    Those come from the build state while the file is unchanged; the others are
    learnt from the merge tasks that parse them (:meth:`settle`).
    """

    def __init__(self, config: Config, state: BuildState) -> None:
        self.config, self.state = config, state
        self.files = {p: state.file_digest(p) for p in sorted(config.source_dir.glob("*.md"))}
        self.described: dict[Path, dict[str, Any]] = {}
        for path, file_digest in self.files.items():
            cached = state.merged.get(f"source:{path.name}")
            if cached is not None and cached["digest"] == file_digest:
                self.described[path] = cached
        self.paths: dict[str, Path] = {}
        self.digests: dict[str, str] = {}
        self.meta: dict[str, dict[str, Any]] = {}

    @property
    def unknown(self) -> list[Path]:
        """Files new or changed since the last build."""
        return [path for path in self.files if path not in self.described]

    def settle(self, report: Report) -> None:
        """Index the described files by slug (in file order: a second use of a slug fails)."""
        for path, record in self.described.items():
            self.state.merged[f"source:{path.name}"] = record
        for path in self.files:
            if path not in self.described:
                continue
            slug = str(self.described[path]["slug"])
            if slug in self.paths:
                report.errors.append(
                    SourceError(
                        f"slug {slug!r} is used twice; give each article its own slug",
                        path=self.config.rel(path),
                        line=1,
                    )
                )
                continue
            self.paths[slug], self.digests[slug] = path, self.files[path]
            self.meta[slug] = self.described[path]

    @functools.cached_property
    def slugs(self) -> list[str]:
        """Slugs in publication order (``order`` in the front matter, then the slug)."""
        return sorted(self.paths, key=lambda s: (float(self.meta[s]["order"]), s))

    @functools.cached_property
    def order(self) -> dict[str, int]:
        """Each slug's position in the publication, from 1."""
        return {slug: index for index, slug in enumerate(self.slugs, 1)}


# -- merge tasks (run in worker processes) -------------------------------------


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


@dataclass
class MergeResult:
    path: Path
    source: dict[str, Any] | None = None
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    merged: dict[str, Merged] = field(default_factory=dict)
    files: dict[str, list[Any]] = field(default_factory=dict)  # PO files read, for the state
    errors: dict[str, TarjamaError] = field(default_factory=dict)  # by locale; "" the source


def inputs_key(source_digest: str, po_digest: str, locale: str, settings: Settings) -> str:
    """What a merge record depends on."""
    return digest(source_digest, po_digest, locale, settings.key)


def merge_article(settings: Settings, task: MergeTask) -> MergeResult:
    """Parse *task*'s article once and merge it into each of its locales."""
    config = settings.config
    result = MergeResult(task.path)
    try:
        article = read_article(task.path, fields=config.front_matter, display=config.rel(task.path))
        date = _article_date(article, config).isoformat()
        media = article_media(config, article)
    except TarjamaError as exc:
        result.errors[""] = exc
        return result
    if task.describe:
        result.source = {
            "digest": task.digest,
            "slug": article.slug,
            "order": article.order,
            "date": date,
        }
    for locale in task.locales:
        try:
            po, po_digest = _catalog(config, locale, article, result.files)
            merged = merge(
                article,
                po,
                locale=locale,
                source_locale=config.source_locale,
                use_fuzzy=config.use_fuzzy,
                annotate=settings.annotate,
            )
        except TarjamaError as exc:
            result.errors[locale] = exc
            continue
        inputs = inputs_key(task.digest, po_digest, locale, settings)
        result.records[locale] = {**_record(config, locale, merged, date, inputs), "media": media}
        overlay = _overlay(config, locale, merged) if settings.annotate else ""
        result.merged[locale] = Merged(merged.body, overlay)
    return result


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


_NOT_MEDIA = {".md", ".html", ".htm", ".xhtml", ".epub", ".pdf", ".json", ".po", ".pot"}


def article_media(config: Config, article: Article) -> list[str]:
    """The local images of *article*, as paths relative to the source folder (checked to
    exist inside it): the build copies them next to the pages and into the books."""
    from urllib.parse import unquote

    where = config.rel(article.path)
    source = config.source_dir.resolve()
    found = []
    for target, line in article.images:
        relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
        path = (article.path.parent / relative).resolve()
        if source not in path.parents:
            raise SourceError(
                f"image {target!r} is outside {config.rel(config.source_dir)}/; "
                "keep images inside the source folder",
                path=where,
                line=line,
            )
        if path.suffix.lower() in _NOT_MEDIA:
            raise SourceError(
                f"image {target!r} is not an image file; link to it instead", path=where, line=line
            )
        if not path.is_file():
            raise SourceError(
                f"image {target!r} not found; add the file or fix the path", path=where, line=line
            )
        found.append(path.relative_to(source).as_posix())
    return sorted(set(found))


def _catalog(
    config: Config, locale: str, article: Article, files: dict[str, list[Any]]
) -> tuple[Any, str]:
    """*locale*'s catalog for *article* and its digest (as :meth:`BuildState.file_digest`)."""
    from tarjama.pofile import read_po_bytes

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
    files[str(path)] = [stat.st_mtime_ns, stat.st_size, value]
    try:
        return read_po_bytes(data, path=path), value
    except CatalogError as exc:
        exc.path = config.rel(path)
        raise


def _article_date(article: Article, config: Config) -> dt.date:
    value = article.meta.get("date", "1970-01-01")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SourceError(
            f"date {value!r} is not a date; write it as YYYY-MM-DD",
            path=config.rel(article.path),
            line=2,
        ) from None


def _record(
    config: Config, locale: str, merged: LocalizedArticle, date: str, inputs: str
) -> dict[str, Any]:
    source = loc.bcp47(config.source_locale)
    return {
        "input": inputs,
        "percent": merged.percent,
        "body": digest(merged.body),
        "title": str(merged.meta.get("title", merged.slug)),
        "summary": str(merged.meta.get("summary", "")),
        "title_lang": source if "title" in merged.fallback_fields else None,
        "summary_lang": source if "summary" in merged.fallback_fields else None,
        "fallback": any(not p.used for p in merged.placed) and locale != config.source_locale,
        "date_text": _long_date(date, locale),
    }


@functools.lru_cache(maxsize=1024)
def _long_date(iso: str, locale: str) -> str:
    """*iso* as the locale writes a date in full (CLDR's long format)."""
    from babel.dates import format_date

    return format_date(dt.date.fromisoformat(iso), format="long", locale=loc.babel_locale(locale))


# -- planning (in the main process) --------------------------------------------


def ui_translations(config: Config, locale: str) -> UiStrings:
    """Translated, non-fuzzy interface strings of ``translations/<locale>/ui.po``."""
    from tarjama.checks import markup

    if locale in TRANSFORMS:
        from tarjama.uistrings import extract_ui

        pot = extract_ui(config)
        return UiStrings({e.msgid: TRANSFORMS[locale](e.msgid) for e in pot or []})
    path = po_path(config, locale, UI_DOMAIN)
    if locale == config.source_locale or not path.exists():
        return UiStrings()
    po = read_catalog(config, path)
    return UiStrings(
        {
            e.msgid: e.msgstr
            for e in po
            if e.translated()
            and not e.obsolete
            and e.msgstr
            # a msgstr that loses or renames a placeholder would break the page: keep the msgid
            and markup(e.msgid).placeholders == markup(e.msgstr).placeholders
        }
    )


def _edition(config: Config, locale: str) -> Edition:
    gettext = ui_translations(config, locale)
    return Edition(
        locale=locale,
        lang=loc.bcp47(locale),
        direction="rtl" if loc.direction(locale) == "rtl" else "ltr",
        title=gettext(config.title),
        description=gettext(config.description),
        language_name=loc.display_name(locale),
        chapters=(),
        gettext=gettext,
        source_lang=loc.bcp47(config.source_locale),
        media_dir=str(config.source_dir.resolve()),
    )


def plan_build(
    config: Config,
    locales: Sequence[str],
    state: BuildState,
    report: Report,
    workers: Workers,
    *,
    annotate: bool = False,
    progress: bool = False,
) -> tuple[Sources, dict[str, Plan]]:
    """Every locale's plan, merging what the build state does not already know."""
    settings = Settings(config, annotate)
    sources = Sources(config, state)
    plans: dict[str, Plan] = {}
    failed: dict[str, TarjamaError] = {}
    for locale in locales:
        try:
            plans[locale] = Plan(_edition(config, locale))
        except TarjamaError as exc:
            failed[locale] = exc
    tasks = [MergeTask(p, sources.files[p], tuple(plans), describe=True) for p in sources.unknown]
    for path, record in sources.described.items():
        stale = tuple(
            locale
            for locale in plans
            if _fresh(state, f"{locale}/{record['slug']}", _inputs(sources, path, locale, settings))
            is None
        )
        if stale:
            tasks.append(MergeTask(path, sources.files[path], stale))
    results = _run(settings, tasks, workers, progress=progress)
    for result in results:
        state.files.update(result.files)
        if "" in result.errors:
            report.errors.append(result.errors[""])
        elif result.source is not None:
            sources.described[result.path] = result.source
    sources.settle(report)
    slugs = {path: slug for slug, path in sources.paths.items()}
    for result in results:
        slug = slugs.get(result.path)
        if slug is None:
            continue  # unreadable, or a second use of a slug
        for locale, error in result.errors.items():
            if locale:
                failed.setdefault(locale, error)
        for locale, record in result.records.items():
            state.merged[f"{locale}/{slug}"] = record
            plans[locale].merged[slug] = result.merged[locale]
    for locale, error in failed.items():
        plans.pop(locale, None)
        report.errors.append(error)
        report.notes.append(f"{locale}: not built (see the error above)")
    dates = [sources.meta[s]["date"] for s in sources.slugs]
    for plan in plans.values():
        _finish(config, plan, sources, state, max(dates) if dates else "")
    return sources, plans


def _inputs(sources: Sources, path: Path, locale: str, settings: Settings) -> str:
    config = settings.config
    slug = str(sources.described[path]["slug"])
    po_digest = (
        sources.state.file_digest(po_path(config, locale, slug)) if locale in config.locales else ""
    )
    return inputs_key(sources.files[path], po_digest, locale, settings)


def _fresh(state: BuildState, key: str, inputs: str) -> dict[str, Any] | None:
    record = state.merged.get(key)
    return record if record is not None and record["input"] == inputs else None


def _finish(config: Config, plan: Plan, sources: Sources, state: BuildState, date: str) -> None:
    locale = plan.edition.locale
    for slug in sources.slugs:
        record = state.merged[f"{locale}/{slug}"]
        plan.records[slug] = record
        if locale != config.source_locale and record["percent"] < config.min_translated:
            plan.excluded.append(
                f"{slug} ({record['percent']:.0f}% < {config.min_translated:.0f}%)"
            )
            plan.left_out.add(slug)
    plan.edition = dataclasses.replace(plan.edition, date_iso=date)


def merge_bodies(
    config: Config,
    plans: Mapping[str, Plan],
    sources: Sources,
    wanted: Iterable[tuple[str, str]],
    workers: Workers,
    *,
    annotate: bool = False,
    progress: bool = False,
) -> dict[str, TarjamaError]:
    """Merge the (locale, slug) bodies a build needs that this run has not merged yet;
    returns the locales that failed."""
    settings = Settings(config, annotate)
    by_slug: dict[str, list[str]] = {}
    for locale, slug in wanted:
        if slug not in plans[locale].merged and locale not in by_slug.get(slug, []):
            by_slug.setdefault(slug, []).append(locale)
    tasks = [
        MergeTask(sources.paths[slug], sources.digests[slug], tuple(locales))
        for slug, locales in by_slug.items()
    ]
    failed: dict[str, TarjamaError] = {}
    slugs = {path: slug for slug, path in sources.paths.items()}
    for result in _run(settings, tasks, workers, progress=progress):
        for locale, error in result.errors.items():
            failed.setdefault(locale, error)
        for locale, merged in result.merged.items():
            plans[locale].merged[slugs[result.path]] = merged
    return failed


def _run(
    settings: Settings, tasks: Sequence[MergeTask], workers: Workers, *, progress: bool
) -> list[MergeResult]:
    bar = Progress(len(tasks), enabled=progress and len(tasks) > 50, verb="merged")
    run = functools.partial(merge_article, settings)
    return list(bar.track(workers.map(run, tasks), lambda r: r.path.stem))


def chapter(plan: Plan, slug: str, body: str, order: int) -> Chapter:
    record = plan.records[slug]
    return Chapter(
        slug=slug,
        title=record["title"],
        summary=record["summary"],
        date_text=record["date_text"],
        body=body,
        order=order,
        title_lang=record["title_lang"],
        summary_lang=record["summary_lang"],
        media=tuple(record.get("media", ())),
    )
