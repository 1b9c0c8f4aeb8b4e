"""Someone's workbook is read for the text Excel shows (formats/xlsx/numfmt.py, cellformats.py): a
percentage stays "85%", a date stays "2023年6月30日", in .xlsx and in the .xls LibreOffice makes of it;
a format that cannot be rendered is an error naming the cell, never a bare serial number."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import openpyxl
import pytest

from exporter.formats.xlsx import numfmt
from tests import tablefiles
from tests.conftest import require_tool

D = dt.date(2023, 6, 30)


@pytest.mark.parametrize(
    "value, code, shown",
    [
        (0.85, "0%", "85%"),
        (0.856, "0.0%", "85.6%"),
        (1, "0%", "100%"),
        (0.1 + 0.2, "0.00%", "30.00%"),  # the float's noise does not show
        (0.005, "0.00", "0.01"),  # Excel rounds half away from zero
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (1234567, '#,##0,"千"', "1,235千"),
        (12.5, "#.##", "12.5"),
        (3, '0"项"', "3项"),
        (-5, "0.00;(0.00)", "(5.00)"),
        (0, '0;-0;"无"', "无"),
        (42, "[$¥-804]#,##0", "¥42"),
        (45, '"约"General"个"', "约45个"),
        (D, 'yyyy"年"m"月"d"日"', "2023年6月30日"),
        (45107, 'yyyy"年"m"月"d"日"', "2023年6月30日"),  # a serial calamine did not take for a date
        (D, "yyyy年m月d日", "2023年6月30日"),  # unquoted Chinese, as WPS writes it
        (D, "yyyy-mm-dd", "2023-06-30"),
        (D, "m/d", "6/30"),
        (D, numfmt.BUILTIN[14], "2023/6/30"),  # built-in 14 as zh-CN Excel shows it
        (D, numfmt.BUILTIN[31], "2023年6月30日"),
        (D, numfmt.BUILTIN[58], "6月30日"),
        (D, '[DBNum1][$-804]yyyy"年"m"月"d"日"', "二〇二三年六月三十日"),
        (D, "yyyy年m月d日 aaaa", "2023年6月30日 星期五"),
        (dt.datetime(2023, 6, 30, 15, 5), numfmt.BUILTIN[34], "下午3时05分"),
        (dt.datetime(2023, 6, 30, 12, 0, 59), "yyyy/m/d h:mm", "2023/6/30 12:00"),  # seconds truncated
        (45107.999999, "yyyy-mm-dd", "2023-06-30"),  # 23:59:59.9 is still that day
        (dt.timedelta(hours=30), "[h]:mm", "30:00"),
    ],
)
def test_display(value, code, shown):
    assert numfmt.display(value, code) == shown


def test_1904_dates():
    assert numfmt.display(43645, "yyyy-mm-dd", date1904=True) == "2023-06-30"


@pytest.mark.parametrize("code", ["0.00E+00", "# ?/?", "[>=100]0;0", "d-mmm-yy", "dddd", "[DBNum1]0", "[$-F800]dddd"])
def test_unsupported(code):
    with pytest.raises(numfmt.Unsupported):
        numfmt.display(45107, code)


# -- a department's workbook with a deadline and a percentage column ------------------------------------

DATE_FORMATS = ['yyyy"年"m"月"d"日"', "yyyy-mm-dd", "m/d", "yyyy/m/d", "yyyy年m月d日"]
PERCENT_FORMATS = ["0%", "0.0%"]


def deadline_of(number: int) -> tuple[dt.date, str, str]:
    """The deadline typed for task `number`, its format and what Excel shows."""
    day = dt.date(2023, 1 + number % 12, 1 + number % 28)
    code = DATE_FORMATS[number % len(DATE_FORMATS)]
    return day, code, numfmt.display(day, code)


def ratio_of(number: int) -> tuple[float, str, str]:
    value = (number * 7 % 100) / 100 + (0.005 if number % 2 else 0)
    code = PERCENT_FORMATS[number % 2]
    return value, code, numfmt.display(value, code)


def test_expected_texts_are_what_excel_shows():
    """The fixture's expectations, spelled out for a few rows (so the test does not only trust display)."""
    assert deadline_of(1)[2] == "2023-02-02"
    assert deadline_of(5)[2] == "2023年6月6日"
    assert deadline_of(7)[2] == "8/8"
    assert deadline_of(13)[2] == "2023/2/14"
    assert ratio_of(12)[2] == "84%"
    assert ratio_of(13)[2] == "91.5%"


@pytest.fixture(scope="module")
def formatted_book(bundled_doc) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(tablefiles.workbook(bundled_doc)))
    ws = wb["Sheet1"]
    ws.cell(3, 5, "完成时限")
    ws.cell(3, 6, "完成率")
    for row in range(4, ws.max_row + 1):
        number = ws.cell(row, 1).value
        if ws.cell(row, 2).value is None:  # section rows and blank rows
            continue
        number = int(number)
        day, code, _ = deadline_of(number)
        ws.cell(row, 5, day).number_format = code
        value, code, _ = ratio_of(number)
        ws.cell(row, 6, value).number_format = code
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def formatted_xls(tmp_path_factory, formatted_book) -> bytes:
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("lo-formats")
    (folder / "b.xlsx").write_bytes(formatted_book)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xls:MS Excel 97",
            "--outdir",
            str(folder),
            str(folder / "b.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return (folder / "b.xls").read_bytes()


@pytest.mark.parametrize("name", ["进度.xlsx", "进度.xls"])
def test_workbook_reads_as_shown(tmp_path, request, seed_text, name):
    from exporter.formats import pagetext
    from tests.test_readers import _import, _load, assert_same_tasks

    data = request.getfixturevalue("formatted_book" if name.endswith("xlsx") else "formatted_xls")
    result, out = _import(tmp_path, name, data)
    assert result.code == 0, result.err
    assert "“完成时限”→完成时限，“完成率”→其他列（原样保留）" in result.err
    doc = _load(out)
    tasks = doc.all_tasks()
    assert len(tasks) == 115
    for t in tasks:
        assert t.deadline == deadline_of(t.number)[2], t.number
        assert t.extra == {"完成率": ratio_of(t.number)[2]}, t.number
    assert tasks[4].deadline == "2023年6月6日" and tasks[12].extra["完成率"] == "91.5%"
    assert_same_tasks(doc, pagetext.parse_text(seed_text, "seed"))


def test_unsupported_format_names_the_cell(tmp_path, formatted_book):
    from tests.test_readers import _import, assert_clean_error_nothing_written

    wb = openpyxl.load_workbook(io.BytesIO(formatted_book))
    wb["Sheet1"]["E6"].number_format = "0.00E+00"
    out = io.BytesIO()
    wb.save(out)
    result, target = _import(tmp_path, "进度.xlsx", out.getvalue())
    assert_clean_error_nothing_written(
        result,
        target,
        "进度.xlsx 工作表“Sheet1”E6：单元格的数字格式“0.00E+00”无法还原为 Excel 中显示的文字",
        "改为常用格式",
    )


def test_cells_found_with_and_without_their_place():
    """Cells name their place (r="E5") as Excel, WPS and LibreOffice write them; a writer that leaves r
    out is read by counting rows and cells instead — the same cells either way."""
    from exporter.formats.xlsx.cellformats import _sheet_cells

    styled = {b"2": "0%", b"3": "yyyy-mm-dd"}
    with_r = (
        b'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>0.5</v></c></row>'
        b'<row r="4"><c r="A4" s="1"><v>1</v></c><c r="C4" s="3" t="n"><v>45107</v></c>'
        b'<c r="D4" s="2" t="s"><v>1</v></c></row></sheetData>'
    )
    without_r = (
        b'<sheetData><row><c t="s"><v>0</v></c><c s="2"><v>0.5</v></c></row><row/><row/>'
        b'<row><c s="1"><v>1</v></c><c/><c s="3" t="n"><v>45107</v></c><c s="2" t="s"><v>1</v></c></row></sheetData>'
    )
    expected = {(0, 1): "0%", (3, 2): "yyyy-mm-dd"}  # D4 is text: its format does not apply
    assert _sheet_cells(with_r, styled) == expected
    assert _sheet_cells(without_r, styled) == expected
