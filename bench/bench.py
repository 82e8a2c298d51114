"""tarjama's benchmarks (run through ``bench/run``): figures printed, never asserted.

On a deterministic corpus of N articles (``bench/corpus.py``) it times, for one
locale: extract; update after 10 % of the paragraphs were edited; merge to
translated Markdown; the HTML build; then a full build of every locale and format
on a smaller corpus; a no-op rebuild; a rebuild after one PO entry changed.
``--peers`` runs po4a, translate-toolkit (with rapidfuzz) and mdpo on the same
corpus, each in its natural workflow, and prints the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
sys.path.insert(0, str(ROOT))

from bench.corpus import make_corpus  # noqa: E402
from bench.peers import PEERS, Peer  # noqa: E402
from tarjama.catalog.pofile import read_po, write_po  # noqa: E402

TARJAMA = str(Path(sys.executable).with_name("tarjama"))
MARK = "revisedword"


def _session_peak(session: int) -> float:
    """The largest peak RSS (VmHWM, KiB) among the live processes of *session*."""
    peak = 0.0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            if int(fields[3]) != session:  # the session id, after state, ppid and pgrp
                continue
            with open(f"/proc/{entry.name}/status", "rb") as handle:
                for line in handle:
                    if line.startswith(b"VmHWM:"):
                        peak = max(peak, float(line.split()[1]))
        except (OSError, IndexError, ValueError):
            continue
    return peak


def timed(
    command: list[str], *, cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Run *command*; return (seconds, peak RSS in MiB of the largest process of its tree).

    The command runs in a session of its own whose processes are sampled every 50 ms,
    so processes that its parent does not wait for (a forkserver's workers, their
    pandoc) count too.
    """
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child cannot block
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
        peak, done = [0.0], threading.Event()

        def sample() -> None:
            while True:
                peak[0] = max(peak[0], _session_peak(process.pid))
                if done.wait(0.05):
                    return

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr[-2000:]}")
    # ru_maxrss of a forked child also counts the pages it shared with this (large)
    # process before exec; the sampled VmHWM counts only the programs themselves
    return elapsed, (peak[0] or float(usage.ru_maxrss)) / 1024


def median_run(
    command: list[str], *, cwd: Path, repeat: int, before: object = None
) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(repeat):
        if callable(before):
            before()
        seconds, peak = timed(command, cwd=cwd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def translate_all(folder: Path) -> None:
    """Fill every PO under *folder* with an uppercase pseudo-translation (markup kept)."""
    for path in folder.rglob("*.po"):
        po = read_po(path)
        for entry in po:
            if not entry.obsolete:
                entry.msgstr = re.sub(
                    r"(\]\([^)]*\)|`[^`]*`|%\(\w+\)s)|([^\]`%]+|[\]`%])",
                    lambda m: m.group(1) or m.group(2).upper(),
                    entry.msgid,
                )
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        write_po(path, po)


def edit_ten_percent(source: Path) -> list[str]:
    """Reword one paragraph in ten (deterministically); return the original paragraphs."""
    edited: list[str] = []
    for path in sorted(source.glob("*.md")):
        parts = path.read_text("utf-8").split("\n\n")
        for index, part in enumerate(parts):
            if part.startswith("In article") and (index + len(path.name)) % 10 == 0:
                words = part.split(" ")
                words[min(5, len(words) - 1)] = MARK
                edited.append(part)
                parts[index] = " ".join(words)
        path.write_text("\n\n".join(parts), "utf-8")
    return edited


def outcome(po_files: list[Path], originals: list[str], baseline: list[Path]) -> dict[str, int]:
    """What happened to the edited paragraphs' translations: kept as fuzzy, left
    untranslated, and lost (the old msgstr is nowhere, not even obsolete)."""
    counts = {"fuzzy": 0, "untranslated": 0, "translated": 0, "lost": 0}
    msgstrs: set[str] = set()
    for path in po_files:
        for entry in polib.pofile(str(path)):
            msgstrs.add(entry.msgstr.strip())
            if MARK in entry.msgid and not entry.obsolete:
                state = "translated" if entry.translated() else "untranslated"
                counts["fuzzy" if entry.fuzzy and entry.msgstr else state] += 1
    wanted = {" ".join(p.split()) for p in originals}
    for path in baseline:
        for entry in polib.pofile(str(path)):
            if " ".join(entry.msgid.split()) in wanted and entry.msgstr.strip() not in msgstrs:
                counts["lost"] += 1
    return counts


def describe(counts: dict[str, int], edited: int) -> str:
    return (
        f"{edited} edited: {counts['fuzzy']} fuzzy, {counts['untranslated']} untranslated, "
        f"{counts['lost']} lost"
    )


def clean_outputs(project: Path) -> Callable[[], None]:
    """A ``before`` hook: start a build from nothing (no output, no cache)."""

    def clean() -> None:
        shutil.rmtree(project / "build", ignore_errors=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)

    return clean


def toggle_entry(po_file: Path) -> Callable[[], None]:
    """A ``before`` hook: change one translated entry of *po_file* (back and forth)."""

    def change() -> None:
        po = read_po(po_file)
        entry = next(e for e in po if e.msgstr and not e.obsolete)
        entry.msgstr = entry.msgstr[:-2] if entry.msgstr.endswith(" ·") else entry.msgstr + " ·"
        write_po(po_file, po)

    return change


class Row:
    def __init__(self, step: str, seconds: float, peak: float, note: str = "") -> None:
        self.step, self.seconds, self.peak, self.note = step, seconds, peak, note


def tarjama_steps(n: int, repeat: int) -> list[Row]:
    project = make_corpus(CACHE / f"corpus-{n}", n)
    rows: list[Row] = []
    run = lambda *args: [TARJAMA, "-q", *args]  # noqa: E731
    pots = project / "translations"

    def clean_pots() -> None:
        for pot in pots.glob("*.pot") if pots.exists() else []:
            pot.unlink()

    rows.append(
        Row("extract", *median_run(run("extract"), cwd=project, repeat=repeat, before=clean_pots))
    )
    subprocess.run(run("update", "-l", "fr"), cwd=project, check=True)
    translate_all(pots / "fr")
    baseline = CACHE / f"baseline-{n}"
    shutil.rmtree(baseline, ignore_errors=True)
    shutil.copytree(pots, baseline)
    originals = edit_ten_percent(project / "source")
    subprocess.run(run("extract"), cwd=project, check=True)

    def restore() -> None:
        shutil.rmtree(pots / "fr")
        shutil.copytree(baseline / "fr", pots / "fr")

    rows.append(
        Row(
            "update (10% edited)",
            *median_run(run("update", "-l", "fr"), cwd=project, repeat=repeat, before=restore),
        )
    )
    kept = outcome(
        sorted((pots / "fr").glob("*.po")), originals, sorted((baseline / "fr").glob("*.po"))
    )
    rows[-1].note = describe(kept, len(originals))

    clean_build = clean_outputs(project)

    rows.append(
        Row(
            "merge to Markdown",
            *median_run(
                run("build", "--format", "md", "-l", "fr"),
                cwd=project,
                repeat=repeat,
                before=clean_build,
            ),
        )
    )
    html = median_run(
        run("build", "--format", "html", "-l", "fr"), cwd=project, repeat=repeat, before=clean_build
    )
    rows.append(Row("HTML build, one locale", *html))
    pandoc = [
        str(Path(__import__("pypandoc").get_pandoc_path())),
        "-f",
        "commonmark_x",
        "-t",
        "html5",
        "-o",
        "/dev/null",
        *sorted(str(p) for p in (project / "source").glob("*.md")),
    ]
    floor = median_run(pandoc, cwd=project, repeat=repeat)
    rows.append(
        Row(
            "  floor: one pandoc process, all articles",
            *floor,
            f"build/floor = {html[0] / floor[0]:.2f} (goal: at most 1.0)",
        )
    )
    noop = median_run(run("build", "--format", "html", "-l", "fr"), cwd=project, repeat=repeat)
    rows.append(Row("no-op HTML rebuild", *noop, f"{100 * noop[0] / html[0]:.1f}% of the build"))
    change_entry = toggle_entry(sorted((pots / "fr").glob("*.po"))[n // 2])

    rows.append(
        Row(
            "rebuild after one PO entry",
            *median_run(
                run("build", "--format", "html", "-l", "fr"),
                cwd=project,
                repeat=repeat,
                before=change_entry,
            ),
            "goal: at most 0.5 s at 1,000 articles",
        )
    )
    return rows


def shard_steps(n: int, count: int) -> list[Row]:
    """The HTML build of *n* articles in *count* shards, each in a fresh copy of the
    project (as CI runs them, on machines of their own: each plans the whole build),
    one after the other, each timed; and whether their union is byte for byte the build
    in one go."""
    project = CACHE / f"corpus-{n}"
    whole = {p.relative_to(project / "build"): p.read_bytes() for p in _files(project / "build")}
    union: dict[Path, bytes] = {}
    clashes: list[str] = []  # files two shards wrote differently
    rows = []
    for k in range(1, count + 1):
        sharded = CACHE / f"shard-{n}-{k}"
        shutil.rmtree(sharded, ignore_errors=True)
        shutil.copytree(project, sharded, ignore=shutil.ignore_patterns("build", ".cache"))
        args = [TARJAMA, "-q", "build", "--format", "html", "-l", "fr", "--shard", f"{k}/{count}"]
        seconds, peak = timed(args, cwd=sharded)
        rows.append(Row(f"  shard {k}/{count}", seconds, peak))
        for p in _files(sharded / "build"):
            key, data = p.relative_to(sharded / "build"), p.read_bytes()
            if union.setdefault(key, data) != data:
                clashes.append(str(key))
        shutil.rmtree(sharded, ignore_errors=True)
    same = union == whole and not clashes
    differ = (
        clashes[:3]
        or sorted(str(k) for k in union.keys() ^ whole.keys())[:3]
        or [str(k) for k in whole if union.get(k) != whole[k]][:3]
    )
    note = "union = the build in one go, byte for byte" if same else f"DIFFERS: {differ}"
    longest = max(r.seconds for r in rows)
    rows.append(
        Row(f"  {count} shards, the longest (wall time on {count} machines)", longest, 0, note)
    )
    return rows


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def full_build_steps(n: int, repeat: int) -> list[Row]:
    """Every locale and format (EPUB and PDF included) on a smaller corpus."""
    locales = ("ar", "fr", "tr", "ur", "ms")
    project = make_corpus(CACHE / f"full-{n}", n, locales=locales)
    run = lambda *args: [TARJAMA, "-q", *args]  # noqa: E731
    subprocess.run(run("extract"), cwd=project, check=True)
    subprocess.run(run("update"), cwd=project, check=True)
    translate_all(project / "translations")

    full = median_run(run("build"), cwd=project, repeat=1, before=clean_outputs(project))
    noop = median_run(run("build"), cwd=project, repeat=repeat)
    change_entry = toggle_entry(sorted((project / "translations" / "fr").glob("*.po"))[0])

    one = median_run(run("build"), cwd=project, repeat=repeat, before=change_entry)
    warm = preview_rebuilds(project, repeat)
    floors = book_floors(project, ("en", *locales))
    total = sum(seconds for seconds, _ in floors.values())
    rows = [
        Row(f"full build: {n} articles x 6 locales x html,epub,pdf", *full),
        Row("  no-op rebuild", *noop, f"{100 * noop[0] / full[0]:.1f}% of the full build"),
        Row("  rebuild after one PO entry (its page, EPUB, PDF)", *one, "goal: at most 1.0 s"),
    ]
    rows.append(
        Row(
            "  preview --books: one PO entry (page, EPUB, PDF; warm)",
            warm,
            0,
            "goal: at most 0.3 s",
        )
    )
    for name, (seconds, peak) in floors.items():
        rows.append(Row(f"  floor: {name}", seconds, peak))
    rows.append(
        Row(
            "  sum of the floors",
            total,
            0,
            f"full build / floors = {full[0] / total:.2f} (goal: at most 1.2)",
        )
    )
    return rows


_PREVIEW = """
import statistics, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench.bench import toggle_entry
from tarjama.core.config import load_config
from tarjama.publish.preview import PreviewSite
project = Path(sys.argv[2])
site = PreviewSite(load_config(project), ["en", "fr"], log=lambda s: None, books=True)
site.build()
change = toggle_entry(sorted((project / "translations" / "fr").glob("*.po"))[0])
times = []
for _ in range(int(sys.argv[3])):
    change()
    start = time.perf_counter()
    site.build()
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def preview_rebuilds(project: Path, repeat: int) -> float:
    """Median seconds of a ``preview --books`` rebuild (HTML, EPUB and PDF of en and fr)
    after one PO entry changed, in one long-lived process (warm chapters and Typst)."""
    code = [sys.executable, "-c", _PREVIEW, str(ROOT), str(project), str(repeat)]
    result = subprocess.run(code, capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def book_floors(project: Path, locales: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """What a full build cannot do without, each locale in turn: pandoc converting every
    translated chapter in one process (HTML for the pages, HTML for the EPUB, Typst for the
    PDF), and Typst compiling each locale's finished document (kept by a build with
    ``TARJAMA_TYPST_FOLDER``). Summed, they are the floor of the cold build."""
    subprocess.run([TARJAMA, "-q", "build", "--format", "md"], cwd=project, check=True)
    kept = project / ".cache" / "typst-kept"  # the finished Typst folders, kept this once
    for pdf in (project / "build").glob("*/*.pdf"):
        pdf.unlink()
    env = {**os.environ, "TARJAMA_TYPST_FOLDER": str(kept)}
    subprocess.run([TARJAMA, "-q", "build", "--format", "pdf"], cwd=project, check=True, env=env)
    pandoc = str(Path(__import__("pypandoc").get_pandoc_path()))
    floors: dict[str, tuple[float, float]] = {}
    for fmt, label in (("html5", "pandoc, pages and EPUB chapters"), ("typst", "pandoc, PDF")):
        times = peaks = 0.0
        for locale in locales:
            files = sorted(str(p) for p in (project / "build" / locale / "md").glob("*.md"))
            args = [pandoc, "--file-scope", "-f", "commonmark_x", "-t", fmt, "-o", "/dev/null"]
            seconds, peak = timed([*args, *files], cwd=project)
            times, peaks = times + seconds * (2 if fmt == "html5" else 1), max(peaks, peak)
        floors[label] = (times, peaks)
    times = peaks = 0.0
    for locale in locales:
        folder = kept / locale
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        families = list(dict.fromkeys([*meta["fonts"], *meta["mono-fonts"]]))  # as the build
        job = {
            "folder": str(folder),
            "families": families,
            "stamp": 0,
            "what": locale,
            "format": "pdf",
            "standards": ["ua-1"],
            "ppi": 144.0,
        }
        code = [sys.executable, "-m", "tarjama.render.typst.run", json.dumps(job)]
        seconds, peak = timed(code, cwd=ROOT)
        times, peaks = times + seconds, max(peaks, peak)
    floors["Typst, the finished PDFs"] = (times, peaks)
    return floors


def epub_steps(sizes: list[int], repeat: int) -> list[Row]:
    """One locale's EPUB: a cold build, then a rebuild after one PO entry changed, at each
    size (the rebuild should grow with the changed chapter, not with the book)."""
    rows: list[Row] = []
    for n in sizes:
        project = make_corpus(CACHE / f"epub-{n}", n)
        run = lambda *args: [TARJAMA, "-q", *args]  # noqa: E731
        subprocess.run(run("extract"), cwd=project, check=True)
        subprocess.run(run("update", "-l", "fr"), cwd=project, check=True)
        translate_all(project / "translations" / "fr")
        build = run("build", "-l", "fr", "--format", "epub")
        cold = median_run(build, cwd=project, repeat=1, before=clean_outputs(project))
        po_file = sorted((project / "translations" / "fr").glob("*.po"))[n // 2]
        one = median_run(build, cwd=project, repeat=repeat, before=toggle_entry(po_file))
        rows.append(Row(f"EPUB, {n} articles, one locale: cold build", *cold))
        rows.append(Row(f"  EPUB rebuild after one PO entry, {n} articles", *one))
    return rows


def scaling(by_size: dict[int, list[Row]]) -> list[Row]:
    """Each step of the largest corpus against the smallest: the ratio of their times."""
    small, large = min(by_size), max(by_size)
    rows = []
    for first, last in zip(by_size[small], by_size[large], strict=True):
        ratio = last.seconds / first.seconds if first.seconds else 0.0
        goal = {
            "HTML build, one locale": f" (goal: at most {large / small * 1.1:.1f}×)",
            "rebuild after one PO entry": " (goal: at most 1.2×)",
        }.get(last.step, "")
        note = f"{large:,} / {small:,} articles: {ratio:.2f}×{goal}"
        rows.append(Row(last.step, last.seconds, last.peak, note))
    return rows


def print_rows(
    title: str, rows: list[Row], peers: dict[str, dict[str, tuple[float, float, str]]]
) -> None:
    print(f"\n#### {title}\n")
    names = list(peers)
    head = (
        "| step | tarjama s | peak MiB |"
        + "".join(f" {p} s | tarjama/{p} |" for p in names)
        + " notes |"
    )
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for row in rows:
        cells = [row.step, f"{row.seconds:.2f}", f"{row.peak:.0f}"]
        notes = [row.note] if row.note else []
        for name in names:
            peer = peers[name].get(row.step)
            if peer:
                cells += [f"{peer[0]:.2f} ({peer[1]:.0f} MiB)", f"{row.seconds / peer[0]:.2f}"]
                notes += [f"{name}: {peer[2]}"] if peer[2] else []
            else:
                cells += ["", ""]
        print("| " + " | ".join(cells) + " | " + "; ".join(notes) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench/run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles", default="1000", help="corpus sizes, comma-separated (e.g. 100,1000,5000)"
    )
    parser.add_argument(
        "--full", type=int, default=30, help="articles for the full all-format build (0: skip)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (the median is shown)")
    parser.add_argument(
        "--peers", action="store_true", help="also run po4a, translate-toolkit and mdpo"
    )
    parser.add_argument(
        "--quality",
        action="store_true",
        help="only compare update's suggestions with msgmerge's on an edit corpus",
    )
    parser.add_argument(
        "--checks",
        action="store_true",
        help="only make translators' mistakes in the sample's French and see which of tarjama"
        " check, msgfmt -c and pofilter catch each",
    )
    parser.add_argument(
        "--hostile",
        action="store_true",
        help="only time check and build on pathological translations of 10 k to 1 M characters",
    )
    parser.add_argument(
        "--epub", default="", help="corpus sizes for the EPUB rebuild rows (e.g. 30,1000)"
    )
    parser.add_argument("--skip-steps", action="store_true", help="skip the per-size steps")
    parser.add_argument(
        "--shard", type=int, default=0, help="also build the largest corpus in N shards"
    )
    args = parser.parse_args(argv)
    if args.quality:
        from bench import quality

        return quality.main(CACHE / "quality")
    if args.checks:
        from bench import mistakes

        print(mistakes.table(*mistakes.run(mistakes.pofilter_command())))
        return 0
    if args.hostile:
        from bench import hostile

        return hostile.main(CACHE)
    command = " ".join(["bench/run", *(argv if argv is not None else sys.argv[1:])])
    print(
        f"Measured on {time.strftime('%Y-%m-%d')} with `{command}` ({os.cpu_count()} cores,"
        f" Python {sys.version.split()[0]}; median of {args.repeat} runs, peak memory of the"
        " largest process)."
    )
    by_size: dict[int, list[Row]] = {}
    for n in (int(x) for x in args.articles.split(",") if not args.skip_steps):
        rows = tarjama_steps(n, args.repeat)
        by_size[n] = rows
        peers: dict[str, dict[str, tuple[float, float, str]]] = {}
        if args.peers:
            for peer in PEERS:
                try:
                    peers[peer.name] = run_peer(peer, n, args.repeat)
                except (subprocess.CalledProcessError, SystemExit) as exc:
                    print(f"{peer.name} failed: {exc}", file=sys.stderr)
        print_rows(f"{n} articles, locale fr", rows, peers)
    if len(by_size) > 1:
        print_rows("scaling", scaling(by_size), {})
    if args.shard:
        n = max(by_size) if by_size else int(args.articles.split(",")[-1])
        print_rows(f"{n} articles in {args.shard} shards", shard_steps(n, args.shard), {})
    if args.epub:
        sizes = [int(x) for x in args.epub.split(",")]
        print_rows("EPUB rebuilds", epub_steps(sizes, args.repeat), {})
    if args.full:
        print_rows(
            f"full build, {args.full} articles", full_build_steps(args.full, args.repeat), {}
        )
    return 0


def _rm_out(work: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(work / "out", ignore_errors=True)


def run_peer(peer: Peer, n: int, repeat: int) -> dict[str, tuple[float, float, str]]:
    """Time a peer's extract, update (after the same edits) and merge on the same corpus."""
    peer.install(CACHE)
    work = CACHE / f"{peer.name}-{n}"
    shutil.rmtree(work, ignore_errors=True)
    make_corpus(work, n)
    results: dict[str, tuple[float, float, str]] = {}
    seconds, peak = median_run(
        peer.extract(work), cwd=work, repeat=repeat, before=lambda: peer.clean(work)
    )
    results["extract"] = (seconds, peak, "")
    subprocess.run(peer.update(work), cwd=work, check=True, capture_output=True)
    peer.translate(work, translate_all)
    saved = CACHE / f"{peer.name}-{n}-po"
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(peer.po_dir(work), saved)
    originals = edit_ten_percent(work / "source")

    def restore() -> None:
        shutil.rmtree(peer.po_dir(work))
        shutil.copytree(saved, peer.po_dir(work))

    seconds, peak = median_run(peer.update(work), cwd=work, repeat=repeat, before=restore)
    kept = outcome(sorted(peer.po_dir(work).rglob("*.po")), originals, sorted(saved.rglob("*.po")))
    results["update (10% edited)"] = (seconds, peak, describe(kept, len(originals)))
    # every run translates afresh (po4a skips documents whose output looks up to date)
    seconds, peak = median_run(peer.merge(work), cwd=work, repeat=repeat, before=_rm_out(work))
    results["merge to Markdown"] = (seconds, peak, "")
    return results


if __name__ == "__main__":
    raise SystemExit(main())
