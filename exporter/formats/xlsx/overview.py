"""The overview workbook of a split export: one row per unit with the tasks it leads and co-leads.

Always xlsx, whatever the format of the unit files, and byte-identical run to run. Fonts, border,
header fill and page margins are the unit workbooks' own (writer.SheetStyle, parsed once per template).
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import zipfile

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from exporter import PRODUCER
from exporter import wording as W
from exporter.formats.xlsx.writer import SheetStyle, plain_workbook
from exporter.model import Document, unit_roles
from exporter.templates import official, parsed
from exporter.text.width import display_width, wrapped_lines
from exporter.timestamps import document_time, zip_time

HEADERS = W.OVERVIEW_HEADERS
SHEET_TITLE = W.OVERVIEW_TITLE
HEADER_ROW = 3  # title, summary line, then the header


# ---------------------------------------------------------------------------------------------
# Reproducible packages
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def normalize_zip(data: bytes, when: datetime.datetime) -> bytes:
    """Rewrite an xlsx package with fixed entry times and attributes, keeping the entry order.

    openpyxl stamps docProps/core.xml's modified time at save, whatever the workbook says, so the
    dates there are rewritten too.
    """
    stamp = zip_time(when)
    iso = when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(lambda m: m.group(1) + iso + m.group(2), content)
            dst.writestr(entry, content)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Content
def overview_rows(doc: Document) -> list[list]:
    """[unit, led count, led numbers, joined count, joined numbers, total] per unit, in document order."""
    rows = []
    for unit in doc.units():
        led, joined = unit_roles(doc, unit)
        rows.append(
            [unit, len(led), "、".join(map(str, led)), len(joined), "、".join(map(str, joined)), len(led) + len(joined)]
        )
    return rows


def wrap_numbers(text: str, width: float) -> str:
    """Break "1、3、7、…" into lines that fit `width`, each break after a 、 so no line starts with one."""
    lines, line = [], ""
    for item in text.split("、") if text else []:
        piece = f"{line}、{item}" if line else item
        if line and display_width(piece) + 2 > width - 1:
            lines.append(line + "、")
            line = item
        else:
            line = piece
    if line:
        lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Styling: the workbook's own parsed template settings (SheetStyle), so both look alike
def _row_height(lines: int, size: float, style: SheetStyle) -> float:
    return round(lines * size * style.line_spacing + style.row_padding, 1)


def render_overview(doc: Document, template: dict | None = None) -> bytes:
    """The overview workbook as bytes: title, a summary line, the header row, then a row per unit."""
    style = parsed(template or official(), SheetStyle)  # no template: the default one
    rows = overview_rows(doc)
    title_font = copy.copy(style.fonts["title"])
    title_font.bold = True
    header_font, body_font = style.fonts["header"], style.fonts["body"]
    title_size, header_size, body_size = style.sizes["title"], style.sizes["header"], style.sizes["body"]
    border = style.border
    wrap_left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    wrap_center = Alignment(horizontal="center", vertical="center", wrap_text=True)

    wb = plain_workbook()
    ws = wb.active
    ws.title = SHEET_TITLE

    # Widths from content (CJK counts 2), scaled from the 11pt default font; number lists wrap.
    scale = max(body_size, header_size) / 11

    def fit(values, low, high):
        return round(min(max([low] + [display_width(str(v)) * scale + 2 for v in values]), high), 1)

    widths = [
        fit([HEADERS[0]] + [r[0] for r in rows], 12, 40),
        fit([HEADERS[1]], 8, 14),
        fit([HEADERS[2]] + [r[2] for r in rows], 16, 48),
        fit([HEADERS[3]], 8, 14),
        fit([HEADERS[4]] + [r[4] for r in rows], 16, 48),
        fit([HEADERS[5]], 6, 10),
    ]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    last_col = get_column_letter(len(HEADERS))

    ws.append([SHEET_TITLE])
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"].font = title_font
    ws["A1"].alignment = wrap_center
    ws.row_dimensions[1].height = _row_height(1, title_size, style)

    tasks = doc.all_tasks()
    summary = (
        W.OVERVIEW_SUMMARY_TITLED.format(title=doc.title, tasks=len(tasks), units=len(rows))
        if doc.title
        else W.OVERVIEW_SUMMARY.format(tasks=len(tasks), units=len(rows))
    )
    ws.append([summary])
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"].font = body_font
    ws["A2"].alignment = wrap_center
    ws["A2"].data_type = "s"
    ws.row_dimensions[2].height = _row_height(wrapped_lines(summary, sum(widths) / scale), body_size, style)

    ws.append(HEADERS)
    for cell in ws[HEADER_ROW]:
        cell.font = header_font
        cell.alignment = wrap_center
        cell.border = border
        cell.fill = style.fills["header"]
    lines = max(wrapped_lines(h, w / scale) for h, w in zip(HEADERS, widths))
    ws.row_dimensions[HEADER_ROW].height = _row_height(lines, header_size, style)

    for values in rows:
        values = list(values)
        for col in (2, 4):
            values[col] = wrap_numbers(values[col], widths[col] / scale)
        ws.append(values)
        r = ws.max_row
        for col, cell in enumerate(ws[r], start=1):
            cell.font = body_font
            cell.border = border
            cell.alignment = wrap_left if col in (1, 3, 5) else wrap_center
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the unit is called
        lines = max(wrapped_lines(values[0], widths[0] / scale), values[2].count("\n") + 1, values[4].count("\n") + 1)
        ws.row_dimensions[r].height = _row_height(lines, body_size, style)

    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    for side_name in ("top", "bottom", "left", "right", "header", "footer"):
        setattr(ws.page_margins, side_name, round(getattr(style.margins, side_name), 3))
    ws.oddFooter.center.text = style.footer
    ws.oddFooter.center.size = style.footer_size

    when = document_time(doc)
    wb.properties.created = wb.properties.modified = when.replace(tzinfo=None)
    wb.properties.creator = PRODUCER
    wb.properties.title = W.OVERVIEW_FILE_TITLE.format(title=doc.title) if doc.title else SHEET_TITLE
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalize_zip(buffer.getvalue(), when)
