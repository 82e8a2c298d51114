from __future__ import annotations

import re

import pytest

from tarjama.merge.sanitize import sanitize
from tarjama.render.pandoc import to_html


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
    safe = sanitize(msgid, msgstr)
    html = to_html(safe if safe is not None else msgid)
    for tag in ("<script", "<iframe", "<img"):
        assert tag not in html
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", html), html  # no event-handler attribute


def test_markup_the_msgid_has_is_kept() -> None:
    assert (
        sanitize("Press <kbd>Ctrl</kbd>", "Appuyez sur <kbd>Ctrl</kbd>")
        == "Appuyez sur <kbd>Ctrl</kbd>"
    )


def test_changed_link_target_is_restored() -> None:
    assert (
        sanitize("[docs](https://a.example)", "[doc](https://b.example)")
        == "[doc](https://a.example)"
    )


def test_reordered_links_are_left_alone() -> None:
    msgid = "[a](https://a.example) then [b](https://b.example)"
    msgstr = "[b](https://b.example) puis [a](https://a.example)"
    assert sanitize(msgid, msgstr) == msgstr


@pytest.mark.parametrize(
    "msgstr", ["[x](javascript:alert(1))", "<javascript:alert(1)>", "[x](https://a) [y](https://b)"]
)
def test_unusable_link_changes_fall_back(msgstr: str) -> None:
    assert sanitize("see [x](https://a)", msgstr) is None


@pytest.mark.parametrize(
    ("msgstr", "expected"),
    [
        ("# titre", "\\# titre"),
        ("- tiret", "\\- tiret"),
        ("1. un", "1\\. un"),
        ("> cite", "\\> cite"),
    ],
)
def test_block_markers_are_escaped(msgstr: str, expected: str) -> None:
    assert sanitize("plain words", msgstr) == expected


def test_newlines_become_spaces_but_hard_breaks_stay() -> None:
    assert sanitize("a\\\nb", "x\ny\\\nz") == "x y\\\nz"


def test_an_inline_footnote_is_text_not_a_crash() -> None:
    """``^[...]`` (found by the property test in test_hostile) once crashed the rebuild."""
    assert sanitize("A note[^1] here", "Une note[^1] ^[x] ici") == "Une note[^1] \\^\\[x\\] ici"
