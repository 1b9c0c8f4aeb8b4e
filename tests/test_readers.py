"""Readers of the files clerks receive, at the raw-table level: a saved portal page (gb2312-declared, and as
.mhtml), a Word table, a hand-made workbook, and the .xls/.doc LibreOffice makes of them. Each is built
from the bundled document as a department would, and must give back exactly the rows that document
implies — every cell, merge and location — before the one table-to-model function sees them."""

from __future__ import annotations

import io
import struct
import subprocess
import zipfile
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from exporter.errors import SourceError
from exporter.formats import active, html, office, safezip, sniff
from exporter.formats import docx as _docx  # noqa: F401  (package marker)
from exporter.formats.docx import reader as word
from exporter.formats.xlsx import foreign
from tests import tablefiles
from tests.conftest import require_tool

YONG = "埇"


def expected_rows(doc, units_sep="\n", merge_units=True):
    """(cells, continued) for every row the bundled document's table has, header first."""
    rows = [(tablefiles.HEADER, frozenset())]
    spans = tablefiles.unit_spans(doc)
    for kind, item in doc.rows():
        if kind != "task":
            rows.append(([item.heading], frozenset()))
            continue
        t = item
        span = spans[t.number] if merge_units else 1
        units = units_sep.join(t.units) if span else ""
        rows.append(([str(t.number), t.task, "\n".join(t.progress), units], frozenset() if span else {3}))
    return rows


def workbook_rows(doc):
    """The hand-made workbook's rows: the title row, the header, sections, tasks with units joined as typed."""
    rows = [[doc.title], tablefiles.HEADER]
    for kind, item in doc.rows():
        if kind == "task":
            units = "、".join(item.units) if len(item.units) < 3 else "\n".join(item.units)
            rows.append([str(item.number), item.task, "\n".join(item.progress), units])
        else:
            rows.append([item.heading])
    return rows


def count_yong(doc):
    return sum(s.count(YONG) for t in doc.all_tasks() for s in (t.task, *t.progress, *t.units))


@pytest.fixture(scope="module")
def page(bundled_doc):
    return tablefiles.html_page(bundled_doc)


@pytest.fixture(scope="module")
def word_bytes(bundled_doc):
    return tablefiles.word_table(bundled_doc)


@pytest.fixture(scope="module")
def book(bundled_doc):
    return tablefiles.workbook(bundled_doc)


@pytest.fixture(scope="module")
def converted(tmp_path_factory, word_bytes, book):
    """The Word table saved as .doc and the workbook as .xls by LibreOffice (one profile, three runs).
    The .doc goes through .odt: this LibreOffice drops python-docx's tables when writing .docx straight
    to .doc (the .doc opens with the table text run together), which no department's Word would do."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("lo")
    (folder / "t.docx").write_bytes(word_bytes)
    (folder / "b.xlsx").write_bytes(book)
    profile = (folder / "profile").as_uri()
    for name, target in (("t.docx", "odt"), ("t.odt", "doc:MS Word 97"), ("b.xlsx", "xls:MS Excel 97")):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                str(folder / name),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return {"doc": (folder / "t.doc").read_bytes(), "xls": (folder / "b.xls").read_bytes()}


# -- saved web pages ----------------------------------------------------------------------------------


def test_gb2312_page_rows_exact(bundled_doc, page):
    assert b"charset=gb2312" in page
    with pytest.raises(UnicodeDecodeError):
        page.decode("gb2312")  # 埇 is not in GB2312: a strict gb2312 decoder fails here
    tables = html.read_tables(page, "page.html")
    assert len(tables) == 1  # the metadata block and the layout table are not task tables
    rows = tables[0].rows
    assert [(r.cells, r.continued) for r in rows] == expected_rows(bundled_doc)
    assert sum(c.count(YONG) for r in rows for c in r.cells) == count_yong(bundled_doc) == 19
    assert rows[0].where == "表 2 第 1 行" and rows[2].where == "表 2 第 3 行"


def test_page_metadata_and_title(bundled_doc, page):
    table = html.read_tables(page, "page.html")[0]
    m = bundled_doc.meta
    assert table.meta == {
        k: m[k] for k in ("title", "issuer", "index_no", "category", "written", "published", "validity", "source")
    }
    assert table.preamble == []


def test_lxml_would_lose_the_cell():
    """Why the page is decoded before parsing: libxml2 decoding gb2312 bytes drops the cell holding 埇."""
    import lxml.html

    data = (
        '<html><head><meta charset="gb2312"></head><body><table><tr><td>埇桥区</td><td>x</td></tr>'
        "<tr><td>1</td><td>2</td></tr></table></body></html>".encode("gb18030")
    )
    assert lxml.html.document_fromstring(data).xpath("//td")[0].text_content() != "埇桥区"
    assert html.read_tables(data, "p.html")[0].rows[0].cells == ["埇桥区", "x"]


def _mhtml(page: bytes, encoding: str) -> bytes:
    root = MIMEMultipart("related", type="text/html")
    root["Subject"] = "saved page"
    root["Snapshot-Content-Location"] = "http://www.ahsz.gov.cn/page.html"
    part = MIMEText(page.decode("gb18030"), "html", "gb18030" if encoding == "base64" else "utf-8")
    del part["Content-Transfer-Encoding"]
    if encoding == "quoted-printable":
        import quopri

        part = MIMEBase("text", "html", charset="gb2312")
        part.set_payload(quopri.encodestring(page).decode("ascii"))
        part["Content-Transfer-Encoding"] = "quoted-printable"
    else:
        from email import encoders

        part = MIMEBase("text", "html", charset="gb2312")
        part.set_payload(page)
        encoders.encode_base64(part)
    part["Content-Location"] = "http://www.ahsz.gov.cn/page.html"
    root.attach(part)
    image = MIMEBase("image", "png")
    image.set_payload(b"\x89PNG\r\n\x1a\n" + bytes(50))
    from email import encoders

    encoders.encode_base64(image)
    root.attach(image)
    return root.as_bytes()


@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
def test_mhtml_same_rows(bundled_doc, page, encoding):
    data = _mhtml(page, encoding)
    assert sniff.sniff(data, "page.mhtml") == "mhtml"
    tables = html.read_tables(data, "page.mhtml", mhtml=True)
    assert [(r.cells, r.continued) for r in tables[0].rows] == expected_rows(bundled_doc)
    assert tables[0].meta["title"] == bundled_doc.title


def test_cell_paragraphs_and_whitespace():
    data = (
        "<table><tr><th>序号</th><th>任务</th></tr>"
        "<tr><td>1</td><td><p>宿州\n  市</p><div>第二段&nbsp;</div>第三段<br>第 四 段<p>&nbsp;</p>"
        "<span>a\nb</span></td></tr></table>"
    ).encode()
    rows = html.read_tables(data, "p.html")[0].rows
    assert rows[1].cells == ["1", "宿州市\n第二段\n第三段\n第 四 段\na b"]


def test_rowspan_colspan_grid():
    data = (
        "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>"
        "<tr><td>C</td><td>D</td></tr><tr><td colspan=3>一、部分</td></tr></table>"
    ).encode()
    rows = html.read_tables(data, "p.html")[0].rows
    assert [(r.cells, set(r.continued)) for r in rows] == [
        (["A", "B", ""], set()),
        (["", "C", "D"], {0}),
        (["一、部分"], set()),
    ]


def test_undeclared_gb18030_and_utf8_pages():
    body = "<table><tr><td>序号</td><td>埇桥区</td></tr><tr><td>1</td><td>x</td></tr></table>"
    for data in (body.encode("gb18030"), body.encode("utf-8"), b"\xef\xbb\xbf" + body.encode("utf-8")):
        assert html.read_tables(data, "p.html")[0].rows[0].cells == ["序号", "埇桥区"]


def test_page_without_table():
    with pytest.raises(SourceError) as info:
        html.read_tables("<html><body><p>通知</p></body></html>".encode(), "p.html")
    assert "没有找到表格" in str(info.value) and "p.html" in str(info.value)


def test_undecodable_page_names_the_line():
    data = b'<html><head><meta charset="utf-8"></head>\n<body>\n<table><tr><td>\xff\xfe\xfa</td></tr></table>'
    with pytest.raises(SourceError) as info:
        html.read_tables(data, "p.html")
    assert "第 3 行" in str(info.value)


# -- Word -------------------------------------------------------------------------------------------


def test_word_table_rows_exact(bundled_doc, word_bytes):
    tables = word.read_tables(word_bytes, "附件.docx")
    assert len(tables) == 1
    rows = tables[0].rows
    assert [(r.cells, r.continued) for r in rows] == expected_rows(bundled_doc)
    assert tables[0].meta == {"title": bundled_doc.title}  # "附件" above the title is not the title
    assert rows[5].where == "表 1 第 6 行"
    assert sum(c.count(YONG) for r in rows for c in r.cells) == 19


def test_word_line_breaks_tabs_and_deleted_text():
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    d = docx.Document()
    d.add_paragraph("标题")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "序号"
    t.cell(0, 1).text = "任务"
    t.cell(1, 0).text = "1"
    p = t.cell(1, 1).paragraphs[0]
    run = p.add_run("第一行")
    run.add_break()
    run.add_text("第二行")
    deleted = etree.SubElement(p._p, qn("w:del"))
    r = etree.SubElement(deleted, qn("w:r"))
    etree.SubElement(r, qn("w:delText")).text = "删掉的字"
    buf = io.BytesIO()
    d.save(buf)
    rows = word.read_tables(buf.getvalue(), "t.docx")[0].rows
    assert rows[1].cells == ["1", "第一行\n第二行"]


def test_word_without_table():
    import docx

    d = docx.Document()
    d.add_paragraph("只有文字，没有表格。")
    buf = io.BytesIO()
    d.save(buf)
    with pytest.raises(SourceError) as info:
        word.read_tables(buf.getvalue(), "t.docx")
    assert "Word 文档中没有找到表格" in str(info.value)


def test_doc_converted_by_libreoffice(bundled_doc, converted):
    assert sniff.sniff(converted["doc"], "附件.doc") == "doc"
    rows = word.read_tables(office.convert(converted["doc"], "附件.doc", "doc"), "附件.doc")[0].rows
    assert [(r.cells, r.continued) for r in rows] == expected_rows(bundled_doc)


def test_doc_without_libreoffice_says_how_to_install(monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    with pytest.raises(SourceError) as info:
        office.convert(b"x", "附件.doc", "doc")
    text = str(info.value)
    assert "需要 LibreOffice" in text and "apt-get install libreoffice-writer-nogui" in text and "另存为" in text


# -- someone's workbook -----------------------------------------------------------------------------


def test_handmade_workbook_rows(bundled_doc, book):
    tables = foreign.read_tables(book, "手工.xlsx")
    assert len(tables) == 1
    rows = tables[0].rows
    assert [r.cells for r in rows] == workbook_rows(bundled_doc)
    assert all(not r.continued for r in rows)
    # the title is row 1, row 2 is blank (left out), the header row 3; a blank row ends each section
    assert [r.where for r in rows[:4]] == [
        "工作表“Sheet1”第 1 行",
        "工作表“Sheet1”第 3 行",
        "工作表“Sheet1”第 4 行",
        "工作表“Sheet1”第 5 行",
    ]


def test_xls_converted_by_libreoffice(bundled_doc, book, converted):
    assert sniff.sniff(converted["xls"], "b.xls") == "xls"
    rows = foreign.read_tables(converted["xls"], "b.xls", "xls")[0].rows
    assert [r.cells for r in rows] == workbook_rows(bundled_doc)
    assert [r.where for r in rows] == [r.where for r in foreign.read_tables(book, "b.xlsx")[0].rows]


def test_workbook_one_sheet_per_section(bundled_doc):
    tables = foreign.read_tables(tablefiles.workbook(bundled_doc, sheets="section"), "分表.xlsx")
    assert len(tables) == 12
    assert tables[8].rows[2].cells == ["九、聚力优生态，强化绿色转型保障"]
    assert tables[8].rows[3].where == "工作表“九”第 5 行"


def test_workbook_vertical_merge_and_numbers():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([None, None, None])  # the table starts in column B, row 2
    ws.append([None, "序号", "任务", "单位"])
    ws.append([None, 1, "甲", "市财政局"])
    ws.append([None, 2.0, "乙", None])
    ws.append([None, "3", 0.1 + 0.2, None])
    ws.merge_cells("D3:D5")
    hidden = wb.create_sheet("说明")
    hidden.append(["不是表格"])
    hidden.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    tables = foreign.read_tables(buf.getvalue(), "b.xlsx")
    assert len(tables) == 1  # the hidden sheet is not read
    assert [(r.cells, set(r.continued)) for r in tables[0].rows] == [
        (["序号", "任务", "单位"], set()),
        (["1", "甲", "市财政局"], set()),
        (["2", "乙", ""], {2}),
        (["3", "0.3", ""], {2}),
    ]


# -- what a file is, and bad files --------------------------------------------------------------------


def test_sniff_by_content_not_name(page, word_bytes, book):
    assert sniff.sniff(page, "任务.xls") == "html"  # systems often send an HTML table named .xls
    assert sniff.sniff(word_bytes, "附件.doc") == "docx"
    assert sniff.sniff(book, "表.docx") == "xlsx"
    assert sniff.sniff(b"%PDF-1.7\n...", "表.xlsx") == "pdf"
    assert sniff.sniff("2023年重点工作\n序号\n".encode(), "a.txt") == "text"
    assert sniff.sniff(b"{\\rtf1\\ansi ...}", "a.doc") == "rtf"


def _ole(streams: list[str]) -> bytes:
    """A minimal Compound File: header, one FAT sector, one directory sector naming `streams`."""
    header = bytearray(512)
    header[:8] = sniff.OLE_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)  # one FAT sector; directory starts at sector 1
    struct.pack_into("<IIII", header, 0x38, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 0x48, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([0xFFFFFFFF] * 108))
    fat = struct.pack("<128I", 0xFFFFFFFD, 0xFFFFFFFE, *([0xFFFFFFFF] * 126))
    directory = bytearray(512)
    for i, (name, kind) in enumerate([("Root Entry", 5)] + [(s, 2) for s in streams][:3]):
        encoded = (name + "\0").encode("utf-16-le")
        directory[128 * i : 128 * i + len(encoded)] = encoded
        struct.pack_into("<HB", directory, 128 * i + 64, len(encoded), kind)
    return bytes(header) + fat + bytes(directory)


def test_password_protected_office_file():
    data = _ole(["EncryptionInfo", "EncryptedPackage"])
    assert sniff.sniff(data, "加密.xlsx") == "encrypted"
    assert sniff.sniff(_ole(["WordDocument", "1Table"]), "a.doc") == "doc"
    assert sniff.sniff(_ole(["Workbook"]), "a.xls") == "xls"


def _bomb(book: bytes) -> bytes:
    """The workbook with one part declaring 3.75 GB uncompressed (what a zip bomb inflates to)."""
    data = bytearray(book)
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, 0xF0000000)
    return bytes(data)


def test_zip_bomb_refused_before_reading(book):
    with pytest.raises(SourceError) as info:
        safezip.open_zip(_bomb(book), "b.xlsx", "Excel 工作簿")
    assert "解压后过大" in str(info.value)


def test_corrupt_packages(word_bytes, book):
    for data, read in (
        (word_bytes[: len(word_bytes) // 2], word.read_tables),
        (book[: len(book) // 2], foreign.read_tables),
    ):
        with pytest.raises(SourceError) as info:
            read(data, "坏.bin")
        assert "已损坏" in str(info.value)


def _with_parts(book: bytes, parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for name, data in parts.items():
            dst.writestr(name, data)
    return out.getvalue()


def test_external_link_refused(book):
    data = _with_parts(
        book,
        {
            "xl/externalLinks/externalLink1.xml": b"<externalLink/>",
            "xl/externalLinks/_rels/externalLink1.xml.rels": b'<Relationships><Relationship Id="rId1" Target="file:///C:/%E6%B1%87%E6%80%BB.xlsx" '
            b'TargetMode="External"/></Relationships>',
        },
    )
    with pytest.raises(SourceError) as info:
        active.check(data, "b.xlsx", "xlsx")
    assert "外部链接：file:///C:/%E6%B1%87%E6%80%BB.xlsx" in str(info.value) and "断开链接" in str(info.value)


def test_macro_refused(book):
    data = _with_parts(book, {"xl/vbaProject.bin": b'Attribute VB_Name = "Module1"\nShell "rm -rf /"'})
    with pytest.raises(SourceError) as info:
        active.check(data, "b.xlsm", "xlsx")
    assert info.value.where() == "b.xlsm"
    assert info.value.message == "文件含有宏（VBA 工程 xl/vbaProject.bin），为安全起见不导入含宏的文件（宏没有运行）"
    assert "另存为”不含宏的 Excel 工作簿（.xlsx）" in info.value.hint


# -- end to end: `exporter import FILE` gives the page text's tasks, field by field ----------------------


@pytest.fixture(scope="module")
def seed_doc(seed_text):
    from exporter.formats import pagetext

    return pagetext.parse_text(seed_text, "seed")


def assert_same_tasks(got, want):
    assert [s.heading for s in got.sections] == [s.heading for s in want.sections]
    assert [[b.heading for b in s.subsections] for s in got.sections] == [
        [b.heading for b in s.subsections] for s in want.sections
    ]
    assert [t.number for t in got.all_tasks()] == list(range(1, 116))
    for g, w in zip(got.all_tasks(), want.all_tasks()):
        for name in ("number", "task", "progress", "units"):
            assert getattr(g, name) == getattr(w, name), (g.number, name)
    assert count_yong(got) == 19
    assert got.title == want.title


def _import(tmp_path, name, data, *args):
    from tests.conftest import run_cli

    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / (name + ".yaml")
    return run_cli("import", source, "-o", out, *args), out


def _load(out):
    from exporter.formats import datafile

    return datafile.load(out.read_bytes(), str(out))


@pytest.mark.parametrize(
    "name", ["页面.html", "页面.mhtml", "附件.docx", "手工.xlsx", "分表.xlsx", "附件.doc", "附件.wps", "手工.xls"]
)
def test_import_each_type_same_as_page_text(tmp_path, request, bundled_doc, seed_doc, page, word_bytes, book, name):
    data = {
        "页面.html": lambda: page,
        "页面.mhtml": lambda: _mhtml(page, "quoted-printable"),
        "附件.docx": lambda: word_bytes,
        "手工.xlsx": lambda: book,
        "分表.xlsx": lambda: tablefiles.workbook(bundled_doc, sheets="section"),
        "附件.doc": lambda: request.getfixturevalue("converted")["doc"],
        "附件.wps": lambda: request.getfixturevalue("converted")["doc"],  # WPS 文字 saves Word's binary format
        "手工.xls": lambda: request.getfixturevalue("converted")["xls"],
    }[name]()
    result, out = _import(tmp_path, name, data)
    assert result.code == 0, result.err
    assert "“序号”→序号，“重点工作任务”→任务，“完成情况”→完成情况，“牵头责任单位”→牵头单位" in result.err
    assert "115 项任务" in result.err
    doc = _load(out)
    assert_same_tasks(doc, seed_doc)
    if name.endswith(("html", "mhtml")):
        for key in ("issuer", "index_no", "category", "written", "published", "validity", "source"):
            assert doc.meta[key] == seed_doc.meta[key], key


def test_our_own_workbook_still_round_trips(tmp_path, bundled_doc):
    """A workbook made by `export xlsx` is recognised by its `_meta` sheet and read back exactly."""
    from exporter.formats import datafile
    from tests.conftest import run_cli

    book = tmp_path / "ours.xlsx"
    assert run_cli("export", "xlsx", "-o", book).code == 0
    result = run_cli("import", book, "-o", tmp_path / "back.yaml")
    assert result.code == 0, result.err
    assert (tmp_path / "back.yaml").read_bytes() == datafile.dump(bundled_doc)


def test_columns_for_a_header_matching_nothing(tmp_path, seed_doc, word_bytes):
    data = _rezip_replace(
        word_bytes,
        "word/document.xml",
        [("序号", "编"), ("重点工作任务", "事项"), ("完成情况", "进度"), ("牵头责任单位", "谁")],
    )
    result, out = _import(tmp_path, "附件.docx", data)
    assert_clean_error_nothing_written(result, out, "表 1 第 1 行", "认不出", "“编 | 事项 | 进度 | 谁”", "--columns")
    result, out = _import(tmp_path, "附件.docx", data, "--columns", "序号,重点工作任务,完成情况,牵头责任单位")
    assert result.code == 0, result.err
    assert_same_tasks(_load(out), seed_doc)


def _rezip_replace(package: bytes, part: str, replacements) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                text = data.decode("utf-8")
                for old, new in replacements:
                    text = text.replace(f">{old}<", f">{new}<", 1)
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def assert_clean_error_nothing_written(result, out, *needles):
    from tests.conftest import assert_clean_error

    assert_clean_error(result, *needles)
    assert not out.exists()
    assert len(result.err.strip().splitlines()) <= 3, result.err  # one message (and its hint)


def test_bad_files_one_message_nothing_written(tmp_path, book, word_bytes):
    cases = [
        ("通知.html", "<html><body><p>只有一段通知。</p></body></html>".encode(), ["网页中没有找到表格"]),
        ("通知.docx", _docx_without_table(), ["Word 文档中没有找到表格"]),
        ("加密.xlsx", _ole(["EncryptionInfo", "EncryptedPackage"]), ["设置了打开密码", "另存为"]),
        ("坏.docx", word_bytes[: len(word_bytes) // 2], ["已损坏"]),
        ("坏.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ["旧版 Office 文件", "已损坏"]),
        ("炸弹.xlsx", _bomb(book), ["解压后过大", "已拒绝读取"]),
        (
            "链接.xlsx",
            _with_parts(book, {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
            ["外部链接", "断开链接"],
        ),
        ("表格.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ["这是 PDF 文件"]),
        ("表格.docx", b"\x89PNG\r\n\x1a\n" + bytes(40), ["PNG 图片"]),
    ]
    for name, data, needles in cases:
        result, out = _import(tmp_path, name, data)
        assert_clean_error_nothing_written(result, out, name, *needles)


def _docx_without_table() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("关于报送重点工作完成情况的通知")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_macro_is_refused_nothing_written(tmp_path, book):
    data = _with_parts(book, {"xl/vbaProject.bin": b'Sub AutoOpen()\nShell "calc"\nEnd Sub'})
    result, out = _import(tmp_path, "宏.xlsm", data)
    assert_clean_error_nothing_written(
        result, out, "宏.xlsm", "含有宏（VBA 工程 xl/vbaProject.bin）", "不含宏的 Excel 工作簿"
    )
