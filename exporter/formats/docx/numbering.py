"""The numbers Word shows for automatically numbered paragraphs (lists), which are not in the text.

A department's 序号 column is often a numbered list: each cell's paragraph says only "list 3, level 0"
(w:numPr), and the 1., 2., 3. (or 一、二、 for section rows) are computed by Word from numbering.xml.
This module computes them the same way, for every paragraph of the body in document order:

- a paragraph's list comes from its own w:numPr, else from its paragraph style (following w:basedOn);
  numId 0 means "not numbered";
- a list instance (w:num) points to an abstract list (w:abstractNum) whose levels (w:lvl) give the
  start value, the number format (w:numFmt) and the text (w:lvlText, "%1." — %n is level n's counter);
  an abstract list may take its levels from a numbering style (w:numStyleLink);
- instances of one abstract list share its counters (Word continues the list), except where an
  instance overrides a level's start (w:lvlOverride/w:startOverride, Word's "restart numbering"): the
  first paragraph of that instance at that level starts again there;
- numbering a level resets the deeper levels; w:isLgl shows every counter as a decimal.

Formats: decimal (and zero-padded, full-width, circled, in brackets), Chinese counting (一, 十一, 二十),
legal (壹, 拾), Heavenly Stems (甲乙丙), letters, Roman numerals, bullets and none. Another format gives
Unsupported, which the reader reports at the table row (a number is never silently left out).
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_Q = f"{{{W}}}"
_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


class Unsupported(Exception):
    """A number format this module cannot show; args[0] is Word's name for it."""


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False


@dataclass
class Numbered:
    """What Word shows before a paragraph's text: the number text and what separates it from the text."""

    text: str
    suffix: str  # "tab", "space" or "nothing"
    fmt: str = ""
    error: str | None = None  # an unsupported format's name; the number cannot be shown


@dataclass
class _List:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # level -> start
    levels: dict[int, Level] = field(default_factory=dict)  # levels redefined by the instance


def _val(el, name: str) -> str | None:
    found = el.find(_Q + name)
    return None if found is None else found.get(_Q + "val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(lvl) -> Level:
    level = Level()
    level.start = _int(_val(lvl, "start"), 1)
    level.fmt = _val(lvl, "numFmt") or "decimal"
    text = _val(lvl, "lvlText")
    level.text = text if text is not None else ""
    level.suffix = _val(lvl, "suff") or "tab"
    legal = lvl.find(_Q + "isLgl")
    level.legal = legal is not None and legal.get(_Q + "val", "1") not in ("0", "false", "off")
    return level


class Numbering:
    """The lists of one document; `number(p)` gives a paragraph's Numbered, in document order."""

    def __init__(self, numbering_root, styles_root):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNum -> numbering style it takes its levels from
        self.lists: dict[str, _List] = {}
        self.style_numpr: dict[str, tuple[str | None, str | None]] = {}
        self.based_on: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.restarted: set[tuple[str, int]] = set()
        if numbering_root is not None:
            for a in numbering_root.iter(_Q + "abstractNum"):
                key = a.get(_Q + "abstractNumId")
                self.abstract[key] = {_int(lvl.get(_Q + "ilvl"), 0): _level(lvl) for lvl in a.findall(_Q + "lvl")}
                link = _val(a, "numStyleLink")
                if link:
                    self.style_link[key] = link
            for n in numbering_root.iter(_Q + "num"):
                item = _List(abstract=_val(n, "abstractNumId") or "")
                for o in n.findall(_Q + "lvlOverride"):
                    ilvl = _int(o.get(_Q + "ilvl"), 0)
                    start = _val(o, "startOverride")
                    if start is not None:
                        item.overrides[ilvl] = _int(start, 1)
                    lvl = o.find(_Q + "lvl")
                    if lvl is not None:
                        item.levels[ilvl] = _level(lvl)
                self.lists[n.get(_Q + "numId")] = item
        if styles_root is not None:
            for s in styles_root.iter(_Q + "style"):
                sid = s.get(_Q + "styleId")
                based = _val(s, "basedOn")
                if based:
                    self.based_on[sid] = based
                numpr = s.find(f"{_Q}pPr/{_Q}numPr")
                if numpr is not None:
                    self.style_numpr[sid] = (_val(numpr, "numId"), _val(numpr, "ilvl"))

    def _levels(self, abstract: str, depth: int = 0) -> dict[int, Level]:
        levels = self.abstract.get(abstract, {})
        link = self.style_link.get(abstract)
        if not levels and link and depth < 5:
            num_id, _ = self._style_numpr(link)
            item = self.lists.get(num_id or "")
            if item is not None and item.abstract != abstract:
                return self._levels(item.abstract, depth + 1)
        return levels

    def _style_numpr(self, style: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_numpr:
                return self.style_numpr[style]
            style = self.based_on.get(style)
        return None, None

    def _numpr(self, p) -> tuple[str | None, int]:
        ppr = p.find(_Q + "pPr")
        num_id = ilvl = None
        if ppr is not None:
            numpr = ppr.find(_Q + "numPr")
            if numpr is not None:
                num_id, ilvl = _val(numpr, "numId"), _val(numpr, "ilvl")
            if num_id is None:
                style_num, style_lvl = self._style_numpr(_val(ppr, "pStyle"))
                num_id = style_num
                ilvl = ilvl if ilvl is not None else style_lvl
        return num_id, _int(ilvl, 0)

    def number(self, p) -> Numbered | None:
        """The number Word shows before paragraph `p` (and counts it), or None when it has none."""
        num_id, ilvl = self._numpr(p)
        if not num_id or num_id == "0" or num_id not in self.lists:
            return None
        item = self.lists[num_id]
        levels = dict(self._levels(item.abstract))
        levels.update(item.levels)
        ilvl = max(0, min(ilvl, 8))
        level = levels.get(ilvl, Level(text=f"%{ilvl + 1}."))
        counters = self.counters.setdefault(item.abstract, {})
        if ilvl in item.overrides and (num_id, ilvl) not in self.restarted:
            self.restarted.add((num_id, ilvl))
            counters[ilvl] = item.overrides[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return Numbered(level.text, level.suffix, level.fmt)
        out, i, text = [], 0, level.text
        try:
            while i < len(text):
                if text[i] == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                    n = int(text[i + 1]) - 1
                    shown = levels.get(n, Level())
                    value = counters.get(n, shown.start)
                    fmt = "decimal" if level.legal and n < ilvl else shown.fmt
                    out.append(format_number(value, fmt))
                    i += 2
                else:
                    out.append(text[i])
                    i += 1
        except Unsupported as exc:
            return Numbered("", level.suffix, level.fmt, error=str(exc.args[0]))
        return Numbered("".join(out), level.suffix, level.fmt)


def format_number(value: int, fmt: str) -> str:
    """A counter as Word writes it in number format `fmt`."""
    if fmt == "decimal":
        return str(value)
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return str(value).rjust(2, "0")
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalHalfWidth":
        return str(value)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "ideographDigital"):
        if fmt == "ideographDigital":
            return "".join(_DIGITS[int(d)] for d in str(value))
        return chinese_counting(value)
    if fmt == "chineseLegalSimplified":
        return chinese_counting(value, legal=True)
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _STEMS[value - 1]
    if fmt == "ideographZodiac" and 1 <= value <= 12:
        return _BRANCHES[value - 1]
    if fmt in ("upperLetter", "lowerLetter") and value >= 1:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= value < 4000:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    raise Unsupported(fmt)


def chinese_counting(value: int, legal: bool = False) -> str:
    """1 一, 10 十, 11 十一, 20 二十, 105 一百零五, 1001 一千零一 (legal: 壹, 拾, 佰, 仟); a run of zeros inside
    is one 零, as Chinese writes it."""
    digits = _LEGAL if legal else _DIGITS
    units = ["", "拾", "佰", "仟"] if legal else ["", "十", "百", "千"]
    if value <= 0 or value >= 10000:
        raise Unsupported("chineseLegalSimplified" if legal else "chineseCounting")
    out, zero = [], False
    text = str(value)
    for i, ch in enumerate(text):
        d = int(ch)
        place = len(text) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(digits[d] + units[place])
    result = "".join(out)
    if not legal and 10 <= value < 20:
        result = result[1:]  # 十一, not 一十一
    return result


def _roman(value: int) -> str:
    out = []
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)
