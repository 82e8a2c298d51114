"""The HTML site of the sample publication, built for real with pandoc and Jinja."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, require_tool

Run = Callable[..., tuple[int, str, str]]
LOCALES = ["en", "ar", "fr", "tr", "ur", "ms"]
SLUGS = sorted(p.stem for p in (ROOT / "source").glob("*.md"))
PAGES = ("index", "404")  # every locale's pages besides its articles


@pytest.fixture
def built(sample: Path, run: Run) -> Path:
    code, _, err = run(sample, "build", "--format", "html")
    assert code == 0, err
    return sample / "build"


def test_every_locale_has_an_index_and_its_published_articles(built: Path) -> None:
    assert (built / "index.html").is_file()
    assert (built / "assets" / "style.css").is_file()
    assert (built / "assets" / "fonts" / "Amiri-Regular.woff2").is_file()
    assert "font-display: swap" in (built / "assets" / "fonts.css").read_text("utf-8")
    for locale in LOCALES:
        assert (built / locale / "index.html").is_file(), locale
    for locale in ("en", "ar", "fr", "tr"):
        assert (
            sorted(p.stem for p in (built / locale).glob("*.html") if p.stem not in PAGES) == SLUGS
        )
    # ur and ms are partly translated: only articles above min_translated are published
    assert 0 < len(list((built / "ur").glob("*.html"))) - len(PAGES) < len(SLUGS)
    assert 0 < len(list((built / "ms").glob("*.html"))) - len(PAGES) < len(SLUGS)


def test_the_samples_template_override_is_used(built: Path) -> None:
    """``templates/assets/favicon.svg`` replaces the package's default of that name."""
    own = (ROOT / "templates" / "assets" / "favicon.svg").read_bytes()
    default = (ROOT / "tarjama" / "templates" / "assets" / "favicon.svg").read_bytes()
    assert own != default
    assert (built / "assets" / "favicon.svg").read_bytes() == own
    assert 'href="../assets/favicon.svg"' in (built / "fr" / "index.html").read_text("utf-8")


def test_right_to_left_pages(built: Path) -> None:
    page = (built / "ar" / "defense-aid-programs.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert "برامج المساعدات الدفاعية" in page  # the translated title
    assert "مارس" in page  # the date, formatted by Babel in Arabic
    for lang in ("en", "ar", "fr", "tr", "ur"):  # every locale that publishes this article
        assert (
            f'<link rel="alternate" hreflang="{lang}" href="../{lang}/defense-aid-programs.html">'
            in page
        )
    # Malay leaves this article out (below min_translated): no alternate, its index instead
    assert '<link rel="alternate" hreflang="ms"' not in page
    assert '<a href="../ms/index.html" hreflang="ms">' in page
    assert ">Français<" in page and ">العربية<" in page and ">اردو<" in page


def test_fallback_segments_are_marked_with_the_source_language(built: Path) -> None:
    page = (built / "ur" / "defense-cooperation-strategy.html").read_text("utf-8")
    assert '<div lang="en" dir="ltr">' in page
    assert '<html lang="ur" dir="rtl">' in page


def test_interface_strings_are_translated(built: Path) -> None:
    assert "Sommaire" in (built / "fr" / "index.html").read_text("utf-8")
    assert "İçindekiler" in (built / "tr" / "index.html").read_text("utf-8")
    assert "المحتويات" in (built / "ar" / "index.html").read_text("utf-8")


def test_injected_markup_is_removed_and_reported(sample: Path, run: Run) -> None:
    po_file = sample / "translations" / "fr" / "defense-aid-programs.po"
    po = polib.pofile(str(po_file))
    entries = [
        e
        for e in po
        if not e.obsolete and e.msgid.startswith(("Founded", "Defense Aid Programs are"))
    ]
    entries[0].msgstr += " <script>alert('x')</script>"
    entries[1].msgstr += ' <img src=x onerror="alert(1)">'
    po.save()
    code, out, _ = run(sample, "check")
    assert code == 1 and out.count(": raw-html: ") == 2
    assert run(sample, "build", "--format", "html", "--locale", "fr")[0] == 0
    page = (sample / "build" / "fr" / "defense-aid-programs.html").read_text("utf-8")
    # the only scripts are the site's own (search, table of contents)
    assert all('src="../assets/' in tag for tag in re.findall(r"<script\b[^>]*>", page))
    assert "<img" not in page
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", page)  # no event handler on any element
    assert "&lt;script&gt;" in page  # what the translator wrote is shown as text
    assert "Fondés sur" in page or "Fondé" in page  # the rest of the translation is kept


def test_a_broken_locale_fails_alone(sample: Path, run: Run) -> None:
    po_file = sample / "translations" / "fr" / "defense-aid-programs.po"
    po_file.write_text(po_file.read_text("utf-8").replace('msgstr "', 'msgstr "\\q', 3), "utf-8")
    code, _, err = run(sample, "build", "--format", "html")
    assert code == 5
    assert re.search(r"^translations/fr/defense-aid-programs\.po:\d+: ", err, re.M), err
    assert (sample / "build" / "ar" / "index.html").is_file()
    assert not (sample / "build" / "fr").exists()


@pytest.mark.tools
def test_arabic_page_in_a_real_browser(built: Path, tmp_path: Path) -> None:
    require_tool("chromium")
    from tests.browser import browser

    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 1000, "height": 1200})
        page.goto((built / "ar" / "defense-aid-programs.html").as_uri())
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert (
            page.evaluate("getComputedStyle(document.querySelector('main p')).direction") == "rtl"
        )
        shot = ROOT / "tests" / "artifacts" / "ar-article.png"
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000


def test_a_broken_placeholder_in_ui_po_is_ignored_and_reported(sample: Path, run: Run) -> None:
    po_file = sample / "translations" / "fr" / "ui.po"
    po = polib.pofile(str(po_file))
    next(e for e in po if e.msgid == "Published on %(date)s").msgstr = "Publié le %(DATE)s"
    po.save()
    code, out, _ = run(sample, "check", "--locale", "fr")
    assert code == 1 and "translations/fr/ui.po" in out and ": format: " in out  # python-format
    code, _, err = run(sample, "build", "--format", "html", "--locale", "fr")
    assert code == 0, err
    assert 'Published on <time datetime="2026-03-02">2 mars 2026</time>' in (
        sample / "build" / "fr" / "defense-aid-programs.html"
    ).read_text("utf-8")
