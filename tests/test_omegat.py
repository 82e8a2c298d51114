"""The round trip through a real CAT tool: OmegaT 3.6 (Debian ``omegat``) in console
mode, with tag validation on abort. A translator's pass is simulated in OmegaT's own
project memory (``omegat/project_save.tmx``, segments with OmegaT's tags ``<g0>``,
``<x2/>``), then OmegaT writes the translated XLIFF and tarjama imports it."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import polib
import pytest
from lxml import etree

from tarjama.catalog.cat.codes import XLIFF12
from tests.conftest import require_tool
from tests.test_xliff import MARKUP

Run = Callable[..., tuple[int, str, str]]
NS = {"x": XLIFF12}
pytestmark = pytest.mark.tools


def omegat_text(element: etree._Element) -> str:
    """A unit's source as OmegaT shows it: its codes as tags numbered in order."""
    count = 0
    out = [element.text or ""]

    def walk(parent: etree._Element) -> None:
        nonlocal count
        for child in parent:
            name = etree.QName(child).localname
            number, count = count, count + 1
            if name == "x":
                out.append(f"<x{number}/>")
            else:
                out.append(f"<g{number}>{child.text or ''}")
                walk(child)
                out.append(f"</g{number}>")
            out.append(child.tail or "")

    walk(element)
    return "".join(out)


def french(text: str) -> str:
    """A translator's pass: every word marked, tags left as they are."""
    parts = re.split(r"(<[^>]+>)", text)
    return "".join(p if p.startswith("<") else re.sub(r"(\w+)", r"\1-fr", p) for p in parts)


def project_memory(pairs: list[tuple[str, str]]) -> str:
    units = "".join(
        f'<tu><tuv lang="EN"><seg>{escape(s)}</seg></tuv>'
        f'<tuv lang="FR" changeid="t" changedate="20261205T000000Z">'
        f"<seg>{escape(t)}</seg></tuv></tu>"
        for s, t in pairs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.1"><header creationtool="OmegaT"'
        ' o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" segtype="paragraph"'
        f' srclang="EN"/><body>{units}</body></tmx>\n'
    )


def omegat(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["omegat", str(folder), "--mode=console-translate", "--tag-validation=abort",
         "--no-team", "--disable-project-locking", f"--config-dir={folder / '.config'}"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_a_round_trip_through_omegat(sample: Path, run: Run, tmp_path: Path) -> None:
    require_tool("omegat")
    (sample / "source" / "markup.md").write_text(MARKUP, "utf-8")
    assert run(sample, "-q", "extract")[0] == 0
    assert run(sample, "-q", "update", "-l", "fr")[0] == 0
    folder = tmp_path / "omt"
    code, _, err = run(sample, "-q", "xliff", "export", "-l", "fr", "--omegat", str(folder))
    assert code == 0, err
    assert (folder / "omegat.project").is_file() and (folder / "source" / "markup.xlf").is_file()
    source = etree.parse(str(folder / "source" / "markup.xlf"))
    pairs = [
        (omegat_text(s), french(omegat_text(s)))
        for s in source.iterfind(".//x:trans-unit/x:source", NS)
    ]
    assert "<g0>plenary session</g0>" in pairs[1][0] and "<x2/>" in pairs[1][0]
    (folder / "omegat" / "project_save.tmx").write_text(project_memory(pairs), "utf-8")
    done = omegat(folder)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    returned = folder / "target" / "markup.xlf"
    code, out, err = run(sample, "xliff", "import", str(returned))
    assert code == 0, out + err
    entries = {e.msgid: e for e in polib.pofile(str(sample / "translations/fr/markup.po"))}
    paragraph = next(e for m, e in entries.items() if m.startswith("See the **"))
    assert paragraph.msgstr.startswith("See-fr the-fr **plenary-fr session-fr** and-fr the-fr [")
    assert '](https://example.org/r.pdf "Report 2025")' in paragraph.msgstr
    assert all(e.msgstr and not e.fuzzy for e in entries.values() if e.msgid)
    assert run(sample, "-q", "check", "--strict", "-l", "fr")[0] == 0
    assert run(sample, "-q", "build", "-l", "fr", "--format", "html")[0] == 0
    page = (sample / "build" / "fr" / "markup.html").read_text("utf-8")
    assert re.search(r'<a href="https://example.org/r.pdf"[^>]*>annual-fr report-fr</a>', page)
    assert "<strong>plenary-fr session-fr</strong>" in page and "<code>tarjama build</code>" in page
    # a code dropped in OmegaT: its tag validation refuses, and so does the import
    broken = [(s, t.replace("<x2/>", "")) for s, t in pairs]
    (folder / "omegat" / "project_save.tmx").write_text(project_memory(broken), "utf-8")
    done = omegat(folder)
    assert done.returncode != 0 and "Missing: <x2/>" in done.stdout + done.stderr
    tree = etree.parse(str(returned))  # OmegaT's output, a code then dropped by hand
    code_3 = tree.find(".//x:target/x:x[@id='3']", NS)
    code_3.getparent().remove(code_3)
    tree.write(str(returned), xml_declaration=True, encoding="UTF-8")
    code, out, _ = run(sample, "xliff", "import", str(returned))
    assert code == 1 and "code-missing: code 3 (`tarjama build`) is missing" in out
    kept = {e.msgid: e for e in polib.pofile(str(sample / "translations/fr/markup.po"))}
    assert kept[paragraph.msgid].msgstr == paragraph.msgstr  # the reviewed one stays
