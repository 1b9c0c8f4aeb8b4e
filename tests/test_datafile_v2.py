"""Data format 2: the table's columns as data; format 1 files still load as the four seed columns."""

from pathlib import Path

import pytest

from exporter.errors import DataErrors
from exporter.formats import datafile
from exporter.model import SEED_COLUMNS, Column
from tests.conftest import DATA, assert_clean_error, run_cli
from tests.test_datafile import GOOD as FORMAT_1

DOCUMENTS = Path(__file__).parent / "documents"
WIDE = DOCUMENTS / "progress-8.yaml"
BREAKDOWN = DOCUMENTS / "breakdown-7.yaml"

SMALL = """format: 2
document:
  title: 测试
columns:
  - {field: number, label: 序号}
  - {field: task, label: 主要任务}
  - {field: units, label: 牵头单位}
  - {field: co_units, label: 责任单位}
  - {field: remarks, label: 备注}
  - {field: extra, label: 联系电话}
sections:
  - numeral: ''
    title: ''
    tasks:
      - number: 5
        task: 任务五。
        units:
          - 区发改委
        co_units:
          - 区财政局
        remarks: 已完成
        extra:
          联系电话: 3021234
"""


def problems(text):
    with pytest.raises(DataErrors) as info:
        datafile.parse(text, "d.yaml")
    return info.value.problems


def one_problem(text, *needles, line=None):
    found = problems(text)
    assert len(found) == 1, [str(p) for p in found]
    for needle in needles:
        assert needle in str(found[0]), (needle, str(found[0]))
    if line is not None:
        assert found[0].line == line, str(found[0])
    return found[0]


def test_wide_document_fields_are_read_one_by_one():
    doc = datafile.load(WIDE.read_bytes(), str(WIDE))
    assert [(c.field, c.label) for c in doc.columns] == [
        ("number", "序号"),
        ("task", "目标任务"),
        ("units", "牵头单位"),
        ("co_units", "配合单位"),
        ("leaders", "分管县领导"),
        ("progress", "落实情况"),
        ("deadline", "完成时限"),
        ("extra", "联系电话"),
    ]
    tasks = {t.number: t for t in doc.all_tasks()}
    assert sorted(tasks) == [3, 7, 12, 13, 20]
    t = tasks[7]
    assert t.units == ["区发展改革委", "区住建局"] and t.co_units == ["各乡镇（街道）"]
    assert t.leaders == ["王明", "李华"] and t.deadline == "2024年12月底"
    assert t.extra == {"联系电话": "3021235"}
    assert t.owners == [] and t.problems == [] and t.status == "" and t.remarks == ""
    assert tasks[12].progress[1] == "=SUM(A1:A3) 照原文保留，不是公式。"
    assert tasks[12].extra == {"联系电话": ""}
    assert tasks[13].co_units == [] and tasks[13].progress == [] and tasks[13].extra == {"联系电话": "3021238"}
    assert tasks[3].extra["联系电话"] == "0557-3021234"  # kept as written, not a number


@pytest.mark.parametrize("path", [WIDE, BREAKDOWN], ids=lambda p: p.name)
def test_format_2_round_trip_is_byte_exact(path):
    data = path.read_bytes()
    assert datafile.dump(datafile.load(data, str(path))) == data


def test_only_the_fields_of_the_columns_are_written():
    text = datafile.dump(datafile.load(BREAKDOWN.read_bytes(), "b")).decode("utf-8")
    assert "progress" not in text and "owners" not in text and "status" not in text
    assert "\n        co_units: []\n" in text  # an empty cell of a column is still written
    task = text.split("      - number: 1\n")[1].split("      - number: 2\n")[0]
    assert [line.split(":")[0].strip() for line in task.splitlines() if not line.startswith("          ")] == [
        "task",
        "units",
        "co_units",
        "leaders",
        "deadline",
        "extra",
    ]  # the fixed order of model.FIELDS


def test_format_1_loads_as_the_seed_columns_and_is_written_as_format_2():
    doc = datafile.parse(FORMAT_1, "d.yaml")
    assert doc.columns == list(SEED_COLUMNS)
    assert [(c.field, c.label) for c in doc.columns] == [
        ("number", "序号"),
        ("task", "重点工作任务"),
        ("progress", "完成情况"),
        ("units", "牵头责任单位"),
    ]
    text = datafile.dump(doc).decode("utf-8")
    assert text.startswith("format: 2\n")
    assert (
        "columns:\n  - {field: number, label: 序号}\n  - {field: task, label: 重点工作任务}\n"
        "  - {field: progress, label: 完成情况}\n  - {field: units, label: 牵头责任单位}\nsections:\n" in text
    )
    again = datafile.parse(text, "d.yaml")
    assert [datafile._task_dict(t) for t in again.all_tasks()] == [datafile._task_dict(t) for t in doc.all_tasks()]
    assert again.columns == doc.columns


def test_bundled_data_is_format_2_with_the_seed_columns(bundled_doc):
    assert DATA.read_text(encoding="utf-8").startswith("format: 2\n")
    assert bundled_doc.columns == list(SEED_COLUMNS)
    assert datafile.dump(bundled_doc) == DATA.read_bytes()


def test_small_document_and_check(tmp_path):
    doc = datafile.parse(SMALL, "d.yaml")
    (task,) = doc.all_tasks()
    assert (task.units, task.co_units, task.remarks, task.extra) == (
        ["区发改委"],
        ["区财政局"],
        "已完成",
        {"联系电话": "3021234"},
    )
    assert doc.columns[3] == Column("co_units", "责任单位")
    path = tmp_path / "s.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = run_cli("check", path)
    assert result.code == 0 and "1 项任务" in result.out, result


def test_missing_cells_of_declared_columns_read_as_empty():
    doc = datafile.parse(
        SMALL.replace("        remarks: 已完成\n", "").replace("        co_units:\n          - 区财政局\n", ""),
        "d.yaml",
    )
    (task,) = doc.all_tasks()
    assert task.remarks == "" and task.co_units == []


@pytest.mark.parametrize(
    "edit, needles, line",
    [
        (
            ("  - {field: remarks, label: 备注}", "  - {field: remark, label: 备注}"),
            ("列的字段“remark”不认识", "field: extra"),
            9,
        ),
        (
            ("  - {field: remarks, label: 备注}", "  - {field: units, label: 备注}"),
            ("列的字段“units”重复（第 7 行已有）",),
            9,
        ),
        (
            ("  - {field: remarks, label: 备注}", "  - {field: extra, label: 联系电话}"),
            ("其他列“联系电话”重复（第 9 行已有）",),
            10,
        ),
        (
            ("  - {field: remarks, label: 备注}", "  - {field: remarks, label: ''}"),
            ("列“remarks”缺少表头文字 label",),
            9,
        ),
        (("  - {field: remarks, label: 备注}", "  - {field: remarks}"), ("列“remarks”缺少表头文字 label",), 9),
        (("  - {field: number, label: 序号}\n", ""), ("columns 中缺少序号列 number",), 5),
        (
            ("        remarks: 已完成\n", "        status: 已完成\n"),
            ("任务 5", "任务中有字段“status”（完成状态），但 columns 中没有这一列", "{field: status, label: 表头文字}"),
            21,
        ),
        (
            ("          联系电话: 3021234", "          电话: 3021234"),
            ("其他列 extra 中的“电话”不是表格的列", "extra 列的表头是：联系电话"),
            23,
        ),
        (("          - 区财政局", "          - 区发改委"), ("单位“区发改委”同时列为牵头单位和配合单位",), 20),
        (
            (
                "        co_units:\n          - 区财政局",
                "        co_units:\n          - 区财政局\n          - 区财政局",
            ),
            ("单位重复：区财政局",),
            20,
        ),
        (("format: 2", "format: 3"), ("不支持的格式版本“3”", "format: 1 和 format: 2"), 1),
        (("        remarks: 已完成", "        remarks: [已完成]"), ("备注 remarks应是一段文字",), 21),
        (
            ("        extra:\n          联系电话: 3021234\n", "        extra: 3021234\n"),
            ("其他列 extra应是“键: 值”的映射",),
            22,
        ),
    ],
)
def test_format_2_problems_name_the_line(edit, needles, line):
    old, new = edit
    assert old in SMALL
    one_problem(SMALL.replace(old, new), *needles, line=line)


def test_columns_missing_or_misplaced():
    one_problem(SMALL.split("columns:\n")[0] + "sections:" + SMALL.split("sections:")[1], "缺少字段 columns", line=1)
    bad = FORMAT_1.replace("sections:", "columns:\n  - {field: number, label: 序号}\nsections:", 1)
    one_problem(bad, "格式 1 的文件不能有 columns", "format: 2", line=7)
    # A format-1 task holds only the seed fields.
    bad = FORMAT_1.replace("        progress: []\n", "        progress: []\n        deadline: 6月\n")
    one_problem(bad, "未知的字段“deadline”", line=19)


def test_bad_format_2_file_is_refused_by_every_command(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(SMALL.replace("{field: remarks, label: 备注}", "{field: note, label: 备注}"), encoding="utf-8")
    assert_clean_error(run_cli("check", path), "bad.yaml 第 9 行", "列的字段“note”不认识")
    target = tmp_path / "out.xlsx"
    assert_clean_error(run_cli("export", "xlsx", "--data", path, "-o", target), "列的字段“note”不认识")
    assert not target.exists()
