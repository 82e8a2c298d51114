"""The linked lists an inline reader builds: cells, emphasis delimiters, brackets.

:class:`CellList` keeps a run of inline cells as a doubly linked list, so that wrapping
a stretch of them in emphasis or a link costs O(1) however long the stretch; it also runs
CommonMark's "process emphasis" algorithm (linear: each delimiter is dropped once, and
the openers already tried for a kind of closer are never tried again), and reads the
cells out as a tree with an explicit stack, refusing a tree deeper than asked.
"""

from __future__ import annotations

from tarjama.segment.nodes import Node, TooDeep


class Cell:
    """A node while the text is read: linked to its siblings, its children a linked run."""

    __slots__ = (
        "attrs",
        "dest",
        "display",
        "first",
        "kind",
        "last",
        "next",
        "prev",
        "raw",
        "ref",
        "text",
        "title",
    )

    def __init__(self, kind: str, text: str = "", raw: str = "") -> None:
        self.kind, self.text, self.raw = kind, text, raw
        self.prev: Cell | None = None
        self.next: Cell | None = None
        self.first: Cell | None = None
        self.last: Cell | None = None
        self.dest = ""
        self.title: str | None = None
        self.ref: str | None = None
        self.attrs = ""
        self.display = False


class Delim:
    __slots__ = ("can_close", "can_open", "cell", "char", "count", "next", "orig", "prev")

    def __init__(self, cell: Cell, char: str, count: int, can_open: bool, can_close: bool):
        self.cell, self.char, self.count, self.orig = cell, char, count, count
        self.can_open, self.can_close = can_open, can_close
        self.prev: Delim | None = None
        self.next: Delim | None = None


class Bracket:
    __slots__ = ("cell", "delim", "image", "index", "prev")

    def __init__(self, cell: Cell, index: int, image: bool, delim: Delim | None):
        self.cell, self.index, self.image, self.delim = cell, index, image, delim
        self.prev: Bracket | None = None


class CellList:
    """The cells read so far (under ``root``) and the emphasis delimiters among them."""

    def __init__(self) -> None:
        self.root = Cell("root")
        self.delims: Delim | None = None
        self.pending: list[str] = []  # plain text read since the last cell (joined once)

    def flush(self) -> None:
        """Make the pending plain text a cell (so that the list ends where the text does)."""
        if self.pending:
            text, self.pending = "".join(self.pending), []
            self.append(Cell("text", text))

    def append(self, cell: Cell) -> Cell:
        self.flush()
        last = self.root.last
        cell.prev, cell.next = last, None
        if last is None:
            self.root.first = cell
        else:
            last.next = cell
        self.root.last = cell
        return cell

    def text(self, value: str) -> None:
        self.pending.append(value)

    def unlink(self, cell: Cell) -> None:
        if cell.prev is None:
            self.root.first = cell.next
        else:
            cell.prev.next = cell.next
        if cell.next is None:
            self.root.last = cell.prev
        else:
            cell.next.prev = cell.prev

    def wrap(self, kind: str, after: Cell, before: Cell | None) -> Cell:
        """A new *kind* cell holding the run strictly between *after* and *before*
        (None: up to the end), linked in its place."""
        self.flush()
        cell = Cell(kind)
        first = after.next
        if first is not None and first is not before:
            last = before.prev if before is not None else self.root.last
            assert last is not None
            cell.first, cell.last = first, last
            first.prev, last.next = None, None
        cell.prev, cell.next = after, before
        after.next = cell
        if before is None:
            self.root.last = cell
        else:
            before.prev = cell
        return cell

    def emphasis(self, bottom: Delim | None) -> None:
        """CommonMark's "process emphasis" over the delimiters above *bottom*."""
        self.flush()
        closer = None if self.delims is bottom else self.delims
        while closer is not None and closer.prev is not bottom:
            closer = closer.prev
        openers_bottom: dict[tuple[str, bool, int], Delim | None] = {}
        while closer is not None:
            if not closer.can_close:
                closer = closer.next
                continue
            key = (closer.char, closer.can_open, closer.orig % 3)
            floor = openers_bottom.get(key, bottom)
            opener = closer.prev
            while opener is not None and opener is not bottom and opener is not floor:
                odd = (closer.can_open or opener.can_close) and closer.orig % 3 != 0
                odd = odd and (opener.orig + closer.orig) % 3 == 0
                if opener.char == closer.char and opener.can_open and not odd:
                    break
                opener = opener.prev
            else:
                opener = None
            if opener is None:
                openers_bottom[key] = closer.prev
                following = closer.next
                if not closer.can_open:
                    self.drop(closer)
                closer = following
                continue
            closer = self.match(opener, closer)
        while self.delims is not None and self.delims is not bottom:
            self.drop(self.delims)

    def match(self, opener: Delim, closer: Delim) -> Delim | None:
        """Wrap what lies between *opener* and *closer* in emphasis; the next closer."""
        use = 2 if opener.count >= 2 and closer.count >= 2 else 1
        opener.count -= use
        closer.count -= use
        opener.cell.text = opener.cell.text[:-use]
        closer.cell.text = closer.cell.text[:-use]
        opener.cell.raw, closer.cell.raw = opener.cell.text, closer.cell.text
        wrapped = self.wrap("strong" if use == 2 else "emph", opener.cell, closer.cell)
        wrapped.raw = opener.char * use
        while opener.next is not closer:  # delimiters inside are spent
            assert opener.next is not None
            self.drop(opener.next)
        if opener.count == 0:
            self.unlink(opener.cell)
            self.drop(opener)
        if closer.count == 0:
            following = closer.next
            self.unlink(closer.cell)
            self.drop(closer)
            return following
        return closer

    def drop(self, delim: Delim) -> None:
        if delim.prev is not None:
            delim.prev.next = delim.next
        if delim.next is not None:
            delim.next.prev = delim.prev
        else:
            self.delims = delim.prev


def to_tree(root: Cell, max_depth: int) -> list[Node]:
    """The linked cells under *root* as nested :class:`Node` lists (an explicit stack)."""
    out: list[Node] = []
    stack: list[tuple[Cell | None, list[Node]]] = [(root.first, out)]
    while stack:
        cell, into = stack.pop()
        while cell is not None:
            if cell.kind == "text" and not cell.text:
                cell = cell.next
                continue
            node = Node(cell.kind, cell.text, raw=cell.raw or cell.text, dest=cell.dest)
            node.title, node.ref, node.attrs, node.display = (
                cell.title,
                cell.ref,
                cell.attrs,
                cell.display,
            )
            into.append(node)
            if cell.first is not None:
                if len(stack) + 1 > max_depth:
                    depth = depth_of(cell)
                    raise TooDeep(f"markup nested {depth + len(stack)} deep (at most {max_depth})")
                stack.append((cell.next, into))
                cell, into = cell.first, node.children
                continue
            cell = cell.next
    return out


def depth_of(cell: Cell) -> int:
    """How deep the cells under *cell* nest (for the message only)."""
    deepest, stack = 0, [(cell.first, 1)]
    while stack:
        child, level = stack.pop()
        deepest = max(deepest, level)
        while child is not None:
            if child.first is not None:
                stack.append((child.first, level + 1))
            child = child.next
    return deepest
