"""The optional tables of the configuration: ``[book]``, ``[fonts]`` and ``[numbers]``.

Each is checked here, and a wrong value is a :class:`ConfigError` naming its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tarjama.core import locales
from tarjama.core.errors import ConfigError
from tarjama.core.fsutil import inside

_HEADER = re.compile(r"^\[\[?\s*(.+?)\s*\]\]?$")
_KEY = re.compile(r"""^("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def line_of(text: str, key: str, *, table: str = "", value: str | None = None) -> int | None:
    r"""The 1-based line of a configuration key, for error messages: where *key* is set in
    table *table* ("" the top level; ``[tool.tarjama.*]`` in pyproject.toml too), or the
    line among that key's values where *value* is written, or, for *key* "", the table's
    header. Comments and other tables never match (a comment naming the key on line 1 is
    not the key).

    >>> text = '# the name\n[project]\nname = "x"\nlocales = [\n  "fr",\n  "zz",\n]\n'
    >>> line_of(text, "name", table="project")
    3
    >>> line_of(text, "locales", table="project", value="zz")
    6
    >>> line_of(text, "", table="project"), line_of(text, "name") is None
    (2, True)
    """
    current, inside_key = "", False
    wanted = {table, f"tool.tarjama.{table}" if table else "tool.tarjama"}
    for number, raw in enumerate(text.split("\n"), 1):
        line = _uncommented(raw).strip()
        header = _HEADER.match(line)
        if header:
            current, inside_key = _table_name(header.group(1)), False
            if not key and current in wanted:
                return number
            continue
        if current not in wanted or not key:
            continue
        assigned = _KEY.match(line)
        if assigned:
            inside_key = assigned.group(1).strip("\"'") == key
            if inside_key and value is None:
                return number
            line = line[assigned.end() :]
        if inside_key and value is not None and _quoted(value) in line:
            return number
    return None


def _uncommented(line: str) -> str:
    """*line* without its comment (a ``#`` outside a string)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:index]
    return line


def _table_name(header: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in header.split("."))


def _quoted(value: str) -> str:
    return f'"{value}"' if not value.startswith(("'", '"')) else value


@dataclass(frozen=True)
class BookSettings:
    """The ``[book]`` table: front matter of the EPUB and PDF (texts translated in ui.po)."""

    authors: tuple[str, ...] = ()
    publisher: str = ""
    rights: str = ""
    edition: str = ""  # "First edition, 2026"
    keywords: tuple[str, ...] = ()
    isbn: tuple[tuple[str, str], ...] = ()  # (locale, ISBN-13), sorted
    cover: str = ""  # image path relative to the project; "{locale}" is replaced
    pdf_archival: bool = False  # PDF/A-2b as well as PDF/UA-1

    def isbn_of(self, locale: str) -> str:
        """The ISBN of *locale*'s edition, or ""."""
        return dict(self.isbn).get(locale, "")


def book_table(table: dict[str, Any], path: Path, text: str) -> BookSettings:
    """The ``[book]`` table, checked: strings, lists of strings, valid ISBN-13s."""

    def fail(message: str, key: str) -> ConfigError:
        line = line_of(text, key, table="book.isbn") if key not in table else None
        line = line or line_of(text, key if key in table else "isbn", table="book")
        return ConfigError(f"[book] {message}", path=path.name, line=line)

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"'{key}' must be a list of strings", key)
        return tuple(value)

    texts = {}
    for key in ("publisher", "rights", "edition", "cover"):
        value = table.get(key, "")
        if not isinstance(value, str):
            raise fail(f"'{key}' must be a string", key)
        texts[key] = value
    isbns = table.get("isbn", {})
    if not isinstance(isbns, dict):
        raise fail("'isbn' must be a table of locale = \"ISBN\"", "isbn")
    for locale, isbn in isbns.items():
        if not isinstance(isbn, str) or not valid_isbn(isbn):
            raise fail(f"isbn {locale} = {isbn!r} is not a valid ISBN-13 (check digit)", locale)
    return BookSettings(
        authors=strings("authors"),
        keywords=strings("keywords"),
        isbn=tuple(sorted((str(k), str(v)) for k, v in isbns.items())),
        pdf_archival=bool(table.get("pdf_archival", False)),
        **texts,
    )


def valid_isbn(isbn: str) -> bool:
    """Whether *isbn* is an ISBN-13 with a correct check digit (hyphens and spaces allowed).

    >>> valid_isbn("978-0-306-40615-7"), valid_isbn("978-0-306-40615-8")
    (True, False)
    """
    digits = [int(c) for c in isbn if c.isdigit()]
    if len(digits) != 13 or not re.fullmatch(r"[0-9 -]+", isbn):
        return False
    return sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def fonts_table(
    root: Path, table: dict[str, Any], path: Path, text: str
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``[fonts]``: each key a locale or a script (``Arab``), each value a list of family
    names or of font files inside the project."""
    out = []
    for key, value in sorted(table.items()):
        line = line_of(text, key, table="fonts")
        if not re.fullmatch(r"[A-Z][a-z]{3}", key) and not locales.is_valid_tag(key):
            raise ConfigError(
                f"[fonts] key {key!r} is neither a locale nor a script code such as 'Arab'",
                path=path.name,
                line=line,
            )
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                f'[fonts] {key} must be a list of font families or files, such as ["Amiri"]',
                path=path.name,
                line=line,
            )
        names = []
        for name in value:
            if name.lower().endswith((".ttf", ".otf", ".ttc")):
                file = inside(root, root / name, what=f"[fonts] {key}")
                if not file.is_file():
                    raise ConfigError(
                        f"[fonts] {key}: font file {name!r} does not exist",
                        path=path.name,
                        line=line,
                    )
                name = str(file)
            names.append(name)
        out.append((key, tuple(names)))
    return tuple(out)


def numbers_table(table: dict[str, Any], path: Path, text: str) -> tuple[tuple[str, str], ...]:
    """``[numbers]``: a locale -> a CLDR numbering system (``latn``, ``arab``, ``arabext``...)."""
    out = []
    for key, value in sorted(table.items()):
        if value not in locales.DIGITS:
            known = ", ".join(sorted(locales.DIGITS))
            raise ConfigError(
                f"[numbers] {key} must be one of the numbering systems {known}",
                path=path.name,
                line=line_of(text, key, table="numbers"),
            )
        out.append((key, value))
    return tuple(out)


def exact_memory_table(table: dict[str, Any], path: Path, text: str) -> bool:
    """``[update] exact_memory``: whether an exact match in another catalog of the locale
    is translated (true, as msgmerge -C does) or a fuzzy suggestion."""
    for key, value in table.items():  # (an unknown key is core.settings' to report)
        line = line_of(text, key, table="update")
        if not isinstance(value, bool):
            raise ConfigError(
                "[update] exact_memory must be true or false", path=path.name, line=line
            )
    return bool(table.get("exact_memory", True))


def typography_table(
    table: dict[str, Any], path: Path, text: str
) -> tuple[tuple[str, tuple[str, str]], ...]:
    """``[typography]``: ``<locale> = { before = ":;!?»", after = "«" }``, the signs that
    take a no-break space before or after them in that locale (``check``'s typography)."""
    found = []
    for locale, value in table.items():
        line = line_of(text, locale, table="typography")
        if not isinstance(value, dict) or set(value) - {"before", "after"}:
            raise ConfigError(
                f'[typography] {locale} must be a table: {{ before = ":;!?", after = "«" }}',
                path=path.name,
                line=line,
            )
        if not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(
                f"[typography] {locale}: before and after are strings of signs",
                path=path.name,
                line=line,
            )
        found.append((locale, (value.get("before", ""), value.get("after", ""))))
    return tuple(sorted(found))


def glossary_table(root: Path, table: dict[str, Any], path: Path, text: str) -> Path | None:
    """``[glossary] file``: a TBX or CSV file inside the project (None: no glossary)."""
    name = table.get("file")  # (an unknown key is core.settings' to report)
    if name is None:
        return None
    if not isinstance(name, str) or not name:
        line = line_of(text, "file", table="glossary")
        raise ConfigError(
            "[glossary] file must be a path such as 'glossary.csv'", path=path.name, line=line
        )
    return inside(root, root / name, what="[glossary] file")
