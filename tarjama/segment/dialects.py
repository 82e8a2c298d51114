"""The Markdown the documentation ecosystem writes, read as pandoc's fenced divs.

Admonitions come four ways, content tabs one::

    !!! note "Title"          Python-Markdown (mkdocs); ``???`` / ``???+`` collapsible
        Body, indented.
    /// note | Title          pymdownx blocks (``/// details``, ``/// tab``, ``////``...)
    Body
    ///
    > [!NOTE]                 GitHub alerts
    > Body
    ::: note                  pandoc's own
    Body
    :::
    === "Tab"                 pymdownx tabbed; consecutive tabs are one set
        Body, indented.

HTML images (``<img src=...>``) are read as Markdown images on the way
(:mod:`tarjama.segment.htmlimages`).

Each becomes a pandoc fenced div (``::: {.admonition .note}``, ``::: {.tabs}`` of
``::: {.tab}``) whose title, when it has one, is a ``::: title`` div of its own (pandoc's
structure for GitHub alerts): one line, so a segment the translator sees. The result
keeps every line's origin (its line in the file), so messages and PO references name
the author's lines; the fence lines are listed, so the block parser can read them as the
blank lines they are to it. Anything else passes through unchanged (an unknown
``/// html`` block stays text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tarjama.segment.htmlimages import html_images, image_line

# pymdownx's and GitHub's kinds, and their aliases, as the class the renderers know
KINDS = {
    "note": "note",
    "seealso": "note",
    "abstract": "abstract",
    "summary": "abstract",
    "tldr": "abstract",
    "info": "info",
    "todo": "info",
    "tip": "tip",
    "hint": "tip",
    "important": "important",
    "success": "success",
    "check": "success",
    "done": "success",
    "question": "question",
    "help": "question",
    "faq": "question",
    "warning": "warning",
    "caution": "caution",
    "attention": "warning",
    "failure": "failure",
    "fail": "failure",
    "missing": "failure",
    "danger": "danger",
    "error": "danger",
    "bug": "bug",
    "example": "example",
    "quote": "quote",
    "cite": "quote",
}
_BLOCK_KINDS = {*KINDS, "admonition", "details", "tab"}

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DIV = re.compile(r"^ {0,3}:{3,}(?:\s*(?:\{[^{}]*\}|[\w-]+))?\s*:*\s*$")
_ADMONITION = re.compile(
    r'^ {0,3}(!!!|\?\?\?\+?)[ \t]+([\w-]+)((?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*)")?\s*$'
)
_BLOCK = re.compile(r"^ {0,3}(/{3,})[ \t]*([\w-]+)[ \t]*(?:\|[ \t]*(.*?))?\s*$")
_ALERT = re.compile(r"^ {0,3}>[ \t]?\[!(note|tip|important|warning|caution)\][ \t]*$", re.I)
_TAB = re.compile(r'^ {0,3}===([+!]?)[ \t]+"(.*)"\s*$')
_OPTION = re.compile(r"^(?: {4}|\t)[\w-]+:")
_BLOCK_START = re.compile(r"^(?:[#>*+=-]|\d+[.)]|\||:|~~~|```)")

Line = tuple[int, str]  # (0-based line of the file, text)
MAX_DEPTH = 32  # admonitions and tabs within each other, at most


@dataclass
class Dialects:
    """A body in pandoc's syntax: its lines, each one's origin (0-based line of the file),
    the fence lines (index) and the title lines (index -> "admonition"/"tab")."""

    lines: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)
    fences: set[int] = field(default_factory=set)
    titles: dict[int, str] = field(default_factory=dict)

    def add(self, origin: int, text: str, *, fence: bool = False, title: str = "") -> None:
        if fence:
            self.fences.add(len(self.lines))
        if title:
            self.titles[len(self.lines)] = title
        self.lines.append(text)
        self.origin.append(origin)


def has_dialect(text: str) -> bool:
    """Whether *text* may hold a construct :func:`read_dialects` rewrites (a quick test).

    >>> has_dialect("Plain *text*.\\n"), has_dialect("!!! note\\n    x\\n")
    (False, True)
    """
    return any(mark in text for mark in ("!!!", "???", "///", "[!", ":::", "===", "<img"))


def read_dialects(lines: list[str], *, start: int = 0) -> Dialects:
    """*lines* (a body whose first line is line *start* of the file) in pandoc's syntax.

    >>> out = read_dialects(['!!! tip "Mind *this*"', "    Body.", "", "After."])
    >>> print("\\n".join(out.lines))
    ::: {.admonition .tip}
    <BLANKLINE>
    ::: title
    Mind *this*
    :::
    <BLANKLINE>
    Body.
    <BLANKLINE>
    :::
    <BLANKLINE>
    <BLANKLINE>
    After.
    >>> out.origin, sorted(out.titles)
    ([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 3], [3])
    """
    out = Dialects()
    _Reader(out).blocks([(start + i, text) for i, text in enumerate(lines)])
    return out


class TooDeep(Exception):
    """Admonitions or tabs nested more than :data:`MAX_DEPTH` deep, from line *origin*."""

    def __init__(self, origin: int) -> None:
        super().__init__(origin)
        self.origin = origin


class _Reader:
    def __init__(self, out: Dialects) -> None:
        self.out = out
        self.depth = 0

    def blocks(self, lines: list[Line]) -> None:
        """Write *lines* to the output, rewriting the constructs they hold."""
        if lines and self.depth > MAX_DEPTH:
            raise TooDeep(lines[0][0])
        self.depth += 1
        self._blocks(lines)
        self.depth -= 1

    def _blocks(self, lines: list[Line]) -> None:
        index = 0
        while index < len(lines):
            origin, text = lines[index]
            fence = _FENCE.match(text)
            if fence:
                index = self._code(lines, index, fence.group(1))
            elif match := _ADMONITION.match(text):
                index = self._indented_admonition(lines, index, match)
            elif (match := _BLOCK.match(text)) and match.group(2).lower() in _BLOCK_KINDS:
                index = self._block(lines, index, match)
            elif _ALERT.match(text):
                index = self._alert(lines, index)
            elif _TAB.match(text):
                index = self._tabs(lines, index)
            elif _DIV.match(text):
                self.out.add(origin, text, fence=True)
                index += 1
            else:
                if "<img" in text.lower() and image_line(lines, index):
                    text = html_images(text)
                self.out.add(origin, text)
                index += 1

    def _code(self, lines: list[Line], index: int, marker: str) -> int:
        """A fenced code block, copied as it is; returns the index after it."""
        self.out.add(*lines[index])
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}\s*$")
        index += 1
        while index < len(lines):
            self.out.add(*lines[index])
            index += 1
            if closing.match(lines[index - 1][1]):
                break
        return index

    def _open(self, origin: int, classes: list[str], title: str | None, kind: str) -> None:
        """A div's opening fence and, when *title* is not None, its title div."""
        self.out.add(origin, "::: {" + " ".join(f".{c}" for c in classes) + "}", fence=True)
        self.out.add(origin, "")
        if title:
            self.out.add(origin, "::: title", fence=True)
            self.out.add(origin, _one_line(title), title=kind)
            self.out.add(origin, ":::", fence=True)
            self.out.add(origin, "")

    def _close(self, origin: int) -> None:
        self.out.add(origin, "")
        self.out.add(origin, ":::", fence=True)
        self.out.add(origin, "")

    def _admonition(
        self,
        origin: int,
        kind: str,
        title: str | None,
        body: list[Line],
        extra: tuple[str, ...] = (),
    ) -> None:
        own = [_cls(kind)] if kind not in KINDS and _cls(kind) else []  # a custom kind
        classes = ["admonition", KINDS.get(kind, "note"), *own, *extra]
        if title == "":
            classes.append("untitled")
        self._open(origin, classes, title, "admonition")
        self.blocks(body)
        self._close(body[-1][0] if body else origin)

    def _indented_admonition(self, lines: list[Line], index: int, match: re.Match[str]) -> int:
        marker, kind, words, title = match.groups()
        body, after = _indented(lines, index + 1)
        extra = ["collapsible"] if marker.startswith("???") else []
        if marker == "???+":
            extra.append("open")
        extra += [_cls(word) for word in words.split() if _cls(word)]
        self._admonition(lines[index][0], kind.lower(), title, body, tuple(extra))
        return after

    def _block(self, lines: list[Line], index: int, match: re.Match[str]) -> int:
        slashes, kind, title = match.group(1), match.group(2).lower(), match.group(3)
        closing = re.compile(rf"^ {{0,3}}/{{{len(slashes)}}}\s*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end][1]):
            fence = _FENCE.match(lines[end][1])
            end = self._skip_code(lines, end, fence.group(1)) if fence else end + 1
        if end >= len(lines):  # never closed: not a block, text
            self.out.add(*lines[index])
            return index + 1
        options: dict[str, str] = {}
        first = index + 1
        while first < end and _OPTION.match(lines[first][1]):
            key, _, value = lines[first][1].strip().partition(":")
            options[key.strip()] = value.strip().strip("'\"")
            first += 1
        body = lines[first:end]
        if kind == "tab":
            return self._tabs(lines, index)
        extra: tuple[str, ...] = ()
        if kind == "details":
            kind = options.get("type", "note").lower()
            extra = ("collapsible", "open") if options.get("open") == "true" else ("collapsible",)
        elif kind == "admonition":
            kind = options.get("type", "note").lower()
        self._admonition(lines[index][0], kind, title or None, body, extra)
        return end + 1

    def _skip_code(self, lines: list[Line], index: int, marker: str) -> int:
        closing = re.compile(rf"^ {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}\s*$")
        index += 1
        while index < len(lines) and not closing.match(lines[index][1]):
            index += 1
        return index + 1

    def _alert(self, lines: list[Line], index: int) -> int:
        kind = _ALERT.match(lines[index][1]).group(1).lower()  # type: ignore[union-attr]
        end = index + 1
        body = []
        while end < len(lines) and lines[end][1].lstrip(" ").startswith(">"):
            origin, text = lines[end]
            text = text.lstrip(" ")[1:]
            body.append((origin, text[1:] if text.startswith(" ") else text))
            end += 1
        self._admonition(lines[index][0], kind, None, body)
        return end

    def _tabs(self, lines: list[Line], index: int) -> int:
        """A set of consecutive tabs (``=== "Title"`` or ``/// tab | Title``)."""
        tabs: list[tuple[int, str, list[Line]]] = []
        while True:
            origin, text = lines[index]
            tab = _TAB.match(text)
            if tab:
                if tabs and tab.group(1) == "!":
                    break  # a new set
                body, index = _indented(lines, index + 1)
                tabs.append((origin, tab.group(2), body))
            else:
                block = _BLOCK.match(text)
                if not block or block.group(2).lower() != "tab":
                    break
                closing = re.compile(rf"^ {{0,3}}/{{{len(block.group(1))}}}\s*$")
                end = index + 1
                while end < len(lines) and not closing.match(lines[end][1]):
                    end += 1
                if end >= len(lines):
                    break
                first = index + 1
                new = False
                while first < end and _OPTION.match(lines[first][1]):
                    new = new or lines[first][1].split(":", 1)[1].strip() == "true"
                    first += 1
                if tabs and new:
                    break
                tabs.append((origin, block.group(3) or "", lines[first:end]))
                index = end + 1
            after = index
            while after < len(lines) and not lines[after][1].strip():
                after += 1
            if after >= len(lines) or not (
                _TAB.match(lines[after][1])
                or ((b := _BLOCK.match(lines[after][1])) and b.group(2).lower() == "tab")
            ):
                break
            index = after
        if not tabs:
            self.out.add(*lines[index])
            return index + 1
        self._open(tabs[0][0], ["tabs"], None, "")
        for origin, title, body in tabs:
            self._open(origin, ["tab"], title.strip() or None, "tab")
            self.blocks(body)
            self._close(body[-1][0] if body else origin)
        self._close(tabs[-1][2][-1][0] if tabs[-1][2] else tabs[-1][0])
        return index


def _indented(lines: list[Line], index: int) -> tuple[list[Line], int]:
    """The lines from *index* indented by four spaces (or a tab), blank lines among them,
    dedented; and the index after them (trailing blank lines are not the body's)."""
    body: list[Line] = []
    end = index
    while end < len(lines):
        origin, text = lines[end]
        expanded = text.expandtabs(4)
        if expanded.strip() and not expanded.startswith("    "):
            break
        body.append((origin, expanded[4:] if expanded.strip() else ""))
        end += 1
    while body and not body[-1][1].strip():
        body.pop()
        end -= 1
    return body, index + len(body)


def _one_line(title: str) -> str:
    """A title as the paragraph line it becomes (a leading block marker escaped)."""
    title = title.strip()
    return "\\" + title if _BLOCK_START.match(title) else title


def _cls(word: str) -> str:
    return re.sub(r"[^a-z0-9-]", "", word.lower())
