"""The data file: round trip, the checker, and every kind of bad input."""

import re

import pytest

from exporter.errors import DataErrors
from exporter.formats import datafile
from tests.conftest import DATA, assert_clean_error, run_cli

GOOD = """format: 1
document:
  title: 测试文件
  issuer: 宿州市政府办公室
  custom_field: 保留我
sections:
  - numeral: 一
    title: 第一部分
    tasks:
      - number: 1
        task: 任务一。
        progress:
          - 已完成。
        units:
          - 市统计局
      - number: 2
        task: 任务二。
        progress: []
        units:
          - 市统计局
          - 市财政局
"""


def write(tmp_path, text, name="d.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(text):
    with pytest.raises(DataErrors) as info:
        datafile.parse(text, "d.yaml")
    return info.value.problems


def test_round_trip_keeps_unknown_document_fields():
    doc = datafile.parse(GOOD, "d.yaml")
    assert doc.meta["custom_field"] == "保留我"
    again = datafile.parse(datafile.dump(doc).decode("utf-8"), "d.yaml")
    assert datafile.to_dict(again) == datafile.to_dict(doc)


def test_dump_is_block_style_with_unescaped_chinese(bundled_doc):
    text = datafile.dump(bundled_doc).decode("utf-8")
    assert "title: 2023年《政府工作报告》重点工作任务完成情况" in text
    assert "\\u" not in text and "{" not in text.split("\nsections:\n")[1]  # columns are one line each
    assert "\ncolumns:\n  - {field: number, label: 序号}\n  - {field: task, label: 重点工作任务}\n" in text
    assert re.search(r"\n +- number: 86\n +task: 深入实施大气、水、土壤污染防治升级版。\n", text)


def test_scalars_are_kept_as_written():
    doc = datafile.parse(
        GOOD.replace("任务一。", "yes").replace("市统计局\n      - number: 2", "0012\n      - number: 2"), "d"
    )
    assert doc.all_tasks()[0].task == "yes"
    assert doc.all_tasks()[0].units == ["0012"]


def test_check_clean_file(tmp_path):
    result = run_cli("check", write(tmp_path, GOOD))
    assert result.code == 0
    assert "没有发现问题" in result.out and "2 项任务" in result.out


def test_check_bundled_data():
    result = run_cli("check", DATA)
    assert result.code == 0
    assert "12 个部分，30 个小标题，115 项任务" in result.out


def test_yaml_syntax_error(tmp_path):
    bad = GOOD.replace("  title: 测试文件", "  title: [测试文件")
    result = run_cli("check", write(tmp_path, bad))
    assert_clean_error(result, "YAML 语法错误（与第 3 行有关）", "d.yaml 第 4 行", "修改方法")
    assert result.code == 1


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    result = run_cli("check", write(tmp_path, bomb))
    assert_clean_error(result, "锚点或别名", "第 1 行")


def test_alias_in_a_task_is_refused_with_its_line(tmp_path):
    bad = GOOD.replace("        task: 任务二。", "        task: *first").replace(
        "        task: 任务一。", "        task: &first 任务一。"
    )
    result = run_cli("check", write(tmp_path, bad))
    assert_clean_error(result, "锚点或别名", "第 11 行")  # the anchor, first of the pair
    assert result.code == 1


def test_ampersand_and_asterisk_in_text_are_plain_text():
    text = GOOD.replace("任务一。", "“R&D”投入增长*10%，“&a”与“*a”照原文。")
    doc = datafile.parse(text, "d.yaml")
    assert doc.all_tasks()[0].task == "“R&D”投入增长*10%，“&a”与“*a”照原文。"


def test_missing_field(tmp_path):
    bad = GOOD.replace("        units:\n          - 市统计局\n      - number: 2", "      - number: 2")
    result = run_cli("check", write(tmp_path, bad))
    assert_clean_error(result, "任务 1", "缺少牵头责任单位 units", "第 10 行", "修改方法")


def test_wrong_type(tmp_path):
    bad = GOOD.replace("        progress:\n          - 已完成。", "        progress: 已完成。")
    result = run_cli("check", write(tmp_path, bad))
    assert_clean_error(result, "任务 1", "完成情况 progress应是列表", "第 12 行")
    bad = GOOD.replace("number: 2", "number: 二")
    assert_clean_error(run_cli("check", write(tmp_path, bad)), "序号 number 应是正整数", "“二”", "第 16 行")


def test_duplicate_task_number(tmp_path):
    bad = GOOD.replace("number: 2", "number: 1")
    result = run_cli("check", write(tmp_path, bad))
    assert_clean_error(result, "序号 1 重复（第 10 行已有）", "第 16 行", "任务 1")


def test_all_problems_are_listed_at_once():
    found = problems(
        GOOD.replace("number: 2", "number: 1")
        .replace("  title: 测试文件\n", "")
        .replace("task: 任务一。", 'task: "任务\\a一"')
    )
    messages = " | ".join(str(p) for p in found)
    assert len(found) == 3, messages
    assert "缺少标题" in messages and "U+0007" in messages and "重复" in messages


def test_other_rules():
    assert "序号应从小到大" in str(
        problems(GOOD.replace("number: 2", "number: 3").replace("number: 1", "number: 5"))[0]
    )
    assert "空的" in str(
        problems(GOOD.replace("          - 市统计局\n          - 市财政局", "          []"))[0]
    ) or "units" in str(
        problems(GOOD.replace("        units:\n          - 市统计局\n          - 市财政局", "        units: []"))[0]
    )
    assert "未知的字段“unit”" in str(
        problems(
            GOOD.replace(
                "        units:\n          - 市统计局\n      - number",
                "        unit:\n          - 市统计局\n      - number",
            )
        )[0]
    )
    assert "单位重复" in str(problems(GOOD.replace("          - 市财政局", "          - 市统计局"))[0])
    assert "不是中文数字" in str(problems(GOOD.replace("numeral: 一", "numeral: A"))[0])
    huge = GOOD.replace("已完成。", "长" * 40000)
    assert "过长" in str(problems(huge)[0])


def test_sections_out_of_order():
    two = (
        GOOD
        + "  - numeral: 一\n    title: 又一个\n    tasks:\n      - number: 3\n        task: 三\n        units: [市统计局]\n"
    )
    found = problems(two)[0]
    assert "部分序号“一”没有按顺序排列" in str(found)
    assert found.line == two.splitlines().index("  - numeral: 一", 7) + 1


def test_bad_data_stops_export_without_touching_output(tmp_path):
    bad = write(tmp_path, GOOD.replace("number: 2", "number: 1"))
    target = tmp_path / "old.xlsx"
    target.write_bytes(b"previous workbook")
    result = run_cli("export", "xlsx", "--data", bad, "-o", target)
    assert_clean_error(result, "序号 1 重复")
    assert target.read_bytes() == b"previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.yaml", "old.xlsx"]


def test_raw_control_character(tmp_path):
    result = run_cli("check", write(tmp_path, GOOD.replace("任务一。", "任务\x07一")))
    assert_clean_error(result, "控制字符 U+0007", "第 11 行")


def test_not_utf8_data(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(GOOD.encode("gbk"))
    assert_clean_error(run_cli("check", path), "UTF-8", "第 3 行")


def test_missing_data_file(tmp_path):
    assert_clean_error(run_cli("check", tmp_path / "none.yaml"), "找不到数据文件")


@pytest.mark.parametrize(
    "bad, said, line",
    [
        ("format: 1\nsections: [\n", "这里缺少内容", 3),
        ("format: 1\ndocument: {title: 测试\n", "花括号 { } 没有成对", 3),
        ("format: 1\ndocument:\n  title: 任务: 完成\n", "这里不能出现“键: 值”", 3),
        ("format: 1\ndocument:\n\ttitle: 测试\n", "Tab", 3),
        ('format: 1\ndocument:\n  title: "未闭合\n', "文件在引号或括号闭合之前结束了", 4),
    ],
)
def test_yaml_syntax_errors_are_explained_in_chinese(bad, said, line):
    with pytest.raises(DataErrors) as caught:
        datafile.parse(bad, "d.yaml")
    (problem,) = caught.value.problems
    assert "YAML 语法错误" in problem.message and said in problem.message, problem.message
    assert problem.line == line
