"""Catalog stage: build POT templates from segments and update PO files from them.

``update_catalog`` follows msgmerge's semantics, so translators' work is never
lost: an exact match keeps its translation wherever it moved; an edited segment
takes the most similar old translation as fuzzy with the old msgid as ``#|``; a
segment already translated elsewhere in the project is pre-filled as fuzzy; an old
entry that matches nothing becomes obsolete (``#~``), never deleted.
"""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polib

from tarjama.core import __version__, locales
from tarjama.segment import Article

FUZZY_THRESHOLD = 0.6  # msgmerge's FUZZY_THRESHOLD
HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Generator",
)
Key = tuple[str | None, str]


@dataclass(frozen=True)
class UpdateResult:
    """What ``update_catalog`` did, for the command's report."""

    exact: int = 0
    fuzzy: int = 0
    memory: int = 0
    new: int = 0
    obsoleted: int = 0
    revived: int = 0


def key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def now_stamp() -> str:
    """A PO date stamp; ``SOURCE_DATE_EPOCH`` makes it reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = time.gmtime(int(epoch)) if epoch else time.gmtime()
    return time.strftime("%Y-%m-%d %H:%M+0000", moment)


def build_template(article: Article, *, reference: str, project: str) -> polib.POFile:
    """The POT catalog of one article; *reference* is its path as written in ``#:``."""
    pot = new_catalog(
        project=project, language=None, title=str(article.meta.get("title", article.slug))
    )
    entries: dict[str, polib.POEntry] = {}
    for segment in article.segments:
        entry = entries.get(segment.text)
        if entry is None:
            entry = polib.POEntry(msgid=segment.text, msgstr="", comment=f"type: {segment.kind}")
            entries[segment.text] = entry
            pot.append(entry)
        entry.occurrences.append((reference, str(segment.line)))
    return pot


def new_catalog(
    *, project: str, language: str | None, title: str, date: str | None = None
) -> polib.POFile:
    """An empty catalog with a gettext header (a template when *language* is None)."""
    po = polib.POFile(wrapwidth=79, check_for_duplicates=False)
    stamp = date or now_stamp()
    meta = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": stamp,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE" if language is None else stamp,
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>" if language is None else "",
        "Language-Team": "LANGUAGE <LL@li.org>"
        if language is None
        else locales.english_name(language),
        "Language": language or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if language is not None:
        meta["Plural-Forms"] = locales.plural_forms(language)
        po.header = f"{locales.english_name(language)} translation of {title}."
    else:
        po.header = f"Translation template for {title}."
        po.metadata_is_fuzzy = True
    meta["X-Generator"] = f"tarjama {__version__}"
    po.metadata = meta
    return po


def same_entries(a: polib.POFile, b: polib.POFile) -> bool:
    """Whether two catalogs differ at most in their header's dates."""

    def strip(po: polib.POFile) -> tuple[object, ...]:
        meta = {k: v for k, v in po.metadata.items() if not k.endswith("Date")}
        return (
            meta,
            [
                (
                    e.msgctxt,
                    e.msgid,
                    e.msgstr,
                    e.comment,
                    e.occurrences,
                    e.flags,
                    e.tcomment,
                    e.previous_msgid,
                    e.obsolete,
                )
                for e in po
            ],
        )

    return strip(a) == strip(b)


def translation_memory(catalogs: Iterable[polib.POFile]) -> dict[Key, polib.POEntry]:
    """Translated (not fuzzy) entries of a locale's catalogs, first one wins."""
    memory: dict[Key, polib.POEntry] = {}
    for po in catalogs:
        for entry in po:
            if not entry.obsolete and entry.translated() and key(entry) not in memory:
                memory[key(entry)] = entry
    return memory


def update_catalog(
    old: polib.POFile | None,
    pot: polib.POFile,
    *,
    language: str,
    title: str,
    memory: Mapping[Key, polib.POEntry] | None = None,
) -> tuple[polib.POFile, UpdateResult]:
    """Merge template *pot* into the old catalog *old* for *language* (msgmerge)."""
    creation = pot.metadata.get("POT-Creation-Date", now_stamp())
    if old is None:
        po = new_catalog(
            project=pot.metadata.get("Project-Id-Version", ""),
            language=language,
            title=title,
            date=creation,
        )
        old_entries: list[polib.POEntry] = []
    else:
        po = polib.POFile(wrapwidth=79, check_for_duplicates=False)
        po.header, po.metadata_is_fuzzy = old.header, old.metadata_is_fuzzy
        po.metadata = _merged_header(old.metadata, creation, language)
        old_entries = list(old)
    active = {key(e): e for e in old_entries if not e.obsolete}
    obsolete = {key(e): e for e in old_entries if e.obsolete}
    matcher = _Fuzzy([e for e in old_entries if e.msgstr or any(e.msgstr_plural.values())])
    used: set[Key] = set()
    counts = dict.fromkeys(("exact", "fuzzy", "memory", "new", "revived"), 0)
    for template in pot:
        entry, how = _match(template, active, obsolete, memory or {}, matcher)
        counts[how] += 1
        if entry is not None and how in ("exact", "revived", "fuzzy"):
            used.add(key(entry))
        po.append(_derive(template, entry, how))
    newly_obsolete = [
        e
        for e in old_entries
        if not e.obsolete and key(e) not in used and (e.msgstr or any(e.msgstr_plural.values()))
    ]
    for entry in [e for e in old_entries if e.obsolete and key(e) not in used] + newly_obsolete:
        po.append(_obsolete(entry))
    return po, UpdateResult(obsoleted=len(newly_obsolete), **counts)


def _merged_header(meta: Mapping[str, str], creation: str, language: str) -> dict[str, str]:
    """The old header with the template's date and the fields gettext needs filled in."""
    merged = dict(meta)
    merged["POT-Creation-Date"] = creation
    merged.setdefault("Language", language)
    merged["Language"] = merged["Language"] or language
    merged.setdefault("Content-Type", "text/plain; charset=UTF-8")
    if not merged.get("Plural-Forms"):
        merged["Plural-Forms"] = locales.plural_forms(language)
    order = {name: index for index, name in enumerate(HEADER_ORDER)}
    return dict(sorted(merged.items(), key=lambda kv: order.get(kv[0], len(order))))


def _match(
    template: polib.POEntry,
    active: Mapping[Key, polib.POEntry],
    obsolete: Mapping[Key, polib.POEntry],
    memory: Mapping[Key, polib.POEntry],
    matcher: _Fuzzy,
) -> tuple[polib.POEntry | None, str]:
    found = active.get(key(template))
    if found is not None:
        return found, "exact"
    found = obsolete.get(key(template))
    if found is not None:
        return found, "revived"
    found = memory.get(key(template))
    if found is not None:
        return found, "memory"
    found = matcher.best(template.msgid)
    if found is not None:
        return found, "fuzzy"
    return None, "new"


def _derive(template: polib.POEntry, old: polib.POEntry | None, how: str) -> polib.POEntry:
    """The new entry: the template's msgid and comments with *old*'s translation."""
    entry = polib.POEntry(
        msgctxt=template.msgctxt,
        msgid=template.msgid,
        msgid_plural=template.msgid_plural,
        comment=template.comment,
        occurrences=list(template.occurrences),
        flags=[f for f in template.flags if f != "fuzzy"],  # format flags come from the template
        msgstr="",
    )
    if template.msgid_plural:
        entry.msgstr_plural = {0: "", 1: ""}
    if old is None:
        return entry
    entry.tcomment = old.tcomment
    entry.msgstr = old.msgstr
    if template.msgid_plural and old.msgstr_plural:
        entry.msgstr_plural = dict(old.msgstr_plural)
    reshaped = _reshape(entry, old)
    fuzzy = how in ("fuzzy", "memory") or (how in ("exact", "revived") and old.fuzzy) or reshaped
    if fuzzy and (entry.msgstr or any(entry.msgstr_plural.values())):
        entry.flags.insert(0, "fuzzy")
        if how == "fuzzy":
            entry.previous_msgid = old.previous_msgid or old.msgid
            entry.previous_msgctxt = old.previous_msgctxt or old.msgctxt
        elif how in ("exact", "revived"):
            entry.previous_msgid = old.previous_msgid
            entry.previous_msgctxt = old.previous_msgctxt
    return entry


def _reshape(entry: polib.POEntry, old: polib.POEntry) -> bool:
    """Keep *old*'s translation when the entry became plural (or singular): the singular
    translation fills every plural form, or the first form becomes the msgstr. Returns
    whether it did (the entry is then fuzzy: a translator must review the forms)."""
    if entry.msgid_plural and not old.msgid_plural and old.msgstr:
        entry.msgstr, entry.msgstr_plural = "", dict.fromkeys(entry.msgstr_plural, old.msgstr)
        return True
    if not entry.msgid_plural and old.msgid_plural and not old.msgstr:
        entry.msgstr = next((old.msgstr_plural[k] for k in sorted(old.msgstr_plural)), "")
        return bool(entry.msgstr)
    return False


def _obsolete(entry: polib.POEntry) -> polib.POEntry:
    """*entry* as an obsolete (``#~``) entry: translation and translator comments kept."""
    copy = polib.POEntry(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgid_plural=entry.msgid_plural,
        msgstr=entry.msgstr,
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        previous_msgid=entry.previous_msgid,
        previous_msgctxt=entry.previous_msgctxt,
    )
    copy.msgstr_plural = dict(entry.msgstr_plural)
    copy.obsolete = True
    return copy


class _Fuzzy:
    """Finds the most similar old msgid: difflib's ratio over words, at least 0.6 (msgmerge's
    threshold). Words, not characters: as telling for prose, and linear instead of quadratic
    on long paragraphs. Single-word strings compare by characters."""

    def __init__(self, candidates: list[polib.POEntry]) -> None:
        self.candidates = [(entry, _units(entry.msgid)) for entry in candidates]

    def best(self, msgid: str) -> polib.POEntry | None:
        best, best_ratio = None, FUZZY_THRESHOLD
        matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(_units(msgid))
        for entry, units in self.candidates:
            matcher.set_seq1(units)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio and (best is None or ratio > best_ratio):
                best, best_ratio = entry, ratio
        return best


def _units(text: str) -> list[str] | str:
    """What fuzzy matching compares: the words of *text*, or its characters if it has one word.

    >>> _units("Defense aid programs"), _units("Contents")
    (['Defense', 'aid', 'programs'], 'Contents')
    """
    words = text.split()
    return words if len(words) > 1 else text
