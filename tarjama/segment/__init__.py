"""Segment stage: a Markdown article in, translatable segments with their source lines out.

``markdown`` parses an article (front matter, then the body with markdown-it-py, as pandoc's
``commonmark_x`` reads it) into an :class:`Article` of :class:`Segment`; ``media`` finds and
checks the local images an article uses.
"""

from tarjama.segment.inline import inline_parser
from tarjama.segment.markdown import (
    Article,
    Segment,
    Span,
    parse_article,
    parser,
    peek,
    read_article,
    split_row,
)

__all__ = [
    "Article",
    "Segment",
    "Span",
    "inline_parser",
    "parse_article",
    "parser",
    "peek",
    "read_article",
    "split_row",
]
