"""Importing the published page text: the seed, its quirks, other documents of the series."""

import re

import pytest

from exporter.errors import SourceError
from exporter.formats import datafile
from exporter.formats.pagetext import import_source, parse_text
from exporter.text.punctuation import fold
from tests.conftest import DATA, SOURCE, assert_clean_error, run_cli


@pytest.fixture(scope="module")
def doc(seed_text):
    return parse_text(seed_text, "seed")


def by_number(doc):
    return {t.number: t for t in doc.all_tasks()}


def test_counts(doc):
    assert len(doc.sections) == 12
    assert [s.numeral for s in doc.sections] == "一 二 三 四 五 六 七 八 九 十 十一 十二".split()
    assert sum(len(s.subsections) for s in doc.sections) == 30
    assert [t.number for t in doc.all_tasks()] == list(range(1, 116))
    for task in doc.all_tasks():
        assert task.task and task.progress and task.units, task.number
    sec9 = doc.sections[8]
    assert sec9.heading == "九、聚力优生态，强化绿色转型保障"
    assert [t.number for t in sec9.all_tasks()] == list(range(86, 95))
    assert [s.heading for s in sec9.subsections] == [
        "（一）打好污染防治攻坚战。",
        "（二）打好碳达峰主动战。",
        "（三）打好生态保护持久战。",
    ]


def test_metadata(doc):
    assert doc.meta["title"] == "2023年《政府工作报告》重点工作任务完成情况"
    assert doc.meta["issuer"] == "宿州市政府办公室"
    assert doc.meta["index_no"] == "003187229/202402-00003"  # label mangled to "号:"
    assert doc.meta["category"] == "年度重点工作任务分解、执行及落实情况"
    assert doc.meta["written"] == "2024-02-01"
    assert doc.meta["published"] == "2024-02-01 14:48"
    assert doc.meta["validity"] == "有效"  # label mangled to "性:"
    assert doc.meta["source"] == "宿州市政府"
    assert doc.meta["expires"] == "暂无"  # kept, not dropped


def test_task_7_two_units(doc):
    t = by_number(doc)[7]
    assert t.task == "节能减排完成年度任务。"
    assert t.progress == ["单位地区生产总值能耗完成省定目标。"]
    assert t.units == ["市发展改革委", "市生态环境局"]


def test_task_43_wrapped_unit(doc):
    t = by_number(doc)[43]
    assert t.task == "启动杭州宿州绿色农产品生产加工供应基地建设。"
    assert len(t.progress) == 1 and t.progress[0].startswith("按照《沪苏浙城市结对合作帮扶皖北城市实施方案》要求，")
    assert t.progress[0].endswith("并组织杭州大希地集团、四维生态等企业来宿考察。")
    assert "埇桥区" in t.progress[0]
    assert t.units == ["市农业农村局", "长三角绿色农产品生产加工基地建设指挥部办公室"]


def test_task_44_five_units_three_items(doc):
    t = by_number(doc)[44]
    assert t.task == "探索推进长三角政务服务一体化，主动对接长三角优质医疗、教育资源，全方位促进人力资源共建共享。"
    assert [p[:2] for p in t.progress] == ["1.", "2.", "3."]
    assert t.progress[2].endswith("建筑施工及工程造价班前期在宿学习。")
    assert t.units == ["市发展改革委", "市政务服务局", "市卫生健康委", "市教育体育局", "市人力资源社会保障局"]


def test_task_49_followed_by_nbsp_lines(doc):
    t = by_number(doc)[49]
    assert len(t.progress) == 3
    assert t.progress[2] == "3.宿固高速、徐淮阜高速宿州段已开工，分别完成工程量的45%、40%。"
    assert t.units == ["市交通运输局"]


def test_task_50_units_listed_twice(doc):
    t = by_number(doc)[50]
    assert len(t.progress) == 5
    assert t.progress[4] == "5.火车站公交枢纽站项目设计、招标及土地组卷报批等前期工作已完成。"
    assert t.units == ["市创建办", "市交通运输局"]


def test_task_85_nbsp_around_completion(doc):
    t = by_number(doc)[85]
    assert t.task == "落实“两个毫不动摇”，依法保护民营企业产权和企业家权益，促进民营经济高质量发展。"
    assert len(t.progress) == 1 and t.progress[0].startswith("开展政策宣贯进企业、进园区活动，")
    assert t.progress[0].endswith("争取省级奖补资金3530万元。")
    assert t.units == ["市经济和信息化局"]


def _seed_blocks(seed_text):
    """Cut the seed's table into per-task blocks independently of the importer: a block runs from
    a line holding only the next task number to the next such line or section/subsection row."""
    lines = [ln.strip() for ln in seed_text.splitlines()]
    lines = [ln for ln in lines if ln]
    start = lines.index("一、确保完成全年主要预期目标")
    blocks, current, expected = {}, None, 1
    end = lines.index("扫一扫在手机打开当前页")  # page furniture after the table
    for line in lines[start:end]:
        if line == str(expected):
            current = blocks.setdefault(expected, [])
            expected += 1
        elif re.match(r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))", line):
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_every_character_of_every_task_reaches_the_data(seed_text):
    """Over all 115 tasks: the YAML's text equals the seed's, character for character, apart from
    whitespace at paragraph edges and the documented punctuation restoration."""
    doc = datafile.load(DATA.read_bytes(), "2023.yaml")
    blocks = _seed_blocks(seed_text)
    assert sorted(blocks) == list(range(1, 116))
    for task in doc.all_tasks():
        block = blocks[task.number]
        assert fold(task.task) == block[0], task.number
        assert [fold(p) for p in task.progress] == block[1 : 1 + len(task.progress)], task.number
        unit_lines = "".join(block[1 + len(task.progress) :])
        units = "".join(fold(u) for u in task.units)
        # Task 50 lists its two units twice in the source; they are kept once.
        assert unit_lines in (units, units * 2), task.number
        if unit_lines == units * 2:
            assert task.number == 50


def test_section_titles_match_the_seed(seed_text, doc):
    for s in doc.sections:
        assert f"{s.numeral}、{fold(s.title)}" in seed_text
        for sub in s.subsections:
            assert f"({sub.numeral}){fold(sub.title)}" in seed_text


def test_bundled_data_is_reproduced_by_the_importer():
    made = datafile.dump(import_source(SOURCE.read_bytes(), str(SOURCE)))
    assert made == DATA.read_bytes()


def test_keep_punctuation(seed_text):
    doc = parse_text(seed_text, "seed", restore=False)
    assert by_number(doc)[1].progress == ["全年地区生产总值2291.5亿元,增长5.8%。"]
    assert by_number(doc)[2].units == ["市财政局(国资委)"]


# --- other documents of the series ----------------------------------------------------------
HALF_YEAR = """\ufeff发布机构：宿州市政府办公室\r
成文日期：2023-07-20 发布日期：2023-07-21 09:30\r
名  称：2023年上半年《政府工作报告》重点工作任务进展情况\r
\r
2023年上半年《政府工作报告》重点工作任务进展情况\r
\r
来源：宿州市政府 浏览量： 发表时间：2023-07-21 09:30 编辑：信息公开\r
\r
今年以来，市政府坚持把落实《政府工作报告》作为重要工作，现将上半年进展情况公布如下。\r
\r
序号\r
重点工作任务\r
完成情况\r
牵头责任单位\r
一、确保完成全年主要预期目标\r
1\r
地区生产总值增长8%左右。\r
上半年地区生产总值1100亿元，增长4.9%。\r
\u00a0\r
市发展改革委\r
二、聚力强“引擎”，做实工业经济支撑\r
（一）锻强壮大先进制造业。\r
2\r
优化产业生态。\r
1.已制定行动计划。\r
2.已召开推进会。\r
市经济和信息化局\r
市财政局（国资委）\r
扫一扫在手机打开当前页\r
【打印本页】【关闭窗口】\r
"""

PARTIAL = """名称: 2023年第三季度部分重点工作任务进展情况

2023年第三季度部分重点工作任务进展情况

序号

重点工作任务

完成情况

牵头责任单位

1

新建高标准农田9.6万亩。

已完成新建任务,正在验收。

市农业农村局

2

支持有条件的镇改街道。

已完成

市民政局

3

实施农村公路提质改造。

市交通运输局
"""


def test_half_year_bulletin_crlf_bom_preamble_fullwidth_furniture():
    doc = import_source(HALF_YEAR.encode("utf-8"), "half.txt")
    assert doc.title == "2023年上半年《政府工作报告》重点工作任务进展情况"
    assert doc.meta["preamble"] == [
        "今年以来，市政府坚持把落实《政府工作报告》作为重要工作，现将上半年进展情况公布如下。"
    ]
    assert doc.meta["source"] == "宿州市政府"
    assert [s.heading for s in doc.sections] == ["一、确保完成全年主要预期目标", "二、聚力强“引擎”，做实工业经济支撑"]
    assert doc.sections[1].subsections[0].heading == "（一）锻强壮大先进制造业。"
    tasks = by_number(doc)
    assert tasks[1].progress == ["上半年地区生产总值1100亿元，增长4.9%。"]
    assert tasks[2].progress == ["1.已制定行动计划。", "2.已召开推进会。"]
    # Page furniture after the table is not taken for units.
    assert tasks[2].units == ["市经济和信息化局", "市财政局（国资委）"]


def test_partial_list_without_sections():
    doc = import_source(PARTIAL.encode("utf-8"), "partial.txt")
    assert len(doc.sections) == 1 and doc.sections[0].numeral == "" and doc.sections[0].title == ""
    tasks = by_number(doc)
    assert list(tasks) == [1, 2, 3]
    assert tasks[1].progress == ["已完成新建任务，正在验收。"]
    assert tasks[2].progress == ["已完成"] and tasks[2].units == ["市民政局"]  # completion without 。
    assert tasks[3].progress == [] and tasks[3].units == ["市交通运输局"]  # no completion yet
    # And it survives the data file.
    again = datafile.load(datafile.dump(doc), "x.yaml")
    assert datafile.to_dict(again) == datafile.to_dict(doc)
    assert list(again.rows())[0][0] == "task"


def test_subsections_without_sections():
    text = PARTIAL.replace("1\n\n新建", "（一）农业农村\n\n1\n\n新建").replace("3\n\n实施", "(二)交通\n\n3\n\n实施")
    doc = import_source(text.encode("utf-8"), "partial.txt")
    assert len(doc.sections) == 1 and doc.sections[0].heading == ""
    assert [(s.heading, [t.number for t in s.tasks]) for s in doc.sections[0].subsections] == [
        ("（一）农业农村", [1, 2]),
        ("（二）交通", [3]),
    ]
    assert [kind for kind, _ in doc.rows()] == ["subsection", "task", "task", "subsection", "task"]


def test_title_line_and_name_field():
    body = "\n序号\n重点工作任务\n完成情况\n牵头责任单位\n1\n任务。\n完成。\n市统计局\n"
    # No metadata block at all: the first line is the title.
    assert parse_text("2024年重点工作任务完成情况" + body, "a").title == "2024年重点工作任务完成情况"
    # The heading shown on the page wins over a shortened 名称, which is kept.
    doc = parse_text("名称: 2024年重点工作\n2024年重点工作任务完成情况\n说明段落。" + body, "b")
    assert doc.title == "2024年重点工作任务完成情况" and doc.meta["name"] == "2024年重点工作"
    assert doc.meta["preamble"] == ["说明段落。"]
    # Only 名称 and then a preamble sentence: the sentence stays preamble.
    doc = parse_text("名称: 2024年重点工作任务完成情况\n现将有关情况公布如下。" + body, "c")
    assert doc.title == "2024年重点工作任务完成情况" and doc.meta["preamble"] == ["现将有关情况公布如下。"]


def test_import_command_writes_yaml(tmp_path):
    out = tmp_path / "half.yaml"
    src = tmp_path / "half.txt"
    src.write_bytes(HALF_YEAR.encode("utf-8"))
    result = run_cli("import", src, "-o", out)
    assert result.code == 0, result.err
    doc = datafile.load(out.read_bytes(), str(out))
    assert len(doc.all_tasks()) == 2
    assert "2 项任务" in result.err
    assert run_cli("check", out).code == 0


# --- bad input -------------------------------------------------------------------------------
def test_non_utf8_source(tmp_path):
    src = tmp_path / "gbk.txt"
    src.write_bytes("序号\n1\n任务\n".encode("gbk"))
    out = tmp_path / "out.yaml"
    out.write_text("旧内容", encoding="utf-8")
    result = run_cli("import", src, "-o", out)
    assert_clean_error(result, "UTF-8", str(src), "第 1 行", "另存为")
    assert out.read_text(encoding="utf-8") == "旧内容"


def test_text_without_task_table(tmp_path):
    src = tmp_path / "notable.txt"
    src.write_text("宿州市政府办公室\n关于做好春节期间工作的通知\n各县、区人民政府：\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run_cli("import", src, "-o", out)
    assert_clean_error(result, "没有找到任务表格", "序号")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]


def test_unrecognised_line_names_its_line():
    text = (
        "名称: 标题\n\n序号\n重点工作任务\n完成情况\n牵头责任单位\n一、部分\n多出来的一行\n1\n任务\n完成。\n市统计局\n"
    )
    with pytest.raises(SourceError) as info:
        parse_text(text, "x.txt")
    assert info.value.line == 8 and "多出来的一行" in info.value.message


def test_control_character_in_source(tmp_path):
    src = tmp_path / "ctl.txt"
    src.write_text(PARTIAL.replace("已完成新建任务", "已完成\x07新建任务"), encoding="utf-8")
    result = run_cli("import", src, "-o", tmp_path / "o.yaml")
    line = PARTIAL.splitlines().index("已完成新建任务,正在验收。") + 1
    assert line == 17
    assert_clean_error(result, "控制字符 U+0007", f"第 {line} 行")
    assert not (tmp_path / "o.yaml").exists()


def test_huge_cell_is_refused_with_its_task_number(tmp_path):
    src = tmp_path / "huge.txt"
    src.write_text(PARTIAL.replace("已完成新建任务,正在验收。", "长" * 33000 + "。"), encoding="utf-8")
    result = run_cli("import", src, "-o", tmp_path / "o.yaml")
    assert_clean_error(result, "任务 1", "超过单元格上限 32767 字", "导入的内容未通过检查")
    assert not (tmp_path / "o.yaml").exists()


def test_missing_source_file(tmp_path):
    result = run_cli("import", tmp_path / "nope.txt", "-o", tmp_path / "o.yaml")
    assert_clean_error(result, "找不到", "nope.txt")
