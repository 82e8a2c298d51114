"""check catches at least what msgfmt --check rejects, and is right about markup."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tarjama.catalog.checking import check_catalog
from tarjama.catalog.checks import check_pair
from tarjama.catalog.pofile import read_po, write_po
from tarjama.catalog.update import build_template
from tarjama.segment import parse_article
from tests.conftest import DATA, ROOT, require_tool

BROKEN = sorted((DATA / "msgfmt").glob("*.po"))
Run = Callable[..., tuple[int, str, str]]


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    require_tool("msgfmt")
    command = ["msgfmt", "--check", "-o", "/dev/null", str(path)]
    return subprocess.run(command, capture_output=True, text=True)


@pytest.mark.tools
@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_check_reports_what_msgfmt_reports(path: Path) -> None:
    theirs = msgfmt_check(path)
    findings = check_catalog(read_po(path), path.name)
    if theirs.returncode != 0:  # msgfmt rejects the file: an error for us too
        assert any(f.severity == "error" for f in findings), theirs.stderr
    else:  # msgfmt only warns (header fields): so do we
        assert "warning" in theirs.stderr and findings
        assert all(f.severity == "warning" for f in findings)
    assert all(f.line >= 1 for f in findings)


@pytest.mark.tools
def test_the_broken_corpus_has_files_msgfmt_rejects() -> None:
    rejected = [p.stem for p in BROKEN if msgfmt_check(p).returncode != 0]
    assert len(rejected) >= 7, rejected  # duplicates, formats, newlines, plural forms


@pytest.mark.tools
def test_the_sample_passes_both() -> None:
    for path in sorted((ROOT / "translations").glob("*/*.po")):
        assert msgfmt_check(path).returncode == 0, path
        errors = [f for f in check_catalog(read_po(path), path.name) if f.severity == "error"]
        assert not errors, errors


def test_a_dropped_footnote_reference_is_an_error() -> None:
    problems = check_pair("As reported[^1], aid grew.", "Comme rapporté, l'aide a crû.")
    assert [p[:2] for p in problems] == [("footnotes", "error")]
    assert not check_pair("As reported[^1], aid grew.", "Comme rapporté[^1], l'aide a crû.")


@pytest.mark.parametrize(
    ("msgid", "msgstr", "reported"),
    [
        ("1.5 million people", "15 millions de personnes", True),
        ("In 2022, 3.5% of the budget", "En 2022, 3,5 % du budget", False),
        ("It cost 1,000,000 USD.", "Cela a coûté 1\u202f000\u202f000 USD.", False),
        ("It cost 1,000,000 USD.", "Cela a coûté 1 000 000 USD.", False),
        ("In 2022, 3.5% of the budget", "En 2023, 3,5 % du budget", True),
        ("١٢٠ million", "120 millions", False),
    ],
)
def test_numbers_know_decimal_points_from_group_separators(
    msgid: str, msgstr: str, reported: bool
) -> None:
    found = [p for p in check_pair(msgid, msgstr) if p[0] == "numbers"]
    assert bool(found) == reported, found


def fr_po(project: Path) -> Path:
    return project / "translations" / "fr" / "defense-aid-programs.po"


def test_fuzzy_is_a_warning_and_strict_fails_on_it(sample: Path, run: Run) -> None:
    path = fr_po(sample)
    po = read_po(path)
    next(e for e in po if e.msgid and e.translated()).flags.insert(0, "fuzzy")
    write_po(path, po)
    code, out, _ = run(sample, "check", "-l", "fr")
    assert code == 0 and ": fuzzy: " in out and "[warning]" in out
    code, _, err = run(sample, "check", "-l", "fr", "--strict")
    assert code == 1 and "--strict" in err


def test_a_duplicate_msgid_is_an_error(sample: Path, run: Run) -> None:
    shutil.copy(DATA / "msgfmt" / "duplicate.po", sample / "translations" / "fr" / "dup.po")
    code, out, _ = run(sample, "check", "-l", "fr")
    assert code == 1
    assert "translations/fr/dup.po:16: duplicate: duplicate message definition" in out


def test_identical_strings_in_different_roles_list_every_role() -> None:
    text = "---\ntitle: T\n---\n\nBudget\n\n| Budget | 120 |\n|---|---|\n| a | b |\n"
    pot = build_template(parse_article(text, slug="a", path=Path("a.md")), reference="a.md",
                         project="T")  # fmt: skip
    entry = next(e for e in pot if e.msgid == "Budget")
    assert entry.comment == "type: paragraph, table header"
