"""Build jobs for the site: their keys, and running them (in parallel across processes).

Each job carries only plain data to its worker, so any process can run any job,
and each worker process keeps one pandoc process of its own.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tarjama import __version__
from tarjama import locales as loc
from tarjama.cache import BuildState, digest
from tarjama.config import Config
from tarjama.errors import TarjamaError
from tarjama.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.render import Chapter, Edition, html
from tarjama.workers import Progress, Workers

if TYPE_CHECKING:
    from tarjama.plan import Plan, Sources
    from tarjama.publish import BuildJob
    from tarjama.report import Report

WEB_FONTS = ("Amiri-Regular.ttf", "Amiri-Bold.ttf")


def web_fonts() -> list[Path]:
    """Font files copied next to the site: Amiri for Arabic script, Noto Serif for Latin."""
    import fontpkg_amiri
    import fontpkg_noto_serif

    amiri = Path(fontpkg_amiri.__file__).parent / "files"
    noto = Path(fontpkg_noto_serif.__file__).parent / "files"
    return [amiri / name for name in WEB_FONTS] + [noto / "NotoSerif[wdth,wght].ttf"]


def switcher(plans: Mapping[str, Plan], slug: str | None, *, root: str = "../") -> list[html.Link]:
    """Links to the same page in every locale that publishes it."""
    links = []
    for locale, plan in plans.items():
        if slug is not None and not plan.publishes(slug):
            continue
        page = f"{slug}.html" if slug else "index.html"
        links.append(
            html.Link(
                locale,
                loc.bcp47(locale),
                loc.direction(locale),
                loc.display_name(locale),
                f"{root}{locale}/{page}",
            )
        )
    return links


def _edition_key(edition: Edition) -> dict[str, Any]:
    return {
        "locale": edition.locale,
        "title": edition.title,
        "description": edition.description,
        "dir": edition.direction,
        "ui": dict(edition.gettext) if isinstance(edition.gettext, dict) else {},
        "date": edition.date_iso,
    }


def make_jobs(
    config: Config,
    plans: Mapping[str, Plan],
    *,
    formats: Sequence[str],
    out: Path,
    state: BuildState,
    annotate: bool,
) -> list[BuildJob]:
    """Every output of this build, each with the key of what it depends on."""
    from tarjama.publish import BuildJob

    templates = digest(
        sorted(
            (str(p), state.file_digest(p)) for p in config.templates_dir.rglob("*") if p.is_file()
        ),
        __version__,
        annotate,
    )
    jobs: list[BuildJob] = []
    source = config.source_dir.resolve()
    for locale, plan in plans.items():
        slugs = plan.published
        edition = digest(_edition_key(plan.edition))  # once, not in every job's key
        records = [plan.records[s] for s in slugs]
        media = {
            relative: state.file_digest(source / relative)
            for record in records
            for relative in record.get("media", ())
        }
        if "html" in formats:
            for relative, file_digest in sorted(media.items()):
                output = out / locale / relative
                jobs.append(BuildJob("media", locale, relative, output, digest(file_digest)))
            for slug in slugs:
                links = [link.locale for link in switcher(plans, slug)]
                key = digest("page", plan.records[slug], links, edition, templates)
                jobs.append(BuildJob("page", locale, slug, out / locale / f"{slug}.html", key))
            index_key = digest(
                "index",
                slugs,
                records,
                [link.locale for link in switcher(plans, None)],
                edition,
                templates,
                sorted(formats),
            )
            jobs.append(BuildJob("index", locale, "", out / locale / "index.html", index_key))
        if "md" in formats:
            for slug in slugs:
                key = digest(
                    "md",
                    plan.records[slug]["body"],
                    plan.records[slug]["title"],
                    plan.records[slug]["summary"],
                )
                jobs.append(BuildJob("md", locale, slug, out / locale / "md" / f"{slug}.md", key))
        for fmt in ("epub", "pdf"):
            if fmt in formats and slugs:
                key = digest(fmt, slugs, records, edition, templates, sorted(media.items()))
                jobs.append(BuildJob(fmt, locale, "", out / locale / f"{config.name}.{fmt}", key))
    if "html" in formats and plans:
        fonts = [(f.name, f.stat().st_size) for f in web_fonts()]
        jobs.append(
            BuildJob("assets", "", "", out / "assets" / "style.css", digest(templates, fonts))
        )
        editions = [_edition_key(p.edition) for p in plans.values()]
        jobs.append(
            BuildJob("root", "", "", out / "index.html", digest("root", editions, templates))
        )
    return jobs


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
    from tarjama.plan import chapter

    payload: dict[str, Any] = {
        "kind": job.kind,
        "output": str(job.output),
        "templates": str(config.templates_dir),
        "title": config.title,
        "name": config.name,
    }
    if job.kind == "root":
        payload["editions"] = [p.edition for p in plans.values()]
        return payload
    if job.kind == "assets":
        return payload
    if job.kind == "media":
        payload["source"] = str(config.source_dir.resolve() / job.slug)
        return payload
    plan = plans[job.locale]
    slugs = plan.published if job.kind not in ("page", "md") else [job.slug]
    order = sources.order
    chapters = tuple(
        chapter(plan, s, plan.merged[s].body if job.kind != "index" else "", order[s])
        for s in slugs
    )
    payload["edition"] = dataclasses.replace(plan.edition, chapters=chapters)
    if job.kind == "page":
        payload["switcher"] = switcher(plans, job.slug)
        payload["fallback"] = plan.records[job.slug]["fallback"]
        if annotate:
            payload["segments"] = plan.merged[job.slug].overlay
    elif job.kind == "index":
        payload["switcher"] = switcher(plans, None)
        payload["downloads"] = [
            {"href": f"{config.name}.{fmt}", "format": fmt}
            for fmt in ("epub", "pdf")
            if fmt in formats and slugs
        ]
    return payload


def run_job(payload: dict[str, Any]) -> list[str]:
    """Produce one output (in whichever process); return the files that changed."""
    from tarjama.render.pandoc import to_html

    kind, output, templates = payload["kind"], Path(payload["output"]), Path(payload["templates"])
    changed: list[Path] = []
    if kind == "assets":
        changed = html.copy_assets(templates, web_fonts(), output.parent)
    elif kind == "media":
        if write_bytes_atomic(output, Path(payload["source"]).read_bytes()):
            changed.append(output)
    elif kind == "root":
        if html.render_root(
            payload["editions"], title=payload["title"], templates=templates, out=output
        ):
            changed.append(output)
    elif kind == "page":
        edition: Edition = payload["edition"]
        item: Chapter = edition.chapters[0]
        body = to_html(item.body, what=f"{edition.locale}/{item.slug}")
        if html.render_article(
            edition,
            item,
            body,
            templates=templates,
            switcher=payload["switcher"],
            fallback=payload["fallback"],
            out=output,
        ):
            changed.append(output)
        if "segments" in payload and write_text_atomic(
            output.with_suffix(".segments.json"), payload["segments"]
        ):
            changed.append(output.with_suffix(".segments.json"))
    elif kind == "md":
        if write_text_atomic(output, _markdown(payload["edition"].chapters[0])):
            changed.append(output)
    elif kind == "index":
        if html.render_index(
            payload["edition"],
            templates=templates,
            switcher=payload["switcher"],
            downloads=payload["downloads"],
            out=output,
        ):
            changed.append(output)
    elif kind == "epub":
        from tarjama.render.epub import render_epub

        render_epub(payload["edition"], output, templates=templates)
        changed.append(output)
    elif kind == "pdf":
        from tarjama.render.pdf import render_pdf

        render_pdf(payload["edition"], output, templates=templates)
        changed.append(output)
    return [str(p) for p in changed]


def _markdown(item: Chapter) -> str:
    """The translated article as a Markdown file with its front matter.

    Values are written as double-quoted YAML scalars (JSON strings are valid YAML):
    much faster than a YAML emitter, and safe for any text.

    >>> _markdown(Chapter("a", 'Un "titre": oui', "", "", "Texte\\n", 1)).splitlines()[:3]
    ['---', 'title: "Un \\"titre\\": oui"', 'summary: ""']
    """
    title = json.dumps(item.title, ensure_ascii=False)
    summary = json.dumps(item.summary, ensure_ascii=False)
    return f"---\ntitle: {title}\nsummary: {summary}\n---\n{item.body}"


def _run_safely(payload: dict[str, Any]) -> tuple[list[str], TarjamaError | None]:
    try:
        return run_job(payload), None
    except TarjamaError as exc:
        return [], exc


def _bodies_needed(jobs: Sequence[BuildJob], plans: Mapping[str, Plan]) -> set[tuple[str, str]]:
    """The (locale, slug) bodies *jobs* put in their outputs."""
    wanted = set()
    for job in jobs:
        if job.kind in ("page", "md"):
            wanted.add((job.locale, job.slug))
        elif job.kind in ("epub", "pdf"):
            wanted.update((job.locale, slug) for slug in plans[job.locale].published)
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
    from tarjama.plan import merge_bodies

    failed = merge_bodies(
        config,
        plans,
        sources,
        sorted(_bodies_needed(todo, plans)),
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

    def collect(job: BuildJob, files: list[str], error: TarjamaError | None) -> None:
        bar.step(job.id)
        if error is not None:
            report.errors.append(error)
            report.notes.append(f"{job.locale or 'site'}: {job.kind} failed")
            return
        written.extend(Path(f) for f in files)
        state_outputs[str(job.output)] = job.key

    # pandoc, Typst and writing files go to the pool (a book at a time, pages in chunks);
    # an index needs little work
    book_kinds, page_kinds = ("epub", "pdf"), ("page", "md", "media")
    books = [(job, p) for job, p in payloads if job.kind in book_kinds]
    pages = [(job, p) for job, p in payloads if job.kind in page_kinds]
    local = [(job, p) for job, p in payloads if job.kind not in book_kinds + page_kinds]
    book_results = workers.map(_run_safely, [p for _, p in books], below=2, chunksize=1)
    page_results = workers.map(_run_safely, [p for _, p in pages])
    for (job, _), (files, failure) in zip(
        books + pages, chain(book_results, page_results), strict=True
    ):
        collect(job, files, failure)
    for job, payload in local:
        collect(job, *_run_safely(payload))
    return written
