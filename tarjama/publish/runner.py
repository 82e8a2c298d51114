"""Running build jobs: what each worker is handed, and the renderer each kind calls.

Each job carries only plain data to its worker, so any process can run any job,
and each worker process keeps one pandoc process of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from tarjama.core.config import Config
from tarjama.core.errors import TarjamaError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.report import Report
from tarjama.core.templates import Templates, project_templates
from tarjama.publish.jobs import BuildJob, listed, switcher
from tarjama.publish.plan import Plan, merge_bodies
from tarjama.publish.sources import Sources
from tarjama.publish.state import digest
from tarjama.publish.tree import base_of, chapter, find_item, page_links, trail
from tarjama.publish.workers import Progress, Workers
from tarjama.render import Chapter, Edition, html
from tarjama.render.chapters import BOOK_FORMATS, kept_chapters
from tarjama.render.markdown import chapter_markdown
from tarjama.segment.tree import INDEX, section_of


def _payload(
    config: Config,
    job: BuildJob,
    plans: Mapping[str, Plan],
    sources: Sources,
    *,
    annotate: bool,
    formats: Sequence[str],
) -> dict[str, Any]:
    """Everything a worker needs for *job* (the bodies it needs are merged already)."""
    payload: dict[str, Any] = {
        "kind": job.kind,
        "output": str(job.output),
        "templates": [str(p) for p in project_templates(config.templates_dir)],
        "title": config.title,
        "name": config.name,
    }
    if job.kind == "root":
        payload["editions"] = [p.edition for p in listed(plans)]
        return payload
    if job.kind == "assets":
        payload["editions"] = [p.edition for p in plans.values()]
        payload["build"] = str(job.output.parent.parent)
        return payload
    if job.kind == "media":
        variants = dict(plans[job.locale].edition.media_variants)
        payload["source"] = str(config.source_dir.resolve() / variants.get(job.slug, job.slug))
        return payload
    plan = plans[job.locale]
    slugs = plan.published if job.kind not in ("page", "md", "section") else [job.slug]
    if job.kind == "section" and not plan.publishes(job.slug):
        slugs = []  # a section without an introduction in this locale
    order = sources.order

    def has_body(slug: str) -> bool:
        return job.kind != "index" and slug in plan.merged

    chapters = tuple(
        # a book's chapter that is kept converted was not merged again: no body
        chapter(plan, s, plan.merged[s].body if has_body(s) else "", order[s], sources)
        for s in slugs
    )
    payload["edition"] = dataclasses.replace(plan.edition, chapters=chapters)
    if job.kind in ("epub", "pdf"):
        payload["cache"] = str(books_cache(config, job))
    if job.kind in ("page", "section"):
        _page_payload(config, payload, job, plans, sources, annotate=annotate)
    elif job.kind == "index":
        payload["switcher"] = switcher(plans, None)
        if plan.publishes(INDEX):  # the top folder's index.md introduces the publication
            payload["intro"] = plan.merged[INDEX].body
            payload["links"] = page_links(plans, job.locale, INDEX, sources, config.source_locale)
        payload["downloads"] = [
            {"href": f"{config.name}.{fmt}", "format": fmt}
            for fmt in ("epub", "pdf")
            if fmt in formats and slugs
        ]
    return payload


def _page_payload(
    config: Config,
    payload: dict[str, Any],
    job: BuildJob,
    plans: Mapping[str, Plan],
    sources: Sources,
    *,
    annotate: bool,
) -> None:
    """What an article's or a section's page needs besides its edition."""
    plan = plans[job.locale]
    section = job.kind == "section"
    payload["base"] = base_of(job.slug)
    payload["switcher"] = switcher(plans, job.slug, root=f"../{payload['base']}", section=section)
    payload["trail"] = trail(plan, job.slug)
    published = plan.publishes(job.slug)
    payload["fallback"] = published and plan.records[job.slug].fallback
    if published:
        payload["links"] = page_links(plans, job.locale, job.slug, sources, config.source_locale)
    if section:
        path = section_of(job.slug)
        payload["section"] = plan.edition.section(path)
        payload["entries"] = find_item(plan.edition.nav, path)
    elif annotate:
        payload["segments"] = plan.merged[job.slug].overlay


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
        switcher=payload["switcher"],
        fallback=payload["fallback"],
        out=output,
        base=payload["base"],
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
        switcher=payload["switcher"],
        fallback=payload["fallback"],
        base=payload["base"],
        trail=payload["trail"],
        out=output,
    )
    return [output] if written else []


def _index(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.pandoc import to_html

    intro = payload.get("intro")
    written = html.render_index(
        payload["edition"],
        templates=templates,
        switcher=payload["switcher"],
        downloads=payload["downloads"],
        out=output,
        intro="" if intro is None else to_html(intro, links=payload["links"]),
    )
    return [output] if written else []


def _root(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    written = html.render_root(
        payload["editions"], title=payload["title"], templates=templates, out=output
    )
    return [output] if written else []


def _media(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    return [output] if write_bytes_atomic(output, Path(payload["source"]).read_bytes()) else []


def _md(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    text = chapter_markdown(payload["edition"].chapters[0])
    return [output] if write_text_atomic(output, text) else []


def _epub(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.epub import render_epub

    render_epub(payload["edition"], output, templates=templates, cache=Path(payload["cache"]))
    return [output]


def _pdf(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.pdf import render_pdf

    render_pdf(payload["edition"], output, templates=templates, cache=Path(payload["cache"]))
    return [output]


def _assets(payload: dict[str, Any], output: Path, templates: Templates) -> list[Path]:
    from tarjama.render.webfonts import site_fonts

    changed = html.copy_assets(templates, output.parent)
    return changed + site_fonts(payload["editions"], Path(payload["build"]), output.parent)


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


def books_cache(config: Config, job: BuildJob) -> Path:
    """Where a book's converted chapters are kept (per build folder: a preview has its own)."""
    return config.root / ".cache" / f"books-{digest(str(job.output.parent.parent))[:12]}"


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
        (job, _payload(config, job, plans, sources, annotate=annotate, formats=formats))
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

    pandoc, Typst and writing files go to the pool (a book at a time, pages in chunks);
    the rest (indexes, the root page, the assets) needs little work and runs here.
    """
    book_kinds, page_kinds = ("epub", "pdf"), ("page", "md", "media", "section")
    books = [(job, p) for job, p in payloads if job.kind in book_kinds]
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
