"""Which bundled font sets which text: Amiri for Arabic script and RTL, Noto Serif for Latin.

The font files come from the ``fontpkg-*`` Python packages, never from the
system, so every machine renders the same EPUB and PDF.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import fontpkg

from tarjama.core.errors import RenderError
from tarjama.render import Direction

ARABIC_FAMILY = "Amiri"
LATIN_FAMILY = "Noto Serif"
MONO_FAMILY = "IBM Plex Mono"  # code in the PDF

# Primary language subtags written in Arabic script (Amiri covers them all).
_ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps", "sd", "ug", "ckb", "ks", "bal", "pnb"})
_RTL = _ARABIC_SCRIPT | {"he", "yi", "dv", "syr"}
_PACKAGES = {
    ARABIC_FAMILY: "fontpkg-amiri",
    LATIN_FAMILY: "fontpkg-noto-serif",
    MONO_FAMILY: "fontpkg-ibm-plex-mono",
}


@dataclass(frozen=True)
class FontFace:
    """One font file of a family, with the weights it covers."""

    family: str
    path: Path
    style: str
    weight_min: int
    weight_max: int

    @property
    def variable(self) -> bool:
        """Whether the file is a variable font covering a weight range."""
        return self.weight_min != self.weight_max

    @property
    def file_name(self) -> str:
        """The file name without axis tags: ``[`` and ``]`` are not safe in EPUB URLs."""
        return re.sub(r"\[[^\]]*\]", "", self.path.name)


def primary_subtag(lang: str) -> str:
    """Return the lowercase primary subtag of a BCP 47 tag or locale (``ar_EG`` -> ``ar``)."""
    return lang.replace("_", "-").split("-", 1)[0].lower()


def direction_of(lang: str) -> Direction:
    """Return the writing direction of *lang*."""
    return "rtl" if primary_subtag(lang) in _RTL else "ltr"


def family_for(lang: str, direction: Direction = "ltr") -> str:
    """Return the font family that sets body text in *lang*."""
    if direction == "rtl" or primary_subtag(lang) in _ARABIC_SCRIPT:
        return ARABIC_FAMILY
    return LATIN_FAMILY


def families_for(lang: str, direction: Direction = "ltr") -> tuple[str, str]:
    """Return the families for *lang*, main one first, the other as glyph fallback."""
    main = family_for(lang, direction)
    return (main, LATIN_FAMILY if main == ARABIC_FAMILY else ARABIC_FAMILY)


@functools.cache
def faces(family: str) -> tuple[FontFace, ...]:
    """Return the font files of *family* as installed by its fontpkg package."""
    package = _PACKAGES.get(family, "a fontpkg package")
    try:
        fam = fontpkg.family(family)
    except fontpkg.FontpkgError as exc:
        raise RenderError(f"font {family!r} is not installed ({exc}); install {package}") from exc
    found: list[FontFace] = []
    for entry in fam.files:
        path = Path(entry.path)
        if not path.is_file():
            raise RenderError(f"font file {path} is missing; reinstall {package}")
        low = entry.wght_min if entry.variable else entry.weight
        high = entry.wght_max if entry.variable else entry.weight
        found.append(FontFace(family, path, str(entry.style), int(low or 400), int(high or 400)))
    return tuple(sorted(found, key=lambda f: (f.style != "normal", f.weight_min, f.path.name)))


def font_folders(families: tuple[str, ...]) -> tuple[Path, ...]:
    """Return the folders holding the files of *families*, for Typst's font search."""
    return tuple(sorted({face.path.parent for family in families for face in faces(family)}))


def watched_fonts() -> list[str]:
    """Every bundled font file a build may read (for the build fingerprint)."""
    return sorted(str(face.path) for family in _PACKAGES for face in faces(family))


WEB_FONTS = ("Amiri-Regular.ttf", "Amiri-Bold.ttf", "Amiri-Italic.ttf", "Amiri-BoldItalic.ttf")


def web_fonts() -> list[Path]:
    """Font files copied next to the site: Amiri for Arabic script, Noto Serif for Latin,
    each with its italic faces (the browser never slants a face itself)."""
    import fontpkg_amiri
    import fontpkg_noto_serif

    amiri = Path(fontpkg_amiri.__file__).parent / "files"
    noto = Path(fontpkg_noto_serif.__file__).parent / "files"
    latin = [noto / "NotoSerif[wdth,wght].ttf", noto / "NotoSerif-Italic[wdth,wght].ttf"]
    return [amiri / name for name in WEB_FONTS] + latin
