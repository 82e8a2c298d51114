"""A segment's inline Markdown as a tree, read in linear time and without recursion.

This reader sees the inline constructs a segment can carry (emphasis, strong emphasis,
code spans, ``$math$``, links and images, inline or by reference, autolinks, footnote
references, raw HTML tags, hard breaks) with CommonMark's rules, the way pandoc's
``commonmark_x`` reads them. It is what reads a msgid's markup and, above all, a
translator's msgstr: the only parser a translation ever meets, so it is built to be
cheap whatever it is fed.

- Every construct is found with bounded look-ahead: code spans and math by an index of
  their possible closers, link targets by a scan no longer than *max_target*, raw HTML by
  a pattern applied to a bounded window; emphasis by CommonMark's delimiter algorithm,
  which is linear; brackets by a stack whose openers are each pushed and popped once.
- Nodes live in linked lists, so wrapping a run of them in emphasis or a link is O(1);
  the tree is read out with an explicit stack, and a tree deeper than *max_depth*
  raises :class:`TooDeep` instead of recursing with the input.
- Entities are not decoded: ``&#10;`` is seven characters of text.
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Mapping

from tarjama.segment.cells import Bracket, Cell, CellList, Delim, to_tree
from tarjama.segment.nodes import (
    MAX_DEPTH,
    Node,
    is_punct,
    is_space,
    normalize_label,
)
from tarjama.segment.targets import link_target

_TEXT = re.compile(r"[^\n\\`*_\[\]!<$]+")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_LABEL = re.compile(r"\[((?:[^\\\[\]]|\\.){0,999})\]", re.S)
_FOOTNOTE = re.compile(r"\[\^([^\]\s\[]{1,999})\]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x00-\x20]*)>")
_EMAIL = re.compile(
    r"<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>"
)
_ATTR_VALUE = r"(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\")"
_HTML = re.compile(
    r"<[A-Za-z][A-Za-z0-9-]*(?:[ \t\n]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t\n]*=[ \t\n]*"
    + _ATTR_VALUE
    + r")?)*[ \t\n]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t\n]*>|<!--(?:-?>|[\s\S]*?-->)"
    r"|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?\]\]>"
)
_HTML_WINDOW = 1024  # raw HTML longer than this is text (an author's tags are short)
_ATTRS = re.compile(r"\{[^{}\n]{0,512}\}")
_SPACE = " \t"


class _Reader(CellList):
    """One pass over *text*; see :func:`parse_inline`."""

    def __init__(
        self,
        text: str,
        references: Mapping[str, str] | None,
        footnotes: frozenset[str] | None,
        max_target: int,
    ) -> None:
        self.s, self.pos = text, 0
        self.references, self.footnotes, self.max_target = references, footnotes, max_target
        super().__init__()
        self.brackets: Bracket | None = None
        self.barrier = 0  # openers below this many brackets cannot make a link (no nesting)
        self.depth = 0  # brackets on the stack
        self._backticks: dict[int, list[int]] | None = None
        self._dollars: list[int] | None = None
        self._found: dict[str, tuple[int, int]] = {}  # needle -> (searched from, found at)

    # -- reading ----------------------------------------------------------------------

    def run(self) -> Cell:
        s, n = self.s, len(self.s)
        while self.pos < n:
            char = s[self.pos]
            if char == "\n":
                self.newline()
            elif char == "\\":
                self.backslash()
            elif char == "`":
                self.backticks()
            elif char in "*_":
                self.delimiter(char)
            elif char == "[":
                self.open_bracket(image=False)
            elif char == "!":
                if s.startswith("![", self.pos):
                    self.open_bracket(image=True)
                else:
                    self.text("!")
                    self.pos += 1
            elif char == "]":
                self.close_bracket()
            elif char == "<":
                self.angle()
            elif char == "$":
                self.dollars()
            else:
                match = _TEXT.match(s, self.pos)
                assert match is not None
                self.text(match.group(0))
                self.pos = match.end()
        self.emphasis(None)
        return self.root

    def newline(self) -> None:
        self.flush()
        last = self.root.last
        hard = False
        if last is not None and last.kind == "text" and not last.raw and last.text.endswith(" "):
            stripped = last.text.rstrip(" ")
            hard = len(last.text) - len(stripped) >= 2
            last.text = stripped
            if not stripped:
                self.unlink(last)
        self.append(Cell("hard" if hard else "soft"))
        self.pos += 1
        while self.pos < len(self.s) and self.s[self.pos] in _SPACE:
            self.pos += 1

    def backslash(self) -> None:
        s, pos = self.s, self.pos
        following = s[pos + 1 : pos + 2]
        if following == "\n":
            self.append(Cell("hard"))
            self.pos += 2
            while self.pos < len(s) and s[self.pos] in _SPACE:
                self.pos += 1
        elif following and following in _ESCAPABLE:
            self.text(following)
            self.pos += 2
        else:
            self.text("\\")
            self.pos += 1

    def backticks(self) -> None:
        s, start = self.s, self.pos
        end = start
        while end < len(s) and s[end] == "`":
            end += 1
        length = end - start
        if self._backticks is None:  # every run of backticks, by length, once
            self._backticks = {}
            for match in re.finditer(r"`+", s):
                self._backticks.setdefault(len(match.group(0)), []).append(match.start())
        runs = self._backticks.get(length, [])
        at = bisect.bisect_right(runs, start)
        if at == len(runs):
            self.append(Cell("text", s[start:end], raw=s[start:end]))
            self.pos = end
            return
        close = runs[at]
        content = s[end:close].replace("\n", " ")
        if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
            content = content[1:-1]
        cell = self.append(Cell("code", content, raw=s[start : close + length]))
        self.pos = close + length
        self.attributes(cell)

    def dollars(self) -> None:
        s, start = self.s, self.pos
        if s.startswith("$$", start):
            close = self.find("$$", start + 2)
            if close > start + 2 and "\n\n" not in s[start + 2 : close]:
                raw = s[start : close + 2]
                self.math(s[start + 2 : close], raw, display=True)
                self.pos = close + 2
                return
            self.text("$$")
            self.pos = start + 2
            return
        following = s[start + 1 : start + 2]
        if following and not is_space(following):
            if self._dollars is None:  # where a closing $ may stand: after a non-space
                self._dollars = [
                    m.start()
                    for m in re.finditer(r"(?<=[^\s\\])\$(?![0-9$])", s)
                    if s[m.start() - 1] != "$"
                ]
            at = bisect.bisect_right(self._dollars, start + 1)
            if at < len(self._dollars):
                close = self._dollars[at]
                if "\n\n" not in s[start + 1 : close]:
                    self.math(s[start + 1 : close], s[start : close + 1], display=False)
                    self.pos = close + 1
                    return
        self.text("$")
        self.pos = start + 1

    def math(self, content: str, raw: str, *, display: bool) -> None:
        cell = self.append(Cell("math", content, raw=raw))
        cell.display = display

    def find(self, needle: str, start: int) -> int:
        """``s.find(needle, start)``, remembered: a search is never repeated over text
        already searched (linear time however often it is asked)."""
        searched, found = self._found.get(needle, (-1, -2))
        if searched <= start and (found >= start or found == -1):
            return found
        found = self.s.find(needle, start)
        self._found[needle] = (start, found)
        return found

    def attributes(self, cell: Cell) -> None:
        """A ``{...}`` right after *cell*: kept with it (pandoc reads it as attributes)."""
        if self.s.startswith("{", self.pos):
            match = _ATTRS.match(self.s, self.pos)
            if match is not None:
                cell.attrs = match.group(0)
                self.pos = match.end()

    def delimiter(self, char: str) -> None:
        s, start = self.s, self.pos
        end = start
        while end < len(s) and s[end] == char:
            end += 1
        before = s[start - 1] if start else "\n"
        after = s[end] if end < len(s) else "\n"
        after_space, before_space = is_space(after), is_space(before)
        after_punct, before_punct = is_punct(after), is_punct(before)
        left = not after_space and (not after_punct or before_space or before_punct)
        right = not before_space and (not before_punct or after_space or after_punct)
        if char == "_":
            can_open = left and (not right or before_punct)
            can_close = right and (not left or after_punct)
        else:
            can_open, can_close = left, right
        cell = self.append(Cell("text", s[start:end], raw=s[start:end]))
        self.pos = end
        if can_open or can_close:
            delim = Delim(cell, char, end - start, can_open, can_close)
            delim.prev = self.delims
            if self.delims is not None:
                self.delims.next = delim
            self.delims = delim

    def open_bracket(self, *, image: bool) -> None:
        s, start = self.s, self.pos
        if not image and s.startswith("[^", start):
            match = _FOOTNOTE.match(s, start)
            if match is not None and (self.footnotes is None or match[1] in self.footnotes):
                self.append(Cell("note", match[1], raw=match.group(0)))
                self.pos = match.end()
                return
        width = 2 if image else 1
        cell = self.append(Cell("text", s[start : start + width], raw=s[start : start + width]))
        bracket = Bracket(cell, start + width, image, self.delims)
        bracket.prev = self.brackets
        self.brackets = bracket
        self.depth += 1
        self.pos = start + width

    def pop_bracket(self) -> None:
        assert self.brackets is not None
        self.brackets = self.brackets.prev
        self.depth -= 1
        self.barrier = min(self.barrier, self.depth)

    def close_bracket(self) -> None:
        opener = self.brackets
        self.pos += 1
        if opener is None:
            self.text("]")
            return
        if not opener.image and self.depth <= self.barrier:  # inside a link: no link
            self.pop_bracket()
            self.text("]")
            return
        after = self.pos
        target = self.inline_target() or self.reference(opener, after)
        if target is None:
            self.pop_bracket()
            self.pos = after
            self.text("]")
            return
        dest, title, ref = target
        self.emphasis(opener.delim)
        cell = self.wrap("image" if opener.image else "link", opener.cell, None)
        cell.dest, cell.title, cell.ref = dest, title, ref
        self.unlink(opener.cell)
        self.pop_bracket()
        if not opener.image:
            self.barrier = self.depth  # links cannot contain links
        self.attributes(cell)

    def inline_target(self) -> tuple[str, str | None, None] | None:
        """``(destination "title")`` at the position, within *max_target* characters."""
        found = link_target(self.s, self.pos, min(len(self.s), self.pos + self.max_target))
        if found is None:
            return None
        dest, title, self.pos = found
        return dest, title, None

    def reference(self, opener: Bracket, after: int) -> tuple[str, None, str] | None:
        """A full, collapsed or shortcut reference link closing at *after*."""
        s = self.s
        label = None
        match = _LABEL.match(s, after)
        if match is not None and match.group(1).strip():
            label, self.pos = match.group(1), match.end()
        else:
            if match is not None:  # "[]": collapsed
                self.pos = match.end()
            if after - 1 - opener.index <= 999:
                label = s[opener.index : after - 1]
        if label is None or not label.strip():
            return None
        key = normalize_label(label)
        if self.references is None or key not in self.references:
            return None
        return self.references[key], None, key

    def angle(self) -> None:
        s, pos = self.s, self.pos
        match = _AUTOLINK.match(s, pos) or _EMAIL.match(s, pos)
        if match is not None:
            self.append(Cell("autolink", match.group(1), raw=match.group(0)))
            self.pos = match.end()
            return
        match = _HTML.match(s, pos, pos + _HTML_WINDOW)
        if match is not None:
            self.append(Cell("html", match.group(0), raw=match.group(0)))
            self.pos = match.end()
            return
        self.text("<")
        self.pos += 1


def parse_inline(
    text: str,
    *,
    references: Mapping[str, str] | None = None,
    footnotes: frozenset[str] | None = None,
    max_target: int = 4096,
    max_depth: int = MAX_DEPTH,
) -> list[Node]:
    """The inline nodes of *text*.

    *references* maps normalised labels to link targets (reference links with other
    labels are text); *footnotes* are the labels ``[^label]`` may name (None: any);
    a link's ``(target "title")`` longer than *max_target* is text.

    >>> [n.kind for n in parse_inline("a *b* [c](d) `e`")]
    ['text', 'emph', 'text', 'link', 'text', 'code']
    >>> parse_inline("**" * 40 + "x" + "**" * 40)
    Traceback (most recent call last):
    ...
    tarjama.segment.nodes.TooDeep: markup nested 40 deep (at most 24)
    """
    # The cells link to each other (cycles): with the collector on, a long text makes it
    # walk every cell again and again. Nothing here outlives the call, so it stays off.
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = _Reader(text, references, footnotes, max_target).run()
        return to_tree(root, max_depth)
    finally:
        if collecting:
            gc.enable()
