"""Chinese line breaking (GB/T 15834 habits, as word processors apply them).

The text is cut into units that must not be split: a run of digits and Latin letters with the signs
that belong to it ("2291.5", "5.8%", "5+5+N", "2023-2025"), or one CJK character. Marks that may not
start a line (，。、）》” …) stick to the unit before them, marks that may not end a line (（《“ …) to
the unit after them. Lines are then filled greedily by measured width. Only a unit wider than a whole
line is cut between characters.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

# May not begin a line: closing brackets and quotes, pause and stop marks, dashes, ellipses,
# percent and degree signs, small kana and iteration marks; full-width and ASCII forms.
NO_START = (
    "，。、；：？！）》”’%」』】〕〉〗〙〛｝］｠…‥—～·・〜ー々〻‰℃°′″％"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞！＂＇），．：；？］｝｡｣､"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.;:?!)]}"
)
# May not end a line: opening brackets and quotes.
NO_END = "（《“‘「『【〔〈〖〘〚｛［｟([{＄￥"

# Characters that join letters and digits into one unbreakable run.
_WORD = r"[0-9A-Za-z\u00C0-\u024F\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A.,:%+\-/_#&@~'‰℃°]"
_UNIT = re.compile(
    "[" + re.escape(NO_END) + "]*(?:" + _WORD + "+|[^ \t])[" + re.escape(NO_START) + "]*|[ \t]+",
    re.S,
)

_PIECE = re.compile("[" + re.escape(NO_END) + "]*.[" + re.escape(NO_START) + "]*", re.S)

Measure = Callable[[str], float]


_RUN = re.compile(_WORD + "{2,}")


def latin_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more letters/digits: justification never spaces them out."""
    return [m.span() for m in _RUN.finditer(text)]


# An ASCII hyphen between two Han characters ("落地-投产", "铜山-埇桥") joins them like a dash; a line
# ending in it reads as a soft hyphen to pdftotext and PDFium, which drop it when they join the lines.
# Compiled when a hyphen first shows up: the class takes milliseconds to compile.
@functools.cache
def _han() -> re.Pattern:
    return re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def tokenize(text: str) -> list[str]:
    """Split text into units that no line break may cut."""
    units = _UNIT.findall(text)
    if "-" in text:
        units = _hold_hyphens(units)
    return units


def _hold_hyphens(units: list[str]) -> list[str]:
    """Join a lone "-" between Han characters to the unit after it: no line may end right after it."""
    out: list[str] = []
    han = _han()
    i = 0
    while i < len(units):
        unit = units[i]
        if unit == "-" and out and i + 1 < len(units) and han.match(out[-1][-1]) and han.match(units[i + 1]):
            out.append(unit + units[i + 1])
            i += 2
            continue
        out.append(unit)
        i += 1
    return out


def break_lines(text: str, width: float, measure: Measure, indent: float = 0.0) -> list[str]:
    """Break one paragraph into lines no wider than `width` (the first line `indent` narrower).

    `measure(s)` returns the drawn width of s. Returns at least one line (possibly empty).
    Spaces at the start and end of broken lines are dropped.
    """
    units = tokenize(text)
    widths = list(map(measure, units))
    if widths and max(widths) > width - indent + 1e-6:
        return _break_with_cuts(units, width, measure, indent)
    # No unit needs cutting: each line is the longest run of units that fits, found by bisecting
    # the running total of widths (the greedy fill, without a Python step per unit).
    ends = list(accumulate(widths))
    lines: list[str] = []
    i, n, room = 0, len(units), width - indent
    while i < n:
        if units[i].isspace():  # a line never starts with a space
            i += 1
            continue
        start = ends[i - 1] if i else 0.0
        j = bisect_right(ends, start + room + 1e-6, i + 1)
        lines.append("".join(units[i:j]).rstrip(" \t"))
        i, room = j, width
    return lines or [""]


def _break_with_cuts(units: list[str], width: float, measure: Measure, indent: float) -> list[str]:
    """The greedy fill one unit at a time, cutting units wider than a whole line between characters."""
    lines: list[str] = []
    current: list[str] = []
    used = indent
    units = units[::-1]  # a stack, so that an over-wide unit can be pushed back as characters
    while units:
        unit = units.pop()
        if unit.isspace() and not current:
            continue
        w = measure(unit)
        if used + w <= width + 1e-6:
            current.append(unit)
            used += w
            continue
        if w > width - (0.0 if lines else indent) + 1e-6:
            # Last resort: wider than a whole line, so cut between characters (keeping the marks
            # with their characters), starting on the current line.
            pieces = _characters(unit)
            if len(pieces) > 1:
                units.extend(reversed(pieces))
                continue
            if not current:  # one piece wider than a line: it gets a line of its own
                current.append(unit)
                used += w
                continue
        lines.append("".join(current).rstrip(" \t"))
        current, used = [], 0.0
        units.append(unit)
    if current or not lines:
        lines.append("".join(current).rstrip(" \t"))
    return lines


def _characters(unit: str) -> list[str]:
    """One piece per character, with no-start marks after it and no-end marks before it."""
    return _PIECE.findall(unit)
