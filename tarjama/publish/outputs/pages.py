"""The site's pages of a locale: its images, its article pages and its section pages."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.keys import digest
from tarjama.core.templates import project_templates
from tarjama.publish import site
from tarjama.publish.outputs.base import BuildJob, Context, JobData, Output
from tarjama.publish.outputs.keys import languages, locale_keys
from tarjama.publish.tree import chapter, find_item, page_links, section_index, trail
from tarjama.render.contract import Edition, NavItem, Neighbour, Page, Section
from tarjama.render.document.pandoc import Links
from tarjama.segment.tree import page_of, section_of


def templates_of(ctx: Context) -> tuple[Path, ...]:
    """The template folders a job renders with (the project's, then the package's)."""
    return tuple(project_templates(ctx.config.templates_dir))


def edition_of(ctx: Context, job: BuildJob, slugs: list[str], *, bodies: bool = True) -> Edition:
    """*job*'s locale's edition with the chapters of *slugs*, with their merged bodies
    (a book's chapter kept converted was not merged again: it has none)."""
    plan, order = ctx.plans[job.locale], ctx.sources.order

    def body(slug: str) -> str:
        return plan.merged[slug].body if bodies and slug in plan.merged else ""

    chapters = tuple(chapter(plan, s, body(s), order[s], ctx.sources) for s in slugs)
    return dataclasses.replace(plan.edition, chapters=chapters)


def links_of(ctx: Context, locale: str, slug: str) -> Links:
    """How page *slug* of *locale* links to other articles."""
    return page_links(ctx.plans, locale, slug, ctx.sources, ctx.config.source_locale)


@dataclass(frozen=True)
class MediaData(JobData):
    source: Path

    def run(self) -> list[Path]:
        return [self.output] if write_bytes_atomic(self.output, self.source.read_bytes()) else []


class Media(Output):
    """The article's images, next to the pages (a locale's variant where it has one)."""

    kind, format = "media", "html"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        return [
            BuildJob(self.kind, locale, relative, ctx.out / locale / relative, digest(value))
            for locale in ctx.plans
            for relative, value in sorted(locale_keys(ctx, locale).media.items())
        ]

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        variants = dict(ctx.plans[job.locale].edition.media_variants)
        source = ctx.config.source_dir.resolve() / variants.get(job.slug, job.slug)
        return MediaData(job.output, templates_of(ctx), source)


@dataclass(frozen=True)
class PageData(JobData):
    edition: Edition  # with the article as its one chapter
    page: Page
    fallback: bool
    neighbours: tuple[Neighbour | None, Neighbour | None]
    trail: tuple[NavItem, ...]
    links: Links
    segments: str | None  # the preview overlay's JSON

    def run(self) -> list[Path]:
        from tarjama.render.html.body import body_html
        from tarjama.render.html.pages import render_article

        edition, item = self.edition, self.edition.chapters[0]
        body = body_html(edition, item.body, what=f"{edition.locale}/{item.slug}", links=self.links)
        changed = []
        written = render_article(
            edition,
            item,
            body,
            templates=self.templates,
            page=self.page,
            fallback=self.fallback,
            out=self.output,
            neighbours=self.neighbours,
            trail=self.trail,
        )
        if written:
            changed.append(self.output)
        segments = self.output.with_suffix(".segments.json")
        if self.segments is not None and write_text_atomic(segments, self.segments):
            changed.append(segments)
        return changed


class _ListedPages(Output):
    """Pages whose jobs the search bundles list too: made once per build, then kept."""

    def jobs(self, ctx: Context) -> list[BuildJob]:
        if (self.kind, "jobs") not in ctx.memo:
            ctx.memo[self.kind, "jobs"] = self._jobs(ctx)
        jobs: list[BuildJob] = ctx.memo[self.kind, "jobs"]
        return jobs

    def _jobs(self, ctx: Context) -> list[BuildJob]:
        raise NotImplementedError


class ArticlePage(_ListedPages):
    """An article's page (a section's ``index.md`` is its section's page instead)."""

    kind, format = "page", "html"

    def _jobs(self, ctx: Context) -> list[BuildJob]:
        jobs = []
        for locale, plan in ctx.plans.items():
            shared = locale_keys(ctx, locale).shared
            published = plan.published
            for slug in site.articles(plan):
                here = languages(ctx, slug, locale)
                near = site.neighbours(plan, slug, published=published)
                around = [n and (n.slug, n.title, n.title_lang) for n in near]
                into, crumbs = links_of(ctx, locale, slug), trail(plan, slug)
                # a record is what its inputs make it: their key stands for it
                record = plan.records[slug].inputs
                key = digest("page", record, here, around, into, crumbs, *shared)
                jobs.append(
                    BuildJob(self.kind, locale, slug, ctx.out / locale / page_of(slug), key)
                )
        return jobs

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        plan = ctx.plans[job.locale]
        return PageData(
            job.output,
            templates_of(ctx),
            edition_of(ctx, job, [job.slug]),
            site.page(ctx.config, ctx.plans, job.locale, job.slug),
            plan.records[job.slug].fallback,
            site.neighbours(plan, job.slug),
            trail(plan, job.slug),
            links_of(ctx, job.locale, job.slug),
            plan.merged[job.slug].overlay if ctx.annotate else None,
        )

    def bodies(self, job: BuildJob, ctx: Context) -> set[tuple[str, str]]:
        return {(job.locale, job.slug)}


@dataclass(frozen=True)
class SectionData(JobData):
    edition: Edition  # with the section's introduction as its one chapter, if it has one
    section: Section
    entries: NavItem | None
    page: Page
    fallback: bool
    trail: tuple[NavItem, ...]
    links: Links

    def run(self) -> list[Path]:
        from tarjama.render.html.body import body_html
        from tarjama.render.html.pages import render_section

        intro = self.edition.chapters[0] if self.edition.chapters else None
        body = "" if intro is None else body_html(self.edition, intro.body, links=self.links)
        written = render_section(
            self.edition,
            self.section,
            self.entries,
            intro=intro,
            body=body,
            templates=self.templates,
            page=self.page,
            fallback=self.fallback,
            trail=self.trail,
            out=self.output,
        )
        return [self.output] if written else []


class SectionPage(_ListedPages):
    """The page of each section a locale publishes something in: its introduction (its
    ``index.md``) and its entries."""

    kind, format = "section", "html"

    def _jobs(self, ctx: Context) -> list[BuildJob]:
        jobs = []
        for locale, plan in ctx.plans.items():
            shared = locale_keys(ctx, locale).shared
            for section in plan.edition.sections:
                slug = section_index(section.path)
                intro = plan.records[slug] if plan.publishes(slug) else None
                into = links_of(ctx, locale, slug) if intro else ()
                others = languages(ctx, slug, locale)
                entries = find_item(plan.edition.nav, section.path)
                key = digest("section", section, entries, intro, into, others, *shared)
                output = ctx.out / locale / page_of(slug)
                jobs.append(BuildJob(self.kind, locale, slug, output, key))
        return jobs

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        plan = ctx.plans[job.locale]
        published = plan.publishes(job.slug)
        path = section_of(job.slug)
        section = plan.edition.section(path)
        assert section is not None  # its jobs are those of the edition's sections
        return SectionData(
            job.output,
            templates_of(ctx),
            edition_of(ctx, job, [job.slug] if published else []),
            section,
            find_item(plan.edition.nav, path),
            site.page(ctx.config, ctx.plans, job.locale, job.slug),
            published and plan.records[job.slug].fallback,
            trail(plan, job.slug),
            links_of(ctx, job.locale, job.slug) if published else (),
        )

    def bodies(self, job: BuildJob, ctx: Context) -> set[tuple[str, str]]:
        return {(job.locale, job.slug)} if ctx.plans[job.locale].publishes(job.slug) else set()
