"""Render stage: one locale's edition to HTML pages, an EPUB and a PDF.

The renderers take plain data (:class:`Edition`, :class:`Chapter`) built by the
publish stage; they never read PO files or the source tree themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True)
class Chapter:
    """One published article in one locale.

    ``body`` is Markdown in pandoc's ``commonmark_x`` dialect. Blocks that fell
    back to the source language are wrapped in fenced divs such as
    ``::: {lang="en" dir="ltr"}``; a fallen-back title has ``title_lang`` set.
    """

    slug: str
    title: str
    summary: str
    date_text: str
    body: str
    order: int = 0
    title_lang: str | None = None
    summary_lang: str | None = None
    media: tuple[str, ...] = ()  # its local images, relative to the edition's media folder
    # (text, "translations/<locale>/<slug>.po:<line>" or "source/<slug>.md:<line>") of each
    # segment shown, so that a character no font has is reported where it was written
    origins: tuple[tuple[str, str], ...] = ()


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
    # [fonts] overrides: a locale or ISO 15924 script -> family names or font file paths
    fonts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    digits: str = "latn"  # CLDR numbering system of generated numbers (page, footnote, list)

    def media_files(self) -> dict[str, str]:
        """Every image of the published chapters: relative path -> file."""
        return {
            relative: f"{self.media_dir}/{relative}"
            for chapter in self.chapters
            for relative in chapter.media
        }
