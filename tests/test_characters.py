"""One control-character rule (exporter/text/characters.py), applied alike by every reader and writer."""

from __future__ import annotations

import io

import openpyxl
import pytest

from exporter import naming, templates
from exporter.errors import DataErrors, RenderError, SourceError, WorkbookError
from exporter.formats import datafile, pagetext
from exporter.formats.xlsx import reader
from exporter.formats.xlsx.writer import render as render_xlsx
from exporter.formats.xlsx.writer import sheet_names
from exporter.model import Document, Section, Task
from exporter.text import characters

# C0, DEL, C1 (NEL and the last one), and two code points that are not characters at all.
SAMPLES = ["\x01", "\x0b", "\x1c", "\x7f", "\x85", "\x9f", "\ufffe", "\uffff"]


def name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def test_the_rule():
    assert characters.forbidden("正常的文字 abc，。") == []
    assert characters.forbidden("甲\x07乙\x07丙\x85") == ["U+0007", "U+0085"]
    assert characters.forbidden("一\n二\r\n三\t四") == ["U+0009", "U+000A", "U+000D"]
    assert characters.forbidden("一\n二\r\n三", allow=characters.LINE_ENDS) == []
    assert characters.forbidden("甲\t乙", allow=characters.TAB) == []
    assert characters.replace("甲\x00乙\x9f丙", "_") == "甲_乙_丙"
    assert all(characters.forbidden(f"甲{ch}乙") == [name(ch)] for ch in SAMPLES)
    # exactly the 65 of category Cc, plus surrogates and U+FFFE/U+FFFF; nothing printable
    import unicodedata

    codes = [c for c in range(0x10000) if characters.FORBIDDEN.match(chr(c))]
    assert sum(unicodedata.category(chr(c)) == "Cc" for c in codes) == 65
    assert {unicodedata.category(chr(c)) for c in codes} == {"Cc", "Cs", "Cn"}


def doc_with(text: str) -> Document:
    return Document(meta={"title": "测试"}, sections=[Section("一", "部分", [Task(1, "任务", [text], ["甲单位"])])])


@pytest.mark.parametrize("ch", SAMPLES)
def test_the_data_file_rejects_it(ch):
    escaped = f"\\x{ord(ch):02X}" if ord(ch) < 0x100 else f"\\u{ord(ch):04X}"
    text = (
        "format: 1\ntitle: 测试\nsections:\n- numeral: 一\n  title: 部分\n  tasks:\n"
        f'  - number: 1\n    task: 任务\n    progress:\n    - "完成{escaped}情况"\n    units: [甲单位]\n'
    )
    with pytest.raises(DataErrors) as info:
        datafile.load(text.encode(), "坏.yaml")
    assert f"控制字符 {name(ch)}" in str(info.value) and "第 10 行" in str(info.value)


@pytest.mark.parametrize("ch", SAMPLES)
def test_the_workbook_writer_rejects_it(ch):
    with pytest.raises(RenderError) as info:
        render_xlsx(doc_with(f"完成{ch}情况"), templates.load())
    assert name(ch) in str(info.value) and "完成情况" in str(info.value)


@pytest.mark.parametrize("ch", SAMPLES)
def test_the_page_text_importer_rejects_it(ch):
    with pytest.raises(SourceError) as info:
        pagetext.check_characters(f"标题\n序号\t任务\n1\t任务{ch}内容\n", "页面.txt")
    assert name(ch) in str(info.value) and "第 3 行" in str(info.value)


@pytest.mark.parametrize("ch", ["\x7f", "\x85", "\x9f"])  # openpyxl cannot even write C0 into a cell
def test_the_workbook_reader_rejects_it(ch):
    data = render_xlsx(doc_with("完成情况"), templates.load())
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["一、部分"]
    ws["C4"] = f"完成{ch}情况"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(WorkbookError) as info:
        reader.read_workbook(out.getvalue(), "改过.xlsx")
    assert name(ch) in str(info.value) and "C4" in str(info.value)


def test_line_ends_are_allowed_where_text_has_lines():
    data = render_xlsx(doc_with("完成情况"), templates.load())
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb["一、部分"]["C4"] = "第一段\r\n第二段"
    out = io.BytesIO()
    wb.save(out)
    assert reader.read_workbook(out.getvalue(), "改过.xlsx").all_tasks()[0].progress == ["第一段", "第二段"]
    pagetext.check_characters("序号\t任务\r\n1\t内容\n", "页面.txt")  # tabs and line ends: no error


@pytest.mark.parametrize("ch", SAMPLES)
def test_names_made_from_text_never_carry_it(ch):
    assert naming.safe_filename(f"市{ch}局") == "市_局"
    assert sheet_names([f"一、部{ch}分"]) == ["一、部分"]


def test_the_word_writer_rejects_it():
    wordml = pytest.importorskip("exporter.formats.docx.wordml")
    for ch in SAMPLES:
        with pytest.raises(RenderError) as info:
            wordml.check(f"完成{ch}情况", "完成情况", 1)
        assert name(ch) in str(info.value)
    wordml.check("一\t二\n三\r\n四", "完成情况", 1)


# -- the readers of received files: a saved page (html.py) and anyone's workbook (table.py) -------------


@pytest.fixture(scope="module")
def page_lines(bundled_doc):
    from tests import tablefiles

    return tablefiles.html_page(bundled_doc).decode("gb18030").split("\n")


def _page_with(lines: list[str], old: str, new: str) -> tuple[bytes, int]:
    """The page with `old` replaced by `new` on the first line holding it, and that line's number."""
    at = next(i for i, line in enumerate(lines) if old in line)
    changed = lines[:at] + [lines[at].replace(old, new, 1)] + lines[at + 1 :]
    return "\n".join(changed).encode("gb18030"), at + 1


@pytest.mark.parametrize("ch", ["\x00", *SAMPLES])
def test_the_page_reader_rejects_it(tmp_path, page_lines, ch):
    """NUL included: libxml2 would turn it into U+FFFD, so the page is checked as written, with its line."""
    from tests.test_readers import _import, assert_clean_error_nothing_written

    data, line = _page_with(page_lines, "增长8%左右", f"增长8%{ch}左右")
    result, out = _import(tmp_path, "页面.html", data)
    assert_clean_error_nothing_written(
        result, out, f"页面.html 第 {line} 行：含有控制字符 {name(ch)}\n", "删除后再导入"
    )


def test_the_page_reader_rejects_references_to_it(tmp_path, page_lines):
    from tests.test_readers import _import, _load, _mhtml, assert_clean_error_nothing_written

    data, line = _page_with(page_lines, "增长8%左右", "增长8%&#1;左&#x0;右")
    result, out = _import(tmp_path, "页面.html", data)
    assert_clean_error_nothing_written(
        result, out, f"页面.html 第 {line} 行：含有代表控制字符的字符引用 &#1;、&#x0;（U+0000、U+0001）"
    )
    result, out = _import(tmp_path, "页面.mhtml", _mhtml(data, "base64"))
    assert_clean_error_nothing_written(result, out, f"页面.mhtml 中的网页 第 {line} 行：含有代表控制字符的字符引用")
    # &#133; is HTML's name for the Windows-1252 character …, which is text
    data, _ = _page_with(page_lines, "增长8%左右", "增长8%&#133;左右")
    result, out = _import(tmp_path, "页面.html", data)
    assert result.code == 0, result.err
    assert _load(out).all_tasks()[0].task == "地区生产总值增长8%…左右。"


@pytest.mark.parametrize("ch", ["\x7f", "\x85", "\x9f"])  # openpyxl cannot write C0 into a cell
def test_the_foreign_workbook_reader_rejects_it(bundled_doc, ch):
    from exporter.formats.xlsx import foreign
    from tests import tablefiles

    wb = openpyxl.load_workbook(io.BytesIO(tablefiles.workbook(bundled_doc)))
    ws = wb["Sheet1"]
    ws["B5"] = f"任务{ch}内容"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(SourceError) as info:
        foreign.read(out.getvalue(), "手工.xlsx")
    assert str(info.value).startswith(f"手工.xlsx 工作表“Sheet1”第 5 行：含有控制字符 {name(ch)}")
