"""EPUB 3 rendering through pandoc's EPUB writer (right-to-left aware, fonts embedded)."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import yaml

from tarjama.fsutil import write_bytes_atomic
from tarjama.render import Edition
from tarjama.render.fonts import font_files
from tarjama.render.pandoc import READER, run_pandoc

FAMILIES = {"NotoSerif": "Noto Serif"}


def metadata(edition: Edition) -> dict[str, object]:
    """The book's metadata in its own language; the identifier is stable across builds."""
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"tarjama:{edition.title}:{edition.locale}")
    meta: dict[str, object] = {
        "title": edition.title,
        "lang": edition.lang,
        "dir": edition.direction,
        "description": edition.description,
        "identifier": [{"scheme": "UUID", "text": f"urn:uuid:{identifier}"}],
        "toc-title": edition.gettext("Contents"),
        "date": edition.date_iso,
    }
    if edition.direction == "rtl":
        meta["page-progression-direction"] = "rtl"
    return meta


def chapter_files(edition: Edition, folder: Path) -> list[Path]:
    """One Markdown file per chapter, its title as the level-1 heading."""
    files = []
    for index, chapter in enumerate(edition.chapters, 1):
        attrs = f' {{lang="{chapter.title_lang}" dir="ltr"}}' if chapter.title_lang else ""
        path = folder / f"{index:04d}-{chapter.slug}.md"
        path.write_text(f"# {chapter.title}{attrs}\n\n{chapter.body}\n", "utf-8")
        files.append(path)
    return files


def render_epub(edition: Edition, out: Path, *, templates: Path) -> None:
    """Write *edition* as ``out`` (an EPUB 3), atomically."""
    with tempfile.TemporaryDirectory(prefix="tarjama-epub-") as tmp:
        folder = Path(tmp)
        (folder / "meta.yaml").write_text(
            yaml.safe_dump(metadata(edition), allow_unicode=True), "utf-8"
        )
        fonts, faces = [], []
        for font in font_files(edition.lang):
            clean = folder / font.name.replace("[wdth,wght]", "")  # OCF-safe file names
            shutil.copyfile(font, clean)
            fonts.append(f"--epub-embed-font={clean}")
            family, _, style = clean.stem.partition("-")
            weight = "bold" if style == "Bold" else "normal"
            faces.append(
                f'@font-face {{ font-family: "{FAMILIES.get(family, family)}"; '
                f'src: url("../fonts/{clean.name}"); font-weight: {weight}; }}'
            )
        css = folder / "book.css"
        css.write_text(
            "\n".join(faces) + "\n" + (templates / "epub" / "epub.css").read_text("utf-8"), "utf-8"
        )
        args = [
            "-f",
            READER,
            "-t",
            "epub3",
            "--toc",
            "--toc-depth=1",
            "--split-level=1",
            f"--template={templates / 'epub' / 'template.xhtml'}",
            "--css=book.css",
            "--metadata-file=meta.yaml",
            f"--variable=dir:{edition.direction}",
            *fonts,
            "-o",
            "book.epub",
            *[p.name for p in chapter_files(edition, folder)],
        ]
        epoch = _epoch(edition.date_iso)
        run_pandoc(
            args,
            cwd=folder,
            what=f"{edition.locale} EPUB",
            env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)},
        )
        write_bytes_atomic(out, (folder / "book.epub").read_bytes())


def _epoch(date_iso: str) -> int:
    """Seconds since 1970 for the edition's date, so rebuilt EPUBs are byte-identical."""
    import datetime as dt

    day = dt.date.fromisoformat(date_iso) if date_iso else dt.date(2000, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())
