"""The linear inline reader (the only parser a translation meets) against pandoc itself.

For every msgid of the sample and a set of hard cases, the reader must find the same
links, images, code spans, math, footnote references, raw HTML and emphasis, in the same
order, as pandoc's ``commonmark_x`` reader: the merge pairs them by that order. Its
cost is the bench's business (``bench/run --hostile``); here, that the pathological
runs end, and that nesting past the limit is an error instead of a recursion.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from tarjama.core.pandoc import worker
from tarjama.segment.inlines import parse_inline
from tarjama.segment.nodes import MAX_DEPTH, TooDeep, walk

ROOT = Path(__file__).resolve().parent.parent
KIND = {
    "Link": "link",
    "Image": "image",
    "Code": "code",
    "Math": "math",
    "Note": "note",
    "RawInline": "html",
    "Emph": "emph",
    "Strong": "strong",
}
HARD = [
    "a *b* [c](d) `e`",
    "**strong** and *em*",
    "x_y_z and _a_ b __c__",
    "***both*** and *a **b** c*",
    '[link](http://x "title") and ![img](a.png)',
    "see [ref] and [the ref][ref] and [Ref][]",
    "note[^1] here and [^nope]",
    "code `a` and ``b`c`` and ` `` `",
    "math $x^2$ and $$y$$ but $5 and $10",
    "<b>bold</b> <br/> <!-- c --> 1 < 2 > 0",
    "<https://auto.link> and <a@b.example>",
    "a\\\nb  \nc",
    "[a [b](c) d](e) and *[x](y)* and [*x*](y) and ![a *b*](c)",
    "foo*bar* foo__bar__ *foo`*` [not a link] a * b * c **a* *a**",
    "[x](<a b> 'single') [y](a(b)c) [z](u (paren title))",
    "`code`{.python} and [span]{.c} and [link](u){#id}",
    "\\*not\\* \\[not\\](x) &amp; &#42;",
]


def _pandoc_kinds(texts: list[str]) -> list[list[str]]:
    """What pandoc finds in each text, read as a paragraph of an article that defines the
    reference ``ref`` and the footnote ``1``."""
    doc = "\n\n".join(f"tjm{i}x {t}" for i, t in enumerate(texts))
    doc += "\n\n[ref]: http://r\n\n[^1]: n\n"
    blocks = json.loads(worker().convert(doc, to="json"))["blocks"]
    found = []
    for block in blocks:
        if block["t"] == "Para" and str(block["c"][0].get("c", "")).startswith("tjm"):
            kinds: list[str] = []
            _collect(block["c"], kinds)
            found.append(kinds)
    return found


def _collect(node: object, out: list[str]) -> None:
    if isinstance(node, dict):
        if node.get("t") in KIND:
            out.append(KIND[node["t"]])
        if node.get("t") == "Note":
            return
        for value in node.values():
            _collect(value, out)
    elif isinstance(node, list):
        for item in node:
            _collect(item, out)


def _reader_kinds(text: str) -> list[str]:
    kinds = []
    for node in walk(
        parse_inline(text, references={"ref": "http://r"}, footnotes=frozenset({"1"}))
    ):
        kind = "link" if node.kind == "autolink" else node.kind
        if kind in KIND.values():
            kinds.append(kind)
    return kinds


def _sample_msgids() -> list[str]:
    return [
        entry.msgid
        for pot in sorted((ROOT / "translations").glob("*.pot"))
        for entry in polib.pofile(str(pot))
    ]


def test_the_reader_finds_what_pandoc_finds() -> None:
    texts = _sample_msgids() + HARD
    assert len(texts) > 100
    differ = [
        (text, mine, theirs)
        for text, mine, theirs in zip(
            texts, (_reader_kinds(t) for t in texts), _pandoc_kinds(texts), strict=True
        )
        if mine != theirs
    ]
    assert not differ, differ


@pytest.mark.parametrize("unit", ["[", "[^", "![", "*a ", "<", "`", "$a ", "[](", "<!--", "_a"])
def test_pathological_runs_end(unit: str) -> None:
    nodes = parse_inline(unit * 20_000, footnotes=frozenset({"x"}), max_target=512)
    assert "".join(n.raw for n in nodes).replace("\n", "")  # all of it, as text


def test_nesting_past_the_limit_is_an_error_not_a_recursion() -> None:
    deep = "*a " * 3000 + "b" + " c*" * 3000
    with pytest.raises(TooDeep):
        parse_inline(deep)
    within = "*a " * (MAX_DEPTH - 1) + "b" + " c*" * (MAX_DEPTH - 1)
    assert parse_inline(within)


def test_entities_are_text() -> None:
    (node,) = parse_inline("x&#10;<y")
    assert (node.kind, node.text) == ("text", "x&#10;<y")
