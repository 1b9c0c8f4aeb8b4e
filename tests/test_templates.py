"""Templates: sizes as people write them, overlays on the default."""

import io
import re
import zipfile

import openpyxl
import pytest
import yaml

from exporter import templates
from exporter.errors import TemplateError
from exporter.formats.pdf.style import load_style
from exporter.formats.pdf.writer import render as pdf_render
from exporter.formats.xlsx import overview
from exporter.formats.xlsx.writer import SheetStyle
from exporter.ops import select
from tests.conftest import assert_clean_error, run_cli


@pytest.mark.parametrize(
    "value, points",
    [
        ("三号", 16),
        ("小四", 12),
        ("五号", 10.5),
        ("16pt", 16),
        ("28mm", 28 * 72 / 25.4),
        ("1.8cm", 1.8 * 72 / 2.54),
        (12, 12),
        ("1in", 72),
    ],
)
def test_parse_size(value, points):
    assert templates.parse_size(value) == pytest.approx(points)


def test_bad_size_is_explained():
    with pytest.raises(TemplateError) as info:
        templates.parse_size("大号", "pdf.title.size")
    assert "pdf.title.size“大号”无法识别" in info.value.message and "三号" in info.value.hint


def test_a_users_file_overlays_the_default(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("pdf:\n  table:\n    body: {size: 四号}\n", encoding="utf-8")
    mine, base = templates.load(str(path)), templates.load()
    assert mine["pdf"]["table"]["body"]["size"] == "四号"
    assert mine["pdf"]["table"]["header"] == base["pdf"]["table"]["header"]  # the rest inherited
    assert mine["labels"] == base["labels"] and mine["xlsx"] == base["xlsx"]


def test_standalone_template_and_unknown_name(tmp_path):
    path = tmp_path / "alone.yaml"
    path.write_text("extends: null\nlabels: {number: 编号}\n", encoding="utf-8")
    assert "pdf" not in templates.load(str(path))
    with pytest.raises(TemplateError) as info:
        templates.load("nope")
    assert "可用模板：fangsong、official" in info.value.message


# ---------------------------------------------------------------------------------------------
# One loader, one set of defaults (official.yaml), each section parsed once
def _standalone(tmp_path, drop: str):
    """official.yaml as a standalone template (extends: null) without the setting at dotted path `drop`."""
    data = yaml.safe_load(templates.official_path().read_text(encoding="utf-8"))
    *parents, last = drop.split(".")
    node = data
    for key in parents:
        node = node[key]
    del node[last]
    data["extends"] = None
    path = tmp_path / "alone.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "drop, fmt",
    [
        ("pdf.table.columns", "pdf"),
        ("pdf.page_number.below", "pdf"),
        ("labels.attachment", "pdf"),
        ("xlsx.border", "xlsx"),
        ("labels.continued", "xlsx"),
    ],
)
def test_no_writer_has_defaults_of_its_own(tmp_path, drop, fmt):
    """A standalone template lacking a setting is refused by name; no value is made up in code."""
    result = run_cli(
        "export", fmt, "--section", "九", "--template", _standalone(tmp_path, drop), "-o", tmp_path / f"out.{fmt}"
    )
    assert_clean_error(result, f"模板缺少设置 {drop}", "extends: official")
    assert not (tmp_path / f"out.{fmt}").exists()


def test_a_complete_standalone_template_renders_like_official(tmp_path, bundled_doc):
    alone = templates.load(_standalone(tmp_path, "labels.contents"))  # contents: unused by the PDF
    nine = select.select(bundled_doc, ["九"], None)
    assert pdf_render(nine, alone) == pdf_render(nine, templates.load())


def test_pdf_column_shares_are_official_yaml_s():
    style = load_style(templates.load())
    width = {c.key: c.width for c in style.columns}
    table = sum(width.values())
    assert width["number"] == pytest.approx(templates.parse_size("15mm"))
    assert width["task"] / table == pytest.approx(0.25) and width["progress"] / table == pytest.approx(0.50)


def test_a_bare_column_width_keeps_the_official_alignment(tmp_path):
    path = tmp_path / "wide.yaml"
    path.write_text("pdf:\n  table:\n    columns:\n      task: 30%\n      number: 20mm\n", encoding="utf-8")
    columns = {c.key: c for c in load_style(templates.load(str(path))).columns}
    assert (columns["task"].align, columns["task"].valign) == ("left", "top")
    assert (columns["number"].align, columns["number"].valign) == ("center", "middle")
    assert columns["number"].width == pytest.approx(templates.parse_size("20mm"))


def test_each_format_parses_a_loaded_template_once():
    template = templates.load()
    assert templates.parsed(template, SheetStyle) is templates.parsed(template, SheetStyle)
    assert templates.parsed(template, load_style) is templates.parsed(template, load_style)
    assert templates.load() is not template and templates.load().parsed(SheetStyle) is not template.parsed(SheetStyle)


def header_fills(data: bytes) -> set[str]:
    """The fill colours of every header cell: row 2 of each task sheet, the overview's header row."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    if wb.active.title == overview.SHEET_TITLE:
        rows = [wb.active[overview.HEADER_ROW]]
    else:
        rows = [ws[2] for ws in wb.worksheets if ws.sheet_state == "visible"]
    return {cell.fill.fgColor.rgb for row in rows for cell in row}


def test_a_hash_colour_gives_the_same_colour_in_every_workbook(tmp_path):
    path = tmp_path / "grey.yaml"
    path.write_text('xlsx: {fills: {header: "#C0C0C0"}, border: {color: "#333333"}}\n', encoding="utf-8")
    whole = run_cli("export", "xlsx", "--section", "九", "--template", path, "-o", tmp_path / "whole.xlsx")
    assert whole.code == 0, whole.err
    split_run = run_cli(
        "export", "xlsx", "--section", "九", "--split-by", "unit", "--template", path, "-o", tmp_path / "units"
    )
    assert split_run.code == 0 and "Traceback" not in split_run.err, split_run.err
    books = [tmp_path / "whole.xlsx", *sorted((tmp_path / "units").glob("*.xlsx"))]
    assert books[1].name == "00-单位任务一览.xlsx" and len(books) > 3
    for book in books:
        assert header_fills(book.read_bytes()) == {"FFC0C0C0"}, book.name
        ws = openpyxl.load_workbook(book).worksheets[-1 if book.name.startswith("00") else 1]
        assert ws["A3"].border.left.color.rgb == "FF333333", book.name


def test_the_d9d9d9_template_of_the_issue(tmp_path):
    path = tmp_path / "d9.yaml"
    path.write_text('xlsx: {fills: {header: "#D9D9D9"}}\n', encoding="utf-8")
    result = run_cli("export", "xlsx", "--split-by", "unit", "--template", path, "-o", tmp_path / "units")
    assert result.code == 0 and "Traceback" not in result.err, result.err
    assert header_fills((tmp_path / "units" / "00-单位任务一览.xlsx").read_bytes()) == {"FFD9D9D9"}
    assert header_fills((tmp_path / "units" / "市发展改革委.xlsx").read_bytes()) == {"FFD9D9D9"}


def test_the_overview_colours_are_opaque(bundled_doc):
    """Gnumeric draws alpha-00 colours as transparent: borders and fills must be FF…"""
    data = overview.render_overview(bundled_doc, templates.load())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("xl/styles.xml").decode()
    colours = re.findall(r'<(?:color|fgColor|bgColor) rgb="([0-9A-F]{8})"', styles)  # not the palette
    assert colours and all(c.startswith("FF") for c in colours), colours
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A4"].border.bottom.color.rgb == "FF000000"
    assert ws["A3"].fill.fgColor.rgb == "FFD9D9D9"
