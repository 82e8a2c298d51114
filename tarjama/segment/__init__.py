"""Segment stage: a Markdown article in, translatable segments with their source lines out.

``markdown`` reads an article (front matter, then the body) into an :class:`Article`;
``blocks`` segments the body with markdown-it-py, as pandoc's ``commonmark_x`` reads it, into
:class:`Segment`; ``tree`` turns source paths into slugs, ``links`` and ``media`` find and check
the article's links and local images, ``structure`` guards against hostile nesting.
"""

from tarjama.segment.blocks import Segment, Span, parser, split_row
from tarjama.segment.inline import inline_parser
from tarjama.segment.markdown import Article, parse_article, peek, read_article

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
