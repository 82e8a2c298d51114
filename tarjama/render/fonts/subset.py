"""Fonts cut down to the characters a book or a site uses (fontTools' subsetter).

An EPUB embeds each face it needs as a subset (the French book embedded 2.5 MB of
Noto Serif for about 25 KB of text); the site serves WOFF2 subsets. Every OpenType
layout feature is kept, with the glyphs they reach, so Arabic joining, Indic
conjuncts and Nastaliq's stacking survive.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from tarjama.core.fsutil import write_bytes_atomic
from tarjama.core.keys import digest
from tarjama.render.fonts.coverage import cmap
from tarjama.render.fonts.files import FontFace


@functools.lru_cache(maxsize=64)
def _subset(face: FontFace, text: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    number = face.index if face.index is not None else -1
    font = TTFont(face.path, fontNumber=number, recalcTimestamp=False, lazy=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False  # hints only help at screen sizes on old rasterisers; they weigh
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


_VERSION = "1"  # the subsetter's options: a change cuts every face again


def font_cache() -> Path:
    """Where cut fonts are kept, across builds, build folders and projects:
    ``$TARJAMA_CACHE/fonts``, else ``$XDG_CACHE_HOME/tarjama/fonts``, else
    ``~/.cache/tarjama/fonts``. Deleting it is always safe."""
    root = os.environ.get("TARJAMA_CACHE")
    if root:
        return Path(root) / "fonts"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "tarjama" / "fonts"


def subset_face(
    face: FontFace, chars: Iterable[str], *, flavor: str | None = None, cache: Path | None = None
) -> bytes:
    """*face* cut down to *chars* (and what its layout features reach from them), as an
    OpenType file, or a WOFF2 one with ``flavor="woff2"``. The same input gives the same
    bytes.

    A face is cut once for its characters and kept in :func:`font_cache` (keyed by the
    font file and the characters of *chars* it has, so a new character in another script
    cuts nothing again); the books of a build that share a face wait for the first to
    cut it. *cache* is where to keep them instead (tests)."""
    points = cmap(face)
    text = "".join(sorted(c for c in set(chars) if ord(c) in points))
    stat = Path(face.path).stat()
    identity = (str(face.path), face.index, stat.st_size, stat.st_mtime_ns, _VERSION)
    key = digest(identity, text, flavor or "otf")
    folder = cache / "fonts" if cache is not None else font_cache()
    stored = folder / f"{key}.{flavor or 'otf'}"
    with contextlib.suppress(OSError):
        return stored.read_bytes()
    return _kept(stored, lambda: _cut(face, text, flavor))


def _cut(face: FontFace, text: str, flavor: str | None) -> bytes:
    data = _subset(face, text)
    return data if flavor is None else _compress(data, flavor)


def _kept(stored: Path, make: Callable[[], bytes]) -> bytes:
    """*make*'s bytes, kept at *stored*, made by one process at a time (the others wait
    and read them); made and not kept where the cache cannot be written."""
    import fcntl

    try:
        stored.parent.mkdir(parents=True, exist_ok=True)
        lock = open(stored.with_suffix(".lock"), "w")  # noqa: SIM115 - held across the make
    except OSError:
        return make()
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stored.is_file():  # another process made it while this one waited
            return stored.read_bytes()
        data = make()
        with contextlib.suppress(OSError):  # a full or read-only cache: the build goes on
            write_bytes_atomic(stored, data)
            stored.with_suffix(".lock").unlink()  # a late waiter holds its own open lock
    return data


def _compress(data: bytes, flavor: str) -> bytes:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    font.flavor = flavor
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
