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


def seconds(folder: Path, *args: str) -> float:
    began = time.perf_counter()
    subprocess.run([TARJAMA, "-q", *args], cwd=folder, check=False, capture_output=True)
    return time.perf_counter() - began


def main(cache: Path) -> int:
    folder = project(cache / "hostile")
    translate(folder, MSGSTR)
    check0, build0 = seconds(folder, "check", "-l", "fr"), 0.0
    for _ in range(2):  # the second build is the floor a changed entry pays
        build0 = seconds(folder, "build", "-l", "fr", "--format", "html")
    print(f"# tarjama: pathological translations, {len(MSGSTR)} characters + a run of one unit")
    print(f"floor (the faithful translation alone): check {check0:.2f} s, build {build0:.2f} s\n")
    head = " | ".join(f"{n // 1000:,} k chars: check / build" for n in SIZES)
    print(f"| unit | {head} |")
    print("|---|" + "---|" * len(SIZES))
    for unit in UNITS:
        cells = []
        for size in SIZES:
            translate(folder, MSGSTR + unit * (size // len(unit)))
            check = seconds(folder, "check", "-l", "fr")
            build = seconds(folder, "build", "-l", "fr", "--format", "html")
            cells.append(f"{check:.2f} s / {build:.2f} s")
        print(f"| `{unit}` | " + " | ".join(cells) + " |", flush=True)
    return 0
