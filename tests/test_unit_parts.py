"""A unit's own part says which tasks the unit leads and which it co-leads, in both formats."""

import subprocess

from openpyxl import load_workbook

from tests.conftest import require_tool, run_cli


def expected_line(doc, unit):
    led = [t.number for t in doc.all_tasks() if t.units[0] == unit]
    joined = [t.number for t in doc.all_tasks() if unit in t.units[1:]]
    return (
        f"本单位：{unit}。牵头 {len(led)} 项（{'、'.join(map(str, led))}）；"
        f"参与 {len(joined)} 项（{'、'.join(map(str, joined))}）"
    )


def test_role_line_in_pdf_and_workbook(tmp_path, bundled_doc):
    unit = "市生态环境局"
    line = expected_line(bundled_doc, unit)
    assert line == "本单位：市生态环境局。牵头 5 项（86、87、88、89、94）；参与 2 项（7、90）"
    for fmt in ("pdf", "xlsx"):
        result = run_cli("export", fmt, "--split-by", "unit", "-o", tmp_path / fmt)
        assert result.code == 0, result.err
    text = subprocess.run(
        [require_tool("pdftotext"), "-l", "1", tmp_path / "pdf" / f"{unit}.pdf", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert line in text.replace("\n", "")
    wb = load_workbook(tmp_path / "xlsx" / f"{unit}.xlsx")
    contents = wb.worksheets[0]
    assert line in [c.value for row in contents.iter_rows() for c in row]
    # The whole document has no such line.
    whole = tmp_path / "whole.xlsx"
    assert run_cli("export", "xlsx", "-o", whole).code == 0
    values = [c.value for row in load_workbook(whole).worksheets[0].iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.startswith("本单位：") for v in values)
