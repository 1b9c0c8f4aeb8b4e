"""The Word document's settings come from the template only (official.yaml for an overlay), and the page
it shares with the PDF and the OFD is one value each: a template that changes it changes all three.
Every check reads the written files back (document.xml, styles.xml, footers, the PDF, OFD's Document.xml)."""

from __future__ import annotations

import copy
import io
import re
import subprocess
import zipfile

import pikepdf
import pytest
from conftest import assert_clean_error, require_tool, run_cli
from lxml import etree

from exporter import templates
from exporter.errors import TemplateError
from exporter.formats import renderer
from exporter.formats.docx.style import load_style
from exporter.ops import select

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 72 / 25.4 * 20


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


@pytest.fixture(scope="module")
def nine(bundled_doc):
    return select.select(bundled_doc, ["九"])


def overlay(tmp_path, text: str) -> templates.Template:
    path = tmp_path / "t.yaml"
    path.write_text("extends: official\n" + text, encoding="utf-8")
    return templates.load(str(path))


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def section_properties(data: bytes):
    return part(data, "word/document.xml").find(f"{W}body/{W}sectPr")


def style_element(data: bytes, style_id: str):
    return part(data, "word/styles.xml").find(f"{W}style[@{W}styleId='{style_id}']")


def test_one_page_setting_changes_the_pdf_the_ofd_and_the_word_document(tmp_path, nine):
    template = overlay(
        tmp_path, "pdf:\n  page: {size: A3, orientation: portrait}\n  margins: {left: 40mm, top: 30mm}\n"
    )
    data = renderer("docx")(nine, template)
    sect = section_properties(data)
    size = sect.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h"), size.get(f"{W}orient")) == (str(twips(297)), str(twips(420)), None)
    margin = sect.find(f"{W}pgMar")
    assert {k: int(margin.get(f"{W}{k}")) for k in ("top", "bottom", "left", "right")} == {
        "top": twips(30),
        "bottom": twips(27),  # official.yaml's, inherited
        "left": twips(40),
        "right": twips(26),
    }
    table_width = part(data, "word/document.xml").find(f".//{W}tblPr/{W}tblW").get(f"{W}w")
    assert int(table_width) == twips(297) - twips(40) - twips(26)
    # The PDF and the OFD of the same template: the same A3 portrait page.
    with pikepdf.open(io.BytesIO(renderer("pdf")(nine, template))) as pdf:
        assert [round(float(v), 2) for v in pdf.pages[0].MediaBox] == [0, 0, 841.89, 1190.55]
    with zipfile.ZipFile(io.BytesIO(renderer("ofd")(nine, template))) as z:
        box = re.search(rb"<ofd:PhysicalBox>([^<]*)<", z.read("Doc_0/Document.xml")).group(1).decode()
    assert [round(float(v)) for v in box.split()] == [0, 0, 297, 420]


def test_page_number_form_and_place_are_shared(tmp_path, nine):
    template = overlay(tmp_path, 'pdf:\n  page_number: {format: "{{第}} {n} 页", below: 10mm}\n')
    data = renderer("docx")(nine, template)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = [n for n in z.namelist() if n.startswith("word/footer")]
    assert len(footers) == 2
    for name in footers:
        texts = [t.text for t in part(data, name).iter(f"{W}t")]
        assert texts == ["{第} ", "1", " 页"]  # before, the PAGE field's cached value, after
    # footer distance: the number's line (四号 × 1.2) begins 10 mm below the text block
    footer = int(section_properties(data).find(f"{W}pgMar").get(f"{W}footer"))
    assert footer == twips(27) - twips(10) - round(14 * 1.2 * 20)
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", "-", "-"],
        input=renderer("pdf")(nine, template),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert "{第} 1 页" in text


def test_cell_padding_grid_and_attachment_label_are_shared(tmp_path, nine):
    template = overlay(
        tmp_path, "labels: {attachment: 附表}\npdf:\n  grid: 30pt\n  table: {padding: {x: 3mm, y: 1mm}}\n"
    )
    data = renderer("docx")(nine, template, attachment="2")
    margins = part(data, "word/document.xml").find(f".//{W}tblPr/{W}tblCellMar")
    assert {el.tag[len(W) :]: int(el.get(f"{W}w")) for el in margins} == {
        "top": twips(1),
        "left": twips(3),
        "bottom": twips(1),
        "right": twips(3),
    }
    spacing = style_element(data, "AttachmentLabel").find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}line"), spacing.get(f"{W}lineRule"), spacing.get(f"{W}after")) == ("600", "exact", "600")
    first = part(data, "word/document.xml").find(f"{W}body/{W}p")
    assert "".join(t.text for t in first.iter(f"{W}t")) == "附表2"
    pdf_text = subprocess.run(
        [require_tool("pdftotext"), "-l", "1", "-", "-"],
        input=renderer("pdf")(nine, template, attachment="2"),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert pdf_text.lstrip().startswith("附表2")


def test_the_word_documents_own_settings_reach_the_file(tmp_path, nine):
    template = overlay(
        tmp_path,
        "docx:\n  table:\n    rules: {inner: 0.25pt, frame: 2pt}\n"
        '    shade: {header: none, section: "#abcdef"}\n    keep_whole: 0%\n'
        "  fonts:\n    page_number: {leading: 2}\n",
    )
    data = renderer("docx")(nine, template)
    tbl = part(data, "word/document.xml").find(f".//{W}tbl")
    borders = {el.tag[len(W) :]: el.get(f"{W}sz") for el in tbl.find(f"{W}tblPr/{W}tblBorders")}
    assert borders == {"top": "16", "left": "16", "bottom": "16", "right": "16", "insideH": "2", "insideV": "2"}
    rows = tbl.findall(f"{W}tr")
    assert rows[0].find(f".//{W}shd") is None  # header: none
    assert rows[1].find(f".//{W}shd").get(f"{W}fill") == "ABCDEF"  # 九、… section row
    # keep_whole 0%: only the header and heading rows are kept whole, no task row
    headings = [r for r in rows[1:] if r.find(f".//{W}gridSpan") is not None]
    assert [r for r in rows if r.find(f"{W}trPr/{W}cantSplit") is not None] == [rows[0], *headings]
    spacing = style_element(data, "PageNumber").find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}line") == str(14 * 2 * 20)
    footer = int(section_properties(data).find(f"{W}pgMar").get(f"{W}footer"))
    assert footer == twips(27) - twips(7) - 14 * 2 * 20
    # official.yaml's own values, for comparison
    plain = renderer("docx")(nine, templates.load())
    plain_tbl = part(plain, "word/document.xml").find(f".//{W}tbl")
    assert plain_tbl.find(f"{W}tblPr/{W}tblBorders/{W}top").get(f"{W}sz") == "8"
    assert plain_tbl.findall(f"{W}tr")[0].find(f".//{W}shd").get(f"{W}fill") == "D9D9D9"


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("docx:\n  margins: {left: 40mm}\n", ["docx.margins", "pdf.margins"]),
        ("docx:\n  page: {size: A3}\n", ["docx.page", "pdf.page"]),
        ("docx:\n  grid: 30pt\n", ["docx.grid", "pdf.grid"]),
        ("docx:\n  page_number: {below: 9mm}\n", ["docx.page_number", "pdf.page_number"]),
        ("docx:\n  table: {padding: {x: 1mm}}\n", ["docx.table.padding", "pdf.table.padding"]),
        ("docx:\n  table: {shade: {header: 灰色}}\n", ["docx.table.shade.header", "灰色"]),
        ("docx:\n  fonts: {body: {bold: 也许}}\n", ["docx.fonts.body.bold", "也许"]),
        ("docx:\n  fonts: {title: {leading: -1}}\n", ["docx.fonts.title.leading"]),
        ("docx:\n  fonts: {title: {space_after: -2mm}}\n", ["docx.fonts.title.space_after"]),
        ("docx:\n  table: {rules: {frame: -1pt}}\n", ["docx.table.rules.frame"]),
        ("docx:\n  table: {columns: {taks: 30%}}\n", ["docx.table.columns", "taks"]),
        ("docx:\n  table: {columns: {task: {align: middle}}}\n", ["docx.table.columns.task", "middle"]),
        ("pdf:\n  margins: {left: -1mm}\n", ["pdf.margins.left"]),
        ("pdf:\n  page: {size: A0}\n", ["pdf.page.size", "A0"]),
        ("pdf:\n  page: {orientation: sideways}\n", ["pdf.page.orientation", "sideways"]),
        ('pdf:\n  page_number: {format: "{n} / {n}"}\n', ["pdf.page_number.format", "{n}"]),
    ],
)
def test_a_wrong_setting_is_named_in_chinese(tmp_path, setting, words):
    template = tmp_path / "bad.yaml"
    template.write_text("extends: official\n" + setting, encoding="utf-8")
    result = run_cli("export", "docx", "--section", "九", "--template", template, "-o", tmp_path / "out.docx")
    assert_clean_error(result, *words)
    assert not (tmp_path / "out.docx").exists()


# Settings whose absence means "none" (no indent, no space, not bold, no character set, no shade), and
# the columns, where a field the template does not mention takes official.yaml's column.
OPTIONAL = re.compile(r"\.(indent|space_after|bold|charset|fallback)$|^docx\.table\.(shade|columns)\.")
SHARED = [
    "labels.attachment",
    "pdf.page.size",
    "pdf.page.orientation",
    *(f"pdf.margins.{k}" for k in ("top", "bottom", "left", "right")),
    "pdf.grid",
    "pdf.page_number.below",
    "pdf.page_number.format",
    "pdf.table.padding.x",
    "pdf.table.padding.y",
]


def leaves(node, path: str):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{path}.{key}")
    else:
        yield path


def test_no_word_setting_has_a_default_in_code():
    """A standalone template missing any value the Word document reads is an error naming that value:
    the only defaults are official.yaml's."""
    official = dict(templates.official())
    required = [p for p in leaves(official["docx"], "docx") if not OPTIONAL.search(p)] + SHARED
    assert len(required) > 30 and "docx.table.keep_whole" in required and "docx.fonts.body.leading" in required
    load_style(templates.Template(copy.deepcopy(official)))  # complete: no error
    for path in required:
        incomplete = copy.deepcopy(official)
        *parents, last = path.split(".")
        node = incomplete
        for key in parents:
            node = node[key]
        del node[last]
        with pytest.raises(TemplateError) as caught:
            load_style(templates.Template(incomplete))
        assert path in caught.value.message, (path, caught.value.message)


@pytest.mark.parametrize(
    ("fmt", "module", "style"),
    [
        ("docx", "exporter.formats.docx.writer", "exporter.formats.docx.style"),
        ("ofd", "exporter.formats.ofd.writer", "exporter.formats.pdf.style"),
    ],
)
def test_a_split_export_parses_the_template_once(monkeypatch, nine, fmt, module, style):
    """Every unit's file is styled from one parse of the template (templates.parsed), the shared page too."""
    import importlib

    from exporter.formats import paper
    from exporter.ops import split

    writer = importlib.import_module(module)
    calls = []

    def counted(parse):
        def wrapper(template):
            calls.append(parse.__module__)
            return parse(template)

        return wrapper

    monkeypatch.setattr(writer, "load_style", counted(writer.load_style))
    monkeypatch.setattr(paper, "load", counted(paper.load))
    files = split.render_by_unit(nine, templates.load(), fmt, writer.render, {})
    assert len(files) == 1 + len(nine.units()) > 3
    assert sorted(calls) == sorted([style, "exporter.formats.paper"])
