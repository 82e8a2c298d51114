"""Merge stage: an article and a catalog in, the translated document (pandoc JSON) out.

``article`` puts each usable translation, rebuilt as nodes by the catalog's allowlist,
in its segment's place in the article's skeleton and falls back to the source
elsewhere; ``document`` does the placing; ``pseudo`` generates the pseudo-locales'
catalogs; ``ui`` gives a locale's interface translations.
"""

from tarjama.merge.article import LocalizedArticle, Placed, merge

__all__ = ["LocalizedArticle", "Placed", "merge"]
