"""A translator's checks: what msgfmt -c rejects, the prose checks pofilter has that make
sense for Markdown, the locale's typography and numbers, and Weblate's files kept as
Weblate writes them."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from bench import mistakes
from tarjama.catalog.checking import check_catalog
from tarjama.catalog.checks import check_pair
from tarjama.catalog.prose import CODES, prose_problems
from tests.conftest import require_tool

Run = Callable[..., tuple[int, str, str]]

# one wrong translation per code (msgid, msgstr, locale)
EXAMPLES = {
    "unchanged": ("The treaty was signed.", "The treaty was signed.", "fr"),
    "spacing": ("The treaty was signed.", "Le traité a  été signé.", "fr"),
    "whitespace": ("The treaty was signed.", "Le traité a été signé. ", "fr"),
    "brackets": ("It (the treaty) holds.", "Il (le traité tient.", "fr"),
    "end-punctuation": ("The treaty was signed.", "Le traité a été signé", "fr"),
    "sentences": (
        "The treaty was signed. It holds today. Both sides agree.",
        "Le traité a été signé. Il tient aujourd’hui.",
        "fr",
    ),
    "urls": ("See https://example.org/a now.", "Voir https://example.org/b maintenant.", "fr"),
    "start-case": ("The treaty was signed.", "le traité a été signé.", "fr"),
    "typography": ("Note: it holds.", "Remarque : il tient.", "fr"),
    "number-format": ("They trained 3,200 officers.", "Ils ont formé 3,200 officiers.", "fr"),
    "script": ("Training and exercises.", "Formation и exercices.", "fr"),
    "repeated-word": ("The treaty was signed.", "Le le traité a été signé.", "fr"),
    "start-mark": ("The treaty was signed.", "# Le traité a été signé.", "fr"),
}


@pytest.mark.parametrize("code", sorted(set(CODES) - {"wrong-entry"}))
def test_each_prose_check_finds_its_mistake(code: str) -> None:
    msgid, msgstr, locale = EXAMPLES[code]
    found = {c for c, _, _ in prose_problems(msgid, msgstr, locale, ratio=1.1)}
    assert code in found, found


def test_a_translation_far_longer_than_the_catalog_usually_is_seems_another_entrys() -> None:
    msgid = "The alliance trained officers in three countries this year."
    wrong = "Formation. " * 30
    found = {c for c, _, _ in prose_problems(msgid, wrong.strip(), "fr", ratio=1.2)}
    assert "wrong-entry" in found


@pytest.mark.parametrize(
    ("msgid", "msgstr", "locale"),
    [
        ("Note: it holds.", "Remarque\u00a0: il tient.", "fr"),  # a no-break space
        ("Note: it holds.", "Remarque\u202f: il tient.", "fr"),  # a narrow one
        ("At 10:30 it opened.", "À 10:30, elle a ouvert.", "fr"),  # a time, not a colon
        ("They trained 3,200 officers.", "Ils ont formé 3\u202f200 officiers.", "fr"),
        ("They trained 3,200 officers.", "They trained 3,200 officers ok.", "en_GB"),
        ("One by one.", "Tek tek.", "tr"),  # Turkish doubles words as grammar
        ("We commit.", "Nous nous engageons.", "fr"),
        ("NATO", "NATO", "fr"),  # a name, short: not "unchanged"
        ("Training", "التدريب", "ar"),
        ("%(date)s published", "%(date)s tarihinde yayımlandı", "tr"),  # a placeholder first
    ],
)
def test_right_translations_pass(msgid: str, msgstr: str, locale: str) -> None:
    assert list(prose_problems(msgid, msgstr, locale, ratio=1.1)) == []


def test_a_check_is_silenced_for_one_entry_by_a_translator_comment() -> None:
    po = polib.POFile()
    po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Note: it holds.", msgstr="Remarque : il tient."))
    po.append(
        polib.POEntry(
            msgid="Note: it holds!",
            msgstr="Remarque : il tient !",
            tcomment="tarjama-ignore: typography",
        )
    )
    codes = [f.code for f in check_catalog(po, "x.po") if f.code != "header"]
    assert codes == ["typography"]


def test_the_samples_reviewed_translations_have_no_finding(sample: Path, run: Run) -> None:
    code, out, err = run(sample, "check")
    assert code == 0, err
    assert "0 error(s), 0 warning(s)" in out + err


def test_typography_rules_are_declared_per_locale_in_the_config(sample: Path, run: Run) -> None:
    config = sample / "tarjama.toml"
    config.write_text(
        config.read_text("utf-8") + '\n[typography]\ntr = { before = "!" }\n', "utf-8"
    )
    po_file = sample / "translations" / "tr" / "ui.po"
    po = polib.pofile(str(po_file))
    entry = next(e for e in po if e.msgstr and not e.msgid_plural)
    entry.msgid, entry.msgstr = "Go!", "Git!"
    po.save(str(po_file))
    code, out, _ = run(sample, "check", "-l", "tr")
    assert "typography: no no-break space before '!'" in out
    config.write_text(config.read_text("utf-8") + "oops = 3\n", "utf-8")
    code, _, err = run(sample, "check", "-l", "tr")
    assert code == 3 and "tarjama.toml:" in err and "[typography] oops" in err


@pytest.mark.tools
def test_msgfmt_c_and_the_language_header(tmp_path: Path) -> None:
    """What msgfmt -c reports is reported here too: a missing Language header (msgfmt
    warns, so does tarjama); a half-translated plural is an error here, which msgfmt
    takes as it is (those counts would show the source)."""
    require_tool("msgfmt")
    path = tmp_path / "fr.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Project-Id-Version: x\\n"\n'
        '"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
        '"Last-Translator: A <a@x.org>\\n"\n"Language-Team: French\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "one file"\nmsgid_plural "%(n)s files"\nmsgstr[0] "un fichier"\nmsgstr[1] ""\n',
        "utf-8",
    )
    done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert b"'Language' missing" in done.stderr
    findings = {(f.code, f.line) for f in check_catalog(polib.pofile(str(path)), "fr.po")}
    assert ("header", 1) in findings and ("empty-form", 12) in findings


@pytest.mark.tools
def test_stats_counts_a_fuzzy_plural_as_msgfmt_does(tmp_path: Path, sample: Path, run: Run) -> None:
    require_tool("msgfmt")
    po_file = sample / "translations" / "fr" / "ui.po"
    po = polib.pofile(str(po_file))
    plural = next(e for e in po if e.msgid_plural)
    plural.flags.append("fuzzy")
    po.save(str(po_file))
    done = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po_file)], capture_output=True, text=True
    )
    assert "1 fuzzy translation" in done.stderr
    _, out, _ = run(sample, "stats", "-l", "fr", "--format", "json")
    rows = {row["domain"]: row for row in __import__("json").loads(out)}
    assert rows["ui"]["fuzzy"] == 1


@pytest.mark.tools
def test_every_mistake_is_caught_and_the_table_is_side_by_side_with_msgfmt_and_pofilter() -> None:
    """The mistakes corpus of bench/run --checks, with the real msgfmt and pofilter."""
    require_tool("msgfmt")
    pofilter = mistakes.pofilter_command()
    if not Path(pofilter).is_file() and shutil.which(pofilter) is None:
        require_tool("pofilter")
    results, noise = mistakes.run(pofilter)
    missed = [r.name for r in results if not r.tarjama]
    assert missed == []
    assert noise["tarjama fr"] == noise["tarjama ar"] == 0
    # the peers are real: each catches some and misses some
    assert 0 < sum(r.pofilter for r in results) < len(results)
    assert 0 < sum(r.msgfmt for r in results) < len(results)
    assert noise["pofilter fr"] > 0


@pytest.mark.tools
def test_a_po_file_as_weblate_writes_it_goes_through_update_unchanged(
    sample: Path, run: Run
) -> None:
    """Weblate spells French plurals ``plural=n > 1;``: the same formula, so it stays."""
    require_tool("msgcat")
    po_file = sample / "translations" / "fr" / "ui.po"
    text = po_file.read_text("utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in text
    text = text.replace(
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"',
        '"Plural-Forms: nplurals=2; plural=n > 1;\\n"',
    )
    text = re.sub(r'"X-Generator: [^"]*"', r'"X-Generator: Weblate 5.14\\n"', text)
    po_file.write_text(text, "utf-8")
    assert run(sample, "-q", "update", "-l", "fr")[0] == 0
    assert po_file.read_text("utf-8") == text
    # a formula that computes otherwise is still repaired
    po_file.write_text(text.replace("plural=n > 1;", "plural=n != 1;"), "utf-8")
    assert run(sample, "-q", "update", "-l", "fr")[0] == 0
    assert "plural=(n > 1);" in po_file.read_text("utf-8")


def test_weblates_writer_writes_tarjamas_files_byte_for_byte_and_the_settings_say_so(
    sample: Path, run: Run
) -> None:
    """Weblate saves PO files with translate-toolkit: the same bytes, so a Weblate commit
    of a file it did not change changes nothing; ``tarjama weblate`` prints the settings."""
    from translate.storage import factory

    for path in sorted((sample / "translations").rglob("*.po")):
        assert bytes(factory.getobject(str(path))) == path.read_bytes(), path
    code, out, _ = run(sample, "weblate")
    assert code == 0
    assert "translations/(?P<language>[^/.]*)/(?P<component>.*)\\.po" in out
    assert "do NOT install" in out and "^(ar|fr|tr|ur|ms)$" in out


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [  # each found translating the manual: the msgid's own text is no attempt
        ('as `{ before = ";!?»" }` in the table', 'comme `{ before = ";!?»" }` dans la table'),
        ("a heading's `{ #id }` and `x {=html}`", "l’`{ #id }` d’un titre et `x {=html}`"),
        ("prints `file:line: code` for the file: at its line", "affiche `file:line: code` ici"),
        ("the file: README", "le fichier file: README"),
        ("serves it at `http://127.0.0.1:8000/` and", "يعرضه على `http://127.0.0.1:8000/`، و"),
    ],
)
def test_what_the_msgid_itself_has_is_no_finding(msgid: str, msgstr: str) -> None:
    found = [(code, severity) for code, severity, _ in check_pair(msgid, msgstr)]
    assert not [f for f in found if f[0] in ("attributes", "raw-attribute", "unsafe-url", "urls")]


def test_markup_outside_code_spans_is_still_reported() -> None:
    codes = {code for code, _, _ in check_pair("a b", "a \\`{.x}\\` b javascript: c")}
    assert {"attributes", "unsafe-url"} <= codes
    # a backslash before a closing backtick is a backslash in the code: {.y} is outside
    codes = {code for code, _, _ in check_pair("a `b` c", "a `b\\`{.y}` c")}
    assert "attributes" in codes


def test_a_code_span_first_has_no_letter_case() -> None:
    from tarjama.catalog.prose import prose_problems

    found = prose_problems("`$math$` changed", "`$math$` modifiée", "fr")
    assert "start-case" not in {code for code, _, _ in found}
    found = prose_problems("`**` added (own entry)", "ajout de `**` (entrée à part)", "fr")
    assert "start-case" not in {code for code, _, _ in found}
    found = prose_problems("Added here", "ajouté ici", "fr")
    assert "start-case" in {code for code, _, _ in found}
