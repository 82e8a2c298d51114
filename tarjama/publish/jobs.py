"""Build jobs: every output of a build, each with the key of everything it depends on.

A job whose output exists with the same key is skipped; :mod:`tarjama.publish.runner`
runs the others.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tarjama.core import __version__
from tarjama.core.config import Config
from tarjama.core.templates import project_templates, template_files
from tarjama.publish import site
from tarjama.publish.charset import site_chars
from tarjama.publish.plan import Plan
from tarjama.publish.site import listed
from tarjama.publish.sources import Sources
from tarjama.publish.state import BuildState, digest
from tarjama.publish.tree import find_item, page_links, section_index, trail
from tarjama.render import Edition
from tarjama.render.search import BUNDLE
from tarjama.segment.tree import INDEX, page_of


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
        # the plural forms and the Plural-Forms they are chosen by (a header-only edit)
        "forms": getattr(edition.gettext, "forms", {}),
        "plurals": getattr(getattr(edition.gettext, "plural_forms", None), "header", ""),
        "date": edition.date_iso,
        "sections": edition.sections,
        "fonts": edition.fonts,
        "digits": edition.digits,
        "front": dataclasses.asdict(edition.front),
    }


def make_jobs(
    config: Config,
    plans: Mapping[str, Plan],
    *,
    formats: Sequence[str],
    out: Path,
    state: BuildState,
    annotate: bool,
    sources: Sources,
) -> list[BuildJob]:
    """Every output of this build, each with the key of what it depends on."""
    files = template_files(project_templates(config.templates_dir))
    templates = digest(
        [(name, state.file_digest(path)) for name, path in files.items()], __version__, annotate
    )
    jobs: list[BuildJob] = []
    for locale in plans:
        jobs.extend(
            _locale_jobs(
                config,
                plans,
                locale,
                formats=formats,
                out=out,
                state=state,
                templates=templates,
                sources=sources,
            )
        )
    if "html" in formats and plans:
        # the web fonts are subsets of the characters the inputs hold (not of the pages)
        fonts = [(p.edition.lang, p.edition.fonts) for p in plans.values()]
        key = digest(templates, fonts, site_chars(config, plans))
        jobs.append(BuildJob("assets", "", "", out / "assets" / "style.css", key))
        editions = [_edition_key(p.edition) for p in listed(plans)]
        key = digest("root", editions, templates, config.base_url)
        jobs.append(BuildJob("root", "", "", out / "index.html", key))
        jobs.extend(_site_jobs(config, plans, out=out))
    return jobs


def _site_jobs(config: Config, plans: Mapping[str, Plan], *, out: Path) -> list[BuildJob]:
    """The sitemap and robots.txt, with a base URL (their keys are their whole content)."""
    if not config.base_url:
        return []
    pages = {
        locale: [(s, p.records[s].date_text) for s in p.published] + site.section_pages(p)
        for locale, p in plans.items()
        if not p.draft
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
    sources: Sources,
) -> list[BuildJob]:
    """The outputs of one locale: its images, pages, index, Markdown files and books."""
    plan = plans[locale]
    slugs = plan.published
    cover = plan.edition.front.cover
    cover_digest = state.file_digest(Path(cover)) if cover else ""
    edition = digest(_edition_key(plan.edition), cover_digest)  # once, not in every job's key
    records = [plan.records[s] for s in slugs]
    source = config.source_dir.resolve()
    variants = dict(plan.edition.media_variants)
    media = {
        relative: state.file_digest(source / variants.get(relative, relative))
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
        links = digest(config.base_url, config.source_locale, list(plans), templates)
        shared = (edition, templates, links)
        pages = _page_jobs(config, plans, locale, out, sources, shared)
        pages += _section_jobs(config, plans, locale, out, sources, shared)
        jobs.extend(pages)
        others = _languages(plans, None, locale)
        original = config.source_locale
        into = () if INDEX not in slugs else page_links(plans, locale, INDEX, sources, original)
        shown = (plan.edition.nav, into, [b.key for b in books])
        key = digest("index", slugs, records, others, *shared, sorted(formats), shown)
        jobs.append(BuildJob("index", locale, "", out / locale / "index.html", key))
        key = digest("404", others, *shared)
        jobs.append(BuildJob("notfound", locale, "", out / locale / "404.html", key))
        key = digest("search", [job.key for job in pages])  # what Pagefind indexes
        jobs.append(
            BuildJob("search", locale, "", out / locale / BUNDLE / "pagefind-entry.json", key)
        )
        if config.base_url and site.has_articles(plan):
            key = digest("feed", config.base_url, edition, records, slugs)
            jobs.append(BuildJob("feed", locale, "", out / locale / "feed.xml", key))
    if "md" in formats:
        for slug in slugs:
            record = plan.records[slug]
            key = digest("md", record.body, record.title, record.summary)
            jobs.append(BuildJob("md", locale, slug, out / locale / "md" / f"{slug}.md", key))
    jobs.extend(books)
    return jobs


def _languages(plans: Mapping[str, Plan], slug: str | None, locale: str) -> list[Any]:
    """What the switcher and the alternates of a page depend on: which locales it lists,
    and which of them have the page."""
    return [(locale, site.publishing(plans, slug))] + [
        (link.locale, link.missing) for link in site.switcher(plans, slug, locale)
    ]


def _page_jobs(
    config: Config,
    plans: Mapping[str, Plan],
    locale: str,
    out: Path,
    sources: Sources,
    shared: tuple[str, str, str],
) -> list[BuildJob]:
    """The article pages of *locale* (a section's ``index.md`` is its section's page)."""
    plan = plans[locale]
    jobs = []
    for slug in site.articles(plan):
        here = _languages(plans, slug, locale)
        around = [n and (n.slug, n.title, n.title_lang) for n in site.neighbours(plan, slug)]
        into = page_links(plans, locale, slug, sources, config.source_locale)
        crumbs = trail(plan, slug)
        key = digest("page", plan.records[slug], here, around, into, crumbs, *shared)
        jobs.append(BuildJob("page", locale, slug, out / locale / page_of(slug), key))
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


def _section_jobs(
    config: Config,
    plans: Mapping[str, Plan],
    locale: str,
    out: Path,
    sources: Sources,
    shared: tuple[str, str, str],
) -> list[BuildJob]:
    """The page of each section the locale publishes something in."""
    plan = plans[locale]
    jobs = []
    for section in plan.edition.sections:
        slug = section_index(section.path)
        intro = plan.records[slug] if plan.publishes(slug) else None
        into = page_links(plans, locale, slug, sources, config.source_locale) if intro else ()
        others = _languages(plans, slug, locale)
        entries = find_item(plan.edition.nav, section.path)
        key = digest("section", section, entries, intro, into, others, *shared)
        jobs.append(BuildJob("section", locale, slug, out / locale / page_of(slug), key))
    return jobs
