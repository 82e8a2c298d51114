"""Translators are not trusted: a msgstr becomes document nodes its msgid's structure allows.

The msgstr is read by the linear inline reader (:func:`tarjama.segment.inlines.parse_inline`,
the only parser a translation meets) and rebuilt, node by node, as pandoc's JSON inlines:

- every character the translator wrote is in a ``Str`` (with ``Space`` between words):
  text, never markup, whatever it spells;
- emphasis and strong emphasis, and hard line breaks, when the msgid has that kind;
- links and images become references to the msgid's own (``TjRef``): their target,
  title and attributes are the msgid's, their text the translator's (a changed target
  is put back; a title the translator wrote is a plain string);
- code spans, ``$math$``, footnote references, autolinks and raw HTML tags equal to one
  of the msgid's become references to it; others are text.

The merge stage swaps each ``TjRef`` for the msgid's node as pandoc read it
(:mod:`tarjama.merge.document`). Bidirectional controls the msgid lacks, control
characters and noncharacters are dropped. :func:`clean` also says what it did, as
``(code, severity, message)`` problems that ``tarjama check`` reports: the build calls
the same function, so what check reports is what the build does.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tarjama.catalog.literal import (
    BIDI_CONTROLS,
    MESSAGES,
    Problem,
    drop_controls,
    drop_invisible,
    scan,
    smart,
)
from tarjama.segment.inlines import parse_inline
from tarjama.segment.nodes import Node, TooDeep, normalize_label, walk

Json = Any  # a pandoc JSON inline
ATOMS = ("link", "image", "code", "math", "note", "html")  # what a TjRef may name
_LABEL = re.compile(r"\[((?:[^\\\[\]]|\\.){1,999})\]")
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Context:
    """What a msgid's inline text may refer to in its article: reference definitions
    (normalised label -> target) and footnote labels. ``references`` None: every
    bracketed label of the msgid is taken for a reference (a catalog checked without
    its article); ``footnotes`` None: any label."""

    references: tuple[tuple[str, str], ...] | None = None
    footnotes: frozenset[str] | None = None


NO_ARTICLE = Context()


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A msgstr rebuilt as pandoc inlines (None: the source is shown), as plain text,
    and what was neutralised."""

    nodes: tuple[Json, ...] | None
    problems: tuple[Problem, ...] = ()
    text: str = ""


@dataclass
class Inventory:
    """What the msgid has, as the reader saw it: its atoms by kind in reading order (the
    order in which pandoc's nodes of the same kinds come), the kinds of markup it uses."""

    atoms: dict[str, list[Node]]
    kinds: set[str]
    references: dict[str, str]  # the labels the msgid's reference links use
    bidi: frozenset[str]
    text: str
    depth_error: str = ""


@lru_cache(maxsize=8192)
def inventory(msgid: str, context: Context = NO_ARTICLE) -> Inventory:
    """The :class:`Inventory` of *msgid* (its inline text) in *context*."""
    references = (
        dict(context.references)
        if context.references is not None
        else {
            normalize_label(m[1]): f"\0ref:{normalize_label(m[1])}" for m in _LABEL.finditer(msgid)
        }
    )
    found = Inventory({kind: [] for kind in ATOMS}, set(), {}, frozenset(), msgid)
    try:
        nodes = parse_inline(
            msgid, references=references, footnotes=context.footnotes, max_target=1 << 20
        )
    except TooDeep as exc:
        found.depth_error = str(exc)
        return found
    for node in walk(nodes):
        found.kinds.add(node.kind)
        kind = "link" if node.kind == "autolink" else node.kind
        if kind in found.atoms:
            found.atoms[kind].append(node)
        if node.ref is not None:
            found.references[node.ref] = node.dest
    found.bidi = frozenset(c for c in msgid if c in BIDI_CONTROLS)
    return found


@dataclass
class _Builder:
    """The rebuild's state: problems met, the msgid's atoms used so far."""

    source: Inventory
    problems: dict[str, dict[str, None]] = field(default_factory=dict)  # code -> details
    used: Counter[tuple[str, int]] = field(default_factory=Counter)
    spare: dict[str, list[int]] = field(default_factory=dict)  # kind -> lost target indexes
    added: int = 0  # links or images the msgid lacks
    before: str = " "  # the last character written (for quotes)
    plain: list[str] = field(default_factory=list)
    in_label: int = 0  # inside a link's text or an image's description

    def problem(self, code: str, detail: str) -> None:
        self.problems.setdefault(code, {})[detail] = None

    def findings(self) -> tuple[Problem, ...]:
        return tuple(
            (code, "error", MESSAGES[code].format(", ".join(details)))
            for code, details in self.problems.items()
        )

    def text(self, value: str, out: list[Json]) -> None:
        """*value* as ``Str`` and ``Space`` nodes, its characters cleaned."""
        value = drop_controls(value, self.problem, allowed=self.source.bidi)
        if self.in_label:
            value = drop_invisible(value, self.problem, allowed=frozenset(self.source.text))
        value = smart(value.replace("\n", " "), self.before)
        if not value:
            return
        self.plain.append(value)
        for index, word in enumerate(_SPACES.split(value)):
            if index:
                _space(out)
            if word:
                out.append({"t": "Str", "c": word})
        self.before = value[-1]

    def atom(self, kind: str, matches: Any) -> int | None:
        """The first of the msgid's *kind* atoms for which *matches* holds and that is
        not used up (each may be used as often as the msgid has it)."""
        atoms = self.source.atoms[kind]
        wanted = [i for i, node in enumerate(atoms) if matches(node)]
        for index in wanted:
            if self.used[kind, index] == 0:
                self.used[kind, index] += 1
                return index
        return None


def _space(out: list[Json]) -> None:
    if out and out[-1]["t"] != "Space":
        out.append({"t": "Space"})


def clean(msgid: str, msgstr: str, context: Context = NO_ARTICLE) -> Cleaned:
    r"""*msgstr* rebuilt from the nodes *msgid* allows, with what was neutralised.

    >>> [n["c"] for n in clean("Hello", "Bonjour <script>x</script>").nodes if n["t"] == "Str"]
    ['Bonjour', '<script>x</script>']
    >>> clean("See [a](x)", "[a](javascript:alert(1))").nodes[0]["t"]
    'TjRef'
    >>> clean("See [a](x)", "[a](x) [b](y)").nodes is None
    True
    """
    source = inventory(msgid, context)
    builder = _Builder(source)
    text = msgstr.replace("\r\n", "\n").replace("\r", "\n").strip()
    scan(text, builder.problem, msgid=msgid)
    if source.depth_error:
        builder.problem("nesting", f"the msgid: {source.depth_error}")
        return Cleaned(None, builder.findings())
    try:
        nodes = parse_inline(
            text, references=source.references, footnotes=None, max_target=_target_limit(source)
        )
    except TooDeep as exc:
        builder.problem("nesting", str(exc))
        return Cleaned(None, builder.findings())
    _lost_targets(builder, nodes)
    out = _emit(nodes, builder)
    while out and out[-1]["t"] == "Space":
        out.pop()
    for kind in ("link", "image"):  # every link and image, none added (autolinks aside)
        wanted = [i for i, atom in enumerate(source.atoms[kind]) if atom.kind != "autolink"]
        got = sum(1 for i in wanted if builder.used[kind, i])
        if got != len(wanted) or builder.added:
            builder.problem("links", f"{got} of {len(wanted)} {kind}s, {builder.added} added")
            return Cleaned(None, builder.findings())
    plain = "".join(builder.plain).strip()
    if _blank(plain) and not any(node["t"] == "TjRef" for node in out):
        return Cleaned(None, (*builder.findings(), _BLANK))  # an empty heading, say
    return Cleaned(tuple(out), builder.findings(), plain)


def clean_plain(msgid: str, msgstr: str) -> Cleaned:
    """*msgstr* as plain text (a front matter field or an interface string): the templates
    escape it; control characters, noncharacters, the bidi controls the msgid lacks and
    (for a title) invisible characters are dropped; a blank result is not used."""
    builder = _Builder(inventory(msgid))
    scan(msgstr, builder.problem, msgid=msgid, markdown=False)
    text = drop_controls(msgstr, builder.problem, allowed=builder.source.bidi)
    text = drop_invisible(text, builder.problem, allowed=frozenset(msgid))
    text = " ".join(text.split())
    if _blank(text) and msgid.strip():
        return Cleaned(None, (*builder.findings(), _BLANK))
    return Cleaned((), builder.findings(), text)


_BLANK = (
    "blank",
    "error",
    "msgstr is blank once control and invisible characters are removed (an empty heading "
    "or title); the source text is shown until it is translated",
)


def _blank(text: str) -> bool:
    """Whether *text* shows nothing: only spaces and invisible characters."""
    return all(unicodedata.category(c)[0] in "ZC" for c in text)


def _target_limit(source: Inventory) -> int:
    """How far the reader looks for a link's ``(target "title")`` in a msgstr: far enough
    for the msgid's own targets and a translated title, no further."""
    lengths = [
        len(n.dest) + len(n.title or "") for n in source.atoms["link"] + source.atoms["image"]
    ]
    return 2 * max(lengths, default=0) + 512


def _lost_targets(builder: _Builder, nodes: list[Node]) -> None:
    """Which of the msgid's link and image targets the msgstr does not name: a link
    whose target the translator changed gets the next of these (in the msgid's order)."""
    for kind in ("link", "image"):
        named = Counter(n.dest for n in walk(nodes) if n.kind == kind)
        left = []
        for index, atom in enumerate(builder.source.atoms[kind]):
            if atom.kind == "autolink":
                continue
            if named[atom.dest] > 0:
                named[atom.dest] -= 1
            else:
                left.append(index)
        builder.spare[kind] = left


def _emit(nodes: list[Node], builder: _Builder) -> list[Json]:
    """The pandoc inlines of *nodes* (depth bounded by the reader: recursion is safe)."""
    out: list[Json] = []
    for node in nodes:
        _node(node, builder, out)
    return out


def _node(node: Node, builder: _Builder, out: list[Json]) -> None:
    kind, source = node.kind, builder.source
    if kind == "text":
        builder.text(node.text, out)
    elif kind == "soft":
        _space(out)
        builder.before = " "
    elif kind == "hard":
        if "hard" in source.kinds:
            out.append({"t": "LineBreak"})
        else:
            _space(out)
        builder.before = " "
    elif kind in ("emph", "strong"):
        if kind in source.kinds:
            out.append(
                {"t": "Emph" if kind == "emph" else "Strong", "c": _emit(node.children, builder)}
            )
        else:
            builder.problem("emphasis", f"{kind} {node.raw}")
            builder.text(node.raw, out)
            out.extend(_emit(node.children, builder))
            builder.text(node.raw, out)
    elif kind in ("link", "image"):
        _target(node, builder, out)
    else:
        _leaf(node, builder, out)


def _leaf(node: Node, builder: _Builder, out: list[Json]) -> None:
    """A code span, math, a footnote reference, an autolink or raw HTML: the msgid's
    own when it has the same, else text."""
    kind = node.kind
    if kind == "code":
        found = builder.atom("code", lambda a: a.text == node.text)
        code = "code-spans"
    elif kind == "math":
        found = builder.atom("math", lambda a: (a.text, a.display) == (node.text, node.display))
        code = "math"
    elif kind == "note":
        found = builder.atom("note", lambda a: a.text == node.text)
        code = "footnotes"
    elif kind == "autolink":
        found = builder.atom("link", lambda a: a.kind == "autolink" and a.text == node.text)
        code = "autolink"
        kind = "link"
    else:
        found = builder.atom("html", lambda a: a.text == node.text)
        code = "raw-html"
    if found is None:
        builder.problem(code, node.raw.split()[0].rstrip(">") if code == "raw-html" else node.raw)
        builder.text(node.raw + node.attrs, out)
        return
    if node.attrs and node.attrs != builder.source.atoms[kind][found].attrs:
        builder.problem("attributes", node.attrs)
    out.append({"t": "TjRef", "c": [kind, found, None, None]})
    if node.attrs and node.attrs != builder.source.atoms[kind][found].attrs:
        builder.text(node.attrs, out)
    builder.before = "x"


def _target(node: Node, builder: _Builder, out: list[Json]) -> None:
    """A link or an image: the msgid's with the same target, else the next one whose
    target the msgstr lost, else none (the msgstr adds one: the source is shown)."""
    kind = node.kind
    found = builder.atom(kind, lambda a: a.kind == kind and a.dest == node.dest)
    if found is None and builder.spare.get(kind):
        found = builder.spare[kind].pop(0)
        builder.used[kind, found] += 1
    builder.in_label += 1
    children = _emit(node.children, builder)
    builder.in_label -= 1
    if found is None:
        builder.added += 1
        out.extend(children)
        return
    title = None
    if node.title is not None:
        title = " ".join(
            drop_controls(node.title, builder.problem, allowed=builder.source.bidi).split()
        )
    out.append({"t": "TjRef", "c": [kind, found, children, title]})
    atom = builder.source.atoms[kind][found]
    if node.attrs and node.attrs != atom.attrs:
        builder.problem("attributes", node.attrs)
        builder.text(node.attrs, out)


def references_of(labels: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """A :class:`Context`'s references from a mapping of labels to targets."""
    return tuple(sorted((normalize_label(k), v) for k, v in labels.items()))
