"""``$math$`` in all three formats: MathML in HTML and EPUB, Typst math in the PDF (with
DejaVu Math TeX Gyre); a translation keeps the msgid's math and cannot add its own."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, require_tool

Run = Callable[..., tuple[int, str, str]]
MSGID = "The energy is $E = mc^2$ and the angle $\\alpha$."
MSGSTR = "L'énergie vaut $E = mc^2$ et l'angle $\\alpha$, pas $\\beta$."


@pytest.mark.tools
def test_math_renders_in_html_epub_and_pdf(sample: Path, run: Run) -> None:
    from tarjama.render.fonts.math import MATH_FONT

    require_tool("DejaVu Math TeX Gyre", MATH_FONT.is_file())
    import pypdfium2 as pdfium

    article = sample / "source" / "defense-aid-programs.md"
    article.write_text(article.read_text("utf-8") + "\n" + MSGID + "\n", "utf-8")
    assert run(sample, "extract")[0] == 0 and run(sample, "update", "-l", "fr")[0] == 0
    po_file = sample / "translations" / "fr" / "defense-aid-programs.po"
    po = polib.pofile(str(po_file))
    next(e for e in po if e.msgid == MSGID).msgstr = MSGSTR
    po.save()
    code, _, err = run(sample, "build", "-l", "fr")
    assert code == 0, err
    page = (sample / "build" / "fr" / "defense-aid-programs.html").read_text("utf-8")
    assert page.count("<math ") == 2 and "<msup><mi>c</mi><mn>2</mn></msup>" in page
    assert "$\\beta$" in page or "$\\\\beta$" in page or "\\beta" in page  # added math: text
    with zipfile.ZipFile(sample / "build" / "fr" / "defence-cooperation.epub") as book:
        chapters = "".join(
            book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")
        )
    assert chapters.count("<math ") == 2
    pdf = pdfium.PdfDocument(sample / "build" / "fr" / "defence-cooperation.pdf")
    for index in range(len(pdf)):
        text = pdf[index].get_textpage().get_text_range()
        if "énergie" in text:
            out = ROOT / "tests" / "artifacts"
            out.mkdir(exist_ok=True)
            pdf[index].render(scale=1.5).to_pil().save(out / "fr-pdf-math.png")
            assert "𝛼" in text and "𝐸 = 𝑚𝑐" in text and "$\\beta$" in text
    raw = (sample / "build" / "fr" / "defence-cooperation.pdf").read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z+\-]+)", raw))
    assert any(b"DejaVuMath" in f for f in fonts), fonts
