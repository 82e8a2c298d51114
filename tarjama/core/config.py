"""Project configuration: ``tarjama.toml`` or ``[tool.tarjama]`` in ``pyproject.toml``.

Every setting has a default, so a project needs only its target locales::

    [project]
    title = "Defence Cooperation"
    source_locale = "en"
    locales = ["ar", "fr", "tr", "ur", "ms"]
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tarjama.core import locales
from tarjama.core.errors import ConfigError, UnsafePathError, UsageError
from tarjama.core.fsutil import inside
from tarjama.core.settings import unknown_keys
from tarjama.core.tables import (
    BookSettings,
    book_table,
    exact_memory_table,
    fonts_table,
    glossary_table,
    numbers_table,
    typography_table,
)
from tarjama.core.tables import line_of as line_of

CONFIG_NAMES = ("tarjama.toml", "pyproject.toml")
DEFAULT_FORMATS = ("html", "epub", "pdf")
# [validation]: each kind's level (its kinds and what they mean: core.settings.KEYS)
LEVELS = ("ignore", "warn", "error")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class LocaleSettings:
    """What a ``[locales.<code>]`` table changes for one locale (None: the ``[build]`` value)."""

    min_translated: float | None = None
    use_fuzzy: bool | None = None
    draft: bool = False  # built, but not listed in the language switcher


@dataclass(frozen=True)
class Config:
    """Settings of one project; paths are absolute and inside ``root``."""

    root: Path
    file: Path | None = None
    title: str = "Untitled publication"
    description: str = ""
    name: str = "publication"
    base_url: str = ""  # where the site is published, ending in "/"; "" for a relative site
    source_locale: str = "en"
    locales: tuple[str, ...] = ()
    source_dir: Path = Path("source")
    translations_dir: Path = Path("translations")
    templates_dir: Path = Path("templates")
    build_dir: Path = Path("build")
    front_matter: tuple[str, ...] = ("title", "summary")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    min_translated: float = 80.0
    use_fuzzy: bool = False
    jobs: int = 0
    date: str = ""  # the date of an article that gives none ("" for no date)
    per_locale: tuple[tuple[str, LocaleSettings], ...] = ()
    # [fonts]: a locale code or an ISO 15924 script -> family names or font files (absolute)
    fonts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # [numbers]: a locale code -> the CLDR numbering system of its generated numbers
    numbers: tuple[tuple[str, str], ...] = ()
    book: BookSettings = field(default_factory=BookSettings)
    validation: tuple[tuple[str, str], ...] = ()  # [validation]: kind -> level ("warn" unset)
    order: tuple[str, ...] = ()  # [build] order: files below the source folder, in order
    # [update] exact_memory: an exact match in another catalog is translated (else fuzzy)
    exact_memory: bool = True
    glossary: Path | None = None  # [glossary] file: TBX or CSV terminology for check
    # [typography]: a locale -> (signs with a no-break space before, signs with one after)
    typography: tuple[tuple[str, tuple[str, str]], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def settings(self, locale: str) -> LocaleSettings:
        """The ``[locales.<code>]`` settings of *locale* (defaults if it has none)."""
        return dict(self.per_locale).get(locale, LocaleSettings())

    def min_translated_for(self, locale: str) -> float:
        """The share of words (%) an article needs to be published in *locale*."""
        value = self.settings(locale).min_translated
        return self.min_translated if value is None else value

    def use_fuzzy_for(self, locale: str) -> bool:
        """Whether *locale* publishes fuzzy translations."""
        value = self.settings(locale).use_fuzzy
        return self.use_fuzzy if value is None else value

    def is_draft(self, locale: str) -> bool:
        """Whether *locale* is built but left out of the language switcher."""
        return self.settings(locale).draft

    def level(self, kind: str) -> str:
        """The ``[validation]`` level of *kind*: ignore, warn, error (kinds: settings.KEYS)."""
        return dict(self.validation).get(kind, "warn")

    def rel(self, path: Path) -> str:
        """*path* relative to the project root, POSIX style, for messages and references."""
        if path.is_absolute() and ".." not in path.parts and self.root in path.parents:
            return path.relative_to(self.root).as_posix()  # no file-system call needed
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest ``tarjama.toml`` (or a ``pyproject.toml`` with ``[tool.tarjama]``)."""
    for folder in (start.resolve(), *start.resolve().parents):
        toml = folder / "tarjama.toml"
        if toml.is_file():
            return toml
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.tarjama" in pyproject.read_text("utf-8", "replace"):
            return pyproject
    return None


def load_config(start: Path | None = None, *, file: Path | None = None) -> Config:
    """Load the configuration found from *start* (default: the current folder)."""
    path = file or find_config(start or Path.cwd())
    if path is None:
        raise ConfigError(
            "no tarjama.toml found here or in a parent folder;"
            " create one (see the manual: Configuration)",
            path=(start or Path.cwd()),
        )
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(
            f"invalid TOML: {exc.args[0].split(' (at')[0]}", path=path.name, line=line
        ) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("tarjama", {})
    return _build(path, text, data)


def _build(path: Path, text: str, data: dict[str, Any]) -> Config:
    root = path.parent.resolve()
    unknown_keys(data, path.name, text)
    project, paths, extract, build = (
        _table(data, name, path, text) for name in ("project", "paths", "extract", "build")
    )

    def fail(
        message: str, key: str, *, table: str = "project", value: str | None = None
    ) -> ConfigError:
        return ConfigError(
            message, path=path.name, line=line_of(text, key, table=table, value=value)
        )

    source_locale, targets = _locales(project, fail)
    name = str(project.get("name", root.name.lower()))
    if not _SLUG.match(name):
        raise fail(f"project name {name!r} must be lowercase letters, digits and '-'", "name")
    base_url = _base_url(project.get("base_url", ""), fail)
    formats = tuple(build.get("formats", DEFAULT_FORMATS))
    for fmt in formats:  # which formats exist is the build's registry's to say
        if not isinstance(fmt, str) or not re.fullmatch(r"[a-z0-9]+", fmt):
            message = f"format {fmt!r} is not a format name such as 'html' or 'pdf'"
            raise fail(message, "formats", table="build", value=str(fmt))
    folders = _folders(root, paths, path, text)
    min_translated = _percent(build.get("min_translated", 80), partial(fail, table="build"))
    date = project.get("date", "")
    if not isinstance(date, str | dt.date) or (date and not _ISO_DATE.match(str(date))):
        raise fail("'date' must be a date such as 2026-03-02 (or \"\" for none)", "date")
    return Config(
        root=root,
        file=path,
        title=str(project.get("title", "Untitled publication")),
        description=str(project.get("description", "")),
        name=name,
        base_url=base_url,
        source_locale=source_locale,
        locales=tuple(dict.fromkeys(targets)),
        source_dir=folders["source"],
        translations_dir=folders["translations"],
        templates_dir=folders["templates"],
        build_dir=folders["build"],
        front_matter=tuple(extract.get("front_matter", ("title", "summary"))),
        formats=formats,
        min_translated=float(min_translated),
        use_fuzzy=bool(build.get("use_fuzzy", False)),
        jobs=int(build.get("jobs", 0)),
        date=str(date),
        per_locale=_per_locale(data, targets, path, text),
        fonts=fonts_table(root, _table(data, "fonts", path, text), path, text),
        numbers=numbers_table(_table(data, "numbers", path, text), path, text),
        book=book_table(_table(data, "book", path, text), path, text),
        validation=_validation(_table(data, "validation", path, text), path, text),
        order=_order(build, fail),
        typography=typography_table(_table(data, "typography", path, text), path, text),
        exact_memory=exact_memory_table(_table(data, "update", path, text), path, text),
        glossary=glossary_table(root, _table(data, "glossary", path, text), path, text),
        extra=data,
    )


def _locales(project: dict[str, Any], fail: Callable[..., ConfigError]) -> tuple[str, list[str]]:
    """``source_locale`` and ``locales``, each a locale CLDR knows."""
    source_locale = str(project.get("source_locale", "en"))
    targets = project.get("locales", [])
    if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
        raise fail('\'locales\' must be a list of locale codes such as ["ar", "fr"]', "locales")
    for tag in [source_locale, *targets]:
        try:
            locales.babel_locale(tag)
        except ValueError as exc:
            key = "source_locale" if tag == source_locale else "locales"
            raise fail(
                f"{exc}; use a CLDR locale code such as 'ar', 'fr' or 'pt_BR'", key, value=tag
            ) from None
    return source_locale, targets


def _percent(value: object, fail: Callable[[str, str], ConfigError]) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 100:
        raise fail("'min_translated' must be a percentage between 0 and 100", "min_translated")
    return float(value)


def _per_locale(
    data: dict[str, Any], targets: list[str], path: Path, text: str
) -> tuple[tuple[str, LocaleSettings], ...]:
    """The ``[locales.<code>]`` tables, each for a configured target locale."""
    tables = _table(data, "locales", path, text)
    found = []
    for tag, table in sorted(tables.items()):

        def fail(message: str, key: str, tag: str = tag) -> ConfigError:
            where = f"locales.{tag}"  # the table's header names the locale at fault
            line = line_of(text, "", table=where) or line_of(text, key, table=where)
            return ConfigError(message, path=path.name, line=line)

        if tag not in targets:
            raise fail(f"[locales.{tag}]: {tag!r} is not in 'locales'; add it there", tag)
        if not isinstance(table, dict):
            raise fail(f"[locales.{tag}] must be a table", tag)
        for key in ("use_fuzzy", "draft"):
            if key in table and not isinstance(table[key], bool):
                raise fail(f"[locales.{tag}] {key} must be true or false", key)
        minimum = table.get("min_translated")
        found.append(
            (
                tag,
                LocaleSettings(
                    min_translated=None if minimum is None else _percent(minimum, fail),
                    use_fuzzy=table.get("use_fuzzy"),
                    draft=bool(table.get("draft", False)),
                ),
            )
        )
    return tuple(found)


def _validation(table: dict[str, Any], path: Path, text: str) -> tuple[tuple[str, str], ...]:
    """The ``[validation]`` levels (the kinds are checked by settings.unknown_keys)."""
    found = []
    for key, value in table.items():
        line = line_of(text, key, table="validation")
        if value not in LEVELS:
            raise ConfigError(
                f"[validation] {key} must be one of {', '.join(repr(v) for v in LEVELS)}",
                path=path.name,
                line=line,
            )
        found.append((key, str(value)))
    return tuple(sorted(found))


def _order(build: dict[str, Any], fail: Callable[..., ConfigError]) -> tuple[str, ...]:
    """``[build] order``: article files (below the source folder) in publication order."""
    value = build.get("order", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(
            '\'order\' must be a list of article files such as ["index.md", "guide/install.md"]',
            "order",
            table="build",
        )
    return tuple(v.strip("/") for v in value)


def _base_url(value: object, fail: Callable[[str, str], ConfigError]) -> str:
    """``[project] base_url`` as an absolute http(s) URL ending in ``/`` (or "" when unset).

    >>> _base_url("https://example.org/pub", lambda m, k: ConfigError(m))
    'https://example.org/pub/'
    """
    if value in ("", None):
        return ""
    text = str(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise fail(
            f"base_url {text!r} must be an absolute http(s) URL such as"
            " 'https://example.org/publication/'",
            "base_url",
        )
    return text if text.endswith("/") else text + "/"


def _folders(root: Path, paths: dict[str, Any], path: Path, text: str) -> dict[str, Path]:
    """The ``[paths]`` folders, resolved and checked to be inside the project."""
    folders = {}
    for key in ("source", "translations", "templates", "build"):
        value = paths.get(key, key)
        try:
            folders[key] = inside(root, root / str(value), what=f"[paths] {key}")
        except UnsafePathError:
            raise UnsafePathError(
                f"[paths] {key} {value!r} is outside the project; use a folder inside it",
                path=path.name,
                line=line_of(text, key, table="paths"),
            ) from None
    return folders


def _table(data: dict[str, Any], key: str, path: Path, text: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        line = line_of(text, key) or line_of(text, "", table=key)
        raise ConfigError(f"[{key}] must be a table", path=path.name, line=line)
    return value


def check_locale(config: Config, tag: str) -> str:
    """Validate a locale named on the command line against the configuration."""
    known = (config.source_locale, *config.locales, *locales.PSEUDO)
    if tag not in known:
        where = config.rel(config.file) if config.file else "tarjama.toml"
        raise UsageError(
            f"locale {tag!r} is not configured in {where}; configured: {', '.join(config.locales)}"
            " (add it to 'locales' there, or pick one of those)"
        )
    return tag
