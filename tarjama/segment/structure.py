"""What an article may not do, and what the block parse tells beyond segments: nesting too
deep to publish, YAML aliases in front matter, and the images an article names through
reference definitions (``![map][m]`` + ``[m]: map.png``)."""

from __future__ import annotations

import re
from typing import Any

import yaml
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token

from tarjama.core.errors import SourceError

MAX_DEPTH = 32  # pandoc, the JSON AST and the book writers recurse once per level
_RUN = re.compile(rf"[*_~^]{{{2 * MAX_DEPTH},}}")
_QUOTES = re.compile(rf"(?:[ \t]*>){{{MAX_DEPTH + 1},}}")  # markdown-it stops counting at 20
_REF_IMAGE = re.compile(r"!\[((?:[^\]\\]|\\.)*)\](?:\[((?:[^\]\\]|\\.)*)\])?(?!\()")


def check_depth(tokens: list[Token], lines: tuple[str, ...], *, offset: int, where: str) -> None:
    """Raise SourceError at the first block or inline construct nested deeper than
    :data:`MAX_DEPTH` (a 3,000-deep emphasis would exhaust every recursive step after
    this one, for every locale).

    >>> from tarjama.segment.blocks import block_parser
    >>> md = ">" * 40 + " deep"
    >>> check_depth(block_parser().parse(md), (md,), offset=0, where="a.md")
    Traceback (most recent call last):
    tarjama.core.errors.SourceError: a.md:1: nested 40 levels deep (at most 32); flatten it
    """
    for token in tokens:
        if token.level > 2 * MAX_DEPTH and token.map:  # an open and its block per level
            _too_deep(token.level // 2, token.map[0] + offset, where)
    for number in range(offset, len(lines)):
        line = lines[number]
        run = _RUN.search(line)
        if run:
            _too_deep(len(run.group(0)) // 2, number, where)
        quotes = _QUOTES.match(line)
        if quotes:
            _too_deep(quotes.group(0).count(">"), number, where)
        if line.count("[") > MAX_DEPTH or line.count("(") > MAX_DEPTH:
            depth = deepest = 0
            for char in line:
                depth += 1 if char in "[(" else -1 if char in "])" and depth else 0
                deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                _too_deep(deepest, number, where)


def _too_deep(depth: int, number: int, where: str) -> None:
    raise SourceError(
        f"nested {depth} levels deep (at most {MAX_DEPTH}); flatten it",
        path=where,
        line=number + 1,
    )


def reference_images(
    env: dict[str, Any], lines: tuple[str, ...], *, offset: int, skip: set[int]
) -> list[tuple[str, int]]:
    """Targets of images given by reference (``![a][ref]``, ``![ref][]``, ``![ref]``)
    whose definition the block parse collected in *env*, with the image's line."""
    references = env.get("references") or {}
    if not references:
        return []
    found = []
    for number in range(offset, len(lines)):
        if number in skip or "![" not in lines[number]:
            continue
        for match in _REF_IMAGE.finditer(lines[number]):
            label = match.group(2) or match.group(1)
            ref = references.get(normalizeReference(label))
            if ref is not None:
                found.append((str(ref["href"]), number + 1))
    return found


def no_aliases(raw: str, where: str, *, loader: Any) -> None:
    """Refuse YAML aliases in front matter: a few lines of them expand to billions of items
    ("billion laughs") in whatever walks the result; an article never needs them."""
    for event in yaml.parse(raw, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise SourceError(
                f"front matter: YAML alias *{event.anchor} is not allowed; write the value out",
                path=where,
                line=event.start_mark.line + 2 if event.start_mark else 1,
            )
