"""An article's body as the site shows it: pandoc's HTML of the merged document, its
admonitions and tabs in the site's shape (see :mod:`tarjama.render.document.admonitions`)."""

from __future__ import annotations

import json

from tarjama.core.pandoc import Links
from tarjama.render.contract import Edition
from tarjama.render.document.admonitions import labels, may_have, shape
from tarjama.render.document.pandoc import to_html


def body_html(edition: Edition, document: str, *, what: str = "pandoc", links: Links = ()) -> str:
    """The HTML fragment of *document* (pandoc JSON) in *edition*, links rewritten by
    *links*; a document without admonitions or tabs goes to pandoc as it is."""
    if may_have(document):
        doc = json.loads(document)
        doc["blocks"] = shape(doc["blocks"], "html", *labels(edition))
        document = json.dumps(doc, ensure_ascii=False)
    return to_html(document, what=what, links=links)
