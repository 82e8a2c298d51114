"""``tarjama init``: a project from nothing that extracts, updates and builds as it is."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tarjama.core.config import load_config
from tarjama.core.errors import ConfigError
from tarjama.core.templates import PACKAGE_TEMPLATES
from tests.conftest import require_tool, snapshot

Run = Callable[..., tuple[int, str, str]]
TARJAMA = Path(sys.executable).with_name("tarjama")


def _tarjama(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TARJAMA), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.mark.tools
def test_init_then_extract_update_build_works_from_nothing(tmp_path: Path) -> None:
    require_tool("msgfmt")
    folder = tmp_path / "x"
    steps = [
        (tmp_path, ("init", str(folder), "--source-locale", "en", "--locale", "fr", "-l", "ar")),
        (folder, ("extract",)),
        (folder, ("update",)),
        (folder, ("build",)),
    ]
    for cwd, args in steps:
        result = _tarjama(cwd, *args)
        assert result.returncode == 0, (args, result.stderr)
    assert not (folder / "templates").exists()  # the package's templates suffice
    build = folder / "build"
    for name in ("index.html", "en/welcome.html", "en/x.epub", "en/x.pdf", "fr/index.html"):
        assert (build / name).is_file(), name
    assert (build / "en/x.pdf").read_bytes().startswith(b"%PDF")
    for po in sorted((folder / "translations").rglob("*.po")):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
    config = load_config(folder)
    assert config.locales == ("fr", "ar") and config.source_locale == "en"
    assert config.min_translated_for("ar") == 80 and not config.is_draft("fr")
    # every key of the configuration is written, each with a comment
    text = (folder / "tarjama.toml").read_text("utf-8")
    for key in ("title", "description", "name", "base_url", "source_locale", "locales", "date",
                "source", "translations", "templates", "build", "front_matter", "formats",
                "min_translated", "use_fuzzy", "jobs", "[locales.fr]", "draft"):  # fmt: skip
        assert key in text, key
    assert all("#" in line for line in text.splitlines() if " = " in line and "[" not in line[:1])
    # a second update changes nothing
    before = snapshot(folder / "translations")
    assert _tarjama(folder, "update").returncode == 0
    assert snapshot(folder / "translations") == before


def test_init_with_templates_copies_the_defaults_and_an_edit_overrides(
    tmp_path: Path, run: Run
) -> None:
    folder = tmp_path / "book"
    code, out, _ = run(tmp_path, "init", str(folder), "--templates", "--locale", "fr")
    assert code == 0
    assert "wrote templates/html/base.html" in out
    copied = {p.relative_to(folder / "templates") for p in (folder / "templates").rglob("*")}
    assert copied == {p.relative_to(PACKAGE_TEMPLATES) for p in PACKAGE_TEMPLATES.rglob("*")}
    # keep only one file, edited: the others come from the package
    base = (folder / "templates/html/base.html").read_text("utf-8")
    shutil.rmtree(folder / "templates")
    (folder / "templates/html").mkdir(parents=True)
    (folder / "templates/html/base.html").write_text(
        base.replace('<footer class="site">', '<footer class="site custom-footer">'), "utf-8"
    )
    assert run(folder, "extract")[0] == 0
    assert run(folder, "build", "--format", "html")[0] == 0
    page = (folder / "build/en/welcome.html").read_text("utf-8")
    assert "custom-footer" in page
    assert (folder / "build/assets/style.css").read_bytes() == (
        PACKAGE_TEMPLATES / "assets/style.css"
    ).read_bytes()


def test_init_refuses_an_existing_project_and_leaves_it_alone(tmp_path: Path, run: Run) -> None:
    (tmp_path / "tarjama.toml").write_text("[project]\n", "utf-8")
    before = snapshot(tmp_path)
    code, _, err = run(tmp_path, "init", str(tmp_path))
    assert code == 2
    assert err.strip().endswith("a project exists here already; run 'tarjama init' in a new folder")
    assert snapshot(tmp_path) == before


def test_init_refuses_an_unknown_locale(tmp_path: Path, run: Run) -> None:
    code, _, err = run(tmp_path, "init", str(tmp_path / "p"), "--locale", "xx-nope")
    assert code == 2 and "CLDR" in err
    assert not (tmp_path / "p" / "tarjama.toml").exists()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("[locales.de]\ndraft = true\n", "'de' is not in 'locales'"),
        ("[locales.fr]\ndraft = 1\n", "draft must be true or false"),
        ("[locales.fr]\nmin_translated = 120\n", "percentage between 0 and 100"),
        ("[locales.fr]\nminimum = 3\n", "unknown key 'minimum'"),
    ],
)
def test_bad_per_locale_settings_name_their_line(tmp_path: Path, table: str, message: str) -> None:
    config = tmp_path / "tarjama.toml"
    config.write_text(f'[project]\nname = "p"\nlocales = ["fr"]\n{table}', "utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith("tarjama.toml:4: ")


HEAD = '[project]\nname = "p"\nlocales = ["fr"]\n'  # lines 1-3


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a comment naming the key comes first: the key's own line is reported
        ('# name: see the README\n[project]\nlocales = ["fr"]\nname = "Bad Name"\n', 4),
        ('[project]\nname = "p"\nlocales = [\n  "fr",\n  "zz-nope",\n]\n', 5),
        (HEAD + "[build]\n# min_translated = 10\nmin_translated = 120\n", 6),
        (HEAD + '[paths]\nbuild = "b"\n# source = "s"\nsource = "../out"\n', 7),
        (HEAD + '[book]\npublisher = "x"\n[book.isbn]\nfr = "978-0-306-40615-8"\n', 7),
    ],
)
def test_config_errors_name_the_line_of_the_key(tmp_path: Path, text: str, line: int) -> None:
    """Issue 21: the line was found by a substring search, so a comment won over the key."""
    from tarjama.core.errors import TarjamaError

    (tmp_path / "tarjama.toml").write_text(text, "utf-8")
    with pytest.raises(TarjamaError) as caught:
        load_config(tmp_path)
    assert str(caught.value).startswith(f"tarjama.toml:{line}: "), str(caught.value)
