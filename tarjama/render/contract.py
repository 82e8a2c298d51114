"""The render contract: the plain data the publish stage hands every renderer.

An :class:`Edition` (one locale's publication) of :class:`Chapter` (its articles) in
:class:`Section` (its folders) with its navigation (:class:`NavItem`) and book front
matter (:class:`FrontMatter`); for the site, each :class:`Page`'s place (its language
:class:`Link` and :class:`Alternate` versions, its :class:`Neighbour` articles) and the
sitemap and feed records. The renderers never read PO files or the source tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class Chapter:
    """One published article in one locale.

    ``body`` is the merged document as pandoc JSON (never Markdown: a translation is
    never read by a Markdown parser). Text that fell back to the source language is in
    a Div or Span with ``lang="en" dir="ltr"``; a fallen-back title has ``title_lang``
    set.
    """

    slug: str
    title: str
    summary: str
    date_text: str
    body: str
    order: int = 0
    date_iso: str = ""  # ISO 8601, for <time datetime> and feeds
    title_lang: str | None = None
    summary_lang: str | None = None
    media: tuple[str, ...] = ()  # its local images, relative to the edition's media folder
    section: str = ""  # the folder it is in ("history/early"; "" for the top)
    # links to other articles: (the path as written, the target's slug, "" when the
    # target is not in this edition)
    links: tuple[tuple[str, str], ...] = ()
    # (text, "translations/<locale>/<slug>.po:<line>" or "source/<slug>.md:<line>") of each
    # segment shown, so that a character no font has is reported where it was written
    origins: tuple[tuple[str, str], ...] = ()
    # The digest of everything above as the build knows it without the body: a book looks
    # the chapter's converted form up by it, so a kept chapter needs no body ("").
    key: str = ""

    @property
    def is_index(self) -> bool:
        """Whether this is a section's introduction (its ``index.md``)."""
        return self.slug.rpartition("/")[2] == "index"


@dataclass(frozen=True)
class Section:
    """A folder of the source with something published in this edition."""

    path: str  # "history/early" ("" is the top, which is the edition itself)
    title: str
    title_lang: str | None = None  # the source language when the title fell back to it
    summary: str = ""
    summary_lang: str | None = None

    @property
    def depth(self) -> int:
        """1 for a folder of the source folder, 2 for one inside it..."""
        return self.path.count("/") + 1 if self.path else 0


@dataclass(frozen=True)
class NavItem:
    """One entry of the navigation tree: a section (with its entries) or an article."""

    kind: str  # "section" or "article"
    slug: str  # the article's slug, or the section's path
    title: str
    href: str  # relative to the edition's folder: "history/early-years.html"
    title_lang: str | None = None
    summary: str = ""
    summary_lang: str | None = None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class FrontMatter:
    """The book's front matter in the edition's language (translated through ui.po)."""

    authors: tuple[str, ...] = ()
    publisher: str = ""
    rights: str = ""
    edition: str = ""
    isbn: str = ""
    keywords: tuple[str, ...] = ()
    cover: str = ""  # an image file; "" for a cover generated from the title
    archival: bool = False  # PDF/A-2b as well as PDF/UA-1


@dataclass(frozen=True)
class Edition:
    """Everything needed to render one locale's publication."""

    locale: str
    lang: str
    direction: Direction
    title: str
    description: str
    language_name: str
    chapters: tuple[Chapter, ...]
    gettext: Callable[[str], str] = field(default=lambda s: s, compare=False)
    source_lang: str = "en"
    date_iso: str = ""
    media_dir: str = ""  # the folder the chapters' image paths are relative to
    # images replaced in this locale: (relative path, the variant's relative path)
    media_variants: tuple[tuple[str, str], ...] = ()
    sections: tuple[Section, ...] = ()  # in publication order
    nav: tuple[NavItem, ...] = ()  # the navigation tree (top-level entries)
    # [fonts] overrides: a locale or ISO 15924 script -> family names or font file paths
    fonts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    digits: str = "latn"  # CLDR numbering system of generated numbers (page, footnote, list)
    front: FrontMatter = FrontMatter()

    def media_files(self) -> dict[str, str]:
        """Every image of the published chapters: relative path -> file (a locale's
        variant, ``images/map.ar.png``, where there is one)."""
        variants = dict(self.media_variants)
        return {
            relative: f"{self.media_dir}/{variants.get(relative, relative)}"
            for chapter in self.chapters
            for relative in chapter.media
        }

    def section(self, path: str) -> Section | None:
        """The section at *path*, if this edition publishes something in it."""
        return next((s for s in self.sections if s.path == path), None)


# -- site and page records: where a page sits and what links around it --------------


@dataclass(frozen=True)
class Alternate:
    """One language version of a page: its ``hreflang`` (or ``x-default``) and URL."""

    lang: str
    href: str


@dataclass(frozen=True)
class SitemapUrl:
    """One page of the sitemap with every language version of it (itself included)."""

    loc: str
    alternates: tuple[Alternate, ...] = ()
    lastmod: str = ""  # ISO 8601 date, or "" when the page has none


@dataclass(frozen=True)
class FeedEntry:
    """One article in a locale's feed; ``*_lang`` is set when that text fell back."""

    url: str
    title: str
    summary: str
    date: str  # ISO 8601 date, or "" when the article has none
    title_lang: str | None = None
    summary_lang: str | None = None


@dataclass(frozen=True)
class Feed:
    """A locale's Atom feed: where it lives, the index it belongs to, its articles."""

    url: str
    home: str
    lang: str
    title: str
    subtitle: str
    author: str
    entries: tuple[FeedEntry, ...]


@dataclass(frozen=True)
class Link:
    """A link to another locale's version of a page (or to its index, when it lacks the page)."""

    locale: str
    lang: str
    dir: str
    name: str
    href: str
    current: bool = False  # the page's own locale
    missing: bool = False  # the locale does not have this page: *href* is its index


@dataclass(frozen=True)
class Neighbour:
    """The previous or next article in publication order."""

    slug: str
    title: str
    title_lang: str | None = None


@dataclass(frozen=True)
class Page:
    """Where a page sits in the site and what links around it.

    *root* leads from the page to the build folder and *here* to its locale's folder
    (``../../`` and ``../`` for ``fr/history/early-years.html``): relative for ordinary
    pages, absolute for a 404 page (served at any depth) when the site has a base URL.
    *canonical* and *feed* are "" without a base URL.
    """

    switcher: tuple[Link, ...] = ()
    alternates: tuple[Alternate, ...] = ()
    canonical: str = ""
    feed: str = ""
    root: str = "../"
    here: str = ""
    compact: bool = False  # more locales than fit on a line: the switcher is a menu


COMPACT_ABOVE = 6  # locales in the switcher before it becomes a menu
