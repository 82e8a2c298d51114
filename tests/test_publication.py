"""A real publication: three levels of folders, links between articles in different folders
(with anchors), a per-locale image and articles without front matter, built in English and
Arabic to HTML, EPUB and PDF; every internal link is checked in each format."""

from __future__ import annotations

import ctypes
import importlib.util
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib
import pytest
from PIL import Image

from tests.conftest import DATA, require_tool, snapshot

Run = Callable[..., tuple[int, str, str]]
HANDBOOK = DATA / "handbook"
UNTRANSLATED = "history/modern/reforms"  # left out of the Arabic edition
RED, GREEN = (200, 30, 30), (30, 160, 60)


def png(color: tuple[int, int, int]) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (60, 30), color).save(data, format="PNG")
    return data.getvalue()


def make_handbook(target: Path) -> Path:
    """A copy of the test publication with its images (map.ar.png stands in for map.png
    in Arabic)."""
    project = Path(shutil.copytree(HANDBOOK, target))
    images = project / "source" / "geography" / "regions" / "images"
    images.mkdir(parents=True, exist_ok=True)  # git keeps no empty folder
    (images / "map.png").write_bytes(png(RED))
    (images / "map.ar.png").write_bytes(png(GREEN))
    return project


def translate(project: Path) -> None:
    """Arabic translations for every article but one (which is then left out)."""
    for path in sorted((project / "translations" / "ar").rglob("*.po")):
        domain = path.relative_to(project / "translations" / "ar").with_suffix("").as_posix()
        if domain in (UNTRANSLATED, "ui"):
            continue
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = "بالعربية: " + entry.msgid
        po.save(str(path))


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tarjama.cli import main

    project = make_handbook(tmp_path_factory.mktemp("publication") / "handbook")
    assert main(["-C", str(project), "-q", "extract"]) == 0
    assert main(["-C", str(project), "-q", "update"]) == 0
    translate(project)
    assert main(["-C", str(project), "-q", "update"]) == 0  # back to gettext's own layout
    assert main(["-C", str(project), "-q", "build"]) == 0
    return project


@pytest.mark.tools
def test_translations_mirror_the_tree_and_are_gettexts_own(handbook: Path) -> None:
    require_tool("msgfmt")
    translations = handbook / "translations"
    assert (translations / "history/modern/decades/sixties.pot").is_file()
    assert (translations / "ar/history/modern/decades/sixties.po").is_file()
    assert (translations / "about.pot").is_file() and (translations / "index.pot").is_file()
    for po in sorted(translations.rglob("*.po")):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    pot = polib.pofile(str(translations / "history/early-years.pot"))
    assert pot[0].occurrences == [("source/history/early-years.md", "2")]


def test_update_twice_changes_nothing(handbook: Path, run: Run) -> None:
    before = snapshot(handbook / "translations")
    assert run(handbook, "-q", "extract")[0] == 0
    assert run(handbook, "-q", "update")[0] == 0
    assert snapshot(handbook / "translations") == before


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name):
                self.refs.append((tag, str(values[name]), values))


def crawl(build: Path) -> dict[Path, _Page]:
    pages = {}
    for path in sorted(build.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text("utf-8"))
        pages[path] = page
    return pages


def test_every_internal_link_of_the_site_resolves(handbook: Path) -> None:
    build = handbook / "build"
    pages = crawl(build)
    broken, checked = [], 0
    for path, page in pages.items():
        for tag, ref, _ in page.refs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(build)}: <{tag}> {ref}: no file")
            elif parts.fragment and parts.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(build)}: <{tag}> {ref}: no anchor")
    assert broken == []
    assert checked > 200
    assert not any(".md" in ref for page in pages.values() for _, ref, _ in page.refs)


def test_sections_have_pages_and_a_navigation_tree(handbook: Path) -> None:
    build = handbook / "build"
    for locale in ("en", "ar"):
        for section in ("history", "history/modern", "history/modern/decades", "geography"):
            assert (build / locale / section / "index.html").is_file(), (locale, section)
    index = (build / "en" / "index.html").read_text("utf-8")
    order = [m for m in re.findall(r'<li class="(?:section|article)"><a href="([^"]+)"', index)]
    assert order == [
        "history/index.html",
        "history/early-years.html",
        "history/modern/index.html",
        "history/modern/reforms.html",
        "history/modern/decades/index.html",
        "history/modern/decades/sixties.html",
        "geography/index.html",
        "geography/regions/index.html",
        "geography/regions/north.html",
        "about.html",
        "conventions.html",
    ]
    section = (build / "ar" / "history" / "modern" / "index.html").read_text("utf-8")
    assert "بالعربية: Modern Times</h1>" in section
    assert '<a href="../../index.html">Field Handbook</a> › ' in section  # breadcrumb
    assert ">Decades</a>" in section  # a folder without index.md, named after the folder
    # the section's introduction comes from its index.md, translated
    # (its English words isolated as one left-to-right run in the right-to-left page)
    assert "بالعربية: <bdi>Modern times begin with" in section


def test_links_are_rewritten_per_locale_with_stable_anchors(handbook: Path) -> None:
    build = handbook / "build"
    early = (build / "ar" / "history" / "early-years.html").read_text("utf-8")
    assert '<a href="../geography/regions/north.html#rivers">' in early
    assert '<h2 id="causes">بالعربية: <bdi>Causes</bdi></h2>' in early  # the source anchor
    # a link to an article the Arabic edition leaves out goes to the English page, marked
    modern = (build / "ar" / "history" / "modern" / "index.html").read_text("utf-8")
    assert re.search(
        r'<a href="../../../en/history/modern/reforms.html" class="other-language"'
        r' hreflang="en">',
        modern,
    )
    assert not (build / "ar" / "history" / "modern" / "reforms.html").exists()
    sixties = (build / "en" / "history/modern/decades/sixties.html").read_text("utf-8")
    assert '<a href="../reforms.html#what-changed">' in sixties
    assert '<a href="../../../about.html">' in sixties


def test_articles_without_front_matter_take_their_title_from_the_first_heading(
    handbook: Path,
) -> None:
    build = handbook / "build"
    about = (build / "ar" / "about.html").read_text("utf-8")
    assert "<h1>بالعربية: About this handbook</h1>" in about
    # the <title>, og:title and the <h1>, not the body
    assert about.count("About this handbook") == 3
    conventions = (build / "en" / "conventions.html").read_text("utf-8")
    assert "<h1>Conventions</h1>" in conventions and "<hr />" in conventions
    assert 'class="date"' in conventions  # [project] date stands in for it


def test_each_locale_has_its_own_image(handbook: Path) -> None:
    build = handbook / "build"
    images = handbook / "source/geography/regions/images"
    relative = "geography/regions/images/map.png"
    assert (build / "en" / relative).read_bytes() == (images / "map.png").read_bytes()
    assert (build / "ar" / relative).read_bytes() == (images / "map.ar.png").read_bytes()
    for locale, expected in (("en", "map.png"), ("ar", "map.ar.png")):
        with zipfile.ZipFile(build / locale / "handbook.epub") as book:
            # beside the chapters, at the path the chapter names; the cover apart
            media = [n for n in book.namelist() if n.endswith(".png") and "/cover." not in n]
            assert media == [f"EPUB/text/{relative}"]
            assert book.read(media[0]) == (images / expected).read_bytes()


@pytest.mark.tools
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_epub_has_parts_and_chapters_and_passes_epubcheck(handbook: Path, locale: str) -> None:
    from tests.test_render_epub_pdf import epubcheck

    book = handbook / "build" / locale / "handbook.epub"
    assert epubcheck(book) == []
    with zipfile.ZipFile(book) as epub:
        nav = epub.read("EPUB/nav.xhtml").decode("utf-8")
        texts = {n: epub.read(n).decode("utf-8") for n in epub.namelist() if "/text/ch" in n}
    toc = re.findall(r'<a href="text/(ch\d+\.xhtml)#([^"]+)">', nav)
    ids = [ident for _, ident in toc]
    assert ids.index("history-index") < ids.index("history-early-years")
    assert ids.index("part-history-modern-decades") < ids.index("history-modern-decades-sixties")
    assert ids.index("geography-index") < ids.index("part-geography-regions")
    # every link between chapters points to an element that exists
    links = [
        (name, target)
        for name, text in texts.items()
        for target in re.findall(r'<a href="(ch\d+\.xhtml#[^"]+)"', text)
    ]
    assert len(links) >= 8
    for name, target in links:
        file, anchor = target.split("#")
        assert f'id="{anchor}"' in texts[f"EPUB/text/{file}"], (name, target)


@pytest.mark.tools
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_pdf_links_are_internal_and_resolve(handbook: Path, locale: str) -> None:
    require_tool("pypdfium2", importlib.util.find_spec("pypdfium2") is not None)
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(handbook / "build" / locale / "handbook.pdf")
    pages, targets = len(pdf), []
    for index in range(pages):
        page = pdf[index]  # kept alive while its raw handle is in use
        position, link = ctypes.c_int(0), pdfium_c.FPDF_LINK()
        while pdfium_c.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
            dest = pdfium_c.FPDFLink_GetDest(pdf.raw, link)
            action = pdfium_c.FPDFLink_GetAction(link)
            if not dest and action:
                dest = pdfium_c.FPDFAction_GetDest(pdf.raw, action)
            assert dest, f"page {index + 1}: a link that leads nowhere in the book"
            targets.append(pdfium_c.FPDFDest_GetDestPageIndex(pdf.raw, dest))
    assert len(targets) >= 10  # the contents and the links between articles
    assert all(0 <= target < pages for target in targets)
    # the outline has the parts, and the chapters under them
    text = ""
    for index in range(pages):
        page = pdf[index]
        text += page.get_textpage().get_text_range()
    heading = "History" if locale == "en" else "بالعربية: History"
    assert heading in text and "Decades" in text


def test_a_link_to_a_missing_article_is_a_warning_naming_its_line(tmp_path: Path, run: Run) -> None:
    project = make_handbook(tmp_path / "handbook")
    source = project / "source" / "history" / "early-years.md"
    source.write_text(
        source.read_text("utf-8").replace("(../geography/regions/north.md)", "(lost.md#x)"),
        "utf-8",
    )
    assert run(project, "-q", "extract")[0] == 0
    code, _, err = run(project, "-q", "build", "--format", "html", "--locale", "en")
    assert code == 0
    assert err.strip().splitlines()[0] == (
        "source/history/early-years.md:11: warning: link 'lost.md#x': there is no article "
        "source/history/lost.md; it is shown as its text"
    )
    page = (project / "build" / "en" / "history" / "early-years.html").read_text("utf-8")
    assert "lost" not in page  # the link's text stays, the link goes
    code, _, err = run(project, "-q", "build", "--strict", "--format", "html", "--locale", "en")
    assert code == 1 and "--strict" in err


def test_a_draft_locale_is_built_but_not_offered(tmp_path: Path, run: Run) -> None:
    project = make_handbook(tmp_path / "handbook")
    config = project / "tarjama.toml"
    config.write_text(
        config.read_text("utf-8").replace('locales = ["ar"]', 'locales = ["ar", "fr"]')
        + "\n[locales.fr]\ndraft = true\nmin_translated = 0\n\n[locales.ar]\nmin_translated = 0\n",
        "utf-8",
    )
    assert run(project, "-q", "extract")[0] == 0
    assert run(project, "-q", "build", "--format", "html")[0] == 0
    build = project / "build"
    assert (build / "fr" / "history" / "early-years.html").is_file()  # min_translated = 0
    page = (build / "en" / "history" / "early-years.html").read_text("utf-8")
    assert 'hreflang="ar"' in page and 'hreflang="fr"' not in page
    assert 'href="fr/index.html"' not in (build / "index.html").read_text("utf-8")


def test_stats_roll_up_per_section(handbook: Path, run: Run) -> None:
    import json

    code, out, _ = run(handbook, "stats", "--format", "json")
    assert code == 0
    rows = {row["domain"]: row for row in json.loads(out)}
    modern = rows["history/modern/"]
    parts = [rows[d] for d in rows if d.startswith("history/modern/") and not d.endswith("/")]
    assert modern["words"] == sum(row["words"] for row in parts)
    assert 0 < modern["percent"] < 100  # the reforms are untranslated, the rest is not
    assert rows["geography/"]["percent"] == 100.0
    domains = list(rows)
    assert domains.index("history/index") < domains.index("history/early-years")
    assert domains.index("history/early-years") < domains.index("geography/index")
