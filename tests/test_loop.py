"""The office's round trip: split by unit, a unit edits its workbook, import, diff, merge, diff again."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import DATA, run_cli

from exporter.formats import datafile
from exporter.formats.xlsx import reader as xlsx_reader
from exporter.ops import compare

UNIT = "市生态环境局"
OLD = "3.237个农村黑臭水体治理任务已完成。"
NEW = "3.237个农村黑臭水体治理任务已全部完成，群众满意度明显提升。"


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("loop") / "各单位"
    result = run_cli("export", "xlsx", "--split-by", "unit", "-o", folder)
    assert result.code == 0, result.err
    return folder


def edit_completion(path: Path, number: int, old: str, new: str, target: Path) -> None:
    """What a unit's clerk does: change one line of a completion cell in WPS/Excel and save."""
    wb = openpyxl.load_workbook(path)
    hits = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            if str(row[0].value).strip() == str(number):
                assert old in row[2].value
                row[2].value = row[2].value.replace(old, new)
                hits += 1
    assert hits == 1
    wb.save(target)


def bundled_doc_task(doc, number):
    return next(t for t in doc.all_tasks() if t.number == number)


def test_unedited_parts_read_back_unchanged(parts, bundled_doc):
    for unit in bundled_doc.units():
        path = parts / f"{unit}.xlsx"
        part = xlsx_reader.read_workbook(path.read_bytes(), str(path))
        assert part.meta.get("unit") == unit
        assert compare.diff(bundled_doc, part) == [], unit
        assert [t.number for t in part.all_tasks()] == [t.number for t in bundled_doc.all_tasks() if unit in t.units]


def test_edit_import_diff_merge(parts, tmp_path, bundled_doc):
    paragraph = next(i for i, p in enumerate(bundled_doc_task(bundled_doc, 88).progress) if p == OLD) + 1
    edited = tmp_path / f"{UNIT}.xlsx"
    edit_completion(parts / f"{UNIT}.xlsx", 88, OLD, NEW, edited)

    returned = tmp_path / f"{UNIT}.yaml"
    result = run_cli("import", edited, "-o", returned)
    assert result.code == 0, result.err

    # The returned part differs from the base in exactly that paragraph.
    result = run_cli("diff", DATA, returned)
    assert result.code == 1
    expected = f"任务 88\n  完成情况 第{paragraph}段 修改\n    原：{OLD}\n    新：{NEW}"
    assert expected in result.out
    assert "共 1 处差异：修改 1 项任务。" in result.out
    assert f"“{UNIT}”的返回部分（7 项任务）" in result.out

    merged = tmp_path / "merged.yaml"
    result = run_cli("merge", DATA, returned, "-o", merged)
    assert result.code == 0, result.err
    assert f"{returned}：任务 88 完成情况" in result.err
    assert run_cli("check", merged).code == 0

    result = run_cli("diff", DATA, merged)
    assert result.code == 1
    assert expected in result.out and "共 1 处差异：修改 1 项任务。" in result.out
    changes = compare.diff(bundled_doc, datafile.load(merged.read_bytes(), str(merged)))
    assert changes == [compare.Change("progress", 88, action="修改", index=paragraph, old=OLD, new=NEW)]


def test_two_units_returning_the_same_shared_task(parts, tmp_path):
    """Task 7 is in both 市发展改革委's and 市生态环境局's workbooks; different edits must not merge."""
    paths = []
    for unit, words in (("市发展改革委", "（发改委补充）"), (UNIT, "（生态环境局补充）")):
        edited = tmp_path / f"{unit}.xlsx"
        wb = openpyxl.load_workbook(parts / f"{unit}.xlsx")
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                if str(row[0].value).strip() == "7":
                    row[2].value += words
        wb.save(edited)
        returned = tmp_path / f"{unit}.yaml"
        assert run_cli("import", edited, "-o", returned).code == 0
        paths.append(returned)
    merged = tmp_path / "merged.yaml"
    result = run_cli("merge", DATA, *paths, "-o", merged)
    assert result.code == 1
    assert "合并冲突" in result.err and "任务 7" in result.err and "完成情况" in result.err
    assert str(paths[0]) in result.err and str(paths[1]) in result.err
    assert not merged.exists()
