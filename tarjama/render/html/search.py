"""Full-text search per locale: Pagefind bundles of the locale's article pages.

Pagefind (the ``pagefind`` package on PyPI ships its binary) reads some of the built
pages of one locale, with the locale's language forced so that its stemming and word
splitting apply, and writes a bundle; ``bundles.json`` lists a locale's bundles, which
``assets/search.js`` loads and merges in the browser (Pagefind's multisite search), so
an edit re-indexes only the bundle of the page it changed. A bundle is written into a
temporary folder first and copied over file by file, only where the bytes differ.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic, write_text_atomic

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


def index_pages(folder: Path, pages: Sequence[str], bundle: Path, *, lang: str) -> list[Path]:
    """Index *pages* (paths below *folder*, a locale's folder of the site) into the search
    bundle *bundle*; return the files that changed. Only those pages are read: a
    one-entry edit re-indexes the one bundle its page is in."""
    with tempfile.TemporaryDirectory(prefix="tarjama-search-") as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        for relative in pages:
            source = folder / relative
            if source.is_file():  # (a page this build could not write is left out)
                (site / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, site / relative)
        site.mkdir(exist_ok=True)
        command = [
            pagefind_path(),
            "--site",
            str(site),
            "--output-path",
            str(out),
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
        return _sync(out, bundle)


def list_bundles(folder: Path, names: Sequence[str]) -> list[Path]:
    """Write ``bundles.json`` (the names of a locale's search bundles) into *folder*, its
    ``pagefind`` folder, and remove what is there besides them (bundles no longer made, the
    single bundle of earlier versions); return the files that changed."""
    listing = folder / "bundles.json"
    changed = [listing] if write_text_atomic(listing, json.dumps({"bundles": list(names)})) else []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.name == "bundles.json" or (entry.is_dir() and entry.name in names):
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
        changed.append(entry)
    return changed


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
