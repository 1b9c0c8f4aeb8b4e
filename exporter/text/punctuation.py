"""Put back the full-width punctuation that the portal's scraper folded to ASCII.

GB/T 15834-2011: in Chinese text , ; : ? ! ( ) are written ，；：？！（）. The scraped seed holds no
character of U+FF01–U+FF5E at all, so every ASCII mark standing in Chinese context was full-width
when published. Marks between digits (14:48, 1,000), in Latin text (DRG/DIP, VOCs) and brackets
around purely Latin or numeric content stay ASCII; other characters are never touched.
"""

from __future__ import annotations

import re

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
FOLD = {v: k for k, v in FULL_WIDTH.items()}
_MARKS = re.compile(r"[,;:?!()]")
_BRACKETS = re.compile(r"[()]")


def is_chinese(ch: str) -> bool:
    """True for Han characters and Chinese punctuation, which make the context Chinese."""
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x9FFF  # CJK Unified Ideographs and Extension A
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= cp <= 0x3FFFF  # Extensions B and later
        or 0x3000 <= cp <= 0x303F  # CJK symbols and punctuation: 、。《》「」
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or ch in "“”‘’—…·"
    )


def join_lines(lines: list[str]) -> str:
    """Lines of one cell run together as a reader sees them: nothing between lines where either side is
    Chinese (a space there would be a character the publisher never wrote), one space between Latin
    words or numbers."""
    out = ""
    for line in lines:
        if out and line and not (is_chinese(out[-1]) or is_chinese(line[0])):
            out += " "
        out += line
    return out


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character from position i in direction step, or ''."""
    i += step
    while 0 <= i < len(text):
        if not text[i].isspace():
            return text[i]
        i += step
    return ""


def _chinese_near(text: str, i: int) -> bool:
    left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
    return (bool(left) and is_chinese(left)) or (bool(right) and is_chinese(right))


def restore(text: str) -> str:
    """Return text with , ; : ? ! ( ) made full-width where they stand in Chinese context."""
    if not _MARKS.search(text):
        return text
    chars = list(text)
    # Brackets are decided as pairs, so that both halves of a pair always match.
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for m in _BRACKETS.finditer(text):  # only the marks are visited: long notes stay fast
        i = m.start()
        if m.group() == "(":
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
    paired = set()
    for start, end in pairs:
        paired.update((start, end))
        before, after = _neighbour(text, start, -1), _neighbour(text, end, 1)
        inner = text[start + 1 : end]
        if (before and is_chinese(before)) or (after and is_chinese(after)) or any(map(is_chinese, inner)):
            chars[start], chars[end] = "（", "）"
    for m in _MARKS.finditer(text):
        i = m.start()
        if i not in paired and _chinese_near(text, i):
            chars[i] = FULL_WIDTH[m.group()]
    return "".join(chars)


def fold(text: str) -> str:
    """The inverse mapping: full-width marks back to ASCII, as the scraper did."""
    return "".join(FOLD.get(ch, ch) for ch in text)
