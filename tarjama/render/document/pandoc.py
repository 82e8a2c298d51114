"""HTML fragments of merged documents, converted by this process's pandoc worker."""

from __future__ import annotations

from functools import lru_cache

from tarjama.core.pandoc import READER, Links, Worker, pandoc_path, run_pandoc, worker

__all__ = [
    "READER",
    "Links",
    "Worker",
    "pandoc_path",
    "run_pandoc",
    "to_html",
    "to_markdown",
    "worker",
]


@lru_cache(maxsize=4096)
def to_html(document: str, *, what: str = "pandoc", links: Links = ()) -> str:
    """An HTML5 fragment of *document* (a merged article: pandoc JSON), its links to
    other articles rewritten by *links*; remembered, so a rebuild in the same process
    (preview) runs pandoc only for the articles that changed."""
    options = {"wrap_text": "none", "html_math_method": "mathml"}
    html = worker().convert(
        document, to="html5", options=options, what=what, links=links, source="json"
    )
    return html + "\n"


def to_markdown(document: str, *, what: str = "pandoc") -> str:
    """*document* (pandoc JSON) written by pandoc's own ``commonmark_x`` writer: text
    escaped so that a Markdown reader sees it as text."""
    return worker().convert(
        document, to=READER, options={"wrap_text": "none"}, what=what, source="json"
    )
