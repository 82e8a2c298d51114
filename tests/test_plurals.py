"""Plural forms: gettext's conventional table, checked against the real msginit."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from babel import localedata

from tarjama.catalog.pofile import write_po
from tarjama.catalog.update import new_catalog, update_catalog
from tarjama.core import locales, plurals
from tests.conftest import require_tool


def msginit_plural_forms(language: str, tmp_path: Path) -> str | None:
    pot = tmp_path / "t.pot"
    if not pot.exists():
        pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    done = subprocess.run(
        ["msginit", "--no-translator", "-l", language, "-i", str(pot), "-o", "-"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return None
    return polib.pofile(done.stdout).metadata.get("Plural-Forms")


@pytest.mark.tools
def test_every_locale_msginit_knows_gets_msginits_plural_forms(tmp_path: Path) -> None:
    require_tool("msginit")
    languages = sorted({tag.split("_")[0] for tag in localedata.locale_identifiers()})
    known = {}
    for language in [*languages, "pt_BR"]:
        theirs = msginit_plural_forms(language, tmp_path)
        if theirs is not None:
            known[language] = theirs
            assert locales.plural_forms(language) == theirs, language
    assert set(known) == set(plurals.GETTEXT)  # the table is msginit's, no more, no less


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "nplurals=2; plural=(n > 1);"),
        ("tr", "nplurals=2; plural=(n != 1);"),
        ("ms", "nplurals=1; plural=0;"),
        ("ur", "nplurals=2; plural=(n != 1);"),
        (
            "ar",
            "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
            "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
        ),
    ],
)
def test_conventional_plural_forms_of_the_sample_locales(language: str, expected: str) -> None:
    assert locales.plural_forms(language) == expected


def test_arabic_takes_each_of_its_six_forms() -> None:
    forms = plurals.parse(locales.plural_forms("ar"))
    assert [forms.form(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103)] == [
        0, 1, 2, 3, 3, 4, 4, 5, 5, 3
    ]  # fmt: skip


@pytest.mark.tools
def test_update_repairs_a_wrong_plural_forms_header(tmp_path: Path) -> None:
    require_tool("msgfmt")
    old = new_catalog(project="T", language="ar", title="T", date="2026-01-01 00:00+0000")
    old.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    old.append(polib.POEntry(msgid="%(n)s article", msgid_plural="%(n)s articles"))
    old[0].msgstr_plural = {0: "مقالة %(n)s", 1: "%(n)s مقالات"}
    pot = new_catalog(project="T", language=None, title="T", date="2026-01-01 00:00+0000")
    pot.append(polib.POEntry(msgid="%(n)s article", msgid_plural="%(n)s articles"))
    new, _ = update_catalog(old, pot, language="ar", title="T")
    assert new.metadata["Plural-Forms"] == locales.plural_forms("ar")
    entry = new[0]
    assert len(entry.msgstr_plural) == 6 and entry.fuzzy  # forms 2-5 copied, to be reviewed
    write_po(tmp_path / "ar.po", new)
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(tmp_path / "ar.po")], check=True)


def test_an_entry_the_translator_made_plural_keeps_its_translation() -> None:
    old = new_catalog(project="T", language="fr", title="T", date="2026-01-01 00:00+0000")
    entry = polib.POEntry(msgid="minutes to read", msgid_plural="minutes to read")
    entry.msgstr_plural = {0: "minute de lecture", 1: "minutes de lecture"}
    old.append(entry)
    pot = new_catalog(project="T", language=None, title="T", date="2026-01-01 00:00+0000")
    pot.append(polib.POEntry(msgid="minutes to read"))
    new, _ = update_catalog(old, pot, language="fr", title="T")
    assert new[0].msgstr_plural == entry.msgstr_plural and not new[0].fuzzy
    again, _ = update_catalog(new, pot, language="fr", title="T")
    assert str(again) == str(new)


def test_the_build_picks_the_locales_plural_form(sample: Path) -> None:
    from tarjama import load_config
    from tarjama.merge.ui import ui_translations

    config = load_config(sample)
    arabic = ui_translations(config, "ar")
    got = [arabic.ngettext("%(num)d article", "%(num)d articles", n) for n in (0, 1, 2, 5, 11, 100)]
    assert got == [
        "لا مقالات", "مقالة واحدة", "مقالتان", "%(num)d مقالات", "%(num)d مقالةً", "%(num)d مقالة"
    ]  # fmt: skip
    french = ui_translations(config, "fr")
    assert french.ngettext("%(num)d article", "%(num)d articles", 0) == "%(num)d article"
    untranslated = ui_translations(config, "en")
    assert untranslated.ngettext("%(num)d article", "%(num)d articles", 2) == "%(num)d articles"


BROKEN = [
    ("nplurals=2; plural=n%0;", "division by zero"),
    ("nplurals=2; plural=n/(n-3);", "division by zero"),
    ("nplurals=2; plural=n>1 ? 5 : 0;", "values as large as 5"),
    ("nplurals=2; plural=n-5;", "negative values"),
    ("nplurals=2; plural=n>1 ? 1 :;", "bad plural expression"),
    ("nplurals=0; plural=0;", "not a Plural-Forms value"),
    ("nplurals=1000; plural=0;", "at most 100"),
]


@pytest.mark.tools
@pytest.mark.parametrize(("header", "problem"), BROKEN)
def test_plural_forms_are_validated_as_msgfmt_does(
    header: str, problem: str, tmp_path: Path
) -> None:
    """tarjama rejects what ``msgfmt --check`` rejects (and an absurd nplurals too)."""
    assert any(problem in p for p in plurals.problems(header))
    if "at most 100" in problem:
        return  # msgfmt takes that one: a limit of tarjama's own
    require_tool("msgfmt")
    po = tmp_path / "p.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {header}\\n"\n\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n'
        'msgstr[1] "y"\n',
        "utf-8",
    )
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True)
    assert done.returncode != 0


def test_an_invalid_plural_forms_in_ui_po_is_reported_and_never_fails_a_page(
    sample: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    """Issue 20: ``plural=n%0`` failed the index page with ZeroDivisionError; check passed;
    a header-only change rebuilt nothing."""
    ui = sample / "translations" / "fr" / "ui.po"
    po = polib.pofile(str(ui))
    po.metadata["Plural-Forms"] = "nplurals=2; plural=n%0;"
    po.save()
    code, out, err = run(sample, "build", "--format", "html", "-l", "fr")
    assert code == 0, err
    assert "Plural-Forms" in out + err and "division by zero" in out + err
    index = (sample / "build" / "fr" / "index.html").read_text("utf-8")
    assert "5 articles" in index  # French's conventional (n > 1) counts them
    code, out, _ = run(sample, "check", "--strict", "-l", "fr", "--format", "json")
    assert code == 1
    assert [f["code"] for f in __import__("json").loads(out)] == ["plural-forms"]
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 5);"  # valid; 5 takes form 0
    po.save()
    code, out, err = run(sample, "build", "--format", "html", "-l", "fr")
    assert code == 0, err
    assert "5 article<" in (sample / "build" / "fr" / "index.html").read_text("utf-8")
