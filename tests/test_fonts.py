"""Font choice, the missing-glyph check, subsets, [fonts]/[numbers] and bidi isolation."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from tarjama.core.config import load_config
from tarjama.core.errors import ConfigError, RenderError
from tarjama.render.contract import Chapter, Edition


def edition(locale: str, body: str = "", **kw: object) -> Edition:
    chapter = Chapter("x", "T", "", "", body, origins=((body, f"translations/{locale}/x.po:12"),))
    return Edition(
        locale=locale,
        lang=locale,
        direction="ltr",
        title="T",
        description="",
        language_name=locale,
        chapters=(chapter,),
        **kw,  # type: ignore[arg-type]
    )


def test_an_uncovered_character_is_one_line_naming_the_po_entry_and_the_font() -> None:
    from tarjama.render.fonts.use import book_fonts

    text = "Tibetan: བོད"
    with pytest.raises(RenderError) as caught:
        book_fonts(edition("bo", text), [text], what="PDF")
    message = str(caught.value)
    assert message.startswith("translations/bo/x.po:12: bo PDF: no glyph for ད (U+0F51)")
    assert "no font tarjama ships covers Tibetan" in message and "[fonts] bo" in message
    assert "\n" not in message and caught.value.exit_code == 6


def test_an_overridden_script_names_the_shipped_font_to_add() -> None:
    from tarjama.render.fonts.use import book_fonts

    text = "ספרים"
    with pytest.raises(RenderError, match=r'add "Frank Ruhl Libre" to \[fonts\] he'):
        book_fonts(edition("he", text, fonts=(("Hebr", ("Noto Serif",)),)), [text], what="EPUB")
    chosen = book_fonts(edition("he", text), [text], what="EPUB")
    assert chosen.stack[0] == "Frank Ruhl Libre"


def test_subsets_are_small_and_keep_the_characters() -> None:
    from fontTools.ttLib import TTFont

    from tarjama.render.fonts.files import faces
    from tarjama.render.fonts.subset import subset_face

    face = faces("Noto Serif")[0]
    data = subset_face(face, "Bonjour, élève")
    assert len(data) < face.path.stat().st_size / 5
    assert {ord(c) for c in "Bonjour,élève"} <= set(TTFont(io.BytesIO(data)).getBestCmap())
    assert subset_face(face, "élève Bonjour,") == data  # same characters, same bytes
    woff2 = subset_face(face, "abc", flavor="woff2")
    assert woff2[:4] == b"wOF2"


def _project(tmp_path: Path, extra: str) -> Path:
    (tmp_path / "tarjama.toml").write_text(
        f'[project]\ntitle = "T"\nname = "t"\nlocales = ["ur", "bo"]\n\n{extra}', "utf-8"
    )
    return tmp_path


def test_fonts_and_numbers_tables(tmp_path: Path) -> None:
    from tarjama.render.fonts.files import faces
    from tarjama.render.fonts.scripts import locale_stack

    source = faces("Amiri")[0].path
    (tmp_path / "fonts").mkdir()
    shutil.copy(source, tmp_path / "fonts" / "Mine.ttf")
    config = load_config(
        _project(
            tmp_path,
            '[fonts]\nur = ["Amiri"]\nbo = ["fonts/Mine.ttf"]\n\n[numbers]\nur = "arabext"\n',
        )
    )
    fonts = dict(config.fonts)
    assert fonts["ur"] == ("Amiri",) and locale_stack("ur", fonts) == ("Amiri",)
    assert fonts["bo"] == (str(tmp_path / "fonts" / "Mine.ttf"),)
    assert faces(fonts["bo"][0])[0].family == "Amiri"  # named as the file says
    assert dict(config.numbers) == {"ur": "arabext"}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[fonts]\nbad-key! = ["Amiri"]\n', "neither a locale nor a script"),
        ('[fonts]\nur = "Amiri"\n', "must be a list"),
        ('[fonts]\nur = ["fonts/missing.ttf"]\n', "does not exist"),
        ('[numbers]\nur = "roman"\n', "numbering systems"),
    ],
)
def test_bad_fonts_and_numbers_name_the_line(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(_project(tmp_path, extra.replace("bad-key!", '"bad key!"')))
    assert caught.value.line is not None and caught.value.exit_code == 3


def test_left_to_right_runs_are_isolated() -> None:
    from tarjama.render.document.bidi import isolate_html, isolate_inlines

    assert isolate_html("<td>+37 %</td>") == "<td><bdi>+37 %</bdi></td>"
    assert isolate_html("<p>نص <code>a 1</code> 15.8</p>") == (
        "<p>نص <code>a 1</code> <bdi>15.8</bdi></p>"
    )
    assert isolate_html('<div lang="en" dir="ltr"><p>Aid 15</p></div><p>نص 15</p>') == (
        '<div lang="en" dir="ltr"><p>Aid 15</p></div><p>نص <bdi>15</bdi></p>'
    )
    assert isolate_html("<p>a<br>b 1</p>") == "<p><bdi>a</bdi><br><bdi>b 1</bdi></p>"
    # a Latin phrase is one run: isolated word by word, its words would read right to left
    assert isolate_html("<p>كلية NATO Defence College في</p>") == (
        "<p>كلية <bdi>NATO Defence College</bdi> في</p>"
    )
    space = {"t": "Space"}
    phrase = [{"t": "Str", "c": "كلية"}, space, {"t": "Str", "c": "NATO"}, space]
    phrase += [{"t": "Str", "c": "Defence"}]
    assert isolate_inlines(phrase, "<", ">") == [
        {"t": "Str", "c": "كلية "},
        {"t": "RawInline", "c": ["typst", "<"]},
        {"t": "Str", "c": "NATO Defence"},
        {"t": "RawInline", "c": ["typst", ">"]},
    ]
    inlines = [{"t": "Str", "c": "+37"}, {"t": "Space"}, {"t": "Str", "c": "%"}]
    assert isolate_inlines(inlines, "<", ">") == [
        {"t": "RawInline", "c": ["typst", "<"]},
        {"t": "Str", "c": "+37 %"},
        {"t": "RawInline", "c": ["typst", ">"]},
    ]


def test_digits_follow_cldr_and_the_config() -> None:
    from tarjama.core.locales import localize_digits, numbering_system

    assert numbering_system("fa") == "arabext" and numbering_system("bn") == "beng"
    assert numbering_system("ar", {"ar": "arab"}) == "arab"
    assert localize_digits("1 mars 2026", "arab") == "١ mars ٢٠٢٦"


def test_site_fonts_remove_stale_shipped_fonts_but_not_the_projects(tmp_path: Path) -> None:
    from tarjama.render.fonts.web import site_fonts

    fonts = tmp_path / "assets" / "fonts"
    fonts.mkdir(parents=True)
    (fonts / "Amiri-Regular.ttf").write_bytes(b"an earlier build's full font")
    (fonts / "custom.woff2").write_bytes(b"the project's own, from templates/assets/fonts/")
    site_fonts([], "Latin text", tmp_path / "assets")
    names = {p.name for p in fonts.iterdir()}
    assert "Amiri-Regular.ttf" not in names and "custom.woff2" in names
    assert any(name.endswith(".woff2") and name != "custom.woff2" for name in names)
    assert "font-display: swap" in (tmp_path / "assets" / "fonts.css").read_text("utf-8")
