"""Pseudo-locales for layout testing before any translator starts.

``en-XA`` accents every letter, lengthens text by about 35 % and brackets it,
so truncation and hard-coded strings show. ``ar-XB`` renders the English text
right-to-left (mirrored with bidi overrides) in an RTL page. Markup - code,
URLs, HTML tags, footnote references, attributes, escapes - is left intact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import polib

_PROTECTED = re.compile(
    r"`+[^`]*`+"  # code spans
    r"|\]\([^)]*\)"  # link destinations and titles
    r"|\]\[[^\]]*\]"  # reference links
    r"|\[\^[^\]]*\]"  # footnote references
    r"|<[^>]*>"  # autolinks and HTML tags
    r"|\{[^{}]*\}"  # attributes
    r"|&#?\w+;"  # entities
    r"|\\."  # backslash escapes
    r"|%\(\w+\)[sd]"  # interface placeholders
)
_ACCENTED = "åƀçđéƒĝĥîĵķľɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĽṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
_ACCENTS = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", _ACCENTED)
_FILLER = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _text_runs(text: str, transform: Callable[[str], str]) -> str:
    """Apply *transform* to the prose of *text*, never to its markup."""
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(transform(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(transform(text[last:]))
    return "".join(out)


def accented(text: str) -> str:
    """The ``en-XA`` form of *text*.

    >>> accented("See `x` and [docs](https://a.example)")
    '⟦Šéé `x` åñđ [đöçš](https://a.example) ~öñé~ţŵö~⟧'
    """
    body = _text_runs(text, lambda run: run.translate(_ACCENTS))
    letters = sum(c.isalpha() for c in text)
    pad, words = int(letters * 0.35), list[str]()
    while pad > 0:
        word = _FILLER[len(words) % len(_FILLER)].translate(_ACCENTS)
        words.append(word)
        pad -= len(word) + 1
    tail = f" ~{'~'.join(words)}~" if words else ""
    return f"⟦{body}{tail}⟧"


def mirrored(text: str) -> str:
    """The ``ar-XB`` form of *text*: prose shown right-to-left with bidi overrides.

    >>> mirrored("Hi `x`") == "\\u202eHi \\u202c`x`"
    True
    """
    return _text_runs(text, lambda run: f"\u202e{run}\u202c" if run.strip() else run)


TRANSFORMS: dict[str, Callable[[str], str]] = {"en-XA": accented, "ar-XB": mirrored}
# Every character the transforms may add to a text (for the site's font subsets).
ADDED = "".join(sorted(set(_ACCENTED + "⟦⟧~\u202e\u202c" + "".join(_FILLER))))


def pseudo_catalog(locale: str, msgids: Iterable[str]) -> polib.POFile:
    """A fully translated catalog of *msgids* in pseudo-locale *locale*."""
    transform = TRANSFORMS[locale]
    po = polib.POFile()
    for msgid in dict.fromkeys(msgids):
        po.append(polib.POEntry(msgid=msgid, msgstr=transform(msgid)))
    return po
