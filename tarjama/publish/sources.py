"""The project's articles as a build sees them: each file's digest, slug, order and date."""

from __future__ import annotations

import functools
from pathlib import Path

from tarjama.core.config import Config
from tarjama.core.errors import SourceError
from tarjama.core.report import Report
from tarjama.publish.records import SourceRecord
from tarjama.publish.state import BuildState


class Sources:
    """The project's articles: each file's digest, and its slug, order and date.

    Those come from the build state while the file is unchanged; the others are
    learnt from the merge tasks that parse them (:meth:`settle`).
    """

    def __init__(self, config: Config, state: BuildState) -> None:
        self.config, self.state = config, state
        self.files = {p: state.file_digest(p) for p in sorted(config.source_dir.glob("*.md"))}
        self.described: dict[Path, SourceRecord] = {}
        for path, file_digest in self.files.items():
            cached = state.sources.get(path.name)
            if cached is not None and cached.digest == file_digest:
                self.described[path] = cached
        self.paths: dict[str, Path] = {}
        self.digests: dict[str, str] = {}
        self.meta: dict[str, SourceRecord] = {}

    @property
    def unknown(self) -> list[Path]:
        """Files new or changed since the last build."""
        return [path for path in self.files if path not in self.described]

    def settle(self, report: Report) -> None:
        """Index the described files by slug (in file order: a second use of a slug fails)."""
        for path, record in self.described.items():
            self.state.sources[path.name] = record
        for path in self.files:
            if path not in self.described:
                continue
            slug = self.described[path].slug
            if slug in self.paths:
                report.errors.append(
                    SourceError(
                        f"slug {slug!r} is used twice; give each article its own slug",
                        path=self.config.rel(path),
                        line=1,
                    )
                )
                continue
            self.paths[slug], self.digests[slug] = path, self.files[path]
            self.meta[slug] = self.described[path]

    @functools.cached_property
    def slugs(self) -> list[str]:
        """Slugs in publication order (``order`` in the front matter, then the slug)."""
        return sorted(self.paths, key=lambda s: (self.meta[s].order, s))

    @functools.cached_property
    def order(self) -> dict[str, int]:
        """Each slug's position in the publication, from 1."""
        return {slug: index for index, slug in enumerate(self.slugs, 1)}
