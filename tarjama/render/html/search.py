"""Full-text search per locale: a Pagefind index of the locale's article pages.

Pagefind (the ``pagefind`` package on PyPI ships its binary) reads the built pages of
one locale, with the locale's language forced so that its stemming and word splitting
apply, and writes the index that ``assets/search.js`` queries in the browser. The index
is written into a temporary folder first and copied over file by file, only where the
bytes differ, so an unchanged locale writes nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic

BUNDLE = "pagefind"
# Pagefind's own ready-made interfaces: the site uses assets/search.js instead.
_UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


def pagefind_path() -> str:
    """The Pagefind binary shipped by the ``pagefind_bin`` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise RenderError("pagefind is not installed; run 'make build' to install it") from None
    try:
        return str(get_executable())
    except FileNotFoundError as exc:
        raise RenderError(f"pagefind binary missing ({exc}); reinstall pagefind-bin") from None


def index_locale(folder: Path, *, lang: str) -> list[Path]:
    """Index the pages in *folder* (a locale's folder of the site) into ``folder/pagefind``;
    return the files that changed."""
    with tempfile.TemporaryDirectory(prefix="tarjama-search-") as tmp:
        command = [
            pagefind_path(),
            "--site",
            str(folder),
            "--output-path",
            tmp,
            "--force-language",
            lang.split("-")[0],
            "--keep-index-url",
            "--silent",
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            message = (done.stderr or done.stdout).strip().splitlines()
            raise RenderError(
                f"pagefind failed (exit {done.returncode}): {message[-1] if message else ''}",
                path=str(folder),
            )
        return _sync(Path(tmp), folder / BUNDLE)


def _sync(source: Path, target: Path) -> list[Path]:
    """Make *target* hold exactly the used files of *source*; return what changed."""
    wanted = {
        p.relative_to(source)
        for p in source.rglob("*")
        if p.is_file() and not p.name.startswith(_UNUSED)
    }
    changed = []
    for relative in sorted(wanted):
        if write_bytes_atomic(target / relative, (source / relative).read_bytes()):
            changed.append(target / relative)
    for old in sorted(target.rglob("*"), reverse=True) if target.is_dir() else []:
        if old.is_file() and old.relative_to(target) not in wanted:
            old.unlink()
            changed.append(old)
        elif old.is_dir() and not any(old.iterdir()):
            shutil.rmtree(old)
    return changed
