"""Reviewed reference outputs: every line of `--section 九` as laid out on the PDF pages (page, position
rounded to 0.1 pt, size, font, text) and every cell of its workbook. A layout change shows up as a
diff of a text file that someone reads.

Regenerate after a deliberate change with `pytest tests/test_snapshots.py --update-snapshots`, then
read `git diff tests/snapshots/` before committing.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporter import templates
from exporter.formats.pdf.fonts import FontBook
from exporter.formats.pdf.layout import Layout
from exporter.formats.pdf.style import load_style
from exporter.formats.xlsx import writer as xlsx
from exporter.ops import select

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


@pytest.fixture(scope="module")
def section_nine(bundled_doc):
    return select.select(bundled_doc, ["九"])


def pdf_lines(doc) -> str:
    template = templates.load(None)
    style = load_style(template)
    layout = Layout(style, FontBook(template, style.fallback))
    out = []
    for page in layout.pages(doc):
        for t in page.texts:
            line = t.line
            out.append(
                f"p{page.number} x={t.x:7.1f} y={t.y:6.1f} {line.size:4.1f}pt "
                f"{line.chain.primary.spec.alias} {line.text}"
            )
    return "\n".join(out) + "\n"


def workbook_cells(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    out = []
    for sheet in book.worksheets:
        out.append(f"== {sheet.title} ({sheet.sheet_state})")
        widths = [
            f"{k}={sheet.column_dimensions[k].width:.1f}"
            for k in sorted(sheet.column_dimensions)
            if sheet.column_dimensions[k].width
        ]
        out.append("widths " + " ".join(widths))
        out.append("merged " + " ".join(sorted(str(r) for r in sheet.merged_cells.ranges)))
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    out.append(f"{cell.coordinate} {cell.value!r}")
    return "\n".join(out) + "\n"


def compare(name: str, actual: str, update: bool) -> None:
    path = SNAPSHOTS / name
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {name}: run pytest --update-snapshots and review it"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        import difflib

        diff = "\n".join(
            difflib.unified_diff(expected.splitlines(), actual.splitlines(), name, "now", lineterm="", n=1)
        )
        pytest.fail(f"{name} changed; review and run pytest --update-snapshots if intended:\n{diff[:4000]}")


def test_pdf_lines_of_section_nine(section_nine, request):
    compare("section-九.pdf-lines.txt", pdf_lines(section_nine), request.config.getoption("--update-snapshots"))


def test_workbook_cells_of_section_nine(section_nine, request):
    data = xlsx.render(section_nine, templates.load(None))
    compare("section-九.xlsx-cells.txt", workbook_cells(data), request.config.getoption("--update-snapshots"))


def test_snapshots_hold_every_task_of_section_nine(section_nine):
    # The snapshot files themselves are the reviewed truth: they carry the section's every task number.
    lines = (SNAPSHOTS / "section-九.pdf-lines.txt").read_text(encoding="utf-8")
    for task in section_nine.all_tasks():
        assert f" {task.number}\n" in lines or f" {task.number}（续）\n" in lines, task.number
