"""The table of configuration keys is the gate and the manual: a key it lacks is an error
at its line, a key the code reads is in it, and the manual's reference page is made from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tarjama.core.config import load_config
from tarjama.core.errors import ConfigError
from tarjama.core.settings import KEYS, TABLES, reference

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "manual" / "publishers" / "configuration-reference.md"


def test_a_misspelt_key_or_table_is_an_error_at_its_line(tmp_path: Path) -> None:
    config = tmp_path / "tarjama.toml"
    config.write_text('[project]\nlocales = ["fr"]\ntitel = "X"\n', "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(file=config)
    assert caught.value.line == 3 and "did you mean 'title'?" in str(caught.value)
    config.write_text('[project]\nlocales = ["fr"]\n\n[bild]\nformats = ["html"]\n', "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(file=config)
    assert caught.value.line == 4 and "unknown table [bild]; did you mean 'build'?" in str(
        caught.value
    )


def test_every_key_the_code_reads_is_in_the_table() -> None:
    read: set[str] = set()
    for name in ("config.py", "tables.py"):
        code = (ROOT / "tarjama" / "core" / name).read_text("utf-8")
        read |= set(re.findall(r'\.get\("(\w+)"', code))
        for names in re.findall(r"for key in \(([^)]*)\)", code):
            read |= set(re.findall(r'"(\w+)"', names))
    table_names = {part for t in TABLES for part in t.split(".")}  # tables, not keys
    inner = {"before", "after"}  # inside a [typography] locale's value
    unlisted = read - {k.name for k in KEYS} - table_names - inner - {"tool", "tarjama"}
    assert len(read) > 25 and not unlisted, unlisted
    assert {k.table for k in KEYS} == set(TABLES)


def test_the_manuals_reference_is_the_tables() -> None:
    assert PAGE.read_text("utf-8") == reference(), (
        "docs' configuration reference is stale: run `make docs`"
    )
