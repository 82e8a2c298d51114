"""Hand-off to CAT tools: inline Markdown as protected codes, XLIFF export and import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polib

from tarjama.catalog.paths import locale_catalogs, read_catalog
from tarjama.core.config import Config
from tarjama.core.errors import TarjamaError, UsageError
from tarjama.core.report import Report


def exported_catalogs(
    config: Config, locale: str, report: Report
) -> Iterator[tuple[str, Path, polib.POFile]]:
    """The (domain, path, catalog) of every PO file of *locale*, for an export; one that
    cannot be read goes into *report*. A locale with no catalogs yet is a usage error."""
    found = locale_catalogs(config, locale)
    if not found:
        raise UsageError(f"no catalogs for {locale!r} yet; run 'tarjama update -l {locale}'")
    for domain, path in found:
        try:
            yield domain, path, read_catalog(config, path)
        except TarjamaError as exc:
            report.errors.append(exc)
