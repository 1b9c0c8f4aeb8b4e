"""Display width of text: a CJK or full-width character takes two Latin columns.

Used to size spreadsheet columns and rows, where counting characters is wrong for Chinese.
"""

from __future__ import annotations

import math
import unicodedata

from exporter.text.linebreak import NO_START


class _Widths(dict):
    """Character -> columns, computed on first sight (a dict lookup is the fast path for long texts)."""

    def __missing__(self, ch: str) -> int:
        # W/F are wide everywhere. Ambiguous characters (“”‘’—…·) are drawn full-width by Chinese
        # fonts such as 宋体, so they count as wide here too: for sizing it is better to be generous.
        width = 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
        self[ch] = width
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    """Columns the text takes in a monospaced CJK grid: '市发改委' -> 8, 'GDP 5.8%' -> 8."""
    if text.isascii():
        return len(text)
    return sum(map(_WIDTHS.__getitem__, text))


def wrapped_lines(text: str, columns: float) -> int:
    """Lines a paragraph needs when wrapped at `columns` (at least 1).

    Line breaking never fills a line exactly (no line may start with 。，、 and Latin words or numbers
    are not split), so each line is taken to hold about 8% less than its width, minus one character.
    """
    width = display_width(text)
    if width == 0:
        return 1
    return max(1, math.ceil(width / line_capacity(columns)))


def line_capacity(columns: float) -> float:
    """Display width one wrapped line is taken to hold (see wrapped_lines)."""
    return max(columns * 0.92 - 2, 2)


# Where a paragraph too tall for one spreadsheet row is best continued in the next row: after the end
# of a sentence, else after a clause mark or a space, else anywhere except before a mark that may not
# start a line or inside a Latin word or number.
_SENTENCE_END = frozenset("。；！？!?;")
_CLAUSE_END = frozenset("，、：）》”’,:) \t")
_NO_LINE_START = frozenset(NO_START)  # the one 禁则 table, shared with the PDF's line breaking
_LOOK_BACK = 0.4  # give up at most this share of the room to end at a better place


def split_point(text: str, width: float) -> int:
    """Length of the longest good prefix of `text` whose display width is at most `width`.

    0 when not even one character fits; len(text) when all of it fits.
    """
    used = 0
    fit = 0
    for ch in text:
        used += _WIDTHS[ch]
        if used > width:
            break
        fit += 1
    if fit >= len(text) or fit == 0:
        return fit
    floor = max(1, int(fit * (1 - _LOOK_BACK)))
    for marks in (_SENTENCE_END, _CLAUSE_END):
        for cut in range(fit, floor - 1, -1):
            if text[cut - 1] in marks:
                return cut
    for cut in range(fit, floor - 1, -1):
        before, after = text[cut - 1], text[cut]
        if after not in _NO_LINE_START and not (
            before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        ):
            return cut
    return fit
