"""A read-only translations folder and a full disk under build/ end in one line with the
path and exit code 8, never a traceback; nothing is half-written. Uses real mounts (the
tests skip where mounting is not allowed)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import snapshot

Run = Callable[..., tuple[int, str, str]]


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"mount not allowed here: {result.stderr.strip()}")


@pytest.fixture
def mounts() -> Iterator[list[Path]]:
    points: list[Path] = []
    yield points
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.mark.tools
def test_a_read_only_translations_folder(sample: Path, run: Run, mounts: list[Path]) -> None:
    folder = sample / "translations"
    _mount("--bind", str(folder), str(folder))
    mounts.append(folder)
    _mount("-o", "remount,bind,ro", str(folder))
    article = sample / "source" / "defense-aid-programs.md"
    article.write_text(article.read_text("utf-8") + "\nA new paragraph.\n", "utf-8")
    before = snapshot(folder)
    code, _, err = run(sample, "extract")
    assert code == 8, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert "translations/defense-aid-programs.pot: cannot write: Read-only file system" in err
    assert "make the folder writable" in err
    assert snapshot(folder) == before


@pytest.mark.tools
def test_a_full_disk_under_build(sample: Path, run: Run, mounts: list[Path]) -> None:
    build = sample / "build"
    build.mkdir()
    _mount("-t", "tmpfs", "-o", "size=256k", "tmpfs", str(build))
    mounts.append(build)
    code, _, err = run(sample, "build", "-l", "fr", "--format", "html,epub")
    assert code == 8, err
    assert "Traceback" not in err
    assert "cannot write: No space left on device; free some disk space" in err, err
    assert not [p for p in build.rglob("*.tmp")], "a temporary file was left behind"
