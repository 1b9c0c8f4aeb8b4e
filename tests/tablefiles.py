"""Build the files a department would send from a Document: a saved portal page (gb2312-declared), a Word
table with merged section rows, a hand-made workbook. Used by the reader tests and the benchmark."""

from __future__ import annotations

import html
import io

from exporter.model import Document

HEADER = ["序号", "重点工作任务", "完成情况", "牵头责任单位"]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def unit_spans(doc) -> dict[int, int]:
    """Task number -> how many task rows (itself included) its unit cell covers when consecutive tasks
    with the same units share one merged cell; 0 for the rows covered from above. A merge never
    crosses a section or subsection row."""
    spans: dict[int, int] = {}
    top = None
    for kind, item in doc.rows():
        if kind != "task":
            top = None
        elif top is not None and item.units == top.units:
            spans[top.number] += 1
            spans[item.number] = 0
        else:
            top = item
            spans[item.number] = 1
    return spans


def html_page(doc: Document, charset: str = "gb2312", merge_units: bool = True) -> bytes:
    """A portal page: navigation, the metadata block as a table, the title, the source line, then the task
    table nested in a layout table; completion paragraphs as <p>, units separated by <br>; consecutive
    tasks with the same units share one rowspan cell. Encoded as such servers do: GB18030 bytes, so 埇
    (outside GB2312) is there though the page says gb2312."""
    m = doc.meta
    out = [
        f'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n<html><head>'
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        f'<title>{_esc(doc.title)}_宿州市人民政府</title>\n<script>var a = "<table>";</script></head>\n<body>\n'
        '<div class="nav">首页 &gt; 政务公开 &gt; 重点工作</div>\n'
        '<table class="xxgk"><tr><td>索引号：</td><td>'
        + _esc(m["index_no"])
        + "</td><td>信息分类：</td><td>"
        + _esc(m["category"])
        + "</td></tr>\n<tr><td>发布机构：</td><td>"
        + _esc(m["issuer"])
        + "</td><td>成文日期：</td><td>"
        + _esc(m["written"])
        + "</td></tr>\n<tr><td>发布日期：</td><td>"
        + _esc(m["published"])
        + "</td><td>有效性：</td><td>"
        + _esc(m["validity"])
        + "</td></tr></table>\n"
        f'<h1 class="title">{_esc(doc.title)}</h1>\n<div class="info">来源：{_esc(m["source"])}</div>\n'
        '<table width="100%"><tr><td><div class="content">\n'
        '<table border="1" cellspacing="0" style="border-collapse:collapse">\n<tbody>\n<tr>'
        + "".join(f"<td><p><strong>{h}</strong></p></td>" for h in HEADER)
        + "</tr>\n"
    ]
    spans = unit_spans(doc)
    for kind, item in doc.rows():
        if kind in ("section", "subsection"):
            out.append(f'<tr><td colspan="4"><p><strong>{_esc(item.heading)}</strong></p></td></tr>\n')
            continue
        task = item
        progress = "".join(f"<p>{_esc(p)}</p>\n" for p in task.progress)
        cells = [f"<td>{task.number}</td>", f"<td>{_esc(task.task)}</td>", f"<td>{progress}</td>"]
        span = spans[task.number] if merge_units else 1
        if span:
            attr = f' rowspan="{span}"' if span > 1 else ""
            cells.append(f"<td{attr}>" + "<br/>\n".join(_esc(u) for u in task.units) + "</td>")
        out.append("<tr>" + "".join(cells) + "</tr>\n")
    out.append(
        "</tbody></table></div></td></tr></table>\n<div>【打印】【关闭】</div>\n"
        '<div class="footer">主办单位：宿州市人民政府办公室</div></body></html>\n'
    )
    return "".join(out).encode("gb18030")


def word_table(doc: Document, merge_units: bool = True) -> bytes:
    """A Word attachment: "附件" mark, the title paragraph, a four-column table with merged section and
    subsection rows, completion and units one paragraph each, shared units merged vertically."""
    import docx

    d = docx.Document()
    d.add_paragraph("附件")
    d.add_paragraph(doc.title, style="Title")
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, HEADER):
        cell.text = label
    spans = unit_spans(doc)
    top = {}
    for kind, item in doc.rows():
        if kind in ("section", "subsection"):
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[3])
            merged.text = item.heading
            continue
        task = item
        row = table.add_row()
        cells = row.cells
        cells[0].text = str(task.number)
        cells[1].text = task.task
        _paragraphs(cells[2], task.progress)
        span = spans[task.number] if merge_units else 1
        if span:
            _paragraphs(cells[3], task.units)
            top = {"cell": cells[3], "left": span - 1}
        elif top.get("left"):
            top["cell"] = top["cell"].merge(cells[3])
            top["left"] -= 1
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _paragraphs(cell, texts):
    cell.text = texts[0] if texts else ""
    for text in texts[1:]:
        cell.add_paragraph(text)


def workbook(doc: Document, sheets: str = "one") -> bytes:
    """A workbook made by hand: a merged title row, a blank row, the header, merged section rows, units
    joined with 、 in one cell (line breaks when there are three or more), task numbers as numbers — some as
    text —, a blank row between sections. sheets="section": one sheet per section, header on each."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"

    def start(sheet, title):
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
        sheet.append([])
        sheet.append(HEADER)

    if sheets == "one":
        start(ws, doc.title)
    for index, section in enumerate(doc.sections):
        if sheets == "section":
            ws = wb.active if index == 0 else wb.create_sheet()
            ws.title = f"{section.numeral}"
            start(ws, doc.title)
        for kind, item in section.rows():
            if kind == "task":
                t = item
                units = "、".join(t.units) if len(t.units) < 3 else "\n".join(t.units)
                number = str(t.number) if t.number % 10 == 0 else t.number
                ws.append([number, t.task, "\n".join(t.progress), units])
                ws.cell(ws.max_row, 3).alignment = Alignment(wrap_text=True)
            else:
                ws.append([item.heading])
                ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
        if sheets == "one":
            ws.append([])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
