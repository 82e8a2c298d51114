"""What a locale's pages are indexed and announced by: its Pagefind index and its feed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tarjama.core.fsutil import write_text_atomic
from tarjama.core.keys import digest
from tarjama.publish import site
from tarjama.publish.outputs.base import BuildJob, Context, JobData, Output
from tarjama.publish.outputs.keys import listed, locale_keys
from tarjama.publish.outputs.pages import ArticlePage, SectionPage, templates_of
from tarjama.render.contract import Feed as FeedRecord
from tarjama.render.html.search import BUNDLE

CHUNK = 32  # pages per search bundle, about: a one-entry edit re-indexes one bundle


def bundles_of(pages: list[BuildJob]) -> dict[str, list[BuildJob]]:
    """A locale's pages, in search bundles by a hash of their path: stable as pages come
    and go, and as many bundles as it takes (a power of two) for about :data:`CHUNK`
    pages each.

    >>> job = lambda slug: BuildJob("page", "fr", slug, Path(f"{slug}.html"), "")
    >>> sorted(bundles_of([job("a"), job("b")]))
    ['b00']
    """
    count = 1
    while count * CHUNK < len(pages):
        count *= 2
    found: dict[str, list[BuildJob]] = {}
    for job in pages:
        name = f"b{int(digest(job.slug, size=4), 16) % count:02d}"
        found.setdefault(name, []).append(job)
    return {name: found[name] for name in sorted(found)}


def _bundles(ctx: Context, locale: str) -> dict[str, list[BuildJob]]:
    memo = ("search-bundles", locale)
    if memo not in ctx.memo:
        every = [*ArticlePage().jobs(ctx), *SectionPage().jobs(ctx)]
        pages = [job for job in every if job.locale == locale]
        ctx.memo[memo] = bundles_of(pages)
    found: dict[str, list[BuildJob]] = ctx.memo[memo]
    return found


@dataclass(frozen=True)
class SearchData(JobData):
    folder: Path  # the locale's folder
    pages: tuple[str, ...]  # the pages this bundle indexes, relative to *folder*
    lang: str

    def run(self) -> list[Path]:
        from tarjama.render.html.search import index_pages

        return index_pages(self.folder, self.pages, self.output.parent, lang=self.lang)


class Search(Output):
    """One of a locale's Pagefind bundles: the index of some of its article and section
    pages (the browser merges the bundles; see :class:`SearchBundles`). A bundle and its
    pages are made in one shard."""

    kind, format, lane = "search", "html", "here"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        jobs = []
        for locale in ctx.plans:
            for name, pages in _bundles(ctx, locale).items():
                key = digest("search", [(job.slug, job.key) for job in pages])
                output = ctx.out / locale / BUNDLE / name / "pagefind-entry.json"
                jobs.append(BuildJob(self.kind, locale, name, output, key))
        return jobs

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        folder = ctx.out / job.locale
        pages = tuple(
            page.output.relative_to(folder).as_posix()
            for page in _bundles(ctx, job.locale)[job.slug]
        )
        lang = ctx.plans[job.locale].edition.lang
        return SearchData(job.output, templates_of(ctx), folder, pages, lang)

    def reads(self, job: BuildJob, ctx: Context) -> list[BuildJob]:
        return _bundles(ctx, job.locale)[job.slug]


@dataclass(frozen=True)
class BundlesData(JobData):
    names: tuple[str, ...]

    def run(self) -> list[Path]:
        from tarjama.render.html.search import list_bundles

        return list_bundles(self.output.parent, self.names)


class SearchBundles(Output):
    """``<locale>/pagefind/bundles.json``: the names of the locale's search bundles, which
    the search box loads and merges (a bundle no longer listed is removed)."""

    kind, format, lane = "bundles", "html", "here"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        return [
            BuildJob(
                self.kind,
                locale,
                "",
                ctx.out / locale / BUNDLE / "bundles.json",
                digest("bundles", list(_bundles(ctx, locale))),
            )
            for locale in ctx.plans
        ]

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        return BundlesData(job.output, templates_of(ctx), tuple(_bundles(ctx, job.locale)))


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
                shown = listed(keys.records)
                key = digest("feed", config.base_url, keys.edition, shown, plan.published)
                jobs.append(BuildJob(self.kind, locale, "", ctx.out / locale / "feed.xml", key))
        return jobs

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        feed = site.feed(ctx.config, ctx.plans[job.locale], ctx.sources)
        return FeedData(job.output, templates_of(ctx), feed)
