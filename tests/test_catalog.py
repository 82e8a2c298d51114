"""msgmerge semantics of ``update_catalog``: translators' work is never lost."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarjama.catalog.update import build_template, translation_memory, update_catalog
from tarjama.segment import parse_article

PARAS = [
    "Defense aid programs are a crucial channel for cooperation between allies.",
    "Joint exercises improve the readiness and interoperability of armed forces.",
    "Technology transfer builds local industry and skills over many years.",
    "Diplomacy backed by capability keeps the peace in a volatile region.",
]


def template(paragraphs: list[str]) -> polib.POFile:
    text = "---\ntitle: A title\n---\n\n" + "\n\n".join(paragraphs) + "\n"
    article = parse_article(text, slug="a", path=Path("a.md"))
    return build_template(article, reference="source/a.md", project="Test")


def translate_all(po: polib.POFile) -> polib.POFile:
    for entry in po:
        entry.msgstr = "FR " + entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    return po


def first_po(paragraphs: list[str]) -> polib.POFile:
    po, _ = update_catalog(None, template(paragraphs), language="fr", title="A title")
    return translate_all(po)


def by_msgid(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po}


def test_edited_segment_keeps_its_translation_as_fuzzy_with_previous_msgid() -> None:
    old = first_po(PARAS)
    edited = [PARAS[0].replace("crucial", "vital"), *PARAS[1:]]
    new, result = update_catalog(old, template(edited), language="fr", title="A title")
    entry = by_msgid(new)[edited[0]]
    assert entry.fuzzy and entry.msgstr == "FR " + PARAS[0] and entry.previous_msgid == PARAS[0]
    assert result.fuzzy == 1 and result.exact == len(PARAS)  # title + 3 untouched paragraphs


def test_removed_segment_becomes_obsolete_and_comes_back_translated() -> None:
    old = first_po(PARAS)
    new, result = update_catalog(old, template(PARAS[1:]), language="fr", title="A title")
    gone = by_msgid(new)[PARAS[0]]
    assert gone.obsolete and gone.msgstr == "FR " + PARAS[0] and result.obsoleted == 1
    back, result = update_catalog(new, template(PARAS), language="fr", title="A title")
    entry = by_msgid(back)[PARAS[0]]
    assert not entry.obsolete and not entry.fuzzy and entry.msgstr == "FR " + PARAS[0]
    assert result.revived == 1


def test_moved_segment_keeps_its_translation() -> None:
    old = first_po(PARAS)
    new, _ = update_catalog(old, template(PARAS[::-1]), language="fr", title="A title")
    assert all(e.translated() for e in new if not e.obsolete)
    assert [e.msgid for e in new][1:] == PARAS[::-1]


@pytest.mark.parametrize("exact_memory", [True, False])
def test_segment_translated_elsewhere_is_translated_or_prefilled_as_fuzzy(
    exact_memory: bool,
) -> None:
    """An exact match in another catalog of the locale is translated, as msgmerge -C
    and pot2po --tm take it, with a comment naming the catalog; ``[update]
    exact_memory = false`` makes it a fuzzy suggestion."""
    other = first_po(PARAS)
    memory = translation_memory([other])
    new, result = update_catalog(
        None,
        template([PARAS[2], "Something new entirely here."]),
        language="fr",
        title="B",
        memory=memory,
        exact_memory=exact_memory,
    )
    entry = by_msgid(new)[PARAS[2]]
    assert entry.fuzzy is not exact_memory and entry.msgstr == "FR " + PARAS[2]
    said = "tarjama: the same text as in " if exact_memory else "tarjama: suggested from "
    assert said in entry.tcomment
    assert result.memory == 2  # the shared title and the paragraph


def test_header_has_language_and_plural_forms_from_cldr() -> None:
    po, _ = update_catalog(None, template(PARAS), language="ar", title="A title")
    assert po.metadata["Language"] == "ar"
    assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_update_is_idempotent() -> None:
    old = first_po(PARAS)
    edited = [PARAS[0] + " Indeed.", *PARAS[2:], "A brand new paragraph about logistics."]
    once, _ = update_catalog(old, template(edited), language="fr", title="A title")
    twice, _ = update_catalog(once, template(edited), language="fr", title="A title")
    assert str(once) == str(twice)


edits = st.lists(
    st.tuples(
        st.sampled_from(["reword", "insert", "delete", "move"]),
        st.integers(0, 50),
        st.integers(0, 50),
    ),
    min_size=1,
    max_size=25,
)


def apply(paragraphs: list[str], op: str, i: int, j: int, counter: int) -> list[str]:
    paragraphs = list(paragraphs)
    if op == "insert" or not paragraphs:
        paragraphs.insert(
            i % (len(paragraphs) + 1), f"Inserted paragraph number {counter} about alliances."
        )
    elif op == "delete":
        paragraphs.pop(i % len(paragraphs))
    elif op == "move":
        paragraphs.insert(j % len(paragraphs), paragraphs.pop(i % len(paragraphs)))
    else:
        k = i % len(paragraphs)
        words = paragraphs[k].split()
        words[j % len(words)] = f"changed{counter}"
        paragraphs[k] = " ".join(words)
    return paragraphs


@settings(max_examples=80, deadline=None)
@given(edits)
def test_no_translation_is_ever_lost_under_random_edits(ops: list[tuple[str, int, int]]) -> None:
    paragraphs = list(PARAS)
    po = first_po(paragraphs)
    seen = {e.msgstr for e in po if e.msgstr}
    for counter, (op, i, j) in enumerate(ops):
        paragraphs = apply(paragraphs, op, i, j, counter)
        po, _ = update_catalog(po, template(paragraphs), language="fr", title="A title")
        kept = {e.msgstr for e in po if e.msgstr and (e.translated() or e.fuzzy or e.obsolete)}
        assert seen <= kept, f"lost after {op}: {seen - kept}"
        # a translator confirms a few entries now and then; that work must survive too
        for entry in po:
            if not entry.obsolete and not entry.msgstr and counter % 3 == 0:
                entry.msgstr = "FR " + entry.msgid
        seen |= {e.msgstr for e in po if e.msgstr}


@pytest.mark.tools
def test_an_entry_that_becomes_plural_keeps_its_translation() -> None:
    """``_("%(n)s article")`` turned into ``ngettext``: the translation is kept in every
    form (fuzzy, for review), and survives msgfmt; and back to singular."""
    import subprocess

    from tarjama.catalog.pofile import format_po

    def pot(plural: bool) -> polib.POFile:
        catalog = polib.POFile()
        catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        catalog.append(
            polib.POEntry(
                msgid="%(n)s article",
                msgid_plural="%(n)s articles" if plural else "",
                msgstr="",
                msgstr_plural={0: "", 1: ""} if plural else {},
                flags=["python-format"],
            )
        )
        return catalog

    old = polib.POFile()
    old.append(polib.POEntry(msgid="%(n)s article", msgstr="%(n)s article (fr)"))
    new, _ = update_catalog(old, pot(True), language="fr", title="ui")
    entry = by_msgid(new)["%(n)s article"]
    assert entry.msgstr_plural == {0: "%(n)s article (fr)", 1: "%(n)s article (fr)"}
    assert entry.fuzzy
    text = format_po(new)
    assert 'msgstr[0] "%(n)s article (fr)"' in text
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", "-"], input=text.encode())
    assert check.returncode == 0
    back, _ = update_catalog(new, pot(False), language="fr", title="ui")
    # back to singular in the template: the translation is still there (a plural entry in
    # the PO may be the translator's own, so it stays plural: tests/test_plurals.py)
    kept = by_msgid(back)["%(n)s article"]
    assert "%(n)s article (fr)" in (kept.msgstr, *kept.msgstr_plural.values())


LINKED = [
    "Read the [annual report](https://example.org/2024.pdf) before the meeting.",
    "Run `tarjama build --strict` in CI, and the [guide](guide.md) explains why.",
]


@pytest.mark.parametrize(
    ("before", "after", "said"),
    [
        (LINKED[0], LINKED[0].replace("2024.pdf", "2025.pdf"), "the link target changed"),
        (LINKED[1], LINKED[1].replace("--strict", "--jobs 2"), "the code changed"),
    ],
)
def test_a_change_of_link_target_or_code_only_keeps_the_translation(
    tmp_path: Path, before: str, after: str, said: str
) -> None:
    """The words are the same: the new target or code goes into the translation, which
    stays translated, with a comment saying what changed; msgmerge makes it fuzzy."""
    old = first_po([before, *PARAS[:1]])
    new, result = update_catalog(old, template([after, *PARAS[:1]]), language="fr", title="A")
    entry = by_msgid(new)[after]
    assert not entry.fuzzy and entry.msgstr == "FR " + after
    assert f"tarjama-update: {said}" in entry.tcomment and result.carried == 1
    assert not any(e.obsolete for e in new)  # the old entry lives on in the new one
    again, result = update_catalog(new, template([after, *PARAS[:1]]), language="fr", title="A")
    assert again.__unicode__() == new.__unicode__() and result.carried == 0
    if shutil.which("msgmerge"):
        (tmp_path / "old.po").write_text(old.__unicode__(), "utf-8")
        (tmp_path / "new.pot").write_text(template([after, *PARAS[:1]]).__unicode__(), "utf-8")
        merged = subprocess.run(
            ["msgmerge", "-q", str(tmp_path / "old.po"), str(tmp_path / "new.pot")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert by_msgid(polib.pofile(merged))[after].fuzzy


def test_a_translation_that_does_not_hold_the_old_target_is_not_carried() -> None:
    old = first_po([LINKED[0]])
    by_msgid(old)[LINKED[0]].msgstr = "Lisez le rapport annuel avant la réunion."
    after = LINKED[0].replace("2024.pdf", "2025.pdf")
    new, result = update_catalog(old, template([after]), language="fr", title="A")
    assert by_msgid(new)[after].fuzzy and result.carried == 0


def test_the_same_text_twice_on_a_line_is_one_reference_and_extract_is_idempotent(
    sample: Path, run: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table row with two equal cells gave its entry one reference twice; gettext writes
    it once, so the template read back differed and every extract rewrote it."""
    article = sample / "source" / "defense-aid-programs.md"
    table = "\n\n| Kind | Share |\n|---|---|\n| yes | yes |\n"
    article.write_text(article.read_text("utf-8") + table, "utf-8")
    assert run(sample, "-q", "extract")[0] == 0  # type: ignore[operator]
    pot = sample / "translations" / "defense-aid-programs.pot"
    entry = next(e for e in polib.pofile(str(pot)) if e.msgid == "yes")
    assert len(entry.occurrences) == 1
    before = pot.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1999999999")  # a later minute than the first run
    code, out, _ = run(sample, "extract")  # type: ignore[operator]
    assert code == 0 and "wrote" not in out and pot.read_bytes() == before
