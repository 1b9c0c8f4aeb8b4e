"""`export docx`: read the Word document back (python-docx and its XML), then let LibreOffice Writer lay it
out as PDF and read that back with poppler: every character, one header row per page, "— N —".

The exports are made once per module through the real command line; LibreOffice runs once for three
documents (the bundled one, section 九 and one unit's part).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from conftest import assert_clean_error, require_tool, run_cli, run_entry
from pdf_visibility import problems

from exporter import templates
from exporter.errors import RenderError
from exporter.formats import datafile
from exporter.formats.docx.style import MIN_COLUMN, MM, load_style
from exporter.formats.docx.writer import render
from exporter.model import Column, Document, Section, Subsection, Task, number_list, unit_line
from exporter.ops import select
from exporter.ops.split import selection, unit_part

TEMPLATE = templates.load()
STYLE = load_style(TEMPLATE)
UNIT = "市发展改革委"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ---- reading a .docx back -------------------------------------------------------------------------
def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def table_rows(data: bytes) -> list[list[list[str]]]:
    """The table as rows of cells of paragraph texts; a merged cell is returned once."""
    table = docx.Document(io.BytesIO(data)).tables[0]
    rows = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append([p.text for p in cell.paragraphs])
        rows.append(cells)
    return rows


def expected_rows(doc: Document) -> list[list[list[str]]]:
    """What the table must hold, from the model: headings span the row, lists are one paragraph each."""
    rows = [[[c.label] for c in doc.columns]]
    for kind, item in doc.rows():
        if kind == "task":
            rows.append([[str(item.number)], [item.task], item.progress or [""], item.units or [""]])
        else:
            rows.append([[item.heading]])
    return rows


def xml(data: bytes, name: str):
    from lxml import etree

    return etree.fromstring(parts(data)[name])


def style_fonts(data: bytes) -> dict[str, dict]:
    """styleId -> {eastAsia, ascii, size (pt), bold} as the styles part says."""
    out = {}
    for style in xml(data, "word/styles.xml").iter(f"{W}style"):
        fonts = style.find(f"{W}rPr/{W}rFonts")
        size = style.find(f"{W}rPr/{W}sz")
        if fonts is not None and size is not None:
            out[style.get(f"{W}styleId")] = {
                "eastAsia": fonts.get(f"{W}eastAsia"),
                "ascii": fonts.get(f"{W}ascii"),
                "size": int(size.get(f"{W}val")) / 2,
                "bold": style.find(f"{W}rPr/{W}b") is not None,
            }
    return out


# ---- fixtures: the real command line, once per module ---------------------------------------------
@pytest.fixture(scope="module")
def exports(tmp_path_factory, bundled_doc):
    folder = tmp_path_factory.mktemp("docx")
    runs = {"whole": ("--attachment", "1"), "nine": ("--section", "九"), "unit": ("--unit", UNIT)}
    out = {}
    for name, args in runs.items():
        result = run_cli("export", "docx", *args, "-o", folder / f"{name}.docx")
        assert result.code == 0, result.err
        out[name] = (folder / f"{name}.docx").read_bytes()
    # the second run in a process of its own, as a user's would be
    result = run_entry("export", "docx", "--attachment", "1", "-o", folder / "again.docx")
    assert result.code == 0, result.err
    out["again"] = (folder / "again.docx").read_bytes()
    return out


@pytest.fixture(scope="module")
def libreoffice(exports, tmp_path_factory):
    """LibreOffice Writer's PDFs of the bundled document, section 九 and the unit part (one run)."""
    soffice = require_tool("soffice")
    require_tool("pdftotext")
    folder = tmp_path_factory.mktemp("lo")
    names = ("whole", "nine", "unit")
    for name in names:
        (folder / f"{name}.docx").write_bytes(exports[name])
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *(str(folder / f"{n}.docx") for n in names),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: folder / f"{name}.pdf" for name in names}


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def page_texts(pdf: Path) -> list[str]:
    # -raw: in drawing order, and a hyphen at a line's end is kept (the default mode drops it).
    return pdftotext(pdf, "-raw").split("\f")[:-1]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---- the document read back -----------------------------------------------------------------------
def test_every_task_paragraph_and_unit_comes_back_in_order(exports, bundled_doc):
    assert table_rows(exports["whole"]) == expected_rows(bundled_doc)
    text = "".join(t.text or "" for t in xml(exports["whole"], "word/document.xml").iter(f"{W}t"))
    assert text.count("埇") == 19


def test_attachment_label_and_title_come_first(exports, bundled_doc):
    paragraphs = docx.Document(io.BytesIO(exports["whole"])).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs[:2]] == [("附件标注", "附件1"), ("附件标题", bundled_doc.title)]


def test_section_nine_and_a_unit_part_hold_exactly_their_tasks(exports, bundled_doc):
    nine = select.select(bundled_doc, ["九"], None)
    assert table_rows(exports["nine"]) == expected_rows(nine)
    assert [r[0][0] for r in table_rows(exports["nine"]) if len(r) == 4][1:] == [
        str(t.number) for t in nine.all_tasks()
    ]
    part = select.select(bundled_doc, (), UNIT)
    assert table_rows(exports["unit"]) == expected_rows(part)
    assert all(UNIT in t.units for t in part.all_tasks()) and len(part.all_tasks()) > 5


def test_only_the_header_row_repeats_and_headings_span_the_row(exports, bundled_doc):
    tbl = xml(exports["whole"], "word/document.xml").find(f"{W}body/{W}tbl")
    rows = tbl.findall(f"{W}tr")
    marked = [i for i, tr in enumerate(rows) if tr.find(f"{W}trPr/{W}tblHeader") is not None]
    assert marked == [0]
    headings = [tr for tr in rows if len(tr.findall(f"{W}tc")) == 1]
    expected = [item.heading for kind, item in bundled_doc.rows() if kind != "task"]
    assert len(headings) == len(expected) == 12 + sum(len(s.subsections) for s in bundled_doc.sections)
    for tr in headings:
        assert tr.find(f"{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val") == "4"
        assert tr.find(f"{W}trPr/{W}cantSplit") is not None


def test_column_widths_are_in_the_grid_and_in_every_cell(exports):
    tbl = xml(exports["whole"], "word/document.xml").find(f"{W}body/{W}tbl")
    grid = [int(c.get(f"{W}w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    block = round(297 * MM) - round(28 * MM) - round(26 * MM)
    assert sum(grid) == block == int(tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w"))
    assert grid[0] == round(15 * MM) and grid[1] == round(block * 0.25) and grid[2] == round(block * 0.5)
    assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    for tr in tbl.findall(f"{W}tr"):
        widths = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in tr.findall(f"{W}tc")]
        assert widths == grid or widths == [block]


def test_short_rows_stay_whole_and_long_rows_may_break():
    short = Task(1, "短任务。", ["一段完成情况。"], ["市统计局"])
    long = Task(2, "长任务。", [f"第{i}段：" + "推进重点项目建设，" * 12 for i in range(12)], ["市统计局"])
    doc = Document(meta={"title": "测试"}, sections=[Section("一", "部分", [short, long])])
    rows = xml(render(doc, TEMPLATE), "word/document.xml").find(f"{W}body/{W}tbl").findall(f"{W}tr")
    kept = [tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows]
    assert kept == [True, True, True, False]  # header, section, short task, long task


def test_fonts_fill_the_east_asian_slots(exports):
    fonts = style_fonts(exports["whole"])
    spec = TEMPLATE["docx"]["fonts"]
    for style_id, role in (
        ("Normal", "body"),
        ("DocTitle", "title"),
        ("AttachmentLabel", "attachment"),
        ("TableHeader", "header"),
        ("TableSection", "section"),
        ("TableSubsection", "subsection"),
        ("TableCenter", "body"),
        ("PageNumber", "page_number"),
        ("Preamble", "preamble"),
    ):
        assert fonts[style_id]["eastAsia"] == fonts[style_id]["ascii"] == spec[role]["name"], style_id
        assert fonts[style_id]["size"] == templates.parse_size(spec[role]["size"]), style_id
    assert (fonts["DocTitle"]["eastAsia"], fonts["TableHeader"]["eastAsia"], fonts["Normal"]["eastAsia"]) == (
        "方正小标宋简体",
        "黑体",
        "仿宋",
    )
    assert fonts["TableSubsection"]["bold"] and not fonts["Normal"]["bold"]
    styles = xml(exports["whole"], "word/styles.xml")
    ids = [st.get(f"{W}styleId") for st in styles.iter(f"{W}style")]
    assert len(ids) == len(set(ids))  # our styles do not clash with the built-in ones
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋"
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    assert xml(exports["whole"], "word/settings.xml").find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"
    table = xml(exports["whole"], "word/fontTable.xml")
    charsets = {f.get(f"{W}name"): f.find(f"{W}charset").get(f"{W}val") for f in table.findall(f"{W}font")}
    assert all(charsets[s["name"]] == "86" for s in spec.values())


def test_landscape_a4_margins_and_odd_even_page_numbers(exports):
    data = exports["whole"]
    sect = xml(data, "word/document.xml").find(f"{W}body/{W}sectPr")
    size = sect.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h"), size.get(f"{W}orient")) == ("16838", "11906", "landscape")
    margins = {k: int(sect.find(f"{W}pgMar").get(f"{W}{k}")) for k in ("top", "bottom", "left", "right")}
    assert margins == {
        "top": round(25 * 72 / 25.4 * 20),
        "bottom": round(27 * 72 / 25.4 * 20),
        "left": round(28 * 72 / 25.4 * 20),
        "right": round(26 * 72 / 25.4 * 20),
    }
    assert xml(data, "word/settings.xml").find(f"{W}evenAndOddHeaders") is not None
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer._element.find(f"{W}p")
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == side
        assert int(p.find(f"{W}pPr/{W}ind").get(f"{W}{side}")) == 280  # one 四号 character in
        instr = "".join(t.text for t in p.iter(f"{W}instrText"))
        assert instr.strip() == "PAGE"
        assert "".join(t.text for t in p.iter(f"{W}t")) == "— 1 —"  # the field's cached value is 1


def test_properties_dates_and_bytes_are_fixed(exports, monkeypatch, bundled_doc):
    assert exports["whole"] == exports["again"]
    props = docx.Document(io.BytesIO(exports["whole"])).core_properties
    assert props.created == props.modified == dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc)  # 成文日期
    assert (props.title, props.author, props.language) == (bundled_doc.title, "宿州市政府办公室", "zh-CN")
    with zipfile.ZipFile(io.BytesIO(exports["whole"])) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 2, 1, 0, 0, 0)}
        names = z.namelist()
    assert names[0] == "[Content_Types].xml" and not any("thumbnail" in n or "customXml" in n for n in names)
    assert b"<Application>exporter</Application>" in parts(exports["whole"])["docProps/app.xml"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    later = docx.Document(io.BytesIO(render(bundled_doc, TEMPLATE))).core_properties
    assert later.created == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


def test_standard_output_gets_the_same_bytes(exports):
    result = run_cli("export", "docx", "--attachment", "1", "-o", "-")
    assert result.code == 0 and result.stdout_bytes == exports["whole"]


def test_split_by_unit_writes_one_document_per_unit(tmp_path, bundled_doc):
    result = run_cli("export", "docx", "--section", "九", "--split-by", "unit", "-o", tmp_path / "parts")
    assert result.code == 0, result.err
    nine = select.select(bundled_doc, ["九"], None)
    files = sorted(p.name for p in (tmp_path / "parts").iterdir())
    assert len(files) == len(nine.units()) + 1 and "00-单位任务一览.xlsx" in files
    unit = nine.units()[0]
    data = (tmp_path / "parts" / f"{unit}.docx").read_bytes()
    part = unit_part(nine, unit)
    assert table_rows(data) == expected_rows(part)
    word = docx.Document(io.BytesIO(data))
    texts = [p.text for p in word.paragraphs]
    assert texts[1] == unit_line(part) and unit_line(part).startswith(f"本单位：{unit}。牵头")
    numbers = [t.number for t in part.all_tasks()]
    assert word.core_properties.title == f"{bundled_doc.title}（{unit}）"
    assert word.core_properties.subject == f"重点工作任务完成情况（任务 {number_list(numbers)}，共 {len(numbers)} 项）"


def test_hostile_text_stays_literal():
    hostile = ["=1+1", "<img src=x onerror=alert(1)>", "A & B; &amp;", "第一行\n第二行\t制表", " 前后空格 "]
    task = Task(1, hostile[0], hostile[1:], ["@SUM(A1)", "+市统计局"])
    doc = Document(meta={"title": "<b>标题</b> & 附件"}, sections=[Section("", "", [task])])
    data = render(doc, TEMPLATE, attachment="<1>")
    assert table_rows(data)[1] == [["1"], ["=1+1"], hostile[1:], ["@SUM(A1)", "+市统计局"]]
    body = parts(data)["word/document.xml"].decode("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in body and "<img" not in body
    assert "A &amp; B; &amp;amp;" in body and "<w:instrText" not in body
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs[:2]] == ["附件<1>", "<b>标题</b> & 附件"]


def test_a_control_character_is_a_clear_error():
    doc = Document(meta={"title": "测试"}, sections=[Section("", "", [Task(7, "任务\x07", [], ["市统计局"])])])
    with pytest.raises(RenderError) as exc:
        render(doc, TEMPLATE)
    assert "任务 7" in str(exc.value) and "U+0007" in str(exc.value)


def test_the_documents_own_columns_are_rendered():
    task = Task(
        3,
        "任务内容",
        ["进展一", "进展二"],
        ["市统计局", "市财政局"],
        co_units=["市税务局"],
        deadline="2023年12月",
        extra={"督办意见": "按期办结"},
    )
    columns = [
        Column("number", "编号"),
        Column("task", "工作任务"),
        Column("units", "责任单位"),
        Column("co_units", "配合单位"),
        Column("progress", "进展"),
        Column("deadline", "完成时限"),
        Column("extra", "督办意见"),
    ]
    doc = Document(
        meta={"title": "测试"},
        sections=[Section("一", "部分", [], [Subsection("一", "小标题", [task])])],
        columns=columns,
    )
    data = render(doc, TEMPLATE)
    assert table_rows(data) == [
        [[c.label] for c in columns],
        [["一、部分"]],
        [["（一）小标题"]],
        [
            ["3"],
            ["任务内容"],
            ["市统计局", "市财政局"],
            ["市税务局"],
            ["进展一", "进展二"],
            ["2023年12月"],
            ["按期办结"],
        ],
    ]
    tbl = xml(data, "word/document.xml").find(f"{W}body/{W}tbl")
    grid = [int(c.get(f"{W}w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(grid) == STYLE.block_width and len(grid) == 7
    # "*" and unknown fields share the rest, at least four characters wide; the template's own widths
    # shrink in proportion to leave that room.
    assert grid[2] == grid[3] == grid[6] == MIN_COLUMN
    assert abs(grid[0] / grid[5] - 15 / 22) < 0.01 and abs(grid[4] / grid[1] - 2) < 0.01
    assert tbl.findall(f"{W}tr")[1].find(f"{W}tc/{W}tcPr/{W}gridSpan").get(f"{W}val") == "7"


def test_a_template_without_a_docx_part_says_so(tmp_path):
    template = tmp_path / "standalone.yaml"
    template.write_text("extends: null\nlabels: {number: 序号}\n", encoding="utf-8")
    assert_clean_error(
        run_cli("export", "docx", "--template", template, "-o", tmp_path / "out.docx"),
        "模板缺少 docx 部分",
        "extends: official",
    )


def test_progress_is_reported_up_to_the_last_task(bundled_doc):
    seen = []
    render(bundled_doc, TEMPLATE, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(115, 115)]


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("docx:\n  fonts:\n    body: {name: 仿宋, size: 特号}\n", "特号"),
        ("docx:\n  fonts:\n    title: 黑体\n", "docx.fonts.title 应写成"),
        ("docx:\n  table:\n    columns:\n      task: {width: 三成}\n", "docx.table.columns.task.width"),
        ("docx:\n  table:\n    keep_whole: 300%\n", "docx.table.keep_whole"),
        ("docx:\n  fonts:\n    body: {name: 仿宋_GB2312, charset: big9, fallback: 仿宋}\n", "charset“big9”"),
        ("docx:\n  fonts:\n    body: {name: 仿宋_GB2312, charset: gb2312}\n", "没有写 fallback"),
        ("pdf:\n  page_number: {format: 第页}\n", "{n}"),
    ],
)
def test_template_mistakes_are_reported_in_chinese(tmp_path, setting, words):
    template = tmp_path / "bad.yaml"
    template.write_text("extends: official\n" + setting, encoding="utf-8")
    result = run_cli("export", "docx", "--template", template, "-o", tmp_path / "out.docx")
    assert_clean_error(result, words)
    assert not (tmp_path / "out.docx").exists()


# ---- LibreOffice's rendering ----------------------------------------------------------------------
def all_text(doc: Document, attachment: str | None) -> str:
    pieces = [f"附件{attachment}" if attachment is not None else "", doc.title, unit_line(doc) or ""]
    for kind, item in doc.rows():
        pieces += [str(item.number), item.task, *item.progress, *item.units] if kind == "task" else [item.heading]
    return squeeze("".join(pieces))


@pytest.mark.parametrize(("name", "attachment"), [("whole", "1"), ("nine", None), ("unit", None)])
def test_libreoffice_keeps_every_character(libreoffice, bundled_doc, name, attachment):
    doc = {
        "whole": bundled_doc,
        "nine": select.select(bundled_doc, ["九"], None),
        "unit": selection(bundled_doc, (), UNIT),  # export --unit: the unit's own part
    }[name]
    pages = page_texts(libreoffice[name])
    furniture = squeeze("".join(c.label for c in doc.columns)) * len(pages)
    furniture += "".join(f"—{n}—" for n in range(1, len(pages) + 1))
    assert Counter(squeeze("".join(pages))) == Counter(all_text(doc, attachment) + furniture)
    if name == "whole":
        assert "".join(pages).count("埇") == 19 and len(pages) > 20


@pytest.mark.parametrize("name", ["whole", "nine", "unit"])
def test_libreoffice_repeats_the_header_once_on_every_page(libreoffice, bundled_doc, name):
    pages = page_texts(libreoffice[name])
    assert len(pages) >= 2
    for text in pages:
        squeezed = squeeze(text).replace(squeeze(bundled_doc.title), "")  # the title names 重点工作任务
        assert squeeze(text).startswith(("附件1", "序号", squeeze(bundled_doc.title))), text[:40]
        for column in bundled_doc.columns:
            assert squeezed.count(column.label) == 1, (column.label, text[:80])


def test_libreoffice_numbers_pages_right_on_odd_and_left_on_even(libreoffice):
    html = pdftotext(libreoffice["whole"], "-bbox")
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    inset = 14
    for number, (width, height, body) in enumerate(pages, start=1):
        words = [
            (float(a), float(b), float(c), t)
            for a, b, c, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', body
            )
        ]
        bottom = [w for w in words if w[1] > float(height) - STYLE.margins["bottom"] / 20]
        assert "".join(w[3] for w in bottom) == f"—{number}—"
        if number % 2:
            assert abs(max(w[2] for w in bottom) - (float(width) - STYLE.margins["right"] / 20 - inset)) < 2
        else:
            assert abs(min(w[0] for w in bottom) - (STYLE.margins["left"] / 20 + inset)) < 2
        # 7 mm below the text block, as GB/T 9704 places it
        assert abs(bottom[0][1] - (float(height) - STYLE.margins["bottom"] / 20 + 7 * 72 / 25.4)) < 3


def test_libreoffice_shows_every_line_of_section_nine(libreoffice):
    require_tool("pdftoppm")
    assert problems(libreoffice["nine"]) == []


def test_characters_a_gb2312_font_lacks_get_the_fallback_font():
    """The fangsong example names 仿宋_GB2312, which has no 埇: that character alone is set in 仿宋."""
    task = Task(5, "推进埇桥区建设。", ["埇桥区、萧县完成。"], ["埇桥区政府"])
    doc = Document(
        meta={"title": "埇桥区任务"}, sections=[Section("一", "部分", [], [Subsection("一", "埇桥", [task])])]
    )
    data = render(doc, templates.load("fangsong"))
    assert style_fonts(data)["Normal"]["eastAsia"] == "仿宋_GB2312"
    assert table_rows(data)[3] == [["5"], ["推进埇桥区建设。"], ["埇桥区、萧县完成。"], ["埇桥区政府"]]
    body = xml(data, "word/document.xml")
    runs = [
        (
            "".join(t.text for t in r.iter(f"{W}t")),
            (r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") if r.find(f"{W}rPr/{W}rFonts") is not None else None),
        )
        for r in body.iter(f"{W}r")
    ]
    assert [f for t, f in runs if t == "埇"] == ["宋体", "楷体", "仿宋", "仿宋", "仿宋"]  # title, subsection, cells
    assert all(f is None for t, f in runs if "埇" not in t)
    listed = {f.get(f"{W}name") for f in xml(data, "word/fontTable.xml").findall(f"{W}font")}
    assert {"仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "仿宋", "楷体", "宋体"} <= listed


def test_the_word_reader_gets_every_task_back(exports, bundled_doc, tmp_path):
    """`exporter import` of our own .docx (the Word table reader) gives back the same table."""
    (tmp_path / "whole.docx").write_bytes(exports["whole"])
    result = run_cli("import", tmp_path / "whole.docx", "-o", tmp_path / "back.yaml")
    assert result.code == 0, result.err
    back = datafile.load((tmp_path / "back.yaml").read_bytes(), "back.yaml")
    assert back.title == bundled_doc.title
    assert [c.label for c in back.columns] == [c.label for c in bundled_doc.columns]
    assert [(k, i.heading) if k != "task" else (k, i.number, i.task, i.progress, i.units) for k, i in back.rows()] == [
        (k, i.heading) if k != "task" else (k, i.number, i.task, i.progress, i.units) for k, i in bundled_doc.rows()
    ]
