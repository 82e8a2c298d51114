"""Links between the chapters of an EPUB, resolved to the chapter files.

A chapter is converted alone (and kept converted), so a link into another chapter
leaves pandoc as ``href="#chapter__anchor"``; once every chapter is known, it becomes
``chNNN.xhtml#chapter__anchor``, or ``chNNN.xhtml#chapter`` (the chapter's title) when
that chapter has no such anchor in this edition, so EPUBCheck finds every target.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from urllib.parse import unquote

_ID = re.compile(r'\bid="([^"]*)"')
_HREF = re.compile(r'\bhref="#([^"]*)"')


def _key(value: str) -> str:
    """An id or fragment as written in XHTML, compared unescaped."""
    return unquote(html.unescape(value))


def resolve_links(texts: Mapping[str, str], files: Mapping[str, str]) -> dict[str, str]:
    """*texts* (chapter bodies by file name, ``text/ch001.xhtml``) with their links into
    other chapters pointing at those chapters' files; *files* gives the file of each
    chapter identifier.

    >>> out = resolve_links(
    ...     {"text/ch001.xhtml": '<h1 id="a">A</h1><a href="#b__x">x</a><a href="#b__y">y</a>',
    ...      "text/ch002.xhtml": '<h1 id="b">B</h1><h2 id="b__x">X</h2><a href="#b__x">x</a>'},
    ...     {"a": "text/ch001.xhtml", "b": "text/ch002.xhtml"})
    >>> out["text/ch001.xhtml"]
    '<h1 id="a">A</h1><a href="ch002.xhtml#b__x">x</a><a href="ch002.xhtml#b">y</a>'
    >>> out["text/ch002.xhtml"].endswith('<a href="#b__x">x</a>')
    True
    """
    ids = {name: {_key(i) for i in _ID.findall(text)} for name, text in texts.items()}

    def fix(name: str, text: str) -> str:
        def change(match: re.Match[str]) -> str:
            target = _key(match.group(1))
            if target in ids[name]:
                return match.group(0)
            chapter = target.split("__")[0]
            other = files.get(chapter)
            if other is None or other not in ids:
                return match.group(0)
            anchor = match.group(1) if target in ids[other] else html.escape(chapter)
            href = posixpath.relpath(other, posixpath.dirname(name))
            return f'href="{href}#{anchor}"'

        return _HREF.sub(change, text)

    return {name: fix(name, text) for name, text in texts.items()}
