"""Every script in every format: a real sentence per script built to HTML, EPUB and PDF.

The fixture (``tests/data/scripts``) has one article translated into a locale per
script tarjama ships fonts for, and into Tibetan, which no shipped font covers.
The fonts embedded in each PDF and EPUB are read back and shown to have every
character; Tibetan fails with the one-line missing-glyph error and the others build.
Page images of each script land in ``tests/artifacts/scripts/``.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from pathlib import Path

import polib
import pytest

from tests.conftest import DATA, ROOT, require_tool

FIXTURE = DATA / "scripts"
ARTIFACTS = ROOT / "tests" / "artifacts" / "scripts"
UNCOVERED = "bo"
LOCALES = sorted(p.name for p in (FIXTURE / "translations").iterdir() if p.is_dir())
COVERED = [loc for loc in LOCALES if loc != UNCOVERED]
# One worker builds the fixture once (make test runs pytest with --dist loadgroup).
pytestmark = pytest.mark.xdist_group("scripts")


def sentences(locale: str) -> list[str]:
    """The msgstrs of *locale*'s catalog, as the translator wrote them (code spans kept)."""
    po = polib.pofile(str(FIXTURE / "translations" / locale / "reading.po"))
    return [e.msgstr for e in po if e.msgstr]


@pytest.fixture(scope="session")
def scripts_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    from tarjama.cli import main

    project = tmp_path_factory.mktemp("scripts") / "project"
    shutil.copytree(FIXTURE, project)
    errors = io.StringIO()
    import contextlib

    with contextlib.redirect_stderr(errors):
        code = main(["-C", str(project), "-q", "build"])
    return project, code, errors.getvalue()


def needed(text: str) -> set[str]:
    from tarjama.render.fonts.coverage import needed_chars

    return needed_chars([text])


def test_uncovered_script_fails_with_one_line_and_the_others_build(
    scripts_build: tuple[Path, int, str],
) -> None:
    project, code, errors = scripts_build
    assert code == 6
    lines = [line for line in errors.splitlines() if line.strip()]
    error = re.compile(
        r"translations/bo/reading\.po:\d+: bo (EPUB|PDF): no glyph for ཀ|.*ཀ \(U\+0F40\).*"
        r"no font tarjama ships covers Tibetan: add a font file that does"
    )
    book_errors = [line for line in lines if "bo " in line and "no glyph" in line]
    assert len(book_errors) == 2 and all(error.search(line) for line in book_errors), errors
    assert all(line.startswith("translations/bo/reading.po:") for line in book_errors)
    assert "Traceback" not in errors
    build = project / "build"
    for locale in COVERED:
        for name in ("reading.html", "scripts.epub", "scripts.pdf"):
            assert (build / locale / name).is_file(), f"{locale}/{name}"
    assert not (build / UNCOVERED / "scripts.pdf").exists()


def shipped_cmaps() -> dict[str, set[int]]:
    """PostScript name -> code points, of every face tarjama ships."""
    from fontTools.ttLib import TTFont

    from tarjama.render.fonts.coverage import cmap
    from tarjama.render.fonts.files import FAMILIES, faces

    found: dict[str, set[int]] = {}
    for family in FAMILIES:
        for face in faces(family):
            number = face.index if face.index is not None else -1
            with TTFont(face.path, fontNumber=number, lazy=True) as font:
                found.setdefault(str(font["name"].getDebugName(6)), set()).update(cmap(face))
    return found


def pdf_fonts_and_codes(path: Path) -> tuple[set[str], list[int]]:
    """The PostScript names of the fonts a PDF embeds (their programs present), and every
    glyph code its text operators draw."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(path)
    names: set[str] = set()
    codes: list[int] = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            assert font["/Encoding"] == "/Identity-H"  # two-byte glyph ids
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            names.add(str(font["/BaseFont"]).split("+")[-1])
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tj":
                strings = [operands[0]]
            elif operator == b"TJ":
                strings = [x for x in operands[0] if hasattr(x, "original_bytes")]
            else:
                continue
            for string in strings:
                data = string.original_bytes
                codes += [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
    return names, codes


@pytest.mark.tools
@pytest.mark.parametrize("locale", COVERED)
def test_pdf_embeds_a_glyph_for_every_character(
    scripts_build: tuple[Path, int, str], locale: str
) -> None:
    import pypdfium2 as pdfium

    pdf = scripts_build[0] / "build" / locale / "scripts.pdf"
    names, codes = pdf_fonts_and_codes(pdf)
    shipped = shipped_cmaps()
    assert names <= set(shipped), f"{locale}: a font tarjama does not ship: {names}"
    points = set().union(*(shipped[name] for name in names))
    assert codes and 0 not in codes, f"{locale}: the PDF draws .notdef (a missing glyph)"
    for sentence in sentences(locale):
        lacking = sorted(c for c in needed(sentence.replace("`", "")) if ord(c) not in points)
        assert not lacking, f"{locale}: {lacking} have no glyph in {names}"
    document = pdfium.PdfDocument(pdf)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    drawn = needed(text) - {"\ufffe"}  # pdfium's mark of a hyphenated line end
    assert not [c for c in drawn if ord(c) not in points], locale
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = document[len(document) - 1]  # the chapter
    image = page.render(scale=1.6).to_pil()
    image.crop((0, 0, image.width, image.height // 2)).save(ARTIFACTS / f"{locale}-pdf.png")
    page.close()
    document.close()


@pytest.mark.parametrize("locale", COVERED)
def test_epub_embeds_subset_fonts_with_every_character(
    scripts_build: tuple[Path, int, str], locale: str
) -> None:
    from fontTools.ttLib import TTFont

    with zipfile.ZipFile(scripts_build[0] / "build" / locale / "scripts.epub") as book:
        fonts = [n for n in book.namelist() if n.startswith("EPUB/fonts/")]
        points: set[int] = set()
        for name in fonts:
            font = TTFont(io.BytesIO(book.read(name)))
            points |= set(font.getBestCmap())
            assert font["maxp"].numGlyphs < 4000, f"{name} is not a subset"
        text = " ".join(
            html.unescape(re.sub(r"<[^>]+>", " ", book.read(n).decode("utf-8")))
            for n in book.namelist()
            if n.endswith(".xhtml")
        )
    for sentence in sentences(locale):
        assert sentence.split("`")[0].strip() in " ".join(text.split()) or locale == "th"
    lacking = sorted(c for c in needed(text) if ord(c) not in points)
    assert not lacking, f"{locale}: {lacking} have no glyph in {fonts}"


@pytest.mark.tools
def test_epubs_of_the_hardest_scripts_pass_epubcheck(
    scripts_build: tuple[Path, int, str],
) -> None:
    from tests.test_render_epub_pdf import epubcheck

    for locale in ("ja", "ur", "hi"):
        assert epubcheck(scripts_build[0] / "build" / locale / "scripts.epub") == [], locale


@pytest.mark.tools
def test_html_pages_render_every_script(scripts_build: tuple[Path, int, str]) -> None:
    require_tool("chromium")
    from tests.browser import browser

    build = scripts_build[0] / "build"
    css = (build / "assets" / "fonts.css").read_text("utf-8")
    assert "font-display: swap" in css and ".woff2" in css
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 760, "height": 420})
        for locale in COVERED:
            page.goto((build / locale / "reading.html").as_uri())
            page.evaluate("document.fonts.ready")
            # every @font-face the page uses was loaded from the subsets, none failed
            status = page.evaluate("[...document.fonts].map(f => f.family + ':' + f.status)")
            assert not [s for s in status if s.endswith(":error")], (locale, status)
            page.screenshot(path=str(ARTIFACTS / f"{locale}-html.png"), full_page=True)
