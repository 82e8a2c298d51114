"""Translated text as text: the characters no output may hold, the typography pandoc's
``smart`` reading gives the source, and the spotting of what a translation tried (for
``tarjama check``).

Used by :mod:`tarjama.catalog.allowlist`; every function reports what it removed or
spotted through a *report* callback ``(code, detail)``. Every pattern here fails fast at
the next bracket, brace or line end, so that no text, however long, costs more than
linear time.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import unquote

from tarjama.segment.codespans import blank_code_spans

Report = Callable[[str, str], None]
Problem = tuple[str, str, str]  # (code, severity, message): what check reports

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ROMAN = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ORDINAL = rf"(?:\d{{1,9}}|[A-Za-z]|{_ROMAN}|{_ROMAN.upper()})"  # what pandoc's fancy lists count
_BLOCK_START = re.compile(rf"[#>+*=|:<`~_-]|\(@|\({_ORDINAL}\)(?=\s|$)|{_ORDINAL}[.)](?=\s|$)")
_SINGLE_CAPITAL = re.compile(r"[A-Z][.)]")  # "M. Dupont": no attempt
_RAW_ATTRIBUTE = re.compile(r"\{\s*=\s*[A-Za-z0-9_-]+\s*\}")
_ATTRIBUTES = re.compile(r"\{\s*[#.][\w-]|\{[^{}\n]*\w\s*=")
_REFERENCE = re.compile(r"\[(?:[^\[\]\\]|\\.){1,999}\]:[ \t]*\S")
# [text][label]
_REFERENCE_USE = re.compile(r"!?\[(?:[^\[\]\\]|\\.){0,999}\]\[(?:[^\[\]\\]|\\.){1,999}\]")
# C0 and C1 controls but the line end, line and paragraph separators, bidi controls,
# noncharacters (U+FDD0-U+FDEF and the last two of every plane) and lone surrogates:
# none is text, and XML forbids several of them
_NONCHARACTERS = "".join(
    chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF)
)
_UNWANTED = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef\ud800-\udfff" + _NONCHARACTERS + "]"
)
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
# invisible characters with no shaping job (ZWNJ and ZWJ between letters have one)
_SPOOF = re.compile(
    "[\u00ad\u180e\u200b\u2060-\u2064\ufeff]|(?<!\\w)[\u200c\u200d]|[\u200c\u200d](?!\\w)"
)
_INDENTED = re.compile(r"(?:\\|  )\n(?: {4}| {0,3}\t)")  # after a hard break
_LINE_AFTER_BREAK = re.compile(r"(?:\\|  )\n[ \t]*(?=([^\n]*))")
_TAG = re.compile(r"</?[A-Za-z][\w-]*|<!--")
_SCHEME = re.compile(r"(?i)\b(java|vb)script\s*:|\bdata\s*:\s*[a-z]+/|\bfile\s*:")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def scan(text: str, report: Report, *, msgid: str, markdown: bool = True) -> None:
    """Report what *text* tries that its *msgid* does not: raw HTML tags (also spelt with
    entities), raw attributes, attributes, reference definitions and uses, a line that
    would start a block, script URLs. The build shows all of them as text."""
    if markdown:
        text = blank_code_spans(text)  # inside a code span, all of it is code
        for match in _RAW_ATTRIBUTE.finditer(text):
            report("raw-attribute", match.group(0).strip())
        for match in _REFERENCE.finditer(text):
            report("reference-definition", match.group(0).strip().rstrip(":").rstrip() + ":")
        known = {m.group(0) for m in _REFERENCE_USE.finditer(msgid)}
        for match in _REFERENCE_USE.finditer(text):
            if match.group(0) not in known:
                report("reference", match.group(0))
        if _INDENTED.search(text):
            report("block-structure", "an indented line (code)")
        for match in _ATTRIBUTES.finditer(text):
            group = text[match.start() : text.find("}", match.start()) + 1 or None]
            if not _RAW_ATTRIBUTE.match(group):
                report("attributes", group)
        starts = [text.lstrip()] + [m.group(1) for m in _LINE_AFTER_BREAK.finditer(text)]
        for line in starts:
            _line_start(line, report, msgid)
    plain = decoded(text)
    allowed = {m.group(0).lower() for m in _TAG.finditer(decoded(msgid))}
    for match in _TAG.finditer(plain):
        if match.group(0).lower() not in allowed:
            spelt = "" if match.group(0) in text else " (spelt with entities)"
            report("raw-html", f"{match.group(0)}{spelt}")
    schemes = [_scheme(m) for m in _SCHEME.finditer(plain)]
    if schemes:  # (the msgid is read only then: most entries name no scheme)
        theirs = {_scheme(m) for m in _SCHEME.finditer(decoded(blank_code_spans(msgid)))}
        for scheme in schemes:
            if scheme not in theirs:  # "the file: line" of the msgid's own prose
                report("unsafe-url", scheme)


def _scheme(match: re.Match[str]) -> str:
    return re.sub(r"\s", "", match.group(0)).rstrip(":").lower() + ":"


_TEXT = "shown as text"
MESSAGES = {
    "raw-html": "msgstr adds raw HTML the msgid lacks: {}; " + _TEXT,
    "raw-attribute": "msgstr has pandoc raw attributes {}; " + _TEXT + " (a translation is "
    "never raw HTML or Typst)",
    "attributes": "msgstr adds attributes {}; " + _TEXT,
    "reference-definition": "msgstr defines link references {}; "
    + _TEXT
    + " (link targets come from the msgid)",
    "autolink": "msgstr adds autolinks the msgid lacks: {}; " + _TEXT,
    "reference": "msgstr uses link references the msgid lacks: {}; "
    + _TEXT
    + " (link targets come from the msgid)",
    "unsafe-url": "msgstr names {} URLs; they are never made links",
    "block-structure": "a line of the msgstr starts with {}, which would start a block; "
    + _TEXT
    + " in the paragraph",
    "bidi": "msgstr has bidirectional controls the msgid lacks: {}; removed from the output",
    "control": "msgstr has control characters or noncharacters {}; removed from the output",
    "invisible": "msgstr has invisible characters {} in a title or link text; removed",
    "emphasis": "msgstr adds emphasis the msgid lacks ({}); the marks are " + _TEXT,
    "code-spans": "msgstr adds code spans the msgid lacks: {}; " + _TEXT,
    "math": "msgstr adds or changes math {}; " + _TEXT + " (math is not translated)",
    "footnotes": "msgstr adds footnote references the msgid lacks: {}; " + _TEXT,
    "nesting": "msgstr nests markup too deep ({}); the source text is shown until it is simplified",
    "links": "msgstr adds links or images the msgid lacks, or drops some ({}); the source "
    "text is shown until the links match",
}


def decoded(text: str) -> str:
    """*text* with HTML entities, percent escapes and invisible characters undone, for
    spotting ``jav&#x61;script:`` and the like."""
    plain = unquote(html.unescape(html.unescape(text))) if "&" in text or "%" in text else text
    if _INVISIBLE.search(plain) is None:
        return plain
    return "".join(c for c in plain if unicodedata.category(c) not in ("Cc", "Cf") or c == "\n")


def drop_controls(text: str, report: Report, *, allowed: frozenset[str] | set[str]) -> str:
    """*text* without control characters, noncharacters and the bidi controls not
    *allowed* (tabs and line separators become spaces; a line end stays)."""
    if _UNWANTED.search(text) is None:
        return text  # the common case, decided in C
    kept = []
    for char in text:
        if char in BIDI_CONTROLS:
            if char in allowed:
                kept.append(char)
            else:
                report("bidi", f"U+{ord(char):04X} {unicodedata.name(char, '')}")
        elif char in "\t\u2028\u2029\u0085":
            kept.append(" ")
        elif char != "\n" and _UNWANTED.match(char):
            report("control", f"U+{ord(char):04X}")
        else:
            kept.append(char)
    return "".join(kept)


def drop_invisible(text: str, report: Report, *, allowed: frozenset[str] | set[str]) -> str:
    """*text* (a title or a link's text) without invisible characters that do no shaping
    work (a zero-width space, a word joiner, a BOM; ZWNJ and ZWJ outside a word) and that
    the msgid lacks: in a title they only serve to make two texts look alike."""
    if not any(
        c in text for c in "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
    ):
        return text

    def remove(match: re.Match[str]) -> str:
        if match.group(0) in allowed:
            return match.group(0)
        report("invisible", f"U+{ord(match.group(0)):04X} {unicodedata.name(match.group(0), '')}")
        return ""

    return _SPOOF.sub(remove, text)


_QUOTES = {
    ('"', True): "\u201c",
    ('"', False): "\u201d",
    ("'", True): "\u2018",
    ("'", False): "\u2019",
}
_DASHES = re.compile(r"---|--|\.\.\.")
_DASH_FOR = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}


def smart(text: str, before: str) -> str:
    """*text* with the typography pandoc's ``smart`` extension gives the source: curly
    quotes and apostrophes, en and em dashes, an ellipsis (*before* is the character
    that precedes *text*, which decides whether a quote opens or closes).

    >>> smart("l'Europe -- \\"vite\\"...", " ")
    'l’Europe – “vite”…'
    """
    if not any(c in text for c in "'\"-."):
        return text
    text = _DASHES.sub(lambda m: _DASH_FOR[m.group(0)], text)
    out = []
    previous = before
    for char in text:
        if char in "'\"":
            opening = not previous or previous.isspace() or previous in "([{\u2014\u2013-/"
            char = _QUOTES[char, opening]
        out.append(char)
        previous = char
    return "".join(out)


def _line_start(line: str, report: Report, msgid: str) -> None:
    """Report *line* (the start of the msgstr, or a line after a hard break) when it
    starts with what would open a block, and its msgid does not start so."""
    if not line:
        return
    marker = _BLOCK_START.match(line)
    if marker is None:
        return
    found = marker.group(0)
    if not _SINGLE_CAPITAL.fullmatch(found) and not _starts_with(msgid, found):
        report("block-structure", repr(found))


def _starts_with(msgid: str, marker: str) -> bool:
    """Whether the msgid itself starts with *marker* (then the msgstr may too)."""
    start = msgid.lstrip()
    return start.startswith(marker) or start.startswith("\\" + marker)
