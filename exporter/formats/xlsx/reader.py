"""Read back a workbook made by `export xlsx` after someone edited it in Excel, WPS or LibreOffice.

The hidden sheet `_meta` (see meta.py) gives the document's metadata and each section sheet's
structure; the visible sheets give the tasks. Anything that cannot be trusted — a missing header row,
a task number that is not a number, repeated, out of order or outside its section — stops the import
with a message naming the sheet and cell.

A row whose number cell reads "86（续）" continues task 86's completion (see formats/xlsx.py): it must
follow that task's row or another of its continuation rows, with its task and unit cells empty. Its
paragraphs are appended to the task's; where `_meta` says the row begins with the rest of a split
paragraph, that paragraph is joined back with the separator recorded there.
"""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ET
import zipfile

from exporter import wording as W
from exporter.errors import ExporterError, WorkbookError
from exporter.formats.datafile import MAX_TASK_NUMBER
from exporter.formats.xlsx import meta
from exporter.model import LIST_FIELDS, SEED_COLUMNS, TEXT_FIELDS, Document, Section, Subsection, Task
from exporter.text import characters

HEADER_SEARCH_ROWS = 10  # the header row is row 2 as exported; allow a few rows inserted above it
_CJK_EDGE = re.compile(r"[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]")


def _paragraphs(value) -> list[str]:
    """Cell text as paragraphs: \\r\\n and \\r become \\n, blank lines go, edges are stripped."""
    if value is None:
        return []
    text = _cell_text(value).replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _one_line(paragraphs: list[str]) -> str:
    """A task is one paragraph: join lines someone broke, with a space only between Latin words."""
    out = ""
    for part in paragraphs:
        if out and not (_CJK_EDGE.match(out[-1]) or _CJK_EDGE.match(part[0])):
            out += " "
        out += part
    return out


# How a continuation row's number cell reads: "86（续）", "86(续)" (parsing vocabulary, not wording).
CONTINUED_MARK = re.compile(r"(\d+)[（(]续[）)]")


def _continued_number(text: str, label: str) -> int | None:
    """86 for "86（续）", "86(续)", "86 （续）" or 86 + the template's label; None for anything else."""
    text = re.sub(r"\s+", "", text)
    label = re.sub(r"\s+", "", label)
    match = CONTINUED_MARK.fullmatch(text)
    if match is None and label and text.endswith(label):
        match = re.fullmatch(r"(\d+)", text[: -len(label)])
    return int(match.group(1)) if match and match.group(1).isascii() else None


def _heading(part) -> str:
    return Subsection(part.numeral, part.title).heading


def _within(number: int, lo: int | None, hi: int | None) -> bool:
    return lo is not None and hi is not None and lo <= number <= hi


def _span(lo: int | None, hi: int | None) -> str:
    if lo is None or hi is None:
        return W.SPAN_NONE
    return W.SPAN_ONE.format(first=lo) if lo == hi else W.SPAN_RANGE.format(first=lo, last=hi)


@functools.cache
def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _text_value(value) -> str:
    """A one-line field (完成时限, 备注, extra columns): the cell's text as it is, lines someone broke joined."""
    if value is None:
        return ""
    text = _cell_text(value)
    if "\n" in text or "\r" in text:
        return _one_line(_paragraphs(text))
    return text


class _SheetReader:
    def __init__(self, file: str, info: meta.WorkbookInfo):
        self.file = file
        self.info = info
        self.columns = info.table_columns()
        self.labels = [c.label for c in self.columns]
        self.width = len(self.columns)
        fields = [c.field for c in self.columns]
        self.number_at = fields.index("number")
        self.progress_at = fields.index("progress") if "progress" in fields else None
        self.seed = self.columns == list(SEED_COLUMNS) or info.columns is None
        self.continued_label = str(info.labels.get("continued") or "")
        self.seen: dict[int, str] = {}  # task number -> where it was first seen

    def error(self, sheet: str, cell: str | None, message: str, hint: str, task: int | None = None):
        where = W.WHERE_SHEET.format(sheet=sheet) + (W.WHERE_CELL.format(cell=cell) if cell else "")
        return WorkbookError(W.MESSAGE_AT.format(where=where, message=message), file=self.file, task=task, hint=hint)

    def check_text(self, sheet: str, column: int, row: int, text: str, task: int | None) -> None:
        # \r is a line end like \n (_paragraphs joins \r\n): openpyxl keeps it when lxml is installed.
        bad = characters.forbidden(text, allow=characters.LINE_ENDS)
        if bad:
            cell = f"{_column(column)}{row}"
            raise self.error(
                sheet,
                cell,
                W.WORKBOOK_CONTROL_CHARACTER.format(chars=", ".join(bad)),
                W.WORKBOOK_CONTROL_CHARACTER_HINT,
                task,
            )

    def number(self, sheet: str, cell: str, value) -> int:
        if isinstance(value, bool):
            value = None
        if isinstance(value, (int, float)) and float(value).is_integer() and 0 < value <= MAX_TASK_NUMBER:
            return int(value)
        text = "" if value is None else _cell_text(value).strip()
        if text.isdigit() and text.isascii() and 0 < int(text) <= MAX_TASK_NUMBER:
            return int(text)
        if text.isdigit() and text.isascii():
            raise self.error(
                sheet,
                cell,
                W.DATA_NUMBER_RANGE.format(value=text, limit=MAX_TASK_NUMBER),
                W.WORKBOOK_NUMBER_RANGE_HINT,
            )
        raise self.error(
            sheet,
            cell,
            W.WORKBOOK_NUMBER_BAD.format(text=text) if text else W.WORKBOOK_NUMBER_EMPTY,
            W.WORKBOOK_NUMBER_BAD_HINT,
        )

    def read(self, sheet: str, rows, section_info: meta.SheetInfo, scan: tuple[set, dict] | None = None) -> Section:
        """The section on one sheet, from its rows of values (columns A to the table's width). `scan`
        (see scan_sheet) names the cells the raw XML fills: one that reads as empty here (a formula
        without a saved result, a mismatched type) stops the import."""
        width = self.width
        if scan is not None:
            rows = self._checked_rows(rows, sheet, width, *scan)
        header_row = None
        for index, row in enumerate(rows, start=1):
            cells = [("" if v is None else _cell_text(v).strip()) for v in (tuple(row) + (None,) * width)[:width]]
            if cells == self.labels:
                header_row = index
                break
            if index >= HEADER_SEARCH_ROWS:
                break
        if header_row is None:
            raise self.error(
                sheet,
                "A2",
                W.WORKBOOK_NO_HEADER.format(labels=" | ".join(self.labels)),
                W.WORKBOOK_NO_HEADER_HINT,
            )
        section = Section(section_info.numeral, section_info.title)
        heading = section.heading
        expected_subs = section_info.subsections
        next_sub = 0
        current: Subsection | None = None
        part = section_info.direct  # the exported range of the rows above the first subsection
        section_row_seen = not heading
        previous: int | None = None
        last_task: Task | None = None  # the task the row just above belongs to (None after a heading)
        continued: dict[int, tuple[int, str]] = {}  # task number -> (continuation rows read, last cell)
        n_at = self.number_at
        for index, row in enumerate(rows, start=header_row + 1):
            values = (tuple(row) + (None,) * width)[:width]
            texts = [("" if v is None else _cell_text(v)) for v in values]
            if not any(t.strip() for t in texts):
                continue
            a = f"{_column(n_at)}{index}"
            number_value = values[n_at]
            number = (
                None if isinstance(number_value, (int, float)) else _continued_number(texts[n_at], self.continued_label)
            )
            if number is not None:
                self.continuation(sheet, index, texts, number, last_task, continued)
                continue
            if not any(t.strip() for t in texts[1:]) and not (n_at == 0 and isinstance(values[0], (int, float))):
                # A heading row: the section row first, then the subsection rows in order.
                text = texts[0].strip()
                last_task = None
                if not section_row_seen and text == heading:
                    section_row_seen = True
                    continue
                if next_sub < len(expected_subs) and text == _heading(expected_subs[next_sub]):
                    part = expected_subs[next_sub]
                    current = Subsection(part.numeral, part.title)
                    section.subsections.append(current)
                    next_sub += 1
                    continue
                expected = (
                    heading
                    if not section_row_seen
                    else (_heading(expected_subs[next_sub]) if next_sub < len(expected_subs) else "")
                )
                hint = (
                    W.WORKBOOK_EXPECTED_ROW.format(text=expected) if expected else ""
                ) + W.WORKBOOK_HEADING_ROWS_HINT
                raise self.error(sheet, f"A{index}", W.WORKBOOK_STRAY_ROW.format(text=text), hint)
            if not section_row_seen:
                raise self.error(
                    sheet, a, W.WORKBOOK_NO_SECTION_ROW.format(heading=heading), W.WORKBOOK_NO_SECTION_ROW_HINT
                )
            number = self.number(sheet, a, number_value)
            if number in self.seen:
                raise self.error(
                    sheet,
                    a,
                    W.WORKBOOK_NUMBER_REPEATED.format(number=number, where=self.seen[number]),
                    W.WORKBOOK_NUMBER_REPEATED_HINT,
                    number,
                )
            if not _within(number, section_info.first, section_info.last):
                raise self.error(
                    sheet,
                    a,
                    W.WORKBOOK_WRONG_SECTION.format(number=number, span=_span(section_info.first, section_info.last)),
                    W.WORKBOOK_WRONG_SECTION_HINT,
                    number,
                )
            if not _within(number, part.first, part.last):
                place = (
                    W.WORKBOOK_UNDER_SUBSECTION.format(heading=current.heading)
                    if current
                    else W.WORKBOOK_BEFORE_SUBSECTIONS
                )
                raise self.error(
                    sheet,
                    a,
                    W.WORKBOOK_WRONG_SUBSECTION.format(number=number, place=place, span=_span(part.first, part.last)),
                    W.WORKBOOK_WRONG_SUBSECTION_HINT,
                    number,
                )
            if previous is not None and number < previous:
                raise self.error(
                    sheet,
                    a,
                    W.WORKBOOK_NUMBER_ORDER.format(number=number, previous=previous),
                    W.WORKBOOK_NUMBER_ORDER_HINT,
                    number,
                )
            previous = number
            self.seen[number] = W.WHERE_SHEET.format(sheet=sheet) + a
            for column, text in enumerate(texts):
                if column != n_at:
                    self.check_text(sheet, column, index, text, number)
            task = self.task(sheet, index, number, values)
            (current.tasks if current is not None else section.tasks).append(task)
            last_task = task
        for number, (count, cell) in continued.items():
            exported = self.info.continuations.get(number)
            if exported and exported.joins and count != exported.rows:
                raise self.error(
                    sheet,
                    cell,
                    W.WORKBOOK_CONTINUATIONS.format(number=number, exported=exported.rows, count=count),
                    W.WORKBOOK_CONTINUATIONS_HINT.format(label=self.labels[self.progress_at]),
                    number,
                )
        self.check_complete(sheet, section_info, section)
        if not section_row_seen:
            raise self.error(
                sheet, None, W.WORKBOOK_NO_SECTION_ROW.format(heading=heading), W.WORKBOOK_NO_SECTION_ROW_HINT
            )
        if next_sub < len(expected_subs):
            raise self.error(
                sheet,
                None,
                W.WORKBOOK_NO_SUBSECTION_ROW.format(heading=_heading(expected_subs[next_sub])),
                W.WORKBOOK_NO_SUBSECTION_ROW_HINT,
            )
        return section

    def task(self, sheet: str, index: int, number: int, values) -> Task:
        """A task row's cells, column by column, as the fields of a Task."""
        task = Task(number=number, task="", line=index)
        for at, column in enumerate(self.columns):
            value = values[at]
            if column.field == "number":
                continue
            if column.field == "task":
                task.task = _one_line(_paragraphs(value))
                if not task.task:
                    cell = f"{_column(at)}{index}"
                    raise self.error(sheet, cell, W.WORKBOOK_TASK_EMPTY, W.WORKBOOK_TASK_EMPTY_HINT, number)
            elif column.field == "extra":
                text = _text_value(value)
                task.extra[column.label] = text
            elif column.field in TEXT_FIELDS:
                setattr(task, column.field, _text_value(value))
            elif column.field in LIST_FIELDS:
                items = _paragraphs(value)
                setattr(task, column.field, items)
                if column.field in ("units", "co_units"):
                    dupes = sorted({u for u in items if items.count(u) > 1})
                    if dupes:
                        cell = f"{_column(at)}{index}"
                        raise self.error(
                            sheet,
                            cell,
                            W.DATA_UNIT_REPEATED.format(units=W.LIST_SEPARATOR.join(dupes)),
                            W.DATA_UNIT_REPEATED_HINT,
                            number,
                        )
        # An empty unit cell reads as no unit, as the data file allows (found by bench/fuzz.py: a valid
        # file's workbook did not import back); diff and merge show the change.
        return task

    def _checked_rows(self, rows, sheet: str, width: int, filled: set, formulas: dict):
        for index, row in enumerate(rows, start=1):
            values = (tuple(row) + (None,) * width)[:width]
            for column, value in enumerate(values, start=1):
                if value is not None and value != "":
                    continue
                if (index, column) in formulas:
                    raise self.error(
                        sheet,
                        f"{_column(column - 1)}{index}",
                        W.WORKBOOK_FORMULA.format(formula=_clip(formulas[index, column])),
                        W.WORKBOOK_FORMULA_HINT,
                    )
                if (index, column) in filled:
                    raise self.error(
                        sheet,
                        f"{_column(column - 1)}{index}",
                        W.WORKBOOK_UNREADABLE_CELL,
                        W.WORKBOOK_UNREADABLE_CELL_HINT,
                    )
            yield row

    def check_complete(self, sheet: str, section_info: meta.SheetInfo, section: Section) -> None:
        """Every task exported on the sheet must still be there: a deleted row is lost text."""
        found = {t.number for t in section.all_tasks()}
        expected = section_info.numbers
        if (
            expected is None
            and section_info.first is not None
            and section_info.last is not None
            and section_info.last - section_info.first + 1 == section_info.count
        ):
            expected = list(range(section_info.first, section_info.last + 1))
        if expected is not None:
            missing = [n for n in expected if n not in found]
        else:
            missing = []
            if len(found) < section_info.count:
                raise self.error(
                    sheet,
                    None,
                    W.WORKBOOK_ROWS_MISSING_COUNT.format(count=section_info.count, found=len(found)),
                    W.WORKBOOK_ROWS_MISSING_HINT,
                )
        if missing:
            listing = W.LIST_SEPARATOR.join(map(str, missing[:20])) + (W.AND_MORE if len(missing) > 20 else "")
            raise self.error(
                sheet,
                None,
                W.WORKBOOK_ROWS_MISSING.format(numbers=listing, count=len(missing)),
                W.WORKBOOK_ROWS_MISSING_HINT,
                missing[0] if len(missing) == 1 else None,
            )

    def continuation(
        self, sheet: str, index: int, texts: list[str], number: int, last_task: Task | None, continued: dict
    ) -> None:
        """Append a continuation row's paragraphs to the task it continues (see the module docstring)."""
        a = f"{_column(self.number_at)}{index}"
        at = self.progress_at
        if at is None:
            raise self.error(
                sheet,
                a,
                W.WORKBOOK_NO_PROGRESS_COLUMN.format(text=texts[self.number_at].strip()),
                W.WORKBOOK_NO_PROGRESS_COLUMN_HINT,
                number,
            )
        progress = self.labels[at]
        if last_task is None or last_task.number != number:
            raise self.error(
                sheet,
                a,
                W.WORKBOOK_CONTINUATION_MOVED.format(text=texts[self.number_at].strip(), number=number),
                W.WORKBOOK_CONTINUATION_MOVED_HINT.format(number=number, label=progress),
                number,
            )
        for column in range(self.width):
            if column not in (self.number_at, at) and texts[column].strip():
                raise self.error(
                    sheet,
                    f"{_column(column)}{index}",
                    W.WORKBOOK_CONTINUATION_CELL.format(label=self.labels[column]),
                    W.WORKBOOK_CONTINUATION_CELL_HINT.format(
                        progress=progress, number=number, label=self.labels[column]
                    ),
                    number,
                )
        self.check_text(sheet, at, index, texts[at], number)
        count = continued.get(number, (0, a))[0] + 1
        continued[number] = (count, a)
        paragraphs = _paragraphs(texts[at])
        exported = self.info.continuations.get(number)
        separator = exported.joins.get(count) if exported else None
        if separator is not None and paragraphs and last_task.progress:
            last_task.progress[-1] += separator + paragraphs.pop(0)
        last_task.progress.extend(paragraphs)


def _open(data: bytes, filename: str):
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise WorkbookError(
            W.WORKBOOK_NOT_XLSX,
            file=filename,
            hint=W.WORKBOOK_NOT_XLSX_HINT,
        )
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for damaged packages
        raise WorkbookError(W.WORKBOOK_BROKEN, file=filename, hint=W.WORKBOOK_BROKEN_HINT) from None


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width] + "…"


_CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


def _cell_index(ref: str | None, row: int, column: int) -> tuple[int, int]:
    """(row, column) of a cell from its r="C5" reference, else the position it comes in."""
    match = _CELL_REF.fullmatch(ref or "")
    if not match:
        return row, column
    letters, digits = match.groups()
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return int(digits), number


def scan_sheet(blob: bytes) -> tuple[set, dict]:
    """The raw sheet XML, read independently of openpyxl's cell values: which cells in columns A–ZZ hold
    something (a value or inline text), and which hold a formula without a saved result.

    A cell whose type mark does not fit its content (t="n" around inline text) reads as empty in
    openpyxl; comparing against this scan turns such silent loss into a message. Usually the scan is
    taken in openpyxl's own pass over the XML (see _sheet_rows); this is the scan on its own.
    """
    scan = _Scan()
    for event, el in ET.iterparse(io.BytesIO(blob), events=("start", "end")):
        scan.event(event, el)
        if event == "end" and el.tag.rsplit("}", 1)[-1] in ("c", "row"):
            el.clear()
    return scan.filled, scan.formulas


_LOCAL_NAMES: dict[str, str] = {}


def _local(tag: str) -> str:
    """An element's name without its namespace: "c" for "{…/main}c"."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rsplit("}", 1)[-1]
    return name


class _Scan:
    """scan_sheet's notes, taken one parser event ("start" or "end") at a time."""

    def __init__(self):
        self.filled: set[tuple[int, int]] = set()
        self.formulas: dict[tuple[int, int], str] = {}
        self.row_no = self.col_no = 0

    def event(self, event: str, el) -> None:
        tag = _local(el.tag)
        if event == "start":
            if tag == "row":
                r = el.get("r")
                self.row_no = int(r) if r and r.isdigit() else self.row_no + 1
                self.col_no = 0
        elif tag == "c":
            self.cell(el)

    def cell(self, el) -> None:
        row, self.col_no = _cell_index(el.get("r"), self.row_no, self.col_no + 1)
        if self.col_no <= 702:  # A…ZZ, far beyond any table here
            value = formula = None
            inline = []
            for child in el:
                name = _local(child.tag)
                if name == "v":
                    value = child.text
                elif name == "f":
                    formula = child.text or ""
                elif name == "is":
                    inline += [t.text or "" for t in child.iter() if _local(t.tag) == "t"]
            if value or "".join(inline).strip():
                self.filled.add((row, self.col_no))
            if formula is not None and not value:
                self.formulas[row, self.col_no] = "=" + formula


@functools.lru_cache(maxsize=1)
def _openpyxl_sheet_parser():
    """A subclass of openpyxl's sheet parser (made on first use: openpyxl loads slowly) that notes what
    scan_sheet notes in the same pass over the XML and reads the usual inline text cell without
    openpyxl's rich-text objects. Its rows are what read-only iter_rows(values_only=True) gives."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet import _reader as op

    text_tag = f"{{{op.SHEET_MAIN_NS}}}t"

    class Parser(op.WorkSheetParser):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.scan = _Scan()

        def parse(self):
            # openpyxl 3.1's WorkSheetParser.parse, with start events for the scan (rows are numbered at
            # their start, cells noted at their end, in any namespace, as scan_sheet does).
            dispatcher = {
                op.COL_TAG: self.parse_column_dimensions,
                op.PROT_TAG: self.parse_sheet_protection,
                op.EXT_TAG: self.parse_extensions,
                op.CF_TAG: self.parse_formatting,
                op.LEGACY_TAG: self.parse_legacy,
                op.ROW_BREAK_TAG: self.parse_row_breaks,
                op.COL_BREAK_TAG: self.parse_col_breaks,
                op.CUSTOM_VIEWS_TAG: self.parse_custom_views,
            }
            properties = {
                op.PRINT_TAG: ("print_options", op.PrintOptions),
                op.MARGINS_TAG: ("page_margins", op.PageMargins),
                op.PAGE_TAG: ("page_setup", op.PrintPageSetup),
                op.HEADER_TAG: ("HeaderFooter", op.HeaderFooter),
                op.FILTER_TAG: ("auto_filter", op.AutoFilter),
                op.VALIDATION_TAG: ("data_validations", op.DataValidationList),
                op.PROPERTIES_TAG: ("sheet_properties", op.WorksheetProperties),
                op.VIEWS_TAG: ("views", op.SheetViewList),
                op.FORMAT_TAG: ("sheet_format", op.SheetFormatProperties),
                op.SCENARIOS_TAG: ("scenarios", op.ScenarioList),
                op.TABLE_TAG: ("tables", op.TablePartList),
                op.HYPERLINK_TAG: ("hyperlinks", op.HyperlinkList),
                op.MERGE_TAG: ("merged_cells", op.MergeCells),
            }
            scan = self.scan.event
            for event, element in op.iterparse(self.source, events=("start", "end")):
                tag_name = element.tag
                if tag_name[-1] in "cw":  # only rows ("row") and cells ("c") matter to the scan
                    scan(event, element)
                if event == "start":
                    continue
                if tag_name in dispatcher:
                    dispatcher[tag_name](element)
                    element.clear()
                elif tag_name in properties:
                    prop = properties[tag_name]
                    setattr(self, prop[0], prop[1].from_tree(element))
                    element.clear()
                elif tag_name == op.ROW_TAG:
                    row = self.parse_row(element)
                    element.clear()
                    yield row

        def parse_cell(self, element):
            # openpyxl's parse_cell for <c t="inlineStr"><is><t>text</t></is></c> when reading values:
            # Text.from_tree(is).content is then the <t>'s text.
            if element.get("t") != "inlineStr" or not self.data_only or self.rich_text:
                return super().parse_cell(element)
            inline = element.find(op.INLINE_STRING)
            if inline is None or len(inline) != 1 or inline[0].tag != text_tag or len(inline[0]):
                return super().parse_cell(element)
            coordinate = element.get("r")
            style_id = element.get("s", 0)
            if style_id:
                style_id = int(style_id)
            if coordinate:
                row, column = coordinate_to_tuple(coordinate)
                self.col_counter = column
            else:
                self.col_counter += 1
                row, column = self.row_counter, self.col_counter
            value = inline[0].text or ""
            return {"row": row, "column": column, "value": value, "data_type": "s", "style_id": style_id}

    return Parser


def _sheet_rows(wb, ws, width: int):
    """ws.iter_rows(min_col=1, max_col=width, values_only=True), read whole in one pass over the XML that
    also takes scan_sheet's notes: (rows, scan, error). An error openpyxl raised after some rows is
    returned to be raised after them, where iterating would have met it; when the pass did not reach
    the end of the XML, the scan is taken on its own, as it always was (a damaged XML fails there first).
    """
    max_row = ws.max_row  # as ReadOnlyWorksheet._cells_by_row (openpyxl 3.1) fills and stops
    empty_row = (None,) * width
    rows: list[tuple] = []
    counter = idx = 1
    complete, error = False, None
    with ws._get_source() as source:
        parser = _openpyxl_sheet_parser()(
            source,
            ws._shared_strings,
            data_only=wb.data_only,
            epoch=wb.epoch,
            date_formats=wb._date_formats,
            timedelta_formats=wb._timedelta_formats,
        )
        try:
            for idx, row in parser.parse():
                if max_row is not None and idx > max_row:
                    break
                for _ in range(counter, idx):  # rows missing from the XML
                    counter += 1
                    rows.append(empty_row)
                if counter <= idx:
                    rows.append(ws._get_row(row, 1, width, True))
                    counter += 1
            else:
                complete = True
        except ET.ParseError:
            raise
        except Exception as exc:  # noqa: BLE001 - raised where iterating would have met it
            error = exc
    if error is None and max_row is not None and max_row < idx:
        rows.extend(empty_row for _ in range(counter, max_row + 1))
    scan = (parser.scan.filled, parser.scan.formulas) if complete else scan_sheet(_sheet_xml(wb, ws))
    return rows, scan, error


def _replay(rows: list, error: Exception | None):
    yield from rows
    if error is not None:
        raise error


def _sheet_xml_path(wb, ws) -> str | None:
    path = getattr(ws, "_worksheet_path", None)
    return path if path and getattr(wb, "_archive", None) is not None else None


def _sheet_xml(wb, ws) -> bytes:
    return wb._archive.read(_sheet_xml_path(wb, ws))


def read_workbook(data: bytes, filename: str) -> Document:
    """The document a workbook holds: metadata and structure from `_meta`, tasks from the section sheets.

    A package that opens but whose sheet XML is damaged can fail deep inside openpyxl in many ways;
    every such failure becomes one message naming the sheet.
    """
    try:
        return _read_workbook(data, filename)
    except (ExporterError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - damaged XML: lxml, ElementTree, ValueError, KeyError, …
        raise WorkbookError(
            W.WORKBOOK_DAMAGED.format(kind=type(exc).__name__), file=filename, hint=W.WORKBOOK_DAMAGED_HINT
        ) from None


def _read_workbook(data: bytes, filename: str) -> Document:
    wb = _open(data, filename)
    try:
        info = meta.read(wb, filename)
        reader = _SheetReader(filename, info)
        ours = {s.sheet for s in info.sections}
        for name in wb.sheetnames:
            if name not in ours and name not in (meta.SHEET, info.contents_sheet):
                raise WorkbookError(
                    W.WORKBOOK_EXTRA_SHEET.format(sheet=name),
                    file=filename,
                    hint=W.WORKBOOK_EXTRA_SHEET_HINT,
                )
        sections = []
        for section_info in info.sections:
            if section_info.sheet not in wb.sheetnames:
                raise WorkbookError(
                    W.WORKBOOK_SHEET_MISSING.format(sheet=section_info.sheet),
                    file=filename,
                    hint=W.WORKBOOK_SHEET_MISSING_HINT,
                )
            try:
                ws = wb[section_info.sheet]
                if _sheet_xml_path(wb, ws):
                    rows, scan, error = _sheet_rows(wb, ws, reader.width)
                    rows = _replay(rows, error)
                else:
                    rows, scan = ws.iter_rows(min_col=1, max_col=reader.width, values_only=True), None
                sections.append(reader.read(ws.title, rows, section_info, scan))
            except ExporterError:
                raise
            except Exception as exc:  # noqa: BLE001 - damaged sheet XML fails in openpyxl in many ways
                raise WorkbookError(
                    W.WORKBOOK_SHEET_DAMAGED.format(sheet=section_info.sheet, kind=type(exc).__name__),
                    file=filename,
                    hint=W.WORKBOOK_DAMAGED_HINT,
                ) from None
    finally:
        wb.close()
    return Document(meta=dict(info.document), sections=sections, columns=info.table_columns())


def read(data: bytes, name: str, **_) -> Document:
    """The reader interface of the formats registry: our own workbooks, recognised by `_meta`."""
    return read_workbook(data, name)
