"""Checks on interface translations (``ui.po``): plain text with Python-format placeholders.

An interface string is never Markdown and never HTML: the templates escape it like any
other text. What can break a page is a placeholder (``%(date)s``) lost, renamed or
mangled; such a translation is not used (the page shows the msgid) and ``check`` says so.
A ``%`` that is not a placeholder is just a percent sign ("100 % gratuits").
"""

from __future__ import annotations

import re
from collections import Counter

from tarjama.catalog.allowlist import clean_plain
from tarjama.catalog.literal import Problem

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")
_BROKEN = re.compile(r"%\((?!\w+\)[sd])[^)\s]*\)?\S?")  # "%(date)", "%(date", "%(date)x"
_HANDLER = re.compile(r"(?i)\bon[a-z]+\s*=")


def placeholders(text: str) -> Counter[str]:
    """The named placeholders of *text*.

    >>> sorted(placeholders("%(date)s, %(n)d and 100 %% or 5 %").elements())
    ['date', 'n']
    """
    return Counter(m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1))


def ui_problems(msgid: str, msgstr: str) -> list[Problem]:
    """What is wrong with translating interface string *msgid* as *msgstr*."""
    problems: list[Problem] = []
    source, target = placeholders(msgid), placeholders(msgstr)
    broken = [m.group(0) for m in _BROKEN.finditer(msgstr)]
    if source != target or (broken and source):
        lost = ", ".join(f"%({k})s" for k in (source - target).elements()) or "nothing"
        extra = ", ".join(f"%({k})s" for k in (target - source).elements()) or "nothing"
        mangled = f"; malformed: {', '.join(broken)}" if broken and source else ""
        problems.append(
            (
                "placeholders",
                "error",
                f"placeholders differ: msgid has {lost}, msgstr has {extra}{mangled}; "
                "the interface shows the msgid until it is fixed",
            )
        )
    problems.extend(clean_plain(msgid, msgstr).problems)
    handlers = [m.group(0) for m in _HANDLER.finditer(msgstr) if m.group(0) not in msgid]
    if handlers:
        problems.append(
            (
                "raw-html",
                "error",
                f"msgstr spells event-handler attributes {', '.join(handlers)}; "
                "shown as literal text (interface strings are always escaped)",
            )
        )
    return problems


def usable(msgid: str, msgstr: str) -> bool:
    """Whether *msgstr* can replace *msgid* in a template (its placeholders are the same)."""
    return placeholders(msgid) == placeholders(msgstr) and not (
        placeholders(msgid) and _BROKEN.search(msgstr)
    )
