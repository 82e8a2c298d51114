"""Where templates come from: the package's defaults, overridden file by file by a project.

A project needs no ``templates/`` folder: the defaults in ``tarjama/templates/`` are
used. A file in the project's folder replaces the package's file of the same name
(``templates/html/base.html`` replaces the default base page), so a project copies
only what it changes (``tarjama init --templates`` copies them all).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tarjama.core.errors import RenderError

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# One folder, searched alone, or several, the first that has a file winning.
Templates = Path | Sequence[Path]


def search_path(templates: Templates) -> tuple[Path, ...]:
    """The folders to search, in order.

    >>> search_path(Path("t"))
    (PosixPath('t'),)
    """
    return (templates,) if isinstance(templates, Path) else tuple(templates)


def find_template(templates: Templates, name: str) -> Path | None:
    """The file that provides template *name* (``epub/epub.css``), or None."""
    for folder in search_path(templates):
        path = folder / name
        if path.is_file():
            return path
    return None


def required_template(templates: Templates, name: str, what: str) -> Path:
    """The file that provides template *name*; a :class:`RenderError` naming *what*
    needs it ("EPUB", "PDF") when there is none."""
    found = find_template(templates, name)
    if found is None:
        raise RenderError(f"{what} template {name} is missing from {search_path(templates)[0]}")
    return found


def template_files(templates: Templates, *, under: str = "") -> dict[str, Path]:
    """Every template name (POSIX, relative to its folder) with the file that provides
    it, sorted by name; *under* keeps the names in one subfolder (``assets``)."""
    found: dict[str, Path] = {}
    for folder in search_path(templates):
        base = folder / under if under else folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in found and not path.name.startswith("."):
                found[name] = path
    return dict(sorted(found.items()))


def project_templates(project: Path) -> tuple[Path, Path]:
    """The search path of a project whose own templates folder is *project*."""
    return (project, PACKAGE_TEMPLATES)
