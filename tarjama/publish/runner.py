"""Running build jobs over the pool or in this process, in the lanes their outputs name.

Each job's data is a frozen dataclass of plain data (:mod:`tarjama.publish.outputs`), so
any process can run any job: its ``run`` writes the output. Each worker process keeps one
pandoc process of its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path

from tarjama.core.errors import TarjamaError
from tarjama.core.report import Report
from tarjama.core.workers import Progress, Workers
from tarjama.publish.outputs import BY_KIND, BuildJob, Context, JobData
from tarjama.publish.plan import merge_bodies


def run_job(data: JobData) -> list[str]:
    """Produce one output (in whichever process); return the files that changed."""
    return [str(p) for p in data.run()]


def _run_safely(data: JobData) -> tuple[list[str], TarjamaError | None]:
    try:
        return run_job(data), None
    except TarjamaError as exc:
        return [], exc


def run_jobs(
    ctx: Context,
    todo: Sequence[BuildJob],
    *,
    workers: Workers,
    progress: bool,
    report: Report,
) -> list[Path]:
    """Run *todo* over the *workers*: pandoc, Typst and file writing in the pool, the few
    jobs that need every locale's plan or the books' sizes (indexes) here, last."""
    needed = {pair for job in todo for pair in BY_KIND[job.kind].bodies(job, ctx)}
    failed = merge_bodies(
        ctx.config,
        ctx.plans,
        ctx.sources,
        sorted(needed),
        workers,
        annotate=ctx.annotate,
        progress=progress,
    )
    for locale, error in failed.items():
        report.errors.append(error)
        report.notes.append(f"{locale or 'site'}: not built (see the error above)")
    jobs = [job for job in todo if job.locale not in failed]
    datas = [(job, BY_KIND[job.kind].data(job, ctx)) for job in jobs]
    bar = Progress(len(datas), enabled=progress)
    written: list[Path] = []
    for job, files, failure in _execute(datas, workers):
        bar.step(job.id)
        if failure is not None:
            report.errors.append(failure)
            report.notes.append(f"{job.locale or 'site'}: {job.kind} failed")
            continue
        written.extend(Path(f) for f in files)
        ctx.state.outputs[str(job.output)] = job.key
    return written


def _execute(
    datas: Sequence[tuple[BuildJob, JobData]], workers: Workers
) -> Iterator[tuple[BuildJob, list[str], TarjamaError | None]]:
    """Run the jobs, yielding each with the files it changed or its error: the book lane
    to the pool a job at a time (first what the others wait for), the page lane to the
    pool in chunks, then the local lane here."""

    def lane(name: str) -> list[tuple[BuildJob, JobData]]:
        found = [(job, data) for job, data in datas if BY_KIND[job.kind].lane == name]
        return sorted(found, key=lambda pair: (BY_KIND[pair[0].kind].order, pair[0].id))

    books, pages, local = lane("book"), lane("page"), lane("here")
    book_results = workers.map(_run_safely, [d for _, d in books], below=2, chunksize=1)
    page_results = workers.map(_run_safely, [d for _, d in pages])
    for (job, _), (files, failure) in zip(
        books + pages, chain(book_results, page_results), strict=True
    ):
        yield job, files, failure
    for job, data in local:
        yield job, *_run_safely(data)
