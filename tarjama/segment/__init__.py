"""Segment stage: a Markdown article in, translatable segments with their source lines out.

``markdown`` reads an article (front matter, then the body) into an :class:`Article`;
``blocks`` segments the body with markdown-it-py, as pandoc's ``commonmark_x`` reads it, into
:class:`Segment`; ``skeleton`` has pandoc read the article with each segment's text taken
out; ``inlines`` (with ``cells``, ``targets`` and ``nodes``) is the linear inline reader that
reads msgids and, above all, translations; ``tree`` turns source paths into slugs,
``links`` and ``media`` find and check the article's links and local images,
``structure`` guards against hostile nesting.
"""

from tarjama.segment.blocks import Segment, Span, parser, split_row
from tarjama.segment.inlines import parse_inline
from tarjama.segment.markdown import Article, parse_article, peek, read_article

__all__ = [
    "Article",
    "Segment",
    "Span",
    "parse_article",
    "parse_inline",
    "parser",
    "peek",
    "read_article",
    "split_row",
]
