"""Fonts from PyPI: Amiri for Arabic script (Arabic, Urdu, Persian), Noto Serif for Latin."""

from __future__ import annotations

from pathlib import Path

from tarjama.errors import RenderError

ARABIC_SCRIPT = {"ar", "ur", "fa", "ps", "sd", "ug", "ckb"}


def font_dir(package: str) -> Path:
    """The folder of font files shipped by a ``fontpkg-*`` package."""
    try:
        module = __import__(package)
    except ImportError:
        raise RenderError(
            f"font package {package} is missing; run 'make build' to install it"
        ) from None
    return Path(str(module.__file__)).parent / "files"


def families(lang: str) -> tuple[str, ...]:
    """Font families in order of preference for text in *lang* (BCP 47).

    >>> families("ur"), families("tr")
    (('Amiri', 'Noto Serif'), ('Noto Serif', 'Amiri'))
    """
    base = lang.split("-")[0].lower()
    return (
        ("Amiri", "Noto Serif")
        if base in ARABIC_SCRIPT or lang == "ar-XB"
        else ("Noto Serif", "Amiri")
    )


def font_paths() -> list[Path]:
    """Folders holding every font the renderers may use."""
    return [font_dir("fontpkg_amiri"), font_dir("fontpkg_noto_serif")]


def font_files(lang: str) -> list[Path]:
    """Regular and bold files of the main family for *lang* (for embedding in an EPUB)."""
    if families(lang)[0] == "Amiri":
        folder = font_dir("fontpkg_amiri")
        return [folder / "Amiri-Regular.ttf", folder / "Amiri-Bold.ttf"]
    return [font_dir("fontpkg_noto_serif") / "NotoSerif[wdth,wght].ttf"]
