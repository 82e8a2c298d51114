"""The fonts of one book or site: stacks chosen by script, checked, and written as CSS.

:func:`book_fonts` is called before a PDF is compiled or an EPUB is packed: it
chooses the families for the text (:mod:`tarjama.render.fonts.scripts`), checks that
they have every character (:mod:`tarjama.render.fonts.coverage`) and says which faces
to embed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tarjama.core.locales import DIGITS
from tarjama.render.contract import Edition
from tarjama.render.fonts.coverage import check_coverage, cmap, needed_chars
from tarjama.render.fonts.files import FontFace, faces, family_name
from tarjama.render.fonts.scripts import book_stack, css_names, locale_stack, mono_stack


@dataclass(frozen=True)
class Type:
    """Typography of a family as the main one: body size in points, gaps between lines
    and paragraphs in em (and between the lines of a chapter title), CSS line height."""

    size: float
    leading: float
    spacing: float
    title_leading: float
    line_height: float
    title_gap: float = 1.2  # em below a chapter title
    # Typst measures lines from cap height to baseline; a script that rises and falls
    # far beyond them (Nastaliq) is measured by its ascender and descender instead
    edges: tuple[str, str] = ("cap-height", "baseline")


# Amiri looks smaller than Noto Serif at the same size and needs more room between
# lines; Nastaliq descends steeply and needs more still; CJK and Indic scripts a little.
_TYPES = {
    "Amiri": Type(12.5, 1.0, 1.6, 0.9, 1.9),
    "Noto Nastaliq Urdu": Type(11.5, 0.5, 1.0, 0.3, 2.4, 1.2, ("ascender", "descender")),
}
_TALL = Type(10.5, 0.9, 1.2, 0.6, 1.8)  # Indic and Thai: marks above and below
_CJK = Type(10.5, 0.8, 1.1, 0.6, 1.75)
LATIN_TYPE = Type(10.5, 0.7, 1.1, 0.5, 1.6)


def typography(family: str) -> Type:
    """The typography of a book whose main family is *family*."""
    if family in _TYPES:
        return _TYPES[family]
    if "CJK" in family:
        return _CJK
    if family.startswith(("Noto Sans ", "Noto Serif ", "Hind")):
        return _TALL
    return LATIN_TYPE


@dataclass(frozen=True)
class BookFonts:
    """The families of a book (best first), those of its code, and its characters."""

    stack: tuple[str, ...]
    mono: tuple[str, ...]
    chars: frozenset[str]
    italic: bool = True  # whether the text has emphasis (italic faces are embedded then)
    code: bool = True  # whether it has code (the monospace faces are embedded then)

    @property
    def main(self) -> str:
        return self.stack[0]

    def faces(self) -> list[FontFace]:
        """Every face of a family that has at least one of the book's characters."""
        points = {ord(c) for c in self.chars}
        used: list[FontFace] = []
        for family in self.mono:
            found = faces(family)
            if family == self.mono[0] and not self.code:
                continue
            if any(points & cmap(face) for face in found if face.style == "normal"):
                italic = self.italic and family != self.mono[0]  # code is never italic
                used.extend(face for face in found if italic or face.style == "normal")
        return used


def book_fonts(
    edition: Edition,
    texts: Iterable[str],
    *,
    what: str,
    italic: bool = True,
    code: bool = True,
) -> BookFonts:
    """Choose and check the fonts of *edition*'s book with *texts*; raise the one-line
    missing-glyph error when the chosen fonts lack a character. Without *italic* or
    *code* (no emphasis, no code), the italic or monospace faces are not embedded."""
    chars = needed_chars(texts) | set(DIGITS.get(edition.digits, ""))
    stack = book_stack(edition.lang, chars, dict(edition.fonts))
    mono = mono_stack(stack)
    check_coverage(edition, chars, mono if code else stack, what)
    return BookFonts(stack, mono, frozenset(chars), italic, code)


def font_face_css(chosen: Sequence[tuple[FontFace, str]], *, swap: bool = False) -> str:
    """``@font-face`` rules for (face, URL) pairs."""
    rules = []
    for face, url in chosen:
        weight = f"{face.weight_min} {face.weight_max}" if face.variable else str(face.weight_min)
        display = " font-display: swap;" if swap else ""
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-style: {face.style}; '
            f'font-weight: {weight}; src: url("{url}");{display} }}'
        )
    return "\n".join(rules) + "\n"


def family_css(fonts: BookFonts, langs: Iterable[str], edition: Edition) -> str:
    """Which family sets what: the book, passages in other languages, code (in every
    script, so ``:lang(ar)`` never sets code in Amiri)."""
    overrides = dict(edition.fonts)
    kind = typography(fonts.main)
    rules = [f":root {{ font-family: {css_names(fonts.stack)}; line-height: {kind.line_height}; }}"]
    for lang in sorted(set(langs) - {edition.lang}):
        own = locale_stack(lang, overrides)
        other = typography(own[0]) if own else LATIN_TYPE
        stack = (*own, *fonts.stack)
        rules.append(
            f'[lang="{lang}"] {{ font-family: {css_names(dict.fromkeys(stack))};'
            f" line-height: {other.line_height}; }}"
        )
    mono = css_names(fonts.mono).replace(", serif", ", monospace")
    rules.append(
        f":root :is(pre, code, kbd, samp), :root [lang] :is(pre, code, kbd, samp)"
        f" {{ font-family: {mono}; font-variant-ligatures: none; }}"
    )
    return "\n".join(rules) + "\n"


def names(families: Iterable[str]) -> list[str]:
    """The family names Typst knows *families* by."""
    return [family_name(f) for f in families]
