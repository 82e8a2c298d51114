"""What changed and where each locale stands: ``update --format json``, ``status
--since REV`` against a real git history, and the status page (LTR and RTL)."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import require_tool

Run = Callable[..., tuple[int, str, str]]
ARTICLE = "defense-aid-programs"


def edit(sample: Path) -> None:
    """An author's edit: one word of the first paragraph, and a new paragraph."""
    path = sample / "source" / f"{ARTICLE}.md"
    text = path.read_text("utf-8").replace("are a crucial channel", "are a vital channel", 1)
    path.write_text(text + "\nA brand new closing paragraph about the alliance.\n", "utf-8")


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def test_update_says_each_entrys_fate_as_json(sample: Path, run: Run) -> None:
    edit(sample)
    assert run(sample, "-q", "extract")[0] == 0
    code, out, _ = run(sample, "update", "-l", "fr", "--format", "json")
    assert code == 0
    fates = {(r["catalog"], r["msgid"][:30]): r["fate"] for r in json.loads(out)}
    catalog = f"translations/fr/{ARTICLE}.po"
    assert fates[(catalog, "Defense Aid Programs are a vit")] == "fuzzy"
    assert fates[(catalog, "A brand new closing paragraph ")] == "new"
    assert sum(f == "kept" for f in fates.values()) == len(fates) - 2


@pytest.mark.tools
def test_status_since_a_tag_lists_the_changed_segments_and_their_state(
    sample: Path, run: Run
) -> None:
    require_tool("git")
    git(sample, "init", "-q")
    git(sample, "add", "-A")
    git(sample, "commit", "-qm", "release")
    git(sample, "tag", "v1")
    edit(sample)
    assert run(sample, "-q", "extract")[0] == 0 and run(sample, "-q", "update")[0] == 0
    code, out, _ = run(sample, "status", "--since", "v1", "-l", "fr")
    assert code == 0
    assert "fr: 2 segments new or edited since v1: 0 translated, 1 fuzzy, 1 untranslated" in out
    assert f"source/{ARTICLE}.md:10: fr: fuzzy: Defense Aid Programs are a vital" in out
    code, out, _ = run(sample, "status", "--since", "v1", "--format", "json")
    rows = json.loads(out)
    assert {r["locale"] for r in rows} == {"ar", "fr", "tr", "ur", "ms"} and len(rows) == 10
    code, _, err = run(sample, "status", "--since", "v9")
    assert code == 2 and "no revision 'v9' in this repository" in err
    # the status page, with what changed
    code, _, _ = run(sample, "stats", "--format", "html", "--since", "v1", "--ui", "ar")
    page = (sample / "build" / "status.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "حالة الترجمة" in page
    assert f'href="fr/{ARTICLE}.html"' in page
    assert page.count('role="img"') == 5 * 7  # a bar per locale, article, interface, total
    bars = re.findall(r'<rect class="done" x="([\d.]+)" y="0" width="([\d.]+)"', page)
    assert all(abs(float(x) + float(w) - 100) < 0.01 for x, w in bars)  # filled from the right


def test_the_status_page_in_the_source_language_reads_left_to_right(sample: Path, run: Run) -> None:
    code, out, _ = run(sample, "stats", "--format", "html", "-o", str(sample / "s.html"))
    assert code == 0 and "wrote s.html" in out
    page = (sample / "s.html").read_text("utf-8")
    assert '<html lang="en" dir="ltr">' in page and "Translation status" in page
    assert re.search(r'aria-label="100% translated, 0% fuzzy"', page)
    assert float(re.findall(r'<rect class="done" x="([\d.]+)"', page)[0]) == 0
    code, _, err = run(sample, "stats", "--since", "v1")
    assert code == 2 and "--since goes with --format html" in err
