"""A msgstr rebuilt as document nodes from what its msgid allows (catalog/allowlist.py),
measured on the HTML the real merge and pandoc make of it."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from tarjama.catalog.allowlist import clean
from tarjama.merge import merge
from tarjama.render.document.pandoc import to_html
from tarjama.segment import parse_article


def translated_html(msgid: str, msgstr: str) -> str:
    """The HTML of a one-paragraph article *msgid* translated as *msgstr*."""
    article = parse_article(f"---\ntitle: T\n---\n\n{msgid}\n", slug="a", path=Path("a.md"))
    po = polib.POFile()
    po.append(polib.POEntry(msgid=article.segments[-1].text, msgstr=msgstr))
    return to_html(merge(article, po, locale="fr").body)


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Hello world", "Bonjour <script>alert(1)</script> monde"),
        ("Hello world", 'Bonjour <img src=x onerror="alert(1)"> monde'),
        ("Hello world", "<script>alert(1)</script>"),
        ("Hello world", "Bonjour [monde]{onmouseover=alert(1)}"),
        ("Hello world", "Bonjour `<script>alert(1)</script>`{=html}"),
        ("Hello world", '<iframe src="https://evil.example"></iframe>'),
    ],
)
def test_injected_markup_never_reaches_html(msgid: str, msgstr: str) -> None:
    html = translated_html(msgid, msgstr)
    for tag in ("<script", "<iframe", "<img"):
        assert tag not in html
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", html), html  # no event-handler attribute
    assert "Bonjour" in html or "&lt;" in html  # the translation is shown, as text


def test_markup_the_msgid_has_is_kept() -> None:
    html = translated_html("Press <kbd>Ctrl</kbd> now", "Appuyez sur <kbd>Ctrl</kbd>")
    assert "<p>Appuyez sur <kbd>Ctrl</kbd></p>" in html


def test_changed_link_target_is_restored() -> None:
    html = translated_html("The [docs](https://a.example)", "La [doc](https://b.example)")
    assert '<a href="https://a.example">doc</a>' in html and "b.example" not in html


def test_reordered_links_are_left_alone() -> None:
    msgid = "[a](https://a.example) then [b](https://b.example)"
    html = translated_html(msgid, "[b](https://b.example) puis [a](https://a.example)")
    assert '<a href="https://b.example">b</a> puis <a href="https://a.example">a</a>' in html


def test_a_translated_title_is_a_plain_attribute() -> None:
    html = translated_html(
        'The [report](https://a.example "Report")',
        'Le [rapport](https://a.example "x&#10;<script>alert(1)</script>\nsuite")',
    )
    assert (
        '<a href="https://a.example" title="x&amp;#10;&lt;script&gt;alert(1)&lt;/script&gt; suite"'
        in html
    )


@pytest.mark.parametrize(
    "msgstr", ["[x](javascript:alert(1)) [y](b)", "<javascript:alert(1)>", "[x](https://a) [y](b)"]
)
def test_unusable_link_changes_fall_back(msgstr: str) -> None:
    assert clean("see [x](https://a)", msgstr).nodes is None


@pytest.mark.parametrize(
    ("msgstr", "shown"),
    [("# titre", "# titre"), ("- tiret", "- tiret"), ("1. un", "1. un"), ("> cite", "&gt; cite")],
)
def test_block_markers_are_text(msgstr: str, shown: str) -> None:
    assert f"<p>{shown}</p>" in translated_html("plain words", msgstr)


def test_newlines_become_spaces_but_hard_breaks_stay() -> None:
    assert "<p>x y<br />\nz</p>" in translated_html("a\\\nb", "x\ny\\\nz")


def test_an_inline_footnote_is_text_not_a_crash() -> None:
    """``^[...]`` (found by the property test in test_hostile) once crashed the rebuild."""
    html = translated_html("A note[^1] here\n\n[^1]: The note.", "Une note[^1] ^[x] ici")
    assert "^[x] ici" in html and 'role="doc-noteref"' in html


@pytest.mark.parametrize("msgstr", [" ", "\u200b", "\x00 \ufeff", "\u2060\n\u200c"])
def test_a_blank_translation_is_not_used(msgstr: str) -> None:
    """A heading translated as a space was an empty heading: PDF/UA refused the book."""
    cleaned = clean("The heading", msgstr)
    assert cleaned.nodes is None and "blank" in {code for code, _, _ in cleaned.problems}


def test_a_msgid_with_an_html_comment_opens_nothing() -> None:
    html = translated_html(
        "Text <!-- note --> more", "Texte <!-- note --> plus <!-- ouvert\\\n<div>x</div>"
    )
    # the comment is the msgid's; the rest is text (its "--" a dash, as pandoc's smart reading
    # makes it), the line end a space (the msgid has no hard break)
    assert "<p>Texte <!-- note --> plus &lt;!– ouvert &lt;div&gt;x&lt;/div&gt;</p>" in html
