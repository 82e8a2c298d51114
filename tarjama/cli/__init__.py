"""Command-line interface: a thin layer over the Python API of :mod:`tarjama`.

Each command parses options, calls the API, prints. A :class:`TarjamaError`
becomes one line on stderr (``path:line: message``) and its exit code; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tarjama
from tarjama.cli.options import (
    EPILOG,
    add_common,
    build_options,
    import_options,
    init_options,
    locale_option,
    one_locale_option,
    preview_options,
    report_format_option,
    stats_options,
    status_options,
    strict_option,
    tmx_options,
    xliff_options,
)
from tarjama.core import __version__
from tarjama.core.config import Config, check_locale, load_config
from tarjama.core.errors import TarjamaError, UsageError
from tarjama.core.report import Report

if TYPE_CHECKING:
    from tarjama.catalog.stats import Stats


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
    for line in dict.fromkeys(_warning(warning) for warning in report.warnings):
        print(line, file=sys.stderr)
    for line in dict.fromkeys(str(error) for error in report.errors):  # once each
        print(line, file=sys.stderr)
    return report.errors[0].exit_code if report.errors else 0


def _warning(warning: TarjamaError) -> str:
    """``path:line: warning: message``."""
    where = "" if warning.path is None else f"{warning.path}:"
    where += "" if warning.line is None or warning.path is None else f"{warning.line}:"
    return f"{where} warning: {warning.message}" if where else f"warning: {warning.message}"


def cmd_init(config: None, args: argparse.Namespace) -> int:
    folder = args.dir or args.project or Path.cwd()
    locales = args.locale or ()
    if args.source is not None:
        if args.source.name != "mkdocs.yml" and args.source.suffix not in (".yml", ".yaml"):
            raise UsageError(f"--from {args.source}: give an mkdocs.yml")
        if not args.source.is_file():
            raise UsageError(f"--from {args.source}: no such file")
        folder = args.source.resolve().parent
    report = tarjama.init(
        folder,
        source_locale=args.source_locale,
        locales=locales,
        templates=args.templates,
        mkdocs=args.source,
    )
    code = _finish(report, quiet=args.quiet)
    if not args.quiet:
        then = "tarjama import --locale L PATH && " if args.source else ""
        print(f"next: cd {folder} && tarjama extract && {then}tarjama update && tarjama build")
    return code


def cmd_extract(config: Config, args: argparse.Namespace) -> int:
    report = tarjama.extract(config, progress=_progress(args.verbose))
    if not report.written and not args.quiet:
        print("templates up to date")
    return _finish(report, quiet=args.quiet)


def cmd_update(config: Config, args: argparse.Namespace) -> int:
    as_json = args.format == "json"
    progress = None if as_json else _progress(args.verbose)
    report = tarjama.update(config, _locales(config, args.locale), progress=progress)
    if as_json:  # each entry's fate: kept, carried, fuzzy, memory, new, revived, obsolete
        print(json.dumps(report.rows, ensure_ascii=False, indent=2))
    return _finish(report, quiet=args.quiet or as_json)


def cmd_import(config: Config, args: argparse.Namespace) -> int:
    locale = check_locale(config, args.locale)
    if args.path is None and not args.memory:
        raise UsageError("give a folder of translated files, or --memory FILE.po, or both")
    rows, report = tarjama.import_translations(
        config, locale, args.path, overwrite=args.overwrite, memory=args.memory or ()
    )
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
    elif not args.quiet:
        for row in rows:
            print(row)
        if args.path is not None and not rows:
            print(f"no translation of an article found in {args.path}")
    return _finish(report, quiet=args.quiet or args.format == "json")


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
    if args.format == "html":
        out = args.output or config.build_dir / "status.html"
        ui = check_locale(config, args.ui) if args.ui else None
        locales = _locales(config, args.locale)
        tarjama.status_page(config, out, locales=locales, ui=ui, since=args.since)
        if not args.quiet:
            print(f"wrote {config.rel(out)}")
        return 0
    if args.since:
        raise UsageError("--since goes with --format html (or use tarjama status --since)")
    rows, report = tarjama.stats(config, _locales(config, args.locale))
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
    else:
        print(table(rows))
    return _finish(report, quiet=True)


def cmd_status(config: Config, args: argparse.Namespace) -> int:
    rows = tarjama.changed_since(config, args.since, _locales(config, args.locale))
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for locale in dict.fromkeys(r.locale for r in rows):
        mine = [r for r in rows if r.locale == locale]
        counts = Counter(r.state for r in mine)
        said = ", ".join(f"{counts[s]} {s}" for s in ("translated", "fuzzy", "untranslated"))
        print(f"{locale}: {len(mine)} segments new or edited since {args.since}: {said}")
        for row in mine:
            if row.state != "translated" or args.verbose:
                print(f"  {row}")
    if not rows:
        print(f"no segment new or edited since {args.since}")
    return 0


def cmd_xliff(config: Config, args: argparse.Namespace) -> int:
    if args.action == "export":
        locale = check_locale(config, args.locale)
        out = args.output or config.build_dir / "xliff"
        _, report = tarjama.xliff_export(
            config,
            locale,
            args.omegat or out,
            copy_source=args.copy_source,
            omegat=bool(args.omegat),
            version=args.version,
        )
        return _finish(report, quiet=args.quiet)
    findings, report = tarjama.xliff_import(config, args.files)
    if args.format == "json":
        print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
    code = _finish(report, quiet=args.quiet or args.format == "json")
    return code or (1 if findings else 0)


def cmd_tmx(config: Config, args: argparse.Namespace) -> int:
    locale = check_locale(config, args.locale)
    if args.action == "export":
        out = args.output or config.build_dir / f"{locale}.tmx"
        return _finish(tarjama.tmx_export(config, locale, out), quiet=args.quiet)
    filled, report = tarjama.tmx_import(config, locale, args.files)
    if not args.quiet:
        print(f"{locale}: {filled} untranslated entries got a fuzzy suggestion from the memory")
    return _finish(report, quiet=args.quiet)


def cmd_weblate(config: Config, args: argparse.Namespace) -> int:
    print(tarjama.weblate_settings(config))
    return 0


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
    code = _finish(report, quiet=args.quiet)
    if args.strict and report.warnings and code == 0:
        print(f"{len(report.warnings)} warning(s) (--strict: warnings fail)", file=sys.stderr)
        return 1
    return code


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
    add_common(main, defaults=True)
    common = argparse.ArgumentParser(add_help=False)
    add_common(common, defaults=False)  # the same options also after the command name
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


Command = Callable[[Any, argparse.Namespace], int]
Options = Callable[[argparse.ArgumentParser], None]
# name -> (function, one-line summary, options)
COMMANDS: dict[str, tuple[Command, str, tuple[Options, ...]]] = {
    "init": (
        cmd_init,
        "start a project: tarjama.toml with every key, a sample article",
        (init_options,),
    ),
    "extract": (cmd_extract, "segment the articles into translations/<slug>.pot", ()),
    "update": (
        cmd_update,
        "create or update translations/<locale>/<slug>.po (msgmerge semantics)",
        (locale_option, report_format_option),
    ),
    "import": (
        cmd_import,
        "bring existing translations in: translated Markdown files, other tools' PO files",
        (import_options,),
    ),
    "check": (
        cmd_check,
        "check translations: PO syntax and markup parity",
        (locale_option, report_format_option, strict_option),
    ),
    "stats": (
        cmd_stats,
        "translation progress per locale and article (--format html: the status page)",
        (locale_option, stats_options),
    ),
    "status": (
        cmd_status,
        "what changed in the sources since a git revision, and its state per locale",
        (locale_option, status_options, report_format_option),
    ),
    "xliff": (
        cmd_xliff,
        "hand-off to CAT tools: XLIFF 1.2 with the Markdown as protected codes",
        (xliff_options,),
    ),
    "tmx": (
        cmd_tmx,
        "translation memories in TMX 1.4b: export the reviewed ones, import as suggestions",
        (tmx_options,),
    ),
    "weblate": (
        cmd_weblate,
        "print the Weblate component settings this project needs",
        (),
    ),
    "build": (
        cmd_build,
        "publish every locale as HTML, EPUB and PDF into build/",
        (locale_option, build_options),
    ),
    "preview": (
        cmd_preview,
        "serve a live preview of the HTML site",
        (one_locale_option, preview_options),
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
