"""Pandoc's JSON AST as Python data: text as inlines, attributes, walking, rewriting."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from tarjama.core.locales import direction_of
from tarjama.render.contract import Edition

Json = Any  # a node of pandoc's JSON AST
ATTR_AT = {"Div": 0, "Span": 0, "Header": 1, "CodeBlock": 0}  # where an element keeps its Attr


def inlines(text: str) -> list[Json]:
    """Plain *text* as pandoc inlines: no Markdown parsing, so nothing needs escaping."""
    # Typographic apostrophes, as pandoc's "smart" extension makes them in the bodies.
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    out: list[Json] = []
    for word in text.split():
        out += [{"t": "Space"}, {"t": "Str", "c": word}] if out else [{"t": "Str", "c": word}]
    return out


def lang_attrs(lang: str | None, edition: Edition) -> list[list[str]]:
    """``lang`` and ``dir`` attributes for text in *lang*; none for the edition's own language."""
    if not lang or lang == edition.lang:
        return []
    return [["lang", lang], ["dir", direction_of(lang)]]


def attributes(node: Json) -> list[list[str]]:
    """The key-value attributes of a Div, Span, Header or CodeBlock (empty for others)."""
    at = ATTR_AT.get(node["t"]) if isinstance(node, dict) else None
    return list(node["c"][at][2]) if at is not None else []


def walk(node: Json) -> Iterator[Json]:
    """Every element (a dict with ``t``) under *node*, parents before children."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


def rewrite(node: Json, change: Callable[[Json], list[Json] | None]) -> Json:
    """Rewrite the AST bottom-up; *change* returns an element's replacements, or None to keep it."""
    if isinstance(node, dict):
        return {key: rewrite(value, change) for key, value in node.items()}
    if not isinstance(node, list):
        return node
    out: list[Json] = []
    for item in node:
        item = rewrite(item, change)
        replaced = change(item) if isinstance(item, dict) and "t" in item else None
        out.extend([item] if replaced is None else replaced)
    return out


def plain_text(blocks: Json) -> str:
    """The text of *blocks* without markup (for alternative texts and outlines)."""
    words = []
    for node in walk(blocks):
        if node["t"] == "Str":
            words.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak", "LineBreak"):
            words.append(" ")
    return " ".join("".join(words).split())
