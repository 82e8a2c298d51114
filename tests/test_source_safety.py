"""Authors are trusted more than translators, but the tool must still fail cleanly: local
files outside the project, links out of it, and nesting too deep end in one line."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., tuple[int, str, str]]


def _article(sample: Path, extra: str) -> Path:
    article = sample / "source" / "defense-aid-programs.md"
    article.write_text(article.read_text("utf-8") + "\n" + extra + "\n", "utf-8")
    return article


def _line_of(article: Path, text: str) -> int:
    return next(
        i for i, line in enumerate(article.read_text("utf-8").split("\n"), 1) if text in line
    )


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ("An absolute image: ![passwd](/etc/passwd)", "/etc/passwd"),
        ("By reference: ![secret][s]\n\n[s]: ../../outside.png", "![secret][s]"),
        ("Shortcut: ![s2]\n\n[s2]: /etc/hostname", "![s2]"),
    ],
)
def test_an_image_outside_the_source_folder_is_never_read_and_is_named_at_its_line(
    sample: Path, run: Run, extra: str, needle: str
) -> None:
    article = _article(sample, extra)
    code, _, err = run(sample, "build", "--format", "html", "-l", "fr")
    assert code == 0, err
    line = _line_of(article, needle)
    # "/etc/passwd" is read from the source folder's top, as mkdocs reads it: not there
    assert f"source/defense-aid-programs.md:{line}: warning: image " in err
    assert "outside source/" in err or "not found" in err
    assert "Traceback" not in err
    page = (sample / "build" / "fr" / "defense-aid-programs.html").read_text("utf-8")
    assert "<img" not in page
    built = [p for p in (sample / "build").rglob("*") if p.is_file()]
    assert not any(p.name in ("passwd", "hostname", "outside.png") for p in built)
    config = sample / "tarjama.toml"
    levels = '\n[validation]\nimages = "error"\noutside = "error"\n'
    config.write_text(config.read_text("utf-8") + levels, "utf-8")
    code, _, err = run(sample, "build", "--format", "html", "-l", "fr")
    assert code == 4 and f"source/defense-aid-programs.md:{line}: image " in err


def test_a_linked_article_outside_the_project_is_refused(sample: Path, run: Run) -> None:
    outside = sample.parent / "elsewhere.md"
    outside.write_text("---\ntitle: Elsewhere\n---\n\nA paragraph from outside.\n", "utf-8")
    (sample / "source" / "elsewhere.md").symlink_to(outside)
    code, _, err = run(sample, "extract")
    assert code == 7, err
    assert "source/elsewhere.md: links outside the project" in err and "Traceback" not in err
    assert not (sample / "translations" / "elsewhere.pot").exists()


@pytest.mark.parametrize("link", ["build/fr", ".cache"])
def test_output_folders_linked_outside_the_project_are_refused(
    sample: Path, run: Run, link: str
) -> None:
    target = sample.parent / "target"
    target.mkdir()
    (sample / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, sample / link)
    code, _, err = run(sample, "build", "--format", "html", "-l", "fr")
    assert code == 7, err
    assert "outside the project" in err and "Traceback" not in err
    assert list(target.iterdir()) == []


def test_deep_nesting_stops_one_article_not_the_build(sample: Path, run: Run) -> None:
    article = _article(sample, "*" * 3000 + "deep" + "*" * 3000 + "\n\n" + ">" * 3000 + " q")
    code, _, err = run(sample, "build", "-l", "fr")
    assert code == 4, err
    line = _line_of(article, "*deep*")
    assert f"source/defense-aid-programs.md:{line}: nested 1500 levels deep" in err
    assert "Traceback" not in err and "RecursionError" not in err
    for name in ("defense-cooperation-funding.html", "defence-cooperation.epub"):
        assert (sample / "build" / "fr" / name).is_file(), name
