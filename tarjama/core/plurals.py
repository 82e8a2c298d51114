"""Plural forms as gettext writes them: the gettext manual's table, not CLDR's categories.

``GETTEXT`` is the table that ``msginit`` fills ``Plural-Forms`` from (the gettext
manual's "Plural forms" section; a test compares every entry with ``msginit
--no-translator -l L``). ``CONVENTIONAL`` adds languages that table lacks, with the
expressions Weblate and translate-toolkit use. CLDR (Babel's ``get_plural``) is only
the last resort: it has newer categories (French with 3 forms) that no gettext tool
expects.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

_ONE = "nplurals=1; plural=0;"
_NOT_ONE = "nplurals=2; plural=(n != 1);"
_ABOVE_ONE = "nplurals=2; plural=(n > 1);"
_EAST_SLAVIC = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
_CZECH = "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"

GETTEXT: dict[str, str] = {
    "be": _EAST_SLAVIC,
    "bg": _NOT_ONE,
    "cs": _CZECH,
    "da": _NOT_ONE,
    "de": _NOT_ONE,
    "el": _NOT_ONE,
    "en": _NOT_ONE,
    "eo": _NOT_ONE,
    "es": _NOT_ONE,
    "et": _NOT_ONE,
    "fi": _NOT_ONE,
    "fo": _NOT_ONE,
    "fr": _ABOVE_ONE,
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    "he": _NOT_ONE,
    "hr": _EAST_SLAVIC,
    "hu": _NOT_ONE,
    "it": _NOT_ONE,
    "ja": _ONE,
    "ko": _ONE,
    "lt": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "nb": _NOT_ONE,
    "nl": _NOT_ONE,
    "nn": _NOT_ONE,
    "no": _NOT_ONE,
    "pl": (
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "pt": _NOT_ONE,
    "pt_BR": _ABOVE_ONE,
    "ro": "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;",
    "ru": _EAST_SLAVIC,
    "sk": _CZECH,
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "sr": _EAST_SLAVIC,
    "sv": _NOT_ONE,
    "tr": _NOT_ONE,
    "uk": _EAST_SLAVIC,
    "vi": _ONE,
}

CONVENTIONAL: dict[str, str] = {
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    ),
    "az": _NOT_ONE,
    "bn": _NOT_ONE,
    "ca": _NOT_ONE,
    "eu": _NOT_ONE,
    "fa": _ABOVE_ONE,
    "gl": _NOT_ONE,
    "hi": _NOT_ONE,
    "id": _ONE,
    "ka": _ONE,
    "km": _ONE,
    "lo": _ONE,
    "ms": _ONE,
    "my": _ONE,
    "ps": _NOT_ONE,
    "sw": _NOT_ONE,
    "th": _ONE,
    "ur": _NOT_ONE,
    "zh": _ONE,
}

_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


@dataclass(frozen=True)
class PluralForms:
    """A parsed ``Plural-Forms`` value: how many forms, and which one a count takes."""

    count: int
    expression: str

    @property
    def header(self) -> str:
        return f"nplurals={self.count}; plural={self.expression};"

    def form(self, n: int) -> int:
        """The index of the msgstr form for *n*, clamped to the forms there are.

        >>> parse("nplurals=2; plural=(n > 1);").form(0)
        0
        """
        return min(max(_compiled(self.expression)(n), 0), self.count - 1)

    def computes_as(self, other: PluralForms) -> bool:
        """Whether *other* has as many forms and picks the same one for every count
        (tried on 0-1,199 and around each power of ten up to 10⁹: gettext's formulas look
        at ``n % 10``, ``n % 100`` and small counts), however it is spelled: Weblate
        writes ``plural=n > 1;`` where gettext writes ``plural=(n > 1);``.

        >>> parse("nplurals=2; plural=n > 1;").computes_as(parse("nplurals=2; plural=(n > 1);"))
        True
        >>> parse("nplurals=2; plural=n != 1;").computes_as(parse("nplurals=2; plural=(n > 1);"))
        False
        """
        if self.count != other.count:
            return False
        counts = [*range(1200), *(10**k + d for k in range(3, 10) for d in range(-2, 112))]
        return all(self.form(n) == other.form(n) for n in counts)


def parse(value: str) -> PluralForms:
    """Parse a ``Plural-Forms`` header value; ValueError when it is not one gettext reads.

    >>> parse("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : 2);").count
    6
    """
    match = _HEADER.match(value or "")
    if match is None or int(match[1]) < 1:
        raise ValueError(f"not a Plural-Forms value: {value!r}")
    try:
        _compiled(match[2])
    except (ValueError, SyntaxError) as exc:
        raise ValueError(f"bad plural expression {match[2]!r}: {exc}") from exc
    return PluralForms(int(match[1]), match[2])


@cache
def _compiled(expression: str) -> Callable[[int], int]:
    return gettext.c2py(expression)


MAX_FORMS = 100  # no language has more than six; more only makes every entry huge


@cache
def problems(value: str) -> tuple[str, ...]:
    """What ``msgfmt --check`` (and tarjama) rejects in a ``Plural-Forms`` value: a
    grammar it does not read, no forms or more than any language needs, and, for a count
    *n* from 0 to 1000, a division by zero, a negative form or one past ``nplurals``.

    >>> problems("nplurals=2; plural=(n > 1);")
    ()
    >>> problems("nplurals=2; plural=n%0;")
    ('plural expression can produce division by zero',)
    >>> problems("nplurals=2; plural=n>1 ? 5 : 0;")
    ('nplurals = 2 but plural expression can produce values as large as 5',)
    """
    try:
        forms = parse(value)
    except ValueError as exc:
        return (str(exc),)
    if forms.count > MAX_FORMS:
        return (f"nplurals = {forms.count} is more than any language needs (at most {MAX_FORMS})",)
    function, largest = _compiled(forms.expression), 0
    found: list[str] = []
    for n in range(1001):
        try:
            value_n = int(function(n))
        except ZeroDivisionError:
            return ("plural expression can produce division by zero",)
        except (ArithmeticError, ValueError, TypeError, RecursionError, MemoryError):
            return ("plural expression can produce arithmetic exceptions",)
        if value_n < 0 and not found:
            found.append("plural expression can produce negative values")
        largest = max(largest, value_n)
    if largest >= forms.count:
        found.append(
            f"nplurals = {forms.count} but plural expression can produce values as large as "
            f"{largest}"
        )
    return tuple(found)


def usable(value: str, language: str) -> tuple[PluralForms, str]:
    """The ``Plural-Forms`` to count with: *value* when it is valid, else the
    conventional one of *language* (English's if it has none), and a notice saying so."""
    found = problems(value or "")
    if not found:
        return parse(value), ""
    fallback = plural_forms(language) or _NOT_ONE
    notice = (
        f"Plural-Forms {value!r}: {found[0]}; plurals are counted with the language's "
        f"conventional {fallback!r} until it is fixed (tarjama update repairs it)"
    )
    return parse(fallback), notice


def plural_forms(language: str) -> str | None:
    """gettext's conventional ``Plural-Forms`` for *language* (``pt_BR``, ``fr``), or None.

    >>> plural_forms("fr"), plural_forms("tr")
    ('nplurals=2; plural=(n > 1);', 'nplurals=2; plural=(n != 1);')
    """
    tag = language.replace("-", "_")
    for table in (GETTEXT, CONVENTIONAL):
        for candidate in (tag, tag.split("_", 1)[0]):
            if candidate in table:
                return table[candidate]
    return None
