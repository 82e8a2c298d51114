"""``bench/run --hostile``: what a pathological translation costs, by its length.

One article of one paragraph, translated faithfully into French with a run of one
pathological unit appended (``[`` 60,000 times took a locale's build 101 s before the
linear reader). For 10 k, 100 k and 1 M characters of each run it times ``tarjama check
-l fr`` and ``tarjama build -l fr --format html`` in a fresh process, beside the same
commands on the faithful translation alone (the floor: start-up, fonts, search index).
Linear cost shows as a tenfold run costing about ten times the time above the floor.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import polib

TARJAMA = str(Path(sys.executable).with_name("tarjama"))
MSGID = "Paragraph one cites [the report](https://example.org/r) and stresses *this* `code`."
MSGSTR = "Le paragraphe un cite [le rapport](https://example.org/r) et insiste *ici* `code`. "
UNITS = ["[", "[^", "![", "*a ", "_a ", "<", "`", "$a ", "[](", "<!--", "**", "&#10;"]
SIZES = [10_000, 100_000, 1_000_000]


def project(folder: Path) -> Path:
    """A one-article project with a French catalog."""
    if (folder / "translations" / "fr" / "a.po").is_file():
        return folder
    (folder / "source").mkdir(parents=True, exist_ok=True)
    (folder / "tarjama.toml").write_text(
        '[project]\ntitle = "Bench"\nname = "bench"\nsource_locale = "en"\n'
        'locales = ["fr"]\n\n[build]\nmin_translated = 0\n',
        "utf-8",
    )
    (folder / "source" / "a.md").write_text(f"---\ntitle: A\n---\n\n{MSGID}\n", "utf-8")
    for command in ("extract", "update"):
        subprocess.run([TARJAMA, "-q", command], cwd=folder, check=True)
    return folder


def translate(folder: Path, msgstr: str) -> None:
    path = folder / "translations" / "fr" / "a.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = msgstr if entry.msgid == MSGID else entry.msgid
    po.save()


def seconds(folder: Path, *args: str) -> str:
    """How long a tarjama command takes (and its exit code when it is not 0 or, for
    check, 1: the findings)."""
    began = time.perf_counter()
    done = subprocess.run([TARJAMA, "-q", *args], cwd=folder, check=False, capture_output=True)
    took = f"{time.perf_counter() - began:.2f} s"
    return took if done.returncode in (0, 1) else f"{took} (exit {done.returncode})"


def main(cache: Path) -> int:
    folder = project(cache / "hostile")
    translate(folder, MSGSTR)
    seconds(folder, "build", "-l", "fr", "--format", "html")  # fonts, search: warm
    translate(folder, MSGSTR + "Fin.")  # the floor: a one-entry rebuild
    check0 = seconds(folder, "check", "-l", "fr")
    build0 = seconds(folder, "build", "-l", "fr", "--format", "html")
    print(f"# tarjama: pathological translations, {len(MSGSTR)} characters + a run of one unit")
    print(f"floor (one entry changed, a faithful translation): check {check0}, build {build0}\n")
    head = " | ".join(f"{n // 1000:,} k chars: check / build" for n in SIZES)
    print(f"| unit | {head} |")
    print("|---|" + "---|" * len(SIZES))
    for unit in UNITS:
        cells = []
        for size in SIZES:
            translate(folder, MSGSTR + unit * (size // len(unit)))
            check = seconds(folder, "check", "-l", "fr")
            build = seconds(folder, "build", "-l", "fr", "--format", "html")
            cells.append(f"{check} / {build}")
        print(f"| `` {unit} `` | " + " | ".join(cells) + " |", flush=True)
    return 0
