"""XLIFF 1.2 for CAT tools: the Markdown as protected codes on the way out, the msgid's
own Markdown on the way back, every problem reported and nothing lost."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tarjama.catalog.cat.codes import XLIFF12

Run = Callable[..., tuple[int, str, str]]
NS = {"x": XLIFF12}
MARKUP = """---
title: Markup
---

See the **plenary session** and the [annual report](https://example.org/r.pdf "Report 2025"),
run `tarjama build`, a note[^1].

Plain words here.

[^1]: A footnote.
"""
PARAGRAPH = "See the **plenary session**"  # its msgid, and its text in the XLIFF unit
UNIT = "See the plenary session"


@pytest.fixture
def project(sample: Path, run: Run) -> Path:
    (sample / "source" / "markup.md").write_text(MARKUP, "utf-8")
    assert run(sample, "-q", "extract")[0] == 0
    assert run(sample, "-q", "update", "-l", "fr")[0] == 0
    return sample


def exported(project: Path, run: Run, *extra: str) -> Path:
    code, _, err = run(project, "-q", "xliff", "export", "-l", "fr", *extra)
    assert code == 0, err
    return project / "build" / "xliff" / "fr" / "markup.xlf"


def unit_of(tree: etree._ElementTree, start: str) -> etree._Element:
    for unit in tree.iterfind(".//x:trans-unit", NS):
        if "".join(unit.find("x:source", NS).itertext()).startswith(start):
            return unit
    raise AssertionError(start)


def translate(path: Path, start: str, target_xml: str) -> None:
    """A translator's work: the unit's target replaced, as a CAT tool writes it."""
    tree = etree.parse(str(path))
    unit = unit_of(tree, start)
    old = unit.find("x:target", NS)
    if old is not None:
        unit.remove(old)
    target = etree.fromstring(f'<target xmlns="{XLIFF12}" state="translated">{target_xml}</target>')
    unit.find("x:source", NS).addnext(target)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def test_the_markdown_goes_out_as_codes_and_fuzzy_work_as_a_suggestion(
    project: Path, run: Run
) -> None:
    po_file = project / "translations" / "fr" / "defense-aid-programs.po"
    po = polib.pofile(str(po_file))
    fuzzy = next(e for e in po if e.msgid and e.translated() and len(e.msgid) > 40)
    fuzzy.flags.append("fuzzy")
    po.save(str(po_file))
    path = exported(project, run)
    tree = etree.parse(str(path))
    unit = unit_of(tree, "See the ")
    source = unit.find("x:source", NS)
    assert [(g.get("id"), g.get("ctype"), g.text) for g in source.iterfind("x:g", NS)] == [
        ("1", "bold", "plenary session"),
        ("2", "link", "annual report"),
    ]
    assert [x.get("equiv-text") for x in source.iterfind("x:x", NS)] == ["`tarjama build`", "[^1]"]
    text = etree.tostring(source, encoding=str)
    assert "https://example.org" not in text and "**" not in text  # outside the text
    assert unit.find("x:target", NS) is None  # untranslated: no target without --copy-source
    assert "type: paragraph" in [n.text for n in unit.iterfind("x:note", NS)]
    other = etree.parse(str(project / "build" / "xliff" / "fr" / "defense-aid-programs.xlf"))
    doubtful = unit_of(other, fuzzy.msgid[:30])
    assert doubtful.find("x:target", NS) is None
    assert doubtful.find("x:alt-trans/x:target", NS) is not None
    translated = next(u for u in other.iterfind(".//x:trans-unit", NS) if u is not doubtful)
    assert translated.find("x:target", NS).get("state") == "translated"
    # translate-toolkit reads the files as XLIFF
    from translate.storage import factory

    store = factory.getobject(str(path))
    assert len([u for u in store.units if not u.isheader()]) == 4


def test_a_round_trip_publishes_the_translation_with_the_msgids_markdown(
    project: Path, run: Run
) -> None:
    path = exported(project, run, "--copy-source")
    assert unit_of(etree.parse(str(path)), "Plain").find("x:target", NS) is not None
    translate(
        path,
        UNIT,
        'Voir la <g id="1">séance plénière</g> et le <g id="2">rapport *annuel* '
        '[2025]</g>, lancez <x id="3"/>, une note<x id="4"/>.',
    )
    code, out, err = run(project, "xliff", "import", str(path))
    assert code == 0, out + err
    po_file = project / "translations" / "fr" / "markup.po"
    entries = {e.msgid: e for e in polib.pofile(str(po_file))}
    entry = next(e for m, e in entries.items() if m.startswith(PARAGRAPH))
    assert entry.msgstr == (
        "Voir la **séance plénière** et le [rapport \\*annuel\\* \\[2025\\]]"
        '(https://example.org/r.pdf "Report 2025"), lancez `tarjama build`, une note[^1].'
    )
    assert not entry.fuzzy
    assert not entries["Plain words here."].msgstr  # the copied source: untranslated
    before = po_file.read_bytes()
    assert run(project, "-q", "xliff", "import", str(path))[0] == 0
    assert po_file.read_bytes() == before  # twice: nothing changes
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_file)], check=True)
    assert run(project, "-q", "check", "-l", "fr")[0] == 0
    config = project / "tarjama.toml"  # publish the article, partly translated as it is
    config.write_text(
        re.sub(r"(?m)^min_translated = \d+", "min_translated = 0", config.read_text("utf-8"))
    )
    assert run(project, "-q", "build", "-l", "fr", "--format", "html")[0] == 0
    page = (project / "build" / "fr" / "markup.html").read_text("utf-8")
    assert re.search(r'<a href="https://example.org/r.pdf"[^>]*>rapport \*annuel\* \[2025\]', page)


@pytest.mark.parametrize(
    ("target", "code"),
    [
        (
            'Voir la <g id="1">séance</g> et le <g id="2">rapport</g>, lancez, une note'
            '<x id="4"/>.',
            "code-missing",
        ),
        ('Voir <g id="1">la</g> <g id="2">x</g> <x id="3"/><x id="4"/><x id="9"/>.', "code-added"),
        ('Voir <x id="1"/> <g id="2">x</g> <x id="3"/><x id="4"/>.', "code-kind"),
    ],
)
def test_a_broken_code_is_reported_and_the_entry_kept_fuzzy(
    project: Path, run: Run, target: str, code: str
) -> None:
    path = exported(project, run)
    translate(path, UNIT, target)
    status, out, _ = run(project, "xliff", "import", str(path))
    assert status == 1 and re.search(rf"markup\.xlf:\d+: {code}: ", out), out
    po_file = project / "translations" / "fr" / "markup.po"
    entry = next(e for e in polib.pofile(str(po_file)) if e.msgid.startswith(PARAGRAPH))
    assert entry.fuzzy and entry.msgstr and "tarjama-xliff: " in entry.tcomment


def test_a_reviewed_translation_is_not_replaced_by_a_broken_one(project: Path, run: Run) -> None:
    path = exported(project, run)
    translate(path, "Plain", "Des mots simples ici.")
    assert run(project, "-q", "xliff", "import", str(path))[0] == 0
    path = exported(project, run)
    translate(path, "Plain", 'Des mots <g id="7">cassés</g>.')
    assert run(project, "-q", "xliff", "import", str(path))[0] == 1
    entries = {e.msgid: e for e in polib.pofile(str(project / "translations/fr/markup.po"))}
    assert entries["Plain words here."].msgstr == "Des mots simples ici."
    assert not entries["Plain words here."].fuzzy


def test_returned_files_are_untrusted_data(project: Path, run: Run, tmp_path: Path) -> None:
    path = exported(project, run)
    text = path.read_text("utf-8")
    # an external entity, a unit whose source changed, a catalog outside the project
    hostile = text.replace(
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<!DOCTYPE xliff [<!ENTITY leak SYSTEM "file:///etc/passwd">]>',
    ).replace(">Plain words here.</source>", ">Plain words here.</source><target>&leak;</target>")
    hostile = re.sub(r'id="u[0-9a-f]{16}"', 'id="u0000000000000000"', hostile, count=1)
    bad = tmp_path / "hostile.xlf"
    bad.write_text(hostile, "utf-8")
    code, out, _ = run(project, "xliff", "import", str(bad))
    assert code == 1 and "unit-unknown" in out
    # markup typed as text is text: escaped, and check still says what it looks like
    translate(path, "Plain", "Des mots &lt;script&gt;alert(1)&lt;/script&gt; ici.")
    code, out, _ = run(project, "xliff", "import", str(path))
    assert code == 1 and "raw-html" in out
    po = (project / "translations" / "fr" / "markup.po").read_text("utf-8")
    assert "root:" not in po
    deep = "<g id='1'>" * 40 + "x" + "</g>" * 40  # codes nested past any reason
    translate(path, "Plain", deep)
    code, out, _ = run(project, "xliff", "import", str(path))
    assert code == 1 and "code-nesting" in out
    outside = tmp_path / "outside.xlf"
    outside.write_text(text.replace('original="translations/fr/', 'original="../../etc/'), "utf-8")
    code, out, _ = run(project, "xliff", "import", str(outside))
    assert code == 1 and "xliff-file" in out
    broken = tmp_path / "broken.xlf"
    broken.write_text("<xliff", "utf-8")
    code, out, _ = run(project, "xliff", "import", str(broken))
    assert code == 1 and "broken.xlf:1: xliff-invalid: " in out


def test_xliff_2_1_goes_out_with_original_data_and_comes_back(project: Path, run: Run) -> None:
    po_file = project / "translations" / "fr" / "markup.po"
    po = polib.pofile(str(po_file))
    plain = next(e for e in po if e.msgid == "Plain words here.")
    plain.msgstr, plain.flags = "Des mots simples.", ["fuzzy"]
    po.save(str(po_file))
    code, _, err = run(project, "-q", "xliff", "export", "-l", "fr", "--version", "2.1")
    assert code == 0, err
    path = project / "build" / "xliff" / "fr" / "markup.xlf"
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0", "m": "urn:oasis:names:tc:xliff:matches:2.0"}
    tree = etree.parse(str(path))
    assert tree.getroot().get("version") == "2.1" and tree.getroot().get("trgLang") == "fr"
    unit = next(u for u in tree.iterfind(".//x:unit", ns) if u.find(".//x:pc", ns) is not None)
    data = {d.get("id"): d.text for d in unit.iterfind("x:originalData/x:data", ns)}
    assert data["d1s"] == "**" and data["d3"] == "`tarjama build`"
    assert data["d2e"] == '](https://example.org/r.pdf "Report 2025")'
    fuzzy = next(u for u in tree.iterfind(".//x:unit", ns) if "Plain" in "".join(u.itertext()))
    assert fuzzy.find("x:segment/x:target", ns) is None
    assert fuzzy.find("m:matches/m:match/x:target", ns).text == "Des mots simples."
    segment = unit.find("x:segment", ns)
    target = etree.SubElement(segment, "{urn:oasis:names:tc:xliff:document:2.0}target")
    target.text = "Voir la "
    pc = etree.SubElement(target, "{urn:oasis:names:tc:xliff:document:2.0}pc", id="1")
    pc.text, pc.tail = "séance plénière", " et le "
    link = etree.SubElement(target, "{urn:oasis:names:tc:xliff:document:2.0}pc", id="2")
    link.text, link.tail = "rapport annuel", ", lancez "
    etree.SubElement(
        target, "{urn:oasis:names:tc:xliff:document:2.0}ph", id="3"
    ).tail = ", une note"
    etree.SubElement(target, "{urn:oasis:names:tc:xliff:document:2.0}ph", id="4").tail = "."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    code, out, err = run(project, "xliff", "import", str(path))
    assert code == 0, out + err
    entry = next(e for e in polib.pofile(str(po_file)) if e.msgid.startswith(PARAGRAPH))
    assert entry.msgstr == (
        "Voir la **séance plénière** et le [rapport annuel]"
        '(https://example.org/r.pdf "Report 2025"), lancez `tarjama build`, une note[^1].'
    )
    segment.remove(target)
    broken = etree.SubElement(segment, "{urn:oasis:names:tc:xliff:document:2.0}target")
    broken.text = "Rien."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    code, out, _ = run(project, "xliff", "import", str(path))
    assert code == 1 and re.search(r"markup\.xlf:\d+: code-missing: ", out)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ab *_[]()<>`!$&#;\\:/.", max_size=12), min_size=3, max_size=3))
def test_whatever_a_translator_types_the_codes_markdown_is_the_msgids(texts: list[str]) -> None:
    """Text typed around the codes is text: the link target and the code span of the
    result are the msgid's, and nothing else becomes markup."""
    from tarjama.catalog.cat.codes import decode, encode
    from tarjama.catalog.checks import markup

    msgid = "See [the report](https://x.org/r) and `c` now."
    source = etree.Element(f"{{{XLIFF12}}}source")
    codes = encode(source, msgid)
    target = etree.Element(f"{{{XLIFF12}}}target")
    target.text = texts[0]
    link = etree.SubElement(target, f"{{{XLIFF12}}}g", id="1")
    link.text, link.tail = texts[1], texts[2]
    etree.SubElement(target, f"{{{XLIFF12}}}x", id="2")
    text, problems = decode(target, codes)
    assert problems == []
    found = markup(text)
    assert dict(found.links) == {"https://x.org/r": 1} and dict(found.code) == {"c": 1}
    assert not found.emphasis and not found.html and not found.footnotes


def test_a_title_that_is_also_a_heading_is_markdown_as_check_has_it() -> None:
    """Plain text only when every role is a front matter field, as ``check`` decides."""
    import polib

    from tarjama.catalog.cat.xliff import codes_of

    text = "Working with *CAT* tools"
    both = polib.POEntry(msgid=text, comment="type: front matter: title, heading 1")
    only = polib.POEntry(msgid=text, comment="type: front matter: title")
    assert [c.kind for c in codes_of(both, "guide", etree.Element("source")).values()] == ["g"]
    assert codes_of(only, "guide", etree.Element("source")) == {}
