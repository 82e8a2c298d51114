"""What an output kind is: the jobs it needs, what each job carries, how it runs.

An :class:`Output` lists its :class:`BuildJob` s (each with the key of everything its file
depends on), gathers each job's :class:`JobData` (a frozen dataclass of plain data that
any process can run: its ``run`` writes the file) and says which merged bodies the job
needs and in which lane the runner schedules it. The registry
(:mod:`tarjama.publish.outputs`) is the only list of output kinds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from tarjama.core.config import Config
from tarjama.publish.plan import Plan
from tarjama.publish.sources import Sources
from tarjama.publish.state import BuildState

# the runner's lanes: "book" jobs go to the pool first, one at a time per worker (their
# own work is long); "page" jobs go to the pool in chunks; "here" jobs (indexes, site
# files) need every locale's plan or the books' sizes and run in this process last
Lane = Literal["book", "page", "here"]


@dataclass(frozen=True)
class BuildJob:
    """One output to produce: its kind, locale, article, and the key of its inputs."""

    kind: str
    locale: str
    slug: str
    output: Path
    key: str

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.locale}:{self.slug}"


@dataclass(frozen=True)
class Context:
    """What every output reads to list its jobs and gather their data: the build's plans,
    its options, and the digest of the templates in use."""

    config: Config
    plans: Mapping[str, Plan]
    sources: Sources
    state: BuildState
    out: Path
    formats: tuple[str, ...]
    annotate: bool
    templates: str  # the digest of the project's and the package's templates
    memo: dict[Any, Any] = field(default_factory=dict, compare=False)  # per-build results


@dataclass(frozen=True)
class JobData:
    """What one job hands its worker: plain data only (picklable), and how to run it."""

    output: Path
    templates: tuple[Path, ...]

    def run(self) -> list[Path]:
        """Write the output; return the files that changed."""
        raise NotImplementedError


class Output:
    """One kind of output. Subclasses set the class attributes and define :meth:`jobs` and
    :meth:`data`."""

    kind: ClassVar[str]  # its jobs' kind ("page", "epub"...)
    format: ClassVar[str]  # the --format that asks for it ("html", "epub", "pdf", "md")
    lane: ClassVar[Lane] = "page"
    order: ClassVar[int] = 0  # within its lane, lower first (what other jobs wait for)

    def jobs(self, ctx: Context) -> list[BuildJob]:
        """Every job of this kind in the build."""
        raise NotImplementedError

    def data(self, job: BuildJob, ctx: Context) -> JobData:
        """What *job* hands its worker (the bodies it needs are merged already)."""
        raise NotImplementedError

    def reads(self, job: BuildJob, ctx: Context) -> list[BuildJob]:
        """The jobs whose outputs *job* reads: a shard that makes *job* makes them too, so
        they are kept in one shard."""
        return []

    def bodies(self, job: BuildJob, ctx: Context) -> set[tuple[str, str]]:
        """The (locale, slug) merged bodies *job* puts in its output."""
        return set()


def wanted(ctx: Context, outputs: Sequence[Output]) -> list[Output]:
    """The outputs of *outputs* whose format the build makes."""
    return [output for output in outputs if output.format in ctx.formats]
