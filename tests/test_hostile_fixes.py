"""Targeted proofs for issue 16 items that are not a plain refusal (those are in test_hostile.py)."""

from __future__ import annotations

import pytest
from conftest import DATA, require_tool, run_cli

from exporter import templates
from exporter.formats.pdf.style import load_style


def _style(pdf: dict):
    return load_style(templates._merge(templates.load(), {"pdf": pdf}))


@pytest.mark.parametrize("value, expected", [("no", False), ("否", False), ("yes", True), (False, False)])
def test_justify_words_read_as_written(value, expected):
    assert _style({"table": {"justify": value}}).justify is expected


def test_min_lines_as_quoted_number():
    assert _style({"table": {"min_lines": "3"}}).min_lines == 3


def test_long_attachment_label_is_drawn_whole(tmp_path):
    label = "附件" + "（请各单位于月底前报送）" * 12
    (tmp_path / "t.yaml").write_text(f"labels: {{attachment: {label}}}\n", encoding="utf-8")
    out = tmp_path / "o.pdf"
    result = run_cli(
        "export", "pdf", "--section", "九", "--attachment", "2", "--template", tmp_path / "t.yaml", "-o", out
    )
    assert result.code == 0, result.err
    import subprocess

    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", "-f", "1", "-l", "1", out, "-"], capture_output=True, text=True
    ).stdout
    flat = "".join(text.split())
    assert flat.count("请各单位于月底前报送") == 12 and (label + "2").replace("（", "").replace(
        "）", ""
    ) in flat.replace("（", "").replace("）", "")


def test_check_warns_about_a_gap_in_the_numbering(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    start = text.index("          - number: 87\n")
    end = text.index("          - number: 88\n")
    (tmp_path / "gap.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = run_cli("check", tmp_path / "gap.yaml")
    assert result.code == 0
    assert "序号 86 之后缺少 87（共 1 项）" in result.err
    assert "114 项任务" in result.out
    assert "缺少" not in run_cli("check", DATA).err


def test_column_labels_and_a_task_without_units_survive_the_workbook(tmp_path):
    # Found by bench/fuzz.py: a format-2 file's own column label and a task whose units were emptied
    # (both valid data) did not come back from the workbook.
    text = DATA.read_text(encoding="utf-8").replace("label: 牵头责任单位", "label: 牵头单位", 1)
    start = text.index("            units:\n              - 市生态环境局\n", text.index("number: 86"))
    text = (
        text[:start]
        + "            units: []\n"
        + text[start + len("            units:\n              - 市生态环境局\n") :]
    )
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")
    assert (
        run_cli("export", "xlsx", "--data", tmp_path / "d.yaml", "--section", "九", "-o", tmp_path / "o.xlsx").code == 0
    )
    result = run_cli("import", tmp_path / "o.xlsx")
    assert result.code == 0, result.err
    assert "label: 牵头单位}" in result.out or "label: 牵头单位\n" in result.out
    from exporter.formats import datafile

    doc = datafile.load(result.out.encode(), "back")
    assert next(t for t in doc.all_tasks() if t.number == 86).units == []
    assert next(t for t in doc.all_tasks() if t.number == 87).units == ["市生态环境局"]
