"""Admonitions and content tabs, as each format shows them.

The segment stage reads the ecosystem's four admonition syntaxes and its content tabs
into pandoc divs (:mod:`tarjama.segment.dialects`): ``Div .admonition .<kind>`` (with
``.collapsible``, ``.open``, ``.untitled``) and ``Div .tabs`` of ``Div .tab``, each with
its title, when it has one, in a child ``Div .title``. A div pandoc itself reads as one
(``::: warning``, a GitHub alert's kinds) is an admonition too.

Here they take their final shape: for the site, an admonition is a ``role="note"``
block with its title (a collapsible one a ``<details>`` with a ``<summary>``), and
content tabs a set of titled panels that ``site.js`` turns into a tab list; in the
EPUB every one is open, a titled block; in the PDF the template's ``admonition``
function. An admonition without a title of its own is titled by its kind, in the
edition's language (interface strings: "Note", "Warning"...). Only tarjama writes the
raw markup here, from the classes the source chose among those it knows: a
translation never reaches it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Literal

from tarjama.core.strings import ADMONITIONS
from tarjama.render.contract import Edition
from tarjama.render.document.ast import Json, rewrite

# kind -> its default title (an interface string)
LABELS = {label.lower(): label for label in ADMONITIONS}
MARKERS = ('"admonition"', '"tabs"', *(f'"{kind}"' for kind in LABELS))  # a quick test
Target = Literal["html", "xhtml", "typst"]


def labels(edition: Edition) -> tuple[Callable[[str], str], str | None]:
    """What :func:`shape` needs of *edition*: its translation of the default titles, and
    the source language an untranslated one is in (None in the source's own edition)."""
    other = edition.lang != edition.source_lang
    return edition.gettext, edition.source_lang if other else None


def kind_of(node: Json) -> str | None:
    """The kind of an admonition Div (None for any other node)."""
    if not isinstance(node, dict) or node.get("t") != "Div":
        return None
    classes = node["c"][0][1]
    if "admonition" in classes:
        return next((c for c in classes if c in LABELS), "note")
    return classes[0] if classes and classes[0] in LABELS else None


def may_have(document: str) -> bool:
    """Whether pandoc JSON *document* may hold an admonition or tabs (a quick test)."""
    return any(marker in document for marker in MARKERS)


def shape(
    blocks: list[Json],
    target: Target,
    label: Callable[[str], str],
    source_lang: str | None = None,
) -> list[Json]:
    """*blocks* with their admonitions and tabs in *target*'s shape; *label* translates
    a default title ("Note"); one it leaves untranslated is marked as *source_lang*."""

    def change(node: Json) -> list[Json] | None:
        if not isinstance(node, dict) or node.get("t") != "Div":
            return None
        classes = node["c"][0][1]
        if "tabs" in classes:
            return _tabs(node, target)
        kind = kind_of(node)
        if kind is None:
            return None
        title, body = _title(node)
        if title is None and "untitled" not in classes:
            text = label(LABELS[kind])
            title = [{"t": "Str", "c": text}]
            if text == LABELS[kind] and source_lang:  # untranslated: say its language
                marks = [["lang", source_lang], ["dir", "ltr"]]
                title = [{"t": "Span", "c": [["", [], marks], title]}]
        return _admonition(kind, classes, title, body, target)

    result: list[Json] = rewrite(blocks, change)
    return result


def _title(node: Json) -> tuple[list[Json] | None, list[Json]]:
    """A div's title (the inlines of its ``.title`` child, None without one) and its other
    blocks."""
    children = node["c"][1]
    for index, child in enumerate(children):
        if child.get("t") == "Div" and "title" in child["c"][0][1]:
            inlines = [i for b in child["c"][1] if b["t"] in ("Para", "Plain") for i in b["c"]]
            return inlines, children[:index] + children[index + 1 :]
    return None, children


def _raw(target: Target, text: str) -> Json:
    return {"t": "RawBlock", "c": ["html" if target != "typst" else "typst", text]}


def _admonition(
    kind: str, classes: list[str], title: list[Json] | None, body: list[Json], target: Target
) -> list[Json]:
    if target == "typst":
        return _typst_box(f"#admonition(kind: {json.dumps(kind)}, ", title, body)
    names = ["admonition", kind]
    if target == "html" and "collapsible" in classes:
        opened = " open" if "open" in classes else ""
        summary = title or [{"t": "Str", "c": kind.capitalize()}]
        return [
            _raw(target, f'<details class="{" ".join(names)}"{opened}>'),
            _raw(target, "<summary>"),
            {"t": "Plain", "c": summary},
            _raw(target, "</summary>"),
            *body,
            _raw(target, "</details>"),
        ]
    head = [] if title is None else [_titled("admonition-title", title)]
    return [{"t": "Div", "c": [["", names, [["role", "note"]]], [*head, *body]]}]


def _typst_box(call: str, title: list[Json] | None, body: list[Json]) -> list[Json]:
    """A call of one of the template's boxes: ``call title: [...])[body]``."""
    if title is None:
        return [_raw("typst", f"{call}title: none)["), *body, _raw("typst", "]")]
    plain = {"t": "Plain", "c": title}
    return [
        _raw("typst", f"{call}title: ["),
        plain,
        _raw("typst", "])["),
        *body,
        _raw("typst", "]"),
    ]


def _titled(name: str, title: list[Json]) -> Json:
    return {"t": "Div", "c": [["", [name], []], [{"t": "Para", "c": title}]]}


def _tabs(node: Json, target: Target) -> list[Json]:
    """A set of tabs: titled panels (the site's script makes them a tab list)."""
    panels: list[Json] = []
    for child in node["c"][1]:
        if child.get("t") != "Div" or "tab" not in child["c"][0][1]:
            panels.append(child)
            continue
        title, body = _title(child)
        if target == "typst":
            panels += _typst_box("#tab-panel(", title, body)
            continue
        head = [] if title is None else [_titled("tab-title", title)]
        panels.append({"t": "Div", "c": [["", ["tab"], []], [*head, *body]]})
    if target == "typst":
        return panels
    return [{"t": "Div", "c": [["", ["tabs"], []], panels]}]
