"""The site features on a publication with sections: links from nested pages.

The test publication (three levels of folders) with a base URL, in English, Arabic (which
leaves out one article) and French (which leaves out another): the sitemap, the feeds,
``hreflang`` and canonical links, the switcher, previous/next across sections and the
search bundle must all hold from ``fr/history/modern/decades/sixties.html`` as from a
top-level page.
"""

from __future__ import annotations

import functools
import http.server
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import polib
import pytest

import tarjama
from tests.conftest import require_tool
from tests.test_publication import UNTRANSLATED, make_handbook, translate
from tests.test_site import NS, head

BASE = "https://example.org/handbook/"
LOCALES = ["en", "ar", "fr"]
LEFT_OUT_IN_FRENCH = "history/early-years"
NESTED = "history/modern/decades/sixties"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tarjama.cli import main

    project = make_handbook(tmp_path_factory.mktemp("sections") / "handbook")
    config = project / "tarjama.toml"
    text = config.read_text("utf-8").replace('locales = ["ar"]', 'locales = ["ar", "fr"]')
    config.write_text(text.replace("[project]\n", f'[project]\nbase_url = "{BASE}"\n', 1))
    assert main(["-C", str(project), "-q", "extract"]) == 0
    assert main(["-C", str(project), "-q", "update"]) == 0
    translate(project)
    for path in sorted((project / "translations" / "fr").rglob("*.po")):
        domain = path.relative_to(project / "translations" / "fr").with_suffix("").as_posix()
        if domain not in (LEFT_OUT_IN_FRENCH, "ui"):
            po = polib.pofile(str(path))
            for entry in po:
                entry.msgstr = "En français : " + entry.msgid
            po.save(str(path))
    report = tarjama.build(
        tarjama.load_config(project), locales=LOCALES, formats=["html"], progress=False
    )
    assert not report.errors, report.errors
    return project / "build"


def local(url: str, build: Path) -> Path:
    assert url.startswith(BASE), f"{url} is not under {BASE}"
    return build / url.removeprefix(BASE)


def pages(build: Path) -> set[Path]:
    """Every page of the site but the 404 pages (section pages included)."""
    return {p for p in build.rglob("*.html") if p.name != "404.html"}


class Anchors(HTMLParser):
    """The ``<a>`` elements of a page, as attribute dicts."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "div"):
            self.found.append({k: v or "" for k, v in attrs})


def anchors(page: Path) -> list[dict[str, str]]:
    parser = Anchors()
    parser.feed(page.read_text("utf-8"))
    return parser.found


def switcher(page: Path) -> dict[str, dict[str, str]]:
    """The language switcher's links of *page*, by ``hreflang``."""
    text = page.read_text("utf-8")
    start = text.index('<nav class="languages')
    parser = Anchors()
    parser.feed(text[start : text.index("</nav>", start)])
    return {a["hreflang"]: a for a in parser.found if "hreflang" in a}


def test_the_sitemap_lists_every_page_and_section_page(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = set()
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS) or ""
        listed.add(local(loc, site))
        for alt in url.findall("xhtml:link", NS):
            assert local(alt.get("href") or "", site).is_file(), alt.get("href")
    assert listed == pages(site)
    assert site / "fr" / "history" / "modern" / "index.html" in listed


def test_nested_pages_have_reciprocal_hreflang_and_their_own_canonical(site: Path) -> None:
    graph = {}
    for page in pages(site) - {site / "index.html"}:
        url = BASE + page.relative_to(site).as_posix()
        links = head(page).links
        alternates = {(x["hreflang"], x["href"]) for x in links if x.get("hreflang")}
        assert [x["href"] for x in links if x.get("rel") == "canonical"] == [url]
        assert any(href == url for _, href in alternates), url
        for _, href in alternates:
            assert local(href, site).is_file(), (page, href)
        graph[url] = alternates
    for url, alternates in graph.items():
        for lang, href in alternates:
            if lang != "x-default" and href in graph:
                assert any(h == url for _, h in graph[href]), f"{href} does not name {url}"
    # a page French leaves out has no French alternate
    early = {lang for lang, _ in graph[f"{BASE}en/{LEFT_OUT_IN_FRENCH}.html"]}
    assert early == {"en", "ar", "x-default"}


def test_feeds_list_the_articles_not_the_section_pages(site: Path) -> None:
    for locale in LOCALES:
        feed = ET.parse(site / locale / "feed.xml").getroot()
        links = feed.findall("atom:entry/atom:link", NS)
        urls = {link.get("href") for link in links}
        articles = {
            BASE + p.relative_to(site).as_posix()
            for p in pages(site)
            if p.is_relative_to(site / locale) and p.name != "index.html"
        }
        assert urls == articles, locale


def test_links_from_a_nested_page_lead_up_the_right_number_of_folders(site: Path) -> None:
    page = site / "fr" / f"{NESTED}.html"
    found = anchors(page)
    languages = switcher(page)
    assert languages["en"]["href"] == f"../../../../en/{NESTED}.html"
    assert languages["ar"]["href"] == f"../../../../ar/{NESTED}.html"
    assert "aria-current" in languages["fr"]
    bundles = next(a["data-bundles"] for a in found if "data-bundles" in a)
    assert bundles == "../../../pagefind/bundles.json"
    assert (page.parent / bundles).resolve().is_file()
    for a in found:
        href = a.get("href", "")
        if href and not href.startswith(("http", "#")):
            assert (page.parent / href.split("#")[0]).resolve().is_file(), href
    text = page.read_text("utf-8")
    assert 'href="../../../../assets/style.css"' in text


def test_the_switcher_of_an_article_french_lacks_leads_to_the_french_index(site: Path) -> None:
    languages = switcher(site / "en" / f"{LEFT_OUT_IN_FRENCH}.html")
    assert languages["fr"]["href"] == "../../fr/index.html"
    assert [lang for lang, a in languages.items() if "aria-current" in a] == ["en"]
    # a section page: every locale has the section
    languages = switcher(site / "ar" / "history" / "modern" / "index.html")
    assert languages["fr"]["href"] == "../../../fr/history/modern/index.html"


def test_previous_and_next_follow_the_tree_across_sections(site: Path) -> None:
    for locale, left_out in (("ar", UNTRANSLATED), ("fr", LEFT_OUT_IN_FRENCH)):
        feed = ET.parse(site / locale / "feed.xml").getroot()
        count = len(feed.findall("atom:entry", NS))
        first = site / locale / "history" / "early-years.html"
        page = first if first.is_file() else site / locale / "history/modern/reforms.html"
        seen = [page]
        while True:
            following = [a for a in anchors(page) if a.get("rel") == "next"]
            if not following:
                break
            page = (page.parent / following[0]["href"]).resolve()
            assert page.is_file() and page not in seen
            back = [a for a in anchors(page) if a.get("rel") == "prev"]
            assert (page.parent / back[0]["href"]).resolve() == seen[-1]
            seen.append(page)
        assert len(seen) == count, locale  # every article, once
        assert site / locale / f"{left_out}.html" not in seen


def test_a_no_op_build_of_sections_writes_nothing(site: Path) -> None:
    config = tarjama.load_config(site.parent)
    for stamp in (site.parent / ".cache").glob("fingerprint-*"):
        stamp.unlink()  # past the fingerprint: every job's key is compared
    report = tarjama.build(config, locales=LOCALES, formats=["html"], progress=False)
    assert report.written == [] and not report.errors


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    require_tool("chromium")
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.tools
@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_search_from_a_nested_page_finds_and_opens_an_article(served: str, locale: str) -> None:
    from tests.browser import browser

    with browser() as chromium:
        page = chromium.new_page()
        page.goto(f"{served}{locale}/{NESTED}.html")
        page.fill("#search-input", "reforms")
        page.wait_for_selector("#search-results li a", timeout=10_000)
        hrefs = [a.get_attribute("href") for a in page.query_selector_all("#search-results li a")]
        assert all(h.startswith(f"{served}{locale}/") for h in hrefs), hrefs
        page.click("#search-results li a")
        page.wait_for_load_state()
        assert page.url in hrefs and page.evaluate("document.documentElement.lang") == locale
        assert page.query_selector("article h1") is not None
