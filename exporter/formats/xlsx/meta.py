"""What `export xlsx` records in a hidden sheet so that `import` can read an edited workbook back.

The visible sheets hold what people edit (tasks, completion, units); the hidden sheet `_meta` holds
what they should not need to touch: the document's metadata, the table labels, for each section
sheet its numeral, title, subsections and the range of task numbers it was exported with, and for each
task continued on extra rows (see formats/xlsx.py) how many there were and where a paragraph was split.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from exporter import wording as W
from exporter.errors import WorkbookError
from exporter.model import FIELDS, SEED_COLUMNS, Column

SHEET = "_meta"
MAGIC = "exporter-workbook"
# 1: the four seed columns, headers in `labels`; 2: adds a `columns` record (the document's own
# columns, field and header, in order). A seed-column workbook is still written as version 1, so its
# bytes do not change.
VERSION = 2
READABLE = (1, 2)
_CHUNK = 32000  # Excel keeps at most 32,767 characters in a cell; longer values span several cells


@dataclass
class Part:
    """A subsection, or the tasks directly under a section (numeral and title empty)."""

    numeral: str
    title: str
    first: int | None = None  # lowest and highest task number exported in it
    last: int | None = None


@dataclass
class SheetInfo:
    sheet: str
    numeral: str
    title: str
    first: int | None
    last: int | None
    count: int
    direct: Part = field(default_factory=lambda: Part("", ""))
    subsections: list[Part] = field(default_factory=list)
    numbers: list[int] | None = None  # every task number exported on the sheet (None: older workbooks)


@dataclass
class Continuation:
    """A task whose completion goes on in `rows` continuation rows below its own row.

    `joins` maps a continuation's ordinal (1 = the first continuation row) to the whitespace that was
    taken out where a paragraph was split: that row's first paragraph is the rest of the previous
    row's last paragraph, and joining them with this separator gives the paragraph back exactly.
    """

    sheet: str
    number: int
    rows: int
    joins: dict[int, str] = field(default_factory=dict)


@dataclass
class WorkbookInfo:
    document: dict
    labels: dict
    contents_sheet: str
    sections: list[SheetInfo] = field(default_factory=list)
    continuations: dict[int, Continuation] = field(default_factory=dict)  # by task number
    columns: list[Column] | None = None  # None: the seed columns (version 1)

    def table_columns(self) -> list[Column]:
        """The columns of the section sheets, in order, with the headers they were exported with."""
        if self.columns is not None:
            return list(self.columns)
        return [Column(c.field, str(self.labels.get(c.field, c.label))) for c in SEED_COLUMNS]


def _text_cell(ws, row: int, column: int, value: str) -> None:
    cell = ws.cell(row=row, column=column, value=value)
    cell.data_type = "s"  # a title starting with "=" must stay text


def _long_text(ws, row: int, column: int, value: str) -> None:
    chunks = [value[i : i + _CHUNK] for i in range(0, len(value), _CHUNK)] or [""]
    for offset, chunk in enumerate(chunks):
        _text_cell(ws, row, column + offset, chunk)


def write(wb, info: WorkbookInfo) -> None:
    """Add the hidden `_meta` sheet to an openpyxl workbook."""
    ws = wb.create_sheet(SHEET)
    ws.sheet_state = "veryHidden"  # not listed by Excel's or WPS's "Unhide…"; the reader finds it by name
    _text_cell(ws, 1, 1, MAGIC)
    ws.cell(row=1, column=2, value=1 if info.columns is None else VERSION)
    _text_cell(ws, 1, 3, W.META_SHEET_NOTE)
    _text_cell(ws, 2, 1, "document")
    _long_text(ws, 2, 2, json.dumps(info.document, ensure_ascii=False))
    _text_cell(ws, 3, 1, "labels")
    _long_text(ws, 3, 2, json.dumps(info.labels, ensure_ascii=False))
    _text_cell(ws, 4, 1, "contents")
    _text_cell(ws, 4, 2, info.contents_sheet)
    row = 5
    if info.columns is not None:
        _text_cell(ws, row, 1, "columns")
        _long_text(ws, row, 2, json.dumps([[c.field, c.label] for c in info.columns], ensure_ascii=False))
        row += 1
    for s in info.sections:
        _text_cell(ws, row, 1, "section")
        _text_cell(ws, row, 2, s.sheet)
        _text_cell(ws, row, 3, s.numeral)
        _text_cell(ws, row, 4, s.title)
        for column, number in ((5, s.first), (6, s.last), (7, s.count), (8, s.direct.first), (9, s.direct.last)):
            if number is not None:
                ws.cell(row=row, column=column, value=number)
        row += 1
        for sub in s.subsections:
            _text_cell(ws, row, 1, "subsection")
            _text_cell(ws, row, 2, s.sheet)
            _text_cell(ws, row, 3, sub.numeral)
            _text_cell(ws, row, 4, sub.title)
            for column, number in ((5, sub.first), (6, sub.last)):
                if number is not None:
                    ws.cell(row=row, column=column, value=number)
            row += 1
    for s in info.sections:
        if s.numbers is not None:
            _text_cell(ws, row, 1, "numbers")
            _text_cell(ws, row, 2, s.sheet)
            _long_text(ws, row, 3, json.dumps(s.numbers))
            row += 1
    for c in info.continuations.values():
        _text_cell(ws, row, 1, "continued")
        _text_cell(ws, row, 2, c.sheet)
        ws.cell(row=row, column=3, value=c.number)
        ws.cell(row=row, column=4, value=c.rows)
        _text_cell(ws, row, 5, json.dumps({str(k): v for k, v in sorted(c.joins.items())}, ensure_ascii=False))
        row += 1


def _broken(file: str, row: int, what: str) -> WorkbookError:
    return WorkbookError(
        W.META_BROKEN.format(sheet=SHEET, row=row, what=what),
        file=file,
        hint=W.META_BROKEN_HINT,
    )


def _integer(value, file: str, row: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _broken(file, row, W.META_NOT_A_NUMBER.format(value=value)) from None
    if number != int(number):
        raise _broken(file, row, W.META_NOT_AN_INTEGER.format(value=value))
    return int(number)


def _joined(values) -> str:
    return "".join("" if v is None else str(v) for v in values)


def read(wb, file: str) -> WorkbookInfo:
    """Read `_meta` back; a workbook without it was not made by `export xlsx`."""
    if SHEET not in wb.sheetnames:
        raise WorkbookError(
            W.META_MISSING.format(sheet=SHEET),
            file=file,
            hint=W.META_MISSING_HINT,
        )
    rows = [list(r) for r in wb[SHEET].iter_rows(values_only=True)]
    if not rows or not rows[0] or rows[0][0] != MAGIC:
        raise _broken(file, 1, W.META_NO_MARK)
    version = _integer(rows[0][1] if len(rows[0]) > 1 else None, file, 1)
    if version not in READABLE:
        raise WorkbookError(
            W.META_VERSION.format(version=version, current=VERSION),
            file=file,
            hint=W.META_VERSION_HINT,
        )
    info = WorkbookInfo(document={}, labels={}, contents_sheet="")
    for index, row in enumerate(rows[1:], start=2):
        kind = row[0] if row else None
        rest = row[1:]
        if kind in ("document", "labels"):
            try:
                value = json.loads(_joined(rest))
            except ValueError:
                raise _broken(file, index, W.META_NOT_JSON.format(kind=kind)) from None
            if not isinstance(value, dict):
                raise _broken(file, index, W.META_NOT_MAPPING.format(kind=kind))
            setattr(info, kind, value)
        elif kind == "columns":
            try:
                value = json.loads(_joined(rest))
                columns = [Column(str(f), str(label)) for f, label in value]
            except (ValueError, TypeError):
                raise _broken(file, index, W.META_BAD_COLUMNS) from None
            if (
                not columns
                or any(c.field not in FIELDS for c in columns)
                or not {"number", "task"} <= {c.field for c in columns}
            ):
                raise _broken(file, index, W.META_UNKNOWN_COLUMNS)
            info.columns = columns
        elif kind == "contents":
            info.contents_sheet = str(rest[0] or "") if rest else ""
        elif kind in ("section", "subsection"):
            rest = (rest + [None] * 8)[:8]
            sheet, numeral, title = (str(v) if v is not None else "" for v in rest[:3])
            first, last, count, direct_first, direct_last = (_integer(v, file, index) for v in rest[3:8])
            if kind == "section":
                info.sections.append(
                    SheetInfo(sheet, numeral, title, first, last, count or 0, Part("", "", direct_first, direct_last))
                )
            elif not info.sections or info.sections[-1].sheet != sheet:
                raise _broken(file, index, W.META_SUBSECTION_ORPHAN)
            else:
                info.sections[-1].subsections.append(Part(numeral, title, first, last))
        elif kind == "continued":
            rest = (rest + [None] * 4)[:4]
            number, rows_ = (_integer(v, file, index) for v in rest[1:3])
            try:
                joins = {int(k): str(v) for k, v in json.loads(rest[3] or "{}").items()}
            except (ValueError, TypeError, AttributeError):
                raise _broken(file, index, W.META_BAD_CONTINUATION) from None
            if number is None or rows_ is None:
                raise _broken(file, index, W.META_CONTINUATION_INCOMPLETE)
            info.continuations[number] = Continuation(str(rest[0] or ""), number, rows_, joins)
        elif kind == "numbers":
            sheet = str(rest[0]) if rest and rest[0] is not None else ""
            try:
                numbers = json.loads(_joined(rest[1:]))
            except ValueError:
                raise _broken(file, index, W.META_NUMBERS_NOT_JSON) from None
            owners = [s for s in info.sections if s.sheet == sheet]
            if (
                not owners
                or not isinstance(numbers, list)
                or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers)
            ):
                raise _broken(file, index, W.META_BAD_NUMBERS)
            owners[-1].numbers = numbers
        elif kind is not None:
            raise _broken(file, index, W.META_UNKNOWN_RECORD.format(kind=kind))
    if not info.document.get("title"):
        raise _broken(file, 2, W.META_NO_TITLE)
    return info
