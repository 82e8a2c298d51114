"""The ``md`` format: a translated article as a Markdown file with its front matter."""

from __future__ import annotations

import json
from typing import Any

from tarjama.render.contract import Chapter
from tarjama.render.document.pandoc import to_markdown


def chapter_markdown(item: Chapter) -> str:
    """The translated article as a Markdown file with its front matter, the body written
    by pandoc's Markdown writer from the merged document.

    Values are written as double-quoted YAML scalars (JSON strings are valid YAML):
    much faster than a YAML emitter, and safe for any text.
    """
    title = json.dumps(item.title, ensure_ascii=False)
    summary = json.dumps(item.summary, ensure_ascii=False)
    body = to_markdown(_apart(item.body), what=item.slug) if item.body else ""
    return f"---\ntitle: {title}\nsummary: {summary}\n---\n{body}"


_SEPARATOR = {"t": "RawBlock", "c": ["html", "<!-- -->"]}


def _apart(document: str) -> str:
    """*document* with an HTML comment between two code blocks in a row: pandoc's writer
    indents a code block without attributes, and two indented blocks one blank line
    apart read back as one."""
    if document.count('"CodeBlock"') < 2:
        return document
    tree = json.loads(document)
    stack: list[Any] = [tree["blocks"]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(v for v in node.values() if isinstance(v, list | dict))
            continue
        if not isinstance(node, list):
            continue
        for index in range(len(node) - 1, 0, -1):
            if _code(node[index]) and _code(node[index - 1]):
                node.insert(index, dict(_SEPARATOR))
        stack.extend(item for item in node if isinstance(item, list | dict))
    return json.dumps(tree, ensure_ascii=False, separators=(",", ":"))


def _code(node: Any) -> bool:
    return isinstance(node, dict) and node.get("t") == "CodeBlock"
