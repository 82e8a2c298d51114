"""The trust boundary as a property: whatever a msgstr holds, the converted HTML, EPUB
XHTML and Typst source have no element, attribute, link target or Typst call that the
msgid's own conversion lacks.

Hypothesis writes the msgstrs from every Unicode category, line ends, entity spellings
and the syntax of Markdown, pandoc and Typst (titles, attributes, raw blocks, fences,
divs, HTML blocks, footnote and reference definitions); each is merged into a one-
paragraph article with the real merge, and written by the real pandoc with the very
functions the build uses (the page's HTML, the EPUB chapter, the PDF chapter).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tarjama.catalog.allowlist import Context, clean
from tarjama.merge import merge
from tarjama.render.contract import Chapter, Edition
from tarjama.render.document.chapters import places
from tarjama.render.document.pandoc import to_html
from tarjama.render.epub.book import chapter_xhtml
from tarjama.render.pdf.book import chapter_typst
from tarjama.segment import parse_article

MSGID = (
    'Paragraph cites [the report](https://example.org/r "Report") and '
    "![the map](images/map.png), runs `tool 1`, adds a note[^n] and *stresses* **this**, "
    "with $x^2$ and <kbd>K</kbd>\\\nhere."
)
FAITHFUL = (
    'Le paragraphe cite [le rapport](https://example.org/r "Rapport") et '
    "![la carte](images/map.png), lance `tool 1`, ajoute une note[^n] et *insiste* **ici**, "
    "avec $x^2$ et <kbd>K</kbd>\\\nlà."
)
ARTICLE = f"---\ntitle: T\n---\n\n{MSGID}\n\n[^n]: A note.\n"
SYNTAX = [
    *"<>[](){}*_`$~^|#:!&;=-+.@ \n\\\"'/aZ1",
    '](https://evil.example "x&#10;<script>alert(1)</script>")',
    '](https://example.org/r "x\n# Titre\n<iframe src=x>")',
    "&#10;",
    "&NewLine;",
    "&#x3C;script&#x3E;",
    "<script>alert(1)</script>",
    "<details open ontoggle=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<img src=https://evil.example/x.png onerror=alert(1)>",
    "`<b>x</b>`{=html}",
    "`#set page(fill: red)`{=typst}",
    '```{=typst}\n#read("main.typ")\n```',
    "\\\n::: {onclick=alert(1)}\nx\n:::",
    "\\\n[^n]: replaced",
    "\\\n[r]: file:///etc/passwd",
    "[x][r]",
    "[x](javascript:alert(1))",
    "[x](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "\\\n# Faux titre",
    "\\\n<!--",
    "\\\n```",
    '#link("file:///etc/passwd")[x]',
    '#import "@preview/cetz:0.2.2": *',
    "#set page(fill: red)",
    '#read("main.typ")',
    '$ #read("x") $',
    "{.hidden #id onclick=x}",
    "[^n]",
    "`tool 1`",
    "(https://example.org/r)",
    "(images/map.png)",
    "\u202e\u2066\u200b\ufeff\x00\ufffe\uffff\ufdd0",
    "*" * 40,
    "[" * 50,
]
pieces = st.lists(
    st.one_of(
        st.sampled_from(SYNTAX),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=8),
    ),
    max_size=12,
).map("".join)
# most payloads ride on a faithful translation (whose links keep it in use), cut at a
# random place; some are alone (the segment falls back to the source)
msgstrs = st.one_of(
    st.builds(
        lambda cut, a, b, c: a + FAITHFUL[:cut] + b + FAITHFUL[cut:] + c,
        st.integers(0, len(FAITHFUL)),
        pieces,
        pieces,
        pieces,
    ),
    pieces,
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[f"<{tag}>"] += 1
        for key, value in attrs:
            self.found[f"{tag} {key}"] += 1
            if key in ("href", "src", "poster", "action", "xlink:href"):
                self.found[f"{tag} {key}={value}"] += 1


def _tags(markup: str) -> Counter[str]:
    parser = _Tags()
    parser.feed(markup)
    return parser.found


_CALL = re.compile(r"(?<!\\)([#@])([A-Za-z_][\w.-]*)|(?<!\\)(\$)|(?<!\\)(<[\w:.-]+>)")


def _typst_calls(source: str) -> Counter[str]:
    """Typst code in *source*: ``#name``, ``@label`` references, math ``$`` and labels."""
    return Counter("".join(g for g in m.groups() if g) for m in _CALL.finditer(source))


def _outputs(msgstr: str | None) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """The tags, attributes and targets of the page's HTML and the EPUB chapter, and the
    Typst code of the PDF chapter, of the article translated with *msgstr* (None: not)."""
    article = parse_article(ARTICLE, slug="a", path=Path("a.md"))
    po = polib.POFile()
    if msgstr is not None:
        po.append(polib.POEntry(msgid=MSGID, msgstr=msgstr))
        po.append(polib.POEntry(msgid="A note.", msgstr="Une note."))
    merged = merge(article, po, locale="fr")
    chapter = Chapter("a", "T", "", "", merged.body, 1)
    edition = Edition("fr", "fr", "ltr", "T", "", "français", (chapter,), media_dir="/nowhere")
    where = places(edition, levels=False)["a"]
    xhtml = chapter_xhtml(edition, chapter, where)
    typst = chapter_typst(edition, chapter, places(edition, levels=True)["a"])
    return _tags(to_html(merged.body)), _tags(xhtml), _typst_calls(typst)


@lru_cache(maxsize=1)
def _allowed() -> tuple[Counter[str], Counter[str], Counter[str]]:
    """What the msgid's own conversions have: translated faithfully, and fallen back."""
    faithful, source = _outputs(FAITHFUL), _outputs(None)
    return tuple(a | b for a, b in zip(faithful, source, strict=True))  # type: ignore[return-value]


def test_the_faithful_translation_is_used() -> None:
    article = parse_article(ARTICLE, slug="a", path=Path("a.md"))
    po = polib.POFile()
    po.append(polib.POEntry(msgid=MSGID, msgstr=FAITHFUL))
    merged = merge(article, po, locale="fr")
    html = to_html(merged.body)
    assert '<a href="https://example.org/r" title="Rapport">le rapport</a>' in html
    assert '<img src="images/map.png" alt="la carte"' in html
    assert "<code>tool 1</code>" in html and "<kbd>K</kbd>" in html and "<br />" in html
    assert "<em>insiste</em>" in html and "<strong>ici</strong>" in html


@pytest.mark.xdist_group("trust")  # with the next test, in one process
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure is reproducible, never flaky
    suppress_health_check=[HealthCheck.too_slow],
)
@given(msgstrs)
def test_no_msgstr_adds_markup_targets_or_typst_code(msgstr: str) -> None:
    """Kinds, not counts: a second hard break, or the msgid's code span twice, is fine."""
    context = Context((("r", "x"),), frozenset({"n"}))
    used.append(clean(MSGID, msgstr, context).nodes is not None)
    outputs = zip(_outputs(msgstr), _allowed(), ("HTML", "XHTML", "Typst"), strict=True)
    for found, permitted, what in outputs:
        extra = set(found) - set(permitted)
        assert not extra, (what, msgstr, extra)


used: list[bool] = []


@pytest.mark.xdist_group("trust")
def test_most_examples_were_translations_in_use() -> None:
    """The property is about translations that are shown, not about fallen-back ones."""
    if used:  # the property ran in this process
        assert sum(used) > len(used) / 5, (sum(used), len(used))
