"""Build jobs: every output of a build, each with the key of everything it depends on.

A job whose output exists with the same key is skipped; :mod:`tarjama.publish.runner`
runs the others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tarjama.core import __version__
from tarjama.core.config import Config
from tarjama.publish import site
from tarjama.publish.plan import Plan
from tarjama.publish.state import BuildState, digest
from tarjama.render import Edition
from tarjama.render.fonts import web_fonts
from tarjama.render.search import BUNDLE


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


def _edition_key(edition: Edition) -> dict[str, Any]:
    return {
        "locale": edition.locale,
        "title": edition.title,
        "description": edition.description,
        "dir": edition.direction,
        "ui": dict(edition.gettext) if isinstance(edition.gettext, dict) else {},
        "date": edition.date_iso,
    }


def make_jobs(
    config: Config,
    plans: Mapping[str, Plan],
    *,
    formats: Sequence[str],
    out: Path,
    state: BuildState,
    annotate: bool,
) -> list[BuildJob]:
    """Every output of this build, each with the key of what it depends on."""
    templates = digest(
        sorted(
            (str(p), state.file_digest(p)) for p in config.templates_dir.rglob("*") if p.is_file()
        ),
        __version__,
        annotate,
    )
    jobs: list[BuildJob] = []
    for locale in plans:
        jobs.extend(
            _locale_jobs(
                config, plans, locale, formats=formats, out=out, state=state, templates=templates
            )
        )
    if "html" in formats and plans:
        fonts = [(f.name, f.stat().st_size) for f in web_fonts()]
        jobs.append(
            BuildJob("assets", "", "", out / "assets" / "style.css", digest(templates, fonts))
        )
        editions = [_edition_key(p.edition) for p in plans.values()]
        key = digest("root", editions, templates, config.base_url)
        jobs.append(BuildJob("root", "", "", out / "index.html", key))
        jobs.extend(_site_jobs(config, plans, out=out))
    return jobs


def _site_jobs(config: Config, plans: Mapping[str, Plan], *, out: Path) -> list[BuildJob]:
    """The sitemap and robots.txt, with a base URL (their keys are their whole content)."""
    if not config.base_url:
        return []
    pages = {
        locale: [(s, p.records[s].date_text) for s in p.published] for locale, p in plans.items()
    }
    key = digest("sitemap", config.base_url, config.source_locale, pages)
    return [
        BuildJob("sitemap", "", "", out / "sitemap.xml", key),
        BuildJob("robots", "", "", out / "robots.txt", digest("robots", config.base_url)),
    ]


def _locale_jobs(
    config: Config,
    plans: Mapping[str, Plan],
    locale: str,
    *,
    formats: Sequence[str],
    out: Path,
    state: BuildState,
    templates: str,
) -> list[BuildJob]:
    """The outputs of one locale: its images, pages, index, Markdown files and books."""
    plan = plans[locale]
    slugs = plan.published
    edition = digest(_edition_key(plan.edition))  # once, not in every job's key
    records = [plan.records[s] for s in slugs]
    source = config.source_dir.resolve()
    media = {
        relative: state.file_digest(source / relative)
        for record in records
        for relative in record.media
    }
    books = _book_jobs(
        config, plan, formats=formats, out=out, key=(records, edition, media, templates)
    )
    jobs: list[BuildJob] = []
    if "html" in formats:
        for relative, file_digest in sorted(media.items()):
            output = out / locale / relative
            jobs.append(BuildJob("media", locale, relative, output, digest(file_digest)))
        others = list(plans)
        links = digest(config.base_url, config.source_locale, others, templates)
        page_keys = []
        for slug in slugs:
            around = [n and (n.slug, n.title) for n in site.neighbours(plan, slug)]
            here = site.publishing(plans, slug)
            key = digest("page", plan.records[slug], here, around, edition, links)
            page_keys.append(key)
            jobs.append(BuildJob("page", locale, slug, out / locale / f"{slug}.html", key))
        key = digest("index", slugs, records, edition, links, [b.key for b in books])
        jobs.append(BuildJob("index", locale, "", out / locale / "index.html", key))
        key = digest("404", edition, links)
        jobs.append(BuildJob("notfound", locale, "", out / locale / "404.html", key))
        key = digest("search", page_keys)
        jobs.append(
            BuildJob("search", locale, "", out / locale / BUNDLE / "pagefind-entry.json", key)
        )
        if config.base_url and slugs:
            key = digest("feed", config.base_url, edition, records, slugs)
            jobs.append(BuildJob("feed", locale, "", out / locale / "feed.xml", key))
    if "md" in formats:
        for slug in slugs:
            record = plan.records[slug]
            key = digest("md", record.body, record.title, record.summary)
            jobs.append(BuildJob("md", locale, slug, out / locale / "md" / f"{slug}.md", key))
    jobs.extend(books)
    return jobs


def _book_jobs(
    config: Config, plan: Plan, *, formats: Sequence[str], out: Path, key: tuple[Any, ...]
) -> list[BuildJob]:
    """A locale's EPUB and PDF (when it publishes any article)."""
    records, edition, media, templates = key
    locale, slugs = plan.edition.locale, plan.published
    jobs = []
    for fmt in ("epub", "pdf"):
        if fmt in formats and slugs:
            book = digest(fmt, slugs, records, edition, templates, sorted(media.items()))
            jobs.append(BuildJob(fmt, locale, "", out / locale / f"{config.name}.{fmt}", book))
    return jobs
