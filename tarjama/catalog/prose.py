"""Checks on the prose of a translation: what pofilter checks that makes sense for
Markdown, the locale's typography and number format, and signs of a slip.

The markup checks (:mod:`tarjama.catalog.checks`) compare what must survive translation;
these look at the text a reader reads (code spans, link targets and URLs aside) for the
mistakes translators make: the source left in place, a double space, a bracket or quote
not closed, an end punctuation dropped or added, a sentence left out or added, a URL in
the text changed, a space at an end, a lowercase start, French spacing, a number written
the source's way where it reads otherwise, letters of another script, a translation
pasted into the wrong entry. Each is a warning with a stable code (:data:`CODES`), which
a translator silences for one entry with ``# tarjama-ignore: code``; none fires on the
sample's reviewed translations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from fontTools import unicodedata as ucd

from tarjama.catalog.literal import Problem
from tarjama.core.locales import babel_locale

# code -> what it reports (the manual's table of checks is this)
CODES = {
    "unchanged": "the msgstr is the msgid itself (three words or more): left untranslated?",
    "spacing": "a double space the msgid does not have",
    "whitespace": "a space at the start or end that the msgid does not have, or the reverse",
    "brackets": "a bracket or quotation mark opened and not closed (the msgid's are)",
    "end-punctuation": "the msgid ends with . ? ! : or … and the msgstr with another, or none",
    "sentences": "a different number of sentences: one left out, or one added",
    "urls": "a URL written in the msgid's text is not in the msgstr",
    "start-case": "the msgid starts with a capital, the msgstr with a lowercase letter",
    "typography": "the locale's spacing: French needs a no-break space before : ; ! ? » and"
    " after «",
    "number-format": "a number grouped as the source groups it, which reads as a decimal in"
    " the locale (3,200 in French is three point two)",
    "script": "letters of a script that is neither the locale's, Latin, nor the msgid's",
    "wrong-entry": "the msgstr's length is far from what the msgid's asks: another entry's?",
    "repeated-word": "a word written twice in a row (le le), which the msgid does not have",
    "start-mark": "the msgstr starts with a Markdown block mark (# > - + * =) the msgid does"
    " not start with: it shows as text",
}
_REPEATED = re.compile(r"\b([^\W\d_]{2,40})\s+\1\b", re.IGNORECASE)  # bounded: linear
# words that are rightly written twice: French reflexive "nous nous", "vous vous"...
_TWICE = {"nous", "vous", "que", "très", "bye", "pas"}
# languages that double words as grammar (Turkish "tek tek", Urdu "جیسے جیسے", Malay...)
_REDUPLICATING = {
    "tr",
    "az",
    "ur",
    "hi",
    "bn",
    "fa",
    "ms",
    "id",
    "tl",
    "ta",
    "te",
    "th",
    "vi",
    "ja",
    "ko",
    "zh",
}
_BLOCK_MARK = re.compile(r"^\s*(?:#{1,6}\s|>|[-+*]\s|=+\s|\|)")

_CODE_OR_URL = re.compile(
    r"`+[^`]*`+|\]\([^()\n]*\)|<[a-z][a-z0-9+.-]*:[^>\s]*>|\b(?:https?://|www\.)[^\s)<>\]]+"
    r"|%\(\w+\)[sd]|%[sd]|\{\w+\}"  # and interface placeholders
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s)<>\]\"'`]*[^\s)<>\].,;:!?\"'`،]")
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u3002]+[\"'”»)\]*_]*(?=\s+\S)")
_ABBREVIATION = re.compile(r"\b(?:[A-Za-z]|e\.g|i\.e|etc|vs|Mr|Mrs|Dr|St|No|p|pp|cf)\.$")
_END = {
    ".": "a period",
    "\u06d4": "a period",
    "\u3002": "a period",
    "?": "a question mark",
    "\u061f": "a question mark",
    "!": "an exclamation mark",
    ":": "a colon",
    "…": "an ellipsis",
}
_CLOSING = " \t\u00a0\u202f\"'”’»)]*_"
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"), ("“", "”"))
_SPACES = "\u00a0\u202f"  # no-break space, narrow no-break space
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")


@dataclass(frozen=True)
class Typography:
    """A locale's spacing: the signs that take a no-break space before them, and after."""

    before: str = ""
    after: str = ""


# built in; ``[typography]`` in tarjama.toml adds or replaces a locale's
TYPOGRAPHY = {"fr": Typography(before=":;!?»", after="«")}


def prose_problems(
    msgid: str,
    msgstr: str,
    locale: str,
    *,
    typography: Mapping[str, Typography] | None = None,
    ratio: float = 0.0,
) -> Iterator[Problem]:
    """The prose checks' findings for translating *msgid* as *msgstr* into *locale*;
    *ratio* is the catalog's usual length of translation to source (0: unknown)."""
    source, text = _prose(msgid), _prose(msgstr)
    lang = locale.replace("-", "_").split("_")[0]
    if msgstr.strip() == msgid.strip():
        if len(re.findall(r"[^\W\d_]{2,}", source)) >= 3:
            yield "unchanged", "warning", "the msgstr is the msgid itself; translate it"
        return
    yield from _spacing(msgid, msgstr, source, text)
    yield from _brackets(source, text)
    yield from _ending(source, text)
    yield from _sentences(source, text, ratio)
    missing = sorted(set(_URL.findall(msgid)) - set(_URL.findall(msgstr)))
    if missing:
        yield "urls", "warning", f"URL {missing[0]} of the msgid is not in the msgstr"
    yield from _start_case(source, text)
    twice = [m[1] for m in _REPEATED.finditer(text) if m[1].lower() not in _TWICE]
    if twice and not _REPEATED.search(source) and lang not in _REDUPLICATING:
        yield "repeated-word", "warning", f"{twice[0]!r} twice in a row"
    if _BLOCK_MARK.match(msgstr) and not _BLOCK_MARK.match(msgid):
        yield (
            "start-mark",
            "warning",
            f"the msgstr starts with {msgstr.strip()[:2]!r}, which shows as text here",
        )
    rules = {**TYPOGRAPHY, **(typography or {})}
    rule = rules.get(locale) or rules.get(lang)
    if rule is not None:
        yield from _typography(text, rule)
    yield from _number_format(source, text, locale)
    yield from _script(source, text, locale)
    if ratio and len(text) >= 20:
        share = len(text) / len(source) / ratio
        if (len(source) >= 40 and not 0.4 <= share <= 2.5) or (len(text) > 80 and share > 4):
            yield (
                "wrong-entry",
                "warning",
                f"the msgstr is {share:.1f} times as long as this catalog's translations are"
                " for their msgids: the translation of another entry?",
            )


def _prose(markdown: str) -> str:
    """*markdown*'s reading text: code spans, link targets, URLs and placeholders each
    made a token ``X0`` (a word, neither a letter's case nor a number to check)."""
    return _CODE_OR_URL.sub("X0", markdown)


def _spacing(msgid: str, msgstr: str, source: str, text: str) -> Iterator[Problem]:
    if text.count("  ") > source.count("  "):
        yield "spacing", "warning", "a double space; one is enough"
    for side, strip in (("start", str.lstrip), ("end", str.rstrip)):
        if (strip(msgid) != msgid) != (strip(msgstr) != msgstr):
            has = "has" if strip(msgstr) != msgstr else "lacks"
            yield "whitespace", "warning", f"the msgstr {has} a space at its {side}, the msgid not"


def _brackets(source: str, text: str) -> Iterator[Problem]:
    for opening, closing in _PAIRS:
        if _balanced(source, opening, closing) and not _balanced(text, opening, closing):
            yield "brackets", "warning", f"{opening} and {closing} do not pair up"
            return
    if source.count('"') % 2 == 0 and text.count('"') % 2:
        yield "brackets", "warning", 'a " is not closed'


def _balanced(text: str, opening: str, closing: str) -> bool:
    depth = 0
    for char in text:
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _ending(source: str, text: str) -> Iterator[Problem]:
    ours, theirs = _end(source), _end(text)
    if ours != theirs:
        said = ours or "no end punctuation"
        yield (
            "end-punctuation",
            "warning",
            f"the msgid ends with {said}, the msgstr with {theirs or 'none'}",
        )


def _end(text: str) -> str:
    """What *text* ends with: a period, a question mark... ("" for none)."""
    tail = text.rstrip(_CLOSING)
    if tail.endswith("..."):
        return "an ellipsis"
    return _END.get(tail[-1:], "") if tail else ""


def _sentences(source: str, text: str, ratio: float) -> Iterator[Problem]:
    """A sentence left out or added: the counts differ and so does the length, from what
    the catalog's translations usually are (a translator may join two sentences, which
    keeps the length); with no usual ratio known, by two sentences or more."""
    ours, theirs = _count_sentences(source), _count_sentences(text)
    if ours == theirs or max(ours, theirs) < 2:
        return
    # a sentence left out or added moves the length by more than a tenth from the usual
    # ratio (measured on the sample: its clean translations stay within it); two
    # sentences joined, or one split, do not move it
    share = len(text) / len(source) / ratio if ratio and source else 0.0
    shorter, longer = theirs < ours and share < 0.9, theirs > ours and share > 1.1
    if (ratio and (shorter or longer)) or (not ratio and abs(ours - theirs) >= 2):
        yield (
            "sentences",
            "warning",
            f"the msgid has {ours} sentences, the msgstr {theirs}: one left out or added?",
        )


def _count_sentences(text: str) -> int:
    # an abbreviation is short: look at the few characters before each end, not the text
    # before it (which made a long run of ". " quadratic)
    ends = [
        m
        for m in _SENTENCE_END.finditer(text)
        if not _ABBREVIATION.search(text[max(0, m.start() - 6) : m.start() + 1])
    ]
    return len(ends) + (1 if text.strip() else 0)


def _start_case(source: str, text: str) -> Iterator[Problem]:
    first = re.search(r"[^\W\d_]", source)
    mine = re.search(r"[^\W\d_]", text)
    if first is None or mine is None or first.start() > 2 or mine.start() > 2:
        return
    if source[first.start() :].startswith("X0") or text[mine.start() :].startswith("X0"):
        return  # a code span or URL first (masked as X0): no letter case to compare
    if first[0].isupper() and mine[0].islower() and _cased(mine[0]):
        yield "start-case", "warning", f"the msgstr starts with a lowercase {mine[0]!r}"


def _cased(char: str) -> bool:
    return char.upper() != char.lower()


def _typography(text: str, rule: Typography) -> Iterator[Problem]:
    for index, char in enumerate(text):
        if char in rule.before and index and text[index - 1] not in _SPACES:
            if char in ":" and (index + 1 < len(text) and text[index + 1].isdigit()):
                continue  # 10:30, a ratio
            if char in "?!" and text[index - 1] in "?!":
                continue  # "?!" takes one space, before the first
            yield (
                "typography",
                "warning",
                f"no no-break space before {char!r} (…{text[max(0, index - 12) : index + 1]}):"
                " write U+00A0 or U+202F there",
            )
            return
        if char in rule.after and index + 1 < len(text) and text[index + 1] not in _SPACES:
            yield "typography", "warning", f"no no-break space after {char!r}"
            return


def _number_format(source: str, text: str, locale: str) -> Iterator[Problem]:
    decimal, group = _symbols(locale)
    if decimal != ",":
        return
    for match in _GROUPED.finditer(text):
        if match[0] in source:
            value = int(match[0].replace(",", ""))
            shown = f"{value:,}".replace(",", group)
            yield (
                "number-format",
                "warning",
                f"{match[0]!r} reads as a decimal in {locale} (its decimal sign is ','); write"
                f" {shown!r}",
            )
            return


@lru_cache(maxsize=64)
def _symbols(locale: str) -> tuple[str, str]:
    """The locale's decimal sign and group separator (Latin digits)."""
    try:
        symbols = babel_locale(locale).number_symbols.get("latn", {})
    except (ValueError, LookupError):
        return ".", ","
    return symbols.get("decimal", "."), symbols.get("group", ",")


def _script(source: str, text: str, locale: str) -> Iterator[Problem]:
    own = _locale_scripts(locale) | {"Latn", "Zyyy", "Zinh", "Zzzz"}
    theirs = {ucd.script(c) for c in text if c.isalpha()} - own
    strange = theirs - {ucd.script(c) for c in source if c.isalpha()}
    if strange:
        name = ucd.script_name(sorted(strange)[0])
        sample = next(c for c in text if c.isalpha() and ucd.script(c) in strange)
        yield "script", "warning", f"{name} letters ({sample!r}) in a {locale} translation"


@lru_cache(maxsize=64)
def _locale_scripts(locale: str) -> frozenset[str]:
    """The scripts text in *locale* is written in (Han and kana for Japanese...)."""
    from babel.core import get_global

    likely = get_global("likely_subtags")
    parts = locale.replace("-", "_").split("_")
    script = next((p.title() for p in parts[1:] if len(p) == 4), "")
    if not script:
        for key in ("_".join(parts[:2]), parts[0]):
            fields = str(likely.get(key, "")).split("_")
            if len(fields) > 1 and len(fields[1]) == 4:
                script = fields[1]
                break
    extra = {"Jpan": {"Hani", "Hira", "Kana"}, "Kore": {"Hang", "Hani"}, "Hans": {"Hani"}}
    return frozenset({script or "Latn", *extra.get(script, set())})
