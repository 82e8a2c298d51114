"""Translators' mistakes, each made alone in the sample's real French translations, and
which of ``tarjama check``, ``msgfmt -c`` and translate-toolkit's ``pofilter`` catch it.

``bench/run --checks`` prints the table; ``tests/test_prose_checks.py`` asserts that
tarjama catches what this table says it catches, and nothing on the clean catalogs.
Each mistake is a function of a French entry (the first the sample has that fits it);
the kinds that need text the sample lacks (a grouped number, a URL written out, a link,
emphasis) come with an entry of their own, marked "own entry".
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
FRENCH = ROOT / "translations" / "fr"
ARTICLE = "defense-cooperation-strategy"  # the catalog the mistakes are made in


@dataclass(frozen=True)
class Mistake:
    """One mistake: its name, which entry it is made in, what the msgstr becomes; or a
    change to the whole file (*header*)."""

    name: str
    fits: Callable[[polib.POEntry], bool]
    make: Callable[[polib.POEntry], str]
    own: tuple[str, str] | None = None  # (msgid, msgstr): an entry of its own
    catalog: str = ARTICLE
    header: str = ""  # a header field to drop


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])", text)


def _words(entry: polib.POEntry) -> int:
    return len(entry.msgid.split())


def _prose(entry: polib.POEntry) -> bool:
    return _words(entry) >= 8 and "[" not in entry.msgid and "`" not in entry.msgid


MISTAKES = [
    Mistake("English left in place, not fuzzy", _prose, lambda e: e.msgid),
    Mistake("double space", _prose, lambda e: e.msgstr.replace(" ", "  ", 1)),
    Mistake("bracket dropped", lambda e: "(" in e.msgstr, lambda e: e.msgstr.replace(")", "", 1)),
    Mistake(
        "final period dropped",
        lambda e: _prose(e) and e.msgstr.endswith("."),
        lambda e: e.msgstr[:-1],
    ),
    Mistake(
        "final period added",
        lambda e: 2 <= _words(e) <= 6 and not e.msgid.endswith((".", "?", ":")),
        lambda e: e.msgstr + ".",
    ),
    Mistake(
        "sentence left out",
        lambda e: _prose(e) and len(_sentences(e.msgstr)) >= 3,
        lambda e: " ".join(_sentences(e.msgstr)[:-1]),
    ),
    Mistake(
        "sentence added",
        lambda e: _prose(e) and len(_sentences(e.msgstr)) >= 2,
        lambda e: e.msgstr + " Cette phrase supplémentaire ne figure pas dans le texte source.",
    ),
    Mistake("trailing space", _prose, lambda e: e.msgstr + " "),
    Mistake("leading space", _prose, lambda e: " " + e.msgstr),
    Mistake(
        "lowercase start",
        lambda e: _prose(e) and e.msgstr[:1].isupper(),
        lambda e: e.msgstr[:1].lower() + e.msgstr[1:],
    ),
    Mistake(
        "no no-break space before ':' (French)",
        lambda e: "\u00a0:" in e.msgstr,
        lambda e: e.msgstr.replace("\u00a0:", " :", 1),
    ),
    Mistake(
        "no space at all before '?' (French)",
        lambda e: "\u00a0?" in e.msgstr,
        lambda e: e.msgstr.replace("\u00a0?", "?", 1),
    ),
    Mistake(
        "« » with plain spaces (French)",
        lambda e: False,
        lambda e: e.msgstr,
        own=('The "Shield" exercise began.', "L’exercice « Bouclier » a commencé."),
    ),
    Mistake(
        "3,200 left as in English (reads 3.2 in French)",
        lambda e: False,
        lambda e: e.msgstr,
        own=("The alliance trained 3,200 officers.", "L’alliance a formé 3,200 officiers."),
    ),
    Mistake(
        "a URL in the text changed",
        lambda e: False,
        lambda e: e.msgstr,
        own=(
            "Read the report at https://example.org/report-2025.",
            "Lisez le rapport sur https://example.org/rapport-2025.",
        ),
    ),
    Mistake(
        "translation pasted into the wrong entry",
        lambda e: 3 <= _words(e) <= 8 and not e.msgid.startswith(("[", "!")),
        lambda e: (
            "La coopération internationale en matière de défense s’appuie sur des accords "
            "pluriannuels, des exercices conjoints, des échanges de personnel et un partage "
            "régulier du renseignement entre les partenaires, ce qui exige une planification "
            "budgétaire précise et une gouvernance commune des programmes."
        ),
    ),
    Mistake(
        "another language's script (Cyrillic 'и' for 'et')",
        lambda e: _prose(e) and " et " in e.msgstr,
        lambda e: e.msgstr.replace(" et ", " и ", 1),
    ),
    Mistake("word doubled", _prose, lambda e: re.sub(r"\b(\w{3,})\b", r"\1 \1", e.msgstr, count=1)),
    Mistake(
        "link target changed",
        lambda e: False,
        lambda e: e.msgstr,
        own=(
            "See the [annual report](https://example.org/report).",
            "Voir le [rapport annuel](https://example.org/rapport).",
        ),
    ),
    Mistake(
        "link dropped (text kept)",
        lambda e: False,
        lambda e: e.msgstr,
        own=("See the [annual report](https://example.org/report).", "Voir le rapport annuel."),
    ),
    Mistake(
        "emphasis dropped",
        lambda e: False,
        lambda e: e.msgstr,
        own=("The **plenary session** opens.", "La séance plénière s’ouvre."),
    ),
    Mistake(
        "number changed",
        lambda e: bool(re.search(r"\b(19|20)\d\d\b", e.msgstr)),
        lambda e: re.sub(
            r"\b((?:19|20)\d)(\d)\b", lambda m: m[1] + str((int(m[2]) + 1) % 10), e.msgstr, count=1
        ),
    ),
    Mistake("raw HTML added", _prose, lambda e: e.msgstr + ' <img src="x" onerror="alert(1)">'),
    Mistake("heading mark added", _prose, lambda e: "# " + e.msgstr),
    Mistake("a line break at the end", _prose, lambda e: e.msgstr + "\n"),
    Mistake(
        "interface placeholder dropped",
        lambda e: "%(" in e.msgid and not e.msgid_plural,
        lambda e: re.sub(r"%\(\w+\)s", "", e.msgstr, count=1),
        catalog="ui",
    ),
    Mistake("no Language header", lambda e: False, lambda e: e.msgstr, header="Language"),
    *(
        Mistake(name, lambda e: False, lambda e: e.msgstr, own=(msgid, msgstr))
        for name, msgid, msgstr in (
            ("code span translated", "Run `make test` first.", "Lancez `faire test` d’abord."),
            ("footnote reference dropped", "Funding rose sharply.[^1]", "Le budget a bondi."),
            ("emphasis added", "The session opens.", "La séance *s’ouvre*."),
            ("colon dropped", "The partners are:", "Les partenaires sont"),
            ("question mark dropped", "Who pays?", "Qui paie"),
            ("a decimal read as a group", "Spending rose 3.5%.", "Les dépenses ont crû de 35 %."),
            (
                "image description emptied",
                "![A map of the region](map.png)",
                "![](map.png)",
            ),
            (
                "attribute added to a link",
                "See the [report](r.pdf).",
                "Voir le [rapport](r.pdf){onclick=steal()}.",
            ),
            (
                "javascript: URL",
                "See the [report](r.pdf).",
                "Voir le [rapport](javascript:alert(1)).",
            ),
            (
                "autolink added",
                "Contact the secretariat.",
                "Contactez le secrétariat <https://evil.example>.",
            ),
            ("HTML comment added", "The talks ended.", "Les pourparlers ont pris fin.<!-- x -->"),
            ("bidi override added", "The talks ended.", "Les pourparlers ‮ont pris fin."),
            ("control character", "The talks ended.", "Les pourparlers ont pris fin."),
            ("math added", "The ratio held.", "Le ratio $x^2$ a tenu."),
            (
                "reference link added",
                "The talks ended.",
                "Les pourparlers ont pris fin [ici][x].",
            ),
        )
    ),
]


@dataclass
class Result:
    """Which tool caught a mistake."""

    name: str
    tarjama: bool
    msgfmt: bool
    pofilter: bool
    codes: str = ""  # tarjama's codes for it


def run(pofilter: str = "pofilter") -> tuple[list[Result], dict[str, int]]:
    """Make each mistake in a copy of the French catalog, run the three tools, compare
    with the clean catalog; also count what each finds on the clean French and Arabic
    catalogs (false positives)."""
    from tarjama.catalog.checking import check_catalog

    work = Path(tempfile.mkdtemp(prefix="tarjama-mistakes-"))
    try:
        files: list[tuple[Mistake, Path, str, str, int]] = []
        for number, mistake in enumerate(MISTAKES):
            path = work / "made" / f"m{number:02d}.po"
            catalog, msgid, line = _make(mistake, path)
            files.append((mistake, path, catalog, msgid, line))
        clean = {c: FRENCH / f"{c}.po" for c in {f[2] for f in files}}
        flagged = _pofilter(pofilter, work / "made", work / "out")
        clean_flags = _pofilter_clean(pofilter, clean, work)
        results = []
        for mistake, path, catalog, msgid, line in files:
            po = polib.pofile(str(path))
            found = [
                f
                for f in check_catalog(po, path.name, locale="fr")
                if f.code != "fuzzy" and (f.line == line or (mistake.header and f.line == 1))
            ]
            base = _msgfmt(clean[catalog])
            caught_msgfmt = bool(set(_msgfmt(path)) - set(base))
            new_notes = flagged.get(path.name, {}).get(msgid, set()) - clean_flags.get(
                catalog, {}
            ).get(msgid, set())
            if mistake.header:
                new_notes = {"header"} if flagged.get(path.name, {}).get("", set()) else set()
            results.append(
                Result(
                    mistake.name + (" (own entry)" if mistake.own else ""),
                    bool(found),
                    caught_msgfmt,
                    bool(new_notes),
                    ", ".join(sorted({f.code for f in found})),
                )
            )
        noise = _noise(pofilter, work)
        return results, noise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _make(mistake: Mistake, path: Path) -> tuple[str, str, int]:
    """Write a French catalog with *mistake* made to *path* (the first catalog with an
    entry it fits, its own first): the catalog, the msgid it is made in, that entry's
    line."""
    names = [
        mistake.catalog,
        *sorted(p.stem for p in FRENCH.glob("*.po") if p.stem not in (mistake.catalog, "ui")),
    ]
    for name in names:
        po = polib.pofile(str(FRENCH / f"{name}.po"))
        msgid = ""
        if mistake.header:
            del po.metadata[mistake.header]
        elif mistake.own:
            msgid = mistake.own[0]
            po.append(polib.POEntry(msgid=msgid, msgstr=mistake.own[1]))
        else:
            entry = next((e for e in po if e.msgid and e.translated() and mistake.fits(e)), None)
            if entry is None:
                continue
            entry.msgstr = mistake.make(entry)
            msgid = entry.msgid
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
        again = polib.pofile(str(path))
        line = next((e.linenum for e in again if e.msgid == msgid and msgid), 1)
        return name, msgid, line
    raise LookupError(f"no French entry fits {mistake.name!r}")


def _msgfmt(path: Path) -> list[str]:
    """msgfmt -c's messages for *path*, without the file name (to compare two files)."""
    done = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    return [re.sub(r"^[^:]*:\d+:", "", line) for line in done.stderr.splitlines()]


def _pofilter(command: str, folder: Path, out: Path) -> dict[str, dict[str, set[str]]]:
    """pofilter's default checks over the files of *folder*: file -> msgid -> tests."""
    subprocess.run(
        [command, "--nofuzzy", "--language=fr", "-i", str(folder), "-o", str(out)],
        capture_output=True,
        check=False,
    )
    found: dict[str, dict[str, set[str]]] = {}
    for path in sorted(out.glob("*.po")) if out.is_dir() else []:
        po = polib.pofile(str(path))
        notes: dict[str, set[str]] = {}
        for entry in po:
            tests = set(re.findall(r"\(pofilter\) (\w+)", entry.tcomment or ""))
            notes[entry.msgid] = tests
        found[path.name] = notes
    return found


def _pofilter_clean(
    command: str, clean: dict[str, Path], work: Path
) -> dict[str, dict[str, set[str]]]:
    folder = work / "clean"
    folder.mkdir()
    for name, path in clean.items():
        shutil.copy(path, folder / f"{name.replace('/', '-')}.po")
    flagged = _pofilter(command, folder, work / "clean-out")
    return {name: flagged.get(f"{name.replace('/', '-')}.po", {}) for name in clean}


def _noise(command: str, work: Path) -> dict[str, int]:
    """Findings on the sample's clean French and Arabic catalogs: tarjama's (errors and
    warnings) and pofilter's (units flagged)."""
    from tarjama.catalog.checking import check_catalog

    noise: dict[str, int] = {}
    for locale in ("fr", "ar"):
        folder = ROOT / "translations" / locale
        ours = 0
        for path in sorted(folder.glob("*.po")):
            po = polib.pofile(str(path))
            ours += sum(1 for f in check_catalog(po, path.name, locale=locale) if f.code != "fuzzy")
        out = work / f"noise-{locale}"
        subprocess.run(
            [command, "--nofuzzy", f"--language={locale}", "-i", str(folder), "-o", str(out)],
            capture_output=True,
            check=False,
        )
        theirs = sum(
            1 for p in out.glob("*.po") for e in polib.pofile(str(p)) if e.msgid and e.tcomment
        )
        noise[f"tarjama {locale}"], noise[f"pofilter {locale}"] = ours, theirs
    return noise


def table(results: list[Result], noise: dict[str, int]) -> str:
    """The results as a Markdown table, totals and the clean catalogs' findings after."""
    yes = {True: "yes", False: "–"}
    lines = [
        "| mistake | tarjama check | msgfmt -c | pofilter | tarjama's codes |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {yes[r.tarjama]} | {yes[r.msgfmt]} | {yes[r.pofilter]} | {r.codes} |"
        )
    totals = [sum(getattr(r, t) for r in results) for t in ("tarjama", "msgfmt", "pofilter")]
    lines.append(f"| **caught, of {len(results)}** | {totals[0]} | {totals[1]} | {totals[2]} | |")
    lines.append(
        f"| findings on the clean French / Arabic catalogs | {noise['tarjama fr']} /"
        f" {noise['tarjama ar']} | | {noise['pofilter fr']} / {noise['pofilter ar']} | |"
    )
    return "\n".join(lines)


def pofilter_command() -> str:
    """translate-toolkit's pofilter: beside this Python (the project's .venv), else on PATH."""
    import sys

    beside = Path(sys.executable).parent / "pofilter"
    return str(beside) if beside.is_file() else shutil.which("pofilter") or "pofilter"


if __name__ == "__main__":
    found, noisy = run(pofilter_command())
    print(table(found, noisy))
