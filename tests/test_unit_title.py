"""`export --unit` gives the unit's own part, as `--split-by unit` does: the unit's name in the title
metadata of the PDF, the Word document and the OFD, the unit's line under the title, and one subject
(model.file_subject) in all three. Everything is read back from the files written by the command."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pikepdf
import pytest
from docx import Document as WordDocument

from exporter import templates
from exporter.formats import renderer
from exporter.model import Document, file_subject, number_list
from exporter.ops import select, split
from tests.conftest import require_tool, run_cli

UNIT = "市发展改革委"
TITLE = "2023年《政府工作报告》重点工作任务完成情况"


@pytest.fixture(scope="module")
def written(tmp_path_factory, bundled_doc):
    """`export FMT --unit 市发展改革委` for PDF, Word, OFD and the workbook, and `--section 九 --unit` for the PDF."""
    folder = tmp_path_factory.mktemp("unit")
    files = {}
    for fmt in ("pdf", "docx", "ofd", "xlsx"):
        files[fmt] = folder / f"unit.{fmt}"
        result = run_cli("export", fmt, "--unit", UNIT, "-o", files[fmt])
        assert result.code == 0, result.err
    files["nine"] = folder / "nine.pdf"
    assert run_cli("export", "pdf", "--section", "九", "--unit", UNIT, "-o", files["nine"]).code == 0
    return files


def led_and_joined(doc, unit):
    tasks = [t for t in doc.all_tasks() if unit in t.units]
    return [t.number for t in tasks if t.units[0] == unit], [t.number for t in tasks if t.units[0] != unit]


def ofd_info(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("OFD.xml").decode("utf-8")
    return dict(re.findall(r"<ofd:(Title|Subject|Author)>([^<]*)</ofd:", xml))


def test_the_unit_file_is_the_unit_part_of_split_by_unit(written, bundled_doc):
    """Byte for byte what `--split-by unit` renders for the unit (split.render_by_unit renders unit_part)."""
    template = templates.load()
    part = split.unit_part(bundled_doc, UNIT)
    for fmt in ("pdf", "docx", "ofd", "xlsx"):
        assert written[fmt].read_bytes() == renderer(fmt)(part, template), fmt


def test_title_metadata_names_the_unit_in_pdf_word_and_ofd(written, bundled_doc):
    title = f"{TITLE}（{UNIT}）"
    assert bundled_doc.title == TITLE
    info = subprocess.run([require_tool("pdfinfo"), written["pdf"]], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+(.*)$", info, re.M).group(1) == title
    with pikepdf.open(written["pdf"]) as pdf:
        assert str(pdf.docinfo["/Title"]) == title
        with pdf.open_metadata() as xmp:  # PDF/A: the XMP says the same
            assert xmp["dc:title"] == title
    word = WordDocument(str(written["docx"]))
    assert word.core_properties.title == title
    with zipfile.ZipFile(written["docx"]) as z:
        assert f"<dc:title>{title}</dc:title>" in z.read("docProps/core.xml").decode("utf-8")
    assert ofd_info(written["ofd"].read_bytes())["Title"] == title
    # The whole document keeps its own title.
    whole = renderer("ofd")(bundled_doc, templates.load())
    assert ofd_info(whole)["Title"] == TITLE


def test_the_unit_line_is_under_the_title_in_pdf_and_word(written, bundled_doc):
    led, joined = led_and_joined(bundled_doc, UNIT)
    line = (
        f"本单位：{UNIT}。牵头 {len(led)} 项（{'、'.join(map(str, led))}）；"
        f"参与 {len(joined)} 项（{'、'.join(map(str, joined))}）"
    )
    assert (len(led), len(joined)) == (24, 2)
    text = subprocess.run(
        [require_tool("pdftotext"), "-l", "1", written["pdf"], "-"], capture_output=True, text=True, check=True
    ).stdout.replace("\n", "")
    assert text.index(TITLE) < text.index(line)
    paragraphs = [p.text for p in WordDocument(str(written["docx"])).paragraphs]
    assert paragraphs[:2] == [TITLE, line]


def test_one_subject_in_pdf_word_and_ofd(written, bundled_doc):
    numbers = [t.number for t in select.select(bundled_doc, unit=UNIT).all_tasks()]
    subject = f"重点工作任务完成情况（任务 {number_list(numbers)}，共 26 项）"
    assert len(numbers) == 26 and file_subject(split.unit_part(bundled_doc, UNIT)) == subject
    with pikepdf.open(written["pdf"]) as pdf:
        assert str(pdf.docinfo["/Subject"]) == subject
    assert WordDocument(str(written["docx"])).core_properties.subject == subject
    assert ofd_info(written["ofd"].read_bytes())["Subject"] == subject
    # A document without tasks says what it is, without numbers.
    assert file_subject(Document(meta={"title": TITLE}, sections=[])) == "重点工作任务完成情况"


def test_a_section_and_a_unit_name_the_unit_and_only_the_sections_tasks(written, bundled_doc):
    nine = select.select(bundled_doc, ["九"], UNIT)
    numbers = [t.number for t in nine.all_tasks()]
    assert numbers and len(numbers) < 26
    with pikepdf.open(written["nine"]) as pdf:
        assert str(pdf.docinfo["/Title"]) == f"{TITLE}（{UNIT}）"
        assert str(pdf.docinfo["/Subject"]) == (
            f"重点工作任务完成情况（任务 {number_list(numbers)}，共 {len(numbers)} 项）"
        )
