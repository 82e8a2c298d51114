"""What the build says of targets that are missing or misplaced, at the level
``[validation]`` gives each kind (ignore, warn, error), as mkdocs' validation does.

The findings come from each article's source record (kept in the build state, so an
unchanged article is not read again, and every build says them again); links to an
anchor are checked here, against the anchors of every article of the build.
"""

from __future__ import annotations

from tarjama.core.config import Config
from tarjama.core.errors import SourceError
from tarjama.core.report import Report
from tarjama.publish.sources import Sources


def report_findings(config: Config, sources: Sources, report: Report) -> None:
    """Add every article's findings to *report*: warnings, or errors (exit code 4) for
    the kinds set to ``error``; the build shows the targets as text either way."""
    for slug in sources.slugs:
        record, path = sources.meta[slug], sources.paths[slug]
        where = config.rel(path)
        found = list(record.findings)
        for target, anchor, file, line in record.anchored:
            into = sources.by_file.get(file) if file else slug
            if into is None or anchor in sources.meta[into].anchors:
                continue
            page = file or "this page"
            found.append(
                (
                    "anchors",
                    line,
                    f"link {target!r}: {page} has no heading or anchor {anchor!r};"
                    " the link leads to the top of the page",
                )
            )
        for kind, line, message in found:
            level = config.level(kind)
            if level == "ignore":
                continue
            error = SourceError(message, path=where, line=line)
            (report.errors if level == "error" else report.warnings).append(error)
