"""Unicode line breaking (UAX #14) as libunistring 1.0 computes it, for the PO writer.

GNU gettext wraps strings at the break opportunities that libunistring finds: its pair table,
its special rules and its character widths, for Unicode 14. This module reproduces them;
:mod:`tarjama.catalog.pofile` uses them to wrap lines exactly as ``msgcat`` does. Classes are
exact for the BMP and the emoji blocks, approximate for other astral characters.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# libunistring's pair table: row = class before, column = class after; D = break,
# I = break only if spaces intervene, P = never.  OW is a wide OP, ZJ the zero-width joiner.
_CLASSES = (
    "WJ GL B2 BA BB HY CL CP EX IN NS OP OW QU IS NU PO PR SY AL H2 H3 ID JL JV JT HL RI ZJ EB EM"
)
_PAIR_ROWS = """
WJ GL BB    PIIIIIPPPIIIIIPIIIPIIIIIIIIIIII
B2          PIPIDIPPPIIDDIPDDDPDDDDDDDDDDDD
BA          PDDIDIPPPIIDDIPDDDPDDDDDDDDDDDD
HY          PDDIDIPPPIIDDIPIDDPDDDDDDDDDDDD
CL          PIDIDIPPPIPDDIPDIIPDDDDDDDDDDDD
CP          PIDIDIPPPIIDDIPIIIPIDDDDDDIDIDD
EX IN NS RI PIDIDIPPPIIDDIPDDDPDDDDDDDDDDDD
OP OW       PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP
QU          PIIIIIPPPIIPPIPIIIPIIIIIIIIIIII
IS          PIDIDIPPPIIDDIPIDDPDDDDDDDDDDDD
NU AL HL    PIDIDIPPPIIIDIPIIIPIDDDDDDIDIDD
PO          PIDIDIPPPIIIIIPIDDPIDDDDDDIDIDD
PR          PIDIDIPPPIIIIIPIDDPIIIIIIIIDIII
SY          PIDIDIPPPIIDDIPIDDPDDDDDDDIDDDD
H2          PIDIDIPPPIIDDIPDIDPDDDDDIIDDDDD
H3 JT       PIDIDIPPPIIDDIPDIDPDDDDDDIDDDDD
ID EM       PIDIDIPPPIIDDIPDIDPDDDDDDDDDDDD
JL          PIDIDIPPPIIDDIPDIDPDIIDIIDDDDDD
JV          PIDIDIPPPIIDDIPDIDPDDDDDIIDDDDD
ZJ          PIDIDIPPPIIIDIPIIIPIDDIDDDIDIII
EB          PIDIDIPPPIIDDIPDIDPDDDDDDDDDDDI
"""
_PAIRS = {
    (before, after): verdict
    for line in _PAIR_ROWS.strip().splitlines()
    for before in line.split()[:-1]
    for after, verdict in zip(_CLASSES.split(), line.split()[-1], strict=True)
}

# Line-break classes where the general-category guess of _lb_class is wrong (Unicode 14; the
# BMP and the emoji blocks): "start[-end] CLASS", hexadecimal code points.
_EXCEPTIONS = """
9 BA A LF B-C BK D CR 20 SP 21 EX 22 QU 25 PO 27 QU 29 CP 2B PR 2C IS 2D HY 2E IS 2F SY 3A-3B IS
3F EX 5C PR 5D CP 7C BA 85 BK A0 GL A1 OP A2 PO AD BA B0 PO B1 PR B4 BB BF OP 2C8 BB 2CC BB 2DF BB
34F GL 35C-362 GL 37E IS 589 IS 5C6 EX 600-605 AL 609-60B PO 60C-60D IS 61B EX 61D-61F EX 66A PO
66B-66C NU 6D4 EX 6DD AL 70F AL 7F8 IS 7F9 EX 890-891 AL 8E2 AL 964-965 BA 9F2-9F3 PO 9F9 PO C77 BB
C84 BB D79 PO E5A-E5B BA F01-F04 BB F06-F07 BB F08 GL F09-F0A BB F0B BA F0C GL F0D-F11 EX F12 GL
F14 EX F34 BA F7F BA F85 BA FBE-FBF BA FD0-FD1 BB FD2 BA FD3 BB FD9-FDA GL 104A-104B BA 1361 BA
16EB-16ED BA 1735-1736 BA 17D4-17D5 BA 17D6 NS 17D8 BA 17DA BA 1802-1803 EX 1804-1805 BA 1806 BB
1808-1809 EX 180E GL 1944-1945 EX 1A7F CM 1B5A-1B5B BA 1B5D-1B60 BA 1B7D-1B7E BA 1C3B-1C3F BA
1C7E-1C7F BA 1FFD BB 2007 GL 200B ZW 200D ZJ 2011 GL 2014 B2 2015 AL 2024-2026 IN 2027 BA 202F GL
2030-2037 PO 203C-203D NS 2044 IS 2047-2049 NS 2056 BA 2058-205B BA 205D-205E BA 2060 WJ
2061-2064 AL 20A7 PO 20B6 PO 20BB PO 20BE PO 20C0 PO 2103 PO 2109 PO 2116 PR 2212-2213 PR 22EF IN
23E9-23EC AL 23F1-23F2 ID 25FD-25FE AL 2600-2603 ID 2618 ID 261A-261C ID 261D EB 261E-261F ID
2639-263B ID 2648-2653 AL 2668 ID 2693-26AB AL 26BF-26C8 ID 26CD ID 26CE AL 26CF-26D1 ID 26D3 ID
26D8-26D9 ID 26DC ID 26DF-26E1 ID 26F1-26F4 ID 26F7-26F8 ID 26F9 EB 26FE-2704 ID 2705 AL
2708-2709 ID 270A-270D EB 2728-2757 AL 275B-2760 QU 2762-2763 EX 2764 ID 2795-27BF AL 2B1B-2B55 AL
2CF9 EX 2CFA-2CFC BA 2CFE EX 2CFF BA 2D70 BA 2E00-2E0B QU 2E0E-2E15 BA 2E18 OP 2E19 BA 2E1A AL
2E2A-2E2D BA 2E2E EX 2E30-2E31 BA 2E33-2E34 BA 2E3A-2E3B B2 2E3C-2E3E BA 2E41 BA 2E43-2E4A BA
2E4C BA 2E4E-2E4F BA 2E53-2E54 EX 3000 BA 3001-3002 CL 3005 NS 301C NS 3035 CM 303B-303C NS 303F ID
309B-309E NS 30A0 NS 30FB-30FE NS A015 NS A4FE-A4FF BA A60D BA A60E EX A60F BA A6F3-A6F7 BA A838 PO
A874-A875 BB A876-A877 EX A8CE-A8CF BA A8FC BB A92E-A92F BA A9C7-A9C9 BA AA5D-AA5F BA AAF0-AAF1 BA
ABEB BA FB1D HL FB1F-FB28 HL FB2A-FB4F HL FDFC PO FE10 IS FE11-FE12 CL FE13-FE14 IS FE15-FE16 EX
FE19 IN FE50 CL FE52 CL FE54-FE55 NS FE56-FE57 EX FE6A PO FEFF WJ FF01 EX FF05 PO FF0C CL FF0E CL
FF1A-FF1B NS FF1F EX FF61 CL FF62 OW FF64 CL FF65 NS FF67-FF70 NS FF9E-FF9F NS FFE0 PO FFFC ID
1F000-1F0F5 ID 1F10D-1F10F ID 1F16D-1F16F ID 1F18E-1F19A AL 1F1AD ID 1F321-1F37D ID 1F385 EB
1F394-1F39B ID 1F39E-1F39F ID 1F3B5-1F3B6 AL 1F3BC AL 1F3C2-1F3C4 EB 1F3C7 EB 1F3CA-1F3CC EB
1F3CD-1F3F7 ID 1F43F-1F441 ID 1F442-1F443 EB 1F446-1F450 EB 1F466-1F478 EB 1F47C EB 1F481-1F483 EB
1F485-1F487 EB 1F48F EB 1F491 EB 1F4A0 AL 1F4A2 AL 1F4A4 AL 1F4AA EB 1F4AF AL 1F4B1-1F4B2 AL
1F4FD-1F4FE ID 1F500-1F506 AL 1F517-1F524 AL 1F532-1F53D AL 1F54A-1F573 ID 1F574-1F575 EB
1F576-1F579 ID 1F57A EB 1F57B-1F58F ID 1F590 EB 1F591-1F594 ID 1F595-1F596 EB 1F597-1F5D3 ID
1F5DC-1F5F3 ID 1F5FA ID 1F645-1F647 EB 1F64B-1F64F EB 1F676-1F678 QU 1F679-1F67B NS 1F6A3 EB
1F6B4-1F6B6 EB 1F6C0 EB 1F6C6-1F6CB ID 1F6CC EB 1F6CD-1F6F3 ID 1F7D5-1F7D8 ID 1F8B0-1F8B1 ID
1F90C EB 1F90F EB 1F918-1F91F EB 1F926 EB 1F930-1F939 EB 1F93B ID 1F93C-1F93E EB 1F946 ID 1F977 EB
1F9B5-1F9B6 EB 1F9B8-1F9B9 EB 1F9BB EB 1F9CD-1F9CF EB 1F9D1-1F9DD EB 1FA60-1FA6D ID 1FAC3-1FAC5 EB
1FAF0-1FAF6 EB
"""
# Classes computed from ranges, and the South-East Asian scripts whose marks are SA (= AL).
_BLOCKS = "1100-115F JL A960-A97F JL 1160-11A7 JV D7B0-D7C6 JV 11A8-11FF JT D7CB-D7FF JT"
_BLOCKS += " 1F1E6-1F1FF RI 1F3FB-1F3FF EM E00-EFF SA 1000-109F SA 1780-17FF SA 1950-19DF SA"
_BLOCKS += " 1A20-1AAF SA A9E0-A9FF SA AA60-AADF SA 11700-1174F SA 590-5FF HL 3040-31FF KANA"
_BY_CATEGORY = {"Nd": "NU", "Pd": "BA", "Pe": "CL", "Pi": "QU", "Pf": "QU", "Ps": "OP"}
_BY_CATEGORY |= {"Sc": "PR", "Zs": "BA", "Zl": "BK", "Zp": "BK", "Cc": "CM", "Cf": "CM"}
_BY_CATEGORY |= {"Mn": "CM", "Mc": "CM", "Me": "CM"}
_WIDE = {"AL": "ID", "NU": "ID", "BA": "ID", "OP": "OW"}


def _expand(text: str) -> dict[int, str]:
    """Map every code point of "start[-end] VALUE ..." (hexadecimal) to its VALUE."""
    words = text.split()
    table: dict[int, str] = {}
    for span, value in zip(words[::2], words[1::2], strict=True):
        start, _, end = span.partition("-")
        table.update(dict.fromkeys(range(int(start, 16), int(end or start, 16) + 1), value))
    return table


_EXCEPTION_MAP = _expand(_EXCEPTIONS)
_BLOCK_MAP = _expand(_BLOCKS)


@lru_cache(maxsize=8192)
def _lb_class(ch: str) -> str:
    """Resolved UAX #14 line-break class of *ch* (AI, SA, XX -> AL; CB -> ID)."""
    cp = ord(ch)
    if cls := _EXCEPTION_MAP.get(cp):
        return cls
    cat, block = unicodedata.category(ch), _BLOCK_MAP.get(cp)
    if 0xAC00 <= cp <= 0xD7A3:
        return "H2" if (cp - 0xAC00) % 28 == 0 else "H3"
    if block in ("JL", "JV", "JT", "RI", "EM"):
        return block
    if (block == "SA" and cat[0] == "M") or (block == "HL" and cat in ("Lo", "Lm")):
        return "AL" if block == "SA" else "HL"
    if block == "KANA" and "SMALL" in unicodedata.name(ch, ""):
        return "NS"
    cls = _BY_CATEGORY.get(cat, "AL")
    eaw = unicodedata.east_asian_width(ch)
    return _WIDE.get(cls, cls) if eaw in "WF" or (eaw == "H" and cat[0] == "L") else cls


_PROHIBITED, _POSSIBLE, _MANDATORY = 0, 1, 2


def _break_opportunities(chars: Sequence[str]) -> list[int]:
    """Break opportunity before each character, as libunistring's u8_possible_linebreaks."""
    result = [_PROHIBITED] * len(chars)
    prev = last = "BK"  # class of the previous character / of the last non-space one
    seen_space = False
    ri_count = 0
    for i, ch in enumerate(chars):
        cls = _lb_class(ch)
        if cls in ("BK", "CR", "LF"):
            result[i], last, seen_space = _MANDATORY, "BK", False
        elif cls == "SP":
            seen_space = True
        elif cls == "ZW":
            last, seen_space = "ZW", False
        elif cls in ("CM", "ZJ"):
            if last == "BK":
                last, seen_space = "AL", False
            elif last == "ZW" or seen_space:
                result[i], last, seen_space = _POSSIBLE, "AL", False
        else:
            result[i] = _pair_break(prev, last, cls, seen_space, ri_count)
            last, seen_space = cls, False
        prev = "HL_BA" if prev == "HL" and cls in ("HY", "BA") else cls
        ri_count = ri_count + 1 if cls == "RI" else 0
    return result


def _pair_break(prev: str, last: str, cls: str, seen_space: bool, ri_count: int) -> int:
    """Break opportunity between *last* and *cls* (with spaces between if *seen_space*)."""
    if last == "BK" or prev in ("ZJ", "HL_BA"):
        return _PROHIBITED
    if last == "ZW":
        return _POSSIBLE
    if last == "RI" and cls == "RI":
        return _POSSIBLE if seen_space or ri_count % 2 == 0 else _PROHIBITED
    verdict = _PAIRS[last, cls]
    return _POSSIBLE if verdict == "D" or (verdict == "I" and seen_space) else _PROHIBITED


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Columns taken by *ch*, as libunistring's uc_width for UTF-8 (controls count 0)."""
    cp = ord(ch)
    cat = unicodedata.category(ch)
    if cp in (0xCBF, 0xCC6, 0x11A07, 0x11A08, 0x11C3F):
        return 1
    if cat in ("Mn", "Me", "Cf", "Cc") or 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:
        return 0
    if cat == "Cn":
        return 2 if 0x20000 <= cp <= 0x3FFFD else 1
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


# Fast path. Most text consists of width-1 characters whose classes need none of the
# state of _break_opportunities (no marks, joiners, breaks, Hebrew, regional indicators):
# there, a break is possible exactly where the pair table says D, or D/I after spaces.
# The table becomes two regular expressions over a string of one-letter class codes.
_PLAIN = (
    "AL",
    "NU",
    "EX",
    "IN",
    "NS",
    "QU",
    "PR",
    "PO",
    "OP",
    "CL",
    "CP",
    "IS",
    "HY",
    "SY",
    "BA",
    "B2",
    "GL",
    "BB",
)
_CODE = {cls: chr(ord("a") + i) for i, cls in enumerate(_PLAIN)} | {"SP": " "}


class _ClassCodes(dict[int, str]):
    """``str.translate`` table: a character to its class code, "!" if not plain."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        code = _CODE.get(_lb_class(ch), "!") if char_width(ch) == 1 else "!"
        self[cp] = code
        return code


_CLASS_CODES = _ClassCodes()


def _opportunity_pattern() -> re.Pattern[str]:
    """One expression for every plain break opportunity: it consumes the character
    before the break (and any spaces), so ``match.end()`` is the break position."""
    parts = []
    for allowed, spaces in (("D", ""), ("DI", " +")):
        rows: dict[str, str] = {}
        for before in _PLAIN:
            after = "".join(_CODE[a] for a in _PLAIN if _PAIRS[before, a] in allowed)
            if after:
                rows[after] = rows.get(after, "") + _CODE[before]
        parts += [f"[{befores}]{spaces}(?=[{after}])" for after, befores in rows.items()]
    return re.compile("|".join(parts))


_OPPORTUNITY = _opportunity_pattern()


def plain_opportunities(text: str) -> list[int] | None:
    """Break opportunities of *text* if all its characters are plain, else None."""
    codes = text.translate(_CLASS_CODES)
    if "!" in codes:
        return None
    return [m.end() for m in _OPPORTUNITY.finditer(codes)]


def plain_cuts(opportunities: list[int], size: int, width: int, column: int) -> list[int]:
    """Where lines start, for plain text (every character one column wide).

    The greedy rule of :func:`exact_linebreaks`, one step per line: break at the last
    opportunity before the first one that would overflow (the very first never breaks).
    """
    cuts: list[int] = []
    count, k, start = len(opportunities), 0, 0
    while k < count:
        limit = start + width - column
        j = bisect.bisect_right(opportunities, limit, k + 1)
        if j == count:
            if size > limit:
                cuts.append(opportunities[-1])
            break
        start, column, k = opportunities[j - 1], 0, j
        cuts.append(start)
    return cuts


def width_linebreaks(
    chars: Sequence[str], locked: Sequence[bool], width: int, column: int
) -> list[bool]:
    """Where to break so that lines fit *width* columns (u8_width_linebreaks).

    *locked* marks characters that must not start a line; *column* is the start column.
    """
    plain = plain_opportunities("".join(chars))
    if plain is None:
        return exact_linebreaks(chars, locked, width, column)
    breaks = [False] * len(chars)
    for cut in plain_cuts([p for p in plain if not locked[p]], len(chars), width, column):
        breaks[cut] = True
    return breaks


def exact_linebreaks(
    chars: Sequence[str], locked: Sequence[bool], width: int, column: int
) -> list[bool]:
    """The general :func:`width_linebreaks`, character by character."""
    opportunities = _break_opportunities(chars)
    breaks = [False] * len(chars)
    last_break: int | None = None
    piece = 0
    for i, ch in enumerate(chars):
        kind = _PROHIBITED if locked[i] else opportunities[i]
        if kind != _PROHIBITED and last_break is not None and column + piece > width:
            breaks[last_break] = True
            column = 0
        if kind == _MANDATORY:
            last_break, column, piece = None, 0, 0
            continue
        if kind == _POSSIBLE:
            last_break, column, piece = i, column + piece, 0
        piece += char_width(ch)
    if last_break is not None and column + piece > width:
        breaks[last_break] = True
    return breaks
