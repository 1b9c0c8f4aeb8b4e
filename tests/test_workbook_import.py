"""`import WORKBOOK.xlsx`: a workbook made by `export xlsx`, edited in Excel/WPS/LibreOffice, read back."""

from __future__ import annotations

import copy
import io
import subprocess

import openpyxl
import pytest
from conftest import assert_clean_error, require_tool, run_cli

from exporter import templates
from exporter.formats import datafile
from exporter.formats.xlsx import reader as xlsx_reader
from exporter.formats.xlsx import writer as xlsx
from exporter.model import Document, Section, Task
from exporter.ops import select, split

NINE = "九、聚力优生态，强化绿色转型保障"
EIGHT = "八、聚力深改革，激发创新创造活力"


@pytest.fixture(scope="module")
def template():
    return templates.load()


def task_row(ws, number: int) -> int:
    return next(c.row for c in ws["A"] if c.value == number)


@pytest.mark.parametrize("args", [(), ("--section", "九"), ("--unit", "市发展改革委")])
def test_round_trip_is_lossless(tmp_path, bundled_doc, args):
    book = tmp_path / "book.xlsx"
    assert run_cli("export", "xlsx", *args, "-o", book).code == 0
    back = tmp_path / "back.yaml"
    result = run_cli("import", book, "-o", back)
    assert result.code == 0, result.err
    expected = split.selection(  # what export wrote (--unit: the unit's own part)
        bundled_doc, [a for a in args[1:] if args[0] == "--section"], args[1] if args and args[0] == "--unit" else None
    )
    assert datafile.to_dict(datafile.load(back.read_bytes(), str(back))) == datafile.to_dict(expected)
    assert f"{len(expected.all_tasks())} 项任务" in result.err


def test_edits_come_back(tmp_path, bundled_doc, template):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.render(select.select(bundled_doc, ["九"]), template)))
    ws = wb[NINE]
    row = task_row(ws, 87)
    # As WPS or Excel on Windows may save it: CRLF, an empty line, spaces at the edges, a unit added.
    ws.cell(row=row, column=3).value = "  全年完成造林2.1万亩。\r\n\r\n第二段：=不是公式 \r\n"
    ws.cell(row=row, column=4).value = ws.cell(row=row, column=4).value + "\n市财政局（国资委）\n"
    ws.cell(row=task_row(ws, 90), column=2).value = "任务内容\n被拆成两行"
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    doc = xlsx_reader.read_workbook(path.read_bytes(), str(path))
    got = {t.number: t for t in doc.all_tasks()}
    original = {t.number: t for t in bundled_doc.all_tasks()}
    assert got[87].progress == ["全年完成造林2.1万亩。", "第二段：=不是公式"]
    assert got[87].units == original[87].units + ["市财政局（国资委）"]
    assert got[90].task == "任务内容被拆成两行"
    for number in range(86, 95):
        if number not in (87, 90):
            assert datafile._task_dict(got[number]) == datafile._task_dict(original[number])
    assert doc.meta == bundled_doc.meta


def test_text_normalization():
    assert xlsx_reader._paragraphs("a\r\nb\rc\n\n  d  \n") == ["a", "b", "c", "d"]
    assert xlsx_reader._paragraphs(None) == []
    assert xlsx_reader._one_line(["推进", "建设。"]) == "推进建设。"
    assert xlsx_reader._one_line(["Office", "2023"]) == "Office 2023"


def test_libreoffice_resaved_workbook_reads_back(tmp_path, bundled_doc, template):
    """LibreOffice rewrites the whole package (shared strings, styles, hidden sheet); nothing is lost."""
    soffice = require_tool("soffice")
    doc = copy.deepcopy(select.select(bundled_doc, ["九"]))  # the session's document stays untouched
    doc.sections[0].subsections[0].tasks[0].progress.insert(0, "=SUM(A1:A3) 保持为文字")
    doc.sections[0].subsections[0].tasks[0].units.append("@某单位")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "book.xlsx").write_bytes(xlsx.render(doc, template))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "in" / "book.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    resaved = (tmp_path / "out" / "book.xlsx").read_bytes()
    assert resaved != (tmp_path / "in" / "book.xlsx").read_bytes()
    back = xlsx_reader.read_workbook(resaved, "book.xlsx")
    assert datafile.to_dict(back) == datafile.to_dict(doc)


# ---------------------------------------------------------------------------------------------
# Workbooks that cannot be trusted: one Chinese message naming sheet and cell, nothing written
def delete_header(wb):
    wb[NINE].delete_rows(2)


def duplicate_number(wb):
    ws = wb[NINE]
    ws.cell(row=task_row(ws, 88), column=1).value = 87
    return f"单元格 A{task_row(ws, 87) + 1}"


def number_as_words(wb):
    ws = wb[NINE]
    ws.cell(row=task_row(ws, 87), column=1).value = "八十七"


def move_row(wb):
    """Cut task 87's row from 九 and paste it at the end of 八."""
    nine, eight = wb[NINE], wb[EIGHT]
    row = task_row(nine, 87)
    values = [nine.cell(row=row, column=c).value for c in range(1, 5)]
    nine.delete_rows(row)
    eight.append(values)
    return f"工作表“{EIGHT}”单元格 A{eight.max_row}"


def swap_rows(wb):
    ws = wb[NINE]
    a, b = task_row(ws, 87), task_row(ws, 88)
    for column in range(1, 5):
        top, bottom = ws.cell(row=a, column=column), ws.cell(row=b, column=column)
        top.value, bottom.value = bottom.value, top.value


def move_within(wb):
    """Move task 89, the last of 九（一）, to just below the heading of 九（二）: still in ascending order."""
    ws = wb[NINE]
    row = task_row(ws, 89)
    values = [ws.cell(row=row, column=c).value for c in range(1, 5)]
    heading = next(c.row for c in ws["A"] if str(c.value).startswith("（二）"))
    for column in range(1, 5):
        ws.cell(row=row, column=column).value = None
    ws.insert_rows(heading + 1)
    for column, value in enumerate(values, start=1):
        ws.cell(row=heading + 1, column=column).value = value


def clear_task(wb):
    ws = wb[NINE]
    ws.cell(row=task_row(ws, 89), column=2).value = None


def add_sheet(wb):
    wb.create_sheet("备注").append(["随手记下的内容"])


def edit_section_row(wb):
    wb[NINE]["A3"].value = "九、改过的标题"


BROKEN = {
    "header deleted": (delete_header, [f"工作表“{NINE}”单元格 A2", "找不到表头行"]),
    "number duplicated": (duplicate_number, [f"工作表“{NINE}”", "序号“87”重复", f"“{NINE}”A"]),
    "number not a number": (number_as_words, [f"工作表“{NINE}”单元格 A", "序号“八十七”不是正整数"]),
    "row moved to another section": (move_row, ["序号“87”不属于这一部分（导出时本部分为任务 71–85）"]),
    "rows out of order": (swap_rows, [f"工作表“{NINE}”单元格 A", "序号“87”排在“88”之后"]),
    "task text cleared": (clear_task, [f"工作表“{NINE}”单元格 B", "任务内容是空的"]),
    "row moved to another subsection": (
        move_within,
        [f"工作表“{NINE}”单元格 A", "序号“89”不应在小标题“（二）", "导出时那里是任务 90–91"],
    ),
    "foreign sheet": (add_sheet, ["工作表“备注”不是导出时的工作表"]),
    "section row edited": (
        edit_section_row,
        [f"工作表“{NINE}”单元格 A3", "无法识别的行“九、改过的标题”", f"这里应是“{NINE}”"],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_workbook(tmp_path, bundled_doc, template, case):
    mutate, needles = BROKEN[case]
    wb = openpyxl.load_workbook(io.BytesIO(xlsx.render(select.select(bundled_doc, ["八", "九"]), template)))
    extra = mutate(wb)
    book = tmp_path / "book.xlsx"
    wb.save(book)
    result = run_cli("import", book, "-o", tmp_path / "out.yaml")
    assert result.code == 1
    assert_clean_error(result, *needles, *([extra] if extra else []))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def test_not_our_workbook(tmp_path):
    """A workbook without `_meta` is someone else's: read as a table (issue 12), not refused."""
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "重点工作任务", "完成情况", "牵头责任单位"])
    wb.active.append([1, "任务", "进展", "单位"])
    wb.save(tmp_path / "other.xlsx")
    result = run_cli("import", tmp_path / "other.xlsx", "-o", tmp_path / "out.yaml")
    assert result.code == 0, result.err
    assert "以“other”作为标题" in result.err
    doc = datafile.load((tmp_path / "out.yaml").read_bytes(), "out.yaml")
    assert doc.title == "other"
    assert [(t.number, t.task, t.progress, t.units) for t in doc.all_tasks()] == [(1, "任务", ["进展"], ["单位"])]


def test_renamed_non_xlsx_file(tmp_path):
    (tmp_path / "notes.xlsx").write_text("序号,任务\n1,任务\n", encoding="utf-8")
    result = run_cli("import", tmp_path / "notes.xlsx", "-o", tmp_path / "out.yaml")
    assert result.code == 1
    assert_clean_error(result, "notes.xlsx", "文件名是 .xlsx，但内容是页面文本")
    assert not (tmp_path / "out.yaml").exists()


def test_document_without_sections_round_trips(template):
    doc = Document(
        meta={"title": "部分重点工作任务", "issuer": "某办公室"},
        sections=[
            Section("", "", [Task(1, "任务一", ["进展"], ["单位甲"]), Task(2, "任务二", [], ["单位乙", "单位丙"])])
        ],
    )
    back = xlsx_reader.read_workbook(xlsx.render(doc, template), "t.xlsx")
    assert datafile.to_dict(back) == datafile.to_dict(doc)
