"""Inline nodes: what the inline reader (:mod:`tarjama.segment.inlines`) gives back.

Plain data and small helpers on it, walked with explicit stacks (a translation may nest
as deep as it likes in its text; no function here recurses with it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_DEPTH = 24  # emphasis and links inside each other; deeper is an error, never a recursion


class TooDeep(ValueError):
    """The text nests emphasis or links more than the reader allows."""


@dataclass(slots=True)
class Node:
    """One inline node. *kind* is ``text``, ``soft``, ``hard``, ``code``, ``math``,
    ``note``, ``html``, ``autolink``, ``emph``, ``strong``, ``link`` or ``image``.

    ``text`` is the text, the code or math content, the footnote label, the raw HTML or
    the autolink's URL; ``raw`` is how the node was spelt (for showing it as text);
    ``dest``/``title``/``ref`` are a link's or image's target, title and reference
    label; ``attrs`` a ``{...}`` written right after a link, image or code span."""

    kind: str
    text: str = ""
    children: list[Node] = field(default_factory=list)
    raw: str = ""
    dest: str = ""
    title: str | None = None
    ref: str | None = None
    attrs: str = ""
    display: bool = False


def is_space(char: str) -> bool:
    return char in " \t\n\r\f" or unicodedata.category(char) == "Zs"


def is_punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def normalize_label(label: str) -> str:
    """A reference label as CommonMark compares them (case-folded, spaces collapsed).

    >>> normalize_label("  The   Report ")
    'the report'
    """
    return " ".join(label.split()).casefold()


def unescape(text: str) -> str:
    r"""*text* with its backslash escapes undone.

    >>> unescape(r"a\*b\\c\d")
    'a*b\\c\\d'
    """
    if "\\" not in text:
        return text
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Every node under *nodes*, in reading order (an explicit stack: no recursion)."""
    stack = [iter(nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        if node.children:
            stack.append(iter(node.children))


def plain(nodes: list[Node]) -> str:
    """The text of *nodes* without markup (code and math as written inside)."""
    parts = []
    for node in walk(nodes):
        if node.kind in ("text", "code", "math"):
            parts.append(node.text)
        elif node.kind in ("soft", "hard"):
            parts.append(" ")
    return "".join(parts)
