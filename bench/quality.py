"""Update quality: tarjama against GNU msgmerge on an edit corpus (``bench/run --quality``).

Two projects are edited the way authors edit: the sample publication with its real
French translations, and the bench corpus (``bench/corpus.py``, with a small table of
short strings per article) translated by a sentence-preserving pseudo-translation.
Every edit has a class (case, punctuation, typo, number, words added, words removed,
short string, split paragraph, merged paragraphs, moved sentence, project memory,
unrelated new text). The old PO files and the new templates then go through
``tarjama update``, ``msgmerge --previous`` and ``msgmerge --previous -C`` (the locale's
other catalogs as compendium), and each new msgid is scored:

- suggested: it has a fuzzy msgstr;
- right source: every sentence of that msgstr comes from the old entries the edit
  started from; wrong source: some sentence does not (for "unrelated", any suggestion
  is a false match);
- complete: the msgstr is exactly what a perfect matcher would give (the aligned
  sentences of a split half, both translations of merged paragraphs ...);
- lost: no suggestion although the edit started from a translated entry.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402
from tarjama.catalog.matcher import normal, sentences  # noqa: E402
from tarjama.catalog.pofile import write_po  # noqa: E402

TARJAMA = str(Path(sys.executable).with_name("tarjama"))
CLASSES = (
    "case",
    "punctuation",
    "typo",
    "number",
    "words added",
    "words removed",
    "short string",
    "split paragraph",
    "merged paragraphs",
    "moved sentence",
    "project memory",
    "unrelated (false matches)",
)
UNRELATED = (
    "Open the file in a text editor and save it with a new name before you print it.",
    "The recipe needs two eggs, a cup of flour and a pinch of salt; bake it for an hour.",
    "Installation notes",
    "Tomorrow the weather will be sunny in the morning. Rain is expected after noon.",
    "Click the button at the top right of the window to change your password.",
    "Frequently asked questions",
)
DEBUG = False
TOOLS = ("tarjama", "msgmerge", "msgmerge -C")


@dataclass
class Edit:
    """One expected new msgid, its class, and what its suggestion should come from."""

    cls: str
    msgid: str
    sources: list[str]  # old msgids it derives from
    ideal: list[str]  # the translated sentences a perfect matcher would offer


@dataclass
class Score:
    edits: int = 0
    suggested: int = 0
    right: int = 0
    wrong: int = 0
    complete: int = 0
    lost: int = 0


@dataclass
class Article:
    path: Path
    lines: list[str]
    touched: set[int] = field(default_factory=set)


def pseudo(text: str) -> str:
    """A sentence-preserving pseudo-translation: vowels accented."""
    return text.translate(str.maketrans("aeiouAEIOU", "àéïôùÀÉÏÔÙ"))


def _prepare(work: Path, *, sample: bool, articles: int) -> dict[str, str]:
    """A translated project under *work*; returns the old translations by msgid."""
    if sample:
        if work.exists():
            shutil.rmtree(work)
        work.mkdir(parents=True)
        for name in ("source", "templates", "translations"):
            shutil.copytree(ROOT / name, work / name)
        shutil.copy(ROOT / "tarjama.toml", work / "tarjama.toml")
    else:
        make_corpus(work, articles, seed=11)
        rng = random.Random(5)
        for path in sorted((work / "source").glob("*.md")):
            n = rng.randint(10, 990)
            table = (
                "| Item | Value |\n|---|---|\n"
                f"| Budget | {n} million |\n| Partners | {n % 17 + 2} countries |\n"
                f"| Duration | {n % 5 + 2} years |"
            )
            path.write_text(path.read_text("utf-8") + "\n" + table + "\n", "utf-8")
    _tarjama(work, "extract")
    _tarjama(work, "update", "-l", "fr")
    translations: dict[str, str] = {}
    for po_file in sorted((work / "translations" / "fr").glob("*.po")):
        po = polib.pofile(str(po_file))
        for entry in po:
            if not sample and not entry.obsolete:
                entry.msgstr, entry.flags = pseudo(entry.msgid), []
                entry.previous_msgid = None
            if entry.translated() and not entry.obsolete:
                translations.setdefault(entry.msgid, entry.msgstr)
        if not sample:
            write_po(po_file, po)
    return translations


def _tarjama(work: Path, *args: str) -> None:
    subprocess.run([TARJAMA, *args], cwd=work, check=True, capture_output=True)


def _text(line: str) -> str:
    return line[3:] if line.startswith("## ") else line


def _is_paragraph(line: str) -> bool:
    return bool(line) and not line.startswith(("#", "-", "|", "`", ">", "!", "[", "---"))


def _edit_words(text: str, rng: random.Random, cls: str) -> str | None:
    words = text.split(" ")
    if cls == "typo":
        long = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
        if not long:
            return None
        i = rng.choice(long)
        w = words[i]
        words[i] = w[:2] + w[3] + w[2] + w[4:]
    elif cls == "number":
        digits = [m for m in re.finditer(r"\d+", text)]
        if not digits:
            return None
        m = rng.choice(digits)
        return text[: m.start()] + str(int(m.group()) + 5) + text[m.end() :]
    elif cls == "words added":
        i = rng.randint(1, max(1, len(words) - 1))
        words[i:i] = ["in", "particular"] if len(words) > 3 else ["overview"]
    elif cls == "words removed":
        if len(words) < 8:
            return None
        i = rng.randint(1, len(words) - 4)
        del words[i : i + 3]
    elif cls == "punctuation":
        if "," in text:
            return text.replace(",", "", 1)
        return text[:-1] + "!" if text.endswith(".") else text + ":"
    elif cls == "case":
        head, *rest = words
        lowered = [w.lower() for w in rest]
        if lowered == rest:
            lowered = [w.capitalize() for w in rest]
        words = [head, *lowered]
    return " ".join(words)


SHORT = {"Budget": "Budget (USD)", "Partners": "Partner countries", "Duration": "Duration:"}


def _short(text: str) -> str | None:
    if text in SHORT:
        return SHORT[text]
    if re.fullmatch(r"\d+ (million|countries|years)", text):
        number, unit = text.split(" ")
        return f"{int(number) + 5} {unit}"
    return None


def _aligned(msgid: str, msgstr: str) -> list[str] | None:
    parts, translated = sentences(msgid), sentences(msgstr)
    return translated if len(parts) == len(translated) else None


class Editor:
    """Applies one edit of each class in turn to the articles' lines."""

    def __init__(self, work: Path, translations: dict[str, str], seed: int) -> None:
        self.rng = random.Random(seed)
        self.tr = translations
        self.articles = [
            Article(p, p.read_text("utf-8").split("\n"))
            for p in sorted((work / "source").glob("*.md"))
        ]
        self.edits: list[Edit] = []

    def run(self, rounds: int) -> list[Edit]:
        spots = [(a, i) for a in self.articles for i in range(len(a.lines))]
        self.rng.shuffle(spots)
        todo = [c for _ in range(rounds) for c in CLASSES]
        for article, index in spots:
            if not todo:
                break
            if index in article.touched or index < self._body(article):
                continue
            for cls in list(todo):
                if self._apply(cls, article, index):
                    todo.remove(cls)
                    break
        for article in self.articles:
            article.path.write_text("\n".join(article.lines), "utf-8")
        return self.edits

    @staticmethod
    def _body(article: Article) -> int:
        return article.lines.index("---", 1) + 1

    def _translated(self, text: str) -> bool:
        return text in self.tr

    def _apply(self, cls: str, article: Article, i: int) -> bool:
        line = article.lines[i]
        text = _text(line)
        if cls == "unrelated (false matches)":
            if not _is_paragraph(line):
                return False
            new = UNRELATED[len([e for e in self.edits if e.cls == cls]) % len(UNRELATED)]
            self._set(article, i, line + "\n\n" + new, Edit(cls, new, [], []))
            return True
        if cls == "short string":
            if not line.startswith("| ") or line.startswith("| Item"):
                return False
            cells = [c.strip() for c in line.strip("|").split("|")]
            new = _short(cells[0]) or _short(cells[1])
            old = cells[0] if _short(cells[0]) else cells[1]
            if new is None or not self._translated(old):
                return False
            edit = Edit(cls, new, [old], sentences(self.tr[old]))
            self._set(article, i, line.replace(f" {old} ", f" {new} ", 1), edit)
            return True
        if not self._translated(text):
            return False
        if cls in ("case", "typo", "words added") and line.startswith("## "):
            new = _edit_words(text, self.rng, cls)
            if new is None or new == text:
                return False
            self._set(article, i, "## " + new, Edit(cls, new, [text], sentences(self.tr[text])))
            return True
        if not _is_paragraph(line):
            return False
        if cls in ("punctuation", "typo", "number", "words added", "words removed"):
            new = _edit_words(text, self.rng, cls)
            if new is None or new == text:
                return False
            self._set(article, i, new, Edit(cls, new, [text], sentences(self.tr[text])))
            return True
        return self._structural(cls, article, i)

    def _structural(self, cls: str, article: Article, i: int) -> bool:
        text = article.lines[i]
        parts = sentences(text)
        aligned = _aligned(text, self.tr[text])
        if cls == "split paragraph":
            if len(parts) < 2:
                return False
            half = len(parts) // 2
            a, b = " ".join(parts[:half]), " ".join(parts[half:])
            whole = sentences(self.tr[text])
            ideal_a, ideal_b = (aligned[:half], aligned[half:]) if aligned else (whole, whole)
            self._set(article, i, a + "\n\n" + b, Edit(cls, a, [text], ideal_a))
            self.edits.append(Edit(cls, b, [text], ideal_b))
            return True
        if cls == "project memory":
            other = self.rng.choice([a for a in self.articles if a is not article])
            shared = [
                ln
                for ln in other.lines[self._body(other) :]
                if _is_paragraph(ln) and self._translated(ln) and ln not in article.lines
            ]
            if not shared:
                return False
            copy = self.rng.choice(shared)
            edit = Edit(cls, copy, [copy], sentences(self.tr[copy]))
            self._set(article, i, text + "\n\n" + copy, edit)
            return True
        j = i + 2
        if j >= len(article.lines) or j in article.touched:
            return False
        nxt = article.lines[j]
        if not _is_paragraph(nxt) or not self._translated(nxt) or article.lines[i + 1]:
            return False
        if cls == "merged paragraphs":
            joined = text + " " + nxt
            ideal = sentences(self.tr[text]) + sentences(self.tr[nxt])
            self._set(article, i, joined, Edit(cls, joined, [text, nxt], ideal))
            self._set(article, j, "", None)
            return True
        if cls == "moved sentence" and len(parts) > 1 and aligned:
            a, b = " ".join(parts[:-1]), parts[-1] + " " + nxt
            self._set(article, i, a, Edit(cls, a, [text], aligned[:-1]))
            ideal_b = aligned[-1:] + sentences(self.tr[nxt])
            self._set(article, j, b, Edit(cls, b, [text, nxt], ideal_b))
            return True
        return False

    def _set(self, article: Article, i: int, line: str, edit: Edit | None) -> None:
        article.lines[i] = line
        article.touched.update({i, i + 1, i - 1})
        if edit is not None:
            self.edits.append(edit)


def _msgmerge(work: Path, old: Path, out: Path, *, compendium: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for pot in sorted((work / "translations").glob("*.pot")):
        old_po = old / f"{pot.stem}.po"
        command = ["msgmerge", "--previous", "--quiet", "-o", str(out / old_po.name)]
        if compendium:
            others = [str(p) for p in sorted(old.glob("*.po")) if p != old_po]
            subprocess.run(
                ["msgcat", "--use-first", "-o", str(out / "compendium.tmp"), *others], check=True
            )
            command += ["-C", str(out / "compendium.tmp")]
        subprocess.run([*command, str(old_po), str(pot)], check=True)
    (out / "compendium.tmp").unlink(missing_ok=True)


def _score(out: Path, edits: list[Edit], tr: dict[str, str], scores: dict[str, Score]) -> None:
    entries = {
        e.msgid: e for p in sorted(out.glob("*.po")) for e in polib.pofile(str(p)) if not e.obsolete
    }
    known = {
        normal(a): normal(b)
        for msgid, msgstr in tr.items()
        for a, b in zip(sentences(msgid), _aligned(msgid, msgstr) or [], strict=False)
    }
    for edit in edits:
        entry = entries.get(edit.msgid)
        if entry is None:
            continue
        score = scores.setdefault(edit.cls, Score())
        score.edits += 1
        if not entry.msgstr:  # msgmerge -C takes an exact compendium match as translated
            score.lost += 1 if edit.sources else 0
            if DEBUG and edit.sources:
                print(f"[{out.name}] lost {edit.cls}: {edit.msgid[:70]!r}")
            continue
        score.suggested += 1
        got = [normal(s) for s in sentences(entry.msgstr)]
        allowed = {normal(s) for src in edit.sources for s in sentences(tr[src])}
        # a sentence translated exactly as elsewhere in the project is right too
        allowed |= {known[k] for s in sentences(edit.msgid) if (k := normal(s)) in known}
        if edit.sources and set(got) <= allowed:
            score.right += 1
        else:
            score.wrong += 1
        score.complete += got == [normal(s) for s in edit.ideal] and bool(edit.sources)
        if DEBUG and (not edit.sources or got != [normal(s) for s in edit.ideal]):
            print(f"[{out.name}] {edit.cls}: {edit.msgid[:70]!r} -> {entry.msgstr[:70]!r}")


def evaluate(
    work: Path, *, sample: bool, articles: int, rounds: int
) -> dict[str, dict[str, Score]]:
    """Scores per tool and class on one edited project."""
    tr = _prepare(work, sample=sample, articles=articles)
    old = work / "old"
    shutil.copytree(work / "translations" / "fr", old)
    edits = Editor(work, tr, seed=3).run(rounds)
    _tarjama(work, "extract")
    results: dict[str, dict[str, Score]] = {}
    _msgmerge(work, old, work / "out-msgmerge", compendium=False)
    _msgmerge(work, old, work / "out-msgmerge-C", compendium=True)
    _tarjama(work, "update", "-l", "fr")
    outs = {
        "tarjama": work / "translations" / "fr",
        "msgmerge": work / "out-msgmerge",
        "msgmerge -C": work / "out-msgmerge-C",
    }
    for tool, out in outs.items():
        _score(out, edits, tr, results.setdefault(tool, {}))
    return results


def report(runs: list[dict[str, dict[str, Score]]]) -> str:
    """The table: per class, for each tool, suggested / right / wrong / complete / lost."""
    head = "| edit class | edits | " + " | ".join(TOOLS) + " |"
    lines = [
        head,
        "|---|---|" + "---|" * len(TOOLS),
    ]
    total = {tool: Score() for tool in TOOLS}
    for cls in CLASSES:
        cells, edits = [], 0
        for tool in TOOLS:
            s = Score()
            for run in runs:
                got = run[tool].get(cls, Score())
                for name in vars(s):
                    setattr(s, name, getattr(s, name) + getattr(got, name))
            for name in vars(s):
                setattr(total[tool], name, getattr(total[tool], name) + getattr(s, name))
            edits = s.edits
            cells.append(f"{s.suggested} / {s.right} / {s.wrong} / {s.complete} / {s.lost}")
        lines.append(f"| {cls} | {edits} | " + " | ".join(cells) + " |")
    cells = [
        f"{t.suggested} / {t.right} / {t.wrong} / {t.complete} / {t.lost}" for t in total.values()
    ]
    lines.append(f"| **all** | {total['tarjama'].edits} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(work: Path, *, articles: int = 60, rounds: int = 4) -> int:
    if shutil.which("msgmerge") is None:
        print("msgmerge (GNU gettext) is needed for --quality", file=sys.stderr)
        return 2
    runs = [
        evaluate(work / "sample", sample=True, articles=0, rounds=rounds),
        evaluate(work / "corpus", sample=False, articles=articles, rounds=rounds * 5),
    ]
    print("cells: suggested / right source / wrong source / complete / lost")
    print(report(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / ".cache" / "quality"))
