"""Which number format each cell of someone's workbook has, for the cells whose format is not General
or text (the only ones whose shown text differs from their value). calamine reads the values but not
the formats, so they are read here: for .xlsx from xl/styles.xml and the sheets' `s` attributes (a
regular-expression pass over the cell tags, skipped entirely when no cell style has such a format);
for .xls with xlrd, which reads the BIFF records calamine reads, formats included.

`formats(data, kind) -> Formats`: per sheet name, {(row, column) 0-based: format code}, and whether the
workbook counts dates from 1904.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from exporter.formats.xlsx.numfmt import BUILTIN, is_plain


@dataclass
class Formats:
    sheets: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    date1904: bool = False


def formats(data: bytes, kind: str) -> Formats:
    if kind == "xlsx":
        return _xlsx(data)
    if kind == "xls":
        return _xls(data)
    return Formats()


def _code(number: int, custom: dict[int, str]) -> str | None:
    return custom.get(number, BUILTIN.get(number))


def _attrs(text: bytes) -> dict[bytes, bytes]:
    return dict(re.findall(rb'([\w:]+)\s*=\s*"([^"]*)"', text))


def _unescape(raw: bytes) -> str:
    import html

    return html.unescape(raw.decode("utf-8", "replace"))


_CELL = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)/?>")
_REF = re.compile(rb"([A-Z]+)([0-9]+)")


def _xlsx(data: bytes) -> Formats:
    zf = zipfile.ZipFile(io.BytesIO(data))  # safezip has already checked the declared sizes
    names = set(zf.namelist())
    if "xl/styles.xml" not in names or "xl/workbook.xml" not in names:
        return Formats()
    styles = zf.read("xl/styles.xml")
    custom = {int(a[b"numFmtId"]): _unescape(a[b"formatCode"]) for a in _elements(styles, b"numFmt")}
    xfs_block = re.search(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", styles, re.S)
    styled: dict[bytes, str] = {}  # style index (as in s="…") -> format code, only those not plain
    for index, attrs in enumerate(_elements(xfs_block.group(0) if xfs_block else b"", b"xf")):
        code = _code(int(attrs.get(b"numFmtId", b"0") or 0), custom)
        if not is_plain(code):
            styled[str(index).encode()] = code
    book = zf.read("xl/workbook.xml")
    found = Formats(date1904=re.search(rb'date1904\s*=\s*"(1|true)"', book) is not None)
    if not styled:
        return found
    rels = zf.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
    targets = {a.get(b"Id"): a.get(b"Target", b"").decode() for a in _elements(rels, b"Relationship")}
    for attrs in _elements(book, b"sheet"):
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), None)
        target = targets.get(rid)
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if part in names:
            found.sheets[_unescape(attrs.get(b"name", b""))] = _sheet_cells(zf.read(part), styled)
    return found


def _elements(xml: bytes, tag: bytes):
    for m in re.finditer(rb"<(?:\w+:)?" + tag + rb"\b([^>]*?)/?>", xml):
        yield _attrs(m.group(1))


_STYLED = re.compile(rb"<(?:\w+:)?c\b([^>]*?\bs\s*=\s*\"(\d+)\"[^>]*?)/?>")


def _sheet_cells(xml: bytes, styled: dict[bytes, str]) -> dict[tuple[int, int], str]:
    """The cells whose style has a format. Cells name their place (r="B7") in every workbook Excel, WPS
    or LibreOffice writes, so only styled cells are looked at; without r, every cell is counted."""
    cells: dict[tuple[int, int], str] = {}
    for m in _STYLED.finditer(xml):
        code = styled.get(m.group(2))
        if code is None:
            continue
        attrs = _attrs(m.group(1))
        ref = _REF.fullmatch(attrs.get(b"r", b""))
        if ref is None:
            return _counted_cells(xml, styled)
        if attrs.get(b"t", b"n") in (b"n", b"d"):
            cells[(int(ref.group(2)) - 1, _column(ref.group(1)))] = code
    return cells


def _counted_cells(xml: bytes, styled: dict[bytes, str]) -> dict[tuple[int, int], str]:
    cells: dict[tuple[int, int], str] = {}
    row, col = -1, -1
    for m in _CELL.finditer(xml):
        attrs = _attrs(m.group(2))
        if m.group(1) == b"row":
            row = int(attrs[b"r"]) - 1 if b"r" in attrs else row + 1
            col = -1
            continue
        ref = _REF.fullmatch(attrs.get(b"r", b""))
        if ref:
            col = _column(ref.group(1))
            row = int(ref.group(2)) - 1
        else:
            col += 1
        code = styled.get(attrs.get(b"s", b"0"))
        if code is not None and attrs.get(b"t", b"n") in (b"n", b"d"):
            cells[(row, col)] = code
    return cells


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _xls(data: bytes) -> Formats:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO())
    found = Formats(date1904=book.datemode == 1)
    try:
        codes: dict[int, str] = {}
        for index, xf in enumerate(book.xf_list):
            key = xf.format_key
            fmt = book.format_map.get(key)
            code = BUILTIN.get(key) if key in BUILTIN else (fmt.format_str if fmt else None)
            if not is_plain(code):
                codes[index] = code
        if not codes:
            return found
        numeric = (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE)
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            cells = {}
            for r in range(sheet.nrows):
                types = sheet.row_types(r)
                for c, ctype in enumerate(types):
                    if ctype in numeric:
                        code = codes.get(sheet.cell_xf_index(r, c))
                        if code is not None:
                            cells[(r, c)] = code
            found.sheets[sheet.name] = cells
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return found
