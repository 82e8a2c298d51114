"""The command line's options and help: what each command accepts, and the examples."""

from __future__ import annotations

import argparse
from pathlib import Path

EPILOG = """\
examples:
  tarjama init book --locale fr --locale ar   start a project in book/
  tarjama init --from mkdocs.yml   ... from an mkdocs project (title, docs/, nav, languages)
  tarjama extract                  segment source/*.md into translations/<slug>.pot
  tarjama update --locale ar       create or update translations/ar/*.po
  tarjama import -l fr docs/fr     translated Markdown files (or page.fr.md) into PO files
  tarjama import -l fr --memory old/*.po   ... other tools' PO files as fuzzy suggestions
  tarjama check                    markup checks on every PO file (exit 1 on errors)
  tarjama check --strict           ... and on warnings (fuzzy entries), for CI
  tarjama stats --format json      progress per locale and article
  tarjama stats --format html --since v1.0 --ui ar   the status page, build/status.html
  tarjama status --since v1.0      segments new or edited since a git tag, their state per locale
  tarjama weblate                  the Weblate component settings for this project
  tarjama xliff export -l fr       build/xliff/fr/*.xlf for a CAT tool (OmegaT, Trados, memoQ)
  tarjama xliff export -l fr --omegat omt/   ... as an OmegaT project to open
  tarjama xliff import done/*.xlf  the translations back into the PO files, checked
  tarjama tmx export -l fr         build/fr.tmx, the reviewed translations as a TMX memory
  tarjama tmx import -l fr agency.tmx   untranslated entries get fuzzy suggestions from it
  tarjama build --locale fr --format html,pdf
  tarjama build --strict           ... exit 1 on warnings (a missing link or image), for CI
  tarjama preview --locale ar      live preview on http://127.0.0.1:8000/

exit codes: 0 ok, 1 check errors, a failed locale or (--strict) warnings, 2 usage, 3 config,
4 source, 5 catalog (PO syntax), 6 render, 7 path outside the project,
8 file system (read-only folder, disk full).
"""


def add_common(target: argparse.ArgumentParser, *, defaults: bool) -> None:
    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    target.add_argument(
        "-C",
        "--project",
        type=Path,
        default=default(None),
        metavar="DIR",
        help="project folder (default: the nearest folder with tarjama.toml)",
    )
    target.add_argument(
        "-q", "--quiet", action="store_true", default=default(False), help="print only errors"
    )
    target.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default(False),
        help="show each item as it is processed",
    )


def locale_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-l",
        "--locale",
        action="append",
        metavar="L",
        help="only this locale (repeatable; default: all)",
    )


def one_locale_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-l",
        "--locale",
        metavar="L",
        help="preview only this locale (and the source; default: all)",
    )


def report_format_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("text", "json"), default="text")


def strict_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--strict", action="store_true", help="warnings (fuzzy entries, numbers) fail too"
    )


def build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        default=None,
        metavar="F[,F]",
        help="formats to build: html,epub,pdf (default: from the config)",
    )
    command.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="parallel worker processes (default: the number of cores)",
    )
    command.add_argument(
        "--shard",
        default=None,
        metavar="K/N",
        help="build only the K-th of N deterministic shares of the work (for CI)",
    )
    command.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on warnings too (missing links, anchors and images: see [validation])",
    )


def init_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("dir", nargs="?", type=Path, help="project folder (default: here)")
    command.add_argument(
        "--source-locale", default="en", metavar="L", help="language of the articles (default: en)"
    )
    command.add_argument(
        "-l", "--locale", action="append", metavar="L", help="a target locale (repeatable)"
    )
    command.add_argument(
        "--templates",
        action="store_true",
        help="also copy the default templates into templates/ to customise them",
    )
    command.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="MKDOCS_YML",
        help="start from an mkdocs project: its title, docs folder, nav order and languages",
    )


def import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "path",
        nargs="?",
        type=Path,
        metavar="PATH",
        help="translated Markdown: a folder per language (docs/fr) or page.fr.md beside page.md",
    )
    command.add_argument("-l", "--locale", required=True, metavar="L", help="their language")
    command.add_argument(
        "--memory",
        nargs="+",
        type=Path,
        metavar="FILE.po",
        help="PO files of other tools (po4a, mdpo, Sphinx, Weblate): fuzzy suggestions",
    )
    command.add_argument(
        "--overwrite", action="store_true", help="also replace reviewed translations"
    )
    command.add_argument("--format", choices=("text", "json"), default="text")


def preview_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--host", default="127.0.0.1", help="address (default: loopback only)")
    command.add_argument("--port", type=int, default=8000)
    command.add_argument(
        "--books", action="store_true", help="also rebuild the EPUB and PDF on every change"
    )


def status_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--since",
        required=True,
        metavar="REV",
        help="a git revision of the project (a tag, a commit, HEAD~3)",
    )


def stats_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("text", "json", "html"), default="text")
    command.add_argument(
        "--since", metavar="REV", help="html: also list what changed since this git revision"
    )
    command.add_argument(
        "--ui", metavar="L", help="html: the page's language (default: the source locale)"
    )
    command.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="html: where (build/status.html)"
    )


def xliff_options(command: argparse.ArgumentParser) -> None:
    actions = command.add_subparsers(dest="action", required=True, metavar="export|import")
    export = actions.add_parser("export", help="write XLIFF 1.2 files of a locale")
    export.add_argument("-l", "--locale", required=True, metavar="L", help="the locale")
    export.add_argument(
        "-o", "--output", type=Path, metavar="DIR", help="where (default build/xliff)"
    )
    export.add_argument(
        "--copy-source",
        action="store_true",
        help="untranslated units get the source as target (OmegaT 3.6 needs one)",
    )
    export.add_argument(
        "--omegat",
        type=Path,
        metavar="DIR",
        help="a ready OmegaT project in DIR (omegat.project, source/*.xlf)",
    )
    export.add_argument(
        "--version", choices=("1.2", "2.1"), default="1.2", help="XLIFF version (default 1.2)"
    )
    back = actions.add_parser("import", help="read returned XLIFF files into the PO files")
    back.add_argument("files", nargs="+", type=Path, metavar="FILE.xlf")
    back.add_argument("--format", choices=("text", "json"), default="text")


def tmx_options(command: argparse.ArgumentParser) -> None:
    actions = command.add_subparsers(dest="action", required=True, metavar="export|import")
    export = actions.add_parser("export", help="the reviewed translations as a TMX file")
    export.add_argument("-l", "--locale", required=True, metavar="L")
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="where (default build/<L>.tmx)"
    )
    back = actions.add_parser("import", help="fuzzy suggestions from TMX files")
    back.add_argument("-l", "--locale", required=True, metavar="L")
    back.add_argument("files", nargs="+", type=Path, metavar="FILE.tmx")
