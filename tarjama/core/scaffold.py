"""``tarjama init``: a new project that builds as it is, with every setting explained."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from tarjama.core import locales as loc
from tarjama.core.errors import UsageError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic
from tarjama.core.mkdocs import MkdocsProject, read_mkdocs
from tarjama.core.report import Report
from tarjama.core.templates import PACKAGE_TEMPLATES, template_files

CONFIG = """\
# tarjama configuration. Every key is shown with its default or a sample value;
# see the manual (docs/manual): "Configuration" and "Structure of a publication".

[project]
title = {title}                  # publication title (translated through ui.po)
description = {description}   # also translated through ui.po
name = {name}                    # file name of the EPUB and PDF: lowercase, digits, '-'
base_url = {base_url}                         # the site's address, "https://example.org/pub/":
                                      # canonical links, sitemap, feeds ("" = relative site)
source_locale = {source}               # the language the articles are written in
locales = [{targets}]            # target locales, CLDR codes ("ar", "fr", "pt_BR")
date = ""                             # date of articles that give none ("" = no date)

[paths]                               # every folder must be inside the project
source = {source_dir}                     # articles: <section>/<name>.md; index.md per section
translations = "translations"         # <slug>.pot and <locale>/<slug>.po
templates = "templates"               # files here override tarjama's default templates
build = "build"                       # the outputs

[extract]
front_matter = ["title", "summary"]   # front matter fields to translate

[build]
formats = ["html", "epub", "pdf"]     # also "md": the translated Markdown
min_translated = {min_translated} # % of words; an article below it is left out of a locale
use_fuzzy = false                     # publish fuzzy translations instead of the source text
jobs = 0                              # worker processes; 0 = one per core
{order}
[validation]                          # "ignore", "warn" (exit 1 with build --strict) or "error"
links = "warn"                        # a link to an article or file that is missing
anchors = "warn"                      # a link to a heading or anchor its page lacks
images = "warn"                       # a missing image (shown as its description)
outside = "warn"                      # a link or image outside the source folder

[update]
exact_memory = true                   # the same text reviewed in another catalog: translated

[glossary]                            # terminology that check holds translations to
# file = "glossary.csv"               # source,target,locale,status (Weblate's CSV) or TBX

[typography]                          # check: signs with a no-break space before/after them
# fr_CH = {{ before = ";!?»", after = "«" }}   # French (: ; ! ? » and «) is built in

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
    mkdocs: Path | None = None,
) -> Report:
    """Write a new project into *folder*: ``tarjama.toml`` (every key, commented), one
    sample article, a ``.gitignore``; with *templates*, a copy of the default templates
    to customise. With *mkdocs* (an ``mkdocs.yml``), the project is that mkdocs project:
    its title, folder, order and languages, and no sample article. A folder that already
    has a ``tarjama.toml`` is left alone."""
    report = Report()
    imported = None
    if mkdocs is not None:
        imported = read_mkdocs(mkdocs)
        folder = mkdocs.parent
        source_locale = imported.source_locale
        locales = [*imported.locales, *locales]
        report.notes.extend(imported.notes)
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
    text = _config_text(folder, source_locale, targets, imported, report)
    files = {config: text, folder / ".gitignore": GITIGNORE}
    if imported is None:
        title = _title_of(folder)
        files[folder / "source" / "welcome.md"] = ARTICLE.format(title=title)
    for path, content in files.items():
        if path.exists():
            continue  # never overwrite a file of the user's
        write_text_atomic(path, content)
        report.written.append(path.relative_to(folder).as_posix())
    (folder / "translations").mkdir(exist_ok=True)
    if templates:
        report.written.extend(copy_templates(folder / "templates"))
    return report


def _title_of(folder: Path) -> str:
    return folder.name.replace("-", " ").replace("_", " ").strip().capitalize() or "Publication"


def _config_text(
    folder: Path,
    source_locale: str,
    targets: list[str],
    imported: MkdocsProject | None,
    report: Report,
) -> str:
    """``tarjama.toml`` for a new project in *folder* (from an mkdocs project's settings)."""
    title = (imported.title if imported else "") or _title_of(folder)
    # the book's file name: from the mkdocs site's name (its folder is often "docs/en")
    named = (imported.title if imported else "") or folder.name
    name = re.sub(r"[^a-z0-9]+", "-", named.lower()).strip("-") or "publication"
    description = (imported.description if imported else "") or (
        "A publication translated with tarjama."
    )
    base_url = imported.base_url if imported else ""
    if base_url and not re.match(r"^https?://[^/?#]+", base_url):
        report.notes.append(f"left out site_url {base_url!r}: not an http(s) address")
        base_url = ""
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    order = ""
    if imported and imported.order:
        files = ",\n".join(f"  {_toml(name)}" for name in imported.order)
        order = f"order = [ # the articles in this order (mkdocs' nav)\n{files},\n]\n"
    # a documentation site shows every page in every language, as mkdocs-static-i18n's
    # fallback does: what is not translated yet reads in the source language
    least = 0 if imported else 80
    per_locale = "".join(
        f"[locales.{tag}]\n"
        f"min_translated = {least} # for {tag} only, instead of [build] min_translated\n"
        f"use_fuzzy = false # for {tag} only, instead of [build] use_fuzzy\n"
        "draft = false # true: built, but not offered in the language switcher\n\n"
        for tag in targets
    )
    text = CONFIG.format(
        title=_toml(title),
        description=_toml(description),
        base_url=_toml(base_url),
        name=_toml(name if name[0].isalnum() else f"p-{name}"),
        source=_toml(source_locale),
        source_dir=_toml(imported.source if imported else "source"),
        targets=", ".join(_toml(tag) for tag in targets),
        order=order,
        min_translated=least,
        per_locale=per_locale or "# [locales.fr]\n# min_translated = 50\n# draft = true\n",
    )
    return _align(text)


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
