"""Fonts cut down to the characters a book or a site uses (fontTools' subsetter).

An EPUB embeds each face it needs as a subset (the French book embedded 2.5 MB of
Noto Serif for about 25 KB of text); the site serves WOFF2 subsets. Every OpenType
layout feature is kept, with the glyphs they reach, so Arabic joining, Indic
conjuncts and Nastaliq's stacking survive.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable
from pathlib import Path

from tarjama.core.fsutil import write_bytes_atomic
from tarjama.core.keys import digest
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


def subset_face(
    face: FontFace, chars: Iterable[str], *, flavor: str | None = None, cache: Path | None = None
) -> bytes:
    """*face* cut down to *chars* (and what its layout features reach from them), as an
    OpenType file, or a WOFF2 one with ``flavor="woff2"``. The same input gives the same
    bytes. With *cache*, the OpenType subset is kept there, and made by one process at a
    time (the books of a build that share a face and its characters wait for the first
    and read its subset); a WOFF2 is compressed from it."""
    text = "".join(sorted(set(chars)))
    data = _subset(face, text) if cache is None else _kept_subset(face, text, cache)
    return data if flavor is None else _compress(data, flavor)


def _kept_subset(face: FontFace, text: str, cache: Path) -> bytes:
    import fcntl

    stat = Path(face.path).stat()
    identity = f"{face.path}\0{face.index}\0{stat.st_size}\0{stat.st_mtime_ns}\0{text}"
    key = digest(identity)
    stored = cache / "fonts" / f"{key}.font"
    if stored.is_file():
        return stored.read_bytes()
    stored.parent.mkdir(parents=True, exist_ok=True)
    with open(stored.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stored.is_file():  # another process made it while this one waited
            return stored.read_bytes()
        data = _subset(face, text)
        write_bytes_atomic(stored, data)
    return data


def _compress(data: bytes, flavor: str) -> bytes:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    font.flavor = flavor
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
