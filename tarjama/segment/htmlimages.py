"""Images that READMEs and docs place as HTML, read as the Markdown images they mean.

``<img src="/img/x.png" alt="A map">``, alone on a line or inside a paragraph, becomes
``![A map](/img/x.png)``, so its target is checked, resolved and copied as every image
is, and the EPUB and PDF have it too. A tag inside an HTML block, in code, or with a
template in its address (``{{ user.avatar }}``) stays as it is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_IMG = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+).*?\1")
_ALONE = re.compile(r"^ {0,3}<img\b[^<>]*>\s*$", re.IGNORECASE)


def image_line(lines: list[tuple[int, str]], index: int) -> bool:
    """Whether the ``<img>`` tags of line *index* are Markdown's to read: the line is text
    in a paragraph (it does not start an HTML block: it does not begin with ``<``), or it
    is one tag alone between blank lines (an HTML block of that tag only)."""
    text = lines[index][1]
    if text.startswith(("    ", "\t")):  # indented code
        return False
    if not text.lstrip().startswith("<"):
        return True
    before = lines[index - 1][1] if index > 0 else ""
    after = lines[index + 1][1] if index + 1 < len(lines) else ""
    return bool(_ALONE.match(text)) and not before.strip() and not after.strip()


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found = {k.lower(): v or "" for k, v in attrs}

    handle_startendtag = handle_starttag


def html_images(text: str) -> str:
    """*text* with its ``<img>`` tags outside code spans written as Markdown images.

    >>> html_images('See <img src="/img/a b.png" alt="A [map]" width="40"> and `<img>`')
    'See ![A \\\\[map\\\\]](</img/a b.png>) and `<img>`'
    """
    spans = [m.span() for m in _CODE_SPAN.finditer(text)]

    def image(match: re.Match[str]) -> str:
        if any(a <= match.start() < b for a, b in spans):
            return match.group(0)
        parser = _Attributes()
        parser.feed(match.group(0))
        src, alt = parser.found.get("src", "").strip(), parser.found.get("alt", "")
        if not src or "{{" in src or "{%" in src or any(c in src for c in "<>\n"):
            return match.group(0)
        alt = re.sub(r"([\\\[\]`*_<>])", r"\\\1", " ".join(alt.split()))
        target = f"<{src}>" if any(c in src for c in " ()") else src
        return f"![{alt}]({target})"

    return _IMG.sub(image, text)
