"""Left-to-right runs inside right-to-left text, isolated so that they keep their order.

Without isolation the Unicode bidi algorithm lets the neutral characters around a
number side with the Arabic text: "+37 %" in an Arabic table cell shows as "% 37+".
A run of Latin letters or digits (with the signs, separators and percent sign that
belong to it) is wrapped in ``<bdi>`` in HTML and EPUB, and in a left-to-right box in
Typst. Code is isolated on its own (``dir="ltr"``) and left alone here.
"""

from __future__ import annotations

import re

from tarjama.render.document.ast import Json, attributes

# A sign, then letters or digits, with separators (spaces too: "NATO Defence College"
# is one run, so its words keep their order) inside and a percent sign at the end.
LTR_RUN = re.compile(
    r"[+\-\u2212]?[0-9A-Za-z\u00C0-\u024F]+"
    r"(?:[.,:/'\u2019+\-\u2212 \u00a0]*[0-9A-Za-z\u00C0-\u024F]+)*"
    r"(?:\s?%)?"
)
_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"<(/?)([A-Za-z][\w:-]*)")
_SKIPPED = {"code", "pre", "bdi", "script", "style", "kbd", "samp"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source", "area", "base"}


def isolate_text(text: str) -> str:
    """*text* (HTML-escaped text, no tags) with each left-to-right run in ``<bdi>``.

    >>> isolate_text("زيادة +37 % في 2024")
    'زيادة <bdi>+37 %</bdi> في <bdi>2024</bdi>'
    """
    return LTR_RUN.sub(lambda m: f"<bdi>{m.group(0)}</bdi>", text)


def isolate_html(fragment: str) -> str:
    """An HTML or XHTML body *fragment* with its left-to-right text runs isolated; text in
    code, in preformatted text, in ``<bdi>`` and in elements that are ``dir="ltr"``
    already (a fallen-back English passage) is left alone, and entities are kept whole."""
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: name, whether their text is skipped
    for part in _TAG.split(fragment):
        if not part.startswith("<"):
            skipped = bool(stack) and stack[-1][1]
            out.append(part if skipped or not part.strip() else _isolate_outside_entities(part))
            continue
        out.append(part)
        name = _NAME.match(part)
        if name is None or part.endswith("/>") or name.group(2).lower() in _VOID:
            continue
        tag = name.group(2).lower()
        if name.group(1):  # a closing tag: back to its opening
            while stack and stack.pop()[0] != tag:
                pass
        else:
            inherited = bool(stack) and stack[-1][1]
            stack.append((tag, inherited or tag in _SKIPPED or 'dir="ltr"' in part))
    return "".join(out)


def _isolate_outside_entities(text: str) -> str:
    pieces = re.split(r"(&[#\w]+;)", text)
    return "".join(p if p.startswith("&") and p.endswith(";") else isolate_text(p) for p in pieces)


def isolate_inlines(inlines: list[Json], opening: str, closing: str) -> list[Json]:
    """Pandoc inlines with each left-to-right run of their text (a number, "+37 %", a
    Latin phrase across its spaces) between the raw Typst *opening* and *closing*."""
    out: list[Json] = []
    words: list[str] = []  # the text of the Str and Space nodes since the last other node

    def flush() -> None:
        if words:
            out.extend(_split("".join(words), opening, closing))
            words.clear()

    for node in inlines:
        kind = node.get("t")
        if kind == "Str":
            words.append(node["c"])
        elif kind == "Space":
            words.append(" ")
        else:
            flush()
            out.append(node)
    flush()
    return out


def _split(text: str, opening: str, closing: str) -> list[Json]:
    out: list[Json] = []
    last = 0
    for match in LTR_RUN.finditer(text):
        if match.start() > last:
            out.append({"t": "Str", "c": text[last : match.start()]})
        out += [
            {"t": "RawInline", "c": ["typst", opening]},
            {"t": "Str", "c": match.group(0)},
            {"t": "RawInline", "c": ["typst", closing]},
        ]
        last = match.end()
    if last < len(text):
        out.append({"t": "Str", "c": text[last:]})
    return out


def isolate_blocks(node: Json, opening: str = "\u2066", closing: str = "\u2069") -> Json:
    """Pandoc blocks of a right-to-left book with the left-to-right runs of their
    paragraphs isolated (LRI ... PDI by default, for Typst); passages in another language
    (a ``lang`` Div or Span, which has its own direction) are left alone."""
    if isinstance(node, list):
        return [isolate_blocks(item, opening, closing) for item in node]
    if not isinstance(node, dict) or "t" not in node:
        return node
    if node["t"] in ("Div", "Span") and dict(attributes(node)).get("lang"):
        return node
    if node["t"] in ("Para", "Plain"):
        return {"t": node["t"], "c": isolate_inlines(node["c"], opening, closing)}
    return {key: isolate_blocks(value, opening, closing) for key, value in node.items()}
