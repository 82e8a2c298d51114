"""What changed in the sources since a revision, and where each locale stands on it.

``tarjama status --since REV`` reads each article as git has it at *REV* and as it is
now, segments both as ``extract`` does, and lists the segments that are new or edited
since (a segment is its msgctxt and text: a moved segment has not changed), with their
translation state in each locale's catalog. A reviewer asks it before a release; a
translator, what is left of the work the release brought.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from tarjama.catalog.paths import po_path, read_catalog
from tarjama.catalog.status import Status, status_of
from tarjama.core.config import Config
from tarjama.core.errors import TarjamaError, UsageError
from tarjama.segment import parse_article, read_article
from tarjama.segment.tree import source_files


@dataclass(frozen=True)
class Changed:
    """A segment new or edited since the revision, and its state in *locale*."""

    locale: str
    article: str  # the article's path, as PO references name it
    line: int
    msgctxt: str | None
    msgid: str
    state: str  # translated, fuzzy, untranslated
    slug: str = ""  # the article's slug (its page is <locale>/<slug>.html)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        text = " ".join(self.msgid.split())
        short = text if len(text) <= 60 else text[:59] + "…"
        return f"{self.article}:{self.line}: {self.locale}: {self.state}: {short}"


def changed_since(config: Config, revision: str, locales: Iterable[str]) -> list[Changed]:
    """The segments new or edited since git *revision*, with their state per locale."""
    if not revision or revision.startswith("-") or any(c.isspace() for c in revision):
        raise UsageError(f"--since {revision!r}: give a git revision (a tag, a commit, HEAD~3)")
    top = _git(config.root, "rev-parse", "--show-toplevel").strip()
    _git(config.root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    found: list[tuple[str, int, str | None, str, str]] = []
    for path in source_files(config.source_dir, config.locales):
        where = config.rel(path)
        try:
            article = read_article(
                path, fields=config.front_matter, display=where, source=config.source_dir
            )
        except TarjamaError:
            continue  # extract and build report it
        name = path.resolve().relative_to(Path(top).resolve()).as_posix()
        before = _old_segments(config, top, revision, name, article.slug, where)
        for segment in article.segments:
            if (segment.context, segment.text) not in before:
                found.append((where, segment.line, segment.context, segment.text, article.slug))
    rows = []
    for locale in locales:
        catalogs: dict[str, dict[tuple[str | None, str], polib.POEntry]] = {}
        for where, line, context, text, slug in found:
            if slug not in catalogs:
                catalogs[slug] = _entries(config, locale, slug)
            state = status_of(catalogs[slug].get((context, text)))
            shown = Status.UNTRANSLATED if state is Status.SOURCE else state
            rows.append(Changed(locale, where, line, context, text, shown.value, slug))
    return rows


def _old_segments(
    config: Config, top: str, revision: str, name: str, slug: str, where: str
) -> set[tuple[str | None, str]]:
    """The (msgctxt, text) of the article's segments at *revision* (none if it was not
    there, or could not be read then)."""
    done = subprocess.run(
        ["git", "-C", top, "show", f"{revision}:{name}"], capture_output=True, check=False
    )
    if done.returncode != 0:
        return set()
    try:
        text = done.stdout.decode("utf-8")
        old = parse_article(
            text, slug=slug, path=Path(name), fields=config.front_matter, display=where
        )
    except (UnicodeDecodeError, TarjamaError):
        return set()
    return {(s.context, s.text) for s in old.segments}


def _entries(config: Config, locale: str, slug: str) -> dict[tuple[str | None, str], polib.POEntry]:
    path = po_path(config, locale, slug)
    try:
        po = read_catalog(config, path) if path.is_file() else None
    except TarjamaError:
        po = None
    return {(e.msgctxt, e.msgid): e for e in po or [] if not e.obsolete}


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True)
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed") from None
    if done.returncode != 0:
        if "--verify" in args:
            message = f"--since: no revision {args[-1].removesuffix('^{commit}')!r} in this"
            message += " repository; give one of its tags or commits (git tag, git log)"
        else:
            message = f"--since: {folder} is not in a git repository ({done.stderr.strip()})"
        raise UsageError(message)
    return done.stdout
