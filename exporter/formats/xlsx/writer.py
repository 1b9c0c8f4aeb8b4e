"""Excel workbook: a 目录 sheet, then one sheet per section that reproduces the published table.

Every sheet is set up to print as a landscape A4 attachment. Row heights are computed from the text
(LibreOffice does not grow rows on its own), and the file is byte-identical for the same input.
A hidden sheet (see meta.py) lets `exporter import` read an edited copy back.

No row is taller than Excel's 409 pt limit, so no text is ever cut off: a task whose completion needs
more goes on in continuation rows right below its own row. Their number cell reads "86（续）" (template
label labels.continued), the task and unit cells stay empty, and each holds the next paragraphs; a
paragraph too tall for a whole row is split where a sentence or clause ends (else at the width that
fits). `_meta` records per task how many continuation rows there are and which of them begin with the
rest of a split paragraph, so that the import joins it back exactly.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.xml.functions import tostring

from exporter import wording as W
from exporter.errors import RenderError, TemplateError
from exporter.formats import zippack
from exporter.formats.xlsx import meta
from exporter.model import FIELDS, PARAGRAPH_FIELDS, SEED_COLUMNS, Column, Document, Section, file_title, unit_line
from exporter.templates import parse_flag, parse_font_size, parse_length, parsed, setting
from exporter.text import characters
from exporter.text.width import display_width, line_capacity, split_point, wrapped_lines
from exporter.timestamps import document_time

COLUMNS = tuple(c.field for c in SEED_COLUMNS)
A4_LONG_SIDE = 297 * 72 / 25.4  # points; the sheets print landscape A4
CONTENT_WIDTH = (8.0, 24.0)  # Excel units for a column the template gives no width (extra columns)
MAX_ROW_HEIGHT = 409.0  # Excel's limit in points
POINTS_PER_WIDTH_UNIT = 5.25  # Excel: one unit is the 7-pixel digit of Calibri 11, at 0.75 pt per pixel
CELL_PADDING = 14.0  # points lost to the inner margins and the one-character indent of text cells
_FORMULA_START = ("=", "+", "-", "@")


# ---------------------------------------------------------------------------------------------
# Template
def _setting(template: dict, path: str):
    return setting(template, f"xlsx.{path}")


def _color(value, what: str) -> str:
    text = f"{value:06d}" if isinstance(value, int) else str(value).strip().lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", text):
        raise TemplateError(W.TEMPLATE_COLOR.format(what=what, value=value), hint=W.XLSX_COLOR_HINT)
    return "FF" + text.upper()


class SheetStyle:
    """Everything the template decides for a workbook, parsed once: fonts, sizes, widths, fills, page."""

    def __init__(self, template: dict):
        labels = template.get("labels") or {}
        if "contents" not in labels:
            raise TemplateError(W.XLSX_LABEL_MISSING, hint=W.XLSX_LABEL_MISSING_HINT)
        self.labels = {k: str(v) for k, v in labels.items() if v is not None}
        self.untitled_sheet = str(_setting(template, "labels.untitled_sheet"))
        self.contents_header = [str(v) for v in _setting(template, "labels.contents_header")]
        self.total_label = str(_setting(template, "labels.total"))
        self.continued = str(setting(template, "labels.continued"))
        self.fonts: dict[str, Font] = {}
        self.sizes: dict[str, float] = {}
        for role in ("title", "header", "section", "subsection", "body", "link"):
            spec = _setting(template, f"fonts.{role}")
            if not isinstance(spec, dict) or "name" not in spec or "size" not in spec:
                raise TemplateError(
                    W.TEMPLATE_FONT_FORM.format(path=f"xlsx.fonts.{role}"),
                    hint=W.XLSX_FONT_FORM_HINT,
                )
            size = parse_font_size(spec["size"], f"xlsx.fonts.{role}.size")
            self.sizes[role] = size
            self.fonts[role] = Font(
                name=str(spec["name"]),
                size=size,
                bold=parse_flag(spec.get("bold", False), f"xlsx.fonts.{role}.bold"),
                underline="single"
                if parse_flag(spec.get("underline", False), f"xlsx.fonts.{role}.underline")
                else None,
                color=_color(spec["color"], f"xlsx.fonts.{role}.color") if "color" in spec else None,
            )
        self.widths = {c: self._number(_setting(template, f"columns.{c}"), f"columns.{c}") for c in COLUMNS}
        for key, value in (_setting(template, "columns") or {}).items():
            if key not in FIELDS:
                raise TemplateError(
                    W.XLSX_COLUMN_NOT_FIELD.format(key=key),
                    hint=W.TEMPLATE_FIELDS_HINT.format(fields=W.LIST_SEPARATOR.join(FIELDS)),
                )
            if key != "extra":
                self.widths[key] = self._number(value, f"columns.{key}")
        contents = _setting(template, "contents_columns")
        if not isinstance(contents, list) or len(contents) != 3:
            raise TemplateError(W.XLSX_CONTENTS_COLUMNS, hint=W.XLSX_CONTENTS_COLUMNS_HINT)
        self.contents_widths = [self._number(v, "contents_columns") for v in contents]
        self.fills = {
            k: PatternFill("solid", fgColor=_color(_setting(template, f"fills.{k}"), f"xlsx.fills.{k}"))
            for k in ("header", "section")
        }
        style = str(_setting(template, "border.style"))
        style = None if style == "none" else style
        try:
            side = Side(style=style, color=_color(_setting(template, "border.color"), "xlsx.border.color"))
        except ValueError:
            raise TemplateError(W.XLSX_BORDER.format(style=style), hint=W.XLSX_BORDER_HINT) from None
        self.border = Border(left=side, right=side, top=side, bottom=side)
        self.line_spacing = self._number(_setting(template, "line_spacing"), "line_spacing")
        self.row_padding = parse_length(_setting(template, "row_padding"), "xlsx.row_padding")
        margins = _setting(template, "page.margins")
        try:
            self.margins = PageMargins(
                **{
                    k: parse_length(margins[k], f"xlsx.page.margins.{k}") / 72
                    for k in ("left", "right", "top", "bottom", "header", "footer")
                }
            )
        except KeyError as exc:
            raise TemplateError(
                W.XLSX_MARGIN_MISSING.format(name=exc.args[0]),
                hint=W.XLSX_MARGIN_MISSING_HINT,
            ) from None
        self.footer = str(_setting(template, "page.footer"))
        self.footer_size = round(parse_font_size(_setting(template, "page.footer_size"), "xlsx.page.footer_size"))

    @staticmethod
    def _number(value, what: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise TemplateError(W.XLSX_NOT_POSITIVE.format(what=what, value=value), hint=W.XLSX_NOT_POSITIVE_HINT)
        return float(value)


def column_widths(doc: Document, layout: SheetStyle) -> list[float]:
    """Excel widths of the document's columns, in its order.

    The template's width per field; a field it does not give (every extra column) is sized by its
    content. When the columns together are wider than the printable width of the landscape A4 page
    (the seed's four are not), all but the number column shrink in proportion, so a sheet of seven or
    eight columns still prints at 100%.
    """
    widths = []
    for column in doc.columns:
        if column.field != "extra" and column.field in layout.widths:
            widths.append(layout.widths[column.field])
            continue
        size = layout.sizes["body"]
        texts = [column.label[: max(len(column.label) // 2, 4)]]
        texts += [v for t in doc.all_tasks() for v in column.values(t)]
        natural = max(display_width(t) for t in texts) * size / 2 / POINTS_PER_WIDTH_UNIT
        natural += CELL_PADDING / POINTS_PER_WIDTH_UNIT
        widths.append(round(min(max(natural, CONTENT_WIDTH[0]), CONTENT_WIDTH[1]), 1))
    m = layout.margins
    printable = (A4_LONG_SIDE - (m.left + m.right) * 72) / POINTS_PER_WIDTH_UNIT
    total = sum(widths)
    if total > printable:
        fixed = sum(w for w, c in zip(widths, doc.columns) if c.field == "number")
        factor = (printable - fixed) / (total - fixed)
        widths = [w if c.field == "number" else round(w * factor, 1) for w, c in zip(widths, doc.columns)]
    return widths


# How a field's cell is styled: the number centred, prose left, short values (units, names, dates) centred.
def _role(column: Column) -> str:
    if column.field == "number":
        return "number"
    if column.field in ("task", "remarks", *PARAGRAPH_FIELDS):
        return "text"
    return "units"


def _points(width_units: float) -> float:
    return width_units * POINTS_PER_WIDTH_UNIT


def _columns(width_pt: float, size: float) -> float:
    """Half-width characters per line of a text cell `width_pt` wide in a `size` pt font."""
    return (width_pt - CELL_PADDING) / (size / 2)


def plain_workbook() -> Workbook:
    """A new workbook for cells that are all values: without formulas there is nothing to recalculate,
    and fullCalcOnLoad (openpyxl's default) makes Excel ask to save a file nobody changed."""
    wb = Workbook()
    wb.calculation.fullCalcOnLoad = None
    return wb


# ---------------------------------------------------------------------------------------------
# Sheet names
_SHEET_REPLACE = str.maketrans({"[": "［", "]": "］", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼"})
SHEET_NAME_LIMIT = 31


def _clean_sheet_name(name: str, fallback: str) -> str:
    name = characters.replace(name.translate(_SHEET_REPLACE))
    name = name.strip().strip("'").strip()
    return name or fallback


def sheet_names(wanted: list[str], reserved=(), fallback: str = "Sheet") -> list[str]:
    """Names Excel accepts: ≤31 characters, no []:*?/\\, no edge apostrophe, not History, unique.

    Uniqueness ignores case, as Excel does; a clash gets a "(2)" suffix within the 31 characters.
    """
    taken = {r.casefold() for r in reserved} | {"history"}
    out = []
    for raw in wanted:
        base = _clean_sheet_name(raw, fallback)
        name = base[:SHEET_NAME_LIMIT].rstrip().rstrip("'")
        counter = 1
        while name.casefold() in taken:
            counter += 1
            suffix = f"({counter})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip().rstrip("'") + suffix
        taken.add(name.casefold())
        out.append(name)
    return out


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------------
# Rendering
class _Writer:
    def __init__(self, doc: Document, layout: SheetStyle, progress):
        self.doc = doc
        self.layout = layout
        self.progress = progress
        self.total = max(len(doc.all_tasks()), 1)
        self.done = 0
        self.wb = plain_workbook()
        self.continuations: dict[int, meta.Continuation] = {}
        self.widths = column_widths(doc, layout)
        fields = [c.field for c in doc.columns]
        self.progress_at = fields.index("progress") if "progress" in fields else None
        self.number_at = fields.index("number")
        self._styles()

    def _styles(self) -> None:
        """Named styles, created once and shared by every cell (fast, and tidy in Excel's style list)."""
        L = self.layout
        # Text sits one indent in from the left rule (LibreOffice draws it against the rule otherwise).
        left = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=1)
        center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        specs = {
            "title": (L.fonts["title"], None, None, center),
            "header": (L.fonts["header"], L.fills["header"], L.border, center),
            "section": (L.fonts["section"], L.fills["section"], L.border, left),
            "subsection": (L.fonts["subsection"], None, L.border, left),
            "number": (L.fonts["body"], None, L.border, center),
            "text": (L.fonts["body"], None, L.border, left),
            "units": (L.fonts["body"], None, L.border, center),
            "link": (L.fonts["link"], None, L.border, left),
            "total": (L.fonts["section"], L.fills["section"], L.border, center),
            "body": (L.fonts["body"], None, None, left),  # a plain line of text outside the table
        }
        self.style = {}
        for role, (font, fill, border, alignment) in specs.items():
            style = NamedStyle(name=W.XLSX_STYLE_NAME.format(role=role), font=font, alignment=alignment)
            if fill is not None:
                style.fill = fill
            if border is not None:
                style.border = border
            self.wb.add_named_style(style)
            self.style[role] = style.name

    # -- cells --------------------------------------------------------------------------------
    def put(self, ws, row: int, column: int, value, role: str, where: str = "", task: int | None = None):
        cell = ws.cell(row=row, column=column)
        bad = characters.forbidden(value, allow="\n") if isinstance(value, str) else []  # \n: paragraphs
        if bad:
            where = characters.replace(where)
            raise RenderError(
                W.XLSX_CONTROL_CHARACTER.format(where=where, chars=", ".join(bad)),
                task=task,
                hint=W.XLSX_CONTROL_CHARACTER_HINT,
            )
        cell.value = value
        if isinstance(value, str):
            # Text that looks like a formula stays text: stored as a string, shown literally, and
            # the quote prefix keeps Excel from evaluating it when someone edits the cell.
            cell.data_type = "s"
            cell.style = self.style[role]
            if value.startswith(_FORMULA_START):
                cell.quotePrefix = True
        else:
            cell.style = self.style[role]
        return cell

    def needed_height(self, cells) -> float:
        """Height in points that shows every line of every cell: [(paragraphs, width_pt, size_pt)]."""
        L = self.layout
        tallest = 0.0
        for paragraphs, width_pt, size in cells:
            lines = sum(wrapped_lines(p, _columns(width_pt, size)) for p in paragraphs) or 1
            tallest = max(tallest, lines * size * L.line_spacing + L.row_padding)
        return tallest

    def row_height(self, cells) -> float:
        # Excel cannot show a row taller than 409 pt (about 26 lines of 五号 text): task rows that
        # need more are continued (task_rows), so only a task or unit cell that alone needs more —
        # several hundred characters of task text, two dozen units — would still be capped here.
        return round(min(self.needed_height(cells), MAX_ROW_HEIGHT), 2)

    def split_progress(self, paragraphs: list[str], width_pt: float, size: float):
        """Completion paragraphs dealt into rows of at most 409 pt: (rows, joins) as in Continuation."""
        L = self.layout
        columns = _columns(width_pt, size)
        capacity = line_capacity(columns)
        most = max(int((MAX_ROW_HEIGHT - L.row_padding) // (size * L.line_spacing)), 1)  # lines per row
        rows: list[list[str]] = [[]]
        joins: dict[int, str] = {}
        used = 0
        for paragraph in paragraphs:
            rest = paragraph
            while True:
                lines = wrapped_lines(rest, columns)
                if used + lines <= most:
                    rows[-1].append(rest)
                    used += lines
                    break
                room = most - used
                # Split only a paragraph taller than a whole row, and leave no lone line behind it.
                cut = split_point(rest, room * capacity) if lines > most and (room >= 2 or not rows[-1]) else 0
                head, tail = rest[:cut].rstrip(), rest[cut:].lstrip()
                if not (head and tail) and not rows[-1]:  # only blanks at an edge to cut at: keep it whole
                    rows[-1].append(rest)
                    used = most
                    break
                if head and tail:
                    rows[-1].append(head)
                    joins[len(rows)] = rest[len(head) : len(rest) - len(tail)]  # the whitespace cut out
                    rest = tail
                rows.append([])
                used = 0
        return rows, joins

    def spanning_row(self, ws, row: int, text: str, role: str, width_pt: float, last_column: int, where: str):
        self.put(ws, row, 1, text, role, where)
        for column in range(2, last_column + 1):
            self.put(ws, row, column, None, role)  # borders and fill on every cell of the merge
        # Register the merge directly: ws.merge_cells() would rebuild the edge borders cell by cell
        # (the slowest step for small documents), and every cell here already has its border.
        ws.merged_cells.add(MergedCellRange(ws, f"A{row}:{get_column_letter(last_column)}{row}"))
        ws.row_dimensions[row].height = self.row_height([([text], width_pt, self.layout.sizes[role])])

    def setup_page(self, ws, last_row: int, last_column: str) -> None:
        L = self.layout
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins = L.margins
        ws.print_options.horizontalCentered = True
        ws.print_title_rows = "1:2"
        ws.print_area = f"A1:{last_column}{last_row}"
        ws.oddFooter.center.text = L.footer
        ws.oddFooter.center.size = L.footer_size
        ws.oddFooter.center.font = L.fonts["body"].name
        ws.freeze_panes = "A3"
        ws.sheet_view.showGridLines = False

    def tick(self) -> None:
        self.done += 1
        if self.progress and (self.done % 200 == 0 or self.done == self.total):
            self.progress(self.done, self.total)

    # -- sheets -------------------------------------------------------------------------------
    def section_sheet(self, section: Section, name: str) -> None:
        L = self.layout
        ws = self.wb.create_sheet(name)
        columns = self.doc.columns
        last = len(columns)
        for index, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        points = [_points(w) for w in self.widths]
        full = sum(points)
        self.spanning_row(ws, 1, self.doc.title, "title", full, last, W.WHERE_TITLE)
        for index, column in enumerate(columns, start=1):
            self.put(ws, 2, index, column.label, "header", W.WHERE_HEADER)
        ws.row_dimensions[2].height = self.row_height(
            [([c.label], w, L.sizes["header"]) for c, w in zip(columns, points)]
        )
        row = 3
        body = L.sizes["body"]
        for kind, item in section.rows():
            if kind == "section":
                self.spanning_row(
                    ws, row, item.heading, "section", full, last, W.WHERE_SECTION.format(heading=item.heading)
                )
            elif kind == "subsection":
                self.spanning_row(
                    ws, row, item.heading, "subsection", full, last, W.WHERE_SUBSECTION.format(heading=item.heading)
                )
            else:
                row = self.task_rows(ws, row, item, points, body) - 1
                self.tick()
            row += 1
        self.setup_page(ws, row - 1, get_column_letter(last))

    def task_rows(self, ws, row: int, task, points: list[float], body: float) -> int:
        """Write a task's row, and its continuation rows if it needs more than 409 pt; the next free row.

        Only the completion column (progress) continues; the other cells stay on the task's own row.
        """
        number = task.number
        columns = self.doc.columns
        values = [c.values(task) for c in columns]
        at = self.progress_at
        fixed = [(v, w, body) for i, (v, w) in enumerate(zip(values, points)) if i != at]
        chunks = [values[at]] if at is not None else [[]]
        height = self.needed_height([*fixed, (chunks[0], points[at], body)] if at is not None else fixed)
        if height > MAX_ROW_HEIGHT and at is not None:
            chunks, joins = self.split_progress(values[at], points[at], body)
            if len(chunks) > 1:
                self.continuations[number] = meta.Continuation(ws.title, number, len(chunks) - 1, joins)
                height = self.needed_height([*fixed, (chunks[0], points[at], body)])
        for index, column in enumerate(columns):
            if column.field == "number":
                self.put(ws, row, index + 1, number, "number")
                continue
            cell = chunks[0] if index == at else values[index]
            self.put(ws, row, index + 1, "\n".join(cell) or None, _role(column), column.label, number)
        ws.row_dimensions[row].height = round(min(height, MAX_ROW_HEIGHT), 2)
        label = f"{number}{self.layout.continued}"
        for chunk in chunks[1:]:
            row += 1
            for index, column in enumerate(columns):
                if column.field == "number":
                    self.put(ws, row, index + 1, label, "number", W.WHERE_NUMBER)
                elif index == at:
                    self.put(ws, row, index + 1, "\n".join(chunk), "text", column.label, number)
                else:
                    self.put(ws, row, index + 1, None, _role(column))
            ws.row_dimensions[row].height = self.row_height(
                [([label], points[self.number_at], body), (chunk, points[at], body)]
            )
        return row + 1

    def contents_sheet(self, ws, sections: list[Section], names: list[str]) -> None:
        L = self.layout
        widths = [_points(w) for w in L.contents_widths]
        for column, width in zip("ABC", L.contents_widths):
            ws.column_dimensions[column].width = width
        self.spanning_row(ws, 1, self.doc.title, "title", sum(widths), 3, W.WHERE_TITLE)
        for column, label in enumerate(L.contents_header, start=1):
            self.put(ws, 2, column, label, "header", W.WHERE_CONTENTS_HEADER)
        ws.row_dimensions[2].height = self.row_height(
            [([label], w, L.sizes["header"]) for label, w in zip(L.contents_header, widths)]
        )
        row = 3
        for section, name in zip(sections, names):
            heading = section.heading or L.untitled_sheet
            cell = self.put(ws, row, 1, heading, "link", W.WHERE_SECTION.format(heading=heading))
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{_quoted(name)}!A1", display=heading)
            self.put(ws, row, 2, section.task_range(), "units")
            self.put(ws, row, 3, len(section.all_tasks()), "number")
            ws.row_dimensions[row].height = self.row_height([([heading], widths[0], L.sizes["link"])])
            row += 1
        self.put(ws, row, 1, L.total_label, "total")
        self.put(ws, row, 2, None, "total")
        self.put(ws, row, 3, len(self.doc.all_tasks()), "total")
        ws.row_dimensions[row].height = self.row_height([([L.total_label], widths[0], L.sizes["section"])])
        line = unit_line(self.doc)
        if line:  # a unit's own part says which tasks it leads and which it co-leads
            row += 2
            self.spanning_row(ws, row, line, "body", sum(widths), 3, W.WHERE_UNIT_LINE)
        self.setup_page(ws, row, "C")

    def build(self) -> Workbook:
        L = self.layout
        contents = self.wb.active
        contents.title = sheet_names([L.labels["contents"]], fallback=W.XLSX_CONTENTS_FALLBACK)[0]
        sections = self.doc.sections
        names = sheet_names(
            [s.heading or L.untitled_sheet for s in sections],
            reserved=(contents.title, meta.SHEET),
            fallback=L.untitled_sheet,
        )
        self.contents_sheet(contents, sections, names)
        for section, name in zip(sections, names):
            self.section_sheet(section, name)
        seed = self.doc.columns == list(SEED_COLUMNS)
        labels = {c.field: c.label for c in self.doc.columns if c.field != "extra"}
        if self.continuations:
            labels["continued"] = L.continued
        meta.write(
            self.wb,
            meta.WorkbookInfo(
                document=dict(self.doc.meta),
                labels=labels,
                columns=None if seed else list(self.doc.columns),
                contents_sheet=contents.title,
                sections=[
                    meta.SheetInfo(
                        sheet=name,
                        numeral=s.numeral,
                        title=s.title,
                        first=min((t.number for t in s.all_tasks()), default=None),
                        last=max((t.number for t in s.all_tasks()), default=None),
                        count=len(s.all_tasks()),
                        direct=_part("", "", s.tasks),
                        subsections=[_part(sub.numeral, sub.title, sub.tasks) for sub in s.subsections],
                        numbers=[t.number for t in s.all_tasks()],
                    )
                    for s, name in zip(sections, names)
                ],
                continuations=self.continuations,
            ),
        )
        return self.wb


def _part(numeral: str, title: str, tasks) -> meta.Part:
    numbers = [t.number for t in tasks]
    return meta.Part(numeral, title, min(numbers, default=None), max(numbers, default=None))


def render(doc: Document, template: dict, *, progress=None, **options) -> bytes:
    """The workbook as bytes: identical bytes for identical input, dated by timestamps.document_time."""
    layout = parsed(template, SheetStyle)
    wb = _Writer(doc, layout, progress).build()
    when = document_time(doc)
    props = wb.properties
    props.title = file_title(doc)
    props.subject = str(doc.meta.get("category", "")) or None
    props.creator = doc.issuer or None
    props.lastModifiedBy = doc.issuer or None
    props.language = "zh-CN"
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps the save time into docProps; write the fixed time instead.
    props.created = props.modified = when.replace(tzinfo=None)  # docProps: naive UTC
    core = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + tostring(props.to_tree())
    return zippack.repack(buffer.getvalue(), {"docProps/core.xml": core}, when)
