"""Where a project's catalogs are: ``translations/<domain>.pot`` and
``translations/<locale>/<domain>.po`` (a domain is an article's slug, or ``ui``), always
inside the project, and how one is read (its errors named from the project's root)."""

from __future__ import annotations

from pathlib import Path

import polib

from tarjama.catalog.pofile import read_po
from tarjama.core.config import Config
from tarjama.core.errors import CatalogError
from tarjama.core.fsutil import inside

UI_DOMAIN = "ui"  # the interface strings' catalog


def pot_path(config: Config, domain: str) -> Path:
    return inside(config.root, config.translations_dir / f"{domain}.pot", what="template")


def po_path(config: Config, locale: str, domain: str) -> Path:
    return inside(config.root, config.translations_dir / locale / f"{domain}.po", what="catalog")


def locale_catalogs(config: Config, locale: str) -> list[tuple[str, Path]]:
    """The (domain, path) of every PO file of *locale*, in path order (none if it has no
    folder yet)."""
    folder = config.translations_dir / locale
    paths = sorted(folder.rglob("*.po")) if folder.is_dir() else []
    return [(path.relative_to(folder).with_suffix("").as_posix(), path) for path in paths]


def read_catalog(config: Config, path: Path) -> polib.POFile:
    """Read a PO/POT file; errors name it relative to the project root."""
    try:
        return read_po(path)
    except CatalogError as exc:
        exc.path = config.rel(path)
        raise
