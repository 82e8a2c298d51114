"""A glossary in TBX-Basic or Weblate's CSV: check reports a forbidden term, a
do-not-translate term changed and a preferred term missing; the terms go to OmegaT."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tarjama.catalog.glossary import Term, glossary_problems

Run = Callable[..., tuple[int, str, str]]
ARTICLE = "defense-aid-programs"
CSV = """source,target,locale,status,note
defense aid,aide à la défense,fr,preferred,
defense aid,assistance de défense,fr,admitted,
defense aid,aide défensive,fr,forbidden,a calque
NATO,NATO,,dnt,
"""
TBX_BASIC = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="c1">
  <langSet xml:lang="en"><tig><term>defense aid</term></tig></langSet>
  <langSet xml:lang="fr">
    <tig><term>aide à la défense</term>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>aide défensive</term>
      <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
</termEntry>
</body></text></martif>
"""
TERMS = (
    Term("defense aid", "aide à la défense", "fr"),
    Term("defense aid", "assistance de défense", "fr", "admitted"),
    Term("defense aid", "aide défensive", "fr", "forbidden"),
    Term("NATO", "NATO", "", "dnt"),
)


@pytest.mark.parametrize(
    ("msgid", "msgstr", "code"),
    [
        ("Defense aid helps.", "L’aide défensive aide.", "glossary-forbidden"),
        ("Defense aid helps.", "Le soutien militaire aide.", "glossary-term"),
        ("NATO partners met.", "Les partenaires de l’OTAN se sont réunis.", "glossary-dnt"),
    ],
)
def test_each_glossary_check(msgid: str, msgstr: str, code: str) -> None:
    assert code in {c for c, _, _ in glossary_problems(msgid, msgstr, TERMS)}


@pytest.mark.parametrize(
    "msgstr",
    [
        "L’aide à la défense aide NATO.",
        "L’assistance de défense aide NATO.",
        "NATO reçoit une aide à la défense.",
    ],
)
def test_preferred_and_admitted_terms_pass(msgstr: str) -> None:
    assert list(glossary_problems("Defense aid helps NATO.", msgstr, TERMS)) == []


@pytest.mark.parametrize(("name", "text"), [("glossary.csv", CSV), ("glossary.tbx", TBX_BASIC)])
def test_a_glossary_file_is_checked_against_and_goes_to_omegat(
    sample: Path, run: Run, tmp_path: Path, name: str, text: str
) -> None:
    (sample / name).write_text(text, "utf-8")
    config = sample / "tarjama.toml"
    config.write_text(config.read_text("utf-8") + f'\n[glossary]\nfile = "{name}"\n', "utf-8")
    po_file = sample / "translations" / "fr" / f"{ARTICLE}.po"
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if "defense aid" in e.msgid.lower() and e.msgstr)
    entry.msgstr = entry.msgstr.replace("aide à la défense", "aide défensive", 1)
    if "aide défensive" not in entry.msgstr:
        entry.msgstr += " (aide défensive)"
    po.save(str(po_file))
    code, out, _ = run(sample, "check", "-l", "fr")
    assert code == 1 and f"{ARTICLE}.po:{entry.linenum}: glossary-forbidden: " in out
    folder = tmp_path / "omt"
    assert run(sample, "-q", "xliff", "export", "-l", "fr", "--omegat", str(folder))[0] == 0
    glossary = (folder / "glossary" / "glossary.txt").read_text("utf-8")
    assert "defense aid\taide à la défense\t" in glossary and "aide défensive" not in glossary


def test_a_broken_glossary_is_a_config_error_at_its_line(sample: Path, run: Run) -> None:
    (sample / "g.csv").write_text("source,target,status\nx,y,sometimes\n", "utf-8")
    config = sample / "tarjama.toml"
    config.write_text(config.read_text("utf-8") + '\n[glossary]\nfile = "g.csv"\n', "utf-8")
    code, _, err = run(sample, "check")
    assert code == 3 and "g.csv:2: status 'sometimes'" in err
    config.write_text(config.read_text("utf-8").replace('"g.csv"', '"../outside.csv"'), "utf-8")
    code, _, err = run(sample, "check")
    assert code == 7 and "[glossary] file" in err


def test_the_xliff_export_marks_terms_and_takes_the_glossary_as_tbx(
    sample: Path, run: Run, tmp_path: Path
) -> None:
    from lxml import etree

    from tarjama.catalog.glossary import load_glossary

    (sample / "glossary.csv").write_text(CSV, "utf-8")
    config = sample / "tarjama.toml"
    config.write_text(config.read_text("utf-8") + '\n[glossary]\nfile = "glossary.csv"\n', "utf-8")
    out = tmp_path / "x"
    assert run(sample, "-q", "xliff", "export", "-l", "fr", "-o", str(out))[0] == 0
    xliff = etree.parse(str(out / "fr" / f"{ARTICLE}.xlf"))
    marks = xliff.findall(".//{*}source//{*}mrk[@mtype='term']")
    assert marks and all((m.text or "").lower() == "defense aid" for m in marks)
    said = marks[0].get("comment", "")
    assert "preferred: aide à la défense" in said and "not: aide défensive" in said
    # the TBX is valid against the TBX schema OmegaT reads glossaries with, and reads back
    tbx = out / "fr" / "glossary.tbx"
    jar = Path("/usr/share/omegat/OmegaT.jar")
    if not jar.exists():
        pytest.fail("OmegaT is not installed (make test installs Debian's omegat)")
    folder = tmp_path / "schemas"
    folder.mkdir()
    for name in ("tbx.xsd", "xml.xsd"):
        with zipfile.ZipFile(jar) as archive:
            (folder / name).write_bytes(archive.read(f"schemas/{name}"))
    schema = etree.XMLSchema(etree.parse(str(folder / "tbx.xsd")))
    schema.assertValid(etree.parse(str(tbx)))
    back = set(load_glossary(tbx, "glossary.tbx").terms)
    assert Term("defense aid", "aide défensive", "fr", "forbidden") in back
    assert Term("NATO", "NATO", "", "dnt") in back and len(back) == 4
    from translate.storage import factory

    store = factory.getobject(str(tbx))
    assert {u.source for u in store.units} == {"defense aid", "NATO"}
    # XLIFF 2.1 marks them too, as mrk type="term"
    out2 = tmp_path / "x2"
    assert (
        run(sample, "-q", "xliff", "export", "-l", "fr", "--version", "2.1", "-o", str(out2))[0]
        == 0
    )
    text = (out2 / "fr" / f"{ARTICLE}.xlf").read_text("utf-8")
    assert 'type="term" value="preferred: aide à la défense' in text
    assert (out2 / "fr" / f"{ARTICLE}.xlf").read_bytes() == text.encode("utf-8")
