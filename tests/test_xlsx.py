"""`export xlsx`: the workbook's content read back with openpyxl, its layout and print setup, its
rendering by LibreOffice (every line of every cell visible), and the failure cases."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import DATA, assert_clean_error, require_tool, run_cli
from pdf_visibility import problems as invisible_text

from exporter import templates
from exporter.errors import RenderError
from exporter.formats import datafile
from exporter.formats.xlsx import writer as xlsx
from exporter.model import Document, Section, Task
from exporter.ops import select

TITLE = "2023年《政府工作报告》重点工作任务完成情况"
NINE = "九、聚力优生态，强化绿色转型保障"


@pytest.fixture(scope="module")
def template():
    return templates.load()


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def section_sheets(wb):
    return [ws for ws in wb.worksheets[1:] if ws.sheet_state == "visible"]


def tasks_in(wb) -> dict[int, tuple]:
    """Task number -> (task, completion paragraphs, units), from every section sheet's task rows."""
    out = {}
    for ws in section_sheets(wb):
        for a, b, c, d in ws.iter_rows(min_row=3, max_col=4):
            if a.data_type == "n" and a.value is not None:
                assert isinstance(a.value, int)
                assert a.value not in out
                out[a.value] = (b.value, c.value.split("\n") if c.value else [], d.value.split("\n"))
                assert b.data_type == d.data_type == "s" and c.data_type == ("s" if c.value else "n")
    return out


def assert_same_tasks(wb, expected: list[Task]) -> None:
    got = tasks_in(wb)
    assert list(got) == [t.number for t in expected]
    for t in expected:
        assert got[t.number] == (t.task, t.progress, t.units), t.number


def export(tmp_path: Path, *args, env=None) -> tuple[Path, bytes]:
    """Run the real command in an empty folder; return the one file it wrote."""
    result = run_cli("export", "xlsx", *args, cwd=tmp_path, env=env)
    assert result.code == 0, result.err
    files = [p for p in tmp_path.iterdir() if p.suffix == ".xlsx"]
    assert len(files) == 1
    assert f"已写入 {files[0].name}" in result.err
    return files[0], files[0].read_bytes()


# ---------------------------------------------------------------------------------------------
# Content
def test_whole_document(tmp_path, bundled_doc):
    path, data = export(tmp_path)
    assert path.name == f"{TITLE}.xlsx"
    wb = load(data)
    assert wb.sheetnames == ["目录"] + [s.heading for s in bundled_doc.sections] + ["_meta"]
    assert wb["_meta"].sheet_state == "veryHidden"  # a user cannot unhide it from the sheet tabs
    assert_same_tasks(wb, bundled_doc.all_tasks())
    # Section and subsection rows, in table order, span the table.
    ws = wb["二、聚力强“引擎”，做实工业经济支撑"]
    assert ws["A3"].value == "二、聚力强“引擎”，做实工业经济支撑"
    assert ws["A4"].value == "（一）锻强壮大先进制造业。"
    assert {"A1:D1", "A3:D3", "A4:D4"} <= {str(r) for r in ws.merged_cells.ranges}
    headings = [
        ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).data_type == "s"
    ]
    assert headings == ["二、聚力强“引擎”，做实工业经济支撑"] + [
        sub.heading for sub in bundled_doc.sections[1].subsections
    ]
    # 埇 and the longest unit survive.
    text = "".join(str(c.value) for ws in section_sheets(wb) for row in ws.iter_rows() for c in row if c.value)
    assert text.count("埇") == DATA.read_text(encoding="utf-8").count("埇") == 19
    assert "长三角绿色农产品生产加工基地建设指挥部办公室" in tasks_in(wb)[43][2]


def test_one_section(tmp_path, bundled_doc):
    path, data = export(tmp_path, "--section", "九")
    assert path.name == f"{TITLE}（九）.xlsx"
    wb = load(data)
    assert wb.sheetnames == ["目录", NINE, "_meta"]
    nine = select.select(bundled_doc, ["九"])
    assert_same_tasks(wb, nine.all_tasks())
    assert list(tasks_in(wb)) == list(range(86, 95))
    contents = wb["目录"]
    assert contents["A3"].value == NINE and contents["B3"].value == "86–94" and contents["C3"].value == 9
    assert contents["A4"].value == "合计" and contents["C4"].value == 9


def test_one_unit(tmp_path, bundled_doc):
    path, data = export(tmp_path, "--unit", "市发展改革委")
    assert path.name == f"{TITLE}（市发展改革委）.xlsx"
    expected = [t for t in bundled_doc.all_tasks() if "市发展改革委" in t.units]
    assert len(expected) == 26
    assert_same_tasks(load(data), expected)


def test_stdout(tmp_path):
    result = run_cli("export", "xlsx", "--section", "九", "-o", "-", cwd=tmp_path)
    assert result.code == 0 and list(tmp_path.iterdir()) == []
    assert list(tasks_in(load(result.stdout_bytes))) == list(range(86, 95))
    _, data = export(tmp_path, "--section", "九")
    assert result.stdout_bytes == data


def test_contents_links_to_every_sheet(bundled_doc, template):
    wb = load(xlsx.render(bundled_doc, template))
    ws = wb["目录"]
    assert ws["A1"].value == TITLE
    assert [c.value for c in ws[2]] == ["部分", "任务序号", "任务数"]
    for row, section in enumerate(bundled_doc.sections, start=3):
        cell = ws.cell(row=row, column=1)
        assert cell.value == section.heading
        assert cell.hyperlink.location == f"'{section.heading}'!A1"
        assert cell.hyperlink.location.split("!")[0].strip("'") in wb.sheetnames
        assert ws.cell(row=row, column=2).value == section.task_range()
        assert ws.cell(row=row, column=3).value == len(section.all_tasks())
    assert ws.cell(row=15, column=3).value == 115


# ---------------------------------------------------------------------------------------------
# Layout, print setup, properties
def test_table_layout(bundled_doc, template):
    wb = load(xlsx.render(bundled_doc, template))
    ws = wb[NINE]
    assert ws["A1"].value == TITLE and ws["A1"].font.size == 22 and ws["A1"].font.name == "方正小标宋简体"
    assert [c.value for c in ws[2]] == ["序号", "重点工作任务", "完成情况", "牵头责任单位"]
    for cell in ws[2]:
        assert cell.font.name == "黑体" and cell.fill.fgColor.rgb == "FFD9D9D9"
        assert cell.border.top.style == "thin"
    assert ws["A3"].value == NINE and ws["A3"].font.bold and ws["A3"].font.name == "黑体"
    task_rows = [row for row in ws.iter_rows(min_row=4, max_col=4) if row[0].data_type == "n"]
    assert len(task_rows) == 9
    for row in task_rows:
        assert row[0].font.name == row[1].font.name == "宋体" and row[1].font.size == 10.5
        assert all(c.alignment.wrap_text and c.border.left.style == "thin" for c in row)
    widths = {c: ws.column_dimensions[c].width for c in "ABCD"}
    assert widths == {"A": 6, "B": 36, "C": 70, "D": 22}
    # Rows are sized from the text: the long completion notes get tall rows, and none reaches
    # Excel's 409 pt limit (where a row can no longer show everything).
    heights = {}
    for sheet in section_sheets(wb):
        for row in sheet.iter_rows(min_row=3, max_col=1):
            if row[0].data_type == "n":
                heights[row[0].value] = sheet.row_dimensions[row[0].row].height
    assert max(heights.values()) < xlsx.MAX_ROW_HEIGHT
    assert heights[83] > 5 * heights[1] and heights[1] >= 10.5 * 1.45


def test_print_setup(bundled_doc, template):
    wb = load(xlsx.render(bundled_doc, template))
    for ws in [wb["目录"], *section_sheets(wb)]:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == 9
        assert setup.fitToWidth == 1 and setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$2"
        assert ws.freeze_panes == "A3"
        assert ws.page_margins.left == pytest.approx(2.8 / 2.54, abs=0.001)
        assert ws.page_margins.top == pytest.approx(2.8 / 2.54, abs=0.001)
        assert "第 &P 页 共 &N 页" in ws.oddFooter.center.text
    ws = wb[NINE]
    assert ws.print_area == f"'{NINE}'!$A$1:$D${ws.max_row}"


def test_properties_and_byte_identical_runs(tmp_path):
    folders = [tmp_path / str(i) for i in range(4)]
    for folder in folders:
        folder.mkdir()
    _, a = export(folders[0])
    _, b = export(folders[1])
    assert a == b  # separate processes, so different hash seeds
    props = load(a).properties
    assert props.title == TITLE and props.creator == "宿州市政府办公室"
    assert props.subject == "年度重点工作任务分解、执行及落实情况"
    assert props.created == props.modified == dt.datetime(2024, 2, 1)  # 成文日期
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 2, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    _, c = export(folders[2], env=env)
    _, d = export(folders[3], env=env)
    assert c == d and c != a
    assert load(c).properties.modified == dt.datetime(2023, 11, 14, 22, 13, 20)


# ---------------------------------------------------------------------------------------------
# Text that must stay text, names Excel accepts
FORMULAS = ["=1+1", "+86", "-3%", "@SUM(A1:A3)", '=HYPERLINK("http://example.com","点此")']


def test_formula_prefixes_are_stored_as_text(tmp_path):
    doc = Document(
        meta={"title": "=测试"},
        sections=[
            Section(
                "一",
                "=部分",
                [
                    Task(1, FORMULAS[0], FORMULAS[1:3], ["@单位", "市发展改革委"]),
                    Task(2, FORMULAS[3], [FORMULAS[4]], ["-单位"]),
                ],
            )
        ],
    )
    data_file = tmp_path / "f.yaml"
    data_file.write_bytes(datafile.dump(doc))
    result = run_cli("export", "xlsx", "--data", data_file, "-o", tmp_path / "f.xlsx")
    assert result.code == 0, result.err
    data = (tmp_path / "f.xlsx").read_bytes()
    wb = load(data)
    assert tasks_in(wb) == {
        1: (FORMULAS[0], FORMULAS[1:3], ["@单位", "市发展改革委"]),
        2: (FORMULAS[3], [FORMULAS[4]], ["-单位"]),
    }
    ws = wb["一、=部分"]
    assert ws["B4"].data_type == "s" and ws["B4"].quotePrefix  # Excel keeps it text when edited
    assert wb["目录"]["A1"].value == "=测试" and wb["目录"]["A1"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", z.read(name)), name


def test_control_characters_give_a_render_error(template):
    doc = Document(meta={"title": "测试"}, sections=[Section("一", "部分", [Task(7, "任务", ["进\x07展"], ["单位"])])])
    with pytest.raises(RenderError) as info:
        xlsx.render(doc, template)
    assert info.value.task == 7 and "U+0007" in str(info.value) and "完成情况" in str(info.value)


def test_sheet_names_follow_excel_rules():
    names = xlsx.sheet_names(
        ["a[b]:c*d?e/f\\g", "'引号'", "History", "history", "目录", "x" * 40, "X" * 40, ""],
        reserved=["目录", "_meta"],
        fallback="任务",
    )
    assert names[0] == "a［b］：c＊d？e／f＼g"
    assert names[1] == "引号"
    assert names[2].casefold() != "history" and names[3].casefold() != "history"
    assert names[4] == "目录(2)"
    assert names[5] == "x" * 31 and names[6] == "X" * 28 + "(2)"
    assert names[7] == "任务"
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(n) <= 31 and not n.startswith("'") and not n.endswith("'") for n in names)


def test_long_and_clashing_section_titles(template):
    long = "聚力推进长三角一体化高质量发展，全面提升区域协同创新能力与开放合作水平"
    doc = Document(
        meta={"title": "测试"},
        sections=[
            Section("一", long + "甲", [Task(1, "任务一", ["进展"], ["单位"])]),
            Section("二", "短标题", [Task(2, "任务二", [], ["单位"])]),
            Section("三", "Ab", [Task(3, "任务三", [], ["单位"])]),
        ],
    )
    doc.sections[1].title = long + "乙"  # the first 31 characters clash with section 一 … after the numeral
    doc.sections[1].numeral = "一"  # … and the numeral too
    wb = load(xlsx.render(doc, template))
    first, second = wb.sheetnames[1:3]
    assert len(first) == 31 and first == ("一、" + long)[:31]
    assert len(second) == 31 and second.endswith("(2)") and first[:28] == second[:28]
    links = [wb["目录"].cell(row=r, column=1).hyperlink.location for r in (3, 4)]
    assert links == [f"'{first}'!A1", f"'{second}'!A1"]
    assert tasks_in(wb) == {1: ("任务一", ["进展"], ["单位"]), 2: ("任务二", [], ["单位"]), 3: ("任务三", [], ["单位"])}


def test_document_without_sections(template):
    doc = Document(
        meta={"title": "部分重点工作任务"},
        sections=[Section("", "", [Task(1, "任务一", ["进展"], ["单位甲"]), Task(2, "任务二", ["进展"], ["单位乙"])])],
    )
    wb = load(xlsx.render(doc, template))
    assert wb.sheetnames == ["目录", "任务", "_meta"]
    ws = wb["任务"]
    assert ws["A3"].value == 1 and ws["B3"].value == "任务一"  # no section row
    assert wb["目录"]["A3"].value == "任务" and wb["目录"]["A3"].hyperlink.location == "'任务'!A1"


def test_progress_callback(bundled_doc, template):
    calls = []
    xlsx.render(bundled_doc, template, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (115, 115)


# ---------------------------------------------------------------------------------------------
# Failures: one Chinese message, nothing written
def test_unknown_section(tmp_path):
    result = run_cli("export", "xlsx", "--section", "十三", cwd=tmp_path)
    assert result.code == 1
    assert_clean_error(result, "没有第“十三”部分", "十二、全面加强政府自身建设（任务 114–115）")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "target, needle",
    [
        ("missing-folder/out.xlsx", "输出文件夹“missing-folder”不存在"),
        (".", "是一个文件夹"),
        ("/proc/exporter-test.xlsx", "无法在“/proc”中写文件"),
    ],
)
def test_unwritable_output(tmp_path, target, needle):
    result = run_cli("export", "xlsx", "-o", target, cwd=tmp_path)
    assert_clean_error(result, needle)
    assert list(tmp_path.iterdir()) == []


def test_failed_export_leaves_existing_file_untouched(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the previous workbook")
    bad_data = tmp_path / "bad.yaml"
    bad_data.write_text(DATA.read_text(encoding="utf-8").replace("number: 87", "number: 86", 1), encoding="utf-8")
    assert_clean_error(run_cli("export", "xlsx", "--data", bad_data, "-o", target), "序号 86 重复")
    bad_template = tmp_path / "bad-template.yaml"
    bad_template.write_text(
        "extends: official\nxlsx:\n  fonts:\n    body: {name: 宋体, size: 特号}\n", encoding="utf-8"
    )
    assert_clean_error(run_cli("export", "xlsx", "--template", bad_template, "-o", target), "特号")
    assert target.read_bytes() == b"the previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad-template.yaml", "bad.yaml", "out.xlsx"]


# ---------------------------------------------------------------------------------------------
# LibreOffice: every line of every cell shows
@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory, bundled_doc, template):
    """One LibreOffice run turns two workbooks into PDFs: the bundled document as exported, and a
    control copy of section 九 whose task 87 row is deliberately too short."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("lo")
    (folder / "whole.xlsx").write_bytes(xlsx.render(bundled_doc, template))
    control = load(xlsx.render(select.select(bundled_doc, ["九"]), template))
    ws = control[NINE]
    row = next(c.row for c in ws["A"] if c.value == 87)
    ws.row_dimensions[row].height = 40
    control.save(folder / "control.xlsx")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(folder / "whole.xlsx"),
            str(folder / "control.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return folder / "whole.pdf", folder / "control.pdf"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_libreoffice_shows_every_task_in_full(libreoffice_pdfs, bundled_doc):
    whole, _ = libreoffice_pdfs
    # Raw order follows the drawing order, which is cell by cell, so each cell's lines stay together.
    text = squeeze(
        subprocess.run(
            [require_tool("pdftotext"), "-raw", str(whole), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for task in bundled_doc.all_tasks():
        for part in [task.task, *task.progress, *task.units]:
            assert squeeze(part) in text, (task.number, part)
    assert max(sum(map(len, t.progress)) for t in bundled_doc.all_tasks()) > 500
    assert squeeze(bundled_doc.all_tasks()[82].progress[-1]) in text  # task 83: the tallest row
    pages = int(
        re.search(
            r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(whole)], capture_output=True, text=True).stdout
        ).group(1)
    )
    assert f"第{pages}页共{pages}页" in text
    # Being in the PDF is not enough: LibreOffice writes clipped text too. Check it is visible.
    assert invisible_text(whole) == []


def test_visibility_check_catches_a_short_row(libreoffice_pdfs):
    _, control = libreoffice_pdfs
    found = invisible_text(control)
    assert found, "a row cut to 40 pt must show up as cut or overlapping text"
    assert any("cut by a table rule" in p or "overlapping" in p for p in found)
