"""The manual (``docs/``) is a tarjama publication, built strictly in the suite so that it
cannot rot: its templates and PO files are current, ``check --strict`` finds nothing,
every locale builds in every format with no broken link, image or anchor and no missing
glyph, and the French and Arabic translations are complete or nearly so."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import snapshot

ROOT = Path(__file__).resolve().parents[1]
Run = Callable[..., tuple[int, str, str]]


def test_the_manual_builds_strictly_in_three_languages(tmp_path: Path, run: Run) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("build", ".cache"))
    before = snapshot(docs / "translations")
    assert run(docs, "-q", "extract")[0] == 0 and run(docs, "-q", "update")[0] == 0
    stale = sorted(k for k, v in snapshot(docs / "translations").items() if before.get(k) != v)
    assert not stale, f"docs/translations is not current: run `make docs` and commit {stale}"
    code, out, err = run(docs, "check", "--strict")
    assert code == 0, out + err
    code, out, err = run(docs, "-q", "build", "--strict")
    assert code == 0, out + err
    for locale in ("en", "fr", "ar"):
        for page in ("index.html", "getting-started/index.html", "security.html"):
            assert (docs / "build" / locale / page).is_file(), (locale, page)
        assert (docs / "build" / locale / "tarjama-manual.epub").stat().st_size > 100_000
        assert (docs / "build" / locale / "tarjama-manual.pdf").stat().st_size > 100_000
    code, out, _ = run(docs, "stats", "--format", "json")
    for row in (r for r in json.loads(out) if r["domain"] == "total"):
        done, words = row["translated_words"], row["words"]
        assert done >= 0.95 * words, f"{row['locale']}: {done} of {words} words translated"
