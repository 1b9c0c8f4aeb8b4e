"""Real pages of other governments (tests/fixtures/README.md lists each address): every layout, field by field."""

import re
import subprocess
from pathlib import Path

import pytest

from exporter.errors import SourceError
from exporter.formats import datafile
from exporter.formats.pagetext import _join_lone_labels, import_source, parse_text
from tests.conftest import assert_clean_error, require_tool, run_cli

PAGES = Path(__file__).parent / "fixtures" / "pages"


def load(name, **options):
    lines = []
    doc = import_source((PAGES / name).read_bytes(), name, report=lines.append, **options)
    return doc, lines


def fields(task):
    return (task.number, task.task, task.units, task.co_units, task.leaders, task.owners, task.progress)


def columns(doc):
    return [(c.field, c.label) for c in doc.columns]


def test_ningbo_labelled_list_on_one_line_without_title():
    doc, lines = load("ningbo-2014-minsheng.txt")
    assert doc.title == "ningbo-2014-minsheng"  # no title on the page: the file name, and a note
    assert any("文件名" in line for line in lines)
    assert columns(doc) == [
        ("number", "序号"),
        ("task", "任务"),
        ("leaders", "牵头领导"),
        ("units", "责任单位"),
        ("owners", "项目责任人"),
        ("co_units", "配合单位"),
        ("progress", "实际完成情况"),
    ]
    t1, t2 = doc.all_tasks()
    assert fields(t1) == (
        1,
        "轨道交通1号线一期工程投入试运营。",
        ["市轨道交通工程建设指挥部"],
        [],
        ["林静国"],
        ["尹文德"],
        ["轨道交通1号线一期工程已于2014年5月30日通车试运营。"],
    )
    assert fields(t2)[:6] == (
        2,
        "新增安装300套路口交通信息视频采集设备。",
        ["市公安局"],
        ["市城管局", "市财政局"],
        ["王仁洲"],
        ["王伟标"],
    )
    assert t2.progress == [
        "中心设备调试、前端摄像机上杆安装，以及外场线路铺设、立杆基础浇筑、基础管道施工等工作整体进度"
        "已完成年度目标任务的55%，项目按预期计划扎实有序推进。"
    ]
    assert doc.meta["preamble"][0].startswith("2014年市政府民生实事项目共有42项任务")


def test_lishan_labelled_list_one_label_per_line():
    doc, lines = load("lishan-2023-fengong.txt")
    assert doc.title == "立山区人民政府关于印发 《立山区政府2023年重点工作任务分解 和责任分工方案》的通知"
    assert columns(doc) == [("number", "序号"), ("task", "任务"), ("units", "牵头单位"), ("co_units", "责任单位")]
    assert [s.heading for s in doc.sections] == ["一、经济社会发展的主要预期目标"]
    got = [(t.number, t.task, t.units, t.co_units) for t in doc.all_tasks()]
    assert got == [
        (1, "努力实现地区生产总值增长6.2%左右。", ["区发改局"], ["立山经济开发区", "全区经济运行各专班"]),
        (2, "规模上工业增加值增长5%左右。", ["区工信局"], ["立山经济开发区"]),
        (3, "固定资产投资增长15%左右。", ["区发改局"], ["立山经济开发区", "各街道", "区直各部门"]),
        (4, "社会消费品零售总额增长9%左右。", ["区商务局"], ["各街道", "区市场局"]),
        (5, "一般公共预算收入增长8%左右。", ["区财政局"], ["立山经济开发区", "各街道", "税务局"]),
        (6, "居民收入增长与经济增长基本同步。", ["区发改局"], ["各街道", "各相关单位"]),
    ]
    assert (
        "经区政府同意，现将《立山区政府2023年重点工作任务分解和责任分工方案》印发给你们，请结合实际，认真贯彻落实。"
        in doc.meta["preamble"]
    )
    assert lines[0] == "表头：“序号”→序号，“任务”→任务，“牵头单位”→牵头单位，“责任单位”→配合单位"


def test_chuzhou_labels_with_full_stops_and_deng():
    doc, _ = load("chuzhou-2020-zhongdian.txt")
    assert doc.title.endswith("滁州市人民政府关于2020年市政府重点工作及责任分解的通知")
    assert columns(doc) == [
        ("number", "序号"),
        ("task", "任务"),
        ("leaders", "牵头负责领导"),
        ("units", "牵头责任单位"),
        ("co_units", "协同责任单位"),
    ]
    t1, t2, t3 = doc.all_tasks()
    assert fields(t1) == (
        1,
        "地区生产总值增长8%以上。",
        ["市发展改革委"],
        [
            "市经信局",
            "市商务局",
            "市交通局",
            "市农业农村局",
            "滁州经开区管委会",
            "中新苏滁高新区管委会",
            "各县、市、区政府",
        ],
        ["金力"],
        [],
        [],
    )
    assert (t2.units, t2.co_units[:3]) == (["市财政局"], ["市税务局", "滁州海关", "市人行"])
    assert t3.co_units[-1] == "各县、市、区政府" and t3.units == ["市发展改革委"]


def test_guangdong_division_line_and_leader():
    doc, _ = load("guangdong-2021-fengong.txt")
    assert doc.title == "广东省人民政府关于印发2021年省《政府工作报告》重点任务分工方案的通知 （粤府〔2021〕22号）"
    [t] = doc.all_tasks()
    assert fields(t) == (1, "地区生产总值增长6%以上。", ["省发展改革委"], ["各地", "各部门"], ["林克庆"], [], [])
    assert columns(doc)[2:] == [("leaders", "分管省领导"), ("units", "牵头单位"), ("co_units", "配合单位")]


def test_xialu_units_in_square_brackets_after_the_task():
    doc, _ = load("xialu-2023-fenjie.txt")
    assert [s.heading for s in doc.sections] == ["一、坚定不移推进融圈入群，构建“四园”并进发展格局"]
    assert [s.heading for s in doc.sections[0].subsections] == [
        "（一）抓机遇、引龙头，加快建设老鹳庙临空跨境电商产业园"
    ]
    [t] = doc.all_tasks()
    assert t.task.startswith("秉承“深耕一域，做熟一域”的发展思路，") and t.task.endswith(
        "并实现一期核心区明年年底满园运营。"
    )
    assert "责任单位" not in t.task
    assert t.units == ["老街办", "区招商服务中心", "长乐投资有限公司"] and t.co_units == []
    # the bracket's own word is the column's label, as published
    assert columns(doc) == [("number", "序号"), ("task", "任务"), ("units", "责任单位")]


def test_cangnan_table_one_cell_per_line():
    doc, lines = load("cangnan-2022-minsheng.txt")
    assert doc.title == "2022年度市县民生实事未完成项目进度表（截至10月31日）"
    assert (doc.meta["published"], doc.meta["source"]) == ("2022-12-14", "苍南县人民政府办公室")
    assert "preamble" not in doc.meta  # the info box's 浏览次数 and 字体 controls are page furniture
    assert columns(doc) == [
        ("number", "序号"),
        ("task", "项目内容"),
        ("progress", "当前进度"),
        ("units", "牵头单位"),
        ("remarks", "备注"),
    ]
    tasks = doc.all_tasks()
    assert [t.number for t in tasks] == list(range(1, 9))
    assert (tasks[0].task, tasks[0].progress, tasks[0].units, tasks[0].remarks) == (
        "新（改、扩）建公办园5所，新增公办幼儿学位1000个。",
        ["80%（新区实验幼儿园进度滞后）"],
        ["县教育局"],
        "市民生实事",
    )
    assert [t.progress for t in tasks[1:4]] == [["95%"], ["90%"], ["98%"]]
    assert [t.units[0] for t in tasks] == [
        "县教育局",
        "县交通局",
        "县交通局",
        "县卫健局",
        "县住建局",
        "县民政局",
        "县民政局",
        "县教育局",
    ]
    assert {t.remarks for t in tasks[1:]} == {"县民生实事"}
    assert tasks[6].progress == ["50%（马站未开工"]  # as published: the bracket is not closed
    assert lines[0] == "表头：“序号”→序号，“项目内容”→任务，“当前进度”→完成情况，“牵头单位”→牵头单位，“备注”→备注"


def test_yunyang_header_with_spaces_star_and_empty_cells():
    doc, _ = load("yunyang-2023-fenjie.txt")
    assert columns(doc) == [
        ("number", "序号"),
        ("task", "目标任务"),
        ("units", "牵头单位"),
        ("co_units", "责任单位"),
        ("owners", "责任人"),
    ]
    assert doc.sections[0].heading.startswith("一、主要经济社会发展指标") and doc.sections[0].heading.endswith(
        "（牵头领导：成坤、柯相国、王俊）"
    )
    [t] = doc.all_tasks()
    assert fields(t) == (1, "★地区生产总值增长15%。", ["区发改局"], [], [], [], [])


def test_prose_report_is_refused_saying_what_was_found(tmp_path):
    with pytest.raises(SourceError) as info:
        load("xianning-2021-prose.txt")
    assert "没有找到任务表格" in info.value.message and "2 行以序号开头" in info.value.message
    out = tmp_path / "o.yaml"
    result = run_cli("import", PAGES / "xianning-2021-prose.txt", "-o", out)
    assert_clean_error(result, "没有找到任务表格", "--columns")
    assert not out.exists()


REFUSED = {"xianning-2021-prose.txt", "dazhu-2016-minsheng.txt"}  # tested below, each with its message
IMPORTED = sorted(p.name for p in PAGES.glob("*.txt") if p.name not in REFUSED)


@pytest.mark.parametrize("name", IMPORTED)
def test_import_check_and_both_exports(tmp_path, name):
    """import writes format 2 with every field; check passes; xlsx and pdf are written and hold every task."""
    out = tmp_path / "d.yaml"
    result = run_cli("import", PAGES / name, "-o", out)
    assert result.code == 0, result.err
    assert "表头：" in result.err
    expected, _ = load(name)
    doc = datafile.load(out.read_bytes(), str(out))
    assert doc.columns == expected.columns
    assert [fields(t) + (t.remarks, t.extra) for t in doc.all_tasks()] == [
        fields(t) + (t.remarks, t.extra) for t in expected.all_tasks()
    ]
    checked = run_cli("check", out)
    assert checked.code == 0
    # Each published header shown whole: 柯桥区's “进展情况、存在问题及下一步打算” is one column.
    shown = "、".join(f"“{c.label}”" for c in doc.columns)
    assert f"表格共 {len(doc.columns)} 列：{shown}" in checked.out
    for fmt in ("xlsx", "pdf"):
        made = run_cli("export", fmt, "--data", out, "-o", tmp_path / f"d.{fmt}")
        assert made.code == 0, made.err
    from openpyxl import load_workbook

    cells = {
        str(c.value)
        for ws in load_workbook(tmp_path / "d.xlsx").worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
    text = "\n".join(cells)
    for task in doc.all_tasks():
        assert task.task in text and all(u in text for u in task.units + task.co_units), task.number
    assert all(c.label in cells for c in doc.columns)  # the published headers
    pdf = subprocess.run(
        [require_tool("pdftotext"), "-raw", tmp_path / "d.pdf", "-"], capture_output=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", pdf.decode("utf-8"))
    for task in doc.all_tasks():
        assert re.sub(r"\s+", "", task.task) in flat or _across_page_break(task, doc, flat), task.number
    start = flat.index("序号")  # the published headers, in order, where the table starts
    assert re.search(".*?".join(map(re.escape, [c.label for c in doc.columns])), flat[start : start + 200]), name


def _across_page_break(task, doc, flat: str) -> bool:
    """A row that a page break cuts: its text reads whole once the page number, the repeated header,
    the "（续）" row mark and the other cells' names (read on the same lines) are taken out of both."""
    header = "".join(re.escape(c.label) for c in doc.columns)
    body, breaks = re.subn(rf"—\d+—{header}{task.number}（续）", "", flat)
    if not breaks:
        return False
    names = {n for t in doc.all_tasks() for n in t.units + t.co_units + t.leaders + t.owners}
    own = re.sub(r"\s+", "", task.task)
    for name in sorted(names, key=len, reverse=True):
        body, own = body.replace(name, ""), own.replace(name, "")
    return own in body


# --- the layouts, each once more in a small made-up page ----------------------------------------
HEAD = "2024年重点工作完成情况\n"


def test_tab_rows_with_a_cell_running_onto_the_next_line():
    text = (
        HEAD
        + "序号\t主要任务\t牵头单位\t落实情况\n一、稳增长\n3\t任务三。\t市发改委\t第一段。\n第二段。\n68\t任务六十八。\t市统计局、市财政局\t已完成。\n"
    )
    doc = parse_text(text, "t.txt")
    t3, t68 = doc.all_tasks()
    assert (t3.number, t3.units, t3.progress) == (3, ["市发改委"], ["第一段。", "第二段。"])
    assert (t68.number, t68.units, t68.progress) == (68, ["市统计局", "市财政局"], ["已完成。"])


def test_pipe_markers_and_pipe_only_lines():
    marked = HEAD + "序号 |\n主要任务 |\n牵头单位 |\n落实情况 |\n1 |\n任务一。 |\n市发改委 |\n第一段。\n第二段。 |\n"
    doc = parse_text(marked, "m.txt")
    [t] = doc.all_tasks()
    assert (t.task, t.units, t.progress) == ("任务一。", ["市发改委"], ["第一段。", "第二段。"])
    bars = HEAD + "序号\n|\n主要任务\n|\n落实情况\n|\n牵头单位\n|\n1\n|\n任务一。\n|\n已完成。\n|\n市发改委\n市财政局\n"
    [t] = parse_text(bars, "b.txt").all_tasks()
    assert (t.task, t.progress, t.units) == ("任务一。", ["已完成。"], ["市发改委", "市财政局"])


def test_space_separated_rows_nine_units():
    text = HEAD + "序号 主要任务 牵头单位 落实情况\n1 任务一。 市发改委 市财政局 市商务局 已完成。\n"
    [t] = parse_text(text, "s.txt").all_tasks()
    assert (t.task, t.units, t.progress) == ("任务一。", ["市发改委", "市财政局", "市商务局"], ["已完成。"])


def test_units_before_completion_one_cell_per_line():
    text = (
        HEAD
        + "序号\n主要任务\n牵头单位\n落实情况\n1\n任务一。\n市发改委\n市财政局\n第一段。\n第二段。\n2\n任务二。\n市统计局\n已完成\n"
    )
    t1, t2 = parse_text(text, "u.txt").all_tasks()
    assert (t1.units, t1.progress) == (["市发改委", "市财政局"], ["第一段。", "第二段。"])
    assert (t2.units, t2.progress) == (["市统计局"], ["已完成"])


def test_bracket_roles_and_division_line():
    text = HEAD + (
        "一、稳增长\n1.推进项目建设。（市发展改革委牵头，市财政局、市税务局等按职责分工负责）\n"
        "2.办好民生实事。（牵头单位：市民政局；责任单位：各县〔市、区〕政府等）\n"
        "3.抓好安全生产。（市应急局负责）\n"
    )
    one_line = HEAD + text[len(HEAD) :].replace("\n", "")  # the whole page run together on one line
    for page in (text, one_line):
        t1, t2, t3 = parse_text(page, "r.txt").all_tasks()
        assert (t1.task, t1.units, t1.co_units) == ("推进项目建设。", ["市发展改革委"], ["市财政局", "市税务局"])
        assert (t2.task, t2.units, t2.co_units) == ("办好民生实事。", ["市民政局"], ["各县〔市、区〕政府"])
        assert (t3.task, t3.units, t3.co_units) == ("抓好安全生产。", ["市应急局"], [])


def test_columns_option_for_a_page_without_header(tmp_path):
    src = tmp_path / "p.txt"
    src.write_text(HEAD + "1\t任务一。\t区发改局\t已完成。\n2\t任务二。\t区财政局\t推进中。\n", encoding="utf-8")
    out = tmp_path / "p.yaml"
    bare = run_cli("import", src, "-o", out)
    assert_clean_error(bare, "4 列", "--columns 序号,主要任务,牵头单位,落实情况")
    assert not out.exists()
    result = run_cli("import", src, "-o", out, "--columns", "序号,主要任务,牵头单位,落实情况")
    assert result.code == 0, result.err
    assert "“落实情况”→完成情况" in result.err
    doc = datafile.load(out.read_bytes(), str(out))
    assert [(t.number, t.units, t.progress) for t in doc.all_tasks()] == [
        (1, ["区发改局"], ["已完成。"]),
        (2, ["区财政局"], ["推进中。"]),
    ]


def test_portal_furniture_metadata_twice_notice_and_empty_section():
    text = (
        "您当前所在位置：首页 > 政府信息公开 > 重点工作\n"
        "名称：2024年上半年重点工作进展情况 文号：无\n组配分类：年度重点工作 主题分类：综合政务\n"
        "发文日期：2024-07-10 发布时间：2024-07-11 09:00 信息来源：某县人民政府办公室\n"
        "名称：2024年上半年重点工作进展情况 文号：无\n"
        "2024年上半年重点工作进展情况\n关于2024年上半年重点工作进展情况的通知\n各乡镇人民政府：现将进展情况通知如下。\n"
        "序号\n主要任务\n牵头单位\n进展情况\n一、稳增长\n二、惠民生\n5\n任务五。\n县民政局\n已完成。\n"
    )
    lines = []
    doc = parse_text(text, "f.txt", report=lines.append)
    assert doc.title == "2024年上半年重点工作进展情况"
    assert (
        doc.meta["category"],
        doc.meta["subject"],
        doc.meta["written"],
        doc.meta["published"],
        doc.meta["source"],
    ) == ("年度重点工作", "综合政务", "2024-07-10", "2024-07-11 09:00", "某县人民政府办公室")
    assert doc.meta["preamble"] == ["关于2024年上半年重点工作进展情况的通知", "各乡镇人民政府：现将进展情况通知如下。"]
    assert [(s.heading, [t.number for t in s.all_tasks()]) for s in doc.sections] == [
        ("一、稳增长", []),
        ("二、惠民生", [5]),
    ]
    [t] = doc.all_tasks()
    assert (t.task, t.units, t.progress) == ("任务五。", ["县民政局"], ["已完成。"])
    again = datafile.load(datafile.dump(doc), "f.yaml")  # an empty section survives the data file
    assert [s.heading for s in again.sections] == ["一、稳增长", "二、惠民生"]


def test_group_numbers_in_the_number_column_and_task_numbers_in_the_text():
    from exporter.formats.table import RawRow, RawTable, document_from_tables

    rows = [
        RawRow(["序号", "重点任务", "责任单位"], "第 1 行"),
        RawRow(["1", "1.任务一。", "区发改局"], "第 2 行"),
        RawRow(["", "2.任务二。", "区财政局"], "第 3 行", frozenset({0})),
        RawRow(["2", "3.任务三。", "区民政局"], "第 4 行"),
    ]
    doc = document_from_tables([RawTable(rows, "g.html", meta={"title": "标题"})])
    assert [(t.number, t.task, t.units) for t in doc.all_tasks()] == [
        (1, "任务一。", ["区发改局"]),
        (2, "任务二。", ["区财政局"]),
        (3, "任务三。", ["区民政局"]),
    ]


def test_jiaxing_breadcrumb_info_block_and_spaced_header():
    doc, lines = load("jiaxing-2023-fenjie.txt")
    assert doc.title == "嘉兴市人民政府办公室关于印发2023年政府工作报告重点工作和市政府民生实事项目责任分解的通知"
    assert (doc.meta["index_no"], doc.meta["doc_no"], doc.meta["issuer"], doc.meta["written"], doc.meta["posted"]) == (
        "002546445/2023-448528",
        "嘉政办发〔2023〕7号",
        "市政府办公室",
        "2023-03-01",
        "2023-03-03 09:37",
    )
    assert not any("政务公开 >" in p for p in doc.meta["preamble"])  # the breadcrumb is page furniture
    assert columns(doc) == [("number", "序号"), ("task", "主要工作任务"), ("units", "责任单位")]
    [t] = doc.all_tasks()
    assert fields(t) == (1, "地区生产总值增长6%左右。", ["市发展改革委"], [], [], [], [])
    assert lines == ["表头：“序号”→序号，“主要工作任务”→任务，“责任单位”→牵头单位"]


def test_qiaocheng_space_separated_rows_and_info_block_twice():
    doc, lines = load("qiaocheng-2025-fenjie.txt")
    assert doc.title == "谯城区2025年政府工作报告重点工作任务分解表"
    assert (doc.meta["issuer"], doc.meta["index_no"], doc.meta["category"], doc.meta["subject"]) == (
        "谯城区政府（办公室）",
        "11341602003166647K/202503-00040",
        "年度重点工作分解情况",
        "综合政务",
    )
    assert (doc.meta["written"], doc.meta["published"], doc.meta["posted"], doc.meta["source"]) == (
        "2025-03-28",
        "2025-03-28",
        "2025-03-28 16:00",
        "谯城区委督查考核办",
    )
    assert "preamble" not in doc.meta  # breadcrumb, info block (twice) and 字体 controls are page furniture
    assert columns(doc) == [
        ("number", "序号"),
        ("task", "重点工作任务"),
        ("units", "主要责任单位"),
        ("co_units", "协同配合单位"),
    ]
    assert [s.heading for s in doc.sections] == ["一、2025年经济社会发展的主要预期目标"]
    towns = ["各乡镇人民政府", "街道办事处", "谯城经开区管委会"]
    assert [fields(t) for t in doc.all_tasks()] == [
        (1, "地区生产总值增长6.5%左右。", ["区发改委"], ["区政府各部门", *towns, "魏武国控集团"], [], [], []),
        # two lead units, each on a line of its own, then the cooperating units on the next line
        (
            2,
            "一般公共预算收入增长5%左右。",
            ["区财政局", "区税务局"],
            ["区政府有关部门", *towns, "魏武国控集团"],
            [],
            [],
            [],
        ),
        (
            3,
            "固定资产投资增长7.5%左右。",
            ["区发改委"],
            [
                "区工信局",
                "区住建局",
                "区交通局",
                "区水利局",
                "区农业农村局",
                "区教育局",
                "区卫健委",
                *towns,
                "魏武国控集团",
            ],
            [],
            [],
            [],
        ),
        (4, "社会消费品零售总额增长8.2%左右。", ["区商务局"], ["区发改委", "区市场监管局"], [], [], []),
        (
            5,
            "规模以上工业增加值增长10%左右。",
            ["区工信局"],
            ["区农业农村局", "区商务局", "区药发中心", *towns],
            [],
            [],
            [],
        ),
    ]
    assert [t.line for t in doc.all_tasks()] == [18, 19, 22, 23, 24]  # each task at its number's line
    assert lines == ["表头：“序号”→序号，“重点工作任务”→任务，“主要责任单位”→牵头单位，“协同配合单位”→配合单位"]


QIAO_HEAD = HEAD + "序号 重点工作任务 主要责任单位 协同配合单位\n"


def test_space_rows_a_cut_in_doubt_is_an_error_at_its_line(tmp_path):
    """Three bare names for two unit columns: either column could take the middle one — refused, with
    the line of the piece in doubt; nothing is written."""
    src = tmp_path / "a.txt"
    src.write_text(
        QIAO_HEAD + "1 任务一。 区发改委 区统计局\n2 任务二。 区财政局\n区税务局\n区商务局\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as info:
        parse_text(src.read_text(encoding="utf-8"), "a.txt")
    assert (info.value.line, info.value.message) == (
        5,
        "这一行以空格和换行分成 5 段，而表头有 4 列，分法不止一种：“区税务局”可以归入“主要责任单位”，也可以归入“协同配合单位”",
    )
    out = tmp_path / "a.yaml"
    assert_clean_error(run_cli("import", src, "-o", out), "a.txt", "第 5 行", "制表符")
    assert not out.exists()


def test_space_rows_lines_of_no_row_and_short_rows_stop_at_their_line():
    with pytest.raises(SourceError) as info:  # a line before any task number is never glued to task 1
        parse_text(QIAO_HEAD + "注：按职责分工\n1 任务一。 区发改委 区统计局\n", "s.txt")
    assert (info.value.line, info.value.message) == (
        3,
        "无法识别的行：“注：按职责分工”（不以序号开头，前面也没有可以接续的任务行）",
    )
    with pytest.raises(SourceError) as info:  # three pieces for four columns, and the next row is task 2
        parse_text(QIAO_HEAD + "1 任务一。 区发改委\n2 任务二。 区财政局 区统计局\n", "s.txt")
    assert (info.value.line, info.value.message) == (3, "这一行有 3 格，而表头有 4 列")


def test_space_rows_paragraph_running_on_and_unit_lists_split_by_spaces():
    text = HEAD + (
        "序号 主要任务 牵头单位 配合单位 落实情况\n"
        "1 任务一。 区发改委 市自规局、市城管局、市住建局 市商务局、市机关事务管理局 第一段。\n第二段。\n"
        "2 任务二。 区财政局\n区税务局\n区统计局、区商务局 已完成。\n"
    )
    t1, t2 = parse_text(text, "p.txt").all_tasks()
    assert (t1.units, t1.co_units, t1.progress) == (
        ["区发改委"],
        ["市自规局", "市城管局", "市住建局", "市商务局", "市机关事务管理局"],
        ["第一段。", "第二段。"],
    )
    assert (t2.task, t2.units, t2.co_units, t2.progress) == (
        "任务二。",
        ["区财政局", "区税务局"],
        ["区统计局", "区商务局"],
        ["已完成。"],
    )


# --- tasks numbered （一）（二）… -----------------------------------------------------------------
def test_jiayu_paren_items_with_lead_and_responsible_units_in_brackets():
    doc, lines = load("jiayu-2021-fenjie.txt")
    # the title is printed over four lines; the 附件 lines are not it
    assert doc.title == (
        "县人民政府办公室关于对县《政府工作报告》确定的2021年重点工作及市《政府工作报告》涉及嘉鱼的重点事项进行责任分解的通知"
    )
    assert "县人民政府办公室关于" not in doc.meta["preamble"]
    # the brackets' own words are the headers: 责任单位 beside 牵头单位 holds cooperating units
    assert columns(doc) == [("number", "序号"), ("task", "任务"), ("units", "牵头单位"), ("co_units", "责任单位")]
    assert lines == ["表头：“序号”→序号，“任务”→任务，“牵头单位”→牵头单位，“责任单位”→配合单位"]
    assert [s.heading for s in doc.sections] == ["一、2021年经济社会发展主要目标"]
    assert doc.sections[0].subsections == []  # the （一）… lines are tasks, not subsection headings
    towns = ["各镇人民政府", "嘉鱼经济开发区"]
    assert [fields(t) for t in doc.all_tasks()] == [
        (1, "地区生产总值增长11%。", ["县发改局（粮食局）"], towns, [], [], []),
        (2, "地方公共预算收入增长32%。", ["县财政局"], ["县税务局"] + towns, [], [], []),
        (3, "规模以上工业增加值增长11.5%。", ["县科经局"], towns, [], [], []),
        (4, "固定资产投资增长12%。", ["县发改局（粮食局）"], towns, [], [], []),
        (5, "社会消费品零售总额增长16%、外贸进出口总额增长16%。", ["县科经局"], towns, [], [], []),
    ]
    # the 通知's numbered 附件 lines stay in the preamble: they name no units
    assert "2.市《政府工作报告》涉及嘉鱼的重点事项责任分解" in doc.meta["preamble"]
    assert "附件1" in doc.meta["preamble"]


def test_caidian_paren_items_with_the_unit_on_the_next_line():
    doc, lines = load("caidian-2023-fenjie.txt")
    assert doc.title == "区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知"
    assert columns(doc) == [("number", "序号"), ("task", "任务"), ("units", "责任单位")]
    assert lines == ["表头：“序号”→序号，“任务”→任务，“责任单位”→牵头单位"]
    # the 通知's own 一、二、三 are its paragraphs, not sections of the list
    assert [s.heading for s in doc.sections] == ["一、2023年全区经济社会发展的主要预期目标"]
    assert any(p.startswith("三、从2023年第一季度开始") for p in doc.meta["preamble"])
    assert [fields(t) for t in doc.all_tasks()] == [
        (1, "地区生产总值增长7%以上", ["区发展和改革局"], [], [], [], []),
        (2, "规上工业增加值增长12%以上", ["区科技和经信局"], [], [], [], []),
        (3, "固定资产投资增长10%以上", ["区发展和改革局"], [], [], [], []),
    ]


def test_caidian_info_block_without_colons_is_read_as_metadata():
    """索 引 号 … 发文日期 …: labels without colons, two pairs on a line, spaces inside labels."""
    doc, _ = load("caidian-2023-fenjie.txt")
    assert {k: v for k, v in doc.meta.items() if k != "preamble"} == {
        "title": "区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知",
        "index_no": "MB1534522/2023-05475",
        "written": "2023-01-03",
        "issuer": "区人民政府办公室",
        "doc_no": "蔡政办〔2023〕1号",
        "category": "政务公开",
        "validity": "有效",
    }
    leaked = [
        p for p in doc.meta["preamble"] if re.search(r"索\s*引\s*号|发文日期|发布机构|文\s+号|分\s+类|有\s*效\s*性", p)
    ]
    assert leaked == []
    assert doc.meta["preamble"][0] == doc.title  # the page repeats its heading; the info block is gone
    assert doc.meta["preamble"][2] == "各街道办事处、乡人民政府，区人民政府各部门、各直属机构："


def test_paren_headings_above_numbered_items_and_paren_items_side_by_side():
    both = HEAD + (
        "一、稳增长\n(一)扩大投资\n1.推进项目建设。（市发展改革委牵头，市财政局配合）\n"
        "（二）促进消费\n2.办好展会。\n牵头单位：市商务局\n"
        "二、惠民生\n（三）新增学位1000个。（牵头单位：市教育局）\n（四）新建公园2个。\n责任单位：市园林局\n"
    )
    doc = parse_text(both, "p.txt")
    one, two = doc.sections
    assert [s.heading for s in one.subsections] == ["（一）扩大投资", "（二）促进消费"]
    assert two.subsections == []
    assert [(t.number, t.task, t.units, t.co_units) for t in doc.all_tasks()] == [
        (1, "推进项目建设。", ["市发展改革委"], ["市财政局"]),
        (2, "办好展会。", ["市商务局"], []),
        (3, "新增学位1000个。", ["市教育局"], []),
        (4, "新建公园2个。", ["市园林局"], []),
    ]


def test_paren_lines_inside_a_numbered_task_are_its_text():
    text = HEAD + "一、稳增长\n1.抓好三件事：\n（一）扩大投资；\n（二）促进消费。\n牵头单位：市发改委\n"
    [t] = parse_text(text, "p.txt").all_tasks()
    assert (t.number, t.task, t.units) == (1, "抓好三件事：（一）扩大投资；（二）促进消费。", ["市发改委"])
    assert parse_text(text, "p.txt").sections[0].subsections == []


def test_paren_items_numbered_again_in_each_section_are_numbered_in_reading_order():
    text = HEAD + (
        "一、稳增长\n（一）任务甲。（牵头单位：市发改委）\n（二）任务乙。（牵头单位：市财政局）\n"
        "二、惠民生\n（一）任务丙。（牵头单位：市民政局）\n"
    )
    lines = []
    doc = parse_text(text, "p.txt", report=lines.append)
    assert [(s.heading, [(t.number, t.task) for t in s.all_tasks()]) for s in doc.sections] == [
        ("一、稳增长", [(1, "任务甲。"), (2, "任务乙。")]),
        ("二、惠民生", [(3, "任务丙。")]),
    ]
    assert "提示：任务以“（一）（二）…”编号，第 6 行又从“（一）”编起；已按出现顺序编为序号 1–3" in lines


def _refused(tmp_path, text, *needles):
    src = tmp_path / "p.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "p.yaml"
    result = run_cli("import", src, "-o", out)
    assert_clean_error(result, *needles)
    assert not out.exists()
    return result


def test_paren_line_naming_units_above_numbered_items_is_refused(tmp_path):
    text = HEAD + "一、稳增长\n（一）扩大投资（牵头单位：市发改委）\n1.推进项目建设。\n牵头单位：市财政局\n"
    _refused(tmp_path, text, "p.txt 第 3 行", "分不清它是一项任务还是小标题", "1.推进项目建设", "删去其中的责任单位")


def test_paren_line_without_units_among_paren_tasks_is_refused(tmp_path):
    text = (
        HEAD
        + "一、稳增长\n（一）任务甲。（牵头单位：市发改委）\n（二）任务乙。\n二、惠民生\n（三）任务丙。（市民政局负责）\n"
    )
    _refused(tmp_path, text, "p.txt 第 4 行", "“（二）任务乙。…”没有标注责任单位", "责任单位：…")


def test_paren_numbers_clashing_with_numbered_tasks_are_refused(tmp_path):
    text = (
        HEAD
        + "一、稳增长\n（一）任务甲。（牵头单位：市发改委）\n（二）任务乙。（牵头单位：市财政局）\n二、惠民生\n1.任务丙。（市民政局负责）\n"
    )
    _refused(tmp_path, text, "p.txt 第 6 行", "序号是 1，却排在序号 2 之后", "混用了“1.”和“（一）”")


def test_qinxian_section_heading_names_the_lead_unit_of_its_tasks():
    doc, lines = load("qinxian-2025-qingdan.txt")
    assert doc.title == "2025年县政府工作报告任务清单"  # no title of its own: the list's, not an 附件 line
    assert columns(doc) == [("number", "序号"), ("task", "任务"), ("units", "牵头单位")]
    assert [s.heading for s in doc.sections] == ["一、县示范区管委会牵头工作（8项）"]
    lead = ["县示范区管委会"]
    assert [fields(t) for t in doc.all_tasks()] == [
        (1, "投资3000万元建设南美白对虾工厂化循环水养殖基地。", lead, [], [], [], []),
        (2, "打造食用菌酵素生产基地。", lead, [], [], [], []),
        (
            3,
            "建设3个劳动密集型产业园。推动潞讯精密电子30条生产线投产，培育服装加工产业园，"
            "推动天欣纸业环保包装等项目达产达效。",
            lead,
            [],
            [],
            [],
            [],
        ),
    ]
    # the 通知's 一、二、三 and its 附件 list are its preamble, not sections or tasks
    assert "2.2025年十五件民盼实事任务分解" in doc.meta["preamble"]
    assert not any(s.heading.startswith("三、协同破题") for s in doc.sections)


def test_a_section_naming_its_lead_gives_it_to_tasks_without_units_of_their_own():
    text = HEAD + (
        "一、县发改局牵头工作(2项)\n1.任务甲。\n2.任务乙。（县财政局牵头，县税务局配合）\n"
        "二、县教育局牵头工作\n3.任务丙。\n三、其他工作\n4.任务丁。\n"
    )
    with pytest.raises(SourceError) as info:
        parse_text(text, "s.txt")
    assert (info.value.line, info.value.task) == (8, 4)  # 三、其他工作 names no unit: task 4 has none
    t1, t2, t3 = parse_text(text.replace("4.任务丁。\n", "4.任务丁。（县民政局负责）\n"), "s.txt").all_tasks()[:3]
    assert (t1.units, t1.co_units) == (["县发改局"], [])
    assert (t2.units, t2.co_units) == (["县财政局"], ["县税务局"])  # its own units win
    assert (t3.units, t3.co_units) == (["县教育局"], [])


def test_keqiao_pipe_table_continuation_row_combined_progress_header_and_visit_counter():
    doc, lines = load("keqiao-2023-minsheng.txt")
    assert doc.title == "2023年度省政府民生实事涉我区工作任务一季度进展情况"
    assert (doc.meta["published"], doc.meta["source"]) == ("2023-11-16 16:38", "区政府办（外事办）")
    assert "preamble" not in doc.meta  # 访问次数： is the portal's counter, not the document's text
    assert columns(doc) == [
        ("number", "序号"),
        ("task", "工作任务"),
        ("units", "责任单位"),
        ("extra", "一季度目标"),
        ("progress", "进展情况、存在问题及下一步打算"),
        ("status", "目标完成情况"),
    ]
    assert [s.heading for s in doc.sections] == [""]  # "新增学位810个" is not a section
    t1, t2, t3 = doc.all_tasks()
    assert (
        fields(t1) + (t1.status, t1.extra)
        == (
            1,
            "新改扩建公办中小学校1所新增学位810个",  # the continuation row is the task's second line, joined as Chinese (no space)
            ["教体局"],
            [],
            [],
            [],
            [
                "进展情况：轻纺城第二小学（柯东小学）新建工程室内装修及安装工程完成80%，场外工程完成70%。 "
                "下步打算：场外工程增加施工人员，在确保施工质量和安全的前提下，加快场外工程进度。"
            ],
            "顺利推进",
            {"一季度目标": "室内安装、装修及场外施工"},
        )
    )
    assert (t2.number, t2.task, t2.units, t2.status) == (
        2,
        "完成“县中崛起”一对一结对帮扶学校2所",
        ["教体局"],
        "顺利推进",
    )
    assert t2.progress[0].startswith("进展情况：3月10日，柯桥中学管理教学团队赴江山中学") and t2.progress[0].endswith(
        "下步打算：双方继续按既定方案开展研讨交流，促进共同提高。"
    )
    assert fields(t3) + (t3.status, t3.extra) == (
        3,
        "符合条件的义务教育段随迁子女在家长常住地100%保障入学",
        ["教体局"],
        [],
        [],
        [],
        ["进展情况：3月26日已公布随迁子女入（转）学政策。"],
        "顺利推进",
        {"一季度目标": "公布随迁子女入（转）学政策"},
    )
    assert lines[0] == "提示：第 8 行“新增学位810个”只有第一格有字、没有序号，按任务 1 的任务内容的下一行读入"
    assert lines[1] == (
        "表头：“序号”→序号，“工作任务”→任务，“责任单位”→牵头单位，“一季度目标”→其他列（原样保留），"
        "“进展情况、存在问题及下一步打算”→完成情况，“目标完成情况”→完成状态"
    )


def test_pipe_rows_an_unfinished_line_is_never_glued_to_the_next_numbered_row():
    head = HEAD + "序号 | 主要任务 | 牵头单位 | 落实情况 |\n"
    doc = parse_text(head + "一、稳增长 |\n1 | 任务一。 | 市发改委 | 已完成。 |\n", "h.txt")
    assert [(s.heading, [t.number for t in s.tasks]) for s in doc.sections] == [("一、稳增长", [1])]
    with pytest.raises(SourceError) as info:
        parse_text(head + "1 | 任务一。 | 市发改委 |\n2 | 任务二。 | 市财政局 | 已完成。 |\n", "h.txt")
    assert (info.value.line, info.value.message) == (3, "这一行有 3 格，而表头有 4 列")


# Metadata whose value stands on the line after its label. The blocks are the real beginnings of
# https://www.xuancheng.gov.cn/OpennessGazette/show/1599.html (宣城市, 安徽; labels without colon, a
# 目标任务分解表 notice) and http://zb.gov.cn/zbxzf/xzfwj/202404/49ca3d0c669f4c2ebf6f7fabf563549c.shtml
# (镇巴县, 陕西; "label:" lines, some empty); the stored copies end before any table, so the one-row
# tables below them are made up.
XUANCHENG_TOP = (
    "您当前所在的位置: 网站首页 > 政府公报 > 2021年第3期 > 市政府文件\n"
    "  • 索引号\n\n    11341700003244967K/202102-00038\n  • 组配分类\n\n    市政府文件\n"
    "  • 发布机构\n\n    宣城市人民政府(办公室)\n  • 发文日期\n\n    2021-02-12 16:00\n"
    "  • 发布文号\n\n    宣政秘〔2021〕14号\n  • 关键词\n    规范性文件发布\n  • 信息来源\n    宣城市人民政府(办公室)\n"
    "  • 主题导航\n\n  • 信息名称\n\n    宣城市人民政府关于印发2021年市政府工作报告目标任务分解表的通知\n"
    "  • 内容概述\n\n    宣城市人民政府关于印发2021年市政府工作报告目标任务分解表的通知\n  • 浏览次数\n\n    3738\n\n"
    "宣城市人民政府关于印发2021年市政府工作报告目标任务分解表的通知\n\n【字体大小:  \n\n"
    "各县、市、区人民政府,市政府各部门、各直属机构:\n\n"
)
ZHENBA_TOP = (
    "返回顶部\n\n镇巴县人民政府工作规则\n\n  • 索引号:\n\n    6107280000/2024-001005\n  • 主题分类:\n\n  • 来源:\n\n"
    "  • 发文机构:\n\n    县政府网站\n  • 发文字号:\n\n    镇政发〔2024〕7号\n  • 发文日期:\n\n    2024年04月06日 16:40\n"
    "  • 有效性:\n\n  • 发布日期:\n\n    2024年04月06日 16:34\n  • 内容概述:\n\n镇巴县人民政府工作规则\n\n"
)
ONE_ROW = "序号\t目标任务\t牵头单位\n1\t地区生产总值增长8%以上。\t市发展改革委\n"


def test_metadata_values_on_the_next_line_go_to_the_metadata_not_the_preamble():
    doc = parse_text(XUANCHENG_TOP + ONE_ROW, "xc.txt")
    assert doc.title == "宣城市人民政府关于印发2021年市政府工作报告目标任务分解表的通知"
    assert {k: doc.meta[k] for k in ("index_no", "category", "issuer", "written", "doc_no", "keywords", "source")} == {
        "index_no": "11341700003244967K/202102-00038",
        "category": "市政府文件",
        "issuer": "宣城市人民政府（办公室）",
        "written": "2021-02-12 16:00",
        "doc_no": "宣政秘〔2021〕14号",
        "keywords": "规范性文件发布",
        "source": "宣城市人民政府（办公室）",
    }
    # breadcrumb, the visit counter (3738) and the 字体大小 control are page furniture; the addressees stay
    assert doc.meta["preamble"] == ["各县、市、区人民政府，市政府各部门、各直属机构："]
    doc = parse_text(ZHENBA_TOP + ONE_ROW, "zb.txt")
    assert doc.title == "镇巴县人民政府工作规则"
    assert {k: doc.meta[k] for k in ("index_no", "issuer", "doc_no", "written", "published")} == {
        "index_no": "6107280000/2024-001005",
        "issuer": "县政府网站",
        "doc_no": "镇政发〔2024〕7号",
        "written": "2024年04月06日 16:40",
        "published": "2024年04月06日 16:34",
    }
    assert "preamble" not in doc.meta and "subject" not in doc.meta  # empty labels (主题分类:) take no value
    [t] = doc.all_tasks()
    assert (t.number, t.task, t.units) == (1, "地区生产总值增长8%以上。", ["市发展改革委"])


def test_a_lone_label_never_takes_a_value_of_the_wrong_shape():
    text = "发布日期：\n2024年重点工作完成情况\n序号\t主要任务\t牵头单位\n1\t任务一。\t市发改委\n"
    doc = parse_text(text, "d.txt")
    assert "published" not in doc.meta and doc.title == "2024年重点工作完成情况"  # a title is not a date
    # a table without 序号 (one cell per line): a cell "名称" or "来源" is never joined with the next cell
    cells = HEAD + "项目名称\n责任单位\n来源\n区财政局\n名称\n区发改局\n"
    assert [t for _, t in _join_lone_labels([(n, t) for n, t in enumerate(cells.splitlines(), 1)])[0]] == (
        cells.splitlines()
    )


# Rows whose line ends were lost (a page copied as one line): made from the real pages above by
# joining their lines, so the result must be the same as from the page itself.
def _one_line(name, first, last, sep=" "):
    lines = (PAGES / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[: first - 1]) + "\n" + sep.join(lines[first - 1 : last]) + "\n"


def test_space_rows_run_together_on_one_line_with_the_header_and_a_section_row(tmp_path):
    page, _ = load("qiaocheng-2025-fenjie.txt")
    text = _one_line("qiaocheng-2025-fenjie.txt", 16, 24)  # header, section row, tasks 1-5 on line 16
    assert len(text.splitlines()) == 16
    doc = parse_text(text, "q.txt")
    assert columns(doc) == columns(page)
    assert [s.heading for s in doc.sections] == ["一、2025年经济社会发展的主要预期目标"]
    assert [fields(t) for t in doc.all_tasks()] == [fields(t) for t in page.all_tasks()]
    assert doc.all_tasks()[1].units == ["区财政局", "区税务局"]
    src, out = tmp_path / "q.txt", tmp_path / "q.yaml"
    src.write_text(text, encoding="utf-8")
    assert run_cli("import", src, "-o", out).code == 0 and run_cli("check", out).code == 0
    for fmt in ("xlsx", "pdf"):
        assert run_cli("export", fmt, "--data", out, "-o", tmp_path / f"q.{fmt}").code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "q.xlsx")["一、2025年经济社会发展的主要预期目标"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1] == ["序号", "重点工作任务", "主要责任单位", "协同配合单位"]  # the published headers
    assert rows[4][:3] == [2, "一般公共预算收入增长5%左右。", "区财政局\n区税务局"]


def test_pipe_and_tab_rows_run_together_on_one_line():
    page, _ = load("keqiao-2023-minsheng.txt")
    lines = (PAGES / "keqiao-2023-minsheng.txt").read_text(encoding="utf-8").splitlines()
    text = "\n".join(lines[:5]) + "\n" + " ".join(lines[5:7] + lines[8:10]) + "\n"  # header, tasks 1-3
    doc = parse_text(text, "k.txt")
    got = [fields(t) + (t.status, t.extra) for t in doc.all_tasks()]
    want = [fields(t) + (t.status, t.extra) for t in page.all_tasks()]
    assert got[0][1] == "新改扩建公办中小学校1所" and got[0][2:] == want[0][2:]
    assert got[1:] == want[1:]
    tabs = (
        HEAD
        + "序号\t主要任务\t牵头单位\t落实情况\t一、稳增长\t3\t任务三。\t市发改委\t已完成。\t68\t任务六十八。\t市统计局\t推进中。\n"
    )
    doc = parse_text(tabs, "t.txt")
    assert [s.heading for s in doc.sections] == ["一、稳增长"]
    assert [(t.number, t.task, t.units, t.progress) for t in doc.all_tasks()] == [
        (3, "任务三。", ["市发改委"], ["已完成。"]),
        (68, "任务六十八。", ["市统计局"], ["推进中。"]),
    ]


def test_rows_run_together_that_do_not_cut_into_rows_stop_at_their_line():
    text = HEAD + "序号\t主要任务\t牵头单位\t落实情况\n1\t任务一。\t市发改委\t已完成。\t2\t任务二。\t市统计局\n"
    with pytest.raises(SourceError) as info:
        parse_text(text, "t.txt")
    assert (info.value.line, info.value.message) == (3, "这一行有 7 格，而表头有 4 列")


def test_space_rows_a_task_number_inside_a_row_is_never_merged_into_it():
    # numbers 3 and 68 (a department's extract): not consecutive, so the line is not cut; refused
    text = HEAD + "序号 主要任务 牵头单位 落实情况\n3 任务三。 市发改委 已完成。 68 任务六十八。 市统计局 推进中。\n"
    with pytest.raises(SourceError) as info:
        parse_text(text, "n.txt")
    assert (info.value.line, info.value.task) == (3, 3)
    assert info.value.message.startswith("任务 3 这一行中间还有一个单独的数字“68”")


def test_dazhu_second_row_of_a_task_is_refused_not_put_in_the_deadline(tmp_path):
    """One cell per line; task 5 has two rows under one number (merged cells in the published table)."""
    page = (PAGES / "dazhu-2016-minsheng.txt").read_text(encoding="utf-8")
    out = tmp_path / "d.yaml"
    result = run_cli("import", PAGES / "dazhu-2016-minsheng.txt", "-o", out)
    assert_clean_error(result, "第 88 行", "任务 5", "完成时限中夹着一句正文“开工建设老年大学。”", "接在任务文字之后")
    assert not out.exists()
    # fixed as the hint says (the sentence after the task's text, both dates on one line): every field right
    lines = page.split("\n")
    assert lines[81:90] == [
        "开工建设县老年养护楼。",
        "",
        "县民政局",
        "",
        "5月底前动工",
        "",
        "开工建设老年大学。",
        "",
        "12月底前",
    ]
    fixed = tmp_path / "dazhu.txt"
    edited = lines[:81] + ["开工建设县老年养护楼。开工建设老年大学。", "", "县民政局", "", "5月底前动工；12月底前"]
    fixed.write_text("\n".join(edited + lines[90:]), encoding="utf-8")
    result = run_cli("import", fixed, "-o", out)
    assert result.code == 0, result.err
    assert "表头：“序号”→序号，“民生实事”→任务，“责任单位”→牵头单位，“完成时限”→完成时限" in result.err
    doc = datafile.load(out.read_bytes(), str(out))
    assert doc.title == "大竹县人民政府办公室关于对2016年民生实事进行重点督办的通知"
    assert columns(doc) == [("number", "序号"), ("task", "民生实事"), ("units", "责任单位"), ("deadline", "完成时限")]
    got = [(t.number, t.task, t.units, t.deadline) for t in doc.all_tasks()]
    assert got == [
        (1, "启动建设东柳河城区段综合治理工程和东湖湿地公园。", ["县水务局", "县住建局", "县护城河指挥部"], "12月底前"),
        (2, "新建2座人行天桥。", ["县住建局"], "9月投入使用"),
        (3, "启动县图书馆新馆建设。", ["县文体广新局", "县代建中心"], "12月底前"),
        (4, "建成县残疾人综合服务中心。", ["县残联"], "5月底前动工"),
        (5, "开工建设县老年养护楼。开工建设老年大学。", ["县民政局"], "5月底前动工；12月底前"),
        (6, "迁建县政务服务中心。", ["县政务服务中心", "县代建中心"], "12月底前"),
        (7, "加快推进土地滩水库建设。", ["县水务局"], "12月底前"),
        (8, "启动大竹县第十二小学建设，新建中心幼儿园2所。", ["县教科局", "县代建中心"], "12月底前"),
        (9, "完成棚户区改造2836户。", ["县住建局"], "12月底前"),
        (10, "城区再新建1个农贸市场。", ["县商务局"], "12月底前"),
    ]
    assert run_cli("check", out).code == 0
    for fmt in ("xlsx", "pdf"):
        assert run_cli("export", fmt, "--data", out, "-o", tmp_path / f"d.{fmt}").code == 0


def test_huzhou_first_listed_unit_leads_as_the_note_says():
    doc, lines = load("huzhou-2020-fenjie.txt")
    assert doc.title == "2020年政府工作报告重点工作责任分解"
    assert columns(doc) == [("number", "序号"), ("task", "任务"), ("units", "牵头单位"), ("co_units", "责任单位")]
    assert [s.heading for s in doc.sections] == ["一、王纲市长主抓重点工作"]
    [t] = doc.all_tasks()
    assert fields(t) == (
        1,
        "坚定不移支持企业发展。认真落实关于营造更好发展环境、推动民营企业改革发展的各项政策措施。"
        "全面落实疫情发生以来出台的各类稳企业、稳经济、稳发展政策意见，大力实施减税、减费、减租、减息措施，"
        "力争减轻企业各类负担200亿元，全力支持企业复产达产、健康发展。",
        ["市经信局"],  # 列第一位者为工作牵头单位: the note is not part of a unit's name
        ["市财政局", "市发展改革委", "市人力社保局", "市金融办", "市税务局"],
        [],
        [],
        [],
    )


def test_first_listed_lead_note_holds_for_the_items_after_only_with_xiatong():
    later = HEAD + (
        "一、稳增长\n1.任务甲。\n责任单位：市发改委、市财政局（列第一位者为牵头单位，下同）\n"
        "2.任务乙。\n责任单位：市商务局、市统计局\n"
    )
    t1, t2 = parse_text(later, "n.txt").all_tasks()
    assert (t1.units, t1.co_units, t2.units, t2.co_units) == (["市发改委"], ["市财政局"], ["市商务局"], ["市统计局"])
    alone = later.replace("，下同", "")
    t1, t2 = parse_text(alone, "n.txt").all_tasks()
    assert (t1.units, t1.co_units) == (["市发改委"], ["市财政局"])
    assert (t2.units, t2.co_units) == (["市商务局", "市统计局"], [])  # the note spoke of its own item only


def test_xialu_2020_paren_subsection_headings_above_numbered_items():
    """Both levels on one real page: （一） with no units and 1、 items after it is a subsection heading."""
    doc, lines = load("xialu-2020-fenjie.txt")
    assert columns(doc) == [("number", "序号"), ("task", "任务"), ("units", "牵头单位"), ("co_units", "责任单位")]
    [section] = doc.sections
    assert section.heading == "一、全力统筹疫情防控和经济社会秩序恢复" and section.tasks == []
    [sub] = section.subsections
    assert sub.heading == "（一）坚持常态化疫情防控"
    t1, t2 = sub.tasks
    assert fields(t1) == (
        1,
        "切实提高政治站位，慎终如始精准抓好疫情防控工作。按照“防松懈、防输入、防反弹”要求，建立常态化疫情防控机制，"
        "全面落实科学防控、精密智控、闭环管控。对重点人群核酸检测应检尽检，全力做好无症状感染者的监测、追踪、隔离和治疗。",
        ["区卫健局"],
        ["区疫情防控指挥部成员单位", "各街办（新区）"],
        [],
        [],
        [],
    )
    assert fields(t2) == (
        2,
        "以爱国卫生运动和文明城市创建为抓手，大力开展环境卫生综合整治，强化群众风险防控意识，切实巩固疫情防控成果。",
        ["区卫健局", "区创文办"],
        ["区疫情防控指挥部成员单位", "区创文工作领导小组成员单位", "各街办（新区）"],
        [],
        [],
        [],
    )
    assert doc.meta["preamble"][-1].startswith("今年经济社会发展的主要预期目标是：")


def test_xialu_2020_empty_spaced_label_takes_no_other_label_as_its_value():
    """ "文 号: 文件分类: 综合政务 所属机构:": 文号 and 所属机构 are empty, 综合政务 is the category."""
    doc, _ = load("xialu-2020-fenjie.txt")
    assert {k: v for k, v in doc.meta.items() if k != "preamble"} == {
        "title": "区人民政府办公室 关于印发2020年区政府重点工作责任分解的通知",
        "issuer": "下陆区政府办公室",
        "index_no": "000014349/2020-105482",
        "published": "2020-06-28",
        "category": "综合政务",
    }
    assert not any(re.search(r"索\s*引\s*号|文\s*号|分类|所属机构", p) for p in doc.meta["preamble"])
    assert doc.meta["preamble"][:3] == ["区人民政府办公室", "关于印发2020年区政府重点工作责任分解的", "通 知"]


def test_info_lines_that_cannot_be_read_one_way_stay_in_the_preamble():
    """An unknown label (所属主题) would be taken for 索引号's value; a colonless date followed by a word
    is not a date: both lines are kept as written, the lines around them still read."""
    table_text = "某某区2020年重点工作任务分解表\n序号\t任务\t牵头单位\n1\t任务一。\t区发改局\n"
    unknown = "索引号: 123/2020-1 所属主题: 综合\n发布机构: 某某区政府办公室\n文 号:\n发文日期: 2020-01-02\n"
    doc = parse_text(unknown + table_text, "p.txt")
    assert {k: v for k, v in doc.meta.items() if k != "preamble"} == {
        "title": "某某区2020年重点工作任务分解表",
        "issuer": "某某区政府办公室",
        "written": "2020-01-02",
    }
    assert doc.meta["preamble"] == ["索引号： 123/2020-1 所属主题： 综合"]
    bare = "索 引 号 123/2020-1 发文日期 2020-01-02 某某\n分 类 政务公开\n"
    doc = parse_text(bare + table_text, "p.txt")
    assert {k: v for k, v in doc.meta.items() if k != "preamble"} == {
        "title": "某某区2020年重点工作任务分解表",
        "category": "政务公开",
    }
    assert doc.meta["preamble"] == ["索 引 号 123/2020-1 发文日期 2020-01-02 某某"]
