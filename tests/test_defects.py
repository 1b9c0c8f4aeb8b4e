"""Defects found when other readers opened the outputs (issue 10), each read back from the file."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import openpyxl
import pikepdf
import pytest

from exporter import naming, templates
from exporter.formats.pdf.writer import render as render_pdf
from exporter.formats.xlsx import overview, reader
from exporter.formats.xlsx.writer import render as render_xlsx
from exporter.model import Document, Section, Task, number_list
from exporter.ops import select, split
from exporter.text.linebreak import break_lines
from tests.conftest import require_tool


@pytest.fixture(scope="module")
def template():
    return templates.load()


# ---------------------------------------------------------------------------------------------
# Workbooks
def workbook_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/workbook.xml").decode()


def test_no_full_calculation_on_load_without_formulas(bundled_doc, template):
    """Excel asks to save a workbook it had to recalculate; these hold values only."""
    nine = select.select(bundled_doc, ["九"], None)
    for data in (render_xlsx(nine, template), overview.render_overview(nine, template)):
        xml = workbook_xml(data)
        assert "<calcPr" in xml and "fullCalcOnLoad" not in xml
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
            assert sheets and not any(re.search(rb"<f[ >]", z.read(n)) for n in sheets)


def test_the_meta_sheet_is_very_hidden_and_still_read_back(bundled_doc, template):
    nine = select.select(bundled_doc, ["九"], None)
    data = render_xlsx(nine, template)
    assert re.search(r'name="_meta"[^>]*state="veryHidden"', workbook_xml(data))
    assert openpyxl.load_workbook(io.BytesIO(data))["_meta"].sheet_state == "veryHidden"
    back = reader.read_workbook(data, "九.xlsx")
    assert [(t.number, t.task, t.progress, t.units) for t in back.all_tasks()] == [
        (t.number, t.task, t.progress, t.units) for t in nine.all_tasks()
    ]


# ---------------------------------------------------------------------------------------------
# PDF metadata and outline
def info_string(data: bytes, key: str, tmp_path) -> str:
    """One entry of the PDF's Info dictionary, as pdfinfo decodes it."""
    path = tmp_path / "info.pdf"
    path.write_bytes(data)
    out = subprocess.run([require_tool("pdfinfo"), str(path)], capture_output=True, text=True).stdout
    return re.search(rf"^{key}:\s+(.*)$", out, re.M).group(1)


def test_the_outline_count_is_the_number_of_entries(tmp_path, bundled_doc, template):
    data = render_pdf(bundled_doc, template)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.Outlines

        def entries(item):  # every entry below item, through /First and /Next
            kid, found = item.get("/First"), 0
            while kid is not None:
                assert "/Dest" in kid and kid.Dest[1] == "/XYZ"
                found += 1 + entries(kid)
                kid = kid.get("/Next")
            return found

        total = entries(root)
        assert total == 12 + 30  # 12 sections, 30 subsections
        assert int(root.Count) == total  # all entries are open, so all are counted (ISO 32000 12.3.3)
    path = tmp_path / "all.pdf"
    path.write_bytes(data)
    check = subprocess.run([require_tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize(
    "numbers, text",
    [
        ([61, 67, 68], "61、67、68"),
        (range(1, 116), "1–115"),
        ([86, 87, 88, 89], "86–89"),
        ([3, 4, 5, 9, 10], "3–5、9、10"),
        ([7], "7"),
        ([9, 1, 2, 3, 3], "1–3、9"),
        ([], ""),
    ],
)
def test_task_numbers_are_listed_not_spanned(numbers, text):
    assert number_list(numbers) == text


def test_a_units_pdf_lists_its_task_numbers_and_names_the_unit(tmp_path, template):
    tasks = [Task(n, f"任务{n}", ["完成"], ["甲单位"] if n in (61, 67, 68) else ["乙单位"]) for n in range(61, 69)]
    doc = Document(meta={"title": "测试文件", "issuer": "某办公室"}, sections=[Section("一", "部分", tasks)])
    files = split.render_by_unit(doc, template, "pdf", render_pdf, {})
    data = files["甲单位.pdf"]
    assert info_string(data, "Subject", tmp_path) == "重点工作任务完成情况（任务 61、67、68，共 3 项）"
    assert info_string(data, "Title", tmp_path) == "测试文件（甲单位）"
    whole = render_pdf(doc, template)
    assert info_string(whole, "Title", tmp_path) == "测试文件" and "61–68，共 8 项" in info_string(
        whole, "Subject", tmp_path
    )
    unit_book = openpyxl.load_workbook(io.BytesIO(render_xlsx(split.unit_part(doc, "甲单位"), template)))
    assert unit_book.properties.title == "测试文件（甲单位）"


# ---------------------------------------------------------------------------------------------
# File names
@pytest.mark.parametrize(
    "name, safe",
    [
        ("Aux.局", "Aux_.局"),
        ("CON", "CON_"),
        ("nul .txt", "nul_.txt"),
        ("COM¹", "COM¹_"),
        ("lpt³.x", "lpt³_.x"),
        ("COM0", "COM0_"),
        ("CONIN$", "CONIN$_"),
        ("conout$", "conout$_"),
        ("PRN.市局.备份", "PRN_.市局.备份"),
        ("COM10", "COM10"),
        ("Console", "Console"),
        ("AUXILIARY.局", "AUXILIARY.局"),
        ("市发展改革委", "市发展改革委"),
    ],
)
def test_windows_device_names_are_made_safe(name, safe):
    assert naming.safe_filename(name) == safe


def test_unit_files_never_open_a_windows_device():
    stems = split.unit_stems(["Aux.局", "COM¹", "CONIN$", "aux.局"])
    assert list(stems.values()) == ["Aux_.局", "COM¹_", "CONIN$_", "aux_.局（2）"]
    for stem in stems.values():
        assert stem.partition(".")[0].rstrip(" ").upper() not in naming.WINDOWS_DEVICES
    assert naming.default_filename("CON", "", "pdf") == "CON_.pdf"


# ---------------------------------------------------------------------------------------------
# Line breaking
def test_no_line_ends_with_a_hyphen_between_han_characters():
    text = "健全“接洽-签约-落地-投产-达效”全程跟踪服务机制，共建铜山-埇桥（萧县）产业园"
    measure = lambda s: 10.0 * len(s)  # noqa: E731 (a fixed-pitch font)
    for width in range(20, 400, 10):
        lines = break_lines(text, width, measure)
        assert "".join(lines) == text
        assert not any(line.endswith("-") for line in lines), (width, lines)
    # Latin and numeric ranges keep their own rule: "2023-2025" is one unbreakable run.
    assert all("2023-2025" in line or "2023" not in line for line in break_lines("时间为2023-2025年度", 60, measure))


def test_pdftotext_keeps_the_hyphen_of_a_broken_line(tmp_path, bundled_doc, template):
    """Task 26 breaks right at "落地-投产"; pdftotext drops a hyphen that ends a line."""
    task = next(t for t in bundled_doc.all_tasks() if t.number == 26)
    doc = Document(meta=dict(bundled_doc.meta), sections=[Section("三", "部分", [task])])
    path = tmp_path / "26.pdf"
    path.write_bytes(render_pdf(doc, template))
    text = subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True).stdout
    assert "接洽-签约-落地-投产-达效" in re.sub(r"\s+", "", text)


def test_a_units_contents_sheet_lists_only_its_own_task_numbers(template):
    tasks = [Task(n, f"任务{n}", ["完成"], ["甲单位"] if n in (61, 67, 68) else ["乙单位"]) for n in range(61, 69)]
    doc = Document(meta={"title": "测试文件"}, sections=[Section("一", "部分", tasks)])
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(split.unit_part(doc, "甲单位"), template)))
    assert book["目录"]["B3"].value == "61、67、68" and book["目录"]["C3"].value == 3
    whole = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc, template)))
    assert whole["目录"]["B3"].value == "61–68"
