"""``$math$`` in the books: MathML in HTML and EPUB, Typst math in the PDF.

Typst sets math in an OpenType math font (one with a MATH table). PyPI has none, and
Debian's Noto Sans Math lacks the table, so the project's setup installs Debian's
``fonts-dejavu-extra`` (DejaVu Math TeX Gyre); only that one file is shown to Typst, in a
folder of its own, so no other system font can change a PDF.
"""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import tempfile
from pathlib import Path

from tarjama.core.errors import RenderError

MATH_FAMILY = "DejaVu Math TeX Gyre"
MATH_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf")
# Typst math in pandoc's output: an unescaped dollar (text dollars are written "\$")
_TYPST_MATH = re.compile(rb"(?<!\\)\$")


def has_math(typst_source: bytes) -> bool:
    r"""Whether pandoc's Typst output sets any math.

    >>> has_math(b"costs \\$5"), has_math(b"$x^2$")
    (False, True)
    """
    return _TYPST_MATH.search(typst_source) is not None


def math_rule() -> str:
    """The Typst show rule that sets equations in the math font."""
    return f'#show math.equation: set text(font: "{MATH_FAMILY}")'


@functools.cache
def math_font_folder(locale: str = "") -> Path:
    """A folder holding only the math font (for Typst's font search)."""
    if not MATH_FONT.is_file():
        raise RenderError(
            f"{locale} PDF: the text has $math$, which needs the font {MATH_FONT}; "
            "install it with 'make system-deps' (Debian package fonts-dejavu-extra)"
        )
    folder = Path(tempfile.mkdtemp(prefix="tarjama-math-font-"))
    atexit.register(shutil.rmtree, folder, True)
    shutil.copyfile(MATH_FONT, folder / MATH_FONT.name)
    return folder
