"""Build jobs: every output of a build, each with the key of everything it depends on.

A job whose output exists with the same key is skipped; :mod:`tarjama.publish.runner`
runs the others.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tarjama.core import __version__
from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.core.templates import project_templates, template_files
from tarjama.publish.plan import Plan
from tarjama.publish.sources import Sources
from tarjama.publish.state import BuildState, digest
from tarjama.publish.tree import find_item, page_links, section_index, trail
from tarjama.render import Edition, html
from tarjama.segment.tree import INDEX, is_index, page_of, section_of

if TYPE_CHECKING:
    pass


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


def switcher(
    plans: Mapping[str, Plan], slug: str | None, *, root: str = "../", section: bool = False
) -> list[html.Link]:
    """Links to the same page in every locale that publishes it (*slug* a section's index
    page, with *section*: every locale that publishes something in that section)."""
    links = []
    for locale, plan in plans.items():
        if plan.draft:
            continue
        if section and slug is not None:
            if plan.edition.section(section_of(slug)) is None:
                continue
        elif slug is not None and not plan.publishes(slug):
            continue
        page = f"{slug}.html" if slug else "index.html"
        links.append(
            html.Link(
                locale,
                loc.bcp47(locale),
                loc.direction(locale),
                loc.display_name(locale),
                f"{root}{locale}/{page}",
            )
        )
    return links


def listed(plans: Mapping[str, Plan]) -> list[Plan]:
    """The plans the root page lists: every locale but the drafts (all, if only drafts)."""
    return [p for p in plans.values() if not p.draft] or list(plans.values())


def _edition_key(edition: Edition) -> dict[str, Any]:
    return {
        "locale": edition.locale,
        "title": edition.title,
        "description": edition.description,
        "dir": edition.direction,
        "ui": dict(edition.gettext) if isinstance(edition.gettext, dict) else {},
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
        # the web fonts are subsets of the pages' characters: any page changed, they change
        pages = sorted(job.key for job in jobs if job.kind in ("page", "index", "section"))
        fonts = [(p.edition.lang, p.edition.fonts) for p in plans.values()]
        key = digest(templates, fonts, pages)
        jobs.append(BuildJob("assets", "", "", out / "assets" / "style.css", key))
        editions = [_edition_key(p.edition) for p in listed(plans)]
        jobs.append(
            BuildJob("root", "", "", out / "index.html", digest("root", editions, templates))
        )
    return jobs


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
    jobs: list[BuildJob] = []
    if "html" in formats:
        for relative, file_digest in sorted(media.items()):
            output = out / locale / relative
            jobs.append(BuildJob("media", locale, relative, output, digest(file_digest)))
        for slug in slugs:
            if is_index(slug):
                continue  # its section's page
            links = [link.locale for link in switcher(plans, slug)]
            into = page_links(plans, locale, slug, sources, config.source_locale)
            crumbs = trail(plan, slug)
            key = digest("page", plan.records[slug], links, into, crumbs, edition, templates)
            jobs.append(BuildJob("page", locale, slug, out / locale / f"{slug}.html", key))
        jobs.extend(_section_jobs(config, plans, locale, out, sources, (edition, templates)))
        others = [link.locale for link in switcher(plans, None)]
        original = config.source_locale
        into = () if INDEX not in slugs else page_links(plans, locale, INDEX, sources, original)
        shown = (plan.edition.nav, into)
        key = digest("index", slugs, records, others, edition, templates, sorted(formats), shown)
        jobs.append(BuildJob("index", locale, "", out / locale / "index.html", key))
    if "md" in formats:
        for slug in slugs:
            record = plan.records[slug]
            key = digest("md", record.body, record.title, record.summary)
            jobs.append(BuildJob("md", locale, slug, out / locale / "md" / f"{slug}.md", key))
    for fmt in ("epub", "pdf"):
        if fmt in formats and slugs:
            key = digest(fmt, slugs, records, edition, templates, sorted(media.items()))
            jobs.append(BuildJob(fmt, locale, "", out / locale / f"{config.name}.{fmt}", key))
    return jobs


def _section_jobs(
    config: Config,
    plans: Mapping[str, Plan],
    locale: str,
    out: Path,
    sources: Sources,
    shared: tuple[str, str],
) -> list[BuildJob]:
    """The page of each section the locale publishes something in."""
    plan = plans[locale]
    jobs = []
    for section in plan.edition.sections:
        slug = section_index(section.path)
        intro = plan.records[slug] if plan.publishes(slug) else None
        into = page_links(plans, locale, slug, sources, config.source_locale) if intro else ()
        others = [link.locale for link in switcher(plans, slug, section=True)]
        entries = find_item(plan.edition.nav, section.path)
        key = digest("section", section, entries, intro, into, others, *shared)
        jobs.append(BuildJob("section", locale, slug, out / locale / page_of(slug), key))
    return jobs
