"""Publish stage: plan every locale's edition, decide what must be rebuilt, build it.

A build is a list of :class:`BuildJob` (a page, a locale's index, its EPUB, its
PDF, the root index, the shared assets), each with a content key computed from
everything its output depends on. A job whose output exists with the same key is
skipped, so a no-op build reads no PO file and writes nothing. Merge results are
cached per locale and article in the build state (``.cache/``). One locale's
broken catalog fails that locale only; the others still build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.dates import format_date

from tarjama import __version__
from tarjama import locales as loc
from tarjama.cache import BuildState, digest
from tarjama.checks import markup
from tarjama.config import FORMATS, Config
from tarjama.errors import RenderError, SourceError, TarjamaError, UsageError
from tarjama.merge import LocalizedArticle, merge
from tarjama.project import UI_DOMAIN, Report, po_path, read_catalog
from tarjama.pseudo import TRANSFORMS, pseudo_catalog
from tarjama.render import Chapter, Edition
from tarjama.segment import Article, read_article


class UiStrings(dict[str, str]):
    """A locale's interface translations, callable as ``gettext`` (and picklable)."""

    def __call__(self, message: str) -> str:
        return self.get(message) or message


@dataclass
class Plan:
    """One locale's edition, the cached merge records behind it, and what was merged now."""

    edition: Edition
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    merged: dict[str, LocalizedArticle] = field(default_factory=dict)
    excluded: list[str] = field(default_factory=list)
    left_out: set[str] = field(default_factory=set)

    @property
    def published(self) -> list[str]:
        """Slugs of the articles this locale publishes, in publication order."""
        return [slug for slug in self.records if slug not in self.left_out]


@dataclass(frozen=True)
class BuildJob:
    """One output to produce: its kind, locale, article, and the key of its inputs."""

    kind: str
    locale: str
    slug: str
    output: Path
    key: str

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.locale}:{self.slug}"


class Sources:
    """The project's articles: digests always, parsed articles only when needed."""

    def __init__(self, config: Config, state: BuildState, report: Report) -> None:
        self.config, self.state = config, state
        self.paths: dict[str, Path] = {}
        self.digests: dict[str, str] = {}
        self.meta: dict[str, dict[str, Any]] = {}
        self._parsed: dict[str, Article] = {}
        for path in sorted(config.source_dir.glob("*.md")):
            try:
                self._add(path)
            except TarjamaError as exc:
                report.errors.append(exc)

    def _add(self, path: Path) -> None:
        file_digest = self.state.file_digest(path)
        cached = self.state.merged.get(f"source:{path.name}")
        if cached is None or cached["digest"] != file_digest:
            article = self._parse(path)
            date = _article_date(article, self.config)
            cached = {
                "digest": file_digest,
                "slug": article.slug,
                "order": article.order,
                "date": date.isoformat(),
            }
            self.state.merged[f"source:{path.name}"] = cached
        slug = str(cached["slug"])
        if slug in self.paths:
            raise SourceError(
                f"slug {slug!r} is used twice; give each article its own slug",
                path=self.config.rel(path),
                line=1,
            )
        self.paths[slug], self.digests[slug], self.meta[slug] = path, file_digest, cached

    def _parse(self, path: Path) -> Article:
        article = read_article(path, fields=self.config.front_matter, display=self.config.rel(path))
        self._parsed[article.slug] = article
        return article

    def article(self, slug: str) -> Article:
        return self._parsed.get(slug) or self._parse(self.paths[slug])

    @functools.cached_property
    def slugs(self) -> list[str]:
        """Slugs in publication order (``order`` in the front matter, then the slug)."""
        return sorted(self.paths, key=lambda s: (float(self.meta[s]["order"]), s))


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


def ui_translations(config: Config, locale: str) -> UiStrings:
    """Translated, non-fuzzy interface strings of ``translations/<locale>/ui.po``."""
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


def _merge_one(
    config: Config, sources: Sources, locale: str, slug: str, *, annotate: bool
) -> LocalizedArticle:
    article = sources.article(slug)
    po = None
    if locale in TRANSFORMS:
        po = pseudo_catalog(locale, (s.text for s in article.segments))
    elif locale != config.source_locale:
        path = po_path(config, locale, slug)
        po = read_catalog(config, path) if path.exists() else None
    return merge(
        article,
        po,
        locale=locale,
        source_locale=config.source_locale,
        use_fuzzy=config.use_fuzzy,
        annotate=annotate,
    )


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
        "date_text": format_date(
            dt.date.fromisoformat(date), format="long", locale=loc.babel_locale(locale)
        ),
    }


def plan_locale(
    config: Config, locale: str, sources: Sources, state: BuildState, *, annotate: bool = False
) -> Plan:
    """Merge records for every article of *locale* (from the cache where inputs are unchanged)."""
    gettext = ui_translations(config, locale)
    edition = Edition(
        locale=locale,
        lang=loc.bcp47(locale),
        direction="rtl" if loc.direction(locale) == "rtl" else "ltr",
        title=gettext(config.title),
        description=gettext(config.description),
        language_name=loc.display_name(locale),
        chapters=(),
        gettext=gettext,
        source_lang=loc.bcp47(config.source_locale),
    )
    plan = Plan(edition)
    settings = (config.source_locale, config.use_fuzzy, config.front_matter, annotate, __version__)
    for slug in sources.slugs:
        po_digest = (
            state.file_digest(po_path(config, locale, slug)) if locale in config.locales else ""
        )
        inputs = digest(sources.digests[slug], po_digest, locale, settings)
        record = state.merged.get(f"{locale}/{slug}")
        if record is None or record["input"] != inputs:
            merged = _merge_one(config, sources, locale, slug, annotate=annotate)
            plan.merged[slug] = merged
            record = _record(config, locale, merged, sources.meta[slug]["date"], inputs)
            state.merged[f"{locale}/{slug}"] = record
        plan.records[slug] = record
        if locale != config.source_locale and record["percent"] < config.min_translated:
            plan.excluded.append(
                f"{slug} ({record['percent']:.0f}% < {config.min_translated:.0f}%)"
            )
            plan.left_out.add(slug)
    dates = [sources.meta[s]["date"] for s in sources.slugs]
    plan.edition = dataclasses.replace(edition, date_iso=max(dates) if dates else "")
    return plan


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
    )


def parse_shard(text: str | None) -> tuple[int, int]:
    """``"K/N"`` as (K, N), 1 <= K <= N.

    >>> parse_shard("2/3"), parse_shard(None)
    ((2, 3), (1, 1))
    """
    if not text:
        return 1, 1
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard {text!r}: write it as K/N, for example 2/4") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


def build(
    config: Config,
    *,
    locales: Sequence[str],
    formats: Sequence[str],
    jobs: int | None = None,
    shard: str | None = None,
    progress: bool = True,
    out: Path | None = None,
    annotate: bool = False,
    on_plan: Callable[[Plan], None] | None = None,
) -> Report:
    """Build *formats* for *locales* into *out* (default: the build folder)."""
    from tarjama.render.site import make_jobs, run_jobs

    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    k, n = parse_shard(shard)
    out = out or config.build_dir
    _check_templates(config, formats)
    state = BuildState(config.root / ".cache" / f"state-{digest(str(out))[:12]}.json")
    report = Report()
    sources = Sources(config, state, report)
    plans: dict[str, Plan] = {}
    for locale in locales:
        try:
            plans[locale] = plan_locale(config, locale, sources, state, annotate=annotate)
        except TarjamaError as exc:
            report.errors.append(exc)
            report.notes.append(f"{locale}: not built (see the error above)")
            continue
        report.notes.extend(f"{locale}: left out {item}" for item in plans[locale].excluded)
        if on_plan is not None:
            on_plan(plans[locale])
    all_jobs = make_jobs(config, plans, formats=formats, out=out, state=state, annotate=annotate)
    mine = [
        job for index, job in enumerate(sorted(all_jobs, key=lambda j: j.id)) if index % n == k - 1
    ]
    todo = [job for job in mine if not state.up_to_date(job.output, job.key)]
    workers = jobs or config.jobs or os.cpu_count() or 1
    written = run_jobs(
        config,
        todo,
        plans,
        sources,
        workers=workers,
        progress=progress,
        report=report,
        annotate=annotate,
        formats=formats,
    )
    report.written.extend(config.rel(p) for p in written)
    if n == 1:
        _remove_stale(config, state, all_jobs, out, {j.locale for j in all_jobs}, report)
    state.save()
    return report


def _check_templates(config: Config, formats: Sequence[str]) -> None:
    """Fail once, before any work, if the templates a format needs are missing."""
    needed = ["html/base.html", "html/index.html", "html/article.html", "html/root.html"]
    for name in needed if "html" in formats else []:
        if not (config.templates_dir / name).is_file():
            raise RenderError(
                f"template {name} is missing; copy the templates/ folder of the "
                "tarjama sample publication into the project and adapt it",
                path=config.rel(config.templates_dir),
            )


def _remove_stale(
    config: Config,
    state: BuildState,
    jobs: Iterable[BuildJob],
    out: Path,
    locales: set[str],
    report: Report,
) -> None:
    """Delete outputs of earlier builds that this build no longer produces (own files only)."""
    current = {str(job.output) for job in jobs}
    for name in [p for p in state.outputs if p not in current]:
        path = Path(name)
        if path.parent.name in locales and out in path.parents:
            path.unlink(missing_ok=True)
            path.with_suffix(".segments.json").unlink(missing_ok=True)
            report.notes.append(f"removed {config.rel(path)} (no longer published)")
        del state.outputs[name]
