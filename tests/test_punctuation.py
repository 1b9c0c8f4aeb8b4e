"""Every restoration rule, with real sentences from the seed."""

import pytest

from exporter.text.punctuation import fold, restore


@pytest.mark.parametrize(
    "source, expected",
    [
        # Comma between Chinese clauses, after a percentage and after a number with unit.
        ("全年地区生产总值2291.5亿元,增长5.8%。", "全年地区生产总值2291.5亿元，增长5.8%。"),
        ("规上工业增加值增长9%以上,新增规上工业企业150家", "规上工业增加值增长9%以上，新增规上工业企业150家"),
        # Brackets around Chinese, around a range, around Chinese after Latin.
        ("市财政局(国资委)", "市财政局（国资委）"),
        ("《宿州市制造业数字化转型实施方案(2023-2025年)》", "《宿州市制造业数字化转型实施方案（2023-2025年）》"),
        (
            "1.全市自主选育国审省审品种21个,其中小麦品种13个(国审3",
            "1.全市自主选育国审省审品种21个，其中小麦品种13个（国审3",
        ),
        # Subsection markers.
        ("(一)锻强壮大先进制造业。", "（一）锻强壮大先进制造业。"),
        # Colon after a Chinese label; the time keeps its ASCII colon.
        ("发表时间:2024-02-01 14:48", "发表时间：2024-02-01 14:48"),
        # Semicolon between clauses.
        ("与长三角地区实行异地就医即时结算医院7120家;与徐州", "与长三角地区实行异地就医即时结算医院7120家；与徐州"),
        # Question and exclamation marks in Chinese context.
        ("这是什么?请回答!", "这是什么？请回答！"),
    ],
)
def test_restored_in_chinese_context(source, expected):
    assert restore(source) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024-02-01 14:48",  # time
        "全年地区生产总值2291.5亿元",  # decimal
        "围绕“5+5+N”产业布局",  # formula in quotes
        "在第二届全国CHS-DRG/DIP支付方式改革大会上",  # Latin
        "2.8个市级战新基地",  # "1." list marker followed by a number
        "1,000",  # digit grouping
        "VOCs(volatile)",  # Latin in brackets
        "7×24小时“不打烊”服务",
        "9月18-20日",  # range
    ],
)
def test_left_alone(text):
    assert restore(text) == text


def test_full_width_source_is_unchanged():
    text = "全年地区生产总值2291.5亿元，增长5.8%。市财政局（国资委）"
    assert restore(text) == text


def test_fold_inverts_restore(seed_text):
    for line in seed_text.splitlines():
        assert fold(restore(line)) == line


def test_lines_of_a_cell_join_without_a_space_next_to_chinese():
    """A task cell over several lines becomes one line: no space is invented between Chinese
    characters (the publisher wrote none); Latin words and numbers keep one space between them."""
    from exporter.text.punctuation import join_lines

    assert join_lines(["抓好三件事：", "（一）扩大投资；"]) == "抓好三件事：（一）扩大投资；"
    assert join_lines(["新改扩建公办中小学校1所", "新增学位810个"]) == "新改扩建公办中小学校1所新增学位810个"
    assert join_lines(["推进 DRG/DIP", "支付方式改革"]) == "推进 DRG/DIP支付方式改革"
    assert join_lines(["covering VOCs", "and NOx"]) == "covering VOCs and NOx"
    assert join_lines(["投资 100", "200 亿元"]) == "投资 100 200 亿元"
    assert join_lines(["一行"]) == "一行"


def test_one_line_fields_from_a_cell_over_several_lines(tmp_path):
    """完成时限, 备注 and other one-line fields from a cell with a line break (<br>, two <p>) run together;
    they used to stop the import with a puzzling "含有控制字符 U+000A"."""
    from conftest import run_cli

    from exporter.formats import datafile

    page = tmp_path / "p.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><title>2024年重点工作完成情况</title></head><body><table>'
        "<tr><td>序号</td><td>重点工作任务</td><td>牵头单位</td><td>完成时限</td><td>备注</td><td>联系电话</td></tr>"
        "<tr><td>1</td><td>建成一所学校</td><td>市教育局</td><td>2024年<br>6月底</td>"
        "<td><p>第一行</p><p>第二行</p></td><td>5555309<br>5555310</td></tr></table></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "d.yaml"
    result = run_cli("import", page, "-o", out)
    assert result.code == 0, result.err
    [task] = datafile.load(out.read_bytes(), str(out)).all_tasks()
    assert (task.deadline, task.remarks, task.extra) == ("2024年6月底", "第一行第二行", {"联系电话": "5555309 5555310"})
