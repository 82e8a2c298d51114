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

from tarjama.catalog.allowlist import NO_ARTICLE, Context, clean, clean_plain, inventory
from tarjama.catalog.literal import Problem
from tarjama.segment.inlines import parse_inline
from tarjama.segment.nodes import TooDeep, plain, walk

Check = Callable[["Markup", "Markup"], Iterator[Problem]]
CHECKS: dict[str, Check] = {}
TextCheck = Callable[[str, str, Context], Iterator[Problem]]  # on (msgid, msgstr) themselves
TEXT_CHECKS: dict[str, TextCheck] = {}
_IGNORE = re.compile(r"tarjama-ignore:\s*([\w, -]+)")
# a number: digit groups joined by one separator (never ", "; a space only before three digits)
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f\u066b\u066c']\d+| \d{3}(?!\d))*")
_FOOTNOTE = re.compile(r"\[\^([^\]\s\[]+)\](?!:)")


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
    deep: bool = False  # nested past the reader's limit: nothing else is compared


def register(code: str) -> Callable[[Check], Check]:
    def decorate(check: Check) -> Check:
        CHECKS[code] = check
        return check

    return decorate


@lru_cache(maxsize=4096)
def markup(text: str, context: Context = NO_ARTICLE) -> Markup:
    """Read *text* as inline Markdown (the linear reader: a msgstr may be anything) and
    collect its markup; ``deep`` when it nests past the reader's limit."""
    links: Counter[str] = Counter()
    code: Counter[str] = Counter()
    emphasis: Counter[str] = Counter()
    html: Counter[str] = Counter()
    no_alt = 0
    references = (
        inventory(text, context).references
        if context.references is None
        else dict(context.references)
    )
    try:
        nodes = parse_inline(text, references=references, footnotes=context.footnotes)
    except TooDeep:
        empty: Counter[str] = Counter()
        return Markup(empty, empty, empty, empty, empty, empty, empty, empty, deep=True)
    for node in walk(nodes):
        if node.kind == "image" and not plain(node.children).strip():
            no_alt += 1
        if node.kind in ("link", "image"):
            links[node.dest] += 1
        elif node.kind == "code":
            code[node.text] += 1
        elif node.kind in ("strong", "emph"):
            emphasis[node.kind] += 1
        elif node.kind == "html":
            html[node.text] += 1
    stripped = _CODE_OR_TARGET.sub(" ", text)
    # footnote references are found in the text, outside code: a msgid checked without
    # its article has no definitions to tell a reference from text
    footnotes = Counter(_FOOTNOTE.findall(stripped))
    attributes = Counter(_BRACES.findall(stripped))
    prose = _ascii_digits(_FOOTNOTE.sub(" ", stripped))
    numbers = Counter(_number(m.group(0)) for m in _NUMBER.finditer(prose))
    placeholders = Counter(_PLACEHOLDER.findall(text))
    return Markup(links, code, emphasis, footnotes, html, attributes, numbers, placeholders, no_alt)


_CODE_OR_TARGET = re.compile(r"`[^`]*`|\]\([^()\n]*\)")
_BRACES = re.compile(r"\{[^{}]*\}")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
_DIGIT = re.compile(r"\d")  # any Unicode decimal digit (category Nd)


def _ascii_digits(text: str) -> str:
    """*text* with every decimal digit in ASCII.

    >>> _ascii_digits("عام ٢٠٢٢")
    'عام 2022'
    """
    if text.isascii():
        return text
    return _DIGIT.sub(lambda m: str(unicodedata.digit(m[0])), text)


def _number(token: str) -> str:
    """A number's value, written the same way whatever the locale's separators: a last
    separator followed by other than three digits is a decimal point, the others group.

    >>> _number("1,000"), _number("1.5"), _number("3,5"), _number("1\u00a0234,56"), _number("3٫5")
    ('1000', '1.5', '3.5', '1234.56', '3.5')
    """
    groups = re.split(r"\D", token)
    separators = re.findall(r"\D", token)
    decimal = bool(separators) and (
        len(groups[-1]) != 3 or separators[-1] == "\u066b" or len(set(separators)) > 1
    )
    if decimal:
        return "".join(groups[:-1]) + "." + groups[-1]
    return "".join(groups)


def _diff(what: str, source: Counter[str], target: Counter[str], fmt: str = "({})") -> str:
    missing = ", ".join(fmt.format(k) for k in (source - target).elements()) or "nothing"
    extra = ", ".join(fmt.format(k) for k in (target - source).elements()) or "nothing"
    return f"{what} changed: msgid has {missing}, msgstr has {extra}"


@register("links")
def check_links(source: Markup, target: Markup) -> Iterator[Problem]:
    if source.links != target.links:
        fate = (
            "the build puts the msgid's targets back"
            if source.links.total() == target.links.total()
            else "the source text is shown until the links match"
        )
        yield (
            "links",
            "error",
            _diff("link target", source.links, target.links)
            + f"; {fate}; keep the URLs as they are",
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


def register_text(name: str) -> Callable[[TextCheck], TextCheck]:
    """Register a check on the strings themselves; it may yield several codes."""

    def decorate(check: TextCheck) -> TextCheck:
        TEXT_CHECKS[name] = check
        return check

    return decorate


@register_text("allowlist")
def check_allowlist(msgid: str, msgstr: str, context: Context) -> Iterator[Problem]:
    """What the build neutralises in *msgstr* (raw HTML, raw attributes, attributes,
    reference definitions, autolinks, unsafe URLs, block structure, bidi controls...)."""
    yield from clean(msgid, msgstr, context).problems


@register("alt-text")
def check_alt_text(source: Markup, target: Markup) -> Iterator[Problem]:
    if target.images_without_alt:
        yield (
            "alt-text",
            "warning",
            "an image has no alternative text: the PDF (PDF/UA) and the EPUB show it as"
            " decorative; write what it shows between the brackets: ![A map of ...](...)",
        )


def check_pair(
    msgid: str,
    msgstr: str,
    *,
    ignore: frozenset[str] = frozenset(),
    context: Context = NO_ARTICLE,
    field: bool = False,
) -> list[Problem]:
    """All problems of translating *msgid* as *msgstr*, minus the *ignore*d codes; the
    msgid's *context* is its article's; a front matter *field* is plain text."""
    if field:
        return [p for p in clean_plain(msgid, msgstr).problems if p[0] not in ignore]
    # the msgstr may use the reference labels its msgid uses, no others (as in the build)
    used = tuple(sorted(inventory(msgid, context).references.items()))
    source, target = markup(msgid, context), markup(msgstr, Context(used, context.footnotes))
    problems = (
        []
        if source.deep or target.deep
        else [
            p for code, check in CHECKS.items() if code not in ignore for p in check(source, target)
        ]
    )
    seen = {p[0] for p in problems}
    for text_check in TEXT_CHECKS.values():
        problems.extend(
            p for p in text_check(msgid, msgstr, context) if p[0] not in ignore and p[0] not in seen
        )
    return problems


def ignored(tcomment: str) -> frozenset[str]:
    """Check codes silenced by ``tarjama-ignore:`` in a translator comment.

    >>> sorted(ignored("tarjama-ignore: numbers, links"))
    ['links', 'numbers']
    """
    codes: set[str] = set()
    for match in _IGNORE.finditer(tcomment or ""):
        codes.update(c.strip() for c in match.group(1).split(",") if c.strip())
    return frozenset(codes)
