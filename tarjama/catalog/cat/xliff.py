"""XLIFF 1.2 for CAT tools: ``tarjama xliff export`` and ``tarjama xliff import``.

Export writes one file per catalog of a locale (``<out>/<locale>/<domain>.xlf``): each
entry a ``<trans-unit>`` whose id is a digest of its msgctxt and msgid, its inline
Markdown as codes (:mod:`tarjama.catalog.cat.codes`), its notes (the author's, the
kind of block) and references; a translated entry has ``<target state="translated">``,
a fuzzy one offers its text as a suggestion (``<alt-trans>``), never as a target.
``copy_source`` gives every untranslated unit a target equal to its source, for OmegaT
3.6, which reads only units that have one; on the way back such a target counts as
untranslated.

Import reads returned files as untrusted data (no entities, no network, no DTD), maps
each unit back to its entry by id (a unit whose source changed since the export has an
id no entry has: it is reported, not applied), rebuilds the Markdown with the msgid's
own codes, checks it as ``check`` does, and writes the PO files: a translation with a
problem is kept as a fuzzy suggestion with a translator comment naming the file and
line; nothing is lost, and importing twice changes nothing.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import polib
from lxml import etree

from tarjama.catalog.cat import exported_catalogs
from tarjama.catalog.cat.codes import _X, XLIFF12, Code, decode, encode
from tarjama.catalog.checking import is_field
from tarjama.catalog.checks import Finding, check_pair
from tarjama.catalog.glossary import Term, load_glossary, tbx_glossary, term_spans
from tarjama.catalog.paths import UI_DOMAIN, po_path, read_catalog
from tarjama.catalog.pofile import write_po
from tarjama.core.config import Config
from tarjama.core.errors import TarjamaError, UsageError
from tarjama.core.fsutil import write_text_atomic
from tarjama.core.report import Report

MARK = "tarjama-xliff: "  # the translator comment on an entry an import doubted
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)


def unit_id(entry: polib.POEntry) -> str:
    """A stable id for *entry*: a digest of its msgctxt and msgid."""
    key = (entry.msgctxt or "") + "\x04" + entry.msgid
    return "u" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def codes_of(
    entry: polib.POEntry, domain: str, element: etree._Element, *, text: str | None = None
) -> dict[str, Code]:
    """*entry*'s msgid (or *text*, its translation) into *element* as text and codes: a
    front matter field is plain text, an interface string has placeholders."""
    field = is_field(entry)  # as check has it: plain text only when every role is a field
    markdown = entry.msgid if text is None else text
    return encode(element, markdown, plain=field, placeholders=domain == UI_DOMAIN)


def export(
    config: Config,
    locale: str,
    out: Path,
    *,
    copy_source: bool = False,
    omegat: bool = False,
    version: str = "1.2",
) -> tuple[list[Path], Report]:
    """Write the XLIFF 1.2 files of *locale* into *out*/<locale>/; with *omegat*, an
    OmegaT project in *out* (:mod:`tarjama.catalog.cat.omegat`), the files in its
    ``source/`` with the source copied into empty targets. *version* "2.1" writes XLIFF
    2.1 instead (:mod:`tarjama.catalog.cat.xliff2`)."""
    if version not in ("1.2", "2.1"):
        raise UsageError(f"--version {version}: tarjama writes XLIFF 1.2 or 2.1")
    report = Report()
    if omegat:
        from tarjama.catalog.cat.omegat import write_project

        written = write_project(out, config.source_locale, locale)
        if config.glossary:  # the terms go with the project, in OmegaT's form
            from tarjama.catalog.glossary import omegat_glossary

            terms = load_glossary(config.glossary, config.rel(config.glossary)).for_locale(locale)
            if write_text_atomic(out / "glossary" / "glossary.txt", omegat_glossary(terms)):
                written.append(out / "glossary" / "glossary.txt")
        report.written.extend(
            config.rel(p) if p.is_relative_to(config.root) else str(p) for p in written
        )
        out, copy_source = out / "source", True
    terms = _terms(config, locale, None if omegat else out / locale / "glossary.tbx", report)
    written = []
    for domain, _, po in exported_catalogs(config, locale, report):
        target = out / locale / f"{domain}.xlf" if not omegat else out / f"{domain}.xlf"
        document, by_unit = _document(config, po, locale, domain, copy_source, terms)
        if version != "1.2":
            from tarjama.catalog.cat.xliff2 import to_v2

            document = to_v2(document, by_unit)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        if write_text_atomic(target, text.decode("utf-8")):
            inside = target.resolve().is_relative_to(config.root)
            report.written.append(config.rel(target) if inside else str(target))
        written.append(target)
    return written, report


def _terms(config: Config, locale: str, tbx: Path | None, report: Report) -> tuple[Term, ...]:
    """The glossary's terms of *locale* to mark in the units, written to *tbx* too (an
    OmegaT project has them in its own glossary, which OmegaT shows: no marks)."""
    if not config.glossary or tbx is None:
        return ()
    glossary = load_glossary(config.glossary, config.rel(config.glossary))
    terms = glossary.for_locale(locale)
    tbx.parent.mkdir(parents=True, exist_ok=True)
    if write_text_atomic(tbx, tbx_glossary(terms, config.source_locale, locale).decode("utf-8")):
        report.written.append(
            config.rel(tbx) if tbx.resolve().is_relative_to(config.root) else str(tbx)
        )
    return terms


def _mark_terms(source: etree._Element, terms: tuple[Term, ...]) -> None:
    """Each glossary term in *source*'s text as ``<mrk mtype="term">``, what the glossary
    says of it (its translations, their status) in the mark's comment."""
    for holder in list(source.iter(_X + "source", _X + "g")):
        slots: list[etree._Element | None] = [None, *holder]
        for after in slots:
            text = holder.text if after is None else after.tail
            spans = term_spans(text or "", terms) if text else []
            if not text or not spans:
                continue
            position = 0 if after is None else holder.index(after) + 1
            if after is None:
                holder.text = text[: spans[0][0]]
            else:
                after.tail = text[: spans[0][0]]
            for number, (start, end, said) in enumerate(spans):
                mark = etree.Element(_X + "mrk", mtype="term", comment=said)
                mark.text = text[start:end]
                mark.tail = text[end : spans[number + 1][0] if number + 1 < len(spans) else None]
                holder.insert(position + number, mark)


def _document(
    config: Config,
    po: polib.POFile,
    locale: str,
    domain: str,
    copy_source: bool,
    terms: tuple[Term, ...] = (),
) -> tuple[etree._Element, dict[str, dict[str, Code]]]:
    """The XLIFF 1.2 document of one catalog, and each unit's codes by its id; the
    glossary's *terms* marked in the sources."""
    by_unit: dict[str, dict[str, Code]] = {}
    root = etree.Element(_X + "xliff", nsmap={None: XLIFF12}, version="1.2")
    file = etree.SubElement(
        root,
        _X + "file",
        original=config.rel(po_path(config, locale, domain)),
        datatype="po",
        attrib={"source-language": config.source_locale.replace("_", "-")},
    )
    file.set("target-language", locale.replace("_", "-"))
    body = etree.SubElement(file, _X + "body")
    for entry in po:
        if entry.obsolete or not entry.msgid or entry.msgid_plural:
            continue  # plural interface strings stay in the PO file
        unit = etree.SubElement(body, _X + "trans-unit", id=unit_id(entry))
        if entry.msgctxt:
            unit.set("resname", entry.msgctxt)
        source = etree.SubElement(unit, _X + "source")
        codes = codes_of(entry, domain, source)
        by_unit[unit.get("id", "")] = codes
        if terms:
            _mark_terms(source, terms)
        translated = entry.translated() and bool(entry.msgstr)
        if translated or copy_source:
            target = etree.SubElement(unit, _X + "target")
            target.set("state", "translated" if translated else "needs-translation")
            _fill(target, entry.msgstr if translated else entry.msgid, codes, source)
        if entry.fuzzy and entry.msgstr:
            alt = etree.SubElement(
                unit, _X + "alt-trans", {"match-quality": "fuzzy", "origin": "tarjama"}
            )
            _fill(etree.SubElement(alt, _X + "target"), entry.msgstr, codes, source)
        for line in (entry.comment or "").split("\n"):
            if line:
                etree.SubElement(unit, _X + "note", {"from": "developer"}).text = line
        if entry.occurrences:
            group = etree.SubElement(
                unit, _X + "context-group", name="x-po-reference", purpose="location"
            )
            for where, number in entry.occurrences[:20]:
                etree.SubElement(group, _X + "context", {"context-type": "sourcefile"}).text = where
                if number:
                    context = etree.SubElement(group, _X + "context")
                    context.set("context-type", "linenumber")
                    context.text = str(number)
    return root, by_unit


def _fill(
    element: etree._Element, text: str, codes: dict[str, Code], source: etree._Element
) -> None:
    """*text* (a translation) into *element* with the msgid's code ids: each of its codes
    takes the id of the msgid's code with the same Markdown, in order; one the msgid
    lacks stays text (check reports it)."""
    if not codes:  # plain text (a front matter field), or a msgid without markup
        element.text = text
        return
    if text == _markdown(source, codes):
        for child in source:
            element.append(_copy(child))
        element.text = source.text
        return
    mine: dict[str, Code] = {}
    scratch = etree.Element(_X + "target")
    theirs = encode(
        scratch, text, placeholders=any(c.ctype == "x-placeholder" for c in codes.values())
    )
    free = list(codes.values())
    renumber: dict[str, str] = {}
    for ident, code in theirs.items():
        match = next(
            (
                c
                for c in free
                if (c.kind, c.opening, c.closing) == (code.kind, code.opening, code.closing)
            ),
            None,
        )
        if match is not None:
            free.remove(match)
            renumber[ident] = match.id
            mine[match.id] = match
    for node in scratch.iter(_X + "g", _X + "x"):
        old = node.get("id", "")
        if old in renumber:
            node.set("id", renumber[old])
        else:  # markup the msgid lacks: its Markdown as text
            code = theirs[old]
            node.tag = _X + "mrk"
            node.attrib.clear()
            node.set("mtype", "x-markup-the-msgid-lacks")
            if code.kind == "x":
                node.text = code.opening
    element.text = scratch.text
    for child in scratch:
        element.append(child)


def _copy(element: etree._Element) -> etree._Element:
    return copy.deepcopy(element)  # with its tail: the text after it


def _markdown(source: etree._Element, codes: dict[str, Code]) -> str:
    return decode(source, codes)[0]


def import_files(config: Config, files: list[Path]) -> tuple[list[Finding], Report]:
    """Apply returned XLIFF *files* to the PO files; the findings, and what was written."""
    report = Report()
    findings: list[Finding] = []
    for path in files:
        shown = config.rel(path) if path.is_absolute() else path.as_posix()
        try:
            tree = etree.parse(str(path), _PARSER)
        except (OSError, etree.XMLSyntaxError) as exc:
            findings.append(
                Finding(
                    shown,
                    getattr(exc, "lineno", 1) or 1,
                    "xliff-invalid",
                    f"not an XLIFF file: {exc}",
                )
            )
            continue
        root = tree.getroot()
        if root.tag == "{urn:oasis:names:tc:xliff:document:2.0}xliff":
            from tarjama.catalog.cat.xliff2 import from_v2

            root = from_v2(root)
        if root.tag != _X + "xliff" or root.get("version") != "1.2":
            message = "not XLIFF 1.2 (urn:oasis:names:tc:xliff:document:1.2)"
            findings.append(Finding(shown, root.sourceline or 1, "xliff-invalid", message))
            continue
        for file in root.iter(_X + "file"):
            findings.extend(_import_file(config, file, shown, report))
    return findings, report


def _import_file(config: Config, file: etree._Element, shown: str, report: Report) -> list[Finding]:
    line = int(file.get("x-line") or file.sourceline or 1)
    found = _catalog_of(config, file)
    if isinstance(found, str):
        return [Finding(shown, line, "xliff-file", found)]
    path, po, domain = found
    entries = {unit_id(e): e for e in po if not e.obsolete and e.msgid and not e.msgid_plural}
    findings: list[Finding] = []
    for unit in file.iter(_X + "trans-unit"):
        where = int(unit.get("x-line") or unit.sourceline or line)
        entry = entries.get(unit.get("id", ""))
        if entry is None:
            findings.append(
                Finding(
                    shown,
                    where,
                    "unit-unknown",
                    f"unit {unit.get('id')!r}: no such entry now (its source changed since"
                    " the export, or it is gone); export again and translate it there",
                )
            )
            continue
        target = unit.find(_X + "target")
        if target is None:  # (a tool may keep state="needs-translation" on its work:
            continue  # a target differing from the source is a translation, whatever its state)
        source = etree.Element(_X + "source")
        codes = codes_of(entry, domain, source)
        text, problems = decode(target, codes)
        if not text.strip() or text == _markdown(source, codes):
            # empty, or the source copied (OmegaT's copy-source): untranslated; a target
            # that could not be read at all (codes nested past the limit) is reported
            findings.extend(Finding(shown, where, c, m) for c, m in problems if not text)
            continue
        errors = [p for p in check_pair(entry.msgid, text) if p[1] == "error"]
        problems += [(code, message) for code, _, message in errors]
        for code, message in problems:
            findings.append(Finding(shown, where, code, message))
        if problems and entry.translated() and entry.msgstr:
            continue  # a reviewed translation is not replaced by a doubtful one
        _apply(entry, text, f"{shown}:{where}", problems)
    if write_po(path, po):
        report.written.append(config.rel(path))
    return findings


def _catalog_of(config: Config, file: etree._Element) -> tuple[Path, polib.POFile, str] | str:
    """The PO file a ``<file>`` names (path, catalog, domain), or why it names none: its
    ``original`` must be a catalog of one of the project's locales, inside the project."""
    locale = (file.get("target-language") or "").replace("-", "_")
    original = file.get("original") or ""
    prefix = config.rel(config.translations_dir) + f"/{locale}/"
    ours = locale in config.locales and original.startswith(prefix)
    if not ours or not original.endswith(".po"):
        said = locale or "no target-language"
        return f"file {original!r} ({said}) is not a catalog of this project's locales"
    domain = original[len(prefix) : -len(".po")]
    try:
        path = po_path(config, locale, domain)
        return path, read_catalog(config, path), domain
    except TarjamaError as exc:
        return str(exc)


def _apply(entry: polib.POEntry, text: str, where: str, problems: list[tuple[str, str]]) -> None:
    comments = [c for c in (entry.tcomment or "").split("\n") if c and not c.startswith(MARK)]
    entry.msgstr = text
    if problems:
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        codes = ", ".join(sorted({code for code, _ in problems}))
        comments.append(f"{MARK}{where}: {codes}")
    elif "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgctxt = None
    entry.tcomment = "\n".join(comments)
