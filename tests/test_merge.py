from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjama.merge import merge
from tarjama.segment import parse_article, parser
from tests.conftest import document, merged_markdown
from tests.test_segment import DOC


def catalog(article_text: str, translate: object = str.upper, *, skip: int = 0) -> polib.POFile:
    article = parse_article(article_text, slug="doc", path=Path("doc.md"))
    po = polib.POFile()
    for index, segment in enumerate(article.segments):
        if skip and index % skip == 0:
            continue
        po.append(polib.POEntry(msgid=segment.text, msgstr=translate(segment.text)))  # type: ignore[operator]
    return po


def structure(markdown: str) -> list[tuple[str, str, int]]:
    """The blocks of *markdown* (a fence and an indented code block are one kind: pandoc's
    writer indents a fence without a language)."""
    kinds = {"fence": "code_block"}
    return [
        (kinds.get(t.type, t.type), t.tag, t.nesting)
        for t in parser().parse(markdown)
        if t.type != "inline"
    ]


def test_identity_catalog_keeps_the_structure_and_untouched_blocks() -> None:
    article = parse_article(DOC, slug="doc", path=Path("doc.md"))
    merged = merge(article, catalog(DOC, lambda s: s), locale="fr")
    body = merged_markdown(merged.body)
    assert structure(body) == structure("\n".join(article.lines[article.body_start :]))
    assert 'print("not for translation")\n```' in body
    assert '<div class="raw">not for translation either</div>' in body
    assert merged.percent == 100.0


def test_untranslated_segments_fall_back_marked_with_the_source_language() -> None:
    article = parse_article(DOC, slug="doc", path=Path("doc.md"))
    merged = merge(article, None, locale="ar")
    body = merged_markdown(merged.body)
    assert '# Heading one {#top lang="en" dir="ltr"}' in body
    assert '::: {lang="en" dir="ltr"}' in body
    assert '- [first item]{lang="en" dir="ltr"}' in body
    assert merged.fallback_fields == {"title", "summary"}
    assert merged.percent == 0.0


def test_fuzzy_is_used_only_when_asked() -> None:
    po = catalog(DOC)
    for entry in po:
        entry.flags.append("fuzzy")
    article = parse_article(DOC, slug="doc", path=Path("doc.md"))
    assert "HEADING ONE" not in merged_markdown(merge(article, po, locale="fr").body)
    assert "HEADING ONE" in merged_markdown(merge(article, po, locale="fr", use_fuzzy=True).body)


def test_translated_table_cells_keep_the_row() -> None:
    article = parse_article(DOC, slug="doc", path=Path("doc.md"))
    merged = merge(article, catalog(DOC, lambda s: s.replace("Apple", "Pomme | x")), locale="fr")
    assert re.search(r"\| Pomme \\\| x \\\| pear +\| 42 +\|", merged_markdown(merged.body))


def shape(blocks: list[Any]) -> list[Any]:
    """The block structure of pandoc *blocks*: each block's kind and the shapes of the
    blocks inside it (inlines aside)."""
    out: list[Any] = []
    for block in blocks:
        inner = [b for b in _children(block.get("c"))]
        out.append((block["t"], shape(inner)) if inner else block["t"])
    return out


def _children(content: Any) -> list[Any]:
    """The blocks directly inside a block's content."""
    found: list[Any] = []
    stack = [content]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict) and item.get("t") in BLOCKS:
            found.append(item)
        elif isinstance(item, list):
            stack[:0] = item
    return found


BLOCKS = {"Para", "Plain", "Header", "CodeBlock", "BulletList", "OrderedList", "BlockQuote", "Div"}


words = st.text(alphabet="abcdefghij ", min_size=1, max_size=30).map(str.strip).filter(bool)
blocks = st.one_of(
    words.map(lambda w: w + " words"),
    words.map(lambda w: "## " + w + " title"),
    st.lists(words, min_size=1, max_size=3).map(
        lambda items: "\n".join(f"- {i} item" for i in items)
    ),
    words.map(lambda w: "> quoted " + w),
    words.map(lambda w: f"```\n{w}\n```"),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(blocks, min_size=1, max_size=8))
def test_any_document_merges_back_to_its_structure(parts: list[str]) -> None:
    body = "\n\n".join(parts) + "\n"
    text = "---\ntitle: Doc\n---\n" + body  # without a title, a leading heading is the title
    article = parse_article(text, slug="doc", path=Path("doc.md"))
    merged = merge(article, catalog(text), locale="fr").body
    assert shape(json.loads(merged)["blocks"]) == shape(json.loads(document(body))["blocks"])


def test_definition_lists_survive_translation() -> None:
    """Terms and definitions are segments of their own, so the list keeps its shape
    translated, half translated (fallback marked) and untranslated."""
    from tarjama.render.document.pandoc import to_html

    text = (
        "---\ntitle: T\n---\n\nTerm one\n: The first definition,\n  wrapped.\n\n"
        "Term two\n:   Second definition.\n"
    )
    article = parse_article(text, slug="d", path=Path("d.md"))
    kinds = [s.kind for s in article.segments if s.field is None]
    assert kinds == ["definition term", "definition", "definition term", "definition"]
    po = polib.POFile()
    for msgid, msgstr in (
        ("Term one", "Terme un"),
        ("The first definition, wrapped.", "La première."),
    ):
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    html = to_html(merge(article, po, locale="fr").body)
    assert html.count("<dt>") == 2 and html.count("<dd>") == 2, html
    assert "Terme un" in html and "La première." in html and 'lang="en"' in html
