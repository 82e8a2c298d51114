"""Plan a build: which articles each locale publishes, merged where their inputs changed.

Every (article, locale) pair has a :class:`MergeRecord` in the build state
(``.cache/``): its percentage translated, its translated title and summary, the
digest of its body. A record is reused while the source file, the locale's PO file
and the settings are unchanged. The others are merged in the worker pool
(:mod:`tarjama.publish.merging`), one task per article for all the locales it
needs, so each article is parsed once. A locale whose catalog cannot be read fails
alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.core.errors import TarjamaError
from tarjama.core.fsutil import inside
from tarjama.core.report import Report
from tarjama.core.workers import Workers
from tarjama.merge.ui import ui_translations
from tarjama.publish.merging import Merged, MergeTask, Settings, inputs_key, run_merges
from tarjama.publish.records import MergeRecord
from tarjama.publish.sources import Sources
from tarjama.publish.state import BuildState
from tarjama.publish.validation import report_findings
from tarjama.render.contract import Edition, FrontMatter


@dataclass
class Plan:
    """One locale's edition, its merge records, and the articles merged in this build."""

    edition: Edition
    records: dict[str, MergeRecord] = field(default_factory=dict)
    merged: dict[str, Merged] = field(default_factory=dict)
    excluded: list[str] = field(default_factory=list)
    left_out: set[str] = field(default_factory=set)
    draft: bool = False  # built, but not offered by the language switcher

    @property
    def published(self) -> list[str]:
        """Slugs of the articles this locale publishes, in publication order."""
        return [slug for slug in self.records if slug not in self.left_out]

    def publishes(self, slug: str) -> bool:
        return slug in self.records and slug not in self.left_out


def front_matter(config: Config, locale: str, gettext: Callable[[str], str]) -> FrontMatter:
    """The ``[book]`` settings for *locale*: texts translated, its cover image if it has one."""
    book = config.book
    cover = ""
    if book.cover:
        wanted = config.root / book.cover.replace("{locale}", locale)
        path = inside(config.root, wanted, what="[book] cover")
        cover = str(path) if path.is_file() else ""
    return FrontMatter(
        authors=tuple(gettext(a) for a in book.authors),
        publisher=gettext(book.publisher) if book.publisher else "",
        rights=gettext(book.rights) if book.rights else "",
        edition=gettext(book.edition) if book.edition else "",
        isbn=book.isbn_of(locale),
        keywords=tuple(gettext(k) for k in book.keywords),
        cover=cover,
        archival=book.pdf_archival,
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
        fonts=config.fonts,
        digits=loc.numbering_system(locale, dict(config.numbers)),
        front=front_matter(config, locale, gettext),
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
            plans[locale] = Plan(_edition(config, locale), draft=config.is_draft(locale))
            notice = getattr(plans[locale].edition.gettext, "notice", "")
            if notice:
                report.notes.append(notice)
        except TarjamaError as exc:
            failed[locale] = exc
    tasks = _tasks(sources, tuple(plans), settings)
    results = run_merges(settings, tasks, workers, progress=progress)
    for result in results:
        state.files.update(result.files)
        if "" in result.errors:
            report.errors.append(result.errors[""])
        elif result.source is not None:
            sources.described[result.path] = result.source
    sources.settle(report)
    report_findings(config, sources, report)
    slugs = {path: slug for slug, path in sources.paths.items()}
    for result in results:
        slug = slugs.get(result.path)
        if slug is None:
            continue  # unreadable, or a second use of a slug
        for locale, error in result.errors.items():
            if locale:
                failed.setdefault(locale, error)
        for locale, merge_record in result.records.items():
            state.merges[locale, slug] = merge_record
            plans[locale].merged[slug] = result.merged[locale]
    for locale, error in failed.items():
        plans.pop(locale, None)
        report.errors.append(error)
        report.notes.append(f"{locale}: not built (see the error above)")
    dates = [sources.meta[s].date for s in sources.slugs if sources.meta[s].date]
    for plan in plans.values():
        _finish(config, plan, sources, state, max(dates) if dates else "")
    return sources, plans


def _tasks(sources: Sources, locales: tuple[str, ...], settings: Settings) -> list[MergeTask]:
    """The merges a build needs: new and changed files in every locale, and the locales
    whose merge record is stale for the others."""
    tasks = [MergeTask(p, sources.files[p], locales, describe=True) for p in sources.unknown]
    for path, record in sources.described.items():
        present = record.present  # checked when the sources were listed
        stale = tuple(
            locale
            for locale in locales
            if _fresh(
                sources.state,
                (locale, record.slug),
                _inputs(sources, path, locale, settings, present),
            )
            is None
        )
        if stale:
            tasks.append(MergeTask(path, sources.files[path], stale))
    return tasks


def _inputs(sources: Sources, path: Path, locale: str, settings: Settings, present: str) -> str:
    config = settings.config
    slug = sources.described[path].slug
    # the PO file by name (its path is checked to be inside the project when it is read)
    po_file = config.translations_dir / locale / f"{slug}.po"
    po_digest = sources.state.file_digest(po_file) if locale in config.locales else ""
    return inputs_key(sources.files[path], po_digest, locale, settings, present)


def _fresh(state: BuildState, key: tuple[str, str], inputs: str) -> MergeRecord | None:
    record = state.merges.get(key)
    return record if record is not None and record.inputs == inputs else None


def _finish(config: Config, plan: Plan, sources: Sources, state: BuildState, date: str) -> None:
    locale = plan.edition.locale
    for slug in sources.slugs:
        record = state.merges[locale, slug]
        plan.records[slug] = record
        minimum = config.min_translated_for(locale)
        if locale != config.source_locale and record.percent < minimum:
            plan.excluded.append(f"{slug} ({record.percent:.0f}% < {minimum:.0f}%)")
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
    for result in run_merges(settings, tasks, workers, progress=progress):
        for locale, error in result.errors.items():
            failed.setdefault(locale, error)
        for locale, merged in result.merged.items():
            plans[locale].merged[slugs[result.path]] = merged
    return failed
