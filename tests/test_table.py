"""The table core: header synonyms, column roles, unit splitting, numbers, section rows."""

import pytest

from exporter.errors import SourceError
from exporter.formats.table import (
    RawRow,
    RawTable,
    document_from_tables,
    header_field,
    map_header,
    parse_number,
    split_roles,
    split_units,
)


def rows(*cells_list):
    return [RawRow(list(c) if isinstance(c, (list, tuple)) else [c], f"第 {i} 行") for i, c in enumerate(cells_list, 1)]


def build(*cells_list, columns=None):
    lines = []
    doc = document_from_tables([RawTable(rows(*cells_list), "t.txt")], columns=columns, report=lines.append)
    return doc, lines


@pytest.mark.parametrize(
    "label,field",
    [
        ("重点工作任务", "task"),
        ("主 要 任 务", "task"),
        ("目标与任务", "task"),
        ("落实情况", "progress"),
        ("实际完成\n情况", "progress"),
        ("2024年上半年进展情况", "progress"),
        ("牵头责任部门", "units"),
        ("责任科室", "units"),
        ("协同配合单位", "co_units"),
        ("分 管 县领导", "leaders"),
        ("项目责任人", "owners"),
        ("完成时限", "deadline"),
        ("目标完成情况", "status"),
        ("下一步工作打算", "next_steps"),
        ("存在问题", "problems"),
        ("备注", "remarks"),
        ("联系电话", None),
    ],
)
def test_header_synonyms(label, field):
    assert header_field(label) == field


def test_responsible_units_depend_on_a_lead_column():
    assert [c.field for c in map_header(["序号", "任务", "责任单位"])] == ["number", "task", "units"]
    assert [c.field for c in map_header(["序号", "任务", "牵头单位", "责任单位"])] == [
        "number",
        "task",
        "units",
        "co_units",
    ]
    extra = map_header(["序号", "任务", "联系电话"])[2]
    assert (extra.field, extra.label) == ("extra", "联系电话")


@pytest.mark.parametrize(
    "text,number",
    [
        ("9", 9),
        ("9.", 9),
        ("9、", 9),
        ("9。", 9),
        ("（9）", 9),
        ("(9)", 9),
        ("9)", 9),
        ("第9项", 9),
        ("9a", None),
        ("1234567", None),
        ("九", None),
    ],
)
def test_number_spellings(text, number):
    assert parse_number(text) == number


def test_units_split_on_marks_spaces_and_lines_but_not_inside_brackets():
    assert split_units("市自规局、市城管局、市住建局 市商务局、市机关事务管理局")[0] == [
        "市自规局",
        "市城管局",
        "市住建局",
        "市商务局",
        "市机关事务管理局",
    ]
    assert split_units("市教育局，各县〔市、区〕政府")[0] == ["市教育局", "各县〔市、区〕政府"]
    # A name wrapped over lines is joined; one name per line is kept apart; duplicates once.
    assert split_units("市农业农村局\n长三角绿色农产品\n生产加工基地建设\n指挥部办公室\n市农业农村局")[0] == [
        "市农业农村局",
        "长三角绿色农产品生产加工基地建设指挥部办公室",
    ]
    assert split_units("市发改委★、市财政局") == (["市发改委", "市财政局"], ["市发改委"])


def test_roles_written_into_the_task_text():
    assert split_roles("市发展改革委牵头，市财政局、市税务局等按职责分工负责") == (
        ["市发展改革委"],
        ["市财政局", "市税务局"],
    )
    assert split_roles("牵头单位：市发改委；责任单位：市财政局、各县区政府等") == (
        ["市发改委"],
        ["市财政局", "各县区政府"],
    )
    assert split_roles("市民政局负责") == (["市民政局"], [])
    assert split_roles("市教育局，各县〔市、区〕政府") == (["市教育局", "各县〔市、区〕政府"], [])
    assert split_roles("市财政局、★市发改委") == (["市发改委"], ["市财政局"])
    assert split_roles("2023年底前完成") is None


def test_a_table_in_any_column_order_with_extra_columns():
    doc, lines = build(
        "2024年重点工作任务分解表",
        ["序号", "主要任务", "牵头单位", "责任单位", "完成时限", "联系电话"],
        "一、稳增长",
        ["3", "任务三。", "市发改委", "市财政局、市税务局 市统计局", "6月底", "5555309"],
        ["二、惠民生", "", "", "", "", ""],
        ["第7项", "任务七。", "市自规局", "", "", ""],
    )
    assert doc.title == "2024年重点工作任务分解表"
    assert [(c.field, c.label) for c in doc.columns] == [
        ("number", "序号"),
        ("task", "主要任务"),
        ("units", "牵头单位"),
        ("co_units", "责任单位"),
        ("deadline", "完成时限"),
        ("extra", "联系电话"),
    ]
    assert [s.heading for s in doc.sections] == ["一、稳增长", "二、惠民生"]
    t3, t7 = doc.all_tasks()
    assert (t3.number, t3.task, t3.units, t3.co_units, t3.deadline, t3.extra) == (
        3,
        "任务三。",
        ["市发改委"],
        ["市财政局", "市税务局", "市统计局"],
        "6月底",
        {"联系电话": "5555309"},
    )
    assert (t7.number, t7.units, t7.co_units, t7.extra) == (7, ["市自规局"], [], {})
    assert lines[0].startswith("表头：“序号”→序号，“主要任务”→任务，“牵头单位”→牵头单位，“责任单位”→配合单位")
    assert any("缺少序号 4–6" in line for line in lines)


def test_merged_cells_and_two_row_header():
    table = RawTable(
        [
            RawRow(["序号", "工作任务", "责任单位", "责任单位", "进展情况"], "表 1 第 1 行"),
            RawRow(["", "", "牵头", "配合", ""], "表 1 第 2 行", frozenset({0, 1, 4})),
            RawRow(["1", "任务一。", "区发改局", "区财政局", "已完成。"], "表 1 第 3 行"),
            RawRow(["2", "任务二。", "", "区商务局", "推进中。"], "表 1 第 4 行", frozenset({2})),
        ],
        "page.html",
        meta={"title": "标题"},
    )
    doc = document_from_tables([table])
    assert [c.field for c in doc.columns] == ["number", "task", "units", "co_units", "progress"]
    t1, t2 = doc.all_tasks()
    assert t2.units == ["区发改局"] and t2.co_units == ["区商务局"] and t2.progress == ["推进中。"]
    assert t1.progress == ["已完成。"]


def test_section_heading_inside_the_first_task_cell_and_section_without_numeral():
    doc, _ = build(
        "标题",
        ["序号", "重点任务", "责任单位"],
        ["1", "一、产业发展\n任务一。", "区工信局"],
        "民生保障",
        ["2", "任务二。", "区民政局"],
    )
    assert [(s.heading, [t.task for t in s.all_tasks()]) for s in doc.sections] == [
        ("一、产业发展", ["任务一。"]),
        ("民生保障", ["任务二。"]),
    ]


def test_bad_rows_stop_with_their_place():
    with pytest.raises(SourceError) as info:
        build("标题", ["序号", "主要任务", "牵头单位"], ["8", "任务八。", "市统计局"], ["9a", "任务九。", "市民政局"])
    assert info.value.line == 4 and "无法识别的序号“9a”" in info.value.message
    with pytest.raises(SourceError) as info:
        build("标题", ["序号", "主要任务", "牵头单位"], ["8", "任务八。", "市统计局"], ["8", "任务九。", "市民政局"])
    assert "序号 8 重复" in info.value.message and info.value.line == 4
    with pytest.raises(SourceError) as info:
        build("标题", ["甲", "乙", "丙"], ["1", "任务。", "市统计局"])
    assert "看到的表格有 3 列" in info.value.message and "--columns" in info.value.hint


def test_columns_option_declares_the_header():
    doc, lines = build(
        "标题", ["1", "任务一。", "区发改局", "已完成。"], columns=["序号", "主要任务", "牵头单位", "落实情况"]
    )
    t = doc.all_tasks()[0]
    assert (t.number, t.task, t.units, t.progress) == (1, "任务一。", ["区发改局"], ["已完成。"])
    assert "“落实情况”→完成情况" in lines[-1]
