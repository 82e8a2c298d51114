"""A project's terminology, and what ``check`` says of a translation against it.

``[glossary] file`` names a TBX-Basic file or a CSV file (Weblate's glossary export, or
any CSV with a header): each term of the source language with its translations per
locale, and a status: preferred, admitted (a variant accepted), forbidden (never to be
used), or do-not-translate (a name kept as it is). ``check`` reports, with stable codes:

- ``glossary-forbidden`` (error): the msgstr uses a term forbidden in its locale;
- ``glossary-dnt`` (error): the msgid has a do-not-translate term the msgstr changed;
- ``glossary-term`` (warning): the msgid has a term and the msgstr none of its preferred
  or admitted translations.

CSV columns (case-insensitive): ``source``, ``target``, and optionally ``locale`` (or
``language``; empty for every locale), ``status`` (``preferred``, ``admitted``,
``forbidden``, ``dnt``) and ``note``; Weblate's ``read-only`` flag is do-not-translate
and ``forbidden`` forbidden. Terms match whole words, case aside.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from tarjama.catalog.literal import Problem
from tarjama.core.errors import ConfigError

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUSES = ("preferred", "admitted", "forbidden", "dnt")


@dataclass(frozen=True)
class Term:
    """A source term and one of its translations (*target*) in *locale* ("" for all)."""

    source: str
    target: str
    locale: str = ""
    status: str = "preferred"
    note: str = ""


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()

    def for_locale(self, locale: str) -> tuple[Term, ...]:
        lang = locale.replace("-", "_").split("_")[0]
        return tuple(t for t in self.terms if t.locale in ("", locale, lang))


def load_glossary(path: Path, shown: str) -> Glossary:
    """The glossary at *path* (TBX when it ends in .tbx or .xml, else CSV)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"[glossary] cannot read {shown}: {exc.strerror}", path=shown) from None
    if path.suffix.lower() in (".tbx", ".xml"):
        return Glossary(tuple(_tbx(data, shown)))
    return Glossary(tuple(_csv(data, shown)))


def _csv(data: bytes, shown: str) -> Iterator[Term]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8; save the glossary as UTF-8", path=shown) from None
    rows = csv.DictReader(text.splitlines())
    fields = {(f or "").strip().lower(): f for f in rows.fieldnames or []}
    if "source" not in fields or "target" not in fields:
        raise ConfigError("a glossary CSV needs 'source' and 'target' columns", path=shown, line=1)
    for number, row in enumerate(rows, start=2):
        cells = {name: (row.get(key) or "").strip() for name, key in fields.items()}
        get = cells.get
        source, target = get("source", ""), get("target", "")
        flags = get("flags", "") + " " + get("status", "")
        status = (get("status") or "preferred").lower()
        if "read-only" in flags:
            status = "dnt"
        elif "forbidden" in flags:
            status = "forbidden"
        if status not in STATUSES:
            raise ConfigError(
                f"status {status!r}: use one of {', '.join(STATUSES)}", path=shown, line=number
            )
        if source:
            locale = (get("locale") or get("language") or "").replace("-", "_")
            yield Term(source, target or source, locale, status, get("note", ""))


def _tbx(data: bytes, shown: str) -> Iterator[Term]:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ConfigError(f"not a TBX file: {exc}", path=shown, line=exc.lineno) from None
    for entry in root.iter("{*}termEntry", "termEntry", "{*}conceptEntry", "conceptEntry"):
        sets = [
            (s.get(_XML_LANG, "").replace("-", "_"), s)
            for s in entry.iter("{*}langSet", "{*}langSec")  # TBX-Basic 2008, TBX v3
        ]
        if not sets:
            continue
        _, source_set = sets[0]
        sources = [t for t, _ in _terms(source_set)]
        for lang, lang_set in sets[1:]:
            for target, status in _terms(lang_set):
                for source in sources:
                    yield Term(source, target, lang, status)
        for source, status in _terms(source_set):
            if status == "dnt":
                yield Term(source, source, "", "dnt")


def _terms(lang_set: etree._Element) -> Iterator[tuple[str, str]]:
    """(term, status) of a langSet, TBX-Basic's administrativeStatus read as ours."""
    for holder in lang_set.iter("{*}tig", "{*}termSec", "{*}ntig"):
        term = holder.find(".//{*}term")
        if term is None or not (term.text or "").strip():
            continue
        status = "preferred"
        for note in holder.iter("{*}termNote"):
            value = (note.text or "").lower()
            if "deprecated" in value or "forbidden" in value or "superseded" in value:
                status = "forbidden"
            elif "admitted" in value:
                status = "admitted"
            elif "donottranslate" in value.replace(" ", "").replace("-", ""):
                status = "dnt"
        yield term.text.strip(), status


@lru_cache(maxsize=4096)
def _word(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def glossary_problems(msgid: str, msgstr: str, terms: tuple[Term, ...]) -> Iterator[Problem]:
    """What the glossary *terms* (of the msgstr's locale) say of this translation."""
    for term in terms:
        if term.status == "forbidden" and _word(term.target).search(msgstr):
            yield (
                "glossary-forbidden",
                "error",
                f"{term.target!r} is a forbidden term here" + _use(terms, term.source),
            )
            return
    wanted: dict[str, list[str]] = {}
    for term in terms:
        if not _word(term.source).search(msgid):
            continue
        if term.status == "dnt" and not re.search(re.escape(term.source), msgstr):
            message = f"{term.source!r} is kept as it is in every language (do not translate)"
            yield "glossary-dnt", "error", message
            return
        if term.status in ("preferred", "admitted"):
            wanted.setdefault(term.source, []).append(term.target)
    for source, targets in wanted.items():
        if not any(_word(t).search(msgstr) for t in targets):
            said = " or ".join(repr(t) for t in targets)
            yield "glossary-term", "warning", f"{source!r} is {said} in the glossary"


def _use(terms: tuple[Term, ...], source: str) -> str:
    better = [t.target for t in terms if t.source == source and t.status == "preferred"]
    return f"; write {better[0]!r} ({source!r})" if better else ""


def omegat_glossary(terms: tuple[Term, ...]) -> str:
    """OmegaT's glossary form: source, target, comment, tab-separated, one per line."""
    lines = []
    for term in terms:
        if term.status in ("preferred", "admitted", "dnt"):
            note = {"dnt": "do not translate", "admitted": "admitted"}.get(term.status, "")
            cells = [term.source, term.target, "; ".join(x for x in (note, term.note) if x)]
            lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return "\n".join(lines) + ("\n" if lines else "")


def term_spans(text: str, terms: tuple[Term, ...]) -> list[tuple[int, int, str]]:
    """Where the source terms of *terms* occur in *text*, as (start, end, what the
    glossary says of the term), longest term first where two overlap."""
    said: dict[str, list[str]] = {}
    for term in terms:
        words = {"dnt": "do not translate", "forbidden": "not"}.get(term.status, term.status)
        shown = words if term.status == "dnt" else f"{words}: {term.target}"
        said.setdefault(term.source, []).append(shown)
    found: list[tuple[int, int, str]] = []
    for source in sorted(said, key=lambda s: (-len(s), s)):
        for match in _word(source).finditer(text):
            if all(match.end() <= s or match.start() >= e for s, e, _ in found):
                found.append((match.start(), match.end(), "; ".join(said[source])))
    return sorted(found)


_ADMIN = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts"}


def tbx_glossary(terms: tuple[Term, ...], source_locale: str, locale: str) -> bytes:
    """*terms* (of *locale*) as a TBX-Basic file: an entry per source term, its
    translations with their administrative status (a forbidden one deprecated), a
    do-not-translate term with a usage note."""
    lang = {"source": source_locale.replace("_", "-"), "target": locale.replace("_", "-")}
    root = etree.Element("martif", type="TBX-Basic", attrib={_XML_LANG: lang["source"]})
    header = etree.SubElement(etree.SubElement(root, "martifHeader"), "fileDesc")
    described = etree.SubElement(etree.SubElement(header, "sourceDesc"), "p")
    described.text = f"tarjama glossary, {lang['source']} to {lang['target']}"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    by_source: dict[str, list[Term]] = {}
    for term in terms:
        by_source.setdefault(term.source, []).append(term)
    for number, (source, group) in enumerate(sorted(by_source.items()), start=1):
        entry = etree.SubElement(body, "termEntry", id=f"t{number}")
        for note in dict.fromkeys(t.note for t in group if t.note):
            etree.SubElement(entry, "note").text = note
        source_set = etree.SubElement(entry, "langSet", attrib={_XML_LANG: lang["source"]})
        tig = etree.SubElement(source_set, "tig")
        etree.SubElement(tig, "term").text = source
        if any(t.status == "dnt" for t in group):
            etree.SubElement(tig, "termNote", type="usageNote").text = "do not translate"
        targets = [t for t in group if t.status != "dnt"]
        if not targets:
            continue
        target_set = etree.SubElement(entry, "langSet", attrib={_XML_LANG: lang["target"]})
        for term in targets:
            tig = etree.SubElement(target_set, "tig")
            etree.SubElement(tig, "term").text = term.target
            status = _ADMIN.get(term.status, "deprecatedTerm-admn-sts")
            etree.SubElement(tig, "termNote", type="administrativeStatus").text = status
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
