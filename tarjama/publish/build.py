"""Publish stage: plan every locale's edition, decide what must be rebuilt, build it.

A build is a list of :class:`BuildJob` (a page, a locale's index, its EPUB, its
PDF, the root index, the shared assets), each with a content key computed from
everything its output depends on. A job whose output exists with the same key is
skipped, so a no-op build reads no PO file and writes nothing. Merge results are
cached per locale and article in the build state (``.cache/``). One locale's
broken catalog fails that locale only; the others still build.

Before any of that, a build compares the fingerprint of the last identical build
(:mod:`tarjama.publish.fingerprint`): when no input or output changed, it returns before
importing the pipeline at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tarjama.core.config import Config
from tarjama.core.errors import ConfigError, RenderError, UsageError
from tarjama.core.fsutil import inside
from tarjama.core.keys import digest
from tarjama.core.report import Report
from tarjama.core.tables import line_of
from tarjama.core.templates import find_template, project_templates
from tarjama.publish import fingerprint
from tarjama.publish.state import BuildState

if TYPE_CHECKING:
    from tarjama.publish.jobs import BuildJob
    from tarjama.publish.outputs.base import Context
    from tarjama.publish.plan import Plan


def parse_shard(text: str | None) -> tuple[int, int]:
    """``"K/N"`` as (K, N), 1 <= K <= N.

    >>> parse_shard("2/3"), parse_shard(None)
    ((2, 3), (1, 1))
    """
    if not text:
        return 1, 1
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard {text!r}: write it as K/N, for example 2/4") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


def build(
    config: Config,
    *,
    locales: Sequence[str],
    formats: Sequence[str],
    jobs: int | None = None,
    shard: str | None = None,
    progress: bool = True,
    out: Path | None = None,
    annotate: bool = False,
    on_plan: Callable[[Plan], None] | None = None,
) -> Report:
    """Build *formats* for *locales* into *out* (default: the build folder)."""
    k, n = parse_shard(shard)
    out = out or config.build_dir
    for folder, what in ((config.root / ".cache", "cache folder"), (out, "output folder")):
        inside(config.root, folder, what=what)
    for locale in locales:  # build/<locale> as a link elsewhere would write outside
        inside(config.root, out / locale, what="output folder")
    request = fingerprint.request_of(
        config, locales=locales, formats=formats, out=out, annotate=annotate
    )
    if n == 1 and on_plan is None:
        unchanged = fingerprint.unchanged(config, request)
        if unchanged is not None:  # nothing changed since the last identical build
            return unchanged

    _check_formats(config, formats)  # after the no-op check: it reads the registry
    from tarjama.render.fonts.files import watched_fonts

    watched = watched_fonts()
    inputs = fingerprint.scan_inputs(config, watched)  # before any input is read
    _check_templates(config, formats)
    state = BuildState(config.root / ".cache" / f"state-{digest(str(out))[:12]}.json")
    report = Report()
    options = _Options(locales, formats, out, (k, n), annotate, progress)
    all_jobs, left_out = _build(config, options, state, report, jobs=jobs, on_plan=on_plan)
    if n == 1:
        built = {job.locale for job in all_jobs}  # a locale that failed keeps its outputs
        _remove_stale(config, state, all_jobs, out, built, formats, report)
    state.save()
    if n == 1 and not report.errors:
        fingerprint.save(
            config,
            request,
            inputs=inputs,
            watched=watched,
            outputs=[job.output for job in all_jobs],
            notes=left_out,
            warnings=report.warnings,
        )
    else:
        fingerprint.forget(config, request)
    return report


@dataclass(frozen=True)
class _Options:
    locales: Sequence[str]
    formats: Sequence[str]
    out: Path
    shard: tuple[int, int]
    annotate: bool
    progress: bool


def _build(
    config: Config,
    options: _Options,
    state: BuildState,
    report: Report,
    *,
    jobs: int | None,
    on_plan: Callable[[Plan], None] | None,
) -> tuple[list[BuildJob], list[str]]:
    """Plan, list the jobs and run this shard's changed ones; returns every job of the
    build and the notes on articles left out."""
    from tarjama.core.workers import Workers
    from tarjama.publish.jobs import make_context, make_jobs
    from tarjama.publish.plan import plan_build
    from tarjama.publish.runner import run_jobs
    from tarjama.publish.tree import shape

    k, n = options.shard
    annotate, progress, formats = options.annotate, options.progress, options.formats
    with Workers(jobs or config.jobs or os.cpu_count() or 1) as workers:
        sources, plans = plan_build(
            config, options.locales, state, report, workers, annotate=annotate, progress=progress
        )
        left_out = [f"{p.edition.locale}: left out {x}" for p in plans.values() for x in p.excluded]
        if "html" in formats and not config.base_url:
            from tarjama.publish.site import LEFT_OUT

            left_out.append(LEFT_OUT)
        report.notes.extend(left_out)
        for plan in plans.values():
            shape(plan, config)
            if on_plan is not None:
                on_plan(plan)
        ctx = make_context(
            config,
            plans,
            formats=formats,
            out=options.out,
            state=state,
            annotate=annotate,
            sources=sources,
        )
        all_jobs = make_jobs(ctx)
        share = _shard(ctx, all_jobs, k, n) if n > 1 else all_jobs
        todo = [job for job in share if not state.up_to_date(job.output, job.key)]
        written = run_jobs(ctx, todo, workers=workers, progress=progress, report=report)
    report.written.extend(config.rel(p) for p in written)
    return all_jobs, left_out


def _shard(ctx: Context, jobs: Sequence[BuildJob], k: int, n: int) -> list[BuildJob]:
    """The K-th of N shares of *jobs* (deterministic: by job id).

    A job and the jobs whose outputs it reads (a search bundle and its pages) are one
    unit, dealt to one shard; units are dealt in turn, largest first, to the shard with
    the fewest jobs so far, so the shards have about as much to do."""
    from tarjama.publish.outputs import BY_KIND

    by_id = {job.id: job for job in jobs}
    unit_of: dict[str, str] = {}
    for job in sorted(jobs, key=lambda j: j.id):
        for read in BY_KIND[job.kind].reads(job, ctx):
            if read.id in by_id:
                unit_of.setdefault(read.id, job.id)
    units: dict[str, list[BuildJob]] = {}
    for job in sorted(jobs, key=lambda j: j.id):
        units.setdefault(unit_of.get(job.id, job.id), []).append(job)
    loads = [0] * n
    mine: list[BuildJob] = []
    for _, unit in sorted(units.items(), key=lambda item: (-len(item[1]), item[0])):
        least = loads.index(min(loads))
        loads[least] += len(unit)
        if least == k - 1:
            mine.extend(unit)
    return mine


def _check_formats(config: Config, formats: Sequence[str]) -> None:
    """Every format asked for is one the registry of outputs has; one the config names
    is a ConfigError at its line there, one the command line names a UsageError."""
    from tarjama.publish.outputs import FORMATS

    for fmt in formats:
        if fmt in FORMATS:
            continue
        message = f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}"
        if fmt in config.formats and config.file is not None:
            text = config.file.read_text("utf-8")
            line = line_of(text, "formats", table="build", value=fmt)
            raise ConfigError(message, path=config.rel(config.file), line=line)
        raise UsageError(message)


def _check_templates(config: Config, formats: Sequence[str]) -> None:
    """Fail once, before any work, if the templates a format needs are missing."""
    needed = ["html/base.html", "html/index.html", "html/article.html", "html/root.html"]
    needed += ["html/section.html", "html/404.html"]
    for name in needed if "html" in formats else []:
        if find_template(project_templates(config.templates_dir), name) is None:
            raise RenderError(
                f"template {name} is missing from the tarjama package; reinstall tarjama",
                path=config.rel(config.templates_dir),
            )


def _remove_stale(
    config: Config,
    state: BuildState,
    jobs: Iterable[BuildJob],
    out: Path,
    locales: set[str],
    formats: Sequence[str],
    report: Report,
) -> None:
    """Delete outputs of earlier builds that this build no longer produces: its own files,
    in the locales and formats it builds (an HTML-only build leaves the books alone)."""
    current = {str(job.output) for job in jobs}
    for name in [p for p in state.outputs if p not in current]:
        path = Path(name)
        if out not in path.parents:
            continue
        parts = path.relative_to(out).parts
        if parts[0] not in locales or _format_of(parts) not in formats:
            continue
        path.unlink(missing_ok=True)
        path.with_suffix(".segments.json").unlink(missing_ok=True)
        report.notes.append(f"removed {config.rel(path)} (no longer published)")
        del state.outputs[name]


def _format_of(parts: tuple[str, ...]) -> str:
    """The format an output belongs to, from its path below the build folder.

    >>> _format_of(("fr", "b.epub")), _format_of(("fr", "md", "a.md")), _format_of(("fr", "a.html"))
    ('epub', 'md', 'html')
    """
    suffix = Path(parts[-1]).suffix
    if suffix in (".epub", ".pdf"):
        return suffix[1:]
    if len(parts) >= 3 and parts[1] == "md" and suffix == ".md":
        return "md"
    return "html"
