"""Catalog-level checks: what ``msgfmt --check`` rejects, plus fuzzy entries and plurals.

``check`` runs these over a parsed catalog before the markup checks of
:mod:`tarjama.catalog.checks`: header fields, the ``Plural-Forms`` header and the number
of ``msgstr[n]``, leading and trailing newlines, format strings, duplicate msgids.
Each yields a :class:`Finding` with the entry's line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import polib

from tarjama.catalog.checks import Finding
from tarjama.core import plurals

_REQUIRED = {
    "Project-Id-Version": "PACKAGE VERSION",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
    "MIME-Version": "",
    "Content-Type": "text/plain; charset=CHARSET",
    "Content-Transfer-Encoding": "ENCODING",
    "Language": "",  # msgfmt warns without it; tarjama names the locale from the path
}
_PYTHON_FORMAT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


def gettext_findings(po: polib.POFile, where: str) -> list[Finding]:
    """What msgfmt --check rejects in *po* (errors), and its fuzzy entries (warnings)."""
    findings = list(_header(po, where))
    forms = _plural_forms(po, where, findings)
    seen: Counter[tuple[str | None, str]] = Counter()
    for entry in po:
        if entry.obsolete:
            continue
        line = entry.linenum or 1
        seen[(entry.msgctxt, entry.msgid)] += 1
        if seen[(entry.msgctxt, entry.msgid)] == 2:
            findings.append(
                Finding(where, line, "duplicate", "duplicate message definition; keep one")
            )
        for code, message in _entry_problems(entry, forms):
            findings.append(Finding(where, line, code, message))
        if entry.fuzzy and (entry.msgstr or any(entry.msgstr_plural.values())):
            findings.append(
                Finding(
                    where,
                    line,
                    "fuzzy",
                    "fuzzy translation (not published); review it and remove the fuzzy flag",
                    "warning",
                )
            )
    return findings


def _header(po: polib.POFile, where: str) -> Iterator[Finding]:
    for name, default in _REQUIRED.items():
        value = po.metadata.get(name)
        if value is None:
            yield Finding(where, 1, "header", f"header field {name!r} missing; add it", "warning")
        elif default and value.startswith(default):
            yield Finding(
                where,
                1,
                "header",
                f"header field {name!r} still has the default {value!r}",
                "warning",
            )


def _plural_forms(po: polib.POFile, where: str, findings: list[Finding]) -> int | None:
    """The catalog's nplurals (None when it has no plural entry or no usable header); a
    header that ``msgfmt --check`` would reject is reported whether or not it is used."""
    value = po.metadata.get("Plural-Forms")
    has_plurals = any(e.msgid_plural and not e.obsolete for e in po)
    if value is None and not has_plurals:
        return None
    found = plurals.problems(value or "")
    if found:
        findings.append(
            Finding(
                where, 1, "plural-forms", f"{'; '.join(found)}; run 'tarjama update' to repair it"
            )
        )
        return None
    return plurals.parse(value or "").count if has_plurals else None


def _entry_problems(entry: polib.POEntry, forms: int | None) -> Iterator[tuple[str, str]]:
    if entry.msgid_plural:
        translations = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        if forms is not None and len(translations) != forms:
            yield (
                "plural-forms",
                f"{len(translations)} msgstr[] forms, the Plural-Forms header says {forms}; "
                "run 'tarjama update'",
            )
        empty = [f"msgstr[{k}]" for k, text in enumerate(translations) if not text]
        if empty and len(empty) < len(translations) and not entry.fuzzy:
            yield (
                "empty-form",
                f"{', '.join(empty)} empty while other forms are translated: those counts would"
                " show the source; translate every form, or mark the entry fuzzy",
            )
    else:
        translations = [entry.msgstr]
    for text in (t for t in translations if t):
        for side, test in (("begin", str.startswith), ("end", str.endswith)):
            if test(entry.msgid, "\n") != test(text, "\n"):
                yield "newlines", f"msgid and msgstr do not both {side} with a newline"
        if "python-format" in entry.flags:
            yield from _python_format(entry, text)


def _python_format(entry: polib.POEntry, text: str) -> Iterator[tuple[str, str]]:
    """Named placeholders as msgfmt checks them: none the msgid lacks; for a singular
    entry, none of the msgid's left out (a plural form may leave the count out)."""
    source = set(_PYTHON_FORMAT.findall(entry.msgid)) | set(
        _PYTHON_FORMAT.findall(entry.msgid_plural or "")
    )
    target = set(_PYTHON_FORMAT.findall(text))
    extra, missing = target - source, source - target
    if extra:
        yield "format", f"python-format: msgstr has %({', '.join(sorted(extra))})s, msgid has not"
    if missing and not entry.msgid_plural:
        yield "format", f"python-format: msgstr lacks %({', '.join(sorted(missing))})s"
