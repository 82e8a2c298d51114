"""PO/POT file I/O: parse with polib, write exactly what GNU gettext 0.21 (``msgcat``) writes.

polib is the object model; :func:`format_po` is our own writer because polib wraps lines
differently from gettext.  It follows gettext's ``write-po.c``: the same escapes, ``#:``
reference wrapping and flag normalisation, and strings wrapped at the line-break opportunities
of Unicode UAX #14 as libunistring 1.0 computes them (its pair table, special rules and
character widths, for Unicode 14).

Known gaps: gettext also refuses to break inside a printf/brace directive of a message flagged
``*-format`` (a break can then differ, e.g. in ``% d`` or ``%.*s``); line-break classes are
exact for the BMP and the emoji blocks, approximate for other astral characters; the
catalog's charset is assumed to be UTF-8.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import polib

from tarjama.catalog.linebreak import (
    char_width,
    exact_linebreaks,
    plain_cuts,
    plain_opportunities,
)
from tarjama.catalog.poparse import parse_po
from tarjama.core.errors import CatalogError
from tarjama.core.fsutil import write_text_atomic

__all__ = ["format_po", "read_po", "read_po_text", "write_po"]

# ---------------------------------------------------------------- writing

_ESCAPES = dict(zip('\a\b\f\n\r\t\v\\"', 'abfnrtv\\"', strict=True))
_NO_WRAP = 1 << 62  # a width that never wraps ("no-wrap" flag, width 0)


def _escape(portion: str) -> tuple[list[str], list[bool]]:
    """Escaped characters of *portion* and, for each, whether a line may not start there."""
    chars: list[str] = []
    locked: list[bool] = []
    for ch in portion:
        if ch in _ESCAPES:
            chars += ["\\", _ESCAPES[ch]]
            locked += [False, True]
        else:
            chars.append(ch)
            locked.append(False)
    if portion.endswith("\n"):
        locked[-2] = True  # no line made of the "\n" alone
    return chars, locked


_ESCAPE_TABLE = str.maketrans({ch: "\\" + code for ch, code in _ESCAPES.items()})


def _wrap(prefix: str, keyword: str, value: str, width: int) -> list[str]:
    """Lines of ``keyword "value"`` as gettext's wrap() writes them."""
    return list(_wrap_cached(prefix, keyword, value, width))


@lru_cache(maxsize=65536)
def _wrap_cached(prefix: str, keyword: str, value: str, width: int) -> tuple[str, ...]:
    # A msgid recurs in the template and in every locale's catalog: wrap it once.
    text_width = width - 1 - (len(prefix) + 1)
    if "\n" not in value[:-1]:
        escaped = value.translate(_ESCAPE_TABLE)
        columns = len(escaped) if escaped.isascii() else sum(map(char_width, escaped))
        if len(keyword) + 1 + columns <= text_width:
            # it fits: no break opportunity can ever be taken (see width_linebreaks)
            return (f'{prefix}{keyword} "{escaped}"',)
    return tuple(_wrap_lines(prefix, keyword, value, width))


_ESCAPE_PAIR = re.compile(r"\\.")


def _cuts(
    portion: str, escaped: str, width: int, column: int, plain: list[int] | None
) -> list[int]:
    """Positions in *escaped* where gettext starts a new line.

    *plain* is the portion's plain break opportunities (already without the positions
    inside escapes), or None when only the character-by-character algorithm applies.
    """
    if plain is not None:
        return plain_cuts(plain, len(escaped), width, column)
    chars, locked = _escape(portion)
    breaks = exact_linebreaks(chars, locked, width, column)
    return [i for i, brk in enumerate(breaks) if brk]


def _wrap_lines(prefix: str, keyword: str, value: str, width: int) -> list[str]:
    """The general case of :func:`_wrap`: break at libunistring's opportunities."""
    portions = re.findall(r"[^\n]*\n|[^\n]+", value) or [""]
    lines: list[str] = []
    text_width = width - 1 - (len(prefix) + 1)  # room for the quotes
    first = True
    for n, portion in enumerate(portions):
        escaped = portion.translate(_ESCAPE_TABLE)
        plain = plain_opportunities(escaped)
        if plain is not None:
            # a line may not start inside an escape, nor with the final "\n" alone
            locked = {m.end() - 1 for m in _ESCAPE_PAIR.finditer(escaped)}
            if portion.endswith("\n"):
                locked.add(len(escaped) - 2)
            plain = [p for p in plain if p not in locked] if locked else plain
        column = len(keyword) + 1 if first else 0
        cuts = _cuts(portion, escaped, text_width, column, plain)
        if first and escaped and (n + 1 < len(portions) or column > text_width or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            cuts = _cuts(portion, escaped, text_width, 0, plain)
        line = f"{prefix}{keyword} " if first else prefix
        first = False
        bounds = [0, *cuts, len(escaped)]
        lines.append(f'{line}"{escaped[bounds[0] : bounds[1]]}"')
        lines.extend(
            f'{prefix}"{escaped[start:end]}"' for start, end in itertools.pairwise(bounds[1:])
        )
    return lines


# gettext 0.21's format languages, in the order it prints their flags.
_FORMAT_NAMES = "c objc python python-brace java java-printf csharp javascript scheme lisp elisp"
_FORMAT_NAMES += " librep ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost"
_FORMAT_NAMES += " tcl perl perl-brace php gcc-internal gfc-internal ycp"
_FORMATS = _FORMAT_NAMES.split()
_RANGE = re.compile(r"(\d+)\.\.(\d+)")


def _gettext_flags(entry: polib.POEntry, translated: bool) -> tuple[list[str], bool]:
    """The ``#,`` flags gettext keeps, in its order, and whether the strings are wrapped.

    gettext drops unknown flags, ``fuzzy`` on untranslated messages and ``range:`` on
    obsolete ones; the last of ``X-format`` / ``no-X-format`` / ``possible-X-format`` wins.
    """
    tokens = iter(t for t in re.split(r"[\s,]+", ",".join(entry.flags)) if t)
    fuzzy, formats, span, wrap = False, dict[str, str](), "", True
    for token in tokens:
        name = re.sub(r"^(no-|possible-|impossible-)", "", token[:-7])
        if token == "fuzzy":
            fuzzy = True
        elif token.endswith("-format") and name in _FORMATS:
            formats[name] = token[: len(token) - len(name) - 7]
        elif token == "range:":
            match = _RANGE.match(next(tokens, ""))
            if match and int(match[1]) <= int(match[2]) and not entry.obsolete:
                span = f"range: {int(match[1])}..{int(match[2])}"
        elif token in ("wrap", "no-wrap"):
            wrap = token == "wrap"
    result = ["fuzzy"] if fuzzy and translated else []
    for name in _FORMATS:
        kind = formats.get(name, "impossible-")
        if kind != "impossible-":
            result.append(f"{'no-' if kind == 'no-' else ''}{name}-format")
    result += [span] if span else []
    return result + ([] if wrap else ["no-wrap"]), wrap


def _comment_lines(mark: str, text: str) -> list[str]:
    return [f"{mark} {line}" if line else mark for line in text.split("\n")] if text else []


_DIGITS = re.compile(r"[0-9]+")


def _reference_lines(occurrences: Iterable[tuple[str, str]], width: int) -> list[str]:
    """``#:`` lines: as many references per line as fit in *width* (bytes, like gettext)."""
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    line, column = "#:", 2
    for path, number in occurrences:
        line_number = str(number or "")
        line_number = str(int(line_number)) if _DIGITS.fullmatch(line_number) else line_number
        if (path, line_number) in seen:
            continue
        seen.add((path, line_number))
        while path.startswith("./"):
            path = path[2:]
        ref = f"{path}:{line_number}" if line_number else path
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > width:
            lines.append(line)
            line, column = "#:", 2
        line, column = f"{line} {ref}", column + size
    return [*lines, line] if column > 2 else lines


def _msgstrs(entry: polib.POEntry) -> list[tuple[str, str]]:
    if not entry.msgid_plural:
        return [("msgstr", entry.msgstr)]
    forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural, key=int)] or ["", ""]
    return [(f"msgstr[{i}]", form) for i, form in enumerate(forms)]


def _format_entry(entry: polib.POEntry, width: int) -> str:
    """One message, comments first, as gettext's message_print (or _print_obsolete)."""
    msgstrs = _msgstrs(entry)
    flags, wrap = _gettext_flags(entry, msgstrs[0][1] != "")
    prefix = "#~ " if entry.obsolete else ""
    lines = _comment_lines("#", entry.tcomment) + _comment_lines("#.", entry.comment)
    lines += _reference_lines(entry.occurrences, width)
    lines += [f"#, {', '.join(flags)}"] if flags else []
    width = width if wrap else _NO_WRAP  # "no-wrap" is for the strings only
    if entry.previous_msgid is not None:  # gettext has no previous context or plural alone
        for keyword in ("msgctxt", "msgid", "msgid_plural"):
            if (value := getattr(entry, f"previous_{keyword}")) is not None:
                lines += _wrap("#~| " if entry.obsolete else "#| ", keyword, value, width)
    if entry.msgctxt is not None:
        lines += _wrap(prefix, "msgctxt", entry.msgctxt, width)
    lines += _wrap(prefix, "msgid", entry.msgid, width)
    if entry.msgid_plural:
        lines += _wrap(prefix, "msgid_plural", entry.msgid_plural, width)
    for keyword, value in msgstrs:
        lines += _wrap(prefix, keyword, value, width)
    return "".join(f"{line}\n" for line in lines)


def _header_entry(po: polib.POFile) -> polib.POEntry:
    fuzzy = po.metadata_is_fuzzy
    flags = list(fuzzy) if isinstance(fuzzy, list) else ["fuzzy"] if fuzzy else []
    msgstr = "".join(f"{key}: {value}\n" for key, value in po.ordered_metadata())
    return polib.POEntry(msgid="", msgstr=msgstr, tcomment=po.header, flags=flags)


def format_po(po: polib.POFile, *, width: int = 79) -> str:
    """The PO text of *po* exactly as GNU gettext 0.21 writes it (``msgcat --width=WIDTH``).

    Like gettext, obsolete entries come last and are dropped when untranslated; a width
    below 20 counts as 20, and 0 means no wrapping at all.
    """
    width = max(width, 20) if width > 0 else _NO_WRAP
    entries = [_header_entry(po), *(e for e in po if not e.obsolete)]
    entries += [e for e in po if e.obsolete and _msgstrs(e)[0][1]]
    return "\n".join(_format_entry(entry, width) for entry in entries)


def write_po(path: Path, po: polib.POFile, *, width: int = 79) -> bool:
    """Write *po* to *path* atomically, only if the bytes change; return whether it wrote."""
    return write_text_atomic(path, format_po(po, width=width))


# ---------------------------------------------------------------- reading

_PREFIX = re.compile(r"(#~\||#~|#\|)?\s*")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?=[\s\"]|$)\s*")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*')
_ESCAPE = re.compile(r"\\(.)")
_OBSOLETE_PREVIOUS = re.compile(r"^([ \t]*)#~\|", re.M)
_HINT = "fix the quoting or open the file in a PO editor"


class _PoText(str):
    """PO text that polib splits at "\\n" only (``str.splitlines`` also splits at U+2028...)."""

    __slots__ = ()

    def splitlines(self, keepends: bool = False) -> list[str]:
        return self.removesuffix("\0").split("\n")


def _string_problem(line: str) -> str | None:
    """What is wrong with the quoted string on *line*, if it holds one."""
    prefix = _PREFIX.match(line)
    assert prefix is not None  # the pattern matches the empty string
    body = line[prefix.end() :]
    if (line.startswith("#") and not prefix[1]) or (prefix[1] and body[:1] not in ('"', "m")):
        return None  # a comment
    keyword = _KEYWORD.match(body)
    rest = body[keyword.end() :] if keyword else body
    if not keyword and not body.startswith('"'):
        return None  # not a string line: polib judges it
    if not rest.startswith('"'):
        return f"{keyword[1] if keyword else 'keyword'} needs a quoted string; {_HINT}"
    if not _STRING.fullmatch(rest):
        if not _STRING.match(rest):
            return f"unterminated string; {_HINT}"
        return f"unescaped double quote or text after the string; {_HINT}"
    if bad := next((m for m in _ESCAPE.finditer(rest) if m[1] not in 'ntbrfv"\\'), None):
        return f"unsupported escape \\{bad[1]}; write the character itself (\\\\ for a backslash)"
    return None


# Whole-file pre-check: when every line that holds a string is well formed, the
# line-by-line diagnosis below has nothing to find and is skipped.
_STRING_LINE = re.compile(
    r"^[ \t]*(?:#~\|?|#\|)?[ \t]*"
    r'(?:"|(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?=[\s"]|$))',
    re.M,
)
_GOOD_STRING_LINE = re.compile(
    r"^[ \t]*(?:#~\|?|#\|)?[ \t]*(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*)?"
    r'"(?:[^"\\\n]|\\[ntbrfv"\\])*"[ \t]*$',
    re.M,
)


def _check_strings(lines: Sequence[str], path: Path | None) -> None:
    """Raise CatalogError for a badly quoted string, which polib would silently misread."""
    text = "\n".join(lines)
    if len(_GOOD_STRING_LINE.findall(text)) == len(_STRING_LINE.findall(text)):
        return
    for number, line in enumerate(lines, 1):
        if problem := _string_problem(line.strip()):
            raise CatalogError(f"syntax error in PO file: {problem}", path=path, line=number)


def read_po_text(text: str, *, path: Path | None = None) -> polib.POFile:
    """Parse PO/POT *text* with polib; syntax errors raise CatalogError with the line."""
    text = text.replace("\r\n", "\n") if "\r" in text else text
    # polib drops "#~|" lines: read them as "#|" so obsolete entries keep their previous msgid.
    joined = _OBSOLETE_PREVIOUS.sub(r"\1#|", text) if "#~|" in text else text
    fast = parse_po(joined.split("\n"))  # gettext's own layout: read without polib's parser
    if fast is not None:
        return fast
    _check_strings(text.split("\n"), path)
    try:
        return polib.pofile(_PoText(joined + "\0"), wrapwidth=79, encoding="utf-8")
    except Exception as exc:  # polib raises a bare OSError, naming the line, for any problem
        match = re.search(r"\(line (\d+)\)(?::\s*(.*))?", str(exc))
        what = match[2] if match and match[2] else "misplaced keyword, string or comment"
        hint = "fix that line or open the file in a PO editor (msgfmt --check explains more)"
        line = int(match[1]) if match else None
        raise CatalogError(
            f"syntax error in PO file: {what}; {hint}", path=path, line=line
        ) from None


def read_po(path: Path) -> polib.POFile:
    """Read the UTF-8 PO/POT file at *path* (see :func:`read_po_text`)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read PO file: {exc.strerror}", path=path) from None
    return read_po_bytes(data, path=path)


def read_po_bytes(data: bytes, *, path: Path | None = None) -> polib.POFile:
    """Parse the UTF-8 bytes of a PO/POT file (see :func:`read_po_text`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problem = f"PO file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        raise CatalogError(problem, path=path, line=line) from None
    return read_po_text(text.removeprefix("\ufeff"), path=path)
