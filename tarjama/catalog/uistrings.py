"""Interface strings of the Jinja templates, extracted with Babel into ``ui.pot``."""

from __future__ import annotations

import re
from pathlib import Path

import polib
from babel.messages.extract import extract_from_file

from tarjama.catalog import update as catalog
from tarjama.core.config import Config, line_of
from tarjama.core.strings import BUILT_IN
from tarjama.core.templates import project_templates, template_files

METHODS = {".html": "jinja2", ".xhtml": "jinja2", ".typ": "jinja2"}
OPTIONS = {
    ".html": {"extensions": "jinja2.ext.i18n"},
    ".typ": {"extensions": "jinja2.ext.i18n"},
}


def _book_strings(config: Config) -> list[tuple[str, str, str]]:
    """(text, comment, config key) of every ``[book]`` text a translator translates."""
    book = config.book
    found = [(a, "book: author (as the edition writes the name)", "authors") for a in book.authors]
    for key, comment in (
        ("publisher", "book: publisher"),
        ("rights", "book: rights statement (copyright page and metadata)"),
        ("edition", "book: edition or version"),
    ):
        if value := getattr(book, key):
            found.append((value, comment, key))
    found += [(k, "book: keyword (PDF and EPUB metadata)", "keywords") for k in book.keywords]
    return found


def _config_entries(
    config: Config, pot: polib.POFile
) -> dict[tuple[str, str | None], polib.POEntry]:
    """Add the config's texts (title, description, ``[book]``) and tarjama's built-in
    strings to *pot*; returns its entries by (msgid, msgctxt)."""
    entries: dict[tuple[str, str | None], polib.POEntry] = {}
    for key, comment in (
        ("title", "publication title"),
        ("description", "publication description"),
    ):
        value = getattr(config, key)
        if value and config.file is not None:
            entry = polib.POEntry(msgid=value, msgstr="", comment=f"type: {comment}")
            line = line_of(config.file.read_text("utf-8"), key, table="project") or 1
            entry.occurrences.append((config.rel(config.file), str(line)))
            entries[(value, None)] = entry
            pot.append(entry)
    config_text = config.file.read_text("utf-8") if config.file is not None else ""
    for value, comment, key in _book_strings(config):
        known_entry = entries.get((value, None))
        if known_entry is None:
            known_entry = polib.POEntry(msgid=value, msgstr="", comment=f"type: {comment}")
            entries[(value, None)] = known_entry
            pot.append(known_entry)
        if config.file is not None:
            line = line_of(config_text, key, table="book") or 1
            known_entry.occurrences.append((config.rel(config.file), str(line)))
    for msgid, comment in BUILT_IN:
        entry = polib.POEntry(msgid=msgid, msgstr="", comment=comment)
        entries[(msgid, None)] = entry
        pot.append(entry)
    return entries


def extract_ui(config: Config) -> polib.POFile | None:
    """The ``ui.pot`` catalog of the templates (the project's, then the package's defaults),
    or None if they have no strings; references name the project's path of each file."""
    folder = config.templates_dir
    pot = catalog.new_catalog(
        project=config.title, language=None, title="the interface of " + config.title
    )
    entries = _config_entries(config, pot)
    found = []
    for name, path in template_files(project_templates(folder)).items():
        method = METHODS.get(path.suffix)
        if method is None:
            continue
        for line, message, comments, context in extract_from_file(
            method,
            str(path),
            options=OPTIONS.get(path.suffix),
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        ):
            found.append((name, line, message, comments, context))
    for filename, line, message, comments, context in sorted(found, key=lambda f: (f[0], f[1])):
        singular, plural = (message, None) if isinstance(message, str) else (message[0], message[1])
        known = entries.get((singular, context))
        if known is None:
            entry = polib.POEntry(
                msgid=singular, msgctxt=context, msgstr="", comment="\n".join(comments)
            )
            if re.search(r"%\(\w+\)[sd]", singular):
                entry.flags.append("python-format")
            if plural:
                entry.msgid_plural = plural
                entry.msgstr_plural = {0: "", 1: ""}
            entries[(singular, context)] = entry
            pot.append(entry)
        else:
            entry = known
        entry.occurrences.append((config.rel(Path(folder) / filename), str(line)))
    return pot if entries else None
