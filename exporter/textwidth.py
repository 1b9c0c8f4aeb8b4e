"""Display width of text: a CJK or full-width character takes two Latin columns.

Used to size spreadsheet columns and rows, where counting characters is wrong for Chinese.
"""
from __future__ import annotations

import math
import unicodedata


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
    usable = max(columns * 0.92 - 2, 2)
    return max(1, math.ceil(width / usable))
