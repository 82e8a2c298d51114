"""Merge stage: an article and a catalog in, the translated Markdown out.

``markdown`` puts each usable translation in place of its segment and falls back to the
source elsewhere; ``sanitize`` makes an untrusted msgstr safe Markdown first; ``pseudo``
generates the pseudo-locales' catalogs; ``ui`` gives a locale's interface translations.
"""

from tarjama.merge.markdown import LocalizedArticle, Placed, merge

__all__ = ["LocalizedArticle", "Placed", "merge"]
