"""Incremental, sharded builds: a no-op writes nothing; a change rebuilds what it affects."""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.conftest import snapshot

Run = Callable[..., tuple[int, str, str]]


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def build(run: Run, project: Path, *args: str) -> str:
    code, out, err = run(project, "build", "--format", "html", *args)
    assert code == 0, err
    return out


def test_a_no_op_build_writes_no_file(sample: Path, run: Run) -> None:
    build(run, sample)
    before = mtimes(sample)
    out = build(run, sample)
    assert "wrote " not in out
    assert mtimes(sample) == before  # neither the output nor the cache was rewritten


def test_a_changed_po_entry_rebuilds_exactly_the_affected_outputs(sample: Path, run: Run) -> None:
    build(run, sample)
    po_file = sample / "translations" / "fr" / "defense-cooperation-funding.po"
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if e.msgid.startswith("Lastly") or e.comment == "type: paragraph")
    entry.msgstr = "Une traduction révisée de ce paragraphe."
    po.save()
    out = build(run, sample)
    written = sorted(
        line.removeprefix("wrote ") for line in out.splitlines() if line.startswith("wrote ")
    )
    assert written == ["build/fr/defense-cooperation-funding.html"]
    page = sample / "build" / "fr" / "defense-cooperation-funding.html"
    assert "Une traduction révisée de ce paragraphe." in page.read_text("utf-8")


def test_a_changed_title_also_rebuilds_the_locale_index(sample: Path, run: Run) -> None:
    build(run, sample)
    po_file = sample / "translations" / "tr" / "defense-aid-programs.po"
    po = polib.pofile(str(po_file))
    next(e for e in po if e.comment == "type: front matter: title").msgstr = "Yeni başlık"
    po.save()
    written = {
        line.removeprefix("wrote ")
        for line in build(run, sample).splitlines()
        if line.startswith("wrote")
    }
    assert written == {"build/tr/defense-aid-programs.html", "build/tr/index.html"}


def test_deleting_the_cache_or_the_build_folder_is_safe(sample: Path, run: Run) -> None:
    build(run, sample)
    expected = snapshot(sample / "build")
    shutil.rmtree(sample / ".cache")
    build(run, sample)
    assert snapshot(sample / "build") == expected
    shutil.rmtree(sample / "build")
    build(run, sample)
    assert snapshot(sample / "build") == expected


@pytest.mark.parametrize("shards", [3])
def test_the_union_of_shards_equals_a_full_build(
    sample: Path, tmp_path: Path, run: Run, shards: int
) -> None:
    full = tmp_path / "full"
    shutil.copytree(sample, full)
    build(run, full)
    for k in range(1, shards + 1):
        part = tmp_path / f"shard{k}"
        shutil.copytree(sample, part)
        build(run, part, "--shard", f"{k}/{shards}")
        shutil.copytree(part / "build", sample / "build", dirs_exist_ok=True)
    assert snapshot(sample / "build") == snapshot(full / "build")
    sizes = [len(snapshot(tmp_path / f"shard{k}" / "build")) for k in range(1, shards + 1)]
    assert all(size > 0 for size in sizes) and sum(sizes) >= len(snapshot(full / "build"))
    assert not filecmp.dircmp(sample / "build", full / "build").diff_files
