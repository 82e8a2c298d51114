"""Inline Markdown as a CAT tool's codes, and back.

A CAT tool (OmegaT, Trados, memoQ) shows a translator text with tags it protects and
checks: here the inline Markdown of a msgid, read by the segment parser's own inline
reader (:func:`tarjama.segment.inlines.parse_inline`). Emphasis, strong emphasis, links
and images are paired codes (XLIFF 1.2 ``<g>``) around their text, the link's target
and title staying outside it; code spans, math, raw HTML, autolinks, footnote references,
hard breaks and interface placeholders are standalone codes (``<x/>``) that cannot be
edited. Each code has an id, numbered in the msgid's order; its Markdown is the msgid's
own, kept by id, so the way back (:func:`decode`) takes the Markdown of every code from
the msgid and never from the returned file, whose text is escaped as text.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass

from lxml import etree

from tarjama.segment.inlines import parse_inline
from tarjama.segment.nodes import Node, TooDeep

XLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
_X = f"{{{XLIFF12}}}"
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|%%")
# what a translator's text must not be read as: Markdown's inline punctuation
# (an underscore inside a word, "<" before a space and "!" before anything but "[" are
# text to Markdown already, and stay as they are)
_SPECIAL = re.compile(r"[\\`*\[\]$]|(?<![^\W_])_|_(?![^\W_])|<(?=[A-Za-z/!?])|!(?=\[)|&(?=#?\w+;)")
MAX_DEPTH = 32  # nesting of codes in a returned file; deeper is refused, never recursed


@dataclass(frozen=True)
class Code:
    """One code: ``g`` (paired: *opening* and *closing* Markdown) or ``x`` (standalone:
    *opening* is its Markdown); *ctype* is XLIFF's (bold, italic, link, x-code...)."""

    id: str
    kind: str
    ctype: str
    opening: str
    closing: str = ""


def encode(
    element: etree._Element, markdown: str, *, plain: bool = False, placeholders: bool = False
) -> dict[str, Code]:
    """Append *markdown* to *element* as text and codes; return the codes by id. *plain*
    text (a front matter field) has no codes; an interface string's *placeholders*
    (``%(name)s``) are standalone codes."""
    if plain:
        element.text = markdown
        return {}
    if placeholders:
        return _encode_placeholders(element, markdown)
    try:
        nodes = parse_inline(markdown, references=None, footnotes=None)
    except TooDeep:
        element.text = markdown
        return {}
    codes: dict[str, Code] = {}
    _append(element, nodes, codes)
    return codes


def _encode_placeholders(element: etree._Element, text: str) -> dict[str, Code]:
    codes: dict[str, Code] = {}
    last: etree._Element | None = None
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        _text(element, last, text[position : match.start()])
        ident = str(len(codes) + 1)
        codes[ident] = Code(ident, "x", "x-placeholder", match[0])
        last = etree.SubElement(element, _X + "x", id=ident, ctype="x-placeholder")
        last.set("equiv-text", match[0])
        position = match.end()
    _text(element, last, text[position:])
    return codes


def _append(element: etree._Element, nodes: list[Node], codes: dict[str, Code]) -> None:
    """*nodes* as XLIFF content of *element* (depth follows the msgid's, at most the
    inline reader's limit)."""
    last: etree._Element | None = None
    for node in nodes:
        if node.kind == "text":
            _text(element, last, node.text)
            continue
        if node.kind == "soft":
            _text(element, last, " ")
            continue
        ident = str(len(codes) + 1)
        if node.kind in ("emph", "strong", "link", "image"):
            ctype = {"emph": "italic", "strong": "bold", "link": "link"}.get(node.kind, "x-image")
            opening, closing = _paired(node)
            codes[ident] = Code(ident, "g", ctype, opening, closing)
            last = etree.SubElement(element, _X + "g", id=ident, ctype=ctype)
            _append(last, node.children, codes)
            continue
        spelt = node.raw or ("\\\n" if node.kind == "hard" else node.text)
        ctype = {"hard": "lb", "code": "x-code", "html": "x-html"}.get(node.kind, f"x-{node.kind}")
        codes[ident] = Code(ident, "x", ctype, spelt)
        last = etree.SubElement(element, _X + "x", id=ident, ctype=ctype)
        last.set("equiv-text", spelt)


def _paired(node: Node) -> tuple[str, str]:
    """The Markdown before and after a paired node's text."""
    if node.kind in ("emph", "strong"):
        return node.raw, node.raw
    title = ' "' + node.title.replace('"', '\\"') + '"' if node.title else ""
    target = f"<{node.dest}>" if any(c in node.dest for c in " ()") else node.dest
    closing = f"][{node.ref}]" if node.ref else f"]({target}{title})"
    return ("![" if node.kind == "image" else "["), closing + node.attrs


def _text(element: etree._Element, last: etree._Element | None, text: str) -> None:
    if not text:
        return
    if last is None:
        element.text = (element.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def escape(text: str) -> str:
    """A translator's *text* as Markdown that reads as that text.

    >>> print(escape("a *b* [c] & 5 $ &amp; snake_case _x_ a < b <i>"))
    a \\*b\\* \\[c\\] & 5 \\$ \\&amp; snake_case \\_x\\_ a < b \\<i>
    """
    return _SPECIAL.sub(lambda m: "\\" + m[0], text)


def decode(element: etree._Element, codes: dict[str, Code]) -> tuple[str, list[tuple[str, str]]]:
    """The Markdown of a returned *element* with the msgid's *codes*, and the problems
    (code, message): a code missing, added, repeated, or of another kind. Text is
    escaped; unknown markup (``<mrk>``, OmegaT's and Trados' own) is read through."""
    problems: list[tuple[str, str]] = []
    seen: Counter[str] = Counter()
    parts: list[str] = []
    # a work list (a returned file may nest as deep as it likes), a deque (linear time)
    pending: deque[object] = deque([("text", element.text)])
    pending.extend(("node", child, 1) for child in element)
    while pending:
        item = pending.popleft()
        if not isinstance(item, tuple):
            continue
        if item[0] == "text":
            parts.append(escape(item[1] or ""))
            continue
        if item[0] == "markdown":
            parts.append(item[1])
            continue
        child, depth = item[1], item[2]
        if not isinstance(child.tag, str):  # a comment or processing instruction
            pending.appendleft(("text", child.tail))
            continue
        if depth > MAX_DEPTH:
            problems.append(("code-nesting", f"codes nested more than {MAX_DEPTH} deep"))
            return "", problems
        name = etree.QName(child).localname
        ident = child.get("id", "")
        code = codes.get(ident) if name in ("g", "x") else None
        inner: list[object] = [("text", child.text)]
        inner.extend(("node", grandchild, depth + 1) for grandchild in child)
        if name in ("g", "x") and code is None:
            problems.append(("code-added", f"<{name} id={ident!r}> is not one of the msgid's"))
            _push(pending, [*inner, ("text", child.tail)])
            continue
        if code is not None and code.kind != name:
            problems.append(("code-kind", f"code {ident} is a <{code.kind}> in the source"))
        if code is not None:
            seen[ident] += 1
            if seen[ident] == 2:
                problems.append(("code-repeated", f"code {ident} is used twice"))
            inside = [] if code.kind == "x" else [*inner, ("markdown", code.closing)]
            _push(pending, [("markdown", code.opening), *inside, ("text", child.tail)])
            continue
        _push(pending, [*inner, ("text", child.tail)])  # <mrk>, <ph>...: read through
    for ident, code in codes.items():
        said = code.opening if code.kind == "x" else f"{code.opening}…{code.closing}"
        if not seen[ident]:
            problems.append(("code-missing", f"code {ident} ({said}) is missing"))
    return "".join(parts), problems


def _push(pending: deque[object], items: list[object]) -> None:
    """Put *items* at the front of *pending*, in their order."""
    pending.extendleft(reversed(items))
