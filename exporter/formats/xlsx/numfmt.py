"""The text Excel shows for a number under its number format: 0.85 under 0% is "85%", 45107 under
yyyy"年"m"月"d"日" is "2023年6月30日". Someone's workbook is read for what its cells show, not for the
stored numbers (formats/xlsx/foreign.py).

What is rendered: the General and text formats (left to the caller), digits (0 # ?), decimals,
thousands separators and scaling commas, percent, literal text ("…", \\x, unquoted characters), colours
and locale tags (dropped), a currency in [$¥-804], sections for positive;negative;zero, and dates and
times (y m d h s, 上午/下午 and AM/PM, elapsed [h], 周/星期 aaa/aaaa, [DBNum1] Chinese digits in dates).
Built-in format numbers are those of Chinese (zh-CN) Excel, so id 14 is yyyy/m/d as a clerk sees it.
Anything else (scientific, fractions, conditions, month and day names whose language depends on the
computer) raises Unsupported: the caller names the cell rather than guess.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

# Built-in number formats as zh-CN Excel displays them (ECMA-376 Part 1, 18.8.30, East Asian ids).
BUILTIN = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"¥"#,##0;"¥"\\-#,##0',
    6: '"¥"#,##0;[Red]"¥"\\-#,##0',
    7: '"¥"#,##0.00;"¥"\\-#,##0.00',
    8: '"¥"#,##0.00;[Red]"¥"\\-#,##0.00',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "yyyy/m/d",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "yyyy/m/d h:mm",
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    34: '上午/下午h"时"mm"分"',
    35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}
PLAIN = {"general", "@", ""}


class Unsupported(Exception):
    """A number format this module does not render; the message is the format code."""


def is_plain(code: str | None) -> bool:
    """General or text: the value's own text is what Excel shows."""
    return code is None or code.strip().lower() in PLAIN


_TOKEN = re.compile(
    r'"(?P<quoted>[^"]*)"?'
    r"|\\(?P<escaped>.)"
    r"|_(?P<space>.)"
    r"|\*(?P<fill>.)"
    r"|\[(?P<bracket>[^\]]*)\]"
    r"|(?P<general>[Gg][Ee][Nn][Ee][Rr][Aa][Ll])"
    r"|(?P<ampm>上午/下午|AM/PM|am/pm|A/P|a/p)"
    r"|(?P<date>[yY]+|[mM]+|[dD]+|[hH]+|[sS]+|[aA]{3,4}|[eEgGbB]+)"
    r"|(?P<digit>[0#?])"
    r"|(?P<other>.)",
    re.S,
)
_WEEKDAYS = "一二三四五六日"
_DIGITS = "〇一二三四五六七八九"


@functools.lru_cache(maxsize=256)
def sections(code: str) -> list[str]:
    """The format's sections (positive;negative;zero;text), split outside quotes and brackets."""
    out, current, quoted, bracket, escaped = [], [], False, False, False
    for ch in code:
        if escaped:
            escaped = False
        elif ch == "\\" and not quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == "[" and not quoted:
            bracket = True
        elif ch == "]" and not quoted:
            bracket = False
        elif ch == ";" and not quoted and not bracket:
            out.append("".join(current))
            current = []
            continue
        current.append(ch)
    out.append("".join(current))
    return out


@functools.lru_cache(maxsize=256)  # a workbook has few formats and many cells
def _tokens(section: str, code: str) -> tuple[list[tuple[str, str]], bool]:
    """(kind, text) tokens of one section and whether it asks for Chinese digits ([DBNum1])."""
    tokens: list[tuple[str, str]] = []
    chinese = False
    for m in _TOKEN.finditer(section):
        kind = m.lastgroup
        text = m.group(kind)
        if kind in ("quoted", "escaped"):
            tokens.append(("lit", text))
        elif kind == "space":
            tokens.append(("lit", " "))
        elif kind == "fill":
            continue
        elif kind == "bracket":
            tag = text.strip()
            low = tag.lower()
            if low.startswith("$"):  # [$¥-804] currency and locale, [$-804] locale only
                symbol, _, locale = tag[1:].partition("-")
                hexadecimal = re.fullmatch(r"[0-9A-Fa-f]{1,8}", locale) is not None
                if hexadecimal and (int(locale, 16) > 0xFFFF or locale.lower() in ("f800", "f400")):
                    raise Unsupported(code)  # another numeral system or calendar; the computer's own date format
                tokens.append(("lit", symbol))
            elif low == "dbnum1":
                chinese = True
            elif re.fullmatch(r"h+|m+|s+", low):
                tokens.append(("elapsed", low))
            elif re.fullmatch(r"(black|white|red|green|blue|yellow|magenta|cyan|color\s*\d+)", low):
                continue
            else:  # conditions [>=100], [DBNum2] …
                raise Unsupported(code)
        elif kind == "ampm":
            tokens.append(("ampm", text))
        elif kind == "general":
            tokens.append(("general", text))
        elif kind == "date":
            if text[0] in "eEgGbB":
                raise Unsupported(code)
            tokens.append(("date", text.lower()))
        elif kind == "digit":
            tokens.append(("digit", text))
        elif text == "@":
            tokens.append(("text", text))
        elif text in ".,%":
            tokens.append((text, text))
        elif text == "/":  # a date's separator, or a fraction (refused in _number)
            tokens.append(("/", text))
        else:
            tokens.append(("lit", text))
    return tokens, chinese


def display(value, code: str, date1904: bool = False) -> str:
    """What Excel shows for `value` (a number, or the date/time calamine made of it) under `code`."""
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        serial = _serial(value, date1904)
    else:
        serial = float(value)
    parts = sections(code)
    section, signed = parts[0], True
    if serial < 0 and len(parts) > 1:
        section, signed = parts[1], False
    elif serial == 0 and len(parts) > 2:
        section = parts[2]
    tokens, chinese = _tokens(section, code)
    if any(kind in ("date", "elapsed", "ampm") for kind, _ in tokens):
        return _date(serial, tokens, chinese, date1904, code)
    if chinese:
        raise Unsupported(code)
    number = serial if signed else abs(serial)
    return _number(number, tokens, code)


def _serial(value, date1904: bool) -> float:
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 86400
    if isinstance(value, dt.time):
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    delta = value - base
    return delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6


# -- numbers -----------------------------------------------------------------------------------------


def _number(value: float, tokens: list[tuple[str, str]], code: str) -> str:
    kinds = [kind for kind, _ in tokens]
    if "general" in kinds:  # 0.0;-0.0;General, "约"General
        shown = f"{value:.11g}" if not float(value).is_integer() else str(int(value))
        return "".join(shown if kind == "general" else text if kind == "lit" else "" for kind, text in tokens)
    if "digit" not in kinds:  # only text: "是", or ;;; which shows nothing
        return "".join(text for kind, text in tokens if kind == "lit" or kind == "%")
    first = kinds.index("digit")
    last = len(kinds) - 1 - kinds[::-1].index("digit")
    if "/" in kinds or any(kind in ("lit", "text", "%") for kind in kinds[first:last]):
        raise Unsupported(code)  # text between digits (000-0000)
    run = tokens[first : last + 1]
    after = tokens[last + 1 :]
    scale = 0
    while after and after[0][0] == ",":  # commas right after the digits divide by 1000 each
        scale += 1
        after = after[1:]
    point = next((i for i, (kind, _) in enumerate(run) if kind == "."), len(run))
    whole = [text for kind, text in run[:point] if kind == "digit"]
    decimals = [text for kind, text in run[point:] if kind == "digit"]
    grouped = any(kind == "," for kind, _ in run[:point])
    percent = sum(1 for kind, _ in tokens if kind == "%")
    number = Decimal(repr(value)) * Decimal(100) ** percent / Decimal(1000) ** scale
    negative = number < 0
    rounded = abs(number).quantize(Decimal(1).scaleb(-len(decimals)), rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    int_text, _, frac_text = text.partition(".")
    int_text = int_text.lstrip("0")
    int_text = int_text.rjust(whole.count("0"), "0")
    if grouped and int_text:
        int_text = f"{int(int_text):,}"
    frac = list(frac_text.ljust(len(decimals), "0"))
    for i in range(len(frac) - 1, -1, -1):  # optional decimals (# ?) drop trailing zeros
        if frac[i] != "0" or decimals[i] == "0":
            break
        frac[i] = " " if decimals[i] == "?" else ""
    frac_out = "".join(frac)
    body = int_text + ("." + frac_out if point < len(run) and (frac_out or decimals) else "")
    if negative and rounded != 0:
        body = "-" + body
    out = []
    for kind, text in tokens[:first]:
        out.append(text if kind != "text" else "")
    out.append(body)
    for kind, text in after:
        out.append(text if kind in ("lit", "%") else "")
    return "".join(out)


# -- dates and times ---------------------------------------------------------------------------------


def _date(serial: float, tokens, chinese: bool, date1904: bool, code: str) -> str:
    if serial < 0:
        raise Unsupported(code)
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    # Excel keeps milliseconds and shows the rest truncated: 12:00:59 under h:mm is 12:00
    millis = round(serial * 86400000)
    moment = base + dt.timedelta(milliseconds=millis)
    seconds = millis // 1000
    twelve = any(kind == "ampm" for kind, _ in tokens)
    minute_at = _minute_positions(tokens)
    out = []
    for i, (kind, text) in enumerate(tokens):
        if kind in ("lit", "/"):
            out.append(text)
        elif kind in (".", ",", "%", "digit"):
            if kind == "digit" or (kind == "." and i + 1 < len(tokens) and tokens[i + 1][0] == "digit"):
                raise Unsupported(code)  # fractions of a second
            out.append(text)
        elif kind == "text":
            continue
        elif kind == "ampm":
            morning = moment.hour < 12
            choices = {"上午/下午": ("上午", "下午"), "a/p": ("a", "p")}.get(text.lower(), ("AM", "PM"))
            if text in ("am/pm", "a/p"):
                choices = tuple(c.lower() for c in choices)
            out.append(choices[0] if morning else choices[1])
        elif kind == "elapsed":
            total = seconds
            value = {"h": total // 3600, "m": total // 60, "s": total}[text[0]]
            out.append(str(value).rjust(len(text), "0"))
        else:
            out.append(_date_part(text, moment, i in minute_at, twelve, chinese, code))
    return "".join(out)


def _minute_positions(tokens) -> set[int]:
    """Indices of m/mm tokens that mean minutes: after an hour or before a second (Excel's rule)."""
    dates = [(i, text) for i, (kind, text) in enumerate(tokens) if kind in ("date", "elapsed")]
    found = set()
    for n, (i, text) in enumerate(dates):
        if text[0] != "m" or len(text) > 2:
            continue
        before = dates[n - 1][1] if n else ""
        after = dates[n + 1][1] if n + 1 < len(dates) else ""
        if before[:1] == "h" or after[:1] == "s":
            found.add(i)
    return found


def _date_part(text: str, moment: dt.datetime, minute: bool, twelve: bool, chinese: bool, code: str) -> str:
    c, n = text[0], len(text)
    if c == "y":
        year = moment.year if n > 2 else moment.year % 100
        digits = str(year).rjust(4 if n > 2 else 2, "0")
        return "".join(_DIGITS[int(d)] for d in digits) if chinese else digits
    if c == "a":
        return ("星期" if n == 4 else "周") + _WEEKDAYS[moment.weekday()]
    if c == "m" and minute:
        value = moment.minute
    elif c == "m" and n <= 2:
        value = moment.month
    elif c == "d" and n <= 2:
        value = moment.day
    elif c == "h":
        value = moment.hour % 12 or 12 if twelve else moment.hour
    elif c == "s":
        value = moment.second
    else:  # mmm, dddd …: names whose language depends on the computer
        raise Unsupported(code)
    if chinese:
        return _chinese_count(value)
    return str(value).rjust(min(n, 2), "0")


def _chinese_count(value: int) -> str:
    """0–99 as written in a date: 六, 十, 十二, 二十, 三十一."""
    tens, ones = divmod(value, 10)
    if value < 10:
        return _DIGITS[value]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
