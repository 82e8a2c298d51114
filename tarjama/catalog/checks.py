"""Checks on translations: markup parity between msgid and msgstr.

Each check is a small registered function yielding ``(code, severity, message)``.
A translator silences one check for one entry with a translator comment
``# tarjama-ignore: numbers`` (a comment, because gettext tools drop unknown flags).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.token import Token

from tarjama.segment import parser

Problem = tuple[str, str, str]  # (code, severity, message)
Check = Callable[["Markup", "Markup"], Iterator[Problem]]
CHECKS: dict[str, Check] = {}
_IGNORE = re.compile(r"tarjama-ignore:\s*([\w, -]+)")
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f\u066b\u066c' ]*\d)?")


@dataclass(frozen=True)
class Finding:
    """One problem found in a catalog, at ``path:line``."""

    path: str
    line: int
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        tail = " [warning]" if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {self.code}: {self.message}{tail}"


@dataclass(frozen=True)
class Markup:
    """The markup of one string: what must survive translation unchanged."""

    links: Counter[str]
    code: Counter[str]
    emphasis: Counter[str]
    footnotes: Counter[str]
    html: Counter[str]
    attributes: Counter[str]
    numbers: Counter[str]
    placeholders: Counter[str]
    images_without_alt: int = 0


def register(code: str) -> Callable[[Check], Check]:
    def decorate(check: Check) -> Check:
        CHECKS[code] = check
        return check

    return decorate


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


@lru_cache(maxsize=4096)
def markup(text: str) -> Markup:
    """Parse *text* as inline Markdown and collect its markup."""
    links: Counter[str] = Counter()
    code: Counter[str] = Counter()
    emphasis: Counter[str] = Counter()
    footnotes: Counter[str] = Counter()
    html: Counter[str] = Counter()
    no_alt = 0
    for token in _walk(parser().parseInline(text)):
        if token.type == "image" and not token.content.strip():
            no_alt += 1
        if token.type in ("link_open", "image"):
            links[str(token.attrGet("href") or token.attrGet("src") or "")] += 1
        elif token.type == "code_inline":
            code[token.content] += 1
        elif token.type in ("strong_open", "em_open"):
            emphasis[token.type[:-5]] += 1
        elif token.type == "footnote_ref":
            footnotes[str(token.meta.get("label", ""))] += 1
        elif token.type == "html_inline":
            html[token.content] += 1
    stripped = re.sub(r"`[^`]*`|\]\([^)]*\)", " ", text)
    attributes = Counter(re.findall(r"\{[^{}]*\}", stripped))
    numbers = Counter(_digits(m.group(0)) for m in _NUMBER.finditer(_ascii_digits(stripped)))
    placeholders = Counter(re.findall(r"%\(\w+\)[sd]|%[sd]", text))
    return Markup(links, code, emphasis, footnotes, html, attributes, numbers, placeholders, no_alt)


_DIGIT = re.compile(r"\d")  # any Unicode decimal digit (category Nd)


def _ascii_digits(text: str) -> str:
    """*text* with every decimal digit in ASCII.

    >>> _ascii_digits("عام ٢٠٢٢")
    'عام 2022'
    """
    if text.isascii():
        return text
    return _DIGIT.sub(lambda m: str(unicodedata.digit(m[0])), text)


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _diff(what: str, source: Counter[str], target: Counter[str], fmt: str = "({})") -> str:
    missing = ", ".join(fmt.format(k) for k in (source - target).elements()) or "nothing"
    extra = ", ".join(fmt.format(k) for k in (target - source).elements()) or "nothing"
    return f"{what} changed: msgid has {missing}, msgstr has {extra}"


@register("links")
def check_links(source: Markup, target: Markup) -> Iterator[Problem]:
    if source.links != target.links:
        yield (
            "links",
            "error",
            _diff("link target", source.links, target.links) + "; keep the URLs as they are",
        )


@register("code-spans")
def check_code(source: Markup, target: Markup) -> Iterator[Problem]:
    if source.code != target.code:
        yield (
            "code-spans",
            "error",
            _diff("inline code", source.code, target.code, "`{}`") + "; code is not translated",
        )


@register("emphasis")
def check_emphasis(source: Markup, target: Markup) -> Iterator[Problem]:
    if source.emphasis != target.emphasis:
        counts = ", ".join(
            f"{target.emphasis[k]} {k} (msgid {source.emphasis[k]})"
            for k in sorted(source.emphasis | target.emphasis)
        )
        yield "emphasis", "error", f"emphasis differs: msgstr has {counts}; check * and _ pairs"


@register("footnotes")
def check_footnotes(source: Markup, target: Markup) -> Iterator[Problem]:
    if source.footnotes != target.footnotes:
        yield (
            "footnotes",
            "error",
            _diff("footnote reference", source.footnotes, target.footnotes, "[^{}]"),
        )


@register("raw-html")
def check_html(source: Markup, target: Markup) -> Iterator[Problem]:
    extra = target.html - source.html
    if extra:
        tags = ", ".join(sorted(extra))
        yield (
            "raw-html",
            "error",
            f"msgstr adds raw HTML the msgid lacks: {tags}; it is removed from the output",
        )
    extra_attrs = target.attributes - source.attributes
    if extra_attrs:
        attrs = ", ".join(sorted(extra_attrs))
        yield (
            "raw-html",
            "error",
            f"msgstr adds attribute markup the msgid lacks: {attrs}; it is escaped in the output",
        )


@register("placeholders")
def check_placeholders(source: Markup, target: Markup) -> Iterator[Problem]:
    if source.placeholders != target.placeholders:
        yield (
            "placeholders",
            "error",
            _diff("placeholder", source.placeholders, target.placeholders, "{}"),
        )


@register("numbers")
def check_numbers(source: Markup, target: Markup) -> Iterator[Problem]:
    if source.numbers != target.numbers:
        yield "numbers", "warning", _diff("number", source.numbers, target.numbers, "{}")


@register("alt-text")
def check_alt_text(source: Markup, target: Markup) -> Iterator[Problem]:
    if target.images_without_alt:
        yield (
            "alt-text",
            "warning",
            "an image has no alternative text: the PDF (PDF/UA) and the EPUB show it as"
            " decorative; write what it shows between the brackets: ![A map of ...](...)",
        )


def check_pair(msgid: str, msgstr: str, *, ignore: frozenset[str] = frozenset()) -> list[Problem]:
    """All problems of translating *msgid* as *msgstr*, minus the *ignore*d codes."""
    source, target = markup(msgid), markup(msgstr)
    return [
        p for code, check in CHECKS.items() if code not in ignore for p in check(source, target)
    ]


def ignored(tcomment: str) -> frozenset[str]:
    """Check codes silenced by ``tarjama-ignore:`` in a translator comment.

    >>> sorted(ignored("tarjama-ignore: numbers, links"))
    ['links', 'numbers']
    """
    codes: set[str] = set()
    for match in _IGNORE.finditer(tcomment or ""):
        codes.update(c.strip() for c in match.group(1).split(",") if c.strip())
    return frozenset(codes)
