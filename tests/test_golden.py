"""Golden cases: source -> POT -> uppercase pseudo-translation -> merged Markdown -> HTML.

Each folder in tests/golden/ holds ``source.md``, the expected ``expected.pot`` and
``expected.md`` (the merged document, written by pandoc's Markdown writer) and
``facts.toml`` about the HTML. Regenerate the expected files with
``TARJAMA_REGEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import polib
import pytest

from tarjama.catalog.pofile import format_po
from tarjama.catalog.update import build_template, update_catalog
from tarjama.merge import merge
from tarjama.render.document.pandoc import to_html, to_markdown
from tarjama.segment import read_article

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if (p / "source.md").is_file())
PROTECTED = re.compile(r"`[^`]*`|\]\([^\s)]*|\[\^[^\]]*\]|<[^>]*>|\{[^}]*\}")


def upper(msgid: str) -> str:
    """Sphinx-style pseudo-translation: uppercase prose, markup untouched."""
    out, last = [], 0
    for match in PROTECTED.finditer(msgid):
        out += [msgid[last : match.start()].upper(), match.group(0)]
        last = match.end()
    return "".join([*out, msgid[last:].upper()])


def expect(path: Path, actual: str) -> None:
    if os.environ.get("TARJAMA_REGEN"):
        path.write_text(actual, "utf-8")
    assert path.read_text("utf-8") == actual, f"{path} differs; regenerate with TARJAMA_REGEN=1"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    article = read_article(case / "source.md", display="source.md")
    pot = build_template(article, reference="source.md", project="Golden")
    expect(case / "expected.pot", format_po(pot))
    po, _ = update_catalog(None, pot, language="fr", title="Golden")
    for entry in po:
        entry.msgstr = upper(entry.msgid)
    merged = merge(article, po, locale="fr")
    expect(case / "expected.md", to_markdown(merged.body))
    html = to_html(merged.body)
    facts = tomllib.loads((case / "facts.toml").read_text("utf-8"))
    for needle in facts["present"]:
        assert needle in html, needle
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(pre|code)\b.*?</\1>", " ", html, flags=re.S))
    survivors = [s.text for s in article.segments if _prose(s.text) and _prose(s.text) in text]
    assert not survivors, f"source sentences survived: {survivors}"
    assert isinstance(po, polib.POFile)


def _prose(text: str) -> str:
    """The longest run of plain words in *text* (what must not survive translation)."""
    runs = [r.strip(" .,:*_") for r in PROTECTED.split(text)]
    return max((r for r in runs if re.search(r"[a-z]{3}", r)), key=len, default="")
