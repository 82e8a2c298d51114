"""The project's articles as a build sees them: each file's digest, slug, order and date."""

from __future__ import annotations

import functools
from pathlib import Path

from tarjama.core.config import Config
from tarjama.core.errors import SourceError
from tarjama.core.report import Report
from tarjama.publish.records import SourceRecord
from tarjama.publish.state import BuildState
from tarjama.segment.media import presence
from tarjama.segment.tree import in_publication_order, source_files


class Sources:
    """The project's articles: each file's digest, and its slug, order and date.

    Those come from the build state while the file is unchanged; the others are
    learnt from the merge tasks that parse them (:meth:`settle`).
    """

    def __init__(self, config: Config, state: BuildState) -> None:
        self.config, self.state = config, state
        self.files = {
            p: state.file_digest(p) for p in source_files(config.source_dir, config.locales)
        }
        self.described: dict[Path, SourceRecord] = {}
        for path, file_digest in self.files.items():
            cached = state.sources.get(self.key(path))
            if (
                cached is not None
                and cached.digest == file_digest
                and cached.present == presence(config.source_dir, cached.checked)
            ):  # what it says of its targets still holds too
                self.described[path] = cached
        self.paths: dict[str, Path] = {}
        self.digests: dict[str, str] = {}
        self.meta: dict[str, SourceRecord] = {}

    def key(self, path: Path) -> str:
        """*path*'s key in the build state: its path below the source folder."""
        return path.relative_to(self.config.source_dir).as_posix()

    @property
    def unknown(self) -> list[Path]:
        """Files new or changed since the last build."""
        return [path for path in self.files if path not in self.described]

    def settle(self, report: Report) -> None:
        """Index the described files by slug (in file order: a second use of a slug fails)."""
        for path, record in self.described.items():
            self.state.sources[self.key(path)] = record
        for path in self.files:
            if path not in self.described:
                continue
            slug = self.described[path].slug
            if slug in self.paths:
                report.errors.append(
                    SourceError(
                        f"slug {slug!r} is also the slug of {self.config.rel(self.paths[slug])};"
                        " rename one of the files or give it a 'slug' in its front matter",
                        path=self.config.rel(path),
                        line=1,
                    )
                )
                continue
            self.paths[slug], self.digests[slug] = path, self.files[path]
            self.meta[slug] = self.described[path]

    @functools.cached_property
    def slugs(self) -> list[str]:
        """Slugs in publication order: the tree, each section's ``index`` first, then its
        articles and sections by ``[build] order`` (the files listed, in turn), then by
        front matter's ``order`` (a section's is its index's, else its first article's),
        then name."""
        listed = {name: index for index, name in enumerate(self.config.order)}
        orders = {}
        for slug, path in self.paths.items():  # [build] order first, then front matter's
            place = listed.get(self.key(path))
            orders[slug] = (
                float(place) if place is not None else len(listed) + self.meta[slug].order
            )
        return in_publication_order(orders)

    @functools.cached_property
    def by_file(self) -> dict[str, str]:
        """Each article's slug by its path below the source folder (``history/a.md``)."""
        return {self.key(path): slug for slug, path in self.paths.items()}

    @functools.cached_property
    def order(self) -> dict[str, int]:
        """Each slug's position in the publication, from 1."""
        return {slug: index for index, slug in enumerate(self.slugs, 1)}
