"""Translation memories in TMX 1.4b: ``tarjama tmx export`` and ``tarjama tmx import``.

Export writes the locale's reviewed translations (every catalog, plural entries aside)
as one TMX file, level 2: the inline Markdown as codes whose content is the native code
(``<bpt i="1" x="1">**</bpt>`` ... ``<ept i="1">**</ept>`` for paired ones, ``<ph
x="3">`code`</ph>`` for standalone ones), ``x`` pairing a code of the translation with
the source's. An agency's CAT tool reads it as a memory.

Import reads TMX files (untrusted: no entities, no DTD, no network) from any tool and
fills the locale's untranslated entries only, as fuzzy suggestions with a comment
naming the file, through the project memory's matching (the whole text, or sentence by
sentence). A unit's source is rebuilt with its own native codes, so it matches a msgid
only where that msgid has the same Markdown; its translation takes each code's Markdown
from the source's code it pairs with (by ``x``, else ``i``, else order), never from the
translation's own native code; its text is a suggestion, checked as any translation is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polib
from lxml import etree

from tarjama.catalog.cat import exported_catalogs
from tarjama.catalog.cat.codes import XLIFF12, Code
from tarjama.catalog.cat.xliff import codes_of
from tarjama.catalog.importer import suggest_from_pairs
from tarjama.core import __version__
from tarjama.core.config import Config
from tarjama.core.errors import UsageError
from tarjama.core.fsutil import write_text_atomic
from tarjama.core.report import Report

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)
_X = f"{{{XLIFF12}}}"


def export(config: Config, locale: str, out: Path) -> Report:
    """Write the reviewed translations of *locale* to the TMX file *out*."""
    report = Report()
    root = etree.Element("tmx", version="1.4")
    header = etree.SubElement(root, "header", creationtool="tarjama", segtype="paragraph")
    header.attrib.update(
        {
            "creationtoolversion": __version__,
            "o-tmf": "PO",
            "adminlang": "en",
            "srclang": _lang(config.source_locale),
            "datatype": "plaintext",
        }
    )
    body = etree.SubElement(root, "body")
    seen: set[tuple[str, str]] = set()
    for domain, _, po in exported_catalogs(config, locale, report):
        for entry in po:
            if entry.obsolete or entry.msgid_plural or not entry.translated() or not entry.msgstr:
                continue
            if (entry.msgid, entry.msgstr) in seen:
                continue
            seen.add((entry.msgid, entry.msgstr))
            _unit(body, entry, domain, config.source_locale, locale)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    header.set("creationdate", stamp)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    doctype = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    declaration, rest = text.decode("utf-8").split("\n", 1)
    if write_text_atomic(out, f"{declaration}\n{doctype}{rest}"):
        report.written.append(
            config.rel(out) if out.resolve().is_relative_to(config.root) else str(out)
        )
    return report


def _lang(locale: str) -> str:
    return locale.replace("_", "-")


def _unit(
    body: etree._Element, entry: polib.POEntry, domain: str, source: str, target: str
) -> None:
    unit = etree.SubElement(body, "tu")
    if entry.msgctxt:
        etree.SubElement(unit, "prop", type="x-context").text = entry.msgctxt
    etree.SubElement(unit, "prop", type="x-domain").text = domain
    scratch = etree.Element(_X + "source")
    codes = codes_of(entry, domain, scratch)
    _tuv(unit, source, scratch, codes, codes)
    theirs = etree.Element(_X + "target")
    mine = codes_of(entry, domain, theirs, text=entry.msgstr)
    _tuv(unit, target, theirs, mine, codes)


def _tuv(
    unit: etree._Element,
    locale: str,
    element: etree._Element,
    codes: dict[str, Code],
    source: dict[str, Code],
) -> None:
    """A ``<tuv>`` of *element*'s text and codes; ``x`` names the source's code each is."""
    tuv = etree.SubElement(unit, "tuv", {_XML_LANG: _lang(locale)})
    seg = etree.SubElement(tuv, "seg")
    free = list(source.values())
    pairing: dict[str, str] = {}
    for ident, code in codes.items():
        match = next(
            (c for c in free if (c.opening, c.closing) == (code.opening, code.closing)), None
        )
        if match is not None:
            free.remove(match)
            pairing[ident] = match.id
    _segment(seg, element, codes, pairing)


def _segment(
    seg: etree._Element, element: etree._Element, codes: dict[str, Code], pairing: dict[str, str]
) -> None:
    """XLIFF-style content (``g``/``x``) as TMX level 2 (``bpt``/``ept``/``ph``)."""
    last: etree._Element | None = None

    def text(value: str | None) -> None:
        if not value:
            return
        if last is None:
            seg.text = (seg.text or "") + value
        else:
            last.tail = (last.tail or "") + value

    text(element.text)
    pending: list[tuple[str, object]] = [("node", child) for child in element]
    while pending:
        kind, value = pending.pop(0)
        if kind == "text":
            text(str(value) if value else "")
            continue
        if kind == "close":
            ident = str(value)
            last = etree.SubElement(seg, "ept", i=ident)
            last.text = codes[ident].closing
            continue
        node = value
        assert isinstance(node, etree._Element)
        ident = node.get("id", "")
        code = codes[ident]
        paired = pairing.get(ident)
        if code.kind == "x":
            last = etree.SubElement(seg, "ph")
            last.text = code.opening
            if paired:
                last.set("x", paired)
            pending.insert(0, ("text", node.tail))
            continue
        last = etree.SubElement(seg, "bpt", i=ident)
        last.text = code.opening
        if paired:
            last.set("x", paired)
        inner: list[tuple[str, object]] = [("text", node.text)]
        inner += [("node", child) for child in node]
        pending[0:0] = [*inner, ("close", ident), ("text", node.tail)]


def import_files(config: Config, locale: str, files: list[Path]) -> tuple[int, Report]:
    """Fill untranslated entries of *locale* from TMX *files*; how many, and the report."""
    report = Report()
    pairs: list[tuple[str, str, str]] = []
    for path in files:
        shown = path.name
        try:
            root = etree.parse(str(path), _PARSER).getroot()
        except (OSError, etree.XMLSyntaxError) as exc:
            report.errors.append(UsageError(f"{shown}: not a TMX file ({exc})"))
            continue
        source = root.find("header").get("srclang", "") if root.find("header") is not None else ""
        for unit in root.iter("tu"):
            found = {
                _norm(t.get(_XML_LANG) or t.get("lang") or ""): t.find("seg")
                for t in unit.iter("tuv")
            }
            ours = _pick(found, config.source_locale)
            if ours is None and source:
                ours = _pick(found, source)
            theirs = _pick(found, locale)
            if ours is None or theirs is None:
                continue
            pair = _markdown(ours, theirs)
            if pair is not None:
                pairs.append((*pair, shown))
    if not pairs:
        return 0, report
    filled = suggest_from_pairs(config, locale, pairs, report, why="from a TMX memory")
    return filled, report


def _norm(tag: str) -> str:
    return tag.replace("_", "-").lower()


def _pick(found: dict[str, etree._Element | None], locale: str) -> etree._Element | None:
    """The seg in *locale*: the same tag, else the same language (``fr-FR`` for ``fr``)."""
    wanted = _norm(locale)
    exact = found.get(wanted)
    if exact is not None:
        return exact
    primary = wanted.split("-")[0]
    return next((seg for tag, seg in found.items() if tag.split("-")[0] == primary), None)


def _markdown(source: etree._Element, target: etree._Element) -> tuple[str, str] | None:
    """The unit's source Markdown (its own native codes) and its translation's, each code
    of which takes the Markdown of the source code it pairs with; None if a code of the
    translation pairs with none."""
    pieces, natives = _pieces(source)
    by_x = {key: native for key, native in natives.items() if key[0] == "x"}
    by_i = {key: native for key, native in natives.items() if key[0] == "i"}
    order = [native for key, native in natives.items() if key[0] == "n"]
    out: list[str] = []
    taken = 0
    for kind, value, element in _walk(target):
        if kind == "text":
            out.append(value)  # checked as any translation is: a suggestion, reviewed
            continue
        native = None
        if element.get("x") and ("x", element.get("x")) in by_x:
            native = by_x[("x", element.get("x"))]
        elif element.get("i") and (("i", element.get("i"), kind)) in by_i:
            native = by_i[("i", element.get("i"), kind)]
        elif taken < len(order):
            native = order[taken]
        taken += 1
        if native is None:
            return None
        out.append(native)
    return "".join(pieces), "".join(out)


def _pieces(seg: etree._Element) -> tuple[list[str], dict[tuple[str, ...], str]]:
    """The source seg's Markdown pieces, and its codes' native content by ``x``, by
    ``i`` (with the tag) and by order."""
    pieces: list[str] = []
    natives: dict[tuple[str, ...], str] = {}
    for number, (kind, value, element) in enumerate(_walk(seg)):
        if kind == "text":
            pieces.append(value)
            continue
        pieces.append(value)
        if element.get("x"):
            natives[("x", element.get("x"))] = value
        if element.get("i"):
            natives[("i", element.get("i"), kind)] = value
        natives[("n", str(number))] = value
    return pieces, natives


def _walk(seg: etree._Element) -> list[tuple[str, str, etree._Element]]:
    """The seg's text and codes in order: ("text", text), (tag, native code)."""
    out: list[tuple[str, str, etree._Element]] = [("text", seg.text or "", seg)]
    for child in seg:
        if isinstance(child.tag, str):
            tag = etree.QName(child).localname
            if tag in ("bpt", "ept", "ph", "it"):
                out.append((tag, "".join(child.itertext()), child))
            elif tag == "hi":  # a highlight: its text is text
                out.append(("text", "".join(child.itertext()), child))
        out.append(("text", child.tail or "", child))
    return [item for item in out if item[0] != "text" or item[1]]
