"""The translated document: each segment's nodes put in its placeholder's place.

The skeleton (:mod:`tarjama.segment.skeleton`) is the article as pandoc read it, with a
placeholder ``Str`` where each segment's text was. Here each placeholder gets its
segment's inlines: the msgid's own nodes, or a translation rebuilt by the allowlist,
whose references to the msgid's links, images, code, math, notes and raw HTML
(``TjRef``) become copies of the msgid's nodes as pandoc read them. Nothing in this
module parses text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tarjama.segment.skeleton import Skeleton

Json = Any  # a node of pandoc's JSON AST
Marks = list[list[str]]  # key-value attributes a segment's text is marked with


def resolve(
    nodes: Sequence[Json], found: dict[str, list[Json]], counts: dict[str, int]
) -> list[Json] | None:
    """*nodes* (a rebuilt translation) with every ``TjRef`` replaced by the msgid's node it
    names (*found*: the msgid's :func:`atoms`; a link or an image gets the translation's
    text and title); None when pandoc's reading of the msgid has other atoms than the
    allowlist's (*counts*): then nothing can be placed safely. The msgid's nodes are
    shared, never changed: the document is written out as it is."""
    if any(len(found[kind]) != counts.get(kind, 0) for kind in found):
        return None
    return [_resolved(node, found) for node in nodes]


def _resolved(node: Json, found: dict[str, list[Json]]) -> Json:
    if node["t"] == "TjRef":
        kind, index, children, title = node["c"]
        atom = found[kind][index]
        if kind in ("link", "image") and children is not None:
            attr, _, (url, old_title) = atom["c"]
            content = [_resolved(child, found) for child in children]
            return {
                "t": atom["t"],
                "c": [attr, content, [url, old_title if title is None else title]],
            }
        return atom
    if node["t"] in ("Emph", "Strong"):
        return {"t": node["t"], "c": [_resolved(child, found) for child in node["c"]]}
    return node


class Filler:
    """Puts each segment's inlines in the skeleton; *content* gives segment *i*'s
    inlines and the attributes to mark them with, *anchors* a heading segment's
    identifier."""

    def __init__(
        self,
        skeleton: Skeleton,
        content: Callable[[int], tuple[list[Json], Marks]],
        *,
        anchors: Mapping[int, str],
    ) -> None:
        self.skeleton = skeleton
        self.content = content
        self.anchors = anchors  # a heading segment's identifier (pandoc named it after its slot)
        self.open: set[int] = set()  # segments being filled (a footnote citing itself)

    def document(self) -> list[Json]:
        """The skeleton's blocks, filled (a fresh copy: the skeleton is shared)."""
        return self.blocks(list(self.skeleton.blocks), top=True)

    def slot(self, node: Json) -> int | None:
        """The segment whose placeholder *node* is (a ``Str``), if it is one."""
        if isinstance(node, dict) and node.get("t") == "Str":
            return self.skeleton.index_of(node["c"])
        return None

    def inlines_of(self, index: int) -> tuple[list[Json], Marks]:
        if index in self.open:
            return [], []
        self.open.add(index)
        try:
            inlines, marks = self.content(index)
            if not self.skeleton.atoms(index)["note"]:
                return inlines, marks  # nothing to fill inside (only notes hold segments)
            return self.value(inlines), marks
        finally:
            self.open.discard(index)

    def blocks(self, blocks: list[Json], *, top: bool = False) -> list[Json]:
        out = []
        for block in blocks:
            kind = block.get("t") if isinstance(block, dict) else None
            inner = block.get("c") if kind in ("Para", "Plain") else None
            index = self.slot(inner[0]) if inner is not None and len(inner) == 1 else None
            if index is None:
                out.append(self.header(block) if kind == "Header" else self.value(block))
                continue
            inlines, marks = self.inlines_of(index)
            if not marks:
                out.append({"t": kind, "c": inlines})
            elif kind == "Para" and top:  # a paragraph of its own: the block is marked
                out.append({"t": "Div", "c": [["", [], marks], [{"t": "Para", "c": inlines}]]})
            else:
                out.append({"t": kind, "c": [{"t": "Span", "c": [["", [], marks], inlines]}]})
        return out

    def header(self, block: Json) -> Json:
        level, (ident, classes, kvs), content = block["c"]
        index = self.slot(content[0]) if len(content) == 1 else None
        if index is None:
            return {"t": "Header", "c": [level, [ident, classes, kvs], self.value(content)]}
        inlines, marks = self.inlines_of(index)
        ident = self.anchors.get(index, ident)
        return {"t": "Header", "c": [level, [ident, classes, [*kvs, *marks]], inlines]}

    def value(self, node: Json) -> Json:
        """*node* with the placeholders under it filled (inline ones spliced in)."""
        if isinstance(node, dict):
            if node.get("t") == "Header":
                return self.header(node)
            return {key: self.value(value) for key, value in node.items()}
        if not isinstance(node, list):
            return node
        if node and isinstance(node[0], dict) and node[0].get("t") in _BLOCKS:
            return self.blocks(node)
        out: list[Json] = []
        for item in node:
            index = self.slot(item)
            if index is None:
                out.append(self.value(item))
                continue
            inlines, marks = self.inlines_of(index)
            out.extend([{"t": "Span", "c": [["", [], marks], inlines]}] if marks else inlines)
        return out


_BLOCKS = frozenset(
    [
        "Para",
        "Plain",
        "Header",
        "Div",
        "BlockQuote",
        "BulletList",
        "OrderedList",
        "DefinitionList",
        "Table",
        "Figure",
        "CodeBlock",
        "RawBlock",
        "HorizontalRule",
        "LineBlock",
    ]
)
