"""The inline parser for a segment's Markdown, as the allowlist reads msgids and msgstrs."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin


def _as_written(url: str) -> str:
    return url


@lru_cache(maxsize=1)
def inline_parser() -> MarkdownIt:
    """The parser for a segment's inline Markdown, as the allowlist reads msgids and msgstrs:
    footnote references whatever their label, ``$math$`` as pandoc reads it (no space
    inside the dollars, no digit after), link targets kept as written."""
    # no inline footnotes (^[...]): pandoc's commonmark_x has none, they are text there
    md = MarkdownIt("commonmark").use(footnote_plugin, inline=False, always_match_refs=True)
    md.use(
        dollarmath_plugin,
        allow_labels=False,
        allow_space=False,
        allow_digits=False,
        allow_blank_lines=False,
        double_inline=True,
    )
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    md.normalizeLinkText = _as_written  # type: ignore[method-assign,assignment]
    return md
