"""The book's cover image: the edition's own (``[book] cover``), or one that Typst sets
from the title and authors in the edition's fonts and direction (``templates/pdf/cover.typ``,
the same page that opens the PDF)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from tarjama.core.dates import epoch
from tarjama.core.errors import RenderError
from tarjama.core.fsutil import write_bytes_atomic
from tarjama.core.keys import digest
from tarjama.render.contract import Edition
from tarjama.render.fonts.coverage import edition_texts
from tarjama.render.fonts.use import book_fonts
from tarjama.render.typst.markup import typst_metadata
from tarjama.render.typst.run import TypstJob, compile_typst

_IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
_MAIN = """\
#import "cover.typ": cover-page
#let meta = json("meta.json")
#set text(lang: meta.lang, dir: if meta.dir == "rtl" { rtl } else { ltr },
  font: meta.fonts)
#set page(paper: "a5")
#cover-page(meta)
"""
_MEMORY: dict[str, bytes] = {}


def cover_type(edition: Edition) -> str:
    """The media type of *edition*'s cover: its own image's, else PNG (a generated one)."""
    if not edition.front.cover:
        return "image/png"
    path = Path(edition.front.cover)
    kind = _IMAGE_TYPES.get(path.suffix.lower())
    if kind is None:
        raise RenderError(f"cover {path} must be a PNG or JPEG image", path=str(path))
    return kind


def cover_image(
    edition: Edition, template: Path | None, *, cache: Path | None
) -> tuple[bytes, str]:
    """The cover's bytes and media type; *template* is the ``pdf/cover.typ`` in use."""
    if edition.front.cover:
        return Path(edition.front.cover).read_bytes(), cover_type(edition)
    if template is None or not template.is_file():
        raise RenderError("cover template pdf/cover.typ is missing")
    fonts = book_fonts(edition, edition_texts(edition), what="cover")
    meta = json.dumps(
        typst_metadata(edition, fonts, cover=None), ensure_ascii=False, sort_keys=True
    )
    source = template.read_bytes()
    key = digest(meta, source)
    stored = cache / f"{edition.locale}-cover" / f"{key}.png" if cache is not None else None
    if key in _MEMORY:
        return _MEMORY[key], "image/png"
    if stored is not None and stored.is_file():
        _MEMORY[key] = stored.read_bytes()
        return _MEMORY[key], "image/png"
    with tempfile.TemporaryDirectory(prefix="tarjama-cover-") as tmp:
        folder = Path(tmp)
        (folder / "main.typ").write_text(_MAIN, "utf-8")
        (folder / "cover.typ").write_bytes(source)
        (folder / "meta.json").write_text(meta, "utf-8")
        job = TypstJob(
            folder=str(folder),
            families=fonts.stack,
            stamp=epoch(edition.date_iso),
            what=f"{edition.locale} cover",
            format="png",
            ppi=150.0,
        )
        png = compile_typst(job)
    if stored is not None:
        for old in stored.parent.glob("*.png"):
            old.unlink()
        write_bytes_atomic(stored, png)
    _MEMORY[key] = png
    return png, "image/png"
