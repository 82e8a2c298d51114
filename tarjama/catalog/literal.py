"""Text that can only ever be text: escaping for pandoc's ``commonmark_x`` reader, and the
spotting of what a translation tried (for ``tarjama check``).

Used by :mod:`tarjama.catalog.allowlist`; every function reports what it neutralised
through a *report* callback ``(code, detail)``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import unquote

Report = Callable[[str, str], None]

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALWAYS = frozenset("\\`*[]<>{}$~^|#")  # ASCII punctuation that is markup anywhere
_ENTITY = re.compile(r"&(?:#|[A-Za-z0-9]+;)")
_EMOJI = re.compile(r":[A-Za-z0-9_+-]+:")
_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ROMAN = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ORDINAL = rf"(?:\d{{1,9}}|[A-Za-z]|{_ROMAN}|{_ROMAN.upper()})"  # what pandoc's fancy lists count
_BLOCK_START = re.compile(rf"[#>+*=|:<`~_-]|\(@|\({_ORDINAL}\)(?=\s|$)|{_ORDINAL}[.)](?=\s|$)")
_SINGLE_CAPITAL = re.compile(r"[A-Z][.)]")  # "M. Dupont": escaped, but no attempt
_RAW_ATTRIBUTE = re.compile(r"\{\s*=\s*[A-Za-z0-9_-]+\s*\}")
_ATTRIBUTES = re.compile(r"\{\s*[#.][\w-]|\{[^{}\n]*\w\s*=")
_REFERENCE = re.compile(r"\[(?:[^\]\\]|\\.)+\]:[ \t]*\S")
_REFERENCE_USE = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\[(?:[^\]\\]|\\.)+\]")  # [text][label]
_CANDIDATE = re.compile(r"[\\`*\[\]<>{}$~^|#&:_!]")  # characters that may need a backslash
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
_INDENTED = re.compile(r"(?:\\|  )\n(?: {4}| {0,3}\t)")  # after a hard break
_TAG = re.compile(r"</?[A-Za-z][\w-]*|<!--")
_SCHEME = re.compile(r"(?i)\b(java|vb)script\s*:|\bdata\s*:\s*[a-z]+/|\bfile\s*:")


def scan(text: str, report: Report, *, msgid: str, markdown: bool = True) -> None:
    """Report what *text* tries that its *msgid* does not: raw HTML tags (also spelt with
    entities), raw attributes, attributes, reference definitions, script URLs."""
    if markdown:
        for pattern, code in (
            (_RAW_ATTRIBUTE, "raw-attribute"),
            (_REFERENCE, "reference-definition"),
        ):
            for match in pattern.finditer(text):
                report(
                    code,
                    match.group(0).strip().rstrip(":").rstrip() + ":"
                    if code == "reference-definition"
                    else match.group(0).strip(),
                )
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
    plain = decoded(text)
    allowed = {m.group(0).lower() for m in _TAG.finditer(decoded(msgid))}
    for match in _TAG.finditer(plain):
        if match.group(0).lower() not in allowed:
            spelt = "" if match.group(0) in text else " (spelt with entities)"
            report("raw-html", f"{match.group(0)}{spelt}")
    for match in _SCHEME.finditer(plain):
        report("unsafe-url", match.group(0).rstrip(": ").lower() + ":")


_LITERAL = "shown as literal text"
MESSAGES = {
    "raw-html": "msgstr adds raw HTML the msgid lacks: {}; " + _LITERAL,
    "raw-attribute": "msgstr has pandoc raw attributes {}; " + _LITERAL + " (a translation is "
    "never raw HTML or Typst)",
    "attributes": "msgstr adds attributes {}; " + _LITERAL,
    "reference-definition": "msgstr defines link references {}; "
    + _LITERAL
    + " (link targets come from the msgid)",
    "autolink": "msgstr adds autolinks the msgid lacks: {}; " + _LITERAL,
    "reference": "msgstr uses link references the msgid lacks: {}; "
    + _LITERAL
    + " (link targets come from the msgid)",
    "unsafe-url": "msgstr names {} URLs; they are never made links",
    "block-structure": "a line of the msgstr starts with {}, which would start a block; "
    + _LITERAL,
    "bidi": "msgstr has bidirectional controls the msgid lacks: {}; removed from the output",
    "control": "msgstr has control characters {}; removed from the output",
    "emphasis": "msgstr adds emphasis the msgid lacks ({}); " + _LITERAL,
    "code-spans": "msgstr adds code spans the msgid lacks: {}; " + _LITERAL,
    "math": "msgstr adds or changes math {}; " + _LITERAL + " (math is not translated)",
    "footnotes": "msgstr adds footnote references the msgid lacks: {}; " + _LITERAL,
}


def decoded(text: str) -> str:
    """*text* with HTML entities, percent escapes and invisible characters undone, for
    spotting ``jav&#x61;script:`` and the like."""
    plain = unquote(html.unescape(html.unescape(text))) if "&" in text or "%" in text else text
    if _INVISIBLE.search(plain) is None:
        return plain
    return "".join(c for c in plain if unicodedata.category(c) not in ("Cc", "Cf") or c == "\n")


def drop_controls(text: str, report: Report, *, allowed: frozenset[str] | set[str]) -> str:
    """*text* without the control characters and bidi controls not *allowed*."""
    if _CONTROL.search(text) is None:
        return text  # the common case, decided in C
    kept = []
    for char in text:
        if char in BIDI_CONTROLS and char not in allowed:
            report("bidi", f"U+{ord(char):04X} {unicodedata.name(char, '')}")
        elif char in "\t\u2028\u2029\u0085":
            kept.append(" ")
        elif unicodedata.category(char) == "Cc" and char != "\n":
            report("control", f"U+{ord(char):04X}")
        else:
            kept.append(char)
    return "".join(kept)


def code_span(content: str) -> str:
    """A code span of *content*, with a fence longer than any backtick run inside.

    >>> code_span("a`b")
    '``a`b``'
    """
    runs = [len(m) for m in re.findall(r"`+", content)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def escape(text: str, report: Report, *, line_start: bool, msgid: str) -> str:
    r"""*text* escaped so that it can only ever be text; at the start of a line (*line_start*)
    without its indentation and unable to open a block.

    >>> escape("# 1. *x* R&D", print, line_start=True, msgid="")
    block-structure '#'
    '\\# 1. \\*x\\* R&D'
    """
    escape_at = -1
    if line_start:
        text = text.lstrip()
        if not text:
            return ""
        escape_at = _line_start(text, report, msgid)
    marks = {
        m.start()
        for m in _CANDIDATE.finditer(text)
        if m.group(0) in _ALWAYS or _special(text, m.start())
    }
    if escape_at >= 0:
        marks.add(escape_at)
    out, position = [], 0
    for index in sorted(marks):
        out += [text[position:index], "\\"]
        position = index
    out.append(text[position:])
    return "".join(out)


def _special(text: str, index: int) -> bool:
    """Whether the character at *index* is markup in its context: an entity's ``&``, an
    emoji's ``:``, an ``_`` at a word's edge, a ``!`` that a link could follow.

    >>> [_special("R&D &amp; a_b _c :x: 10:30!", i) for i in (1, 4, 11, 14, 17, 23, 26)]
    [False, True, False, True, True, False, True]
    """
    char = text[index]
    if char == "&":
        return _ENTITY.match(text, index) is not None
    if char == ":":
        return _EMOJI.match(text, index) is not None
    if char == "_":
        before, after = text[index - 1 : index] if index else "", text[index + 1 : index + 2]
        return not (before.isalnum() and after.isalnum())
    return char == "!" and index == len(text) - 1


def _line_start(text: str, report: Report, msgid: str) -> int:
    """Where *text*, at the start of a line, must be escaped so as not to open a block
    (-1: nowhere); a block the msgid does not start is reported."""
    marker = _BLOCK_START.match(text)
    if marker is None:
        return 0 if text[0] in _PUNCT else -1
    found = marker.group(0)
    if not _SINGLE_CAPITAL.fullmatch(found) and not _starts_with(msgid, found):
        report("block-structure", repr(found))
    return marker.end() - 1 if found[0].isalnum() else 0


def _starts_with(msgid: str, marker: str) -> bool:
    """Whether the msgid itself starts with *marker* (then the msgstr may too)."""
    start = msgid.lstrip()
    return start.startswith(marker) or start.startswith("\\" + marker)
