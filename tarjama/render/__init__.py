"""Render stage: one locale's edition to HTML pages, an EPUB, a PDF and Markdown files.

The renderers take plain data (the render contract, :mod:`tarjama.render.contract`:
:class:`Edition`, :class:`Chapter`, :class:`Section`, navigation and page records) built
by the publish stage; they never read PO files or the source tree themselves.

One package per job: ``document`` (the pandoc worker's conversions, the AST helpers,
chapters kept by content, book parts, bidi isolation, the sandboxed Jinja environment),
``fonts`` (where fonts are, which script takes which, coverage, subsets, web fonts),
``typst`` (the compiler and its markup), and one package per output format, ``html``,
``epub``, ``pdf`` and ``md``, which import the shared layers and never each other
(``tests/test_layout.py``).
"""

from tarjama.render.contract import (
    Chapter,
    Direction,
    Edition,
    FrontMatter,
    NavItem,
    Section,
)

__all__ = ["Chapter", "Direction", "Edition", "FrontMatter", "NavItem", "Section"]
