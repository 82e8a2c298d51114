"""What the EPUB says about itself: its package metadata (with accessibility metadata),
its table of contents and landmarks, and a modification date derived from its content."""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tarjama.core.dates import epoch
from tarjama.core.keys import digest
from tarjama.core.strings import ACCESSIBILITY_SUMMARY
from tarjama.render.contract import Edition


@dataclass(frozen=True)
class Entry:
    """A table-of-contents entry: where it points, its label, its language if not the book's."""

    href: str
    label: str
    lang: str = ""
    children: tuple[Entry, ...] = ()


def modified(edition: Edition, content: Sequence[str]) -> str:
    """``dcterms:modified``: the day of the newest article, at a time of day taken from a
    digest of the book's content, so that any change to a translation gives a new value
    and a rebuild of the same content the same one.

    >>> from tarjama.render.contract import Edition
    >>> book = Edition("fr", "fr", "ltr", "T", "", "Français", (), date_iso="2026-03-02")
    >>> modified(book, ["a"]) == modified(book, ["a"]) != modified(book, ["b"])
    True
    >>> modified(book, ["a"])[:11]
    '2026-03-02T'
    """
    key = digest(repr(edition.front), edition.title, edition.description, *content, size=8)
    seconds = epoch(edition.date_iso) + int(key, 16) % 86400
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def identifier(edition: Edition) -> str:
    """The book's stable identifier, a UUID from its title and locale (the ISBN, if any,
    is a second identifier)."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'tarjama:{edition.title}:{edition.locale}')}"


def book_values(edition: Edition, *, cover_href: str) -> dict[str, Any]:
    """The texts every EPUB template sees as ``book``."""
    front = edition.front
    return {
        "lang": edition.lang,
        "dir": edition.direction,
        "title": " ".join(edition.title.split()),
        "description": " ".join(edition.description.split()),
        "language_name": edition.language_name,
        "authors": list(front.authors),
        "publisher": front.publisher,
        "rights": front.rights,
        "edition": front.edition,
        "isbn": front.isbn,
        "isbn_digits": re.sub(r"[^0-9]", "", front.isbn),
        "keywords": list(front.keywords),
        "cover_href": cover_href,
        "cover_alt": f"{edition.gettext('Cover')}: {' '.join(edition.title.split())}",
    }


def package_meta(edition: Edition, content: Sequence[str], *, images: bool) -> dict[str, Any]:
    """The package document's metadata beyond the texts: dates, identifier, accessibility."""
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    features += ["displayTransformability"]
    if images:
        features.append("alternativeText")
    date = ""
    if edition.date_iso:
        date = dt.datetime.fromtimestamp(epoch(edition.date_iso), dt.UTC).date().isoformat()
    return {
        "identifier": identifier(edition),
        "date": date,
        "modified": modified(edition, content),
        "access_modes": ["textual", "visual"] if images else ["textual"],
        "features": sorted(features),
        "summary": edition.gettext(ACCESSIBILITY_SUMMARY),
    }


def landmarks(edition: Edition, first_chapter: str | None) -> list[dict[str, str]]:
    """The landmarks in the book's language: cover, title page, contents, start of content."""
    tr = edition.gettext
    marks = [
        {"href": "text/cover.xhtml", "type": "cover", "label": tr("Cover")},
        {"href": "text/title_page.xhtml", "type": "titlepage", "label": tr("Title page")},
        {"href": "text/copyright.xhtml", "type": "copyright-page", "label": tr("Copyright page")},
        {"href": "#toc", "type": "toc", "label": tr("Contents")},
    ]
    if first_chapter:
        marks.append({"href": first_chapter, "type": "bodymatter", "label": tr("Start of content")})
    return marks


_HEADING = re.compile(r"<h([12])([^>]*)>(.*?)</h\1>", re.S)


def sections(body: str) -> list[tuple[int, str, str, str]]:
    """(level, id, label, lang) of the chapter title and section headings of an XHTML body.

    >>> sections('<h1 id="a">A &amp; B</h1><h2 id="a__x"><span lang="en">X</span></h2>')
    [(1, 'a', 'A & B', ''), (2, 'a__x', 'X', 'en')]
    """
    found = []
    for level, attrs, inner in _HEADING.findall(body):
        ident = re.search(r'\bid="([^"]*)"', attrs)
        lang = re.search(r'\blang="([^"]*)"', inner)
        label = html.unescape(re.sub(r"<[^>]+>", "", inner))
        if ident:
            found.append(
                (int(level), ident.group(1), " ".join(label.split()), lang.group(1) if lang else "")
            )
    return found
