"""Links between articles and heading anchors, measured against pandoc itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjama.core.errors import SourceError
from tarjama.merge import merge
from tarjama.segment import parse_article
from tarjama.segment.links import heading_id, plain_text, unique_ids
from tests.conftest import merged_markdown, pandoc_html

words = st.text(
    alphabet=st.sampled_from("abcXYZ019 -_.,:;!?()'’éçğüşıالعربيةاردو–—"), min_size=1, max_size=24
)
markup = st.sampled_from(["{}", "**{}**", "*{}*", "`{}`", "[{}](b.md)", "{} & more"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(markup, words), min_size=1, max_size=3))
def test_heading_ids_are_pandocs(parts: list[tuple[str, str]]) -> None:
    text = " ".join(form.format(word) for form, word in parts).strip()
    starts_a_block = text.startswith(("#", "-", "+", "*", ">", ":"))
    # a heading that is a segment has a word in its text (a link's target is not text)
    if starts_a_block or "``" in text or not re.search(r"[^\W\d_]", plain_text(text)):
        text = f"Heading {text}"
    html = pandoc_html(f"# {text}\n")
    match = re.search(r'<h1 id="([^"]*)"', html)
    assert match is not None, html
    assert heading_id(text) == match.group(1).replace("&amp;", "&")


def test_duplicate_headings_are_numbered_as_pandoc_does() -> None:
    html = pandoc_html("# Causes\n\n# Causes\n\n# Causes\n")
    assert re.findall(r'id="([^"]+)"', html) == unique_ids(["Causes"] * 3)


def test_translated_headings_keep_the_source_anchor() -> None:
    text = "---\ntitle: T\n---\n\n## Causes\n\nText.\n\n## Other {#kept}\n"
    article = parse_article(text, slug="a", path=Path("a.md"))
    po = __import__("polib").POFile()
    for segment in article.segments:
        po.append(__import__("polib").POEntry(msgid=segment.text, msgstr=f"FR {segment.text}"))
    body = merged_markdown(merge(article, po, locale="fr").body)
    assert "## FR Causes {#causes}" in body
    assert "## FR Other {#kept}" in body  # an explicit anchor stays as it is


def test_an_article_without_front_matter_takes_its_title_from_its_first_heading() -> None:
    article = parse_article("# The Title\n\nBody.\n", slug="a", path=Path("a.md"))
    merged = merge(article, None, locale="en")
    assert merged.meta["title"] == "The Title"
    body = merged_markdown(merged.body)
    assert "The Title" not in body and "Body." in body


def test_a_thematic_break_is_not_front_matter() -> None:
    article = parse_article("---\n\nBody *text*.\n\n# Late title\n", slug="a", path=Path("a.md"))
    assert article.meta == {} and article.body_start == 0
    merged = merge(article, None, locale="en")
    assert merged.meta["title"] == "Late title"
    body = merged_markdown(merged.body)  # the break (pandoc writes it long), then the heading
    assert body.startswith("-----") and body.endswith("# Late title\n")


def test_links_to_articles_are_found_with_their_lines() -> None:
    text = (
        "---\ntitle: T\n---\n\nSee [a](../x/a.md#part) and `[no](b.md)`.\n\n"
        "```\n[no](c.md)\n```\n\n[ref]: d.md\n\n[web](https://e.example/f.md) [g](#g)\n"
    )
    article = parse_article(text, slug="s/t", path=Path("s/t.md"))
    assert article.links == (("../x/a.md#part", 5), ("d.md", 11), ("#g", 13))


@pytest.mark.parametrize("slug", ["../up", "a/b", "Upper"])
def test_front_matter_slugs_are_one_safe_name(slug: str) -> None:
    with pytest.raises(SourceError, match="slug"):
        parse_article(f"---\nslug: {slug}\n---\n\nBody.\n", slug="x", path=Path("x.md"))
