"""Running build jobs: the renderer each kind calls, over the pool or in this process.

Each job carries only plain data to its worker (:mod:`tarjama.publish.payload`), so any
process can run any job, and each worker process keeps one pandoc process of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.core.errors import TarjamaError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.report import Report
from tarjama.core.templates import Templates
from tarjama.publish.jobs import BuildJob
from tarjama.publish.payload import books_cache, job_payload
from tarjama.publish.plan import Plan, merge_bodies
from tarjama.publish.sources import Sources
from tarjama.publish.tree import chapter
from tarjama.publish.workers import Progress, Workers
from tarjama.render import Chapter, Edition, html
from tarjama.render import site as site_files
from tarjama.render.chapters import BOOK_FORMATS, kept_chapters
from tarjama.render.markdown import chapter_markdown
from tarjama.segment.tree import INDEX


def _page(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.pandoc import to_html

    edition: Edition = payload["edition"]
    item: Chapter = edition.chapters[0]
    body = to_html(item.body, what=f"{edition.locale}/{item.slug}", links=payload.get("links", ()))
    changed = []
    if html.render_article(
        edition,
        item,
        body,
        templates=templates,
        page=payload["page"],
        fallback=payload["fallback"],
        out=output,
        neighbours=payload["neighbours"],
        trail=payload["trail"],
    ):
        changed.append(output)
    segments = output.with_suffix(".segments.json")
    if "segments" in payload and write_text_atomic(segments, payload["segments"]):
        changed.append(segments)
    return changed


def _section(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.pandoc import to_html

    edition: Edition = payload["edition"]
    intro = edition.chapters[0] if edition.chapters else None
    body = "" if intro is None else to_html(intro.body, links=payload.get("links", ()))
    written = html.render_section(
        edition,
        payload["section"],
        payload["entries"],
        intro=intro,
        body=body,
        templates=templates,
        page=payload["page"],
        fallback=payload["fallback"],
        trail=payload["trail"],
        out=output,
    )
    return [output] if written else []


def _index(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.pandoc import to_html

    edition: Edition = payload["edition"]
    intro = payload.get("intro")
    downloads = []
    for item in payload["downloads"]:  # the books are built by now: give their sizes
        book = output.parent / item["href"]
        size = book.stat().st_size if book.is_file() else 0
        downloads.append({**item, "size": loc.file_size(size, edition.locale)})
    written = html.render_index(
        edition,
        templates=templates,
        page=payload["page"],
        downloads=downloads,
        out=output,
        intro="" if intro is None else to_html(intro, links=payload["links"]),
    )
    return [output] if written else []


def _not_found(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    written = html.render_not_found(
        payload["edition"], templates=templates, page=payload["page"], out=output
    )
    return [output] if written else []


def _root(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    written = html.render_root(
        payload["editions"],
        title=payload["title"],
        templates=templates,
        page=payload["page"],
        out=output,
    )
    return [output] if written else []


def _sitemap(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    return [output] if write_text_atomic(output, site_files.sitemap_xml(payload["urls"])) else []


def _robots(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    text = site_files.robots_txt(payload["base_url"])
    return [output] if write_text_atomic(output, text) else []


def _feed(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    return [output] if write_text_atomic(output, site_files.atom_xml(payload["feed"])) else []


def _search(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.search import index_locale

    return index_locale(Path(payload["folder"]), lang=payload["lang"])


def _media(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    return [output] if write_bytes_atomic(output, Path(payload["source"]).read_bytes()) else []


def _md(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    text = chapter_markdown(payload["edition"].chapters[0])
    return [output] if write_text_atomic(output, text) else []


def _epub(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.epub import render_epub

    edition, cache = payload["edition"], Path(payload["cache"])
    render_epub(edition, output, templates=templates, cache=cache, charset=payload["chars"])
    return [output]


def _pdf(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.pdf import render_pdf

    render_pdf(payload["edition"], output, templates=templates, cache=Path(payload["cache"]))
    return [output]


def _assets(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.webfonts import site_fonts

    changed = html.copy_assets(templates, output.parent)
    return changed + site_fonts(
        payload["editions"], payload["chars"], output.parent, cache=Path(payload["cache"])
    )


_RUN: dict[str, Callable[[dict[str, Any], Path, Templates], list[Path]]] = {
    "assets": _assets,
    "media": _media,
    "root": _root,
    "page": _page,
    "md": _md,
    "index": _index,
    "section": _section,
    "epub": _epub,
    "pdf": _pdf,
    "notfound": _not_found,
    "sitemap": _sitemap,
    "robots": _robots,
    "feed": _feed,
    "search": _search,
}


def run_job(payload: dict[str, Any]) -> list[str]:
    """Produce one output (in whichever process); return the files that changed."""
    run = _RUN[payload["kind"]]
    changed = run(payload, Path(payload["output"]), tuple(map(Path, payload["templates"])))
    return [str(p) for p in changed]


def _run_safely(payload: dict[str, Any]) -> tuple[list[str], TarjamaError | None]:
    try:
        return run_job(payload), None
    except TarjamaError as exc:
        return [], exc


def _bodies_needed(
    config: Config, jobs: Sequence[BuildJob], plans: Mapping[str, Plan], sources: Sources
) -> set[tuple[str, str]]:
    """The (locale, slug) bodies *jobs* put in their outputs: a book needs only those of
    the chapters it does not keep converted."""
    wanted = set()
    for job in jobs:
        if job.kind in ("page", "md") or (
            job.kind in ("section", "index") and plans[job.locale].publishes(job.slug or INDEX)
        ):
            wanted.add((job.locale, job.slug or INDEX))
        elif job.kind in ("epub", "pdf"):
            plan = plans[job.locale]
            chapters = tuple(
                chapter(plan, s, "", sources.order[s], sources) for s in plan.published
            )
            kept = kept_chapters(
                plan.edition, chapters, BOOK_FORMATS[job.kind], cache=books_cache(config, job)
            )
            wanted.update((job.locale, s) for s in plan.published if s not in kept)
    return wanted


def run_jobs(
    config: Config,
    todo: Sequence[BuildJob],
    plans: Mapping[str, Plan],
    sources: Sources,
    *,
    workers: Workers,
    progress: bool,
    report: Report,
    annotate: bool,
    formats: Sequence[str],
) -> list[Path]:
    """Run *todo* over the *workers*: pandoc, Typst and file writing in the pool,
    the few jobs that need every locale's plan (indexes) here."""
    failed = merge_bodies(
        config,
        plans,
        sources,
        sorted(_bodies_needed(config, todo, plans, sources)),
        workers,
        annotate=annotate,
        progress=progress,
    )
    for locale, error in failed.items():
        report.errors.append(error)
        report.notes.append(f"{locale or 'site'}: not built (see the error above)")
    heavy_first = sorted(
        (job for job in todo if job.locale not in failed),
        key=lambda j: (j.kind not in ("pdf", "epub"), j.id),
    )
    payloads = [
        (job, job_payload(config, job, plans, sources, annotate=annotate, formats=formats))
        for job in heavy_first
    ]
    bar = Progress(len(payloads), enabled=progress)
    state_outputs = sources.state.outputs
    written: list[Path] = []
    for job, files, failure in _execute(payloads, workers):
        bar.step(job.id)
        if failure is not None:
            report.errors.append(failure)
            report.notes.append(f"{job.locale or 'site'}: {job.kind} failed")
            continue
        written.extend(Path(f) for f in files)
        state_outputs[str(job.output)] = job.key
    return written


def _execute(
    payloads: Sequence[tuple[BuildJob, dict[str, Any]]], workers: Workers
) -> Iterator[tuple[BuildJob, list[str], TarjamaError | None]]:
    """Run the jobs, yielding each with the files it changed or its error.

    pandoc, Typst, font subsets and writing files go to the pool (the assets with the
    site's fonts first, then a book at a time, pages in chunks); the rest (indexes, the
    root page) needs little work and runs here.
    """
    book_kinds, page_kinds = ("assets", "epub", "pdf"), ("page", "md", "media", "section")
    books = [(job, p) for job, p in payloads if job.kind == "assets"]
    books += [(job, p) for job, p in payloads if job.kind in book_kinds[1:]]
    pages = [(job, p) for job, p in payloads if job.kind in page_kinds]
    local = [(job, p) for job, p in payloads if job.kind not in book_kinds + page_kinds]
    book_results = workers.map(_run_safely, [p for _, p in books], below=2, chunksize=1)
    page_results = workers.map(_run_safely, [p for _, p in pages])
    for (job, _), (files, failure) in zip(
        books + pages, chain(book_results, page_results), strict=True
    ):
        yield job, files, failure
    for job, payload in local:
        yield job, *_run_safely(payload)
