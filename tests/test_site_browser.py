"""The site in a real browser (the system Chromium): search, navigation, switcher, axe-core.

The HTML site of the sample publication is built once and served from ``build/`` by a
plain static server on 127.0.0.1, as a reader without network would serve it.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tarjama
from tests.conftest import ROOT, copy_project, require_tool

LOCALES = ["en", "ar", "fr", "tr", "ur", "ms"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
BAD = ("serious", "critical")


pytestmark = pytest.mark.tools  # a real Chromium


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The built site and the URL it is served at."""
    require_tool("chromium")
    project = copy_project(tmp_path_factory.mktemp("browser") / "sample")
    config = tarjama.load_config(project)
    report = tarjama.build(config, locales=LOCALES, formats=["html"], progress=False)
    assert not report.errors, report.errors
    build = project / "build"
    handler = functools.partial(Quiet, directory=str(build))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield build, f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def chromium(served: tuple[Path, str]) -> Iterator[Any]:
    from tests.browser import browser

    with browser() as instance:
        yield instance


def search(page: Any, word: str) -> list[str]:
    """Type *word* into the page's search box; the result links' URLs."""
    page.fill("#search-input", word)
    page.wait_for_selector("#search-results li a", timeout=10_000)
    return [a.get_attribute("href") for a in page.query_selector_all("#search-results li a")]


@pytest.mark.parametrize(
    ("locale", "word", "slug"),
    [
        ("ar", "الدبلوماسية", "defense-aid-programs"),
        ("fr", "diplomatie", "defense-aid-programs"),
    ],
)
def test_search_finds_the_article_in_its_locale(
    served: tuple[Path, str], chromium: Any, locale: str, word: str, slug: str
) -> None:
    _, url = served
    page = chromium.new_page()
    page.goto(f"{url}{locale}/index.html")
    assert page.is_visible("#search-input")
    found = search(page, word)
    assert f"{url}{locale}/{slug}.html" in found, found
    assert all(href.startswith(f"{url}{locale}/") for href in found)  # its own locale only
    status = page.text_content("#search-status") or ""
    assert word in status and ("نتائج" in status if locale == "ar" else "Résultats" in status)
    direction = page.evaluate(
        "getComputedStyle(document.querySelector('#search-results')).direction"
    )
    assert direction == ("rtl" if locale == "ar" else "ltr")
    page.click(f"#search-results a[href$='{slug}.html']")
    assert page.url == f"{url}{locale}/{slug}.html"
    page.close()


def test_search_says_when_nothing_is_found(served: tuple[Path, str], chromium: Any) -> None:
    _, url = served
    page = chromium.new_page()
    page.goto(f"{url}fr/index.html")
    page.fill("#search-input", "xylophonequinexistepas")
    page.wait_for_function("document.querySelector('#search-status').textContent.length > 0")
    assert "Aucun résultat" in (page.text_content("#search-status") or "")
    page.close()


def test_previous_next_and_table_of_contents(served: tuple[Path, str], chromium: Any) -> None:
    _, url = served
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{url}fr/defense-aid-programs.html")  # the first article: no "previous"
    assert page.query_selector("a[rel=prev]") is None
    page.click("a[rel=next]")
    assert page.url.endswith("/fr/international-security-assistance.html")  # order: 2
    page.click("a[rel=prev]")
    assert page.url.endswith("/fr/defense-aid-programs.html")
    assert page.evaluate("document.querySelector('nav.toc details').open")
    links = page.query_selector_all("nav.toc a")
    assert len(links) >= 3
    target = links[1].get_attribute("href") or ""
    links[1].click()
    page.wait_for_function("location.hash.length > 1")
    heading = page.evaluate(
        "(id) => document.getElementById(decodeURIComponent(id)).getBoundingClientRect().top",
        target[1:],
    )
    assert 0 <= heading < 100  # scrolled to the heading
    page.close()
    narrow = chromium.new_page(viewport={"width": 390, "height": 800})
    narrow.goto(f"{url}fr/defense-aid-programs.html")
    assert not narrow.evaluate("document.querySelector('nav.toc details').open")
    narrow.click("nav.toc summary")
    assert narrow.is_visible("nav.toc a")
    narrow.close()


def test_the_switcher_leads_to_the_index_of_a_locale_without_the_article(
    served: tuple[Path, str], chromium: Any
) -> None:
    _, url = served
    page = chromium.new_page()
    page.goto(f"{url}ar/defense-aid-programs.html")
    current = page.query_selector_all("nav.languages a[aria-current=page]")
    assert [a.get_attribute("hreflang") for a in current] == ["ar"]
    assert page.get_attribute("nav.languages a[hreflang=ms] span[lang]", "lang") == "ms"
    page.click("nav.languages a[hreflang=ms]")  # Malay leaves this article out
    page.wait_for_url(f"{url}ms/index.html")
    page.wait_for_load_state("domcontentloaded")  # (the new document, not the one leaving)
    assert page.evaluate("document.documentElement.lang") == "ms"
    page.close()


def test_the_keyboard_reaches_skip_link_search_switcher_and_contents(
    served: tuple[Path, str], chromium: Any
) -> None:
    _, url = served
    page = chromium.new_page()
    page.goto(f"{url}ar/defense-aid-programs.html")
    reached = []
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.id || e.className || e.closest('nav')?.className || e.tagName; })()"
            )
        )
    assert reached[0] == "skip"
    reached = reached[: reached.index("skip", 1)] if "skip" in reached[1:] else reached
    assert "search-input" in reached
    assert reached.count("languages") == len(LOCALES)  # every language in the switcher
    assert "toc" in reached  # and the table of contents
    page.keyboard.press("Shift+Tab")
    page.close()


def axe_violations(page: Any) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in BAD
    ]


def test_axe_does_report_a_broken_page(chromium: Any) -> None:
    require_tool("axe-core", AXE.is_file())
    page = chromium.new_page()
    page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    found = axe_violations(page)
    assert any(v.startswith("image-alt") for v in found), found
    assert any(v.startswith("html-has-lang") for v in found), found
    page.close()


def test_axe_finds_no_serious_or_critical_violation_on_any_page(
    served: tuple[Path, str], chromium: Any
) -> None:
    require_tool("axe-core", AXE.is_file())
    build, url = served
    names = sorted(p.relative_to(build).as_posix() for p in build.rglob("*.html"))
    assert len(names) > 30
    found = {}
    for scheme, width in (("light", 1280), ("dark", 390)):
        context = chromium.new_context(
            color_scheme=scheme, viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        for name in (
            names if scheme == "light" else ["ar/defense-aid-programs.html", "fr/index.html"]
        ):
            page.goto(url + name)
            page.wait_for_load_state("load")
            violations = axe_violations(page)
            if violations:
                found[f"{scheme} {name}"] = violations
        context.close()
    assert not found, found


def test_screenshots_of_the_arabic_and_french_article(
    served: tuple[Path, str], chromium: Any
) -> None:
    _, url = served
    ARTIFACTS.mkdir(exist_ok=True)
    for locale in ("ar", "fr"):
        for width in (1280, 390):
            page = chromium.new_page(viewport={"width": width, "height": 1000})
            page.goto(f"{url}{locale}/defense-aid-programs.html")
            page.evaluate("document.fonts.ready")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{locale} at {width}px scrolls sideways by {overflow}px"
            shot = ARTIFACTS / f"site-{locale}-{width}.png"
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 10_000
            page.close()


def test_italics_use_real_italic_faces(served: tuple[Path, str], chromium: Any) -> None:
    build, url = served
    sample = build / "en" / "italic-sample.html"
    sample.write_text(
        '<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="../assets/style.css">'
        '<link rel="stylesheet" href="../assets/fonts.css"></head>'
        "<body><p><em>Latin italic</em></p>"
        '<p lang="ar" dir="rtl"><em>نص مائل</em></p></body></html>',
        "utf-8",
    )
    try:
        page = chromium.new_page()
        page.goto(f"{url}en/italic-sample.html")
        page.evaluate("document.fonts.ready")
        loaded = page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded' && f.style === 'italic')"
            ".map(f => f.family.replaceAll('\"', ''))"
        )
        assert sorted(set(loaded)) == ["Amiri", "Noto Serif"]
        assert (
            page.evaluate("getComputedStyle(document.body).fontSynthesis")
            in (
                "none",
                "",
            )
            or page.evaluate("getComputedStyle(document.body).fontSynthesisStyle") == "none"
        )
        page.close()
    finally:
        sample.unlink()


def test_search_merges_a_locales_bundles(
    tmp_path: Path, chromium: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A locale's index is split in bundles (an edit re-indexes one); the search box merges
    them all: a word in every article finds every article, whichever bundle has it."""
    from tarjama.publish.outputs import search as bundles

    monkeypatch.setattr(bundles, "CHUNK", 1)  # a bundle per page, about
    project = copy_project(tmp_path / "sample")
    config = tarjama.load_config(project)
    report = tarjama.build(config, locales=["fr"], formats=["html"], progress=False)
    assert not report.errors, report.errors
    listed = json.loads((project / "build" / "fr" / "pagefind" / "bundles.json").read_text())
    assert len(listed["bundles"]) >= 3
    handler = functools.partial(Quiet, directory=str(project / "build"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page = chromium.new_page()
        page.goto(f"http://127.0.0.1:{httpd.server_port}/fr/index.html")
        found = search(page, "défense")
        page.wait_for_timeout(300)
        found = [a.get_attribute("href") for a in page.query_selector_all("#search-results li a")]
    finally:
        httpd.shutdown()
        httpd.server_close()
    articles = {Path(href).stem for href in found}
    assert articles >= {p.stem for p in (project / "source").glob("*.md")}, found


_VISUAL = """() => Array.from(document.querySelectorAll('nav.toc a')).map(a => {
  const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT); const text = walker.nextNode();
  const range = document.createRange(); const glyphs = [];
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    glyphs.push([text.data[i], range.getBoundingClientRect().left]);
  }
  return glyphs.sort((x, y) => x[1] - y[1]).map(g => g[0]).join(''); })"""


def test_a_code_heading_keeps_its_order_in_an_arabic_pages_contents(
    sample: Path, chromium: Any
) -> None:
    """The contents of a page list its headings as text; a heading that is code
    (`[locales.<locale>]`) came out as "[<locales.<locale]" in an Arabic page, its
    brackets taken by the right-to-left text, until each entry was isolated."""
    article = sample / "source" / "defense-aid-programs.md"
    headings = "\n\n## `[locales.<locale>]`\n\nText.\n\n## `a --b`\n\nMore text.\n"
    article.write_text(article.read_text("utf-8") + headings, "utf-8")
    config = tarjama.load_config(sample)
    report = tarjama.build(config, locales=["ar"], formats=["html"], progress=False)
    assert not report.errors, report.errors
    page = chromium.new_page()  # the module's browser (one Playwright per process)
    page.goto((sample / "build" / "ar" / "defense-aid-programs.html").as_uri())
    shown = page.evaluate(_VISUAL)
    page.close()
    assert "[locales.<locale>]" in shown and "a --b" in shown, shown
