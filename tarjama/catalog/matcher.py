"""Suggestions for a new msgid from old translations: what ``update`` offers as fuzzy.

msgmerge compares a new msgid with every old one by characters and offers the most
similar at a ratio of 0.6 or more. That works for typos and changed numbers but loses
case and punctuation changes of short strings, halves of a split paragraph and merged
paragraphs. This matcher tries, in order:

1. the same text up to case, punctuation and spacing (a sentence-cased heading);
2. the msgid's sentences, each found in an old msgid: a split paragraph gets its
   aligned sentences (where the old msgstr has as many sentences as its msgid, else
   the whole old msgstr), merged paragraphs get both old translations joined, a
   moved sentence comes with it; the project memory (the locale's other catalogs)
   is searched the same way;
3. the most similar old msgid, by characters (by words for long strings), at a
   ratio of at least 0.6, as msgmerge does.

Every suggestion names the old msgid(s) it came from (the ``#|`` previous msgid).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

FUZZY_THRESHOLD = 0.6  # msgmerge's FUZZY_THRESHOLD
# characters; longer strings are compared by words (as telling for prose, and much faster)
LONG = 100
SURE = 0.9  # a similar match at least this close is not worth asking the project memory
MIN_SHARE = 1 / 3  # of an old msgid a split part must be to take its unaligned msgstr whole
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔。…])[\"'”’»)\]]*\s+(?=\S)")
_NOT_WORD = re.compile(r"[\W_]+")
Key = tuple[str | None, str]  # (msgctxt, msgid)


def sentences(text: str) -> list[str]:
    """*text* split after sentence-final punctuation followed by a space.

    >>> sentences("One. Two? Three")
    ['One.', 'Two?', 'Three']
    """
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def normal(text: str) -> str:
    """*text* without case, punctuation and spacing differences.

    >>> normal("The Importance of Aid:") == normal("The importance of aid")
    True
    """
    return _NOT_WORD.sub(" ", text.casefold()).strip()


@dataclass(frozen=True)
class Source:
    """An old translation the matcher can use: its msgid, msgstr and where it is."""

    msgid: str
    msgstr: str
    origin: str = ""  # the catalog it comes from, for memory suggestions; "" = this one
    parts: tuple[str, ...] = ()  # the msgid's sentences

    @staticmethod
    def of(msgid: str, msgstr: str, origin: str = "") -> Source:
        return Source(msgid, msgstr, origin, tuple(sentences(msgid)))

    @property
    def aligned(self) -> tuple[str, ...]:
        """The msgstr's sentences if it has as many as the msgid, else ()."""
        translated = tuple(sentences(self.msgstr))
        return translated if len(translated) == len(self.parts) else ()


@dataclass(frozen=True)
class Suggestion:
    """A fuzzy translation for a new msgid and the old msgid(s) it comes from."""

    msgstr: str
    previous: str
    sources: tuple[Source, ...]
    how: str  # "normal", "sentences" or "similar"
    ratio: float = 1.0  # the similarity of a "similar" suggestion
    # the sentences taken from sources used in part (the others are used whole)
    taken: Mapping[Source, tuple[int, ...]] = field(default_factory=dict)

    @property
    def origins(self) -> list[str]:
        """The other catalogs the suggestion comes from (empty when all is local)."""
        return sorted({s.origin for s in self.sources if s.origin})


@dataclass
class SentenceIndex:
    """Sources by their normalised msgid and by each of their normalised sentences."""

    whole: dict[str, Source] = field(default_factory=dict)
    parts: dict[str, tuple[Source, int]] = field(default_factory=dict)

    def add(self, source: Source) -> None:
        whole = normal(source.msgid)
        self.whole.setdefault(whole, source)
        if len(source.parts) == 1:  # the one sentence is the whole text
            self.parts.setdefault(whole, (source, 0))
            return
        for index, part in enumerate(source.parts):
            self.parts.setdefault(normal(part), (source, index))


@dataclass
class Memory:
    """A locale's translated entries across the project, by key and by sentence."""

    exact: dict[Key, Source]
    index: SentenceIndex

    @staticmethod
    def of(rows: Mapping[Key, tuple[str, str]]) -> Memory:
        """The memory of *rows*: key -> (msgstr, the catalog it is in)."""
        memory = Memory({}, SentenceIndex())
        for entry_key, (msgstr, origin) in rows.items():
            source = Source.of(entry_key[1], msgstr, origin)
            memory.exact[entry_key] = source
            memory.index.add(source)
        return memory

    def could_help(self, entry_key: Key) -> bool:
        """Whether the memory may suggest something for *entry_key*'s msgid."""
        if entry_key in self.exact or normal(entry_key[1]) in self.index.whole:
            return True
        return all(normal(part) in self.index.parts for part in sentences(entry_key[1]))


class Matcher:
    """Finds a suggestion for a new msgid among old translations (and the project memory)."""

    def __init__(self, local: Iterable[Source], memory: SentenceIndex | None = None) -> None:
        self.local = [s for s in local if s.msgstr]
        self.index = SentenceIndex()
        for source in self.local:
            self.index.add(source)
        self.memory = memory
        self._units = [(s, _units(s.msgid)) for s in self.local]

    def suggest(self, msgid: str) -> Suggestion | None:
        """The best suggestion for *msgid*, or None when nothing old is related."""
        key = normal(msgid)
        for index in (self.index, self.memory):
            found = index.whole.get(key) if index is not None and key else None
            if found is not None:
                return Suggestion(found.msgstr, found.msgid, (found,), "normal")
        parts = sentences(msgid)
        assembled = _assemble(parts, [self.index])
        if assembled is None and self.memory is not None:
            assembled = _assemble(parts, [self.index, self.memory])
        return assembled or self._similar(msgid)

    def _similar(self, msgid: str) -> Suggestion | None:
        """The most similar local source at msgmerge's threshold or above."""
        best, best_ratio = None, FUZZY_THRESHOLD
        matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(autojunk=False)
        units = _units(msgid)
        matcher.set_seq2(units)
        for source, theirs in self._units:
            if type(theirs) is not type(units):
                theirs = _units(source.msgid, by_words=isinstance(units, list))
            matcher.set_seq1(theirs)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio or (best is None and ratio >= best_ratio):
                best, best_ratio = source, ratio
        if best is None:
            return None
        return Suggestion(best.msgstr, best.msgid, (best,), "similar", best_ratio)


def _assemble(parts: Sequence[str], indexes: Sequence[SentenceIndex]) -> Suggestion | None:
    """A translation of the sentences *parts* put together from old entries' sentences.

    Consecutive sentences from one old entry form a group; a group that is the whole
    entry takes its msgstr, a part of it takes the aligned sentences, or, when the
    msgstr's sentences do not align and the group is the only one, the whole msgstr.
    """
    found: list[tuple[Source, int]] = []
    for part in parts:
        hit = next((i.parts[k] for i in indexes if (k := normal(part)) in i.parts), None)
        if hit is None:
            return None
        found.append(hit)
    groups: list[tuple[Source, list[int]]] = []
    for source, index in found:
        if groups and groups[-1][0] is source:
            groups[-1][1].append(index)
        else:
            groups.append((source, [index]))
    pieces = []
    taken: dict[Source, tuple[int, ...]] = {}
    for source, indexes_used in groups:
        if indexes_used == list(range(len(source.parts))):
            pieces.append(source.msgstr)
        elif aligned := source.aligned:
            pieces.extend(aligned[i] for i in indexes_used)
            taken[source] = (*taken.get(source, ()), *indexes_used)
        elif len(groups) == 1 and _share(source, indexes_used) >= MIN_SHARE:
            pieces.append(source.msgstr)
        else:
            return None
    used = tuple(dict.fromkeys(source for source, _ in groups))
    previous = " ".join(s.msgid for s in used)
    return Suggestion(_join(pieces), previous, used, "sentences", taken=taken)


def _share(source: Source, used: Sequence[int]) -> float:
    """The share of *source*'s msgid (in characters) that its sentences *used* make up."""
    return sum(len(source.parts[i]) for i in used) / max(1, len(source.msgid))


def _join(pieces: Sequence[str]) -> str:
    """Translated sentences joined by a space (none after a CJK full stop)."""
    text = ""
    for piece in pieces:
        text += piece if not text or text.endswith(("。", "！", "？")) else " " + piece
    return text


def _units(text: str, *, by_words: bool | None = None) -> list[str] | str:
    """What similarity compares: characters (case-folded), or words for long strings.

    >>> _units("Defense Aid"), _units("a b", by_words=True)
    ('defense aid', ['a', 'b'])
    """
    folded = text.casefold()
    if by_words is None:
        by_words = len(folded) > LONG
    return folded.split() if by_words else folded
