"""The sample publication's committed catalogs: complete where promised, clean, gettext's own."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, require_tool

Run = Callable[..., tuple[int, str, str]]
CATALOGS = sorted((ROOT / "translations").rglob("*.po*"))


@pytest.mark.tools
@pytest.mark.parametrize("path", CATALOGS, ids=[p.relative_to(ROOT).as_posix() for p in CATALOGS])
def test_committed_catalog_is_byte_identical_under_msgcat(path: Path) -> None:
    require_tool("msgcat")
    subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True, capture_output=True
    )
    assert (
        subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
        == path.read_bytes()
    )


def test_translation_progress_is_as_promised(run: Run) -> None:
    code, out, _ = run(ROOT, "stats", "--format", "json")
    totals = {row["locale"]: row for row in json.loads(out) if row["domain"] == "total"}
    assert code == 0
    for locale in ("ar", "fr", "tr"):
        assert totals[locale]["percent"] == 100.0 and totals[locale]["fuzzy"] == 0
    for locale in ("ur", "ms"):
        assert 30 <= totals[locale]["percent"] <= 70


def test_check_finds_nothing_in_the_sample(run: Run) -> None:
    code, out, _ = run(ROOT, "check")
    assert code == 0 and out == ""


def test_the_sample_is_up_to_date(sample: Path, run: Run) -> None:
    from tests.conftest import snapshot

    before = snapshot(sample / "translations")
    assert run(sample, "extract")[0] == 0 and run(sample, "update")[0] == 0
    assert snapshot(sample / "translations") == before
