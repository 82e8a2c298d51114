"""Locale data from Babel's CLDR tables (validation, direction, names) and plural forms."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from babel import Locale, UnknownLocaleError

from tarjama.core import plurals

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
# Pseudo-locales used for layout testing; they have no CLDR data of their own.
PSEUDO = {"en-XA": "en", "ar-XB": "ar"}


def is_valid_tag(tag: str) -> bool:
    """Return whether *tag* looks like a locale code (and cannot be a path).

    >>> is_valid_tag("pt_BR"), is_valid_tag("../x"), is_valid_tag("ar")
    (True, False, True)
    """
    return bool(_TAG.match(tag))


@cache
def babel_locale(tag: str) -> Locale:
    """Parse *tag* (``ar``, ``pt_BR``, ``pt-BR``) with Babel; raise ValueError if unknown."""
    base = PSEUDO.get(tag, tag)
    if not is_valid_tag(base):
        raise ValueError(f"{tag!r} is not a locale code")
    try:
        return Locale.parse(base.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown locale {tag!r}") from exc


def direction(tag: str) -> str:
    """``"rtl"`` or ``"ltr"`` for *tag*.

    >>> direction("ur"), direction("fr"), direction("ar-XB")
    ('rtl', 'ltr', 'rtl')
    """
    return "rtl" if babel_locale(tag).character_order == "right-to-left" else "ltr"


def primary_subtag(lang: str) -> str:
    """The lowercase primary subtag of a BCP 47 tag or locale.

    >>> primary_subtag("ar_EG"), primary_subtag("pt-BR")
    ('ar', 'pt')
    """
    return lang.replace("_", "-").split("-", 1)[0].lower()


def direction_of(lang: str) -> Literal["ltr", "rtl"]:
    """The writing direction of *lang* (a BCP 47 tag or a locale; CLDR's character order),
    ``"ltr"`` for a tag CLDR does not know.

    >>> direction_of("ar-EG"), direction_of("fr"), direction_of("zz-Unknown")
    ('rtl', 'ltr', 'ltr')
    """
    try:
        return "rtl" if direction(lang.replace("-", "_")) == "rtl" else "ltr"
    except ValueError:
        return "ltr"


def display_name(tag: str) -> str:
    """The language's name in its own script (``العربية``, ``Français``).

    >>> display_name("fr")
    'Français'
    """
    name = babel_locale(tag).get_display_name(babel_locale(tag)) or tag
    if tag in PSEUDO:
        name = f"{name} (pseudo {tag})"
    return name[:1].upper() + name[1:]


def english_name(tag: str) -> str:
    """The language's English name, used in PO headers."""
    return babel_locale(tag).get_display_name("en") or tag


def plural_forms(tag: str) -> str:
    """The gettext ``Plural-Forms`` header value for *tag*: the gettext manual's (what
    ``msginit`` writes), else the one Weblate and translate-toolkit use, else CLDR's.

    >>> plural_forms("fr"), plural_forms("ms")
    ('nplurals=2; plural=(n > 1);', 'nplurals=1; plural=0;')
    """
    known = plurals.plural_forms(PSEUDO.get(tag, tag))
    if known is not None:
        return known
    from babel.messages.plurals import get_plural  # imports babel's catalog: only when needed

    plural = get_plural(babel_locale(tag))
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


# Decimal numbering systems of CLDR: name -> its digits 0 to 9.
DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "deva": "०१२३४५६७८९",
    "beng": "০১২৩৪৫৬৭৮৯",
    "tamldec": "௦௧௨௩௪௫௬௭௮௯",
    "telu": "౦౧౨౩౪౫౬౭౮౯",
    "gujr": "૦૧૨૩૪૫૬૭૮૯",
    "guru": "੦੧੨੩੪੫੬੭੮੯",
    "knda": "೦೧೨೩೪೫೬೭೮೯",
    "mlym": "൦൧൨൩൪൫൬൭൮൯",
    "thai": "๐๑๒๓๔๕๖๗๘๙",
    "hanidec": "〇一二三四五六七八九",
}


def numbering_system(tag: str, overrides: dict[str, str] | None = None) -> str:
    """The numbering system of generated numbers in *tag*: the config's, else CLDR's default.

    >>> numbering_system("fa"), numbering_system("ar"), numbering_system("ar", {"ar": "arab"})
    ('arabext', 'latn', 'arab')
    """
    if overrides and tag in overrides:
        return overrides[tag]
    system = str(babel_locale(tag).default_numbering_system or "latn")
    return system if system in DIGITS else "latn"


def localize_digits(text: str, system: str) -> str:
    """*text* with its ASCII digits written in *system*.

    >>> localize_digits("p. 12", "arabext")
    'p. ۱۲'
    """
    digits = DIGITS.get(system, DIGITS["latn"])
    return text.translate(str.maketrans("0123456789", digits))


def bcp47(tag: str) -> str:
    """The BCP 47 form of *tag* for ``lang`` attributes (``pt_BR`` -> ``pt-BR``)."""
    return tag.replace("_", "-")


def file_size(size: int, locale: str) -> str:
    """*size* bytes as the locale writes it (``1,4 Mo`` in French).

    >>> file_size(1_450_000, "fr"), file_size(310_000, "en")
    ('1,4 Mo', '310 kB')
    """
    from babel.units import format_unit

    where = babel_locale(locale)
    if size >= 1_000_000:
        megabytes = round(size / 1_000_000, 1)
        return str(format_unit(megabytes, "digital-megabyte", "short", locale=where))
    return str(format_unit(max(1, round(size / 1000)), "digital-kilobyte", "short", locale=where))
