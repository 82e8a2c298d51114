"""Fonts: where each family's files are (``files``), which script takes which family
(``scripts``), the typography and stacks a book uses (``use``), that every character
has a glyph (``coverage``), subsets (``subset``, ``math`` for the math font) and the
site's web fonts (``web``)."""
