"""Build jobs: every output of a build, each with the key of everything it depends on.

The outputs registry (:mod:`tarjama.publish.outputs`) lists them; a job whose output
exists with the same key is skipped, and :mod:`tarjama.publish.runner` runs the others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from tarjama.core import __version__
from tarjama.core.config import Config
from tarjama.core.keys import digest
from tarjama.core.templates import project_templates, template_files
from tarjama.publish.outputs import OUTPUTS, BuildJob, Context
from tarjama.publish.outputs.base import wanted
from tarjama.publish.plan import Plan
from tarjama.publish.sources import Sources
from tarjama.publish.state import BuildState

__all__ = ["BuildJob", "make_context", "make_jobs"]


def make_context(
    config: Config,
    plans: Mapping[str, Plan],
    *,
    formats: Sequence[str],
    out: Path,
    state: BuildState,
    annotate: bool,
    sources: Sources,
) -> Context:
    """What every output of this build reads, with the digest of the templates in use."""
    files = template_files(project_templates(config.templates_dir))
    templates = digest(
        [(name, state.file_digest(path)) for name, path in files.items()], __version__, annotate
    )
    return Context(config, plans, sources, state, out, tuple(formats), annotate, templates)


def make_jobs(ctx: Context) -> list[BuildJob]:
    """Every output of this build, each with the key of what it depends on."""
    return [job for output in wanted(ctx, OUTPUTS) for job in output.jobs(ctx)]
