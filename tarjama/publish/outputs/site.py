"""Site-wide outputs: the shared assets (with the web fonts), the root index, and the
sitemap and robots.txt of a site with a base URL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tarjama.core.fsutil import write_text_atomic
from tarjama.core.keys import digest
from tarjama.publish import site
from tarjama.publish.charset import chars_key, site_chars
from tarjama.publish.outputs.base import BuildJob, Context, JobData, Output
from tarjama.publish.outputs.keys import edition_key
from tarjama.publish.outputs.pages import templates_of
from tarjama.render.contract import Edition, Page, SitemapUrl


@dataclass(frozen=True)
class AssetsData(JobData):
    editions: tuple[Edition, ...]
    chars: str  # the characters of the build's inputs: the web fonts' subsets

    def run(self) -> list[Path]:
        from tarjama.render.fonts.web import site_fonts
        from tarjama.render.html.pages import copy_assets

        changed = copy_assets(self.templates, self.output.parent)
        return changed + site_fonts(list(self.editions), self.chars, self.output.parent)


class Assets(Output):
    """``assets/``: style sheets, scripts and the web fonts (subsets of the characters the
    inputs hold, not of the pages: rewriting a page does not rewrite the fonts)."""

    kind, format, lane, order = "assets", "html", "book", -1  # the books share its subsets

    def jobs(self, ctx: Context) -> list[BuildJob]:
        if not ctx.plans:
            return []
        fonts = [(p.edition.lang, p.edition.fonts) for p in ctx.plans.values()]
        key = digest(ctx.templates, fonts, chars_key(ctx.config, ctx.plans))
        return [BuildJob(self.kind, "", "", ctx.out / "assets" / "style.css", key)]

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        editions = tuple(p.edition for p in ctx.plans.values())
        return AssetsData(
            job.output, templates_of(ctx), editions, site_chars(ctx.config, ctx.plans)
        )


@dataclass(frozen=True)
class RootData(JobData):
    editions: tuple[Edition, ...]
    title: str
    page: Page

    def run(self) -> list[Path]:
        from tarjama.render.html.pages import render_root

        written = render_root(
            self.editions,
            title=self.title,
            templates=self.templates,
            page=self.page,
            out=self.output,
        )
        return [self.output] if written else []


class Root(Output):
    """The build folder's ``index.html``: the locales offered."""

    kind, format, lane = "root", "html", "here"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        if not ctx.plans:
            return []
        editions = [edition_key(p.edition) for p in site.listed(ctx.plans)]
        key = digest("root", editions, ctx.templates, ctx.config.base_url)
        return [BuildJob(self.kind, "", "", ctx.out / "index.html", key)]

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        page = Page(alternates=site.alternates(ctx.config, ctx.plans, None, root=""), root="")
        editions = tuple(p.edition for p in site.listed(ctx.plans))
        return RootData(job.output, templates_of(ctx), editions, ctx.config.title, page)


@dataclass(frozen=True)
class SitemapData(JobData):
    urls: tuple[SitemapUrl, ...]

    def run(self) -> list[Path]:
        from tarjama.render.html.site import sitemap_xml

        return [self.output] if write_text_atomic(self.output, sitemap_xml(self.urls)) else []


class Sitemap(Output):
    """``sitemap.xml`` with every language version of every page (with a base URL)."""

    kind, format, lane = "sitemap", "html", "here"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        config = ctx.config
        if not config.base_url or not ctx.plans:
            return []
        pages = {
            locale: [(s, p.records[s].date_text) for s in p.published] + site.section_pages(p)
            for locale, p in ctx.plans.items()
            if not p.draft
        }
        key = digest("sitemap", config.base_url, config.source_locale, pages)
        return [BuildJob(self.kind, "", "", ctx.out / "sitemap.xml", key)]

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        urls = tuple(site.sitemap_urls(ctx.config, ctx.plans, ctx.sources))
        return SitemapData(job.output, templates_of(ctx), urls)


@dataclass(frozen=True)
class RobotsData(JobData):
    base_url: str

    def run(self) -> list[Path]:
        from tarjama.render.html.site import robots_txt

        return [self.output] if write_text_atomic(self.output, robots_txt(self.base_url)) else []


class Robots(Output):
    """``robots.txt`` naming the sitemap (with a base URL)."""

    kind, format, lane = "robots", "html", "here"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        if not ctx.config.base_url or not ctx.plans:
            return []
        key = digest("robots", ctx.config.base_url)
        return [BuildJob(self.kind, "", "", ctx.out / "robots.txt", key)]

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        return RobotsData(job.output, templates_of(ctx), ctx.config.base_url)
