"""Word's automatic numbering (formats/docx/numbering.py): a department's table whose 序号 column, section
rows (一、) and subsection rows (（一）) are numbered lists — the numbers are not in the text — imports to
exactly the page text's tasks; a list format that cannot be shown is an error naming the table row."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from exporter.formats.docx.numbering import Numbering, chinese_counting, format_number
from tests import tablefiles
from tests.test_readers import _import, _load, assert_clean_error_nothing_written, assert_same_tasks

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Q = f"{{{W}}}"
SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
SUBSECTION = re.compile(r"^（([一二三四五六七八九十]+)）")


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, suffix: str | None = None) -> str:
    suff = f'<w:suff w:val="{suffix}"/>' if suffix else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{suff}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def numbering_xml(abstracts: dict[int, str], nums: dict[int, tuple[int, str]]) -> bytes:
    """numbering.xml: abstract lists (id -> their w:lvl elements) and instances (numId -> abstract, overrides)."""
    body = "".join(f'<w:abstractNum w:abstractNumId="{a}">{lvls}</w:abstractNum>' for a, lvls in abstracts.items())
    body += "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{extra}</w:num>' for n, (a, extra) in nums.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W}">{body}</w:numbering>'.encode()


def _number_paragraph(p, num_id: int, ilvl: int = 0) -> None:
    ppr = p.find(Q + "pPr")
    if ppr is None:
        ppr = etree.SubElement(p, Q + "pPr")
        p.remove(ppr)
        p.insert(0, ppr)
    numpr = etree.SubElement(ppr, Q + "numPr")
    etree.SubElement(numpr, Q + "ilvl").set(Q + "val", str(ilvl))
    etree.SubElement(numpr, Q + "numId").set(Q + "val", str(num_id))


def _strip_prefix(p, pattern: re.Pattern) -> None:
    first = p.find(f".//{Q}t")
    first.text = pattern.sub("", first.text, count=1)


def numbered_word(doc, task_fmt: str = "decimal") -> bytes:
    """The bundled document's Word table as a department numbers it: 序号 cells are empty paragraphs of
    list 1 ("%1.", Word's default tab after it), continued from the 61st task by list 4 (another instance
    of the same abstract list, which Word continues); section rows are list 2 (一、, nothing after);
    each section's subsection rows a new instance of list 3 （一） restarted at 1 (w:startOverride)."""
    package = tablefiles.word_table(doc)
    src = zipfile.ZipFile(io.BytesIO(package))
    root = etree.fromstring(src.read("word/document.xml"))
    tbl = root.find(f"{Q}body/{Q}tbl")
    subsection_lists: dict[int, tuple[int, str]] = {}
    next_num = 10
    for tr in tbl.findall(Q + "tr")[1:]:
        cells = tr.findall(Q + "tc")
        p = cells[0].find(Q + "p")
        text = "".join(t.text or "" for t in p.iter(Q + "t"))
        if len(cells) == 1 and SECTION.match(text):
            _strip_prefix(p, SECTION)
            _number_paragraph(p, 2)
            current_section_list = None
        elif len(cells) == 1 and SUBSECTION.match(text):
            _strip_prefix(p, SUBSECTION)
            if current_section_list is None:
                current_section_list = next_num
                subsection_lists[next_num] = (
                    3,
                    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
                )
                next_num += 1
            _number_paragraph(p, current_section_list)
        else:
            number = int(text)
            for t in p.iter(Q + "t"):
                t.text = ""
            _number_paragraph(p, 1 if number <= 60 else 4)
    numbering = numbering_xml(
        {
            1: _lvl(0, task_fmt, "%1."),
            2: _lvl(0, "chineseCounting", "%1、", suffix="nothing"),
            3: _lvl(0, "chineseCounting", "（%1）", suffix="nothing"),
        },
        {1: (1, ""), 2: (2, ""), 4: (1, ""), **subsection_lists},
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "word/numbering.xml":
                data = numbering
            dst.writestr(info, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def numbered(bundled_doc) -> bytes:
    return numbered_word(bundled_doc)


def test_the_numbers_are_not_in_the_text(numbered, bundled_doc):
    """The fixture is what it claims: no 序号 digit, no 一、 or （一） typed in the table."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(numbered)).read("word/document.xml"))
    rows = root.find(f"{Q}body/{Q}tbl").findall(Q + "tr")[1:]
    firsts = ["".join(t.text or "" for t in tr.find(Q + "tc").iter(Q + "t")) for tr in rows]
    headings = sum(1 for kind, _ in bundled_doc.rows() if kind != "task")
    assert len(rows) == 115 + headings and headings == 12 + sum(len(s.subsections) for s in bundled_doc.sections)
    assert not any(SECTION.match(f) or SUBSECTION.match(f) or f.strip().isdigit() for f in firsts)
    assert sum(f == "" for f in firsts) == 115
    assert sum(tr.find(f".//{Q}numPr") is not None for tr in rows) == 115 + headings


def test_numbered_table_imports_as_the_page_text(tmp_path, numbered, seed_text):
    from exporter.formats import pagetext

    result, out = _import(tmp_path, "附件.docx", numbered)
    assert result.code == 0, result.err
    doc = _load(out)
    seed = pagetext.parse_text(seed_text, "seed")
    assert_same_tasks(doc, seed)  # numbers 1–115 across both list instances, every heading
    assert doc.sections[1].heading == "二、聚力强“引擎”，做实工业经济支撑"  # 二、 comes from list 2
    assert doc.sections[11].heading.startswith("十二、")
    assert [b.heading for b in doc.sections[1].subsections][:2] == [b.heading for b in seed.sections[1].subsections][:2]
    assert doc.sections[1].subsections[0].heading.startswith("（一）")


def test_unsupported_format_names_the_row(tmp_path, bundled_doc):
    data = numbered_word(bundled_doc, task_fmt="hebrew1")
    result, out = _import(tmp_path, "附件.docx", data)
    assert_clean_error_nothing_written(
        result,
        out,
        "附件.docx 表 1 第 3 行：这里的 Word 自动编号使用“hebrew1”格式，无法读出它显示的序号",
        "改用 1. 2. 3.",
    )


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (35, "chineseCountingThousand", "三十五"),
        (105, "chineseCounting", "一百零五"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (3, "ideographTraditional", "丙"),
        (3, "decimalEnclosedCircle", "③"),
        (7, "decimalZero", "07"),
        (12, "decimalFullWidth", "１２"),
        (14, "upperRoman", "XIV"),
        (28, "lowerLetter", "bb"),
    ],
)
def test_format_number(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_chinese_counting_range():
    assert [chinese_counting(n) for n in (1, 9, 10, 19, 99, 100, 110, 1001)] == [
        "一",
        "九",
        "十",
        "十九",
        "九十九",
        "一百",
        "一百一十",
        "一千零一",
    ]


def test_levels_restarts_and_styles():
    """Two levels ("%1.%2"), a deeper level reset by its parent, isLgl, a style-based list, and a
    restart (startOverride) that applies once, to the instance that asks for it."""
    numbering = etree.fromstring(
        numbering_xml(
            {
                1: _lvl(0, "chineseCounting", "%1、")
                + '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                '<w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>',
                2: _lvl(0, "decimal", "%1)", start=5),
            },
            {1: (1, ""), 2: (2, ""), 3: (2, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')},
        )
    )
    styles = etree.fromstring(
        f'<w:styles xmlns:w="{W}"><w:style w:styleId="Num"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr>'
        '</w:style><w:style w:styleId="Num2"><w:basedOn w:val="Num"/></w:style></w:styles>'
    )
    lists = Numbering(numbering, styles)

    def para(num_id=None, ilvl=0, style=None):
        xml = f'<w:p xmlns:w="{W}"><w:pPr>'
        if style:
            xml += f'<w:pStyle w:val="{style}"/>'
        if num_id is not None:
            xml += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        return etree.fromstring(xml + "</w:pPr></w:p>")

    numbered = [
        lists.number(p)
        for p in [
            para(1),
            para(1, 1),
            para(1, 1),
            para(1),
            para(1, 1),
            para(style="Num2"),
            para(style="Num"),
            para(3),
            para(3),
            para(2),
            para(0),
            para(),
        ]
    ]
    shown = [n.text if n is not None else None for n in numbered]
    assert shown == ["一、", "1.1", "1.2", "二、", "2.1", "5)", "6)", "1)", "2)", "3)", None, None]
