"""Merge is three-way (issue 16 items 4–5): a part carries what it was made from, so merge takes only
what the unit changed, keeps what the office corrected since, stops on a real conflict and refuses a
part of another document. The round trip is the real one: split to workbooks, edit, import, merge."""

from __future__ import annotations

import pytest
from conftest import DATA, assert_clean_error, run_cli
from openpyxl import load_workbook

from exporter.formats import datafile

UNIT = "市生态环境局"
OLD_86 = "深入实施大气、水、土壤污染防治升级版。"


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    """The unit's workbook as distributed, and the part file of it imported unchanged."""
    folder = tmp_path_factory.mktemp("round")
    assert run_cli("export", "xlsx", "--split-by", "unit", "-o", folder / "out").code == 0
    book = folder / "out" / f"{UNIT}.xlsx"
    assert run_cli("import", book, "-o", folder / "part.yaml").code == 0
    return book, folder / "part.yaml"


def _base(tmp_path, old=None, new=None):
    text = DATA.read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "base.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _edited_part(tmp_path, book, cell_text_old, cell_text_new):
    wb = load_workbook(book)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell_text_old in cell.value:
                    cell.value = cell.value.replace(cell_text_old, cell_text_new)
    wb.save(tmp_path / "edited.xlsx")
    assert run_cli("import", tmp_path / "edited.xlsx", "-o", tmp_path / "edited.yaml").code == 0
    return tmp_path / "edited.yaml"


def _task(path, number):
    doc = datafile.load(path.read_bytes(), str(path))
    return next(t for t in doc.all_tasks() if t.number == number)


def test_part_records_what_it_was_made_from(returned):
    doc = datafile.load(returned[1].read_bytes(), "part")
    assert doc.meta["unit"] == UNIT and len(doc.meta["origin"]) == 16
    assert len(doc.meta["basis"]) == len(doc.all_tasks()) and doc.meta["basis"][0].startswith("7 task=")


def test_unchanged_part_keeps_a_correction_made_after_the_split(tmp_path, returned):
    base = _base(tmp_path, OLD_86, "深入实施大气、水、土壤污染防治升级版（已更正）。")
    result = run_cli("merge", base, returned[1], "-o", tmp_path / "merged.yaml")
    assert result.code == 0, result.err
    assert _task(tmp_path / "merged.yaml", 86).task == "深入实施大气、水、土壤污染防治升级版（已更正）。"
    assert "part.yaml：没有改动" in result.err and "合并完成：各返回文件与底稿相同" in result.err


def test_unit_edit_is_taken_beside_a_later_correction(tmp_path, returned):
    base = _base(tmp_path, OLD_86, "深入实施大气、水、土壤污染防治升级版（已更正）。")
    part = _edited_part(tmp_path, returned[0], "土壤环境质量总体保持稳定", "土壤环境质量总体稳中向好")
    result = run_cli("merge", base, part, "-o", tmp_path / "merged.yaml")
    assert result.code == 0, result.err
    merged = _task(tmp_path / "merged.yaml", 86)
    assert merged.task.endswith("（已更正）。")
    assert merged.progress[2] == "3.全市受污染耕地、污染地块安全利用率均保持100%，土壤环境质量总体稳中向好。"
    assert "任务 86 完成情况" in result.err


def test_both_changed_the_same_field_differently_is_a_conflict(tmp_path, returned):
    base = _base(tmp_path, "土壤环境质量总体保持稳定", "土壤环境质量保持稳定")
    part = _edited_part(tmp_path, returned[0], "土壤环境质量总体保持稳定", "土壤环境质量总体稳中向好")
    result = run_cli("merge", base, part, "-o", tmp_path / "merged.yaml")
    assert_clean_error(result, "底稿在分发后也改过", "任务 86 的完成情况", "稳中向好", "没有写出合并文件")
    assert not (tmp_path / "merged.yaml").exists()


def test_part_of_another_document_is_refused(tmp_path, returned):
    base = _base(tmp_path, "title: 2023年《政府工作报告》", "title: 2024年《政府工作报告》")
    result = run_cli("merge", base, returned[1], "-o", tmp_path / "merged.yaml")
    assert_clean_error(result, "来自另一份文件", "不能合并")
    assert not (tmp_path / "merged.yaml").exists()


def test_diff_of_a_part_does_not_list_its_stamp(returned):
    result = run_cli("diff", DATA, returned[1])
    assert result.code == 0, result.out
    assert "basis" not in result.out and "origin" not in result.out
