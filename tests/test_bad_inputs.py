"""The bad-input corpus: each case ends in one clear line, its exit code, and no file touched."""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, snapshot

CASES = sorted(p for p in (DATA / "bad").iterdir() if (p / "case.toml").is_file())


def prepare(tmp_path: Path, run: Callable[..., tuple[int, str, str]]) -> Path:
    project = tmp_path / "project"
    shutil.copytree(DATA / "mini", project)
    assert run(project, "extract")[0] == 0
    assert run(project, "update")[0] == 0
    return project


def breakage(project: Path, spec: dict[str, object]) -> None:
    if "replace" in spec:
        change = spec["replace"]
        assert isinstance(change, dict)
        path = project / change["file"]
        text = path.read_text("utf-8")
        assert change["find"] in text
        path.write_text(text.replace(change["find"], change["replace"], 1), "utf-8")
    if "break_po" in spec:
        change = spec["break_po"]
        assert isinstance(change, dict)
        path = project / "translations" / change["locale"] / f"{change['slug']}.po"
        text = path.read_text("utf-8")
        head, _, tail = text.partition("\n\n")  # leave the header's msgstr alone
        assert change["find"] in tail
        text = head + "\n\n" + tail.replace(change["find"], change["replace"], 1)
        path.write_bytes(text.encode(change.get("encoding", "utf-8")))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Path, tmp_path: Path, run: Callable[..., tuple[int, str, str]]) -> None:
    spec = tomllib.loads((case / "case.toml").read_text("utf-8"))
    project = prepare(tmp_path, run)
    breakage(project, spec)
    before = snapshot(tmp_path)
    code, out, err = run(project, *spec["command"])
    assert code == spec["exit_code"], (out, err)
    assert "Traceback" not in err
    if "error" in spec:
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err
        assert re.search(spec["error"], lines[0]), lines[0]
    if "output" in spec:
        assert re.search(spec["output"], out, re.M), out
    assert snapshot(tmp_path) == before
