"""A link's ``(destination "title")``, read with bounded look-ahead.

The inline reader (:mod:`tarjama.segment.inlines`) asks for it at each ``](`; it never
reads past *limit*, so text full of ``](`` costs linear time.
"""

from __future__ import annotations

import re

from tarjama.segment.nodes import unescape

_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_TITLE = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'|\(((?:[^()\\]|\\.)*)\)", re.S)
_POINTY = re.compile(r"<((?:[^<>\n\\]|\\.)*)>")
_SPACE = " \t"


def link_target(s: str, start: int, limit: int) -> tuple[str, str | None, int] | None:
    """The destination and title of the link target at *start* in *s* (which must be
    ``(``), and where it ends; None if there is none before *limit*.

    >>> link_target('(<a b> "T") x', 0, 99)
    ('a b', 'T', 11)
    >>> link_target("(a(b)c)", 0, 99), link_target("(a b c)", 0, 99)
    (('a(b)c', None, 7), None)
    """
    if not s.startswith("(", start):
        return None
    pos = _blank(s, start + 1, limit)
    if s.startswith("<", pos):
        match = _POINTY.match(s, pos, limit)
        if match is None:
            return None
        dest, pos = match.group(1), match.end()
    else:
        end = _bare_destination(s, pos, limit)
        if end is None:
            return None
        dest, pos = s[pos:end], end
    title = None
    spaced = _blank(s, pos, limit)
    if pos < spaced < limit and s[spaced] in "\"'(":
        match = _TITLE.match(s, spaced, limit)
        if match is not None:
            title = unescape(next(g for g in match.groups() if g is not None))
            pos = match.end()
    pos = _blank(s, pos, limit)
    if pos >= limit or s[pos] != ")":
        return None
    return unescape(dest), title, pos + 1


def _bare_destination(s: str, pos: int, limit: int) -> int | None:
    """Where a destination without angle brackets ends: at a space or control character,
    or at the ``)`` that balances its own parentheses (at most 32 deep)."""
    depth = 0
    while pos < limit:
        char = s[pos]
        if char == "\\" and pos + 1 < limit and s[pos + 1] in _ESCAPABLE:
            pos += 2
            continue
        if char == "(":
            depth += 1
            if depth > 32:
                return None
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char <= " " or char == "\x7f":
            break
        pos += 1
    return None if depth else pos


def _blank(s: str, pos: int, limit: int) -> int:
    """Past spaces and at most one line end, from *pos*."""
    newline = False
    while pos < limit and (s[pos] in _SPACE or (s[pos] == "\n" and not newline)):
        newline = newline or s[pos] == "\n"
        pos += 1
    return pos
