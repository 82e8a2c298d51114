"""XLIFF 2.1: the same units as the 1.2 files, in 2.x's core and matches module.

:func:`to_v2` turns the 1.2 document :mod:`tarjama.catalog.cat.xliff` writes into 2.1:
a ``<unit>`` per entry, its notes (the kind of block, the author's, the references as
``category="location"``), the codes' Markdown in ``<originalData>`` (``<pc
dataRefStart dataRefEnd>`` for paired codes, ``<ph dataRef>`` for standalone ones, so a
CAT tool shows and protects them), one ``<segment>`` with ``state`` initial or
translated, and a fuzzy translation as a suggestion in the matches module
(``<mtc:match>``), never as a target. :func:`from_v2` reads a returned 2.x file back
into the 1.2 shape the import checks (``pc`` as ``g``, ``ph`` as ``x``, the same ids),
each unit with its line in the file, so findings name the returned file's lines.
"""

from __future__ import annotations

from lxml import etree

from tarjama.catalog.cat.codes import _X, Code

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
MATCHES = "urn:oasis:names:tc:xliff:matches:2.0"
_N = f"{{{XLIFF2}}}"
_M = f"{{{MATCHES}}}"


def to_v2(document: etree._Element, by_unit: dict[str, dict[str, Code]]) -> etree._Element:
    """The 2.1 document of a 1.2 *document* whose units have the codes *by_unit*."""
    file12 = document.find(_X + "file")
    assert file12 is not None
    root = etree.Element(_N + "xliff", nsmap={None: XLIFF2, "mtc": MATCHES}, version="2.1")
    root.set("srcLang", file12.get("source-language", ""))
    root.set("trgLang", file12.get("target-language", ""))
    file = etree.SubElement(root, _N + "file", id="f1", original=file12.get("original", ""))
    for unit12 in file12.iter(_X + "trans-unit"):
        ident = unit12.get("id", "")
        codes = by_unit.get(ident, {})
        unit = etree.SubElement(file, _N + "unit", id=ident)
        if unit12.get("resname"):
            unit.set("name", unit12.get("resname", ""))
        alt = unit12.find(f"{_X}alt-trans/{_X}target")
        if alt is not None:
            matches = etree.SubElement(unit, _M + "matches")
            match = etree.SubElement(matches, _M + "match", ref="#s1", origin="tarjama")
            match.set("matchQuality", "50")
            _content(etree.SubElement(match, _N + "source"), unit12.find(_X + "source"), codes)
            _content(etree.SubElement(match, _N + "target"), alt, codes)
        notes = [n.text or "" for n in unit12.iter(_X + "note")]
        where = [c.text or "" for c in unit12.iter(_X + "context")]
        places = [f"{a}:{b}" for a, b in zip(where[::2], where[1::2], strict=False)]
        if notes or places:
            holder = etree.SubElement(unit, _N + "notes")
            for text in notes:
                etree.SubElement(holder, _N + "note", category="developer").text = text
            for text in places:
                etree.SubElement(holder, _N + "note", category="location").text = text
        if codes:
            data = etree.SubElement(unit, _N + "originalData")
            for code in codes.values():
                if code.kind == "g":
                    etree.SubElement(data, _N + "data", id=f"d{code.id}s").text = code.opening
                    etree.SubElement(data, _N + "data", id=f"d{code.id}e").text = code.closing
                else:
                    etree.SubElement(data, _N + "data", id=f"d{code.id}").text = code.opening
        target12 = unit12.find(_X + "target")
        translated = target12 is not None and target12.get("state") == "translated"
        segment = etree.SubElement(unit, _N + "segment", id="s1")
        segment.set("state", "translated" if translated else "initial")
        _content(etree.SubElement(segment, _N + "source"), unit12.find(_X + "source"), codes)
        if target12 is not None:
            _content(etree.SubElement(segment, _N + "target"), target12, codes)
        for content in unit.iter(_N + "source", _N + "target"):  # marks numbered in order
            for number, mark in enumerate(content.iter(_N + "mrk"), start=1):
                mark.set("id", f"m{number}")
    return root


def _content(out: etree._Element, element: etree._Element | None, codes: dict[str, Code]) -> None:
    """*element*'s 1.2 content (``g``, ``x``, ``mrk``) as 2.x content in *out*."""
    if element is None:
        return
    out.text = element.text
    for child in element:
        out.append(_convert(child, codes))


def _convert(node: etree._Element, codes: dict[str, Code]) -> etree._Element:
    name = etree.QName(node).localname
    ident = node.get("id", "")
    if name == "x":
        made = etree.Element(_N + "ph", id=ident, dataRef=f"d{ident}")
        made.set("canCopy", "no")
    elif name == "g":
        made = etree.Element(_N + "pc", id=ident, dataRefStart=f"d{ident}s")
        made.set("dataRefEnd", f"d{ident}e")
        made.set("canOverlap", "no")
        _content(made, node, codes)
    elif node.get("mtype") == "term":  # a glossary term, what the glossary says as value
        made = etree.Element(_N + "mrk", id="m", type="term", value=node.get("comment", ""))
        _content(made, node, codes)
    else:  # markup the msgid lacks: its text
        made = etree.Element(_N + "mrk", id="m", translate="yes")
        _content(made, node, codes)
    made.tail = node.tail
    return made


def from_v2(root: etree._Element) -> etree._Element:
    """A returned 2.x document in the 1.2 shape the import reads (lines kept)."""
    out = etree.Element(_X + "xliff", version="1.2")
    for file in root.iter(_N + "file"):
        file12 = etree.SubElement(out, _X + "file", original=file.get("original", ""))
        file12.set("target-language", root.get("trgLang", ""))
        file12.set("x-line", str(file.sourceline or 1))
        body = etree.SubElement(file12, _X + "body")
        for unit in file.iter(_N + "unit"):
            unit12 = etree.SubElement(body, _X + "trans-unit", id=unit.get("id", ""))
            segment = unit.find(_N + "segment")
            target = segment.find(_N + "target") if segment is not None else None
            unit12.set("x-line", str((target if target is not None else unit).sourceline or 1))
            if target is not None:
                target12 = etree.SubElement(unit12, _X + "target")
                _back(target12, target)
    return out


def _back(out: etree._Element, element: etree._Element) -> None:
    """2.x content as 1.2: ``pc`` as ``g``, ``ph`` as ``x``, other markup read through
    (as an element of its own, which the import reads through too)."""
    out.text = element.text
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        tag = {"pc": "g", "ph": "x", "sc": "x", "ec": "x"}.get(name, "mrk")
        made = etree.SubElement(out, _X + tag)
        if tag != "mrk":
            made.set("id", child.get("id", ""))
        if tag in ("g", "mrk"):
            _back(made, child)
        made.tail = child.tail
