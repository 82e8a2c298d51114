"""A translation carried over a change of link targets or code only.

When an author changes only where a link leads (``[report](old.pdf)`` to ``(new.pdf)``)
or what an inline code span says (`` `--old` `` to `` `--new` ``), the words to translate
are the same: ``update`` puts the new targets and code into the reviewed translation and
keeps it translated, with a translator comment saying what changed, where msgmerge
makes it fuzzy (and a build with ``use_fuzzy = false`` would show the source).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polib

MARK = "tarjama-update: "  # the translator comment's prefix
# a link's target (with its title), or a code span's content
_ITEM = re.compile(
    r"\]\((?P<target>[^()\s]*(?:\s+\"[^\"]*\")?)\)|(?P<ticks>`+)(?P<code>.+?)(?P=ticks)"
)


def skeleton(msgid: str) -> tuple[str, tuple[str, ...]]:
    """*msgid* with each link target and code span made a slot, and what was in them.

    >>> skeleton("See [the report](a.pdf) and `--x`.")
    ('See [the report](\\x00) and `\\x00`.', ('](a.pdf)', '`--x`'))
    """
    items: list[str] = []

    def slot(match: re.Match[str]) -> str:
        items.append(match[0])
        if match["target"] is not None:
            return "](\x00)"
        return f"{match['ticks']}\x00{match['ticks']}"

    return _ITEM.sub(slot, msgid), tuple(items)


def carried(old_msgid: str, new_msgid: str, msgstr: str) -> tuple[str, str] | None:
    """*msgstr* with *new_msgid*'s targets and code put where *old_msgid*'s were, and a
    note of what changed; None when the msgids differ in more than that, or the
    translation does not hold each changed item as its msgid does.

    >>> carried("See [it](a.pdf).", "See [it](b.pdf).", "Voir [ceci](a.pdf).")
    ('Voir [ceci](b.pdf).', 'the link target changed: a.pdf → b.pdf')
    >>> carried("See [it](a.pdf).", "See [that](b.pdf).", "Voir [ceci](a.pdf).") is None
    True
    """
    old_form, old_items = skeleton(old_msgid)
    new_form, new_items = skeleton(new_msgid)
    if old_form != new_form or old_items == new_items:
        return None
    changes: dict[str, str] = {}
    for before, after in zip(old_items, new_items, strict=True):
        if before != after:
            if changes.get(before, after) != after:
                return None  # one old item became two different ones: no telling which
            changes[before] = after
    text = msgstr
    for before, after in changes.items():
        if msgstr.count(before) != old_msgid.count(before) or after in msgstr:
            return None
        text = text.replace(before, after)
    return text, "; ".join(_said(before, after) for before, after in changes.items())


def _said(before: str, after: str) -> str:
    if before.startswith("]("):
        return f"the link target changed: {before[2:-1]} → {after[2:-1]}"
    return f"the code changed: {before} → {after}"


class Carrier:
    """The reviewed entries of an old catalog by their skeleton, for templates whose
    msgid changed only in link targets or code."""

    def __init__(self, entries: Iterable[polib.POEntry]) -> None:
        self.by_form: dict[tuple[str | None, str], list[polib.POEntry]] = {}
        for entry in entries:
            if entry.obsolete or not entry.translated() or entry.msgid_plural:
                continue
            if "](" in entry.msgid or "`" in entry.msgid:
                form = (entry.msgctxt, skeleton(entry.msgid)[0])
                self.by_form.setdefault(form, []).append(entry)

    def carry(self, template: polib.POEntry) -> tuple[polib.POEntry, polib.POEntry] | None:
        """*template* translated from the one reviewed entry it differs from only in
        link targets or code, and that entry (None if there is none, or more than one)."""
        if template.msgid_plural or ("](" not in template.msgid and "`" not in template.msgid):
            return None
        found = self.by_form.get((template.msgctxt, skeleton(template.msgid)[0]), [])
        if len(found) != 1:
            return None
        old = found[0]
        result = carried(old.msgid, template.msgid, old.msgstr)
        if result is None:
            return None
        text, note = result
        comments = [c for c in old.tcomment.split("\n") if c and not c.startswith(MARK)]
        entry = polib.POEntry(
            msgid=template.msgid,
            msgctxt=template.msgctxt,
            msgstr=text,
            occurrences=template.occurrences,
            comment=template.comment,
            tcomment="\n".join([*comments, MARK + note]),
            flags=[f for f in old.flags if f != "fuzzy"],
        )
        return entry, old
