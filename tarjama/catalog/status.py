"""What state a catalog entry's translation is in: one decision for the merge (what a
page shows) and for ``stats`` (what is counted)."""

from __future__ import annotations

from enum import StrEnum

import polib


class Status(StrEnum):
    """A segment's translation: in use, fuzzy (a suggestion to review), none yet, or the
    segment is shown in the source locale itself."""

    TRANSLATED = "translated"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"
    SOURCE = "source"


def status_of(entry: polib.POEntry | None) -> Status:
    """The state of *entry* (None: no entry). A plural entry is translated when every
    form is; fuzzy when it is flagged and has any text.

    >>> status_of(polib.POEntry(msgid="a", msgstr="b", flags=["fuzzy"])).value
    'fuzzy'
    >>> status_of(polib.POEntry(msgid="a", msgid_plural="as", msgstr_plural={0: "", 1: "x"},
    ...                         flags=["fuzzy"])).value
    'fuzzy'
    >>> status_of(None).value, status_of(polib.POEntry(msgid="a")).value
    ('untranslated', 'untranslated')
    """
    if entry is None:
        return Status.UNTRANSLATED
    if entry.translated():
        return Status.TRANSLATED
    has_text = bool(entry.msgstr) or any(entry.msgstr_plural.values())
    return Status.FUZZY if entry.fuzzy and has_text else Status.UNTRANSLATED
