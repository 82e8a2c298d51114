"""The fonts tarjama ships and where their files are: PyPI packages first, Debian's otherwise.

Every family a book or a page may use is named in :data:`FAMILIES`, with the
package that installs it (``make`` installs them all). A family is never looked up
on the system by name: Typst and the EPUB see only the files listed here, so
every machine renders the same book and nothing falls back to a font by accident.
A project may add font files of its own through ``[fonts]`` (a path inside the
project instead of a family name).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from tarjama.core.errors import RenderError

_DEBIAN = Path("/usr/share/fonts/truetype/noto")


@dataclass(frozen=True)
class Family:
    """Where one family's files come from: a fontpkg package, files of a Python package
    (``module/file``, a collection index after ``#``), or files of a Debian package."""

    name: str
    package: str  # what to install, for messages: "fontpkg-amiri", "Debian fonts-noto-core"
    fontpkg: bool = False
    files: tuple[str, ...] = ()


def _deb(name: str, *stems: str) -> Family:
    return Family(name, "Debian fonts-noto-core", files=tuple(f"{_DEBIAN}/{s}.ttf" for s in stems))


def _cjk(region: str, index: int) -> Family:
    return Family(
        f"Noto Sans CJK {region}",
        "manimgx-fonts-cjk",
        files=(f"manimgx_fonts_cjk/NotoSansCJK-VF.otf.ttc#{index}",),
    )


FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        Family("Noto Serif", "fontpkg-noto-serif", fontpkg=True),
        Family("Amiri", "fontpkg-amiri", fontpkg=True),
        # Regular only: Debian's Bold says weight 400 too, and Typst would take either
        _deb("Noto Nastaliq Urdu", "NotoNastaliqUrdu-Regular"),
        Family("Frank Ruhl Libre", "fontpkg-frank-ruhl-libre", fontpkg=True),
        Family("Noto Sans Devanagari", "fontpkg-noto-sans-devanagari", fontpkg=True),
        Family("Hind Siliguri", "fontpkg-hind-siliguri", fontpkg=True),
        Family("Noto Sans Tamil", "fontpkg-noto-sans-tamil", fontpkg=True),
        Family("Noto Sans Telugu", "fontpkg-noto-sans-telugu", fontpkg=True),
        _deb("Noto Serif Gujarati", "NotoSerifGujarati-Regular", "NotoSerifGujarati-Bold"),
        _deb("Noto Serif Gurmukhi", "NotoSerifGurmukhi-Regular", "NotoSerifGurmukhi-Bold"),
        _deb("Noto Serif Kannada", "NotoSerifKannada-Regular", "NotoSerifKannada-Bold"),
        _deb("Noto Serif Malayalam", "NotoSerifMalayalam-Regular", "NotoSerifMalayalam-Bold"),
        _deb("Noto Serif Sinhala", "NotoSerifSinhala-Regular", "NotoSerifSinhala-Bold"),
        Family("Noto Sans Thai", "fontpkg-noto-sans-thai", fontpkg=True),
        _cjk("JP", 0),
        _cjk("KR", 1),
        _cjk("SC", 2),
        _cjk("TC", 3),
        Family("JetBrains Mono", "fontpkg-jetbrains-mono", fontpkg=True),
    )
}
LATIN_FAMILY = "Noto Serif"
MONO_FAMILY = "JetBrains Mono"


@dataclass(frozen=True)
class FontFace:
    """One font file of a family (a face of a collection when *index* is set)."""

    family: str
    path: Path
    style: str
    weight_min: int
    weight_max: int
    index: int | None = None

    @property
    def variable(self) -> bool:
        """Whether the file is a variable font covering a weight range."""
        return self.weight_min != self.weight_max

    @property
    def file_name(self) -> str:
        """A file name for this face alone, without ``[axes]`` (unsafe in EPUB URLs)."""
        name = re.sub(r"\[[^\]]*\]", "", self.path.name)
        if self.index is not None:  # one face of a collection, written as a font of its own
            name = f"{self.family.replace(' ', '')}.otf"
        return name


def _fontpkg_faces(family: Family) -> list[FontFace]:
    import fontpkg

    try:
        fam = fontpkg.family(family.name)
    except fontpkg.FontpkgError as exc:
        raise RenderError(
            f"font {family.name!r} is not installed ({exc}); install {family.package}"
        ) from None
    found = []
    for entry in fam.files:
        low = entry.wght_min if entry.variable else entry.weight
        high = entry.wght_max if entry.variable else entry.weight
        path = Path(entry.path)
        found.append(
            FontFace(family.name, path, str(entry.style), int(low or 400), int(high or 400))
        )
    return found


def _file_face(name: str, path: Path, index: int | None) -> FontFace:
    """The face in *path* (at *index* in a collection), its weight and style read from it."""
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index if index is not None else -1, lazy=True) as font:
        weight = int(font["OS/2"].usWeightClass)
        italic = bool(font["OS/2"].fsSelection & 1)
        if font["head"].macStyle & 1 and weight < 600:  # a Bold file that says 400
            weight = 700
        low = high = weight
        if "fvar" in font:
            axes = {axis.axisTag: axis for axis in font["fvar"].axes}
            if "wght" in axes:
                low, high = int(axes["wght"].minValue), int(axes["wght"].maxValue)
    return FontFace(name, path, "italic" if italic else "normal", low, high, index)


def _locate(spec: str) -> tuple[Path, int | None]:
    """The file of ``module/file#index`` or of an absolute path."""
    head, _, index = spec.partition("#")
    if not head.startswith("/"):
        module, _, rest = head.partition("/")
        found = importlib.util.find_spec(module)
        if found is None or found.origin is None:
            return Path(head), None
        head = str(Path(found.origin).parent / rest)
    return Path(head), int(index) if index else None


@functools.cache
def faces(name: str) -> tuple[FontFace, ...]:
    """The files of the family *name* (or of the font file at the absolute path *name*)."""
    family = FAMILIES.get(name)
    if family is None and name.startswith("/"):
        family = Family(name, "the file named in [fonts]", files=(name,))
    if family is None:
        known = ", ".join(sorted(FAMILIES))
        raise RenderError(f"unknown font family {name!r}; use one of: {known}")
    if family.fontpkg:
        found = _fontpkg_faces(family)
    else:
        found = []
        for spec in family.files:
            path, index = _locate(spec)
            if not path.is_file():
                raise RenderError(
                    f"font file {path} of {family.name!r} is missing; install {family.package}"
                    " (make system-deps)"
                )
            face = _file_face(family.name, path, index)
            found.append(face if name in FAMILIES else _rename(face))
    return tuple(sorted(found, key=lambda f: (f.style != "normal", f.weight_min, f.path.name)))


def _rename(face: FontFace) -> FontFace:
    """A project's own font file goes by the family name written in it."""
    from fontTools.ttLib import TTFont

    with TTFont(face.path, fontNumber=face.index or -1, lazy=True) as font:
        family = font["name"].getBestFamilyName() or face.path.stem
    return FontFace(family, face.path, face.style, face.weight_min, face.weight_max, face.index)


def family_name(name: str) -> str:
    """The family name Typst and CSS know *name* by (a file's name from its name table)."""
    return faces(name)[0].family


def watched_fonts() -> list[str]:
    """Every shipped font file a build may read (for the build fingerprint)."""
    paths: set[str] = set()
    for name in FAMILIES:
        try:
            paths.update(str(face.path) for face in faces(name))
        except RenderError:
            continue  # not installed: the build that needs it says so
    return sorted(paths)
