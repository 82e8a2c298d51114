"""Which catalog an article is merged with in a locale: its PO file, the generated
catalog of a pseudo-locale, or none (the source locale, or no PO file yet)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from tarjama.catalog.paths import po_path
from tarjama.catalog.pofile import read_po_bytes
from tarjama.core.config import Config
from tarjama.core.errors import CatalogError
from tarjama.core.keys import digest
from tarjama.merge.pseudo import TRANSFORMS, pseudo_catalog
from tarjama.segment import Article


@dataclass(frozen=True)
class CatalogRead:
    """A locale's catalog for an article, its digest ("missing": no PO file yet) and the
    PO file read, with its modification time and size (for the build state)."""

    po: polib.POFile | None
    digest: str = ""
    path: Path | None = None
    mtime_ns: int = 0
    size: int = 0


def catalog_of(config: Config, locale: str, article: Article) -> CatalogRead:
    """*locale*'s catalog for *article*."""
    if locale in TRANSFORMS:
        return CatalogRead(pseudo_catalog(locale, (s.text for s in article.segments)))
    if locale not in config.locales:  # the source locale
        return CatalogRead(None)
    path = po_path(config, locale, article.slug)
    try:
        stat = path.stat()
        data = path.read_bytes()
    except FileNotFoundError:
        return CatalogRead(None, "missing")
    except OSError as exc:
        raise CatalogError(f"cannot read PO file: {exc.strerror}", path=config.rel(path)) from None
    try:
        po = read_po_bytes(data, path=path)
    except CatalogError as exc:
        exc.path = config.rel(path)
        raise
    return CatalogRead(po, digest(data), path, stat.st_mtime_ns, stat.st_size)
