"""Translators are not trusted with markup: make a msgstr safe to put into Markdown.

A msgstr may not bring raw HTML, pandoc attributes (``{onclick=...}``, ``{=html}``)
or link targets that its msgid lacks, nor start a block construct (heading, list,
quote, fence, table) the msgid did not start. ``check`` reports the same problems.
"""

from __future__ import annotations

import re

from tarjama.catalog.checks import markup

_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s|$)|=|\||:::|<|`{3}|~{3}|\d+[.)](?=\s|$))")
_SOFT_BREAK = re.compile(r"(?<!\\)\n")
_MARKUP = re.compile(r"[<>{}\[\]`&]")
_DESTINATION = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]+)")


def sanitize(msgid: str, msgstr: str) -> str | None:
    """*msgstr* made safe against *msgid*, or None if it cannot be used at all.

    >>> sanitize("Hello", "Bonjour <script>x</script>")
    'Bonjour x'
    >>> sanitize("See [a](https://a.example)", "Voir [a](https://evil.example)")
    'Voir [a](https://a.example)'
    >>> sanitize("See [a](x)", "[a](javascript:alert(1))") is None
    True
    """
    text = msgstr.replace("\r", "")
    if "\n" in text:
        text = _SOFT_BREAK.sub(" ", text)
    if not _has_markup(msgid) and not _has_markup(text):
        # no tag, attribute, link or code in either: nothing to compare or remove
        return "\n".join(_protect(line, msgid) for line in text.split("\n"))
    source = markup(msgid)
    for tag in markup(text).html - source.html:
        text = text.replace(tag, "")
    for group in markup(text).attributes - source.attributes:
        text = text.replace(group, "\\" + group)
    text = _restore_targets(text, msgid)
    text = "\n".join(_protect(line, msgid) for line in text.split("\n"))
    result = markup(text)
    if result.links != source.links or (result.html - source.html):
        return None
    # markdown-it refuses some targets (javascript:) that pandoc would still link
    allowed = set(source.links) | {m.group(1) for m in _DESTINATION.finditer(msgid)}
    if any(m.group(1) not in allowed for m in _DESTINATION.finditer(text)):
        return None
    return text


def _has_markup(text: str) -> bool:
    return _MARKUP.search(text) is not None or "javascript:" in text.lower()


def _restore_targets(text: str, msgid: str) -> str:
    """Put the msgid's link targets back where a msgstr changed them (order kept)."""
    wanted = list((markup(msgid).links - markup(text).links).elements())
    if not wanted:
        return text
    allowed = markup(msgid).links

    def swap(match: re.Match[str]) -> str:
        target = match.group(1).strip("<>")
        if target in allowed or not wanted:
            return match.group(0)
        return match.group(0).replace(match.group(1), wanted.pop(0))

    return _DESTINATION.sub(swap, text)


def _protect(line: str, msgid: str) -> str:
    r"""Escape a block marker at the start of *line* unless the msgid starts the same way.

    >>> _protect("# not a heading", "Number one")
    '\\# not a heading'
    """
    match = _BLOCK_START.match(line)
    if not match or msgid.lstrip().startswith(match.group(2)):
        return line
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        return f"{indent}{marker[:-1]}\\{marker[-1]}{line[match.end() :]}"
    return f"{indent}\\{line[len(indent) :]}"


def escape_cell(text: str) -> str:
    r"""Escape unescaped pipes so *text* stays inside one table cell.

    >>> escape_cell("a | b \| c")
    'a \\| b \\| c'
    """
    return re.sub(r"(?<!\\)\|", r"\\|", text)
