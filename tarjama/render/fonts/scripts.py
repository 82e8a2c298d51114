"""Which fonts set which text: by script, never by direction.

A locale's script comes from CLDR's likely subtags (through Babel): ``zh`` is
written in Hans, ``zh_TW`` in Hant, ``ur`` in Arab, ``sr`` in Cyrl. Each script
has a stack of families (:data:`SCRIPT_FONTS`); a book's stack is its own
script's, then those of the other scripts its text uses (a Latin word in a
Chinese book, an English passage in an Urdu one), then the Latin family. A
``[fonts]`` table in the config replaces the stack of a locale or of a script.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from fontTools import unicodedata

from tarjama.render.fonts.files import LATIN_FAMILY, MONO_FAMILY, family_name

# ISO 15924 script -> families, best first. Han, kana and hangul in a text are set in
# the CJK font of the book's own locale (see _TEXT_SCRIPTS), or the Simplified one.
SCRIPT_FONTS: dict[str, tuple[str, ...]] = {
    "Latn": (LATIN_FAMILY,),
    "Cyrl": (LATIN_FAMILY,),
    "Grek": (LATIN_FAMILY,),
    "Arab": ("Amiri",),
    "Hebr": ("Frank Ruhl Libre",),
    "Deva": ("Noto Sans Devanagari",),
    "Beng": ("Hind Siliguri",),
    "Taml": ("Noto Sans Tamil",),
    "Telu": ("Noto Sans Telugu",),
    "Gujr": ("Noto Serif Gujarati",),
    "Guru": ("Noto Serif Gurmukhi",),
    "Knda": ("Noto Serif Kannada",),
    "Mlym": ("Noto Serif Malayalam",),
    "Sinh": ("Noto Serif Sinhala",),
    "Thai": ("Noto Sans Thai",),
    "Hans": ("Noto Sans CJK SC",),
    "Hant": ("Noto Sans CJK TC",),
    "Jpan": ("Noto Sans CJK JP",),
    "Kore": ("Noto Sans CJK KR",),
}
# Locales whose default differs from their script's: Urdu is set in Nastaliq
# (``[fonts] ur = ["Amiri"]`` gives Naskh).
LOCALE_FONTS: dict[str, tuple[str, ...]] = {"ur": ("Noto Nastaliq Urdu", "Amiri")}
_CJK = ("Hans", "Hant", "Jpan", "Kore")
# Scripts of characters (Unicode's Script property) -> the script of a locale.
_TEXT_SCRIPTS = {"Hani": "Hans", "Hira": "Jpan", "Kana": "Jpan", "Hang": "Kore"}
Overrides = Mapping[str, tuple[str, ...]]


@functools.cache
def locale_script(lang: str) -> str:
    """The ISO 15924 script *lang* is written in, from CLDR's likely subtags.

    >>> locale_script("zh"), locale_script("zh-TW"), locale_script("ur"), locale_script("fr")
    ('Hans', 'Hant', 'Arab', 'Latn')
    """
    from babel.core import get_global

    likely = get_global("likely_subtags")
    parts = lang.replace("-", "_").split("_")
    if len(parts) > 1 and len(parts[1]) == 4:
        return parts[1].title()
    for key in ("_".join(parts[:2]), parts[0]):
        found = likely.get(key)
        if found:
            fields = found.split("_")
            if len(fields) > 1 and len(fields[1]) == 4:
                return str(fields[1])
    return "Latn"


def text_script(char: str) -> str:
    """The script of *char* as a locale script (``Zyyy`` for digits and punctuation).

    >>> text_script("中"), text_script("ا"), text_script("1")
    ('Hans', 'Arab', 'Zyyy')
    """
    script = str(unicodedata.script(char))
    return _TEXT_SCRIPTS.get(script, script)


def script_stack(script: str, overrides: Overrides, *, home: str = "") -> tuple[str, ...]:
    """The families of *script*; Han and kana follow the book's own CJK script *home*."""
    if script in ("Hans", "Jpan", "Kore") and home in _CJK:
        script = home
    if script in overrides:
        return overrides[script]
    return SCRIPT_FONTS.get(script, ())


def locale_stack(lang: str, overrides: Overrides) -> tuple[str, ...]:
    """The families of text in *lang*, best first, before any fallback."""
    code = lang.replace("-", "_")
    for key in (code, code.split("_")[0]):
        if key in overrides:
            return overrides[key]
    if code.split("_")[0] in LOCALE_FONTS:
        return LOCALE_FONTS[code.split("_")[0]]
    return script_stack(locale_script(lang), overrides)


def book_stack(lang: str, chars: Iterable[str], overrides: Overrides) -> tuple[str, ...]:
    """Families for a book in *lang* whose text has *chars*: its own, the other scripts'
    it uses (in the order of Unicode's script codes, so the order is stable), Latin, and
    the fonts the project names for symbols and emoji (``[fonts] Zyyy``) last.

    >>> book_stack("fr", "a😎", {"Zyyy": ("fonts/Symbola.ttf",)})
    ('Noto Serif', 'fonts/Symbola.ttf')
    """
    home = locale_script(lang)
    scripts = sorted({text_script(c) for c in chars} - {"Zyyy", "Zinh", "Zzzz"})
    stack = list(locale_stack(lang, overrides))
    for script in scripts:
        stack.extend(script_stack(script, overrides, home=home))
    stack.append(LATIN_FAMILY)
    # symbols and emoji (script Common): fonts the project names for them, last of all
    if any(text_script(c) == "Zyyy" for c in chars):
        stack.extend(overrides.get("Zyyy", ()))
    return tuple(dict.fromkeys(stack))


def mono_stack(stack: tuple[str, ...]) -> tuple[str, ...]:
    """Code: the monospace family first, the book's families for what it lacks."""
    return (MONO_FAMILY, *(f for f in stack if f != MONO_FAMILY))


def css_names(stack: Iterable[str]) -> str:
    """A CSS ``font-family`` value (a generic family last)."""
    return ", ".join(f'"{family_name(f)}"' for f in stack) + ", serif"
