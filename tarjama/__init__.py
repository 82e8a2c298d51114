"""tarjama: translate Markdown publications through gettext and publish every locale.

The package follows the pipeline, one subpackage per stage, imports pointing one way:
:mod:`tarjama.core` (config, errors, locales) → :mod:`tarjama.segment` (Markdown to
segments) → :mod:`tarjama.catalog` (POT/PO) → :mod:`tarjama.merge` (translated Markdown)
→ :mod:`tarjama.render` (HTML, EPUB, PDF) → :mod:`tarjama.publish` (the build).

The Python API (the command line calls nothing else)::

    import tarjama

    tarjama.init(Path("book"), locales=["fr", "ar"])   # a new project
    config = tarjama.load_config("path/to/project")
    tarjama.extract(config)
    tarjama.update(config, ["fr"])
    rows, report = tarjama.import_translations(config, "fr", Path("docs/fr"))
    findings, report = tarjama.check(config, ["fr"])
    report = tarjama.build(config, locales=["fr"], formats=["html"])

The functions are imported on first use, so ``import tarjama`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tarjama.core import __version__

if TYPE_CHECKING:
    from tarjama.catalog.cat.tmx import export as tmx_export
    from tarjama.catalog.cat.tmx import import_files as tmx_import
    from tarjama.catalog.cat.xliff import export as xliff_export
    from tarjama.catalog.cat.xliff import import_files as xliff_import
    from tarjama.catalog.checking import check
    from tarjama.catalog.importer import import_tree as import_translations
    from tarjama.catalog.project import extract, stats, update
    from tarjama.catalog.since import changed_since
    from tarjama.catalog.weblate import settings as weblate_settings
    from tarjama.core.config import load_config
    from tarjama.core.scaffold import init
    from tarjama.publish.build import build
    from tarjama.publish.preview import serve as preview
    from tarjama.publish.statuspage import write_status_page as status_page

_API = {
    "init": "tarjama.core.scaffold",
    "load_config": "tarjama.core.config",
    "extract": "tarjama.catalog.project",
    "update": "tarjama.catalog.project",
    "check": "tarjama.catalog.checking",
    "stats": "tarjama.catalog.project",
    "import_translations": "tarjama.catalog.importer",
    "build": "tarjama.publish.build",
    "preview": "tarjama.publish.preview",
    "changed_since": "tarjama.catalog.since",
    "status_page": "tarjama.publish.statuspage",
    "weblate_settings": "tarjama.catalog.weblate",
    "tmx_export": "tarjama.catalog.cat.tmx",
    "tmx_import": "tarjama.catalog.cat.tmx",
    "xliff_export": "tarjama.catalog.cat.xliff",
    "xliff_import": "tarjama.catalog.cat.xliff",
}
_NAMES = {
    "preview": "serve",
    "import_translations": "import_tree",
    "status_page": "write_status_page",
    "weblate_settings": "settings",
    "tmx_export": "export",
    "tmx_import": "import_files",
    "xliff_export": "export",
    "xliff_import": "import_files",
}

__all__ = [
    "__version__",
    "build",
    "changed_since",
    "check",
    "extract",
    "import_translations",
    "init",
    "load_config",
    "preview",
    "stats",
    "status_page",
    "tmx_export",
    "tmx_import",
    "update",
    "weblate_settings",
    "xliff_export",
    "xliff_import",
]


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'tarjama' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), _NAMES.get(name, name))
    globals()[name] = value
    return value
