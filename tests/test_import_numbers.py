"""Issue 16 item 1: a number line written differently or lost never merges two tasks."""

import pytest

from exporter.errors import SourceError
from exporter.formats.pagetext import parse_text
from tests.conftest import assert_clean_error, run_cli

PAGE = """2024年重点工作任务完成情况
序号
重点工作任务
完成情况
牵头责任单位
1
新建高标准农田9.6万亩。
已完成新建任务，正在验收。
市农业农村局
{two}
支持有条件的镇改街道。
已完成。
市民政局
3
实施农村公路提质改造。
已完成改造120公里。
市交通运输局
"""


@pytest.mark.parametrize("spelling", ["2", "2.", "2、", "2。", "（2）", "(2)", "2)", "第2项", " 2 "])
def test_common_spellings_read_as_the_number(spelling):
    doc = parse_text(PAGE.format(two=spelling), "p.txt")
    tasks = {t.number: t for t in doc.all_tasks()}
    assert list(tasks) == [1, 2, 3]
    assert (tasks[1].task, tasks[1].units) == ("新建高标准农田9.6万亩。", ["市农业农村局"])
    assert (tasks[2].task, tasks[2].progress, tasks[2].units) == ("支持有条件的镇改街道。", ["已完成。"], ["市民政局"])


@pytest.mark.parametrize("spelling", ["2a", "1234567", "2b."])
def test_unreadable_number_stops_with_its_line(spelling):
    with pytest.raises(SourceError) as info:
        parse_text(PAGE.format(two=spelling), "p.txt")
    assert info.value.line == 10
    assert f"无法识别的序号“{spelling}”" in info.value.message


def test_deleted_number_line_is_not_merged_into_the_task_above(tmp_path):
    text = PAGE.replace("市农业农村局\n{two}\n", "市农业农村局\n")
    with pytest.raises(SourceError) as info:
        parse_text(text, "p.txt")
    assert info.value.task == 1 and info.value.line == 10
    assert "序号缺失或写错" in info.value.message
    src, out = tmp_path / "p.txt", tmp_path / "p.yaml"
    src.write_text(text, encoding="utf-8")
    result = run_cli("import", src, "-o", out)
    assert_clean_error(result, "第 10 行", "任务 1", "序号缺失或写错")
    assert not out.exists()


def test_missing_numbers_are_reported(tmp_path):
    text = PAGE.format(two="2").replace("\n3\n", "\n7\n")
    src, out = tmp_path / "p.txt", tmp_path / "p.yaml"
    src.write_text(text, encoding="utf-8")
    result = run_cli("import", src, "-o", out)
    assert result.code == 0, result.err
    assert "缺少序号 3–6（共 4 项，2 之后是 7）" in result.err
    lines = []
    doc = parse_text(text, "p.txt", report=lines.append)
    assert [t.number for t in doc.all_tasks()] == [1, 2, 7]
    assert any("缺少序号 3–6" in line for line in lines)


def test_numbers_need_not_start_at_one():
    text = PAGE.format(two="68").replace("\n1\n", "\n3\n").replace("\n3\n实施", "\n69\n实施")
    doc = parse_text(text, "p.txt")
    assert [t.number for t in doc.all_tasks()] == [3, 68, 69]
