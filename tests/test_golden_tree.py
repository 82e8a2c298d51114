"""The golden tree: a small publication's whole site and its translated Markdown, built on
every run and compared, file by file, with ``tests/golden/site/expected/``.

The fixture (``tests/golden/site/project/``) has a section with its introduction, links
between articles, a footnote, a table, code, a quote, a French catalog translated in full
and an Arabic one in part (so the fallback and the right-to-left marks show). Every text
output is kept (pages, Markdown, sitemap, feeds, robots.txt, the font style sheet); the
binary ones (fonts, the search index) are left out. A change of output shows in review
as a diff of ``expected/``; ``make golden`` regenerates it.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from tarjama.core import __version__

CASE = Path(__file__).parent / "golden" / "site"
KEEP = (".html", ".md", ".xml", ".txt", ".css")


def _text_outputs(build: Path) -> dict[str, str]:
    """The build's text outputs, by path, with the version number normalised."""
    found = {}
    for path in sorted(build.rglob("*")):
        relative = path.relative_to(build).as_posix()
        if not path.is_file() or path.suffix not in KEEP or "/pagefind/" in f"/{relative}":
            continue
        if relative.startswith("assets/") and path.name != "fonts.css":
            continue  # the package's own files, copied as they are
        found[relative] = path.read_text("utf-8").replace(__version__, "VERSION")
    return found


def test_the_built_site_is_the_golden_tree(tmp_path: Path, run: object) -> None:
    project = tmp_path / "project"
    shutil.copytree(CASE / "project", project)
    assert callable(run)
    code, _, err = run(project, "-q", "build")
    assert code == 0, err
    actual = _text_outputs(project / "build")
    expected_dir = CASE / "expected"
    if os.environ.get("TARJAMA_REGEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for relative, text in actual.items():
            (expected_dir / relative).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / relative).write_text(text, "utf-8")
    expected = {
        p.relative_to(expected_dir).as_posix(): p.read_text("utf-8")
        for p in sorted(expected_dir.rglob("*"))
        if p.is_file()
    }
    assert sorted(actual) == sorted(expected), "files differ; regenerate with `make golden`"
    for relative, text in actual.items():
        if text != expected[relative]:
            diff = difflib.unified_diff(
                expected[relative].splitlines(),
                text.splitlines(),
                f"expected/{relative}",
                f"built/{relative}",
                lineterm="",
            )
            pytest.fail("\n".join(list(diff)[:80]) + "\n(regenerate with `make golden`)")
