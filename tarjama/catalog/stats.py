"""Translation progress per locale and catalog: entries and percentage by words."""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass

import polib

from tarjama.catalog.status import Status, status_of

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_URL_OR_CODE = re.compile(r"\]\([^)]*\)|`[^`]*`")


@dataclass(frozen=True)
class Stats:
    """Counts for one catalog (or a locale's total when ``domain`` is ``"total"``)."""

    locale: str
    domain: str
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    words: int = 0
    translated_words: int = 0
    fuzzy_words: int = 0

    @property
    def percent(self) -> float:
        """Share of source words translated (0-100); 100 for an empty catalog."""
        return 100.0 if not self.words else round(100.0 * self.translated_words / self.words, 1)

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "percent": self.percent}

    def __add__(self, other: Stats) -> Stats:
        return Stats(
            self.locale,
            "total",
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            self.untranslated + other.untranslated,
            self.words + other.words,
            self.translated_words + other.translated_words,
            self.fuzzy_words + other.fuzzy_words,
        )


@functools.lru_cache(maxsize=16384)  # the same segment is counted in every locale
def words(text: str) -> int:
    """Number of words in *text*, markup URLs aside.

    >>> words("See [the **docs**](https://x.example/a-b) now")
    4
    """
    if "](" in text or "`" in text:
        text = _URL_OR_CODE.sub(" ", text)
    return len(_WORD.findall(text))


def catalog_stats(
    po: polib.POFile | None, *, locale: str, domain: str, template: polib.POFile | None = None
) -> Stats:
    """Stats of *po*; with no PO yet, every entry of *template* counts as untranslated."""
    counts = dict.fromkeys((Status.TRANSLATED, Status.FUZZY, Status.UNTRANSLATED), 0)
    total = done = fuzzy = 0
    for entry in po if po is not None else (template or []):
        if entry.obsolete:
            continue
        state = status_of(entry) if po is not None else Status.UNTRANSLATED
        counts[state] += 1
        n = words(entry.msgid)
        total += n
        done += n if state is Status.TRANSLATED else 0
        fuzzy += n if state is Status.FUZZY else 0
    return Stats(
        locale,
        domain,
        counts[Status.TRANSLATED],
        counts[Status.FUZZY],
        counts[Status.UNTRANSLATED],
        words=total,
        translated_words=done,
        fuzzy_words=fuzzy,
    )
