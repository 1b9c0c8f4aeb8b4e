"""Macros and links to other files (formats/active.py): refused with what was found and how to save a clean
copy, before any reader or LibreOffice sees the file; nothing written. Ordinary hyperlinks and fields
(PAGE) are not links to data and still import."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests import tablefiles
from tests.test_readers import _import, _load, _ole, assert_clean_error_nothing_written

DOC_RELS = "word/_rels/document.xml.rels"


@pytest.fixture(scope="module")
def word_bytes(bundled_doc):
    return tablefiles.word_table(bundled_doc)


def _edit(package: bytes, changes: dict[str, callable], extra: dict[str, bytes] | None = None) -> bytes:
    """The package with some parts rewritten (part -> function of its text) and others added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in changes:
                data = changes[info.filename](data.decode("utf-8")).encode("utf-8")
            dst.writestr(info, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _rel(rid: str, kind: str, target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return (
        f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
        f'Target="{target}"{mode}/>'
    )


def _add_rel(rel: str):
    return lambda text: text.replace("</Relationships>", rel + "</Relationships>")


def _before_first_table(xml: str):
    """A document.xml rewriter putting a paragraph (its inner runs given) before the first table."""
    return lambda text: text.replace("<w:tbl>", f"<w:p>{xml}</w:p><w:tbl>", 1)


def test_docm_with_vba_project(tmp_path, word_bytes):
    data = _edit(
        word_bytes,
        {
            "[Content_Types].xml": lambda t: t.replace(
                "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml"
            ),
            DOC_RELS: _add_rel(_rel("rIdVba", "vbaProject", "vbaProject.bin", external=False)),
        },
        {"word/vbaProject.bin": b"\xcc\x61 Sub AutoOpen() Shell calc End Sub"},
    )
    result, out = _import(tmp_path, "附件.docm", data)
    assert_clean_error_nothing_written(
        result,
        out,
        "附件.docm：文件含有宏（VBA 工程 word/vbaProject.bin），为安全起见不导入含宏的文件（宏没有运行）",
        "“另存为”不含宏的 Word 文档（.docx）后再导入",
    )


@pytest.mark.parametrize(
    "name, streams, storage, saveas",
    [
        ("附件.doc", ["WordDocument", "1Table", "Macros"], "Macros", "Word 文档（.docx）"),
        ("附件.wps", ["WordDocument", "1Table", "Macros"], "Macros", "Word 文档（.docx）"),
        ("手工.xls", ["Workbook", "_VBA_PROJECT_CUR"], "_VBA_PROJECT_CUR", "Excel 工作簿（.xlsx）"),
    ],
)
def test_old_office_file_with_vba_storage(tmp_path, monkeypatch, name, streams, storage, saveas):
    """Refused from the Compound File's directory, before LibreOffice or calamine is started."""
    from exporter.formats import office

    monkeypatch.setattr(office, "convert", lambda *a, **k: pytest.fail("LibreOffice must not be started"))
    result, out = _import(tmp_path, name, _ole(streams))
    assert_clean_error_nothing_written(result, out, f"含有宏（VBA 工程，存储“{storage}”）", f"不含宏的 {saveas}")


def test_excel4_macro_sheet_in_xlsx(tmp_path, bundled_doc):
    book = tablefiles.workbook(bundled_doc)
    data = _edit(book, {}, {"xl/macrosheets/sheet2.xml": b"<xm:macrosheet/>"})
    result, out = _import(tmp_path, "手工.xlsx", data)
    assert_clean_error_nothing_written(result, out, "含有宏（Excel 4.0 宏表 xl/macrosheets/sheet2.xml）")


def test_libreoffice_basic_in_ods(tmp_path):
    from exporter.errors import SourceError
    from exporter.formats import active

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
        zf.writestr("Basic/Standard/Module1.xml", "<script:module>Shell(&quot;calc&quot;)</script:module>")
    with pytest.raises(SourceError) as info:
        active.check(buf.getvalue(), "表.ods", "ods")
    assert info.value.message.startswith("文件含有宏（宏脚本 Basic/Standard/Module1.xml）")


def test_linked_ole_object_in_word(tmp_path, word_bytes):
    data = _edit(word_bytes, {DOC_RELS: _add_rel(_rel("rIdOle", "oleObject", "file:///D:/汇总/进度.xlsx"))})
    result, out = _import(tmp_path, "附件.docx", data)
    assert_clean_error_nothing_written(
        result, out, "链接到其他文件的对象或域（file:///D:/汇总/进度.xlsx）", "无法核实", "断开链接"
    )


def test_link_field_split_over_runs(tmp_path, word_bytes):
    """Word writes a field's instruction in pieces; the pieces are joined before the field is judged."""
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> LI</w:instrText></w:r>'
        '<w:r><w:instrText xml:space="preserve">NK Excel.Sheet.12 "D:\\\\进度.xlsx" "Sheet1!R1C1:R9C4" \\a </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>旧值</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    data = _edit(word_bytes, {"word/document.xml": _before_first_table(field)})
    result, out = _import(tmp_path, "附件.docx", data)
    assert_clean_error_nothing_written(result, out, "对象或域（LINK Excel.Sheet.12 ", "进度.xlsx")


def test_hyperlinks_and_page_fields_still_import(tmp_path, word_bytes, seed_text):
    """An external hyperlink and a PAGE field fetch nothing: the document imports as before."""
    from exporter.formats import pagetext
    from tests.test_readers import assert_same_tasks

    page = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    data = _edit(
        word_bytes,
        {
            DOC_RELS: _add_rel(_rel("rIdLink", "hyperlink", "https://www.ahsz.gov.cn/")),
            "word/document.xml": lambda t: t.replace("</w:body>", f"<w:p>{page}</w:p></w:body>"),
        },
    )
    result, out = _import(tmp_path, "附件.docx", data)
    assert result.code == 0, result.err
    assert_same_tasks(_load(out), pagetext.parse_text(seed_text, "seed"))


def test_link_field_in_a_file_libreoffice_converts(tmp_path):
    """An .rtf (likewise .doc/.wps/.odt) is checked again after LibreOffice made a .docx of it: its LINK
    field survives the conversion and is refused like a .docx's."""
    from tests.conftest import require_tool

    require_tool("soffice")
    rtf = (
        r"{\rtf1\ansi\ansicpg936 {\fonttbl{\f0 SimSun;}}\f0 "
        r'{\field{\*\fldinst { LINK Excel.Sheet.12 "D:\\\\data.xlsx" "Sheet1!R1C1:R9C4" \\a \\h }}'
        r"{\fldrslt {old}}}\par}"
    )
    result, out = _import(tmp_path, "附件.rtf", rtf.encode("ascii"))
    assert_clean_error_nothing_written(
        result, out, "附件.rtf：文件中有链接到其他文件的对象或域（LINK Excel.Sheet.12 ", "data.xlsx"
    )


def test_external_reference_in_xls(tmp_path):
    """An .xls whose cell reads another file (a SUPBOOK record; LibreOffice 7.4 made it from the .fods
    beside it): refused — calamine would even read that cell as empty."""
    from pathlib import Path

    data = (Path(__file__).parent / "fixtures" / "office" / "external-link.xls").read_bytes()
    result, out = _import(tmp_path, "汇总.xls", data)
    assert_clean_error_nothing_written(
        result, out, "汇总.xls：工作簿引用了其他文件中的数据（外部链接：1 个）", "断开链接"
    )
