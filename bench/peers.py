"""The peers tarjama is measured against, each in its natural workflow.

- po4a (Debian package): one ``po4a.cfg`` naming every article, one POT per article.
- translate-toolkit with rapidfuzz (PyPI, own virtual environment): md2po, pot2po, po2md
  over directories.
- mdpo (PyPI, own virtual environment): its in-process Python API, one call per article.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MDPO_SCRIPT = """
import sys
from pathlib import Path
from mdpo.md2po import markdown_to_pofile
from mdpo.po2md import pofile_to_markdown
step, root = sys.argv[1], Path(sys.argv[2])
for md in sorted((root / "source").glob("*.md")):
    if step == "extract":
        (root / "pot").mkdir(exist_ok=True)
        markdown_to_pofile(str(md), po_filepath=str(root / "pot" / (md.stem + ".pot")), save=True)
    elif step == "update":
        (root / "po" / "fr").mkdir(parents=True, exist_ok=True)
        po = root / "po" / "fr" / (md.stem + ".po")
        markdown_to_pofile(str(md), po_filepath=str(po), save=True)
    else:
        (root / "out" / "fr").mkdir(parents=True, exist_ok=True)
        pofile_to_markdown(str(md), str(root / "po" / "fr" / (md.stem + ".po")),
                           save=str(root / "out" / "fr" / md.name))
"""


@dataclass(frozen=True)
class Peer:
    name: str
    install: Callable[[Path], None]
    extract: Callable[[Path], list[str]]
    update: Callable[[Path], list[str]]
    merge: Callable[[Path], list[str]]
    po_dir: Callable[[Path], Path]
    clean: Callable[[Path], None]
    translate: Callable[[Path, Callable[[Path], None]], None]


def _venv(cache: Path, name: str, packages: list[str]) -> Path:
    folder = cache / f"venv-{name}"
    if not (folder / ".installed").exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        subprocess.run([str(folder / "bin" / "pip"), "install", "-q", *packages], check=True)
        (folder / ".installed").touch()
    return folder / "bin"


def _apt(package: str, command: str) -> None:
    if shutil.which(command) is None:
        sudo = [] if __import__("os").geteuid() == 0 else ["sudo"]
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", package], check=True)


def _po4a_config(work: Path, *, languages: bool) -> Path:
    lines = [
        f"[po4a_langs] {'fr' if languages else ''}".rstrip(),
        # po4a's usual layout: one template, one catalog per language
        "[po4a_paths] pot/bench.pot" + (" $lang:po/$lang.po" if languages else ""),
        '[options] opt:"-o markdown -M UTF-8 -L UTF-8 -k 0 --wrap-po newlines"',
    ]
    for md in sorted((work / "source").glob("*.md")):
        lines.append(f"[type: text] source/{md.name} $lang:out/$lang/{md.name}")
    (work / "po").mkdir(exist_ok=True)
    path = work / ("po4a.cfg" if languages else "po4a-pot.cfg")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _rm(*folders: str) -> Callable[[Path], None]:
    def clean(work: Path) -> None:
        for folder in folders:
            shutil.rmtree(work / folder, ignore_errors=True)

    return clean


def _translate_dir(work: Path, fill: Callable[[Path], None]) -> None:
    fill(work / "po")


PO4A = Peer(
    name="po4a",
    install=lambda cache: _apt("po4a", "po4a"),
    extract=lambda w: ["po4a", "--no-translations", "-q", str(_po4a_config(w, languages=False))],
    update=lambda w: ["po4a", "--no-translations", "-q", str(_po4a_config(w, languages=True))],
    merge=lambda w: ["po4a", "--no-update", "-q", str(_po4a_config(w, languages=True))],
    po_dir=lambda w: w / "po",
    clean=_rm("pot"),
    translate=_translate_dir,
)


def _tt(cache: Path) -> Path:
    return cache / "venv-translate-toolkit" / "bin"


def _tt_update(work: Path) -> list[str]:
    bin_dir = _tt(work.parent)
    script = (
        f"{bin_dir}/md2po --progress=none -P -i source -o pot && "
        'if [ -d po/fr ]; then old="-t po/fr"; else old=""; fi && mkdir -p po po-new && '
        f"{bin_dir}/pot2po --progress=none -i pot $old -o po-new/fr && "
        "rm -rf po/fr && mv po-new/fr po/fr && rm -rf po-new"
    )
    return ["sh", "-c", script]


TRANSLATE_TOOLKIT = Peer(
    name="translate-toolkit",
    install=lambda cache: (
        _venv(cache, "translate-toolkit", ["translate-toolkit", "rapidfuzz", "mistletoe"]),
        None,
    )[1],
    extract=lambda w: [
        str(_tt(w.parent) / "md2po"),
        "--progress=none",
        "-P",
        "-i",
        "source",
        "-o",
        "pot",
    ],
    update=_tt_update,
    merge=lambda w: [
        "sh",
        "-c",
        f"mkdir -p out && {_tt(w.parent)}/po2md --progress=none -i po/fr -t source -o out/fr",
    ],
    po_dir=lambda w: w / "po" / "fr",
    clean=_rm("pot"),
    translate=_translate_dir,
)


def _mdpo(step: str) -> Callable[[Path], list[str]]:
    def command(work: Path) -> list[str]:
        python = work.parent / "venv-mdpo" / "bin" / "python"
        return [str(python), "-c", MDPO_SCRIPT, step, str(work)]

    return command


MDPO = Peer(
    name="mdpo",
    install=lambda cache: (_venv(cache, "mdpo", ["mdpo"]), None)[1],
    extract=_mdpo("extract"),
    update=_mdpo("update"),
    merge=_mdpo("merge"),
    po_dir=lambda w: w / "po" / "fr",
    clean=_rm("pot"),
    translate=_translate_dir,
)

PEERS = (PO4A, TRANSLATE_TOOLKIT, MDPO)
