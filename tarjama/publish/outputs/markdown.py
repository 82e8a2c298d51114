"""The ``md`` format: each translated article as a Markdown file, ``<locale>/md/<slug>.md``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tarjama.core.fsutil import write_text_atomic
from tarjama.core.keys import digest
from tarjama.publish.outputs.base import BuildJob, Context, JobData, Output
from tarjama.publish.outputs.pages import edition_of, templates_of
from tarjama.render.contract import Chapter


@dataclass(frozen=True)
class MarkdownData(JobData):
    chapter: Chapter

    def run(self) -> list[Path]:
        from tarjama.render.md.markdown import chapter_markdown

        text = chapter_markdown(self.chapter)
        return [self.output] if write_text_atomic(self.output, text) else []


class Markdown(Output):
    """Each published article as Markdown (pandoc's writer over the merged document)."""

    kind = format = "md"

    def jobs(self, ctx: Context) -> list[BuildJob]:
        jobs = []
        for locale, plan in ctx.plans.items():
            for slug in plan.published:
                record = plan.records[slug]
                key = digest("md", record.body, record.title, record.summary)
                output = ctx.out / locale / "md" / f"{slug}.md"
                jobs.append(BuildJob(self.kind, locale, slug, output, key))
        return jobs

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        edition = edition_of(ctx, job, [job.slug])
        return MarkdownData(job.output, templates_of(ctx), edition.chapters[0])

    def bodies(self, job: BuildJob, ctx: Context) -> set[tuple[str, str]]:
        return {(job.locale, job.slug)}
