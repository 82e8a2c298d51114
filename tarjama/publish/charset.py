"""The characters the site can show, for the subsets of its web fonts.

They come from the build's inputs, never from the pages it wrote: the articles, every
catalog (the translators' text and the interface's), the templates, and the text that
tarjama itself generates (dates, file sizes, language names, pseudo-locale accents,
digits). So the set, and the fonts cut from it, are the same whichever pages a build
rewrites, and change only when a new character comes in.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path

from tarjama.core import locales as loc
from tarjama.core.config import Config
from tarjama.core.dates import long_date
from tarjama.core.templates import project_templates, template_files
from tarjama.merge.pseudo import ADDED
from tarjama.publish.plan import Plan

# ASCII, and what pandoc's "smart" typography makes of its quotes, dashes and dots
_PRINTABLE = frozenset(map(chr, range(0x20, 0x7F))) | frozenset(
    "\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
)
# (path, size, mtime) -> the file's characters: a preview reads only what changed
_READ: dict[tuple[str, int, int], frozenset[str]] = {}


def _file_chars(path: Path) -> frozenset[str]:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    found = _READ.get(key)
    if found is None:
        found = frozenset(path.read_text("utf-8", "replace"))
        _READ[key] = found
    return found


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


def _site_chars(config: Config) -> str:
    # Only the config, never which locales this build makes: a book's bytes must not
    # depend on whether its neighbours were built too.
    chars: set[str] = set(_PRINTABLE) | set(ADDED)
    for path in _inputs(config):
        if path.is_file():
            chars |= _file_chars(path)
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
