"""A book's structure from the source tree: sections become parts, articles chapters.

A section (a folder of the source) opens with a heading one level above its articles':
its ``index.md`` when the edition has it (that chapter opens the part), else a part
heading with the section's title. Links between articles become links inside the book,
``#chapter`` or ``#chapter__anchor`` (a chapter's identifiers are prefixed with its
own), which each book resolves: the EPUB to the chapter's file, the PDF to a Typst
label. A link to an article this edition leaves out keeps its text. Image paths become
relative to the source folder, where the edition's media files are.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from tarjama.render.contract import Chapter, Edition, Section
from tarjama.render.document.ast import Json, rewrite

_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|/|#)")
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


@dataclass(frozen=True)
class BookItem:
    """One entry of a book's outline, in reading order: a chapter, or a part that opens a
    section without its own introduction in this edition. *level* is its heading level
    in the PDF (1 for the book's top level); *depth* its nesting in the contents."""

    ident: str
    level: int
    chapter: Chapter | None = None
    section: Section | None = None


def chapter_ids(chapters: tuple[Chapter, ...]) -> list[str]:
    """One identifier per chapter from its slug, usable as file name, XML id and Typst label.

    >>> chapter_ids((Chapter("history/early", "", "", "", ""), Chapter("1a", "", "", "", "")))
    ['history-early', 'c-1a']
    """
    ids: list[str] = []
    for index, chapter in enumerate(chapters, 1):
        base = re.sub(r"[^A-Za-z0-9_-]+|_{2,}", "-", chapter.slug).strip("-_") or "chapter"
        base = base if base[0].isalpha() else f"c-{base}"
        ids.append(base if base not in ids else f"{base}-{index}")
    return ids


def part_id(path: str) -> str:
    """The identifier of the part that section *path* opens.

    >>> part_id("history/early")
    'part-history-early'
    """
    return "part-" + re.sub(r"[^A-Za-z0-9_-]+|_{2,}", "-", path).strip("-")


def ancestors(section: str) -> list[str]:
    """The sections that hold *section*, outermost first, itself included.

    >>> ancestors("a/b/c"), ancestors("")
    (['a', 'a/b', 'a/b/c'], [])
    """
    parts = section.split("/") if section else []
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def outline(edition: Edition) -> list[BookItem]:
    """The book's chapters in publication order, each section opened by its part."""
    opened: set[str] = set()
    items: list[BookItem] = []
    for ident, chapter in zip(chapter_ids(edition.chapters), edition.chapters, strict=True):
        opens_itself = chapter.is_index and bool(chapter.section)
        for path in ancestors(chapter.section):
            if path in opened:
                continue
            opened.add(path)
            section = edition.section(path) or Section(path, path.rpartition("/")[2])
            if not (opens_itself and path == chapter.section):
                items.append(BookItem(part_id(path), section.depth, section=section))
        depth = chapter.section.count("/") + 1 if chapter.section else 0
        items.append(BookItem(ident, depth if opens_itself else depth + 1, chapter=chapter))
    return items


def link_targets(chapter: Chapter, slug_ids: Mapping[str, str]) -> dict[str, str]:
    """The links of *chapter* to other articles: the path as written -> the target
    chapter's identifier ("" when this edition leaves the target out)."""
    return {
        written: slug_ids.get(target, "") if target else "" for written, target in chapter.links
    }


def localize(
    blocks: list[Json], chapter: Chapter, targets: Mapping[str, str], media: frozenset[str]
) -> list[Json]:
    """*blocks* of *chapter* with links to other articles made internal (see
    :func:`link_targets`), image paths made relative to the source folder, and images
    that are not among the edition's *media* files shown as their description: a book
    holds no image but the article's own."""

    def change(node: Json) -> list[Json] | None:
        if node["t"] == "Image":
            attr, alt, (url, title) = node["c"]
            if not _REMOTE.match(url):
                relative = unquote(url.split("#", 1)[0].split("?", 1)[0])
                url = posixpath.normpath(posixpath.join(chapter.section, relative))
                if url in media:
                    return [{"t": "Image", "c": [attr, alt, [url, title]]}]
            return [{"t": "Span", "c": [["", ["image-description"], []], alt]}]
        if node["t"] != "Link":
            return None
        attr, content, (url, title) = node["c"]
        path, _, anchor = url.partition("#")
        if path not in targets:  # a file of the source folder: the site has it, a book not
            return list(content) if path and not _URL.match(path) else None
        ident = targets[path]
        if not ident:  # not in this edition: the text stays, the link goes
            return list(content)
        target = f"#{ident}__{anchor}" if anchor else f"#{ident}"
        return [{"t": "Link", "c": [attr, content, [target, title]]}]

    result: list[Json] = rewrite(blocks, change)
    return result


def cross_target(url: str, ident: str) -> str | None:
    """The chapter a link *url* of chapter *ident* leads into, if it is another one.

    >>> cross_target("#b__x", "a"), cross_target("#a__x", "a"), cross_target("https://e", "a")
    ('b', None, None)
    """
    if not url.startswith("#"):
        return None
    chapter = url[1:].split("__")[0]
    return chapter if chapter and chapter != ident else None
