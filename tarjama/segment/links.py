"""Links between articles, and heading identifiers that are the same in every locale.

A link to another article is written to its Markdown file, relative to the linking
article (``[see](../history/early-years.md#causes)``); the build rewrites it per locale
and format. A heading's identifier is computed from the source heading, as pandoc's
``gfm_auto_identifiers`` does, so that ``#causes`` lands on the same heading in a
translation whose heading text differs.
"""

from __future__ import annotations

import html
import re
import unicodedata

from markdown_it.token import Token

from tarjama.segment.blocks import verbatim_lines
from tarjama.segment.inlines import parse_inline
from tarjama.segment.nodes import TooDeep, walk

_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s)]+)")
_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:\s*(<[^>\n]*>|\S+)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")  # a URL: a scheme, or "//host"


def split_target(target: str) -> tuple[str, str]:
    """A link target as (path, anchor).

    >>> split_target("../a.md#causes"), split_target("a.md")
    (('../a.md', 'causes'), ('a.md', ''))
    """
    path, _, anchor = target.partition("#")
    return path, anchor


def article_target(target: str) -> bool:
    """Whether *target* is a link to a local Markdown file (another article).

    >>> article_target("b.md#x"), article_target("https://x.example/b.md"), article_target("#x")
    (True, False, False)
    """
    path = split_target(target.strip("<>"))[0].split("?", 1)[0]
    return bool(path) and not _REMOTE.match(path) and path.lower().endswith(".md")


def local_target(target: str) -> bool:
    """Whether *target* names something of the publication: a file (relative to the
    article, or from the source folder's top with '/') or an anchor (``#x``); not a URL.

    >>> [local_target(t) for t in ("a.pdf", "/img/x.png", "#x", "https://x.example", "//h/x")]
    [True, True, True, False, False]
    """
    return bool(target) and not _REMOTE.match(target) and not target.startswith("mailto")


def local_links(
    tokens: list[Token], lines: tuple[str, ...], *, offset: int = 0
) -> tuple[tuple[str, int], ...]:
    """Targets of the links to the publication's own articles, files and anchors in the
    body (see :func:`local_target`), with their lines (1-based); code blocks, code spans
    and raw HTML aside.

    >>> md = "[a](b.md#x) `[no](c.md)` [t](#top)\\n\\n[r]: /d/e.pdf\\n\\n[w](https://x.example/f.md)"
    >>> from tarjama.segment.blocks import block_parser
    >>> local_links(block_parser().parse(md), tuple(md.split("\\n")))
    (('b.md#x', 1), ('#top', 1), ('/d/e.pdf', 3))
    """
    skip = verbatim_lines(tokens, offset=offset)
    found = []
    for number in range(offset, len(lines)):
        line = lines[number]
        if number in skip or ("](" not in line and "]:" not in line):
            continue
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        matches = [*_LINK.finditer(line), *_DEFINITION.finditer(line)]
        for match in sorted(matches, key=lambda m: m.start()):
            target = match.group(1).strip("<>")
            if local_target(target):
                found.append((target, number + 1))
    return tuple(found)


def plain_text(markdown: str) -> str:
    """The text of inline *markdown* as pandoc's ``stringify`` gives it (markup, link
    targets and raw HTML dropped).

    >>> plain_text("The **early** [years](a.md) `1914`")
    'The early years 1914'
    """
    return " ".join(stringify(markdown).split())


def stringify(markdown: str, *, smart: bool = False) -> str:
    """The text of inline *markdown* exactly as pandoc's ``stringify``: runs of spaces in
    text are one space, code keeps its own; with *smart*, ``--`` and ``---`` in text are
    dashes, as pandoc's ``smart`` extension reads them.

    >>> stringify("a  *b* ` `")
    'a b  '
    """
    out: list[str] = []
    try:
        nodes = walk(parse_inline(markdown))
    except TooDeep:
        return markdown
    for node in nodes:
        if node.kind == "text":
            text = re.sub(r"\s+", " ", html.unescape(node.text))
            out.append(re.sub(r"-{2,3}", "\u2013", text) if smart else text)
        elif node.kind in ("code", "math", "autolink"):
            out.append(node.text)
        elif node.kind in ("soft", "hard"):
            out.append(" ")
    return "".join(out)


def heading_id(markdown: str) -> str:
    """The identifier pandoc's ``gfm_auto_identifiers`` gives a heading: lowercase,
    only letters, digits, '-', '_' and spaces, spaces made hyphens.

    >>> heading_id("Causes of the War (1914–1918)"), heading_id("Ça va? 2nd"), heading_id("?!")
    ('causes-of-the-war-19141918', 'ça-va-2nd', 'section')
    """
    # pandoc reads "--" and "---" as dashes (its "smart" extension), which are dropped
    text = stringify(markdown.strip(), smart=True).lower()
    kept = "".join(
        char for char in text if char in " -_" or unicodedata.category(char)[0] in ("L", "M", "N")
    )
    return kept.replace(" ", "-") or "section"


def unique_ids(texts: list[str], taken: set[str] | None = None) -> list[str]:
    """An identifier for each heading, made unique as pandoc does (``-1``, ``-2``...).

    >>> unique_ids(["A", "B", "A", "A"])
    ['a', 'b', 'a-1', 'a-2']
    """
    seen = set(taken or ())
    ids = []
    for text in texts:
        base = heading_id(text)
        ident, count = base, 0
        while ident in seen:
            count += 1
            ident = f"{base}-{count}"
        seen.add(ident)
        ids.append(ident)
    return ids
