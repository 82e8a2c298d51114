"""update's suggestions against GNU msgmerge --previous on the same old PO and new POT."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from tarjama.catalog.matcher import Matcher, Source, sentences
from tarjama.catalog.pofile import write_po
from tarjama.catalog.update import ORIGIN, new_catalog, update_catalog
from tests.conftest import require_tool

A = "Defense aid builds alliances. It also trains forces. Partners share the costs."
A_FR = "L'aide bâtit des alliances. Elle forme aussi des forces. Les partenaires paient."
B = "Joint exercises improve readiness across the region."
B_FR = "Les exercices conjoints améliorent la préparation dans la région."
OLD = {
    "The Importance of Defense Aid": "L'importance de l'aide à la défense",
    "Budget": "Budget",
    "120 million": "120 millions",
    "Defense aid programs are a crucial channel for cooperation.": (
        "Les programmes d'aide sont un canal crucial de coopération."
    ),
    A: A_FR,
    B: B_FR,
}
# edited msgid -> the msgstr update must suggest (None: any old msgstr msgmerge would pick)
EDITS: dict[str, str | None] = {
    "The importance of defense aid": OLD["The Importance of Defense Aid"],
    "Budget (USD)": "Budget",
    "125 million": "120 millions",
    "Defense aid programmes are a crucial channel for cooperation!": None,
    "Defense aid builds alliances.": "L'aide bâtit des alliances.",  # split: aligned halves
    "It also trains forces. Partners share the costs.": (
        "Elle forme aussi des forces. Les partenaires paient."
    ),
}


def catalog(entries: dict[str, str], *, language: str | None) -> polib.POFile:
    po = new_catalog(project="Test", language=language, title="T", date="2026-01-01 00:00+0000")
    for msgid, msgstr in entries.items():
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    return po


def msgmerge(old: polib.POFile, pot: polib.POFile, tmp_path: Path) -> dict[str, polib.POEntry]:
    require_tool("msgmerge")
    write_po(tmp_path / "old.po", old)
    write_po(tmp_path / "new.pot", pot)
    out, old_po, pot_file = tmp_path / "out.po", tmp_path / "old.po", tmp_path / "new.pot"
    command = ["msgmerge", "--previous", "-q", "-o", str(out), str(old_po), str(pot_file)]
    subprocess.run(command, check=True)
    return {e.msgid: e for e in polib.pofile(str(out)) if not e.obsolete}


@pytest.mark.tools
def test_suggests_whatever_msgmerge_suggests_and_the_aligned_halves(tmp_path: Path) -> None:
    old = catalog(OLD, language="fr")
    pot = catalog(dict.fromkeys(EDITS, ""), language=None)
    theirs = msgmerge(old, pot, tmp_path)
    ours, result = update_catalog(old, pot, language="fr", title="T")
    by_msgid = {e.msgid: e for e in ours if not e.obsolete}
    for msgid, expected in EDITS.items():
        if theirs[msgid].msgstr:
            assert by_msgid[msgid].msgstr, f"msgmerge suggests for {msgid!r}, tarjama does not"
        entry = by_msgid[msgid]
        assert entry.fuzzy and entry.previous_msgid in OLD, msgid
        assert entry.msgstr == (expected or OLD[entry.previous_msgid])
    assert result.fuzzy == len(EDITS) and result.new == 0


def test_merged_paragraphs_join_both_translations() -> None:
    old = catalog({A: A_FR, B: B_FR}, language="fr")
    new, _ = update_catalog(old, catalog({f"{A} {B}": ""}, language=None), language="fr", title="T")
    entry = next(e for e in new if not e.obsolete)
    assert entry.fuzzy and entry.msgstr == f"{A_FR} {B_FR}"
    assert entry.previous_msgid == f"{A} {B}"
    assert not [e for e in new if e.obsolete]  # both old entries live on in the suggestion


def test_a_moved_sentence_comes_with_its_translation() -> None:
    old = catalog({A: A_FR, B: B_FR}, language="fr")
    moved = {
        "Defense aid builds alliances. It also trains forces.": "",
        f"Partners share the costs. {B}": "",
    }
    new, _ = update_catalog(old, catalog(moved, language=None), language="fr", title="T")
    got = [e.msgstr for e in new if not e.obsolete]
    assert got == [
        "L'aide bâtit des alliances. Elle forme aussi des forces.",
        f"Les partenaires paient. {B_FR}",
    ]


@pytest.mark.tools
@pytest.mark.parametrize(
    "unrelated",
    [
        "Open the file in a text editor and save it under a new name.",
        "Installation notes",
        "Click the button at the top right of the window.",
    ],
)
def test_no_suggestion_for_an_unrelated_string(unrelated: str, tmp_path: Path) -> None:
    old = catalog(OLD, language="fr")
    pot = catalog({unrelated: ""}, language=None)
    assert not msgmerge(old, pot, tmp_path)[unrelated].msgstr
    new, result = update_catalog(old, pot, language="fr", title="T")
    assert result.new == 1 and not next(e for e in new if e.msgid == unrelated).msgstr


def test_sentences_of_another_catalog_are_offered_with_their_origin() -> None:
    from tarjama.catalog.update import translation_memory

    other = catalog({A: A_FR, B: B_FR}, language="fr")
    other.fpath = "translations/fr/other.po"
    pot = catalog({f"Partners share the costs. {B}": ""}, language=None)
    new, result = update_catalog(
        None, pot, language="fr", title="T", memory=translation_memory([other])
    )
    entry = next(e for e in new if e.msgid.startswith("Partners"))
    assert entry.fuzzy and entry.msgstr == f"Les partenaires paient. {B_FR}"
    assert entry.tcomment == ORIGIN + "translations/fr/other.po"
    assert entry.previous_msgid == f"{A} {B}" and result.memory == 1
    again, _ = update_catalog(new, pot, language="fr", title="T")
    assert str(again) == str(new)  # idempotent, the note stays while the entry is fuzzy
    entry = next(e for e in again if e.msgid.startswith("Partners"))
    entry.flags.remove("fuzzy")
    reviewed, _ = update_catalog(again, pot, language="fr", title="T")
    assert not next(e for e in reviewed if e.msgid.startswith("Partners")).tcomment


def test_sentences_split_after_final_punctuation_only() -> None:
    assert sentences("In 2022, 3.5% grew. See e.g. this! Why? Yes") == [
        "In 2022, 3.5% grew.",
        "See e.g.",
        "this!",
        "Why?",
        "Yes",
    ]
    assert sentences("قال: نعم؟ ثم ذهب.") == ["قال: نعم؟", "ثم ذهب."]


def test_a_translation_with_other_sentence_counts_is_offered_whole_for_a_split() -> None:
    matcher = Matcher([Source.of(A, "Une seule phrase qui traduit tout.")])
    suggestion = matcher.suggest("Defense aid builds alliances.")
    assert suggestion is not None and suggestion.msgstr == "Une seule phrase qui traduit tout."


def test_a_short_sentence_is_not_offered_a_long_unaligned_paragraph() -> None:
    long = "Aid grew fast in the last decade across the region. " * 3 + "Yes."
    matcher = Matcher([Source.of(long, "Une traduction en une seule phrase sans point final")])
    assert matcher.suggest("Yes.") is None


def test_an_old_entry_used_in_part_is_kept_as_obsolete() -> None:
    old = catalog({A: A_FR}, language="fr")
    pot = catalog({"Defense aid builds alliances.": ""}, language=None)  # the rest was cut
    new, result = update_catalog(old, pot, language="fr", title="T")
    assert [e.msgstr for e in new if not e.obsolete] == ["L'aide bâtit des alliances."]
    assert [e.msgstr for e in new if e.obsolete] == [A_FR] and result.obsoleted == 1
    both = catalog(
        {
            "Defense aid builds alliances.": "",
            "It also trains forces. Partners share the costs.": "",
        },
        language=None,
    )
    split, result = update_catalog(old, both, language="fr", title="T")
    assert not [e for e in split if e.obsolete] and result.obsoleted == 0
