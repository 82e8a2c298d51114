"""PDF rendering: pandoc writes Typst markup, the ``typst`` package compiles it in-process.

Fonts come from PyPI (Amiri for Arabic script, Noto Serif for Latin) and system
fonts are ignored, so a PDF looks the same on every machine.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tarjama.errors import RenderError
from tarjama.fsutil import write_bytes_atomic
from tarjama.render import Edition
from tarjama.render.fonts import families, font_paths
from tarjama.render.pandoc import worker


def typst_body(edition: Edition) -> str:
    """All chapters as Typst markup, each starting with its title as a level-1 heading."""
    parts = []
    for chapter in edition.chapters:
        attrs = f' {{lang="{chapter.title_lang}" dir="ltr"}}' if chapter.title_lang else ""
        markdown = f"# {chapter.title}{attrs}\n\n{chapter.body}\n"
        parts.append(
            worker().convert(markdown, to="typst", what=f"{edition.locale}/{chapter.slug} PDF")
        )
    return "\n\n".join(parts) + "\n"


def render_pdf(edition: Edition, out: Path, *, templates: Path) -> None:
    """Write *edition* as the PDF ``out``, atomically."""
    import typst

    inputs = {
        "title": edition.title,
        "description": edition.description,
        "language": edition.language_name,
        "contents": edition.gettext("Contents"),
        "lang": edition.lang.split("-")[0],
        "dir": edition.direction,
        "fonts": ",".join(families(edition.lang)),
    }
    with tempfile.TemporaryDirectory(prefix="tarjama-pdf-") as tmp:
        folder = Path(tmp)
        shutil.copyfile(templates / "pdf" / "publication.typ", folder / "publication.typ")
        (folder / "body.typ").write_text(typst_body(edition), "utf-8")
        try:
            pdf = typst.compile(
                str(folder / "publication.typ"),
                root=str(folder),
                font_paths=[str(p) for p in font_paths()],
                ignore_system_fonts=True,
                sys_inputs=inputs,
                timestamp=_timestamp(edition.date_iso),
            )
        except Exception as exc:  # typst raises its own error types with the compiler's message
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise RenderError(f"{edition.locale} PDF: typst failed: {first}") from None
    if not isinstance(pdf, bytes):
        raise RenderError(f"{edition.locale} PDF: typst returned no PDF")
    write_bytes_atomic(out, pdf)


def _timestamp(date_iso: str) -> int:
    """The edition's date as a Unix time, so rebuilt PDFs are byte-identical."""
    import datetime as dt

    day = dt.date.fromisoformat(date_iso) if date_iso else dt.date(2000, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
