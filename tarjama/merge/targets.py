"""Targets the source got wrong, put right in the merged document: a missing or
misplaced link shown as its text, a missing image as its description, an image written
from the source folder's top (``/img/x.png``) or with a query (``?raw=true``) given the
page's own relative path. See :mod:`tarjama.segment.media` for how they are found."""

from __future__ import annotations

from collections.abc import Mapping, Set
from urllib.parse import unquote

from tarjama.merge.document import Json


def fix_targets(blocks: list[Json], moved: Mapping[str, str], broken: Set[str]) -> list[Json]:
    """*blocks* with links and images whose target (as written) is in *broken* shown as
    their text, and images whose target is in *moved* pointed at their new target."""
    if not moved and not broken:
        return blocks
    gone = {unquote(t) for t in broken}
    new = {unquote(t): v for t, v in moved.items()}
    return _fix(blocks, new, gone)


def _fix(nodes: list[Json], moved: Mapping[str, str], gone: Set[str]) -> list[Json]:
    out: list[Json] = []
    for node in nodes:
        if isinstance(node, list):
            out.append(_fix(node, moved, gone))
            continue
        if not isinstance(node, dict) or "c" not in node:
            out.append(node)
            continue
        kind = node.get("t")
        if kind in ("Link", "Image"):
            attr, content, (url, title) = node["c"]
            content = _fix(content, moved, gone)
            if unquote(url) in gone:
                if kind == "Link":
                    out.extend(content)
                else:
                    out.append({"t": "Span", "c": [["", ["image-description"], []], content]})
                continue
            if kind == "Image" and unquote(url) in moved:
                url = moved[unquote(url)]
            out.append({"t": kind, "c": [attr, content, [url, title]]})
            continue
        content = node["c"]
        out.append(
            {**node, "c": _fix(content, moved, gone) if isinstance(content, list) else content}
        )
    return out
