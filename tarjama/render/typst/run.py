"""Typst, compiled in-process through the ``typst`` package, kept warm between compiles.

Only the fonts of the fontpkg packages are visible to Typst (no system fonts, not even
Typst's bundled ones), so a PDF is the same on every machine and never silently falls
back to another typeface. A process keeps one compiler per folder: a book compiled
again in the same folder (preview, a worker that builds the locale again) reuses
Typst's memoized work for the chapters that did not change.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typst

from tarjama.core.errors import RenderError
from tarjama.render.fonts.files import faces
from tarjama.render.fonts.math import MATH_FAMILY, math_font_folder


@dataclass(frozen=True)
class TypstJob:
    """One compile: ``main.typ`` in *folder* (with everything it reads beside it)."""

    folder: str
    families: tuple[str, ...]
    stamp: int  # Unix seconds: the document's date
    what: str  # "fr PDF", for messages
    format: str = "pdf"
    standards: tuple[str, ...] = ()  # "ua-1", "a-2b"
    ppi: float = 144.0


_FONT_DIRS: dict[tuple[str, ...], Path] = {}


def _font_folder(families: tuple[str, ...]) -> Path:
    """A folder holding links to the files of *families* and nothing else: Typst searches
    folders, and a shared folder (Debian's) has fonts that were not chosen."""
    if families not in _FONT_DIRS:
        folder = Path(tempfile.mkdtemp(prefix="tarjama-fonts-"))
        atexit.register(shutil.rmtree, folder, True)
        for number, face in enumerate(f for family in families for f in faces(family)):
            link = folder / f"{number:02d}-{face.path.name}"
            if not link.exists():
                link.symlink_to(face.path)
        _FONT_DIRS[families] = folder
    return _FONT_DIRS[families]


@functools.cache
def _fonts(families: tuple[str, ...]) -> typst.Fonts:
    """Typst's font book: the chosen fonts only (and the math font's, for a book with
    math), without system or bundled fonts."""
    folders = [str(_font_folder(tuple(f for f in families if f != MATH_FAMILY)))]
    if MATH_FAMILY in families:
        folders.append(str(math_font_folder()))
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=folders)


# The process whose Typst has started its thread pool (rayon's, global to the process).
# A process forked from it inherits the pool's state but not its threads, and its first
# compile would wait for them forever: such a process compiles in a fresh subprocess.
_typst_pid: int | None = None
_COMPILERS: dict[tuple[str, tuple[str, ...]], Any] = {}


# Typst downloads an ``@preview`` package it does not have through the proxy the
# environment names: the compile names one that refuses every connection (the discard
# port), so no template and no text can make the build machine reach the network.
NO_NETWORK = "http://127.0.0.1:9"
_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY")


def offline_environment(proxy: str = NO_NETWORK) -> dict[str, str]:
    """The environment variables a Typst compile runs with: every proxy set to *proxy*,
    no host exempted from it."""
    return {**dict.fromkeys(_PROXY_VARIABLES, proxy), "NO_PROXY": "", "no_proxy": ""}


@functools.cache
def _no_packages() -> str:
    """An empty folder for Typst's packages (and their download cache): no package
    installed on the machine is found either, so a PDF never depends on one."""
    folder = tempfile.mkdtemp(prefix="tarjama-typst-packages-")
    atexit.register(shutil.rmtree, folder, True)
    return folder


def _compiler(job: TypstJob) -> Any:
    key = (job.folder, job.families)
    if key not in _COMPILERS:
        _COMPILERS[key] = typst.Compiler(
            str(Path(job.folder) / "main.typ"),
            root=job.folder,
            font_paths=_fonts(job.families),
            ignore_system_fonts=True,
            package_path=_no_packages(),
            package_cache_path=_no_packages(),
        )
    return _COMPILERS[key]


class _Offline:
    """The process's proxy variables set to :data:`NO_NETWORK` for the compile's length."""

    def __enter__(self) -> None:
        self.saved = {name: os.environ.get(name) for name in offline_environment()}
        os.environ.update(offline_environment(os.environ.get("TARJAMA_TYPST_PROXY", NO_NETWORK)))

    def __exit__(self, *exc: object) -> None:
        for name, value in self.saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _compile_here(job: TypstJob) -> bytes:
    """Compile *job* in this process."""
    global _typst_pid
    _typst_pid = os.getpid()
    options: dict[str, Any] = {"format": job.format, "timestamp": job.stamp}
    if job.format == "png":
        options["ppi"] = job.ppi
    if job.standards:
        options["pdf_standards"] = list(job.standards)
    try:
        with _Offline():
            result, warnings = _compiler(job).compile_with_warnings(**options)
    except typst.TypstError as exc:
        message = (getattr(exc, "message", "") or str(exc)).strip().splitlines()
        first = message[0] if message else type(exc).__name__
        raise RenderError(f"{job.what}: Typst failed: {first}") from None
    # A missing font would silently change the typeface: treat it as the error it is.
    for warning in warnings:
        if "font" in warning.message:
            raise RenderError(f"{job.what}: Typst: {warning.message}")
    return bytes(result[0] if isinstance(result, list) else result)


def _compile_in_subprocess(job: TypstJob) -> bytes:
    """Compile in ``python -m tarjama.render.typst.run`` (see :func:`_main`)."""
    args = [sys.executable, "-m", __name__, json.dumps(job.__dict__)]
    result = subprocess.run(args, capture_output=True, check=False)
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(lines[-1] if lines else f"{job.what}: Typst subprocess failed")
    return result.stdout


def compile_typst(job: TypstJob) -> bytes:
    """The PDF (or PNG of the first page) of *job*, compiled here when this process may."""
    if _typst_pid not in (None, os.getpid()):
        return _compile_in_subprocess(job)
    return _compile_here(job)


def _main(argv: list[str]) -> int:
    """``python -m tarjama.render.typst.run JOB_JSON``: the output on stdout."""
    data = json.loads(argv[0])
    job = TypstJob(
        **{**data, "families": tuple(data["families"]), "standards": tuple(data["standards"])}
    )
    try:
        out = _compile_here(job)
    except RenderError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    sys.stdout.buffer.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
