"""Typst markup tarjama writes itself: string literals, language codes, and the book's
``meta.json`` (its texts as plain strings, never parsed as markup, and its settings),
shared by the PDF and the cover of both books."""

from __future__ import annotations

import re

from tarjama.core.locales import DIGITS, primary_subtag
from tarjama.render.contract import Edition
from tarjama.render.fonts.use import BookFonts, names, typography


def typst_lang(lang: str) -> str:
    """The ISO 639 code Typst accepts for *lang* (``pt-BR`` -> ``pt``)."""
    code = primary_subtag(lang)
    return code if re.fullmatch(r"[a-z]{2,3}", code) else "en"


def typst_string(text: str) -> str:
    r"""*text* as a Typst string literal.

    >>> print(typst_string('a "b" \\ c'))
    "a \"b\" \\ c"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{{{ord(m.group(0)):x}}}", escaped)
    return f'"{escaped}"'


def typst_metadata(edition: Edition, fonts: BookFonts, *, cover: str | None) -> dict[str, object]:
    """``meta.json``: the template's texts (plain strings, never parsed as markup) and
    settings."""
    kind = typography(fonts.main)
    front, tr = edition.front, edition.gettext
    return {
        "title": " ".join(edition.title.split()),
        "description": " ".join(edition.description.split()),
        "language-name": edition.language_name,
        "toc-title": tr("Contents"),
        "authors": list(front.authors),
        "publisher": front.publisher,
        "rights": front.rights,
        "edition": front.edition,
        "isbn": front.isbn,
        "keywords": list(front.keywords),
        "published-by": tr("Published by"),
        "isbn-label": tr("ISBN"),
        "cover-image": cover,
        "cover-alt": f"{tr('Cover')}: {' '.join(edition.title.split())}",
        "lang": typst_lang(edition.lang),
        "dir": edition.direction,
        "fonts": names(fonts.stack),
        "mono-fonts": names(fonts.mono),
        "font-size": kind.size,
        "leading": kind.leading,
        "spacing": kind.spacing,
        "title-leading": kind.title_leading,
        "title-gap": kind.title_gap,
        "top-edge": kind.edges[0],
        "bottom-edge": kind.edges[1],
        "digits": DIGITS.get(edition.digits, DIGITS["latn"]),
    }
