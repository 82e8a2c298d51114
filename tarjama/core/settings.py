"""The table of every configuration key: what ``tarjama.toml`` may hold, and the manual's
configuration reference, made from the same rows.

:func:`unknown_keys` rejects a table or key that is not here (a misspelt key is an error
at its line, with the nearest known one), so a key the code reads and this table lacks
cannot be used, and :func:`reference` writes the reference page from these rows, so
what the code reads is what the manual says (``tests/test_settings.py`` keeps the page
current).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from tarjama.core.errors import ConfigError
from tarjama.core.tables import line_of


@dataclass(frozen=True)
class Key:
    """One key: its *table*, *name* (``<locale>`` where any locale code goes), the TOML
    *kind* of its value, its *default* as TOML, and *help* (one or two sentences)."""

    table: str
    name: str
    kind: str
    default: str
    help: str


TABLES = {
    "project": "What the publication is and which languages it has.",
    "paths": "Where things are; every folder must be inside the project.",
    "extract": "What `tarjama extract` takes for translation.",
    "build": "What `tarjama build` makes.",
    "validation": "What a missing or misplaced link or image target is: "
    '`"ignore"`, `"warn"` or `"error"`.',
    "update": "How `tarjama update` fills new entries.",
    "glossary": "The terminology `check` holds translations to.",
    "typography": "Signs that take a no-break space before or after them, per locale, for the"
    " `typography` check (French is built in).",
    "locales.<locale>": "Per-locale settings, each overriding `[build]` for that locale.",
    "book": "The front matter of the EPUB and PDF; each text is translated in `ui.po`.",
    "book.isbn": "An ISBN-13 per locale edition (the check digit is verified).",
    "fonts": "Fonts per locale or ISO 15924 script, best first (see Scripts and fonts).",
    "numbers": "The CLDR numbering system of the numbers tarjama writes, per locale.",
}

KEYS = (
    Key("project", "title", "string", '"Untitled publication"', "The publication's title."),
    Key("project", "description", "string", '""', "One sentence on the publication."),
    Key(
        "project",
        "name",
        "string",
        "the folder's name",
        "The file name of the EPUB and PDF (lowercase letters, digits and `-`).",
    ),
    Key(
        "project",
        "base_url",
        "string",
        '""',
        "The absolute http(s) address the site is"
        " published under; with it the build writes canonical links, a sitemap and feeds.",
    ),
    Key(
        "project",
        "source_locale",
        "string",
        '"en"',
        "The language the articles are written in (a CLDR code).",
    ),
    Key(
        "project",
        "locales",
        "list of strings",
        "[]",
        "The languages to translate into (CLDR codes such as `ar`, `fr` or `pt_BR`).",
    ),
    Key(
        "project",
        "date",
        "date or string",
        '""',
        'The date of an article whose front matter gives none (`""` for no date).',
    ),
    Key("paths", "source", "string", '"source"', "The articles."),
    Key("paths", "translations", "string", '"translations"', "The POT and PO files."),
    Key(
        "paths",
        "templates",
        "string",
        '"templates"',
        "Templates that replace the built-in ones of the same name.",
    ),
    Key("paths", "build", "string", '"build"', "Where the publication is written."),
    Key(
        "extract",
        "front_matter",
        "list of strings",
        '["title", "summary"]',
        "The front matter fields to translate.",
    ),
    Key(
        "build",
        "formats",
        "list of strings",
        '["html", "epub", "pdf"]',
        "The formats to build (also `md`, the translated Markdown).",
    ),
    Key(
        "build",
        "min_translated",
        "number",
        "80",
        "The share of words (%) an article needs"
        " to be published in a locale; below it the article is left out.",
    ),
    Key(
        "build",
        "use_fuzzy",
        "boolean",
        "false",
        "Publish fuzzy translations instead of the source text.",
    ),
    Key("build", "jobs", "integer", "0", "Worker processes; 0 is one per core."),
    Key(
        "build",
        "order",
        "list of strings",
        "[]",
        "Article files below the source folder, in publication order (as mkdocs' `nav`).",
    ),
    Key("validation", "links", "string", '"warn"', "A link to an article or file that is missing."),
    Key(
        "validation", "anchors", "string", '"warn"', "A link to a heading or anchor its page lacks."
    ),
    Key(
        "validation",
        "images",
        "string",
        '"warn"',
        "An image file that is missing, or is not an image.",
    ),
    Key("validation", "outside", "string", '"warn"', "A link or image outside the source folder."),
    Key(
        "update",
        "exact_memory",
        "boolean",
        "true",
        "A reviewed translation of the same text"
        " in another catalog is taken as translated (false: fuzzy).",
    ),
    Key(
        "glossary",
        "file",
        "string",
        "none",
        "A CSV (as Weblate writes it) or TBX-Basic file inside the project.",
    ),
    Key(
        "typography",
        "<locale>",
        "table",
        "none",
        "The signs with a no-break space `before`"
        ' and `after` them, as `{ before = ";!?»", after = "«" }`.',
    ),
    Key(
        "locales.<locale>",
        "min_translated",
        "number",
        "`[build]`'s",
        "As in `[build]`, for this locale.",
    ),
    Key(
        "locales.<locale>",
        "use_fuzzy",
        "boolean",
        "`[build]`'s",
        "As in `[build]`, for this locale.",
    ),
    Key(
        "locales.<locale>",
        "draft",
        "boolean",
        "false",
        "Built, but not offered in the language switcher or on the root page.",
    ),
    Key("book", "authors", "list of strings", "[]", "The authors or editors."),
    Key("book", "publisher", "string", '""', "The publisher."),
    Key("book", "rights", "string", '""', "The rights statement."),
    Key("book", "edition", "string", '""', 'The edition, as "First edition, 2026".'),
    Key("book", "keywords", "list of strings", "[]", "PDF keywords and EPUB `dc:subject`."),
    Key(
        "book",
        "cover",
        "string",
        '""',
        "A PNG or JPEG cover; `{locale}` in it is replaced;"
        " a locale without its file gets a generated cover.",
    ),
    Key("book", "pdf_archival", "boolean", "false", "Write PDF/A-2b as well as PDF/UA-1."),
    Key("book.isbn", "<locale>", "string", "none", "The ISBN-13 of that locale's edition."),
    Key(
        "fonts",
        "<locale or script>",
        "list of strings",
        "the built-in table",
        "Family names or font files inside the project; a locale key wins over a script key.",
    ),
    Key(
        "numbers",
        "<locale>",
        "string",
        "CLDR's default",
        "`latn`, `arab`, `arabext`, `deva`,"
        " `beng`, `tamldec`, `telu`, `gujr`, `guru`, `knda`, `mlym`, `thai` or `hanidec`.",
    ),
)


def unknown_keys(data: dict[str, Any], file: str, text: str) -> None:
    """Raise :class:`ConfigError` at the line of the first table or key of *data* that
    :data:`KEYS` does not have, naming the nearest one it has (the one check of unknown
    keys: the tables' own readers check only their values)."""
    for table, value in data.items():
        if table not in TABLES and table != "locales":
            _fail(
                f"unknown table [{table}]",
                table,
                sorted(TABLES),
                file,
                line_of(text, "", table=table),
            )
        if not isinstance(value, dict) or table in ("typography", "fonts", "numbers"):
            continue  # a wrong type is the table's own check; these tables' keys are locales
        if table != "locales":
            _keys(table, table, value, file, text, at_header=False)
            continue
        for tag, settings in value.items():  # [locales.<tag>], at its header line
            if isinstance(settings, dict):
                _keys(f"locales.{tag}", "locales.<locale>", settings, file, text, at_header=True)


def _keys(
    table: str, row: str, value: dict[str, Any], file: str, text: str, *, at_header: bool
) -> None:
    """Each key of *table* (whose rows in :data:`KEYS` are *row*'s) known, or an error."""
    known = [k.name for k in KEYS if k.table == row]
    for key in value:
        if key not in known and not (table == "book" and key == "isbn"):
            line = line_of(text, "", table=table) if at_header else None
            line = line or line_of(text, key, table=table)
            _fail(f"[{table}]: unknown key {key!r}", key, known, file, line)


def _fail(message: str, name: str, known: list[str], file: str, line: int | None) -> None:
    near = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {near[0]!r}?" if near else f"known: {', '.join(known)}"
    raise ConfigError(
        f"{message}; {hint} (the manual's configuration reference lists every key)",
        path=file,
        line=line,
    )


def reference() -> str:
    """The configuration reference as Markdown, one section per table."""
    lines = [
        "---",
        "title: Configuration reference",
        "summary: Every key of tarjama.toml, its default and what it does.",
        "---",
        "",
        "`tarjama.toml` at the project root, or `[tool.tarjama]` in `pyproject.toml` with the"
        " same tables. Every key has a default; a table or key that is not listed here is an"
        " error at its line. This page is generated from tarjama's own table of keys"
        " (`tarjama/core/settings.py`).",
    ]
    for table, about in TABLES.items():
        lines += ["", f"## `[{table}]`", "", about, ""]
        lines += ["| Key | Value | Default | What it does |", "|---|---|---|---|"]
        for key in (k for k in KEYS if k.table == table):
            literal = key.default in ("true", "false") or key.default[0] in '"[0123456789'
            default = f"`{key.default}`" if literal else key.default
            lines.append(f"| `{key.name}` | {key.kind} | {default} | {key.help} |")
    return "\n".join(lines) + "\n"
