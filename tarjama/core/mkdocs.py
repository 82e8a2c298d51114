"""What ``tarjama init --from mkdocs.yml`` takes from an mkdocs project.

The title, description and address (``site_name``, ``site_description``, ``site_url``),
the source folder (``docs_dir``, or its default language's folder when
mkdocs-static-i18n keeps a folder per language), the order of the articles (``nav``,
flattened to its files) and the languages (mkdocs-static-i18n's ``languages``, in its
1.x list form or its 0.x mapping form; else ``theme.language``).

mkdocs.yml may hold Python tags (``!!python/name:...``) and ``!ENV``: they are read as
plain values, never run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tarjama.core import locales as loc
from tarjama.core.errors import ConfigError


class _Loader(yaml.SafeLoader):
    """A safe loader that reads any tag as the plain value under it."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_Loader.add_multi_constructor("!", _plain)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


@dataclass
class MkdocsProject:
    """The settings tarjama takes from an mkdocs project (see the module's text)."""

    title: str = ""
    description: str = ""
    base_url: str = ""
    source: str = "docs"  # relative to the project folder (mkdocs.yml's)
    source_locale: str = "en"
    locales: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # files below the source folder
    layout: str = ""  # "suffix" (page.fr.md), "folder" (docs/fr/...) or "" (no i18n)
    notes: list[str] = field(default_factory=list)


def read_mkdocs(path: Path) -> MkdocsProject:
    """The settings of the mkdocs project whose ``mkdocs.yml`` is at *path*."""
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read it ({exc})", path=path.name) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            path=path.name,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    if not isinstance(data, dict):
        raise ConfigError("not an mkdocs configuration (a mapping of settings)", path=path.name)
    found = MkdocsProject(
        title=str(data.get("site_name") or ""),
        description=str(data.get("site_description") or ""),
        base_url=str(data.get("site_url") or ""),
        source=str(data.get("docs_dir") or "docs").strip("/") or "docs",
    )
    theme = data.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("language"), str):
        found.source_locale = theme["language"]
    _i18n(_plugin(data.get("plugins"), "i18n"), found)
    found.order = _files(data.get("nav"))
    found.source_locale = _locale(found.source_locale, found) or "en"
    found.locales = [tag for tag in dict.fromkeys(_locale(t, found) for t in found.locales) if tag]
    found.locales = [t for t in found.locales if t != found.source_locale]
    if found.layout == "folder":
        found.source = f"{found.source}/{_folder(path.parent / found.source, found)}"
    return found


def _plugin(plugins: Any, name: str) -> dict[str, Any] | None:
    """The settings of plugin *name* in mkdocs' ``plugins`` (a list or a mapping)."""
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else (
            next(iter(p.items())) if isinstance(p, dict) and p else (p, {}) for p in plugins or ()
        )
    )
    for key, value in items:
        if key == name:
            return value if isinstance(value, dict) else {}
    return None


def _i18n(settings: dict[str, Any] | None, found: MkdocsProject) -> None:
    """mkdocs-static-i18n's languages: 1.x ``languages: [{locale, default}...]``, 0.x
    ``default_language`` and ``languages: {fr: ...}``."""
    if settings is None:
        return
    found.layout = str(settings.get("docs_structure", "suffix"))
    languages = settings.get("languages")
    if isinstance(languages, list):
        for item in languages:
            if not isinstance(item, dict) or "locale" not in item:
                continue
            tag = str(item["locale"])
            if item.get("default"):
                found.source_locale = tag
            elif item.get("build", True) is not False:
                found.locales.append(tag)
    elif isinstance(languages, dict):
        found.locales.extend(str(tag) for tag in languages)
        if settings.get("default_language"):
            found.source_locale = str(settings["default_language"])


def _files(nav: Any) -> list[str]:
    """The Markdown files of mkdocs' ``nav``, in order (URLs and titles aside).

    >>> _files(["index.md", {"Guide": ["guide/a.md", {"B": "guide/b.md"}]}, {"X": "https://x"}])
    ['index.md', 'guide/a.md', 'guide/b.md']
    """
    out: list[str] = []
    if isinstance(nav, str):
        if nav.lower().endswith(".md") and "://" not in nav:
            out.append(nav.strip("/"))
    elif isinstance(nav, list):
        for item in nav:
            out.extend(_files(item))
    elif isinstance(nav, dict):
        for value in nav.values():
            out.extend(_files(value))
    return out


def _locale(tag: str, found: MkdocsProject) -> str:
    """*tag* as a CLDR locale code ("pt-BR" is "pt_BR"); "" (and a note) if CLDR lacks it."""
    code = tag.replace("-", "_")
    try:
        loc.babel_locale(code)
    except ValueError:
        found.notes.append(f"left out language {tag!r}: not a locale CLDR knows")
        return ""
    return code


def _folder(docs: Path, found: MkdocsProject) -> str:
    """The default language's folder below *docs* (as written there: "en", "pt-BR")."""
    for name in (found.source_locale, found.source_locale.replace("_", "-")):
        if (docs / name).is_dir():
            return name
    return found.source_locale
