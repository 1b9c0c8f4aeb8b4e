"""Tasks taller than Excel's 409 pt row limit: continued on "N（续）" rows, every word visible in
LibreOffice's print, and read back exactly by `import`."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from conftest import assert_clean_error, require_tool, run_cli
from pdf_visibility import problems as invisible_text

from exporter import templates
from exporter.formats import datafile
from exporter.formats.xlsx import meta as xlsx_meta
from exporter.formats.xlsx import reader as xlsx_reader
from exporter.formats.xlsx import writer as xlsx
from exporter.model import Document, Section, Task
from exporter.ops import select
from exporter.text.width import display_width, split_point

SHEET = "一、长文测试"
LATIN = (
    "The municipal data platform connected 42 systems and 1,350 datasets in 2023; "
    "quarterly reviews covered service quality, security and cost. "
)


@pytest.fixture(scope="module")
def template():
    return templates.load()


@pytest.fixture(scope="module")
def tall_doc(bundled_doc) -> Document:
    """Task 1: 60 paragraphs; task 2: one 6,000-character paragraph; task 3: short; task 4 (section
    二): one long Latin paragraph, split at a space."""
    paragraphs = [p for t in bundled_doc.all_tasks() for p in t.progress]
    many = [f"{n}.{p}" for n, p in enumerate(paragraphs[:60], 1)]
    single = "".join(paragraphs)[:6000]
    assert len(single) == 6000 and "\n" not in single
    latin = (LATIN * 40).strip()
    return Document(
        meta={"title": "长文测试", "issuer": "测试办公室"},
        sections=[
            Section(
                "一",
                "长文测试",
                [
                    Task(1, "很长的完成情况", many, ["市发展改革委"]),
                    Task(2, "一段很长的完成情况", [single], ["市经济和信息化局", "市财政局"]),
                    Task(3, "短任务", ["已完成。"], ["市统计局"]),
                ],
            ),
            Section("二", "拉丁文字", [Task(4, "Latin text", [latin], ["市数据资源局"])]),
        ],
    )


@pytest.fixture(scope="module")
def tall_xlsx(tall_doc, template) -> bytes:
    return xlsx.render(tall_doc, template)


def table_rows(ws):
    """(row, number cell, task, completion, units) for every task and continuation row."""
    for a, b, c, d in ws.iter_rows(min_row=3, max_col=4):
        if a.data_type == "n" or re.fullmatch(r"\d+（续）", str(a.value)):
            yield a.row, a, b, c, d


def completion_cells(ws) -> dict[int, list[str]]:
    """Task number -> the completion text of its row and of each of its continuation rows."""
    out: dict[int, list[str]] = {}
    for _, a, _, c, _ in table_rows(ws):
        number = a.value if a.data_type == "n" else int(a.value[:-3])
        out.setdefault(number, []).append(c.value or "")
    return out


def test_no_row_over_the_limit_and_continuations_carry_the_text(tall_doc, tall_xlsx):
    wb = openpyxl.load_workbook(io.BytesIO(tall_xlsx))
    for ws in wb.worksheets:
        assert all((ws.row_dimensions[r].height or 15) <= xlsx.MAX_ROW_HEIGHT for r in range(1, ws.max_row + 1))
    ws = wb[SHEET]
    cells = {**completion_cells(ws), **completion_cells(wb["二、拉丁文字"])}
    assert len(cells[1]) >= 3 and len(cells[2]) >= 3 and len(cells[3]) == 1 and len(cells[4]) >= 2
    for row, a, b, c, d in table_rows(ws):
        assert all(cell.border.left.style == cell.border.right.style == "thin" for cell in (a, b, c, d))
        assert c.font.name == "宋体" and c.alignment.wrap_text
        if a.data_type == "s":  # a continuation: number as text, task and units empty, right below its task
            assert a.value.endswith("（续）") and b.value is None and d.value is None
            above = ws.cell(row=row - 1, column=1).value
            assert above in (int(a.value[:-3]), a.value)
    tasks = {t.number: t for t in tall_doc.all_tasks()}
    # The 60 paragraphs are dealt out whole, in order; the single long paragraphs are cut, and their
    # pieces put together give the paragraph back.
    assert [p for text in cells[1] for p in text.split("\n")] == tasks[1].progress
    assert "".join(cells[2]) == tasks[2].progress[0]
    assert all(text.endswith("。") for text in cells[2][:-1])  # cut where a sentence ends
    assert "".join(cells[4]).replace(" ", "") == tasks[4].progress[0].replace(" ", "")
    assert " ".join(cells[4]) == tasks[4].progress[0]  # cut at a space, which _meta records
    info = xlsx_meta.read(wb, "t.xlsx")
    assert sorted(info.continuations) == [1, 2, 4] and info.labels["continued"] == "（续）"
    assert info.continuations[1].joins == {}  # no paragraph of task 1 needed cutting
    assert info.continuations[2].joins == {k: "" for k in range(1, len(cells[2]))}
    assert info.continuations[4].joins == {k: " " for k in range(1, len(cells[4]))}


def test_libreoffice_shows_every_word(tmp_path, tall_doc, template):
    soffice = require_tool("soffice")
    # Chinese only: a paragraph of pure Latin text is set with tight lines whose word boxes the
    # visibility check would take for overlapping text.
    tall_xlsx = xlsx.render(select.select(tall_doc, ["一"]), template)
    (tmp_path / "tall.xlsx").write_bytes(tall_xlsx)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "tall.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "tall.pdf"
    text = re.sub(
        r"\s+",
        "",
        subprocess.run(
            [require_tool("pdftotext"), "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout,
    )
    for cell_text in [
        t for texts in completion_cells(openpyxl.load_workbook(io.BytesIO(tall_xlsx))[SHEET]).values() for t in texts
    ]:
        for line in cell_text.split("\n"):
            assert re.sub(r"\s+", "", line) in text, line[:30]
    assert text.count("1（续）") == len(completion_cells(openpyxl.load_workbook(io.BytesIO(tall_xlsx))[SHEET])[1]) - 1
    assert invisible_text(pdf) == []


def test_round_trip_is_lossless(tmp_path, tall_doc):
    data = tmp_path / "tall.yaml"
    data.write_bytes(datafile.dump(tall_doc))
    assert datafile.to_dict(datafile.load(data.read_bytes(), str(data))) == datafile.to_dict(tall_doc)
    result = run_cli("export", "xlsx", "--data", data, "-o", tmp_path / "tall.xlsx")
    assert result.code == 0, result.err
    result = run_cli("import", tmp_path / "tall.xlsx", "-o", tmp_path / "back.yaml")
    assert result.code == 0, result.err
    back = datafile.load((tmp_path / "back.yaml").read_bytes(), "back.yaml")
    assert datafile.to_dict(back) == datafile.to_dict(tall_doc)


def edited(tall_xlsx, change) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(tall_xlsx))
    change(wb[SHEET])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def continuation_rows(ws, number: int) -> list[int]:
    return [row for row, a, *_ in table_rows(ws) if a.value == f"{number}（续）"]


def test_edits_in_continuation_rows_come_back(tall_doc, tall_xlsx):
    def change(ws):
        rows = continuation_rows(ws, 1)
        ws.cell(row=rows[-1], column=3).value += "\n新增的一段。"
        ws.cell(row=rows[0], column=1).value = " 1 (续) "  # half-width brackets, stray spaces
        ws.cell(row=continuation_rows(ws, 2)[0], column=1).value = "2(续)"

    back = xlsx_reader.read_workbook(edited(tall_xlsx, change), "t.xlsx")
    got = {t.number: t for t in back.all_tasks()}
    expected = {t.number: t for t in tall_doc.all_tasks()}
    assert got[1].progress == expected[1].progress + ["新增的一段。"]
    for number in (2, 3, 4):
        assert got[number].progress == expected[number].progress


def swap_with_next_task(ws):
    """The last continuation of task 2 and task 3's row trade places: 2（续） now follows task 3."""
    row = continuation_rows(ws, 2)[-1]
    for column in range(1, 5):
        top, bottom = ws.cell(row=row, column=column), ws.cell(row=row + 1, column=column)
        top.value, bottom.value = bottom.value, top.value
    return f"单元格 A{row + 1}"


def move_to_other_task(ws):
    ws.cell(row=continuation_rows(ws, 1)[0], column=1).value = "4（续）"
    return f"单元格 A{continuation_rows(ws, 4)[0]}"


def type_into_task_cell(ws):
    row = continuation_rows(ws, 1)[0]
    ws.cell(row=row, column=2).value = "补充的任务"
    return f"单元格 B{row}"


def delete_one_continuation(ws):
    rows = continuation_rows(ws, 2)
    ws.delete_rows(rows[1])
    return f"单元格 A{rows[-1] - 1}"


BROKEN = {
    "continuation moved below another task": (swap_with_next_task, ["续行“2（续）”不在任务 2 的行或其续行的正下方"]),
    "continuation renumbered": (move_to_other_task, ["续行“4（续）”不在任务 4 的行或其续行的正下方"]),
    "text typed into a continuation's task cell": (type_into_task_cell, ["续行的“重点工作任务”单元格应为空"]),
    "continuation of a split paragraph deleted": (
        delete_one_continuation,
        ["任务 2 导出时有", "个续行，现在有", "跨行拆开的段落"],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_misplaced_continuation_is_a_clear_error(tmp_path, tall_xlsx, case):
    change, needles = BROKEN[case]
    where = []
    book = tmp_path / "book.xlsx"
    book.write_bytes(edited(tall_xlsx, lambda ws: where.append(change(ws))))
    result = run_cli("import", book, "-o", tmp_path / "out.yaml")
    assert_clean_error(result, f"工作表“{SHEET}”{where[0]}", *needles)
    assert not (tmp_path / "out.yaml").exists()


def test_split_point_prefers_sentence_ends_and_never_overflows():
    text = "第一句话写完了。第二句还没有写完，后面还有很多字" * 3
    for width in (10, 17, 30, 55, 200):
        cut = split_point(text, width)
        assert 0 < cut <= len(text) and display_width(text[:cut]) <= width
    assert text[: split_point(text, 20)].endswith("。")
    assert split_point("中文", 1) == 0 and split_point("短", 10) == 1
    assert split_point("一二三四12345678", 12) == 4  # not inside a number
    assert split_point("abcdef 12345678", 12) == 7  # at a space


def test_libreoffice_resaved_workbook_reads_back(tmp_path, tall_doc, tall_xlsx):
    """LibreOffice rewrites the package; the continuation rows and the `_meta` record survive it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tall.xlsx").write_bytes(tall_xlsx)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "in" / "tall.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    resaved = (tmp_path / "out" / "tall.xlsx").read_bytes()
    assert resaved != tall_xlsx
    back = xlsx_reader.read_workbook(resaved, "tall.xlsx")
    assert datafile.to_dict(back) == datafile.to_dict(tall_doc)
