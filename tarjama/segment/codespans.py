"""Where a text's code spans are, found in linear time (a translation is untrusted, and
a regular expression that pairs backtick runs would scan to the end for every opener)."""

from __future__ import annotations

import re
from collections import defaultdict, deque

_TICKS = re.compile(r"`+")


def blank_code_spans(text: str) -> str:
    """*text* with the inside of each code span (CommonMark: a run of backticks and the
    next run as long) made spaces, line ends kept, so that what is code there is not
    read as markup by a check; the backticks stay. A backslash escapes the first
    backtick of an opening run, never a closing one (inside code it is a backslash).

    >>> blank_code_spans("a `{.x}` b ``c`d`` `e")
    'a `    ` b ``   `` `e'
    >>> blank_code_spans("`a\\\\`{.x}`")  # code "a\\\\", then {.x} outside it
    '`  `{.x}`'
    """
    if "`" not in text:
        return text
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    ahead: defaultdict[int, deque[int]] = defaultdict(deque)  # run length -> run indices
    for index, (start, end) in enumerate(runs):
        ahead[end - start].append(index)
    pieces: list[str] = []
    done = index = 0
    while index < len(runs):
        start, end = runs[index]
        if start and text[start - 1] == "\\":  # an escaped backtick, then the rest opens
            start += 1
        same = ahead[end - start] if end > start else deque()
        while same and same[0] <= index:
            same.popleft()
        if not same:  # no closing run: these backticks are text
            index += 1
            continue
        closing = same.popleft()
        pieces += [text[done:end], re.sub(r"[^\n]", " ", text[end : runs[closing][0]])]
        done = runs[closing][0]
        index = closing + 1
    return "".join(pieces) + text[done:]
