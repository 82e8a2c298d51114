"""The translator workflow through the command line, on a copy of the sample publication."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tarjama.cli import parser
from tests.conftest import ROOT, copy_project, require_tool, snapshot

Run = Callable[..., tuple[int, str, str]]
SLUGS = sorted(p.stem for p in (ROOT / "source").glob("*.md"))
LOCALES = ["ar", "fr", "tr", "ur", "ms"]


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """The sample publication with no translations yet."""
    return copy_project(tmp_path / "fresh", translations=False)


def test_extract_update_stats_on_the_sample(fresh: Path, run: Run) -> None:
    assert run(fresh, "extract")[0] == 0
    assert sorted(p.stem for p in (fresh / "translations").glob("*.pot")) == sorted([*SLUGS, "ui"])
    assert run(fresh, "update")[0] == 0
    code, out, _ = run(fresh, "stats", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    for locale in LOCALES:
        articles = {r["domain"] for r in rows if r["locale"] == locale} - {"ui", "total"}
        assert articles == set(SLUGS)
    code, out, _ = run(fresh, "stats")
    assert code == 0 and "untranslated" in out and "defense-aid-programs" in out


def test_running_twice_changes_nothing(fresh: Path, run: Run) -> None:
    run(fresh, "extract")
    run(fresh, "update")
    before = snapshot(fresh)
    assert run(fresh, "extract")[0] == 0
    assert run(fresh, "update")[0] == 0
    assert snapshot(fresh) == before


def test_a_removed_article_loses_its_template_but_keeps_its_translations(
    sample: Path, run: Run
) -> None:
    article = sample / "source" / "defense-aid-programs.md"
    text = article.read_text("utf-8")
    po_files = sorted((sample / "translations").glob("*/defense-aid-programs.po"))
    kept = {p: p.read_bytes() for p in po_files}
    article.unlink()
    code, out, _ = run(sample, "extract")
    assert code == 0 and "removed translations/defense-aid-programs.pot" in out
    assert not (sample / "translations" / "defense-aid-programs.pot").exists()
    assert run(sample, "update")[0] == 0
    assert {p: p.read_bytes() for p in po_files} == kept  # the translators' work stays
    article.write_text(text, "utf-8")  # the article comes back, and so do its translations
    assert run(sample, "extract")[0] == 0 and run(sample, "update")[0] == 0
    for path, data in kept.items():
        before = polib.pofile(data.decode("utf-8"))
        after = polib.pofile(str(path))
        assert [(e.msgid, e.msgstr, e.fuzzy) for e in after] == [
            (e.msgid, e.msgstr, e.fuzzy) for e in before
        ]


@pytest.mark.tools
def test_written_catalogs_are_gettexts_own(fresh: Path, run: Run) -> None:
    require_tool("msgcat")
    require_tool("msgfmt")
    run(fresh, "extract")
    run(fresh, "update")
    # a translator's work with fuzzy and obsolete entries: edit the source, update again
    article = fresh / "source" / "defense-aid-programs.md"
    po_file = fresh / "translations" / "ar" / "defense-aid-programs.po"
    po = polib.pofile(str(po_file))
    for entry in po:
        entry.msgstr = "ترجمة: " + entry.msgid[:40]
    po.save()
    text = article.read_text("utf-8")
    removed = next(p for p in text.split("\n\n") if p.startswith("A good example"))
    edited = text.replace("resilience", "endurance").replace("## The Future", "## Tomorrow")
    article.write_text(edited.replace(removed + "\n\n", ""), "utf-8")
    run(fresh, "extract")
    run(fresh, "update")
    written = sorted((fresh / "translations").rglob("*.po*"))
    assert len(written) == len(SLUGS) + 1 + len(LOCALES) * (len(SLUGS) + 1)
    assert "#| msgid" in po_file.read_text("utf-8") and "#~ msgid" in po_file.read_text("utf-8")
    for path in written:
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
        result = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
        assert result.stdout == path.read_bytes(), f"msgcat rewrote {path}"


def test_check_reports_markup_problems_with_their_location(sample: Path, run: Run) -> None:
    po_file = sample / "translations" / "fr" / "defense-aid-programs.po"
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if e.msgid.startswith("Founded"))
    entry.msgstr = entry.msgstr.removesuffix(".") + " <script>alert(1)</script> 1999."
    po.save()
    code, out, _ = run(sample, "check")
    assert code == 1
    assert re.search(r"^translations/fr/defense-aid-programs\.po:\d+: raw-html: ", out, re.M), out
    assert re.search(
        r"^translations/fr/defense-aid-programs\.po:\d+: numbers: .*\[warning\]$", out, re.M
    )
    code, out, _ = run(sample, "check", "--format", "json")
    findings = json.loads(out)
    assert code == 1 and {f["code"] for f in findings} == {"raw-html", "numbers"}
    assert all(f["path"] == "translations/fr/defense-aid-programs.po" for f in findings)


def test_check_is_clean_on_the_sample(sample: Path, run: Run) -> None:
    code, out, _ = run(sample, "check")
    assert code == 0, out


def test_a_translator_can_silence_a_check(sample: Path, run: Run) -> None:
    po_file = sample / "translations" / "fr" / "defense-aid-programs.po"
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if e.msgid.startswith("Founded"))
    entry.msgstr = entry.msgstr.removesuffix(".") + " (1999)."
    entry.tcomment = "tarjama-ignore: numbers"
    po.save()
    assert run(sample, "check")[1] == ""


@pytest.mark.parametrize("command", ["extract", "update", "check", "stats", "build", "preview"])
def test_every_command_has_help_with_examples_and_is_documented(command: str) -> None:
    helptext = parser().parse_args.__self__.format_help()  # type: ignore[attr-defined]
    assert command in helptext
    sub = next(a for a in parser()._actions if a.dest == "command")
    assert "examples:" in sub.choices[command].format_help()  # type: ignore[attr-defined]
    manual = "".join(p.read_text("utf-8") for p in (ROOT / "docs" / "manual").rglob("*.md"))
    assert f"tarjama {command}" in manual


def test_console_script_runs(sample: Path) -> None:
    exe = shutil.which("tarjama", path=str(Path(__import__("sys").executable).parent))
    assert exe is not None
    result = subprocess.run([exe, "stats"], cwd=sample, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "total" in result.stdout


def test_an_unknown_format_is_named_with_the_registrys_formats(fresh: Path, run: Run) -> None:
    """The registry of outputs is the only list of formats: the command line's unknown
    one is a usage error, the config's one a config error at its line."""
    code, _, err = run(fresh, "build", "--format", "odt")
    assert code == 2 and "unknown format 'odt'; choose from html, md, epub, pdf" in err
    config = fresh / "tarjama.toml"
    text = config.read_text("utf-8").replace(
        'formats = ["html", "epub", "pdf"]', 'formats = [\n  "odt",\n]'
    )
    config.write_text(text, "utf-8")
    line = text.splitlines().index('  "odt",') + 1
    code, _, err = run(fresh, "build")
    assert code == 3 and f"tarjama.toml:{line}: unknown format 'odt'" in err
