"""A locale's books: the EPUB and the PDF of every article it publishes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from tarjama.core.keys import digest
from tarjama.publish.charset import site_chars
from tarjama.publish.outputs.base import BuildJob, Context, JobData, Output
from tarjama.publish.outputs.keys import book_key
from tarjama.publish.outputs.pages import edition_of, templates_of
from tarjama.publish.tree import chapter
from tarjama.render.contract import Edition
from tarjama.render.document.chapters import kept_chapters


def books_cache(ctx: Context, output: Path) -> Path:
    """Where a book's converted chapters (and the font subsets) are kept: per build
    folder, so a preview has its own."""
    return ctx.config.root / ".cache" / f"books-{digest(str(output.parent.parent))[:12]}"


@dataclass(frozen=True)
class EpubData(JobData):
    edition: Edition
    cache: Path
    chars: str  # the characters the site's fonts are cut to: the EPUB shares its subsets

    def run(self) -> list[Path]:
        from tarjama.render.epub.book import render_epub

        render_epub(
            self.edition,
            self.output,
            templates=self.templates,
            cache=self.cache,
            charset=self.chars,
        )
        return [self.output]


@dataclass(frozen=True)
class PdfData(JobData):
    edition: Edition
    cache: Path

    def run(self) -> list[Path]:
        from tarjama.render.pdf.book import render_pdf

        render_pdf(self.edition, self.output, templates=self.templates, cache=self.cache)
        return [self.output]


class Book(Output):
    """A locale's book in one format (when it publishes any article)."""

    lane = "book"
    chapters: ClassVar[str]  # the format its chapters are converted to and kept in

    def jobs(self, ctx: Context) -> list[BuildJob]:
        jobs = []
        for locale in ctx.plans:
            key = book_key(ctx, locale, self.format)
            if key is not None:
                output = ctx.out / locale / f"{ctx.config.name}.{self.format}"
                jobs.append(BuildJob(self.kind, locale, "", output, key))
        return jobs

    def bodies(self, job: BuildJob, ctx: Context) -> set[tuple[str, str]]:
        """The bodies of the chapters not kept converted (the others need none)."""
        plan, sources = ctx.plans[job.locale], ctx.sources
        chapters = tuple(chapter(plan, s, "", sources.order[s], sources) for s in plan.published)
        edition = dataclasses.replace(plan.edition, chapters=chapters)
        kept = kept_chapters(edition, chapters, self.chapters, cache=books_cache(ctx, job.output))
        return {(job.locale, s) for s in plan.published if s not in kept}


class Epub(Book):
    """The EPUB 3 (EPUBCheck- and Ace-clean)."""

    kind = format = "epub"
    chapters = "xhtml"

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        edition = edition_of(ctx, job, ctx.plans[job.locale].published)
        cache = books_cache(ctx, job.output)
        chars = site_chars(ctx.config, ctx.plans)
        return EpubData(job.output, templates_of(ctx), edition, cache, chars)


class Pdf(Book):
    """The PDF/UA-1, through Typst."""

    kind = format = "pdf"
    chapters = "typst"

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        edition = edition_of(ctx, job, ctx.plans[job.locale].published)
        return PdfData(job.output, templates_of(ctx), edition, books_cache(ctx, job.output))
