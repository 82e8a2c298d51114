"""Incremental, sharded builds: a no-op writes nothing; a change rebuilds what it affects."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.conftest import ROOT, snapshot

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


def test_a_no_op_build_does_not_even_load_the_pipeline(sample: Path, run: Run) -> None:
    first = build(run, sample)
    script = (
        "import sys; from tarjama.cli import main; "
        f"code = main(['-C', {str(sample)!r}, 'build', '--format', 'html']); "
        "print('pipeline loaded' if 'tarjama.publish.plan' in sys.modules else 'fingerprint'); "
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "fingerprint"
    # the notes of the last build are repeated (which articles a locale left out)
    notes = [line for line in first.splitlines() if not line.startswith("wrote ")]
    assert notes and done.stdout.splitlines()[:-1] == notes


@pytest.mark.parametrize(
    "change",
    ["delete output", "touch output", "edit template", "new source", "edit config"],
)
def test_any_change_of_inputs_or_outputs_means_a_real_build(
    sample: Path, run: Run, change: str
) -> None:
    build(run, sample)
    expected = snapshot(sample / "build")
    page = sample / "build" / "fr" / "defense-aid-programs.html"
    if change == "delete output":
        page.unlink()
    elif change == "touch output":
        page.write_text("edited by hand", "utf-8")
    elif change == "edit template":
        # a project file overrides the package's default of the same name
        default = ROOT / "tarjama" / "templates" / "assets" / "style.css"
        css = sample / "templates" / "assets" / "style.css"
        css.parent.mkdir(parents=True, exist_ok=True)
        css.write_text(default.read_text("utf-8") + "\n/* edited */\n", "utf-8")
    elif change == "new source":
        source = sample / "source" / "defense-aid-programs.md"
        text = source.read_text("utf-8").replace("order:", "slug: extra-article\norder:", 1)
        (sample / "source" / "extra-article.md").write_text(text, "utf-8")
    else:
        config = sample / "tarjama.toml"
        config.write_text(config.read_text("utf-8").replace("Defence", "Defense", 1), "utf-8")
    out = build(run, sample)
    if change == "delete output":
        assert "wrote build/fr/defense-aid-programs.html" in out
        assert snapshot(sample / "build") == expected
    elif change == "touch output":
        # a real build ran; its content keys still match, so the edit stays (as before)
        assert page.read_text("utf-8") == "edited by hand"
    elif change == "edit template":
        assert "/* edited */" in (sample / "build" / "assets" / "style.css").read_text("utf-8")
    elif change == "new source":
        assert (sample / "build" / "en" / "extra-article.html").is_file()  # untranslated yet
    else:
        assert "Defense Cooperation" in (sample / "build" / "fr" / "index.html").read_text("utf-8")
    after = snapshot(sample)
    assert "wrote " not in build(run, sample)  # and then it is a no-op again
    assert snapshot(sample) == after


def test_a_failed_build_leaves_no_fingerprint(sample: Path, run: Run) -> None:
    build(run, sample)
    po_file = sample / "translations" / "fr" / "defense-aid-programs.po"
    good = po_file.read_bytes()
    po_file.write_bytes(good.replace(b'msgstr ""', b'msgstr "unterminated', 1))
    code, _, err = run(sample, "build", "--format", "html")
    assert code == 5 and "defense-aid-programs.po:" in err
    po_file.write_bytes(good)
    os.utime(po_file)
    assert not list((sample / ".cache").glob("fingerprint-*"))
    build(run, sample)
    assert list((sample / ".cache").glob("fingerprint-*"))


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
    pages = [name for name in written if "/pagefind/" not in name]
    assert pages == ["build/fr/defense-cooperation-funding.html"]
    # and the French search bundle of that page, whose words changed (nothing else's)
    assert "build/fr/pagefind/b00/pagefind-entry.json" in written
    assert all(n.startswith("build/fr/") for n in written)
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
    pages = {name for name in written if "/pagefind/" not in name}
    # the article, the index, and the next article's page, whose "Previous article" names it
    assert pages == {
        "build/tr/defense-aid-programs.html",
        "build/tr/index.html",
        "build/tr/international-security-assistance.html",
    }


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
        shutil.copytree(sample, part, ignore=shutil.ignore_patterns("build", ".cache"))
        build(run, part, "--shard", f"{k}/{shards}")
        shutil.copytree(part / "build", sample / "build", dirs_exist_ok=True)
    assert snapshot(sample / "build") == snapshot(full / "build")
    sizes = [len(snapshot(tmp_path / f"shard{k}" / "build")) for k in range(1, shards + 1)]
    every = len(snapshot(full / "build"))
    assert all(size > 0 for size in sizes) and sum(sizes) >= every
    assert max(sizes) < every * 0.6, sizes  # each shard has a share, not the whole locale
    assert not filecmp.dircmp(sample / "build", full / "build").diff_files


def test_a_build_of_some_formats_leaves_the_others_alone(sample: Path, run: Run) -> None:
    code, _, err = run(sample, "build", "-q", "-l", "fr", "--format", "epub,md")
    assert code == 0, err
    books = snapshot(sample / "build" / "fr")
    assert any(name.endswith(".epub") for name in books) and "md/defense-aid-programs.md" in books
    out = build(run, sample, "-l", "fr")
    assert "removed" not in out
    after = snapshot(sample / "build" / "fr")
    assert {name: after[name] for name in books} == books
