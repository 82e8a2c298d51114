"""What a page shows around an article's body: its table of contents, scrollable wide blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Heading:
    """A section heading of an article: level 2 or 3, its anchor and its text."""

    level: int
    id: str
    text: str


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Heading] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3") and self._open is None:
            anchor = dict(attrs).get("id") or ""
            if anchor:
                self._open, self._text = (int(tag[1]), anchor), []

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == f"h{self._open[0]}":
            text = " ".join("".join(self._text).split())
            if text:
                self.found.append(Heading(self._open[0], self._open[1], text))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)


def headings(body_html: str) -> list[Heading]:
    """The level-2 and level-3 headings (with an ``id``) of pandoc's HTML, in order.

    >>> headings('<h2 id="a">One <em>x</em></h2><p>t</p><h3 id="b">Two</h3><h4 id="c">No</h4>')
    [Heading(level=2, id='a', text='One x'), Heading(level=3, id='b', text='Two')]
    """
    parser = _Headings()
    parser.feed(body_html)
    parser.close()
    return parser.found


_TABLE = re.compile(r"<table\b(.*?)</table>", re.S)
_PRE = re.compile(r"<pre\b")


def scrollable(body_html: str, *, label: str) -> str:
    """Wrap tables in a focusable region that scrolls sideways on a narrow screen, and make
    code blocks focusable, so a keyboard can scroll them too.

    >>> scrollable("<table></table>", label="Table")[:46]
    '<div class="table-scroll" role="region" tabind'
    >>> scrollable("<pre>x</pre>", label="Table")
    '<pre tabindex="0">x</pre>'
    """
    label = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    wrapped = _TABLE.sub(
        lambda m: (
            f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">'
            f"{m.group(0)}</div>"
        ),
        body_html,
    )
    return _PRE.sub('<pre tabindex="0"', wrapped)
