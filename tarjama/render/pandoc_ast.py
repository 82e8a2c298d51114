"""Pandoc's JSON AST as Python data: walking it and rewriting it bottom-up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Json = Any  # a node of pandoc's JSON AST


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
