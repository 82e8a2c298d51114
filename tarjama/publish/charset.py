"""The characters the site can show, for the subsets of its web fonts.

They come from the build's inputs, never from the pages it wrote: the articles, every
catalog (the translators' text and the interface's), the templates, and the text that
tarjama itself generates (dates, file sizes, language names, pseudo-locale accents,
digits). So the set, and the fonts cut from it, are the same whichever pages a build
rewrites, and change only when a new character comes in.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.core.dates import long_date
from tarjama.core.fsutil import write_text_atomic
from tarjama.core.keys import digest
from tarjama.core.templates import project_templates, template_files
from tarjama.merge.pseudo import ADDED
from tarjama.publish.plan import Plan

# ASCII, and what pandoc's "smart" typography makes of its quotes, dashes and dots
_PRINTABLE = frozenset(map(chr, range(0x20, 0x7F))) | frozenset(
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
)
# path -> (size, mtime, the file's characters): a build reads only the files that changed
# since the last (kept in .cache/chars.json), a preview only those since its last rebuild
_READ: dict[str, tuple[int, int, str]] = {}
_LOADED: set[Path] = set()


def _file_chars(path: Path, stat: os.stat_result) -> str:
    known = _READ.get(str(path))
    if known is not None and known[:2] == (stat.st_size, stat.st_mtime_ns):
        return known[2]
    found = "".join(sorted(set(path.read_text("utf-8", "replace"))))
    _READ[str(path)] = (stat.st_size, stat.st_mtime_ns, found)
    return found


def _load(config: Config) -> Path:
    """The characters of the inputs as the last build saw them, loaded once."""
    stored = config.root / ".cache" / "chars.json"
    if stored not in _LOADED:
        _LOADED.add(stored)
        with contextlib.suppress(OSError, ValueError, TypeError):
            for name, (size, mtime, chars) in json.loads(stored.read_text("utf-8")).items():
                _READ.setdefault(name, (int(size), int(mtime), str(chars)))
    return stored


def _inputs(config: Config) -> Iterable[Path]:
    yield from sorted(config.source_dir.rglob("*.md"))
    yield from sorted(config.translations_dir.rglob("*.po"))
    yield from template_files(project_templates(config.templates_dir)).values()


_LAST: list[tuple[object, str]] = []  # (the plans of the last call, its result)


def site_chars(config: Config, plans: Mapping[str, Plan]) -> str:
    """Every character the site's pages (and books) may show, sorted, as one string;
    computed once per build (its plans)."""
    if _LAST and _LAST[0][0] is plans:
        return _LAST[0][1]
    found = _site_chars(config)
    _LAST[:] = [(plans, found)]
    return found


def chars_key(config: Config, plans: Mapping[str, Plan]) -> str:
    """The key of :func:`site_chars`: it changes only when a new character comes in."""
    return digest("chars", site_chars(config, plans))


def _site_chars(config: Config) -> str:
    # Only the config, never which locales this build makes: a book's bytes must not
    # depend on whether its neighbours were built too.
    stored = _load(config)
    chars: set[str] = set(_PRINTABLE) | set(ADDED)
    inputs: dict[str, tuple[int, int, str]] = {}
    for path in _inputs(config):
        with contextlib.suppress(OSError):
            stat = os.stat(path)
            chars.update(_file_chars(path, stat))
            inputs[str(path)] = _READ[str(path)]
    with contextlib.suppress(OSError):
        write_text_atomic(stored, json.dumps(inputs, ensure_ascii=False, sort_keys=True))
    for locale in dict.fromkeys((config.source_locale, *config.locales)):
        chars |= _generated(locale, config.numbers)
    return "".join(sorted(chars))


@functools.lru_cache(maxsize=64)
def _generated(locale: str, numbers: tuple[tuple[str, str], ...]) -> frozenset[str]:
    """What tarjama itself writes in *locale*: its name, digits, sizes and dates."""
    system = loc.numbering_system(locale, dict(numbers))
    texts = [loc.display_name(locale), loc.localize_digits("0123456789", system)]
    texts += [loc.file_size(1_450_000, locale), loc.file_size(310_000, locale)]
    # every month's name, as the articles' dates are written
    texts += [long_date(f"2026-{month:02d}-28", locale, system) for month in range(1, 13)]
    return frozenset("".join(texts))
