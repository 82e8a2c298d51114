"""A fast reader for well-formed PO files, building the same polib objects polib would.

polib's parser is a general state machine and costs about 2 ms for a short
catalog; a build of a thousand articles reads a thousand catalogs. This reader
handles the lines gettext itself writes (comments, references, flags, previous
strings, keywords, continuations, obsolete entries) and mirrors polib's rules
for each of them. On any other line, or a string that is not quoted and escaped
exactly as gettext writes it, it returns None, and polib reads the file (after
``pofile._check_strings`` has reported any badly quoted string with its line).
"""

from __future__ import annotations

import re

import polib

_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")
_PREVIOUS = {
    "msgctxt": "previous_msgctxt",
    "msgid": "previous_msgid",
    "msgid_plural": "previous_msgid_plural",
}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
# a whole quoted string, as gettext writes it (polib would misread anything else silently)
_QUOTED = re.compile(r'"[^"\\\n]*(?:\\[ntbrfv"\\][^"\\\n]*)*"')
# polib's state machine: the states each kind of line may follow (anything else is an error)
_ALL = {"st", "he", "gc", "oc", "fl", "ct", "pc", "pm", "pp", "tc", "ms", "mp", "mx", "mi"}
_AFTER = {
    "tc": _ALL - {"ct"},
    "gc": _ALL,
    "oc": _ALL,
    "fl": _ALL,
    "pc": _ALL,
    "pm": _ALL,
    "pp": _ALL,
    "ct": {"st", "he", "gc", "oc", "fl", "tc", "pc", "pm", "pp", "ms", "mx"},
    "mi": {"st", "he", "gc", "oc", "fl", "ct", "tc", "pc", "pm", "pp", "ms", "mx"},
    "mp": {"tc", "gc", "pc", "pm", "pp", "mi"},
    "ms": {"mi", "mp", "tc"},
    "mx": {"mi", "mx", "mp", "tc"},
    "mc": {"ct", "mi", "mp", "ms", "mx", "pm", "pp", "pc"},
}
_SYMBOL = {
    "msgctxt": "ct",
    "msgid": "mi",
    "msgid_plural": "mp",
    "msgstr": "ms",
    "previous_msgctxt": "pc",
    "previous_msgid": "pm",
    "previous_msgid_plural": "pp",
}


def _unescape(text: str) -> str:
    """polib's unescape, skipped when there is no backslash."""
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], text) if "\\" in text else text


def _string(quoted: str) -> str | None:
    """The text of a well-formed quoted string, or None."""
    return _unescape(quoted[1:-1]) if _QUOTED.fullmatch(quoted) else None


class _Reader:
    def __init__(self) -> None:
        self.po = polib.POFile(wrapwidth=79, encoding="utf-8", check_for_duplicates=False)
        self.entries: list[polib.POEntry] = []
        self.entry = polib.POEntry(linenum=0)
        self.field: str | tuple[str, int] | None = None  # what a continuation line extends
        self.state = "st"
        self.last_was_comment = False  # polib drops a trailing entry made of comments only

    def move(self, symbol: str) -> bool:
        """Follow polib's transition for *symbol*; False where polib would fail."""
        if self.state not in _AFTER[symbol]:
            return False
        if symbol != "mc":
            self.state = "he" if symbol == "tc" and self.state in ("st", "he") else symbol
        return True

    def start_entry(self, number: int) -> None:
        if self.state in ("ms", "mx"):  # a line that opens an entry, after a msgstr
            self.entries.append(self.entry)
            self.entry = polib.POEntry(linenum=number)

    def append(self, text: str | None) -> bool:
        field = self.field
        if text is None or field is None or not self.move("mc"):
            return False
        if isinstance(field, tuple):
            self.entry.msgstr_plural[field[1]] += text
        else:
            setattr(self.entry, field, getattr(self.entry, field) + text)
        return True

    def comment(self, line: str, number: int) -> bool:
        mark = line[:2]
        rest = line[3:]
        if mark == "#:" or mark == "#," or mark == "#.":
            if len(line) > 2 and line[2] not in " \t":
                return False
            if not rest.strip():
                return True  # polib skips empty reference, flag and comment lines
            self.start_entry(number)
            if not self.move({"#:": "oc", "#,": "fl", "#.": "gc"}[mark]):
                return False
            self.field = None
            if mark == "#.":
                self.entry.comment = f"{self.entry.comment}\n{rest}" if self.entry.comment else rest
            elif mark == "#,":
                self.entry.flags += [flag.strip() for flag in rest.split(",")]
            else:
                self.entry.occurrences += [_occurrence(item) for item in rest.split()]
            return True
        if mark == "#|":
            return self.previous(line[2:].lstrip(), number)
        if line == "#" or line.startswith(("# ", "#\t", "##")):
            if self.state in ("st", "he"):  # polib: the file's leading comments are its header
                self.move("tc")
                padded = line + " " if line == "#" else line
                self.po.header = f"{self.po.header}\n{padded[2:]}" if self.po.header else padded[2:]
                return True
            self.start_entry(number)
            if not self.move("tc"):
                return False
            self.field = None
            text = line.lstrip("#")
            text = text[1:] if text.startswith(" ") else text
            self.entry.tcomment = f"{self.entry.tcomment}\n{text}" if self.entry.tcomment else text
            return True
        return False

    def previous(self, rest: str, number: int) -> bool:
        if rest.startswith('"'):
            return self.append(_string(rest))
        keyword, _, value = rest.partition(" ")
        value = value.lstrip()
        if keyword not in _PREVIOUS or not value.startswith('"'):
            return False
        self.start_entry(number)
        self.field = _PREVIOUS[keyword]
        if not self.move(_SYMBOL[self.field]):
            return False
        text = _string(value)
        if text is None:
            return False
        setattr(self.entry, self.field, text)
        return True

    def keyword(self, line: str, number: int, *, obsolete: bool) -> bool:
        keyword, _, value = line.partition(" ")
        value = value.lstrip()
        if not value.startswith('"'):
            return False
        text = _string(value)
        if text is None:
            return False
        if keyword.startswith("msgstr[") and keyword.endswith("]") and keyword[7:-1].isdigit():
            if not self.move("mx"):
                return False
            index = int(keyword[7])  # polib reads one digit
            self.entry.msgstr_plural[index] = text
            self.field = ("msgstr_plural", index)
            return True
        if keyword not in _KEYWORDS:
            return False
        if keyword in ("msgctxt", "msgid"):
            self.start_entry(number)
        if not self.move(_SYMBOL[keyword]):
            return False
        if keyword == "msgid":
            self.entry.obsolete = obsolete
        setattr(self.entry, keyword, text)
        self.field = keyword
        return True

    def line(self, raw: str, number: int) -> bool:
        line = raw.strip()
        if not line:
            return True
        obsolete = line.startswith("#~ ")
        if obsolete:
            line = line[3:].strip()
        elif line.startswith("#~"):
            return False
        self.last_was_comment = line.startswith("#")
        if line.startswith('"'):
            return self.append(_string(line))
        if line.startswith("msg"):
            return self.keyword(line, number, obsolete=obsolete)
        if line.startswith("#") and not obsolete:
            return self.comment(line, number)
        return False

    def finish(self) -> polib.POFile:
        if not self.last_was_comment:
            self.entries.append(self.entry)
        header = next((e for e in self.entries if e.msgid == "" and not e.obsolete), None)
        if header is not None:
            self.entries.remove(header)
            self.po.metadata_is_fuzzy = header.flags  # type: ignore[assignment]  # as polib does
            key = None
            for item in header.msgstr.splitlines():
                try:
                    key, value = item.split(":", 1)
                    self.po.metadata[key] = value.strip()
                except ValueError:
                    if key is not None:
                        self.po.metadata[key] += "\n" + item.strip()
        self.po.extend(self.entries)
        return self.po


def _occurrence(item: str) -> tuple[str, str]:
    """A reference as polib splits it: ``file:line``, or the whole item with no line."""
    if ":" in item:
        path, line = item.rsplit(":", 1)
        if line.isdigit():
            return path, line
    return item, ""


def parse_po(lines: list[str]) -> polib.POFile | None:
    """The catalog in *lines*, or None when a line is not one gettext writes."""
    reader = _Reader()
    index, count = 0, len(lines)
    while index < count:
        raw = lines[index]
        if raw.startswith('"'):
            # a run of continuation lines (most of a catalog): one append for the run,
            # which is what polib's line-by-line transitions amount to
            parts = []
            while index < count and lines[index].startswith('"'):
                text = _string(lines[index].rstrip())
                if text is None:
                    return None
                parts.append(text)
                index += 1
            reader.last_was_comment = False
            if not reader.append("".join(parts)):
                return None
            continue
        index += 1
        if not reader.line(raw, index):
            return None
    return reader.finish()
