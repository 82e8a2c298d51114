"""``tarjama init``: a new project that builds as it is, with every setting explained."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from tarjama.core import locales as loc
from tarjama.core.errors import UsageError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.report import Report
from tarjama.core.templates import PACKAGE_TEMPLATES, template_files

CONFIG = """\
# tarjama configuration. Every key is shown with its default or a sample value;
# see README.md, "Configuration" and "Structure of a publication".

[project]
title = {title}                  # publication title (translated through ui.po)
description = "A publication translated with tarjama."   # also translated through ui.po
name = {name}                    # file name of the EPUB and PDF: lowercase, digits, '-'
base_url = ""                         # the site's address, "https://example.org/pub/":
                                      # canonical links, sitemap, feeds ("" = relative site)
source_locale = {source}               # the language the articles are written in
locales = [{targets}]            # target locales, CLDR codes ("ar", "fr", "pt_BR")
date = ""                             # date of articles that give none ("" = no date)

[paths]                               # every folder must be inside the project
source = "source"                     # articles: <section>/<name>.md, index.md per section
translations = "translations"         # <slug>.pot and <locale>/<slug>.po
templates = "templates"               # files here override tarjama's default templates
build = "build"                       # the outputs

[extract]
front_matter = ["title", "summary"]   # front matter fields to translate

[build]
formats = ["html", "epub", "pdf"]     # also "md": the translated Markdown
min_translated = 80                   # % of words; an article below it is left out of a locale
use_fuzzy = false                     # publish fuzzy translations instead of the source text
jobs = 0                              # worker processes; 0 = one per core

# Per-locale settings override [build] for one locale; "draft" builds the locale
# without offering it in the language switcher (yet).
{per_locale}"""

ARTICLE = """\
---
title: "Welcome"
summary: "What this publication is about."
order: 1
---

This is the first article of {title}. Write articles in Markdown in `source/`;
a folder is a section, and its `index.md` gives its title and introduction.

## Next steps

1. Run `tarjama extract`, then `tarjama update`, and translate the PO files in
   `translations/<locale>/`.
2. Run `tarjama build` and open `build/index.html`.
"""

GITIGNORE = "build/\n.cache/\n"


def init(
    folder: Path,
    *,
    source_locale: str = "en",
    locales: Sequence[str] = (),
    templates: bool = False,
) -> Report:
    """Write a new project into *folder*: ``tarjama.toml`` (every key, commented), one
    sample article, a ``.gitignore``; with *templates*, a copy of the default templates
    to customise. A folder that already has a ``tarjama.toml`` is left alone."""
    folder = folder.resolve()
    config = folder / "tarjama.toml"
    if config.exists():
        raise UsageError(
            "a project exists here already; run 'tarjama init' in a new folder",
            path=config,
        )
    for tag in [source_locale, *locales]:
        try:
            loc.babel_locale(tag)
        except ValueError as exc:
            raise UsageError(f"{exc}; use a CLDR locale code such as 'ar' or 'pt_BR'") from None
    targets = [tag for tag in dict.fromkeys(locales) if tag != source_locale]
    title = folder.name.replace("-", " ").replace("_", " ").strip().capitalize() or "Publication"
    name = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-") or "publication"
    per_locale = "".join(
        f"[locales.{tag}]\n"
        f"min_translated = 80 # for {tag} only, instead of [build] min_translated\n"
        f"use_fuzzy = false # for {tag} only, instead of [build] use_fuzzy\n"
        "draft = false # true: built, but not offered in the language switcher\n\n"
        for tag in targets
    )
    text = CONFIG.format(
        title=_toml(title),
        name=_toml(name if name[0].isalnum() else f"p-{name}"),
        source=_toml(source_locale),
        targets=", ".join(_toml(tag) for tag in targets),
        per_locale=per_locale or "# [locales.fr]\n# min_translated = 50\n# draft = true\n",
    )
    report = Report()
    files = {
        config: _align(text),
        folder / "source" / "welcome.md": ARTICLE.format(title=title),
        folder / ".gitignore": GITIGNORE,
    }
    for path, content in files.items():
        if path.exists():
            continue  # never overwrite a file of the user's
        write_text_atomic(path, content)
        report.written.append(path.relative_to(folder).as_posix())
    (folder / "translations").mkdir(exist_ok=True)
    if templates:
        report.written.extend(copy_templates(folder / "templates"))
    return report


def copy_templates(target: Path) -> list[str]:
    """Copy the package's default templates into *target* (files already there stay)."""
    written = []
    for name, path in template_files(PACKAGE_TEMPLATES).items():
        out = target / name
        if not out.exists() and write_bytes_atomic(out, path.read_bytes()):
            written.append(f"{target.name}/{name}")
    return written


def _align(text: str, column: int = 38) -> str:
    """Line up the comments after the settings of *text* at *column*.

    >>> _align("a = 1   # one\\nlong = 2 # two", column=10)
    'a = 1     # one\\nlong = 2  # two'
    """
    lines = []
    for line in text.split("\n"):
        setting, mark, comment = line.partition(" # ")
        if mark and not line.startswith("#") and '"#' not in setting:
            setting = setting.rstrip()
            line = f"{setting.ljust(column - 1)} # {comment}" if len(setting) < column else line
        lines.append(line)
    return "\n".join(lines)


def _toml(value: str) -> str:
    """*value* as a TOML basic string.

    >>> _toml('a "b"')
    '"a \\\\"b\\\\""'
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
