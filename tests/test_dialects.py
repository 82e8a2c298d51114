"""The ecosystem's Markdown: four admonition syntaxes, collapsible ones, content tabs and
``{ #id }`` headings, read into one structure and shown in each format."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tarjama.core.errors import SourceError
from tarjama.merge import merge
from tarjama.render.document.admonitions import shape
from tarjama.render.document.pandoc import to_html
from tarjama.segment import parse_article
from tarjama.segment.skeleton import read_skeleton
from tests.conftest import snapshot

Run = Callable[..., tuple[int, str, str]]

SYNTAXES = {
    "python-markdown": '!!! warning "Mind the *step*"\n    Look down.\n',
    "pymdownx blocks": "/// warning | Mind the *step*\nLook down.\n///\n",
    "github alert": "> [!WARNING]\n> Look down.\n",
    "pandoc": "::: warning\n::: title\nMind the *step*\n:::\nLook down.\n:::\n",
}


def body(markdown: str, po: polib.POFile | None = None, locale: str = "en") -> list[object]:
    article = parse_article(f"# Page\n\n{markdown}", slug="a", path=Path("a.md"))
    merged = merge(article, po, locale=locale, skeleton=read_skeleton(article))
    blocks: list[object] = json.loads(merged.body)["blocks"]
    return blocks


def html(markdown: str, po: polib.POFile | None = None, locale: str = "en") -> str:
    blocks = shape(
        body(markdown, po, locale), "html", lambda s: {"Warning": "Avertissement"}.get(s, s)
    )
    return to_html(json.dumps({"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks}))


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_each_admonition_syntax_is_one_structure(syntax: str) -> None:
    out = html(SYNTAXES[syntax])
    assert '<div class="admonition warning" role="note">' in out
    assert "<p>Look down.</p>" in out
    title = "Avertissement" if syntax == "github alert" else "Mind the <em>step</em>"
    assert f'<div class="admonition-title">\n<p>{title}</p>' in out
    assert "!!!" not in out and "///" not in out and "[!WARNING]" not in out


def test_titles_are_segments_on_their_own_lines_and_translated() -> None:
    text = '# Page\n\nIntro.\n\n!!! tip "Keep *calm*"\n    Breathe.\n'
    article = parse_article(text, slug="a", path=Path("a.md"))
    assert [(s.line, s.kind, s.text) for s in article.segments] == [
        (1, "heading 1", "Page"),
        (3, "paragraph", "Intro."),
        (5, "admonition title", "Keep *calm*"),
        (6, "paragraph", "Breathe."),
    ]
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Keep *calm*", msgstr="Restez *calme*"))
    out = html('!!! tip "Keep *calm*"\n    Breathe.\n', po, "fr")
    assert "<p>Restez <em>calme</em></p>" in out


def test_collapsible_admonitions_and_tabs_take_their_shape() -> None:
    out = html('??? note "More"\n    Hidden.\n\n???+ note "Open"\n    Shown.\n')
    assert '<details class="admonition note">\n<summary>\nMore\n</summary>' in out
    assert '<details class="admonition note" open>' in out
    tabs = html('=== "One"\n\n    First.\n\n=== "Two"\n\n    ```sh\n    ls\n    ```\n')
    assert tabs.count('<div class="tab">') == 2 and '<div class="tab-title">\n<p>Two</p>' in tabs
    assert "ls</span></span></code></pre>" in tabs
    tabs_typst = shape(body('=== "One"\n    First.\n'), "typst", str)
    assert tabs_typst[0] == {"t": "RawBlock", "c": ["typst", "#tab-panel(title: ["]}
    assert tabs_typst[-1] == {"t": "RawBlock", "c": ["typst", "]"]}


def test_books_show_every_admonition_open() -> None:
    xhtml = shape(body('??? danger "Hot"\n    Do not touch.\n'), "xhtml", str)
    assert xhtml[0]["t"] == "Div" and xhtml[0]["c"][0][1] == ["admonition", "danger"]
    typst = shape(body('??? danger "Hot"\n    Do not touch.\n'), "typst", str)
    assert typst[0] == {"t": "RawBlock", "c": ["typst", '#admonition(kind: "danger", title: [']}


def test_unknown_blocks_and_code_pass_through_as_written() -> None:
    out = html("/// html | div\nNot mine.\n///\n\n```\n!!! note\n    code\n```\n")
    assert "/// html | div" in out and "!!! note" in out and "admonition" not in out


def test_explicit_heading_ids_with_spaces_are_kept() -> None:
    out = html("## Batteries { #power }\n\nText.\n")
    assert '<h2 id="power">Batteries</h2>' in out


def test_admonitions_nested_too_deep_are_one_error_at_their_line() -> None:
    deep = "".join("    " * i + "!!! note\n" for i in range(40)) + "    " * 40 + "x\n"
    with pytest.raises(SourceError, match="nested more than 32") as caught:
        parse_article(f"# T\n\n{deep}", slug="a", path=Path("a.md"))
    assert caught.value.line is not None and caught.value.line > 3


def test_a_link_to_a_missing_anchor_leads_to_the_page_and_files_are_copied(
    sample: Path, run: Run
) -> None:
    source = sample / "source" / "defense-aid-programs.md"
    (sample / "source" / "files").mkdir()
    (sample / "source" / "files" / "report.pdf").write_bytes(b"%PDF-1.4 report")
    source.write_text(
        source.read_text("utf-8")
        + "\nSee [the funding](defense-cooperation-funding.md#nowhere)"
        + " and [the report](/files/report.pdf).\n",
        "utf-8",
    )
    assert run(sample, "-q", "extract")[0] == 0
    code, _, err = run(sample, "-q", "build", "-l", "fr", "--format", "html,epub")
    assert code == 0
    assert "warning: link 'defense-cooperation-funding.md#nowhere': " in err
    assert "has no heading or anchor 'nowhere'; the link leads to the top of the page" in err
    page = (sample / "build" / "fr" / "defense-aid-programs.html").read_text("utf-8")
    assert 'href="defense-cooperation-funding.html"' in page
    assert (sample / "build" / "fr" / "files" / "report.pdf").read_bytes() == b"%PDF-1.4 report"
    built = snapshot(sample / "build" / "fr")
    assert not any(name.endswith("report.pdf") and "epub" in name for name in built)


def test_html_images_are_read_as_markdown_images_where_markdown_would_read_them() -> None:
    markdown = (
        '<img src="/img/a.png" alt="A map">\n\n'
        'Look at <img src="b.png" alt="B"> and `<img src="c.png">`.\n\n'
        '<p align="center">\n<img src="d.png">\n</p>\n\n'
        '<img src="{{ user.avatar }}">\n'
    )
    article = parse_article(f"# Page\n\n{markdown}", slug="a", path=Path("a.md"))
    texts = [s.text for s in article.segments]
    assert 'Look at ![B](b.png) and `<img src="c.png">`.' in texts
    shown = html(markdown)
    assert '<img src="/img/a.png" alt="A map"' in shown  # an image, checked and copied
    assert '<img src="d.png">' in shown  # inside an HTML block: as written
    assert "{{ user.avatar }}" in shown and "![" not in shown


def test_code_in_the_site_is_monospace_down_to_its_highlighted_spans(
    sample: Path, run: Run
) -> None:
    assert run(sample, "-q", "build", "-l", "fr", "--format", "html")[0] == 0
    css = (sample / "build" / "assets" / "fonts.css").read_text("utf-8")
    # :lang() names every element's family, so the spans inside code are named too
    assert ":root :is(pre, code, kbd, samp) * {" in css
