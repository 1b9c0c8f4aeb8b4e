"""Read a workbook someone else made (.xlsx, .xls, .ods) into raw tables, one per visible sheet.

python-calamine reads all three formats with their merged ranges, in Rust, about ten times faster than
openpyxl (whose fast read-only mode does not report merged cells at all). It reads the values as last
saved: formulas are never evaluated, macros never run. A merged range is read from its top-left cell:
its other cells in that row are empty, its cells below are marked `continued`. A row whose merge spans
the table, or whose only text is in its first cell (a heading typed in A and overflowing to the
right), is one cell. Blank rows are left out; every row keeps its sheet row number for messages.
A number reads as Excel shows it under its number format (85%, 2023年6月30日; numfmt.py), the formats
read by cellformats.py, since calamine gives only the values.
"""

from __future__ import annotations

import datetime as dt
import io

from exporter import wording
from exporter.errors import SourceError
from exporter.formats.table import RawRow, RawTable
from exporter.formats.xlsx import cellformats, numfmt

KINDS = wording.WORKBOOK_KIND_NAMES


def cell_text(value) -> str:
    """What the cell shows, as text: 12.0 -> "12", dates as 2024-02-01, line breaks kept as paragraphs."""
    if type(value) is str:  # most cells: no type to try first
        return _cell_string(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if (value.hour, value.minute) != (0, 0) else "%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.timedelta):
        return str(value)
    return _cell_string(str(value))


def _cell_string(text: str) -> str:
    if "\n" in text or "\r" in text:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(line.strip(" \u3000\u00a0\t") for line in lines if line.strip(" \u3000\u00a0\t"))
    return text.strip(" \u3000\u00a0\t")


def shown_text(value, code: str | None, date1904: bool, where) -> str:
    """The text Excel shows: the value under its number format (85%, 2023年6月30日) when it has one."""
    if code is None or isinstance(value, (str, bool)) or value is None:
        return cell_text(value)
    try:
        return numfmt.display(value, code, date1904)
    except numfmt.Unsupported:
        raise SourceError(
            wording.NUMBER_FORMAT_UNSUPPORTED.format(code=code, value=cell_text(value)),
            file=where(),
            hint=wording.NUMBER_FORMAT_UNSUPPORTED_HINT,
        ) from None


def sheet_rows(
    name: str, values: list[list], start: tuple[int, int], merges, shown=None, date1904=False, file=""
) -> list[RawRow]:
    """The sheet's rows as raw rows. `values` begins at `start` (row, column) — empty columns on the left
    are not part of the table —; merges are in absolute sheet coordinates. `shown`: the number formats
    of the cells that have one ({(row, column): code}, cellformats.py), so that they read as shown."""
    r0, c0 = start
    if shown:
        from openpyxl.utils import get_column_letter

        texts = [
            [
                shown_text(
                    v,
                    shown.get((r0 + i, c0 + j)),
                    date1904,
                    lambda i=i, j=j: wording.WHERE_SHEET_CELL.format(
                        file=file, sheet=name, cell=f"{get_column_letter(c0 + j + 1)}{r0 + i + 1}"
                    ),
                )
                for j, v in enumerate(row)
            ]
            for i, row in enumerate(values)
        ]
    else:
        texts = [[cell_text(v) for v in row] for row in values]
    merges = [((top, left - c0), (bottom, right - c0)) for (top, left), (bottom, right) in merges or ()]
    width = 0
    for row in texts:
        for c in range(len(row) - 1, -1, -1):
            if row[c]:
                width = max(width, c + 1)
                break
    spanning: set[int] = set()  # sheet rows (0-based) whose merge covers the table's width
    continued: dict[int, set[int]] = {}
    for (top, left), (bottom, right) in merges:
        if left <= 0 and right >= width - 1:
            spanning.add(top)
        for r in range(top + 1, bottom + 1):
            continued.setdefault(r, set()).update(c for c in range(max(left, 0), right + 1) if c < width)
    rows = []
    for i, row in enumerate(texts):
        r = r0 + i
        cells = (row + [""] * width)[:width]
        if not any(cells):
            continue
        cont = frozenset(continued.get(r, ()))
        if width > 1 and not cont and (r in spanning or not any(cells[1:])):
            cells = [cells[0]]
        rows.append(RawRow(cells=cells, where=wording.WHERE_SHEET_ROW.format(sheet=name, row=r + 1), continued=cont))
    return rows


def read_tables(data: bytes, name: str, kind: str = "xlsx") -> list[RawTable]:
    from python_calamine import CalamineWorkbook

    label = KINDS.get(kind, KINDS["xlsx"])
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # CalamineError and zip/CFB errors from below it
        raise _open_error(exc, name, label) from None
    try:
        shown = cellformats.formats(data, kind)
    except Exception as exc:  # calamine opened it, so this is a detail of the styles: say it is damaged
        wb.close()
        raise _open_error(exc, name, label) from None
    tables = []
    try:
        for meta in wb.sheets_metadata:
            if "macro" in str(meta.typ).lower():  # an .xls's Excel 4.0 macro sheet (an .xlsx's: formats/active.py)
                from exporter.formats import active

                raise active.macros(name, wording.MACRO_XLS_SHEET.format(sheet=meta.name), kind)
            if str(meta.visible).rsplit(".", 1)[-1].lower() != "visible" or "worksheet" not in str(meta.typ).lower():
                continue
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                values = sheet.to_python()
                merges = sheet.merged_cell_ranges or []
            except Exception as exc:
                raise _open_error(exc, name, label) from None
            rows = sheet_rows(
                meta.name,
                values,
                sheet.start or (0, 0),
                merges,
                shown.sheets.get(meta.name),
                shown.date1904,
                name,
            )
            if rows:
                tables.append(RawTable(rows=rows, source=name))
    finally:
        wb.close()
    if not tables:
        raise SourceError(wording.WORKBOOK_NO_SHEETS, file=name, hint=wording.NO_TABLE_IN_HINT)
    return tables


def read(data: bytes, name: str, *, kind: str = "xlsx", notice=None, **options):
    """The reader interface of the formats registry (see formats/__init__.py)."""
    from exporter.formats import safezip, tables_to_document

    core = None
    if kind == "xlsx":  # the declared sizes are checked before calamine inflates anything (zip bomb)
        core = safezip.read_part(safezip.open_zip(data, name, KINDS[kind]), "docProps/core.xml", name, KINDS[kind])
    tables = read_tables(data, name, kind)
    safezip.title_when_none(tables, core, name, notice)
    return tables_to_document(tables, **options)


def _open_error(exc: Exception, name: str, label: str) -> SourceError:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return SourceError(wording.ENCRYPTED, file=name, hint=wording.ENCRYPTED_HINT)
    return SourceError(wording.CORRUPT.format(kind=label), file=name, hint=wording.CORRUPT_HINT)
