"""TMX 1.4b: the reviewed translations out as a memory (valid against the TMX DTD that
OmegaT ships, read by translate-toolkit), and a memory in as fuzzy suggestions."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from lxml import etree

from tests.conftest import require_tool, snapshot
from tests.test_xliff import MARKUP

Run = Callable[..., tuple[int, str, str]]


def translated_markup(sample: Path, run: Run) -> Path:
    (sample / "source" / "markup.md").write_text(MARKUP, "utf-8")
    assert run(sample, "-q", "extract")[0] == 0
    assert run(sample, "-q", "update", "-l", "fr")[0] == 0
    po_file = sample / "translations" / "fr" / "markup.po"
    po = polib.pofile(str(po_file))
    for entry in po:
        if entry.msgid.startswith("See the"):
            entry.msgstr = (
                "Voir la **séance plénière** et le [rapport annuel](https://example.org/r.pdf "
                '"Report 2025"), lancez `tarjama build`, une note[^1].'
            )
        elif entry.msgid:
            entry.msgstr = "FR " + entry.msgid
    po.save(str(po_file))
    return po_file


@pytest.mark.tools
def test_the_memory_goes_out_valid_with_its_codes(sample: Path, run: Run) -> None:
    require_tool("omegat")  # its jar has the TMX 1.4 DTD
    translated_markup(sample, run)
    code, out, _ = run(sample, "tmx", "export", "-l", "fr")
    assert code == 0 and "wrote build/fr.tmx" in out
    path = sample / "build" / "fr.tmx"
    jar = Path("/usr/share/omegat/OmegaT.jar")
    dtd_text = subprocess.run(
        ["unzip", "-p", str(jar), "schemas/tmx14.dtd"], capture_output=True, check=True
    ).stdout
    dtd = etree.DTD(__import__("io").BytesIO(dtd_text))
    assert dtd.validate(etree.parse(str(path))), dtd.error_log.filter_from_errors()
    tree = etree.parse(str(path))
    unit = next(u for u in tree.iter("tu") if "plenary" in "".join(u.itertext()))
    source, target = unit.findall("tuv/seg")
    assert [(b.get("i"), b.get("x"), b.text) for b in source.iter("bpt")] == [
        ("1", "1", "**"),
        ("2", "2", "["),
    ]
    assert [p.text for p in target.iter("ph")] == ["`tarjama build`", "[^1]"]
    assert [b.get("x") for b in target.iter("bpt")] == ["1", "2"]
    from translate.storage import factory

    store = factory.getobject(str(path))
    assert len(store.units) == len(list(tree.iter("tu")))


def test_a_memory_fills_only_untranslated_entries_as_fuzzy_suggestions(
    sample: Path, run: Run, tmp_path: Path
) -> None:
    po_file = translated_markup(sample, run)
    memory = tmp_path / "agency.tmx"
    assert run(sample, "-q", "tmx", "export", "-l", "fr", "--output", str(memory))[0] == 0
    reviewed = sample / "translations" / "fr" / "defense-aid-programs.po"
    kept = reviewed.read_bytes()
    before = {e.msgid: e.msgstr for e in polib.pofile(str(po_file))}
    po_file.unlink()
    assert run(sample, "-q", "update", "-l", "fr")[0] == 0
    code, out, err = run(sample, "tmx", "import", "-l", "fr", str(memory))
    assert code == 0, err
    assert "fr: 4 untranslated entries got a fuzzy suggestion" in out
    entries = {e.msgid: e for e in polib.pofile(str(po_file)) if e.msgid}
    for msgid, entry in entries.items():
        assert entry.fuzzy and entry.msgstr == before[msgid], msgid
        assert "agency.tmx" in entry.tcomment
    assert reviewed.read_bytes() == kept  # reviewed work is never touched
    state = snapshot(sample / "translations")
    assert run(sample, "-q", "tmx", "import", "-l", "fr", str(memory))[0] == 0
    assert snapshot(sample / "translations") == state


def test_a_memorys_codes_come_from_its_source_and_must_pair(
    sample: Path, run: Run, tmp_path: Path
) -> None:
    """A translation's code pairs with a source code (by x, i or order) and takes that
    code's Markdown; one that pairs with nothing drops the unit."""
    (sample / "source" / "markup.md").write_text(MARKUP, "utf-8")
    assert run(sample, "-q", "extract")[0] == 0 and run(sample, "-q", "update", "-l", "fr")[0] == 0
    memory = tmp_path / "other-tool.tmx"
    memory.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header creationtool="x" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="en-US" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Plain words here.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Des mots <ph x="9">&lt;script&gt;</ph> simples &leak;</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>A footnote.</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Une note.</seg></tuv></tu>
</body></tmx>
""",
        "utf-8",
    )
    code, out, _ = run(sample, "tmx", "import", "-l", "fr", str(memory))
    assert code == 0 and "fr: 1 untranslated" in out
    entries = {e.msgid: e for e in polib.pofile(str(sample / "translations/fr/markup.po"))}
    assert entries["A footnote."].msgstr == "Une note." and entries["A footnote."].fuzzy
    assert entries["Plain words here."].msgstr == ""
    text = (sample / "translations/fr/markup.po").read_text("utf-8")
    assert "root:" not in text and "script" not in text  # no entity read, no code taken
