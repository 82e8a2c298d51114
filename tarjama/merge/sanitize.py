"""Translators are not trusted with markup: make a msgstr safe to put into Markdown.

The decision is :func:`tarjama.catalog.allowlist.clean`'s, from the parsed structure of
the msgid: the msgstr's Markdown is rebuilt from the node kinds and targets its msgid has,
everything else is literal text. ``tarjama check`` reports what it neutralised.
"""

from __future__ import annotations

import re

from tarjama.catalog.allowlist import clean, clean_plain


def sanitize(msgid: str, msgstr: str) -> str | None:
    r"""*msgstr* made safe against *msgid*, or None if it cannot be used at all.

    >>> sanitize("Hello", "Bonjour <script>x</script>")
    'Bonjour \\<script\\>x\\</script\\>'
    >>> sanitize("See [a](https://a.example)", "Voir [a](https://evil.example)") is None
    True
    """
    return clean(msgid, msgstr).text


def sanitize_plain(msgid: str, msgstr: str) -> str:
    """*msgstr* as plain text (front matter: the templates and book writers escape it)."""
    return clean_plain(msgid, msgstr).text or ""


def escape_cell(text: str) -> str:
    r"""Escape unescaped pipes so *text* stays inside one table cell.

    >>> escape_cell("a | b \| c")
    'a \\| b \\| c'
    """
    return re.sub(r"(?<!\\)\|", r"\\|", text)
