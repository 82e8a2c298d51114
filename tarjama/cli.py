"""Command-line interface: a thin layer over the Python API of :mod:`tarjama`.

Each command parses options, calls the API, prints. A :class:`TarjamaError`
becomes one line on stderr (``path:line: message``) and its exit code; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tarjama
from tarjama.core import __version__
from tarjama.core.config import Config, check_locale, load_config
from tarjama.core.errors import TarjamaError
from tarjama.core.report import Report

if TYPE_CHECKING:
    from tarjama.catalog.stats import Stats

EPILOG = """\
examples:
  tarjama init book --locale fr --locale ar   start a project in book/
  tarjama extract                  segment source/*.md into translations/<slug>.pot
  tarjama update --locale ar       create or update translations/ar/*.po
  tarjama check                    markup checks on every PO file (exit 1 on errors)
  tarjama check --strict           ... and on warnings (fuzzy entries), for CI
  tarjama stats --format json      progress per locale and article
  tarjama build --locale fr --format html,pdf
  tarjama preview --locale ar      live preview on http://127.0.0.1:8000/

exit codes: 0 ok, 1 check errors or a failed locale, 2 usage, 3 config,
4 source, 5 catalog (PO syntax), 6 render, 7 path outside the project,
8 file system (read-only folder, disk full).
"""


def _progress(enabled: bool) -> Callable[[str], None] | None:
    if not enabled:
        return None
    return lambda item: print(f"  {item}", file=sys.stderr)


def _locales(config: Config, chosen: Sequence[str] | None) -> list[str]:
    return [check_locale(config, tag) for tag in chosen] if chosen else list(config.locales)


def _finish(report: Report, *, quiet: bool) -> int:
    for path in report.written:
        if not quiet:
            print(f"wrote {path}")
    for note in report.notes:
        if not quiet:
            print(note)
    for line in dict.fromkeys(str(error) for error in report.errors):  # once each
        print(line, file=sys.stderr)
    return report.errors[0].exit_code if report.errors else 0


def cmd_init(config: None, args: argparse.Namespace) -> int:
    folder = args.dir or args.project or Path.cwd()
    locales = args.locale or ()
    report = tarjama.init(
        folder, source_locale=args.source_locale, locales=locales, templates=args.templates
    )
    code = _finish(report, quiet=args.quiet)
    if not args.quiet:
        print(f"next: cd {folder} && tarjama extract && tarjama update && tarjama build")
    return code


def cmd_extract(config: Config, args: argparse.Namespace) -> int:
    report = tarjama.extract(config, progress=_progress(args.verbose))
    if not report.written and not args.quiet:
        print("templates up to date")
    return _finish(report, quiet=args.quiet)


def cmd_update(config: Config, args: argparse.Namespace) -> int:
    report = tarjama.update(config, _locales(config, args.locale), progress=_progress(args.verbose))
    return _finish(report, quiet=args.quiet)


def cmd_check(config: Config, args: argparse.Namespace) -> int:
    findings, _ = tarjama.check(config, _locales(config, args.locale))
    errors = sum(f.severity == "error" or args.strict for f in findings)
    if args.format == "json":
        print(json.dumps([vars(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        if not args.quiet:
            warnings = sum(f.severity == "warning" for f in findings)
            print(
                f"{len(findings) - warnings} error(s), {warnings} warning(s)"
                + (" (--strict: warnings fail)" if args.strict and warnings else ""),
                file=sys.stderr,
            )
    return 1 if errors else 0


def cmd_stats(config: Config, args: argparse.Namespace) -> int:
    rows, report = tarjama.stats(config, _locales(config, args.locale))
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
    else:
        print(table(rows))
    return _finish(report, quiet=True)


def cmd_build(config: Config, args: argparse.Namespace) -> int:
    formats = tuple(f.strip() for f in args.format.split(",")) if args.format else config.formats
    report = tarjama.build(
        config,
        locales=_build_locales(config, args.locale),
        formats=formats,
        jobs=args.jobs,
        shard=args.shard,
        progress=not args.quiet,
    )
    return _finish(report, quiet=args.quiet)


def _build_locales(config: Config, chosen: Sequence[str] | None) -> list[str]:
    return (
        [check_locale(config, t) for t in chosen]
        if chosen
        else [config.source_locale, *config.locales]
    )


def cmd_preview(config: Config, args: argparse.Namespace) -> int:
    locale = check_locale(config, args.locale) if args.locale else None
    tarjama.preview(config, locale=locale, host=args.host, port=args.port, books=args.books)
    return 0


def table(rows: list[Stats]) -> str:
    """A plain-text table of *rows* for the terminal."""
    head = ("locale", "catalog", "translated", "fuzzy", "untranslated", "words %")
    body = [
        (
            r.locale,
            r.domain,
            str(r.translated),
            str(r.fuzzy),
            str(r.untranslated),
            f"{r.percent:.1f}%",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
    lines = []
    for index, row in enumerate([head, *body]):
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _add_common(target: argparse.ArgumentParser, *, defaults: bool) -> None:
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


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the test that every command is documented)."""
    main = argparse.ArgumentParser(
        prog="tarjama",
        description="Translate Markdown publications with gettext PO files and "
        "publish every locale as HTML, EPUB and PDF.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action="version", version=f"tarjama {__version__}")
    _add_common(main, defaults=True)
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, defaults=False)  # the same options also after the command name
    sub = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (func, summary, options) in COMMANDS.items():
        command = sub.add_parser(
            name,
            parents=[common],
            help=summary,
            description=summary,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.set_defaults(func=func)
        for add in options:
            add(command)
    return main


def _locale_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-l",
        "--locale",
        action="append",
        metavar="L",
        help="only this locale (repeatable; default: all)",
    )


def _one_locale_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-l",
        "--locale",
        metavar="L",
        help="preview only this locale (and the source; default: all)",
    )


def _report_format_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("text", "json"), default="text")


def _strict_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--strict", action="store_true", help="warnings (fuzzy entries, numbers) fail too"
    )


def _build_options(command: argparse.ArgumentParser) -> None:
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


def _init_options(command: argparse.ArgumentParser) -> None:
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


def _preview_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--host", default="127.0.0.1", help="address (default: loopback only)")
    command.add_argument("--port", type=int, default=8000)
    command.add_argument(
        "--books", action="store_true", help="also rebuild the EPUB and PDF on every change"
    )


Command = Callable[[Any, argparse.Namespace], int]
Options = Callable[[argparse.ArgumentParser], None]
# name -> (function, one-line summary, options)
COMMANDS: dict[str, tuple[Command, str, tuple[Options, ...]]] = {
    "init": (
        cmd_init,
        "start a project: tarjama.toml with every key, a sample article",
        (_init_options,),
    ),
    "extract": (cmd_extract, "segment the articles into translations/<slug>.pot", ()),
    "update": (
        cmd_update,
        "create or update translations/<locale>/<slug>.po (msgmerge semantics)",
        (_locale_option,),
    ),
    "check": (
        cmd_check,
        "check translations: PO syntax and markup parity",
        (_locale_option, _report_format_option, _strict_option),
    ),
    "stats": (
        cmd_stats,
        "translation progress per locale and article",
        (_locale_option, _report_format_option),
    ),
    "build": (
        cmd_build,
        "publish every locale as HTML, EPUB and PDF into build/",
        (_locale_option, _build_options),
    ),
    "preview": (
        cmd_preview,
        "serve a live preview of the HTML site",
        (_one_locale_option, _preview_options),
    ),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        # init makes the project that every other command reads
        config = None if args.func is cmd_init else load_config(args.project or Path.cwd())
        code: int = args.func(config, args)
    except TarjamaError as exc:
        print(f"{exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code
