"""Shared fixtures: a copy of the sample project, and real tools that must exist under CI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


_CURRENT: list[pytest.Item] = []  # the test being set up or run in this process


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Note the test before its fixtures are set up (a module's fixture may need a tool)."""
    _CURRENT[:] = [item]


def require_tool(name: str, found: bool | str | None = None) -> None:
    """Skip when tool *name* is missing, except under CI=true where that is a failure.

    A test that needs a tool must be marked ``tools``, so that ``pytest -m "not tools"``
    runs with no tool on the PATH: an unmarked one fails here, whatever the machine has."""
    if _CURRENT and _CURRENT[-1].get_closest_marker("tools") is None:
        pytest.fail(f"{_CURRENT[-1].nodeid} needs {name}: mark it @pytest.mark.tools")
    present = found if found is not None else shutil.which(name)
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is required under CI but is not installed")
    pytest.skip(f"{name} not installed")


def copy_project(target: Path, *, translations: bool = True) -> Path:
    """Copy the sample project (config, source, its template overrides, translations)
    into *target*."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tarjama.toml", target / "tarjama.toml")
    for folder in ("source", "templates", *(("translations",) if translations else ())):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, target / folder)
    return target


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the sample publication, with its translations."""
    return copy_project(tmp_path / "sample")


@pytest.fixture
def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    """Run the CLI in-process: ``code, out, err = run(project, "check")``."""
    from tarjama.cli import main

    def invoke(project: Path, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["-C", str(project), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under *folder* with its bytes, to prove nothing changed."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def document(markdown: str) -> str:
    """Trusted Markdown (an author's) as the pandoc JSON document a chapter's body is."""
    from tarjama.core.pandoc import worker

    return worker().convert(markdown, to="json")


def pandoc_html(markdown: str) -> str:
    """pandoc's own HTML of *markdown* (``commonmark_x``), to measure tarjama against."""
    from tarjama.core.pandoc import worker

    return worker().convert(markdown, to="html5", options={"wrap_text": "none"})


def merged_markdown(body: str) -> str:
    """A merged document written back as Markdown by pandoc (to read it in assertions)."""
    from tarjama.render.document.pandoc import to_markdown

    return to_markdown(body)
