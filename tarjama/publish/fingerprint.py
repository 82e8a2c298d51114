"""A stat-level fingerprint of a build, so that a build with nothing to do returns at once.

After a complete build without errors, tarjama records the size and
modification time of every input (the config file, the source, translations
and templates folders, the fonts) as they were when the build started, and of
every output as the build left it. The next build with the same request
compares them before it imports the pipeline: if nothing changed, there is
nothing to do. Any difference, or no fingerprint at all, means a normal build,
whose content hashes decide what to rebuild. Size and modification time are
what git trusts too. The fingerprint lives in ``.cache/`` and is safe to delete.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tarjama.core import __version__
from tarjama.core.config import Config
from tarjama.core.errors import SourceError, TarjamaError
from tarjama.core.fsutil import write_text_atomic
from tarjama.core.keys import digest
from tarjama.core.report import Report
from tarjama.core.templates import PACKAGE_TEMPLATES

FORMAT = 2  # 2: with the build's warnings
Stats = list[list[Any]]


def _walk(folder: Path, into: Stats) -> None:
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        into.append([str(folder), "missing"])
        return
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.is_dir():
            _walk(Path(entry.path), into)
        else:
            stat = entry.stat()
            into.append([entry.path, stat.st_mtime_ns, stat.st_size])


def _files(paths: Iterable[str]) -> Stats:
    found: Stats = []
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            found.append([path, "missing"])
        else:
            found.append([path, stat.st_mtime_ns, stat.st_size])
    return found


def scan_inputs(config: Config, watched: Sequence[str] = ()) -> str:
    """A digest of the size and modification time of everything a build reads."""
    found: Stats = _files([str(config.file)] if config.file else [])
    for folder in (config.source_dir, config.translations_dir, config.templates_dir):
        _walk(folder, found)
    _walk(PACKAGE_TEMPLATES, found)  # the defaults (edited in a development install)
    found.extend(_files(watched))
    return digest(found)


def _path(config: Config, request: dict[str, Any]) -> Path:
    return config.root / ".cache" / f"fingerprint-{digest(request, size=8)}.json"


def request_of(
    config: Config, *, locales: Sequence[str], formats: Sequence[str], out: Path, annotate: bool
) -> dict[str, Any]:
    """What a build was asked to do (its outputs depend on nothing else but the inputs)."""
    return {
        "version": __version__,
        "config": repr(config),
        "locales": list(locales),
        "formats": list(formats),
        "out": str(out),
        "annotate": annotate,
    }


def unchanged(config: Config, request: dict[str, Any]) -> Report | None:
    """The notes and warnings of the last identical build if nothing changed since, else
    None."""
    try:
        saved = json.loads(_path(config, request).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("format") != FORMAT:
        return None
    if _files(saved["outputs"]) != saved["output_stats"]:
        return None
    if scan_inputs(config, saved["watched"]) != saved["inputs"]:
        return None
    warnings = [SourceError(m, path=p, line=n) for p, n, m in saved["warnings"]]
    return Report(notes=list(saved["notes"]), warnings=list(warnings))


def save(
    config: Config,
    request: dict[str, Any],
    *,
    inputs: str,
    watched: Sequence[str],
    outputs: Iterable[Path],
    notes: Sequence[str],
    warnings: Sequence[TarjamaError] = (),
) -> None:
    """Record a complete, successful build (*inputs* as scanned when it started)."""
    paths = sorted(str(p) for p in outputs)
    data = {
        "format": FORMAT,
        "inputs": inputs,
        "watched": list(watched),
        "outputs": paths,
        "output_stats": _files(paths),
        "notes": list(notes),
        "warnings": [[str(w.path), w.line, w.message] for w in warnings],
    }
    write_text_atomic(_path(config, request), json.dumps(data, ensure_ascii=False))


def forget(config: Config, request: dict[str, Any]) -> None:
    """Drop the fingerprint of *request* (a build that failed or was partial)."""
    _path(config, request).unlink(missing_ok=True)
