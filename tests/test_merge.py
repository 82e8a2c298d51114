from __future__ import annotations

from pathlib import Path

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjama.merge import merge
from tarjama.segment import parse_article, parser
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
    return [(t.type, t.tag, t.nesting) for t in parser().parse(markdown) if t.type != "inline"]


def test_identity_catalog_keeps_the_structure_and_untouched_blocks() -> None:
    article = parse_article(DOC, slug="doc", path=Path("doc.md"))
    merged = merge(article, catalog(DOC, lambda s: s), locale="fr")
    assert structure(merged.body) == structure("\n".join(article.lines[article.body_start :]))
    assert '```python\nprint("not for translation")\n```' in merged.body
    assert '<div class="raw">not for translation either</div>' in merged.body
    assert merged.percent == 100.0


def test_untranslated_segments_fall_back_marked_with_the_source_language() -> None:
    article = parse_article(DOC, slug="doc", path=Path("doc.md"))
    merged = merge(article, None, locale="ar")
    assert '# Heading one {#top lang="en" dir="ltr"}' in merged.body
    assert '::: {lang="en" dir="ltr"}' in merged.body
    assert '- [first item]{lang="en" dir="ltr"}' in merged.body
    assert merged.fallback_fields == {"title", "summary"}
    assert merged.percent == 0.0


def test_fuzzy_is_used_only_when_asked() -> None:
    po = catalog(DOC)
    for entry in po:
        entry.flags.append("fuzzy")
    article = parse_article(DOC, slug="doc", path=Path("doc.md"))
    assert "HEADING ONE" not in merge(article, po, locale="fr").body
    assert "HEADING ONE" in merge(article, po, locale="fr", use_fuzzy=True).body


def test_translated_table_cells_keep_the_row() -> None:
    article = parse_article(DOC, slug="doc", path=Path("doc.md"))
    merged = merge(article, catalog(DOC, lambda s: s.replace("Apple", "Pomme | x")), locale="fr")
    assert "| Pomme \\| x \\| pear | 42 |" in merged.body


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
    merged = merge(article, catalog(text), locale="fr")
    assert structure(merged.body) == structure(body)
    assert merged.body.count("```") == text.count("```")


def test_definition_lists_survive_translation() -> None:
    """Terms and definitions are segments of their own, so the list keeps its shape
    translated, half translated (fallback marked) and untranslated."""
    from tarjama.render.pandoc import to_html

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
    merged = merge(article, po, locale="fr")
    html = to_html(merged.body)
    assert html.count("<dt>") == 2 and html.count("<dd>") == 2, html
    assert "Terme un" in html and "La première." in html and 'lang="en"' in html
