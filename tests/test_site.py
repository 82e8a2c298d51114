"""The site as search engines and feed readers see it: sitemap, feeds, hreflang, 404 pages.

One HTML build of the sample publication with ``base_url`` set, shared by the module;
every URL it names must be absolute and exist in ``build/``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

import tarjama
from tarjama.core.errors import ConfigError
from tests.conftest import copy_project

BASE = "https://example.org/defence/"
LOCALES = ["en", "ar", "fr", "tr", "ur", "ms"]
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "atom": "http://www.w3.org/2005/Atom",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def with_base_url(project: Path, base_url: str = BASE) -> Path:
    config = project / "tarjama.toml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("[project]\n", f'[project]\nbase_url = "{base_url}"\n', 1))
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample publication's HTML site, built with a base URL."""
    project = with_base_url(copy_project(tmp_path_factory.mktemp("site") / "sample"))
    config = tarjama.load_config(project)
    report = tarjama.build(config, locales=LOCALES, formats=["html"], progress=False)
    assert not report.errors, report.errors
    return project / "build"


def local(url: str, build: Path) -> Path:
    """The file in *build* that absolute *url* names."""
    assert url.startswith(BASE), f"{url} is not under {BASE}"
    return build / url.removeprefix(BASE)


class Links(HTMLParser):
    """The ``<link>`` elements of a page's head, as attribute dicts."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.metas: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link":
            self.links.append(values)
        elif tag == "meta":
            self.metas.append(values)


def head(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text("utf-8"))
    return parser


def pages(build: Path) -> Iterator[Path]:
    """Every HTML page of the site but the 404 pages."""
    yield build / "index.html"
    for locale in LOCALES:
        yield from sorted(p for p in (build / locale).glob("*.html") if p.name != "404.html")


def test_sitemap_lists_every_page_with_absolute_existing_alternates(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = set()
    for url in root.findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS) or ""
        assert local(loc, site).is_file(), loc
        listed.add(local(loc, site))
        alternates = url.findall("xhtml:link", NS)
        langs = [a.get("hreflang") for a in alternates]
        assert "x-default" in langs and len(langs) == len(set(langs)), loc
        for alt in alternates:
            assert alt.get("rel") == "alternate"
            assert local(alt.get("href") or "", site).is_file(), alt.get("href")
        assert loc in [a.get("href") for a in alternates] or loc == BASE + "index.html"
    assert listed == set(pages(site))
    assert (site / "robots.txt").read_text("utf-8").splitlines()[
        -1
    ] == f"Sitemap: {BASE}sitemap.xml"


@pytest.mark.parametrize("locale", LOCALES)
def test_each_locale_has_an_atom_feed_of_its_articles(site: Path, locale: str) -> None:
    feed = ET.parse(site / locale / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.get(XML_LANG) == locale
    assert feed.findtext("atom:id", namespaces=NS) == f"{BASE}{locale}/feed.xml"
    entries = feed.findall("atom:entry", NS)
    published = sorted(p for p in (site / locale).glob("*.html") if p.stem not in ("index", "404"))
    assert len(entries) == len(published) > 0
    dates = [e.findtext("atom:updated", namespaces=NS) or "" for e in entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    for entry in entries:
        link = entry.find("atom:link", NS)
        assert link is not None
        page = local(link.get("href") or "", site)
        title = entry.findtext("atom:title", namespaces=NS) or ""
        assert page.is_file() and f">{title}</h1>" in html.unescape(page.read_text("utf-8"))
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext("atom:published", namespaces=NS) or ""
        )
    for link in feed.findall("atom:link", NS):
        assert local(link.get("href") or "", site).is_file()
    # every page of the locale names its feed in its head
    for page in (site / locale).glob("*.html"):
        feeds = [x for x in head(page).links if x.get("type") == "application/atom+xml"]
        assert [x["href"] for x in feeds] == [f"{BASE}{locale}/feed.xml"], page


def test_arabic_feed_has_translated_titles(site: Path) -> None:
    text = (site / "ar" / "feed.xml").read_text("utf-8")
    assert "برامج المساعدات الدفاعية" in text


def test_hreflang_pairs_are_reciprocal_and_absolute(site: Path) -> None:
    graph: dict[str, set[tuple[str, str]]] = {}
    for page in pages(site):
        url = BASE + page.relative_to(site).as_posix()
        links = head(page).links
        alternates = {(x["hreflang"], x["href"]) for x in links if x.get("hreflang")}
        assert alternates, page
        for _, href in alternates:
            assert local(href, site).is_file(), (page, href)
        canonical = [x["href"] for x in links if x.get("rel") == "canonical"]
        assert canonical == [url]
        assert any(href == url for _, href in alternates), f"{url} does not name itself"
        assert sum(lang == "x-default" for lang, _ in alternates) == 1
        graph[url] = alternates
    pairs = 0
    for url, alternates in graph.items():
        for lang, href in alternates:
            if lang == "x-default" or href == url:
                continue
            assert any(h == url for _, h in graph[href]), f"{href} does not link back to {url}"
            pairs += 1
    assert pairs > 50


def test_pages_have_description_open_graph_and_dates(site: Path) -> None:
    page = site / "fr" / "defense-aid-programs.html"
    metas = {m.get("property") or m.get("name"): m.get("content") for m in head(page).metas}
    assert (metas["description"] or "").startswith("Comment les nations islamiques")
    assert metas["og:description"] == metas["description"]
    assert metas["og:type"] == "article" and metas["og:locale"] == "fr"
    assert metas["og:url"] == f"{BASE}fr/defense-aid-programs.html"
    assert metas["twitter:card"] == "summary"
    assert '<time datetime="2026-03-02">2 mars 2026</time>' in page.read_text("utf-8")
    icons = [x for x in head(page).links if x.get("rel") == "icon"]
    assert icons and (page.parent / icons[0]["href"]).resolve().is_file()


@pytest.mark.parametrize("locale", LOCALES)
def test_a_404_page_per_locale_with_absolute_links(site: Path, locale: str) -> None:
    page = (site / locale / "404.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in page
    assert f'href="{BASE}assets/style.css"' in page  # served at any depth
    assert f'href="{BASE}{locale}/index.html"' in page


def test_a_no_op_build_with_base_url_writes_nothing(site: Path) -> None:
    config = tarjama.load_config(site.parent)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    report = tarjama.build(config, locales=LOCALES, formats=["html"], progress=False)
    assert report.written == [] and not report.errors
    for stamp in (site.parent / ".cache").glob("fingerprint-*"):
        stamp.unlink()  # past the fingerprint: every job's key is compared
    report = tarjama.build(config, locales=LOCALES, formats=["html"], progress=False)
    assert report.written == []
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == before


def test_without_base_url_the_site_is_relative_and_the_build_says_what_it_left_out(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "sample")
    config = tarjama.load_config(project)
    report = tarjama.build(config, locales=["en", "fr"], formats=["html"], progress=False)
    assert any("no [project] base_url" in n and "sitemap.xml" in n for n in report.notes)
    build = project / "build"
    assert not (build / "sitemap.xml").exists() and not (build / "robots.txt").exists()
    assert not (build / "fr" / "feed.xml").exists()
    page = (build / "fr" / "defense-aid-programs.html").read_text("utf-8")
    assert 'rel="canonical"' not in page and "https://" not in page.split("</head>")[0]
    assert (
        '<link rel="alternate" hreflang="x-default" href="../en/defense-aid-programs.html">' in page
    )


def test_a_bad_base_url_is_a_config_error(tmp_path: Path) -> None:
    project = with_base_url(copy_project(tmp_path / "sample"), "example.org/x")
    with pytest.raises(ConfigError) as error:
        tarjama.load_config(project)
    assert error.value.exit_code == 3 and "base_url" in str(error.value)
    assert "tarjama.toml:" in str(error.value)


def test_many_locales_fold_the_switcher_into_a_menu(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "sample")
    config_file = project / "tarjama.toml"
    text = config_file.read_text("utf-8")
    many = '"ar", "fr", "tr", "ur", "ms", "de", "es", "fa", "ja"'
    config_file.write_text(text.replace('"ar", "fr", "tr", "ur", "ms"', many, 1), "utf-8")
    config = tarjama.load_config(project)
    locales = ["en", *config.locales]
    report = tarjama.build(config, locales=locales, formats=["html"], progress=False)
    assert not report.errors, report.errors
    page = (project / "build" / "fr" / "defense-aid-programs.html").read_text("utf-8")
    nav = page.split('<nav class="languages compact"', 1)[1].split("</nav>", 1)[0]
    assert "<details>" in nav and '<span lang="fr">Français</span></summary>' in nav
    # the locales without the article (nothing translated yet) lead to their index
    assert '<a href="../ja/index.html" hreflang="ja"><span lang="ja" dir="ltr">日本語</span>' in nav
    assert '<span lang="fa" dir="rtl">فارسی</span>' in nav


def test_the_index_lists_the_books_with_their_sizes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "sample")
    config = tarjama.load_config(project)
    report = tarjama.build(config, locales=["fr"], formats=["html", "epub", "pdf"], progress=False)
    assert not report.errors, report.errors
    build = project / "build" / "fr"
    index = (build / "index.html").read_text("utf-8")
    for book in (build / "defence-cooperation.epub", build / "defence-cooperation.pdf"):
        size = book.stat().st_size
        assert f'<a href="{book.name}" type="application/' in index
        shown = re.search(rf'{book.name}"[^>]*>[^<]*</a> <span class="size">\(([^)]*)\)', index)
        assert shown is not None, book.name
        digits = re.match(r"[\d.,]+", shown.group(1))
        assert digits is not None, shown.group(1)
        number = float(digits.group(0).replace(",", "."))
        unit, step = (1_000_000, 0.1) if "Mo" in shown.group(1) else (1000, 1)
        assert abs(number * unit - size) <= unit * step / 2, (shown.group(1), size)
