"""What a locale's pages are indexed and announced by: its Pagefind index and its feed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tarjama.core.fsutil import write_text_atomic
from tarjama.core.keys import digest
from tarjama.publish import site
from tarjama.publish.outputs.base import BuildJob, Context, JobData, Output
from tarjama.publish.outputs.keys import locale_keys
from tarjama.publish.outputs.pages import ArticlePage, SectionPage, templates_of
from tarjama.render.contract import Feed as FeedRecord
from tarjama.render.html.search import BUNDLE


@dataclass(frozen=True)
class SearchData(JobData):
    folder: Path  # the locale's folder
    lang: str

    def run(self) -> list[Path]:
        from tarjama.render.html.search import index_locale

        return index_locale(self.folder, lang=self.lang)


class Search(Output):
    """A locale's Pagefind index, of its article and section pages (so a shard that
    indexes a locale writes them all)."""

    kind, format, lane = "search", "html", "here"
    reads = (ArticlePage.kind, SectionPage.kind)

    def jobs(self, ctx: Context) -> list[BuildJob]:
        pages = ArticlePage().jobs(ctx) + SectionPage().jobs(ctx)
        jobs = []
        for locale in ctx.plans:
            key = digest("search", [job.key for job in pages if job.locale == locale])
            output = ctx.out / locale / BUNDLE / "pagefind-entry.json"
            jobs.append(BuildJob(self.kind, locale, "", output, key))
        return jobs

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        lang = ctx.plans[job.locale].edition.lang
        return SearchData(job.output, templates_of(ctx), job.output.parent.parent, lang)


@dataclass(frozen=True)
class FeedData(JobData):
    feed: FeedRecord

    def run(self) -> list[Path]:
        from tarjama.render.html.site import atom_xml

        return [self.output] if write_text_atomic(self.output, atom_xml(self.feed)) else []


class Feed(Output):
    """A locale's Atom feed of its articles (with a base URL)."""

    kind, format, lane = "feed", "html", "here"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        config, jobs = ctx.config, []
        for locale, plan in ctx.plans.items():
            if config.base_url and site.has_articles(plan):
                keys = locale_keys(ctx, locale)
                records = list(keys.records)
                key = digest("feed", config.base_url, keys.edition, records, plan.published)
                jobs.append(BuildJob(self.kind, locale, "", ctx.out / locale / "feed.xml", key))
        return jobs

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        feed = site.feed(ctx.config, ctx.plans[job.locale], ctx.sources)
        return FeedData(job.output, templates_of(ctx), feed)
