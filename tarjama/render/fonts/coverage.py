"""No missing glyph, ever: every character of a book is checked against the fonts chosen.

Before a PDF is compiled or an EPUB packed, the characters of its text (and of the
interface strings around it) are looked up in the character maps of the book's
families (fontTools). One that no family has fails the book with one line naming
the locale, the characters, the ``translations/<locale>/<slug>.po:<line>`` they
come from (carried on the :class:`~tarjama.render.Chapter` as plain data), and the
font to add.
"""

from __future__ import annotations

import functools
import unicodedata as ucd
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fontTools import unicodedata

from tarjama.core.errors import RenderError
from tarjama.render.contract import Edition
from tarjama.render.fonts.files import FontFace, faces
from tarjama.render.fonts.scripts import SCRIPT_FONTS, locale_script, text_script

Json = Any
_TEXT_NODES = {"Str": None, "Code": 1, "CodeBlock": 1, "Math": 1}
# Characters a font need not have: controls, format characters (joiners, bidi marks,
# soft hyphens), line and paragraph separators and variation selectors.
_IGNORED = {"Cc", "Cf", "Zl", "Zp"}


def ignorable(char: str) -> bool:
    """Whether *char* needs no glyph of its own.

    >>> ignorable("\\u200c"), ignorable(" "), ignorable("a")
    (True, True, False)
    """
    code = ord(char)
    return (
        (char.isspace() and char not in "\u00a0\u202f")
        or ucd.category(char) in _IGNORED
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


def doc_texts(node: Json) -> Iterator[str]:
    """The text of every Str, Code, CodeBlock and Math element under *node*."""
    if isinstance(node, dict):
        kind = node.get("t")
        if kind in _TEXT_NODES:
            at = _TEXT_NODES[kind]
            yield node["c"] if at is None else node["c"][at]
            return
        for value in node.values():
            yield from doc_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from doc_texts(item)


def edition_texts(edition: Edition) -> list[str]:
    """What a book shows besides its chapters: title, description, interface strings."""
    shown = ("Contents", "Title page", "Cover", "Copyright page", "Start of content")
    ui = [edition.gettext(s) for s in shown]
    return [edition.title, edition.description, edition.language_name, *ui]


def needed_chars(texts: Iterable[str]) -> set[str]:
    """The characters of *texts* that need a glyph."""
    found: set[str] = set()
    for text in texts:
        found.update(text)  # each distinct character once: a book has millions of them
    return {c for c in found if not ignorable(c)}


@functools.cache
def cmap(face: FontFace) -> frozenset[int]:
    """The code points *face* has a glyph for."""
    from fontTools.ttLib import TTFont

    number = face.index if face.index is not None else -1
    with TTFont(face.path, fontNumber=number, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def covered(families: Iterable[str]) -> frozenset[int]:
    """The code points some upright face of *families* has."""
    points: set[int] = set()
    for family in families:
        for face in faces(family):
            if face.style == "normal":
                points |= cmap(face)
    return frozenset(points)


def missing(chars: Iterable[str], families: Iterable[str]) -> list[str]:
    """The characters of *chars* none of *families* has, sorted."""
    points = covered(families)
    return sorted(c for c in set(chars) if ord(c) not in points)


def _origin(edition: Edition, bad: set[str]) -> tuple[str | None, int | None]:
    """Where the first text holding one of *bad* comes from: a PO entry, a source line,
    or the interface catalog."""
    for chapter in edition.chapters:
        for text, where in chapter.origins:
            if bad & set(text):
                path, _, line = where.rpartition(":")
                return (path, int(line)) if line.isdigit() else (where, None)
    if any(bad & set(text) for text in edition_texts(edition)):
        return f"translations/{edition.locale}/ui.po", None
    return None, None


def _advice(edition: Edition, bad: list[str]) -> str:
    """Which font to add for *bad*."""
    scripts = sorted({text_script(c) for c in bad})
    shipped = [f for s in scripts for f in SCRIPT_FONTS.get(s, ())]
    key = edition.locale if locale_script(edition.lang) in scripts else scripts[0]
    if shipped:
        names = ", ".join(f'"{f}"' for f in dict.fromkeys(shipped))
        return f"add {names} to [fonts] {key} in tarjama.toml"
    names = ", ".join(unicodedata.script_name(s) for s in scripts)
    example = f"Noto Sans {unicodedata.script_name(scripts[0])}"
    if scripts == ["Zyyy"]:  # symbols and emoji
        key, example = "Zyyy", "Noto Emoji, or Symbola from Debian's fonts-symbola"
    return (
        f"no font tarjama ships covers {names}: add a font file that does"
        f' (such as {example}) to tarjama.toml: [fonts] {key} = ["fonts/<file>.ttf"]'
    )


def check_coverage(
    edition: Edition, chars: Iterable[str], families: Iterable[str], what: str
) -> None:
    """Raise the one-line error when a character of *chars* has no glyph in *families*."""
    families = tuple(families)
    bad = missing(chars, families)
    if not bad:
        return
    shown = " ".join(f"{c} (U+{ord(c):04X})" for c in bad[:8]) + (" ..." if len(bad) > 8 else "")
    path, line = _origin(edition, set(bad))
    fonts = ", ".join(families)
    message = (
        f"{edition.locale} {what}: no glyph for {shown} in the fonts chosen ({fonts});"
        f" {_advice(edition, bad)}"
    )
    raise RenderError(message, path=path, line=line)


def font_files(faces_: Iterable[FontFace]) -> list[Path]:
    """The distinct files of *faces_*."""
    return sorted({face.path for face in faces_})
