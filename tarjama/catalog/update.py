"""Catalog stage: build POT templates from segments and update PO files from them.

``update_catalog`` follows msgmerge's semantics, so translators' work is never
lost: an exact match keeps its translation wherever it moved; an edited segment
takes the most similar old translation as fuzzy with the old msgid as ``#|``; a
segment already translated elsewhere in the project is pre-filled as fuzzy; an old
entry that matches nothing becomes obsolete (``#~``), never deleted.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import polib

from tarjama.catalog.carry import Carrier
from tarjama.catalog.header import merged_header
from tarjama.catalog.matcher import SURE, Key, Matcher, Memory, Source, Suggestion
from tarjama.core import __version__, locales, plurals
from tarjama.segment import Article

ORIGIN = "tarjama: suggested from "  # starts the translator comment naming a memory source
EXACT_ORIGIN = "tarjama: the same text as in "  # ... naming where an exact match came from
IMPORTED = "tarjama-import: "  # starts the comment of an imported suggestion (tarjama import)


@dataclass(frozen=True)
class UpdateResult:
    """What ``update_catalog`` did, for the command's report."""

    exact: int = 0
    fuzzy: int = 0
    memory: int = 0
    new: int = 0
    obsoleted: int = 0
    revived: int = 0
    carried: int = 0  # kept translated over a change of link targets or code only
    # entries with no suggestion or only a similar one: the project memory may do better
    pending: tuple[Key, ...] = ()
    # each entry's fate: (msgctxt, msgid, FATES[how]), the obsolete ones last
    fates: tuple[tuple[str | None, str, str], ...] = ()

    def __add__(self, other: UpdateResult) -> UpdateResult:
        sums = {f: getattr(self, f) + getattr(other, f) for f in _COUNTS}
        return UpdateResult(**sums, pending=self.pending)


# what ``update --format json`` says of an entry (how it was found, else the same word)
FATES = {"exact": "kept"}
_COUNTS = ("exact", "fuzzy", "memory", "new", "obsoleted", "revived", "carried")


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
    entries: dict[Key, polib.POEntry] = {}
    roles: dict[Key, list[str]] = {}
    notes: dict[Key, list[str]] = {}
    for segment in article.segments:
        at = (segment.context, segment.text)
        entry = entries.get(at)
        if entry is None:
            entry = polib.POEntry(msgid=segment.text, msgstr="", msgctxt=segment.context)
            entries[at] = entry
            pot.append(entry)
        if segment.kind not in roles.setdefault(at, []):
            roles[at].append(segment.kind)  # every role, in order of appearance
        if segment.note and segment.note not in notes.setdefault(at, []):
            notes[at].append(segment.note)  # the author's notes for translators
        if (reference, str(segment.line)) not in entry.occurrences[-1:]:  # twice on a line:
            entry.occurrences.append((reference, str(segment.line)))  # one reference
    for at, entry in entries.items():
        entry.comment = "\n".join(["type: " + ", ".join(roles[at]), *notes.get(at, [])])
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


def translation_memory(catalogs: Iterable[polib.POFile]) -> Memory:
    """The project memory of a locale's catalogs: translated (not fuzzy) entries, first
    one wins; each remembers its catalog's path (``fpath``) to say where it came from."""
    rows: dict[Key, tuple[str, str]] = {}
    for po in catalogs:
        for entry in po:
            if not entry.obsolete and entry.translated() and entry.msgstr:
                rows.setdefault(key(entry), (entry.msgstr, str(po.fpath or "another catalog")))
    return Memory.of(rows)


def update_catalog(
    old: polib.POFile | None,
    pot: polib.POFile,
    *,
    language: str,
    title: str,
    memory: Memory | None = None,
    here: str = "",
    exact_memory: bool = True,
) -> tuple[polib.POFile, UpdateResult]:
    """Merge template *pot* into the old catalog *old* for *language* (msgmerge).

    *memory* is the project memory of the locale; *here* is this catalog's path in it,
    so that its own entries do not count as coming from elsewhere. An exact match there
    is translated (*exact_memory*, ``[update] exact_memory``), else a fuzzy suggestion.
    """
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
        po.metadata = merged_header(old.metadata, creation, language)
        old_entries = list(old)
    forms = plurals.parse(po.metadata["Plural-Forms"]).count
    merger = _Merger(old_entries, memory, here, forms, exact_memory)
    counts = dict.fromkeys(("exact", "fuzzy", "memory", "new", "revived", "carried"), 0)
    fates = []
    for template in pot:
        entry, how = merger.merge(template)
        counts[how] += 1
        po.append(entry)
        fate = FATES.get(how, how) + (" (fuzzy)" if how == "memory" and entry.fuzzy else "")
        fates.append((template.msgctxt, template.msgid, fate))
    newly_obsolete = [
        e for e in old_entries if not e.obsolete and key(e) not in merger.used and _translation(e)
    ]
    for entry in [
        e for e in old_entries if e.obsolete and key(e) not in merger.used
    ] + newly_obsolete:
        po.append(_obsolete(entry))
    pending = tuple(merger.similar_only)
    fates.extend((e.msgctxt, e.msgid, "obsolete") for e in newly_obsolete)
    result = UpdateResult(
        obsoleted=len(newly_obsolete), pending=pending, fates=tuple(fates), **counts
    )
    return po, result


def _translation(entry: polib.POEntry) -> str:
    """The entry's msgstr (its first plural form for a plural entry), "" if none."""
    return entry.msgstr or (entry.msgstr_plural or {}).get(0, "")


class _Merger:
    """Finds each template entry's old translation and derives the new entry from it."""

    def __init__(
        self,
        old: list[polib.POEntry],
        memory: Memory | None,
        here: str,
        forms: int,
        exact_memory: bool = True,
    ) -> None:
        self.active = {key(e): e for e in old if not e.obsolete}
        self.obsolete = {key(e): e for e in old if e.obsolete}
        self.memory, self.here, self.forms = memory, here, forms
        self.old = old
        self.entries: dict[Source, polib.POEntry] = {}
        self._matcher: Matcher | None = None  # built when a template has no exact match
        self.used: set[Key] = set()
        # sentences of old entries that suggestions took in part: an entry is used (not
        # kept as obsolete) only once every sentence of it lives on in some suggestion
        self.covered: dict[Key, set[int]] = {}
        self.similar_only: list[Key] = []  # entries the project memory might do better for
        self.carrier = Carrier(old)
        self.exact_memory = exact_memory

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            for entry in self.old:
                if _translation(entry):
                    self.entries.setdefault(Source.of(entry.msgid, _translation(entry)), entry)
            self._matcher = Matcher(self.entries, self.memory.index if self.memory else None)
        return self._matcher

    def merge(self, template: polib.POEntry) -> tuple[polib.POEntry, str]:
        """The new entry for *template* and how it was found (a key of UpdateResult)."""
        for how, table in (("exact", self.active), ("revived", self.obsolete)):
            found = table.get(key(template))
            if found is not None:
                self.used.add(key(found))
                return _carry(template, found, self.forms), how
        carried = self.carrier.carry(template)
        if carried is not None:
            self.used.add(key(carried[1]))
            return carried[0], "carried"
        remembered = self.memory.exact.get(key(template)) if self.memory else None
        suggestion: Suggestion | None
        if remembered is not None:
            suggestion = Suggestion(remembered.msgstr, remembered.msgid, (remembered,), "normal")
        else:
            suggestion = self.matcher.suggest(template.msgid)
        if suggestion is None:
            self.similar_only.append(key(template))
            return _blank(template, self.forms), "new"
        if suggestion.how == "similar" and suggestion.ratio < SURE:
            self.similar_only.append(key(template))
        origins = [o for o in suggestion.origins if o != self.here]
        local = [self.entries[s] for s in suggestion.sources if s in self.entries]
        for source in suggestion.sources:
            if source not in self.entries:
                continue
            taken = suggestion.taken.get(source)
            entry_key = key(self.entries[source])
            if taken is None:
                self.used.add(entry_key)
                continue
            covered = self.covered.setdefault(entry_key, set())
            covered.update(taken)
            if len(covered) == len(source.parts):
                self.used.add(entry_key)
        entry = _suggested(template, suggestion, local, origins, self.forms)
        if remembered is not None and self.exact_memory and origins:
            # the same text, translated and reviewed in another catalog: translated here
            # too, as msgmerge -C and pot2po --tm take it; the comment names the catalog
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgctxt = None
            entry.tcomment = entry.tcomment.replace(ORIGIN, EXACT_ORIGIN)
        return entry, "memory" if origins else "fuzzy"


def _blank(template: polib.POEntry, forms: int) -> polib.POEntry:
    """The template's msgid, comments and format flags, untranslated."""
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
        entry.msgstr_plural = dict.fromkeys(range(forms), "")
    return entry


def _fit(forms: Mapping[int, str], count: int) -> tuple[dict[int, str], bool]:
    """*forms* as exactly *count* plural forms: missing ones copy the last (and the
    entry needs review), extra ones are dropped.

    >>> _fit({0: "a"}, 2), _fit({0: "a", 1: "b", 2: "c"}, 2)
    (({0: 'a', 1: 'a'}, True), ({0: 'a', 1: 'b'}, False))
    """
    ordered = [forms[k] for k in sorted(forms, key=int)] or [""]
    padded = len(ordered) < count and any(ordered)
    ordered += [ordered[-1]] * (count - len(ordered))
    return dict(enumerate(ordered[:count])), padded


def _carry(template: polib.POEntry, old: polib.POEntry, forms: int) -> polib.POEntry:
    """The template entry with the translation of *old*, whose msgid is the same.

    An entry a translator made plural (``msgid_plural`` in the PO, not in the template)
    stays plural; a singular translation of a now plural msgid becomes form 0, fuzzy.
    """
    entry = _blank(template, forms)
    entry.tcomment = old.tcomment
    fuzzy = old.fuzzy
    if template.msgid_plural or old.msgid_plural:
        entry.msgid_plural = template.msgid_plural or old.msgid_plural
        entry.msgstr_plural, padded = _fit(old.msgstr_plural or {0: old.msgstr}, forms)
        fuzzy = fuzzy or padded or (not old.msgid_plural and bool(old.msgstr))
    else:
        entry.msgstr = old.msgstr
    if not fuzzy:
        entry.tcomment = _without_origin(entry.tcomment)
    elif _translation(entry) or any(entry.msgstr_plural.values()):
        entry.flags.insert(0, "fuzzy")
        entry.previous_msgid = old.previous_msgid
        entry.previous_msgctxt = old.previous_msgctxt
    return entry


def _suggested(
    template: polib.POEntry,
    suggestion: Suggestion,
    local: list[polib.POEntry],
    origins: list[str],
    forms: int,
) -> polib.POEntry:
    """The template entry pre-filled with *suggestion*, fuzzy, with ``#|`` the old msgid;
    a suggestion from other catalogs says which in a translator comment."""
    entry = _blank(template, forms)
    single = local[0] if len(local) == 1 and len(suggestion.sources) == 1 else None
    if template.msgid_plural:
        plural = single.msgstr_plural if single is not None and single.msgid_plural else None
        entry.msgstr_plural, _ = _fit(plural or {0: suggestion.msgstr}, forms)
    else:
        entry.msgstr = suggestion.msgstr
    entry.tcomment = _without_origin(single.tcomment) if single is not None else ""
    if origins:
        note = ORIGIN + ", ".join(origins)
        entry.tcomment = f"{entry.tcomment}\n{note}" if entry.tcomment else note
    entry.flags.insert(0, "fuzzy")
    entry.previous_msgid = (single.previous_msgid if single else None) or suggestion.previous
    entry.previous_msgctxt = (single.previous_msgctxt or single.msgctxt) if single else None
    return entry


def _without_origin(tcomment: str) -> str:
    """*tcomment* without tarjama's notes on where a suggestion came from."""
    lines = (tcomment or "").split("\n")
    return "\n".join(line for line in lines if not line.startswith((ORIGIN, IMPORTED)))


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
