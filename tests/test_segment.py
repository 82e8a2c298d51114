from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tarjama.core.errors import SourceError
from tarjama.segment import parse_article

Run = Callable[..., tuple[int, str, str]]

DOC = """---
title: "The title"
summary: A summary
date: 2026-01-02
---

# Heading one {#top}

A paragraph with **bold**, [a link](https://example.com/a "Link title") and `code`,
wrapped over two lines.[^n]

Setext heading
--------------

- first item
- second *item*
  1. nested item

> Quoted words.

| Name | Value |
|------|-------|
| Apple \\| pear | 42 |

![A red apple](img/apple.png)

```python
print("not for translation")
```

<div class="raw">not for translation either</div>

[^n]: The footnote text.
"""


def segments(text: str = DOC) -> list[tuple[int, str, str]]:
    article = parse_article(text, slug="doc", path=Path("doc.md"))
    return [(s.line, s.kind, s.text) for s in article.segments]


def test_every_kind_with_its_line() -> None:
    assert segments() == [
        (2, "front matter: title", "The title"),
        (3, "front matter: summary", "A summary"),
        (7, "heading 1", "Heading one"),
        (
            9,
            "paragraph",
            'A paragraph with **bold**, [a link](https://example.com/a "Link title") and '
            "`code`, wrapped over two lines.[^n]",
        ),
        (12, "heading 2", "Setext heading"),
        (15, "list item", "first item"),
        (16, "list item", "second *item*"),
        (17, "list item", "nested item"),
        (19, "block quote", "Quoted words."),
        (21, "table header", "Name"),
        (21, "table header", "Value"),
        (23, "table cell", "Apple \\| pear"),
        (23, "table cell", "42"),
        (25, "image", "![A red apple](img/apple.png)"),
        (33, "footnote", "The footnote text."),
    ]


def test_code_and_html_are_not_extracted_but_numbers_are() -> None:
    texts = [text for _, _, text in segments()]
    assert not any("not for translation" in t for t in texts)
    assert "42" in texts  # French may write a number its own way (15.8 -> 15,8)
    assert [t for _, _, t in segments("| a |\n|---|\n| 15.8 |\n| — |\n")] == ["a", "15.8"]


def test_an_untranslated_number_is_shown_as_it_is_without_fallback() -> None:
    import polib

    from tarjama.merge import merge
    from tests.conftest import merged_markdown

    article = parse_article(
        "| Share | Rise |\n|---|---|\n| 15.8 | +37 % |\n", slug="t", path=Path("t.md")
    )
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Share", msgstr="Part"))
    po.append(polib.POEntry(msgid="Rise", msgstr="Hausse"))
    po.append(polib.POEntry(msgid="15.8", msgstr="15,8"))
    merged = merge(article, po, locale="fr")
    body = merged_markdown(merged.body)
    assert "15,8" in body and "+37 %" in body
    assert 'lang="en"' not in body and merged.percent == 100.0


def test_hard_breaks_survive_as_backslash_newline() -> None:
    assert segments("One  \ntwo\\\nthree\nfour\n") == [(1, "paragraph", "One\\\ntwo\\\nthree four")]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("---\ntitle: [unclosed\n---\nBody\n", "front matter", 2),
        ("---\n- a list\n---\nBody\n", "mapping", 2),
        ("---\ntitle: x\nslug: ../../etc\n---\nBody\n", "slug", 3),
    ],
)
def test_bad_front_matter_names_the_line(text: str, message: str, line: int) -> None:
    with pytest.raises(SourceError) as info:
        parse_article(text, slug="doc", path=Path("doc.md"), display="source/doc.md")
    assert message in info.value.message
    assert info.value.line == line
    assert str(info.value).startswith(f"source/doc.md:{line}: ")


AUTHORED = """---
title: Training
---

<!-- context: heading -->
## Training

<!-- translators: "drills" are military exercises, not tools -->
The drills ran for **two weeks**.

| Activity | Days |
|---|---|
| Training | 3 |

<!--
Translators: keep NATO in Latin letters.
-->
- NATO partners joined.
- Others watched.
"""


def test_an_authors_comments_become_the_entrys_note_and_context(sample: Path, run: Run) -> None:
    """``<!-- translators: -->`` right before a block is each of its entries' ``#.`` note,
    ``<!-- context: -->`` its msgctxt: "Training" as a heading and in a table are two
    entries, translated two ways, and gettext's tools read the files as theirs."""
    (sample / "source" / "training.md").write_text(AUTHORED, "utf-8")
    assert run(sample, "-q", "extract")[0] == 0
    pot = polib.pofile(str(sample / "translations" / "training.pot"))
    heading = next(e for e in pot if e.msgctxt == "heading")
    assert heading.msgid == "Training" and "type: heading 2" in heading.comment
    cell = next(e for e in pot if e.msgid == "Training" and e.msgctxt is None)
    assert "table cell" in cell.comment
    drills = next(e for e in pot if e.msgid.startswith("The drills"))
    assert drills.comment.split("\n") == [
        "type: paragraph",
        '"drills" are military exercises, not tools',
    ]
    assert all("keep NATO" in e.comment for e in pot if e.msgid.endswith(("joined.", "watched.")))
    assert run(sample, "-q", "update", "-l", "fr")[0] == 0
    po_file = sample / "translations" / "fr" / "training.po"
    po = polib.pofile(str(po_file))
    for entry in po:
        if entry.msgid == "Training":
            entry.msgstr = "Entraînement" if entry.msgctxt else "Formation"
        elif entry.msgid:
            entry.msgstr = entry.msgid
    po.save(str(po_file))
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_file)], check=True)
    assert run(sample, "-q", "build", "-l", "fr", "--format", "html")[0] == 0
    page = (sample / "build" / "fr" / "training.html").read_text("utf-8")
    assert re.search(r"<h2[^>]*>Entraînement</h2>", page) and "<td>Formation</td>" in page
