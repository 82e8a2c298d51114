"""Books of the sample publication as a publisher and a store see them: front matter,
accessibility (EPUBCheck and DAISY Ace for every locale), PDF/UA metadata, a content
derived ``dcterms:modified``, and chapters converted once. Real tools only."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tarjama.catalog.checks import check_pair
from tests.conftest import ROOT, require_tool
from tests.test_render_epub_pdf import epubcheck, page_texts

LOCALES = ["en", "ar", "fr", "tr", "ur", "ms"]
NAME = "defence-cooperation"
ACE = ROOT / ".node" / "node_modules" / ".bin" / "ace-puppeteer"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tarjama.cli import main
    from tests.conftest import copy_project

    sample = copy_project(tmp_path_factory.mktemp("books") / "sample")
    assert main(["-C", str(sample), "-q", "build", "--format", "epub,pdf"]) == 0
    return sample


def opf(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return book.read("EPUB/content.opf").decode("utf-8")


@pytest.mark.tools
@pytest.mark.parametrize("locale", LOCALES)
def test_every_epub_passes_epubcheck_and_ace(project: Path, locale: str, tmp_path: Path) -> None:
    book = project / "build" / locale / f"{NAME}.epub"
    assert epubcheck(book) == []
    require_tool("DAISY Ace (make node-deps)", ACE.is_file())
    require_tool("chromium")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": shutil.which("chromium") or ""}
    cmd = [str(ACE), "--silent", "--outdir", str(tmp_path / "ace"), "--force", str(book)]
    subprocess.run(cmd, env=env, capture_output=True, timeout=240, check=False)
    report = json.loads((tmp_path / "ace" / "report.json").read_text("utf-8"))
    problems = [
        (a["earl:test"]["dct:title"], a["earl:result"].get("dct:description", ""))
        for subject in report["assertions"]
        for a in subject["assertions"]
    ]
    assert problems == [] and report["earl:result"]["earl:outcome"] == "pass"


@pytest.mark.tools
def test_epub_metadata_front_matter_and_landmarks(project: Path) -> None:
    book = project / "build" / "ar" / f"{NAME}.epub"
    meta = opf(book)
    for expected in (
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
        '<meta property="schema:accessibilityHazard">none</meta>',
        '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>',
        "<dc:creator",
        "<dc:publisher>دار ترجمة للنشر (نموذج)</dc:publisher>",  # translated in ui.po
        "<dc:rights>© 2026",
        '<dc:identifier id="isbn">urn:isbn:9780000000019</dc:identifier>',
        'properties="cover-image"',
    ):
        assert expected in meta, expected
    assert re.search(r'accessibilitySummary">[^<]*WCAG 2\.1', meta)
    with zipfile.ZipFile(book) as zipped:
        nav = zipped.read("EPUB/nav.xhtml").decode("utf-8")
        copyright_page = zipped.read("EPUB/text/copyright.xhtml").decode("utf-8")
        title_page = zipped.read("EPUB/text/title_page.xhtml").decode("utf-8")
    assert 'epub:type="bodymatter">بداية المحتوى</a>' in nav
    assert 'epub:type="cover"' in nav and 'epub:type="copyright-page"' in nav
    assert "ردمك" in copyright_page and "978-0-00-000001-9" in copyright_page
    assert "الطبعة الأولى، 2026" in title_page and "محررو" in title_page


def _modified(book: Path) -> str:
    found = re.search(r'"dcterms:modified">([^<]+)<', opf(book))
    assert found
    return found.group(1)


@pytest.mark.tools
def test_modified_follows_the_content(project: Path) -> None:
    from tarjama.catalog.pofile import read_po, write_po
    from tarjama.cli import main

    book = project / "build" / "fr" / f"{NAME}.epub"
    before, data = _modified(book), book.read_bytes()
    assert main(["-C", str(project), "-q", "build", "-l", "fr", "--format", "epub"]) == 0
    assert book.read_bytes() == data  # unchanged content: the same bytes, the same date
    po_file = sorted((project / "translations" / "fr").glob("defense-*.po"))[0]
    po = read_po(po_file)
    entry = next(e for e in po if e.msgstr and not e.obsolete and "type: paragraph" in e.comment)
    entry.msgstr += " (corrigé)"
    write_po(po_file, po)
    assert main(["-C", str(project), "-q", "build", "-l", "fr", "--format", "epub,pdf"]) == 0
    assert _modified(book) != before and _modified(book)[:10] == before[:10]


@pytest.mark.tools
def test_pdf_metadata_and_front_pages(project: Path) -> None:
    import pypdfium2 as pdfium

    pdf = project / "build" / "fr" / f"{NAME}.pdf"
    meta = pdfium.PdfDocument(pdf).get_metadata_dict()
    assert meta["Title"] == "Coopération de défense"
    assert meta["Author"] == "La rédaction de Coopération de défense"
    assert "coopération de défense" in meta["Keywords"]
    assert meta["Subject"].startswith("Cinq articles")
    data = pdf.read_bytes()
    assert b"pdfuaid:part" in data  # PDF/UA-1 identification, written by Typst's export
    texts = page_texts(pdf)
    assert "Première édition, 2026" in texts[1]  # the title page
    assert "978-0-00-000002-6" in texts[2] and "Éditions Tarjama" in texts[2]  # copyright
    # running headers: the book's title on even pages, a chapter's on odd ones
    headers = [t.split("\r\n")[0] for t in texts[5:12]]
    assert any("Coopération de défense" in h for h in headers), headers


def test_an_image_without_alternative_text_is_a_check_warning() -> None:
    assert check_pair("See ![](map.png).", "Voir ![](map.png).") == [
        (
            "alt-text",
            "warning",
            "an image has no alternative text: the PDF (PDF/UA) and the EPUB show it as"
            " decorative; write what it shows between the brackets: ![A map of ...](...)",
        )
    ]
    assert check_pair("See ![A map](map.png).", "Voir ![Une carte](map.png).") == []


@pytest.mark.tools
def test_a_changed_entry_converts_only_its_chapter(project: Path) -> None:
    cache = next((project / ".cache").glob("books-*"))
    files = {p: p.stat().st_mtime_ns for p in (cache / "fr-xhtml").iterdir()}
    assert len(files) == 5  # one per chapter
    from tarjama.catalog.pofile import read_po, write_po
    from tarjama.cli import main

    po_file = sorted((project / "translations" / "fr").glob("defense-*.po"))[-1]
    po = read_po(po_file)
    entry = next(e for e in po if e.msgstr and not e.obsolete and "type: paragraph" in e.comment)
    entry.msgstr = "« " + entry.msgstr
    write_po(po_file, po)
    assert main(["-C", str(project), "-q", "build", "-l", "fr", "--format", "epub"]) == 0
    after = {p: p.stat().st_mtime_ns for p in (cache / "fr-xhtml").iterdir()}
    assert len(after) == 5 and len(set(after) - set(files)) == 1


NOTES = {
    "en": "Defence aid here means training, equipment and the transfer of technology.",
    "ar": "يُقصد بالمساعدات الدفاعية هنا التدريب والمعدات ونقل التكنولوجيا.",
    "ur": "یہاں دفاعی امداد سے مراد تربیت، سازوسامان اور ٹیکنالوجی کی منتقلی ہے (SIPRI)۔",
    "fr": "L’aide à la défense désigne ici la formation, l’équipement et les transferts.",
}
# What finds the note in a page's extracted text: pdfium reads Nastaliq's stacked
# ligatures back as scattered letters, so the Urdu note is found by its Latin word.
NOTE_MARK = {"ar": NOTES["ar"][:25], "fr": NOTES["fr"][:25], "ur": "SIPRI"}
SENTENCE = "One such strategic pillar under the scope of defense diplomacy is Defense Aid Programs."


def _add_footnote(project: Path) -> None:
    """A footnote in the first article, translated in ar, ur and fr as a translator would."""
    from tarjama.catalog.pofile import read_po, write_po
    from tarjama.cli import main

    source = project / "source" / "defense-aid-programs.md"
    text = source.read_text("utf-8").replace(SENTENCE, SENTENCE + "[^aid]", 1)
    source.write_text(text + f"\n[^aid]: {NOTES['en']}\n", "utf-8")
    assert main(["-C", str(project), "-q", "extract"]) == 0
    assert main(["-C", str(project), "-q", "update", "-l", "ar", "-l", "ur", "-l", "fr"]) == 0
    for locale in ("ar", "ur", "fr"):
        po_file = project / "translations" / locale / "defense-aid-programs.po"
        po = read_po(po_file)
        for entry in po:
            if entry.msgid == NOTES["en"]:
                entry.msgstr = NOTES[locale]
            elif SENTENCE + "[^aid]" in entry.msgid and entry.previous_msgid:
                entry.msgstr = entry.msgstr.rstrip() + "[^aid]"
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
        write_po(po_file, po)


@pytest.mark.tools
def test_page_images_of_the_arabic_urdu_and_french_books(tmp_path: Path) -> None:
    """Title, copyright, contents, a chapter opening and the footnote page of three books,
    as PNG in tests/artifacts/books/ (for a person to look at)."""
    import pypdfium2 as pdfium

    from tarjama.cli import main
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "sample")
    _add_footnote(project)
    args = ["-C", str(project), "-q", "build", "-l", "ar", "-l", "ur", "-l", "fr"]
    assert main([*args, "--format", "pdf"]) == 0
    out = ROOT / "tests" / "artifacts" / "books"
    out.mkdir(parents=True, exist_ok=True)
    for locale in ("ar", "ur", "fr"):
        pdf = project / "build" / locale / f"{NAME}.pdf"
        texts = [" ".join(t.split()) for t in page_texts(pdf)]
        note = next(i for i, t in enumerate(texts) if NOTE_MARK[locale] in t)
        # the cover, the title page, its back, the contents, then the first chapter
        pages = {"title": 1, "copyright": 2, "contents": 3, "chapter": 4, "footnote": note}
        document = pdfium.PdfDocument(pdf)
        for name, index in pages.items():
            image = document[index].render(scale=1.5).to_pil()
            image.save(out / f"{locale}-{name}.png")
        assert note >= 4 and NOTE_MARK[locale] not in texts[note - 1]


@pytest.mark.tools
def test_preview_with_books_rebuilds_the_pdf_with_a_warm_compiler(tmp_path: Path) -> None:
    from tarjama.catalog.pofile import read_po, write_po
    from tarjama.core.config import load_config
    from tarjama.publish.preview import PreviewSite
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "sample")
    site = PreviewSite(load_config(project), ["en", "fr"], log=lambda s: None, books=True)
    site.build()
    pdf = project / ".cache" / "preview" / "fr" / f"{NAME}.pdf"
    assert "corrigé" not in " ".join(page_texts(pdf))
    po_file = sorted((project / "translations" / "fr").glob("defense-*.po"))[0]
    po = read_po(po_file)
    entry = next(e for e in po if e.msgstr and not e.obsolete and "type: paragraph" in e.comment)
    entry.msgstr += " (corrigé)"
    write_po(po_file, po)
    site.build()
    assert site.errors == {}
    assert "corrigé" in " ".join(page_texts(pdf))
    assert (project / ".cache" / "preview" / "fr" / f"{NAME}.epub").is_file()


@pytest.mark.tools
def test_pdf_a_2b_is_a_config_choice(tmp_path: Path) -> None:
    import dataclasses

    from tarjama.render.pdf.book import render_pdf
    from tests.test_render_epub_pdf import TEMPLATES, french

    edition = french()
    archival = dataclasses.replace(edition, front=dataclasses.replace(edition.front, archival=True))
    render_pdf(edition, tmp_path / "ua.pdf", templates=TEMPLATES)
    render_pdf(archival, tmp_path / "a.pdf", templates=TEMPLATES)
    assert b"pdfaid:part" not in (tmp_path / "ua.pdf").read_bytes()
    data = (tmp_path / "a.pdf").read_bytes()
    assert b"pdfaid:part" in data and b"pdfuaid:part" in data
