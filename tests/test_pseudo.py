"""Pseudo-locales: en-XA and ar-XB builds of the sample publication."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tarjama.merge.pseudo import accented, mirrored
from tarjama.segment import read_article
from tests.conftest import ROOT

Run = Callable[..., tuple[int, str, str]]


def test_accented_keeps_markup_and_grows_about_a_third() -> None:
    text = "Read the [full report](https://example.com/r.pdf) and run `make build` now.[^1]"
    out = accented(text)
    assert "](https://example.com/r.pdf)" in out and "`make build`" in out and "[^1]" in out
    assert out.startswith("⟦") and out.endswith("⟧")
    assert 1.25 < len(out) / len(text) < 1.6
    assert not re.search(r"[A-Za-z]{4}", re.sub(r"\]\([^)]*\)|`[^`]*`|\[\^\d\]", "", out))


def test_mirrored_wraps_prose_in_right_to_left_overrides() -> None:
    assert mirrored("Hello `x`") == "\u202eHello \u202c`x`"


def test_en_xa_build_has_no_unaccented_source_sentence_and_working_links(
    sample: Path, run: Run
) -> None:
    code, _, err = run(sample, "build", "--format", "html", "--locale", "en-XA", "--locale", "en")
    assert code == 0, err
    out = sample / "build" / "en-XA"
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 7  # five articles, the index and the 404 page
    sentences = [
        s.text
        for path in sorted((ROOT / "source").glob("*.md"))
        for s in read_article(path).segments
    ]
    for page in pages:
        html = page.read_text("utf-8")
        assert '<html lang="en-XA" dir="ltr">' in html
        text = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1])
        for sentence in sentences:
            for clause in re.split(r"[.:;,!?()]", sentence):
                assert len(clause.strip()) < 12 or clause.strip() not in text, (page.name, clause)
        for href in re.findall(r'href="([^"]+)"', html):
            if urlsplit(href).scheme:
                continue
            target = Path(urlsplit(urljoin(page.as_uri(), href)).path)
            assert target.is_file(), (page.name, href)


def test_ar_xb_build_is_right_to_left(sample: Path, run: Run) -> None:
    code, _, err = run(sample, "build", "--format", "html", "--locale", "ar-XB")
    assert code == 0, err
    html = (sample / "build" / "ar-XB" / "index.html").read_text("utf-8")
    assert '<html lang="ar-XB" dir="rtl">' in html and "\u202e" in html
