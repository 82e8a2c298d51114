"""A locale's index page (its articles, sections and books) and its 404 page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tarjama.core import locales as loc
from tarjama.core.keys import digest
from tarjama.publish import site
from tarjama.publish.outputs.base import BuildJob, Context, JobData, Output
from tarjama.publish.outputs.keys import BOOKS, book_key, languages, listed, locale_keys
from tarjama.publish.outputs.pages import edition_of, links_of, templates_of
from tarjama.render.contract import Edition, Page
from tarjama.render.document.pandoc import Links
from tarjama.segment.tree import INDEX


@dataclass(frozen=True)
class IndexData(JobData):
    edition: Edition  # with every published chapter (without bodies)
    page: Page
    downloads: tuple[tuple[str, str], ...]  # (file name, format) of the locale's books
    intro: str  # the top folder's index.md (merged), "" without one
    links: Links

    def run(self) -> list[Path]:
        from tarjama.render.html.body import body_html
        from tarjama.render.html.pages import render_index

        edition, downloads = self.edition, []
        for href, fmt in self.downloads:  # the books are built by now: give their sizes
            book = self.output.parent / href
            size = book.stat().st_size if book.is_file() else 0
            downloads.append(
                {"href": href, "format": fmt, "size": loc.file_size(size, edition.locale)}
            )
        written = render_index(
            edition,
            templates=self.templates,
            page=self.page,
            downloads=downloads,
            out=self.output,
            intro=body_html(edition, self.intro, links=self.links) if self.intro else "",
        )
        return [self.output] if written else []


class Index(Output):
    """A locale's ``index.html``: its articles and sections, its introduction (the top
    folder's ``index.md``) and its books with their sizes (so it runs after them)."""

    kind, format, lane = "index", "html", "here"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        jobs = []
        for locale, plan in ctx.plans.items():
            keys = locale_keys(ctx, locale)
            slugs = plan.published
            into = links_of(ctx, locale, INDEX) if INDEX in slugs else ()
            books = [key for fmt in BOOKS if (key := book_key(ctx, locale, fmt)) is not None]
            shown = (plan.edition.nav, into, books)
            others = languages(ctx, None, locale)
            formats = sorted(ctx.formats)
            intro = plan.records[INDEX].body if INDEX in slugs else ""  # shown in full
            listing = (listed(keys.records), intro)
            key = digest("index", slugs, listing, others, *keys.shared, formats, shown)
            jobs.append(BuildJob(self.kind, locale, "", ctx.out / locale / "index.html", key))
        return jobs

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        plan, name = ctx.plans[job.locale], ctx.config.name
        intro = plan.publishes(INDEX)
        return IndexData(
            job.output,
            templates_of(ctx),
            edition_of(ctx, job, plan.published, bodies=False),
            site.page(ctx.config, ctx.plans, job.locale, None),
            tuple((f"{name}.{fmt}", fmt) for fmt in BOOKS if fmt in ctx.formats and plan.published),
            plan.merged[INDEX].body if intro else "",
            links_of(ctx, job.locale, INDEX) if intro else (),
        )

    def bodies(self, job: BuildJob, ctx: Context) -> set[tuple[str, str]]:
        return {(job.locale, INDEX)} if ctx.plans[job.locale].publishes(INDEX) else set()


@dataclass(frozen=True)
class NotFoundData(JobData):
    edition: Edition
    page: Page

    def run(self) -> list[Path]:
        from tarjama.render.html.pages import render_not_found

        written = render_not_found(
            self.edition, templates=self.templates, page=self.page, out=self.output
        )
        return [self.output] if written else []


class NotFound(Output):
    """A locale's ``404.html`` (with absolute links when the site has a base URL)."""

    kind, format, lane = "notfound", "html", "here"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        return [
            BuildJob(
                self.kind,
                locale,
                "",
                ctx.out / locale / "404.html",
                digest("404", languages(ctx, None, locale), *locale_keys(ctx, locale).shared),
            )
            for locale in ctx.plans
        ]

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        page = site.page(ctx.config, ctx.plans, job.locale, None, absolute_links=True)
        return NotFoundData(job.output, templates_of(ctx), edition_of(ctx, job, []), page)
