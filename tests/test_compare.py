"""`exporter diff` and `exporter merge`: what changed between two data files, and merging returned parts."""

from __future__ import annotations

import copy

import pytest
from conftest import DATA, assert_clean_error, run_cli

from exporter.errors import ExporterError
from exporter.formats import datafile
from exporter.model import Document, Section, Subsection, Task
from exporter.ops import compare, split
from exporter.ops.compare import Change


def small_doc() -> Document:
    return Document(
        meta={"title": "测试文件", "issuer": "某市政府办公室"},
        sections=[
            Section(
                "一",
                "确保完成目标",
                tasks=[
                    Task(1, "地区生产总值增长8%左右。", ["全年增长5.8%。"], ["市发展改革委"]),
                    Task(
                        2,
                        "一般公共预算收入增长6%左右。",
                        ["全年增长4.1%。", "税收占比提高。"],
                        ["市财政局", "市税务局"],
                    ),
                ],
            ),
            Section(
                "二",
                "聚力扩投资",
                subsections=[
                    Subsection(
                        "一",
                        "推项目。",
                        [
                            Task(
                                3,
                                "固定资产投资增长12%。",
                                ["增长8%。", "新开工项目500个。", "竣工300个。"],
                                ["市发展改革委", "市住房城乡建设局", "市自然资源局"],
                            )
                        ],
                    ),
                    Subsection("二", "抓招引。", [Task(4, "招商引资。", [], ["市投资促进中心"])]),
                ],
            ),
        ],
    )


def tasks_of(doc):
    return {t.number: t for t in doc.all_tasks()}


# ---------------------------------------------------------------------------------------------
# diff
def test_identical_documents():
    changes = compare.diff(small_doc(), small_doc())
    assert changes == []
    assert compare.format_changes(changes, "a.yaml", "b.yaml") == "两个文件内容相同。"


def test_task_text_change_shows_old_and_new():
    new = small_doc()
    tasks_of(new)[1].task = "地区生产总值增长7%左右。"
    changes = compare.diff(small_doc(), new)
    assert changes == [Change("task", 1, action="修改", old="地区生产总值增长8%左右。", new="地区生产总值增长7%左右。")]
    text = compare.format_changes(changes, "a.yaml", "b.yaml")
    assert "任务 1\n  任务内容 修改\n    原：地区生产总值增长8%左右。\n    新：地区生产总值增长7%左右。" in text
    assert "原：a.yaml" in text and "新：b.yaml" in text and "修改 1 项任务" in text


def test_progress_changes_are_reported_per_paragraph():
    new = small_doc()
    t = tasks_of(new)
    t[2].progress[1] = "税收占比提高到75%。"  # 第2段 修改
    t[2].progress.append("非税收入下降。")  # 第3段 新增
    t[3].progress.pop(1)  # 第2段 删除
    t[4].progress = ["已签约项目20个。"]  # was empty
    changes = compare.diff(small_doc(), new)
    assert [(c.task, c.action, c.index) for c in changes] == [
        (2, "修改", 2),
        (2, "新增", 3),
        (3, "删除", 2),
        (4, "新增", 1),
    ]
    text = compare.format_changes(changes, "a", "b")
    assert "  完成情况 第2段 修改\n    原：税收占比提高。\n    新：税收占比提高到75%。" in text
    assert "  完成情况 第3段 新增\n    新：非税收入下降。" in text
    assert "任务 3\n  完成情况 第2段 删除\n    原：新开工项目500个。" in text


def test_long_paragraph_edit_names_the_changed_words():
    old, new = small_doc(), small_doc()
    long = "全年地区生产总值2291.5亿元，增长5.8%，其中第一产业增加值增长4.1%，第二产业增加值增长6.2%，第三产业增加值增长5.9%。"
    tasks_of(old)[1].progress = [long]
    tasks_of(new)[1].progress = [long.replace("增长5.8%", "增长6.0%")]
    text = compare.format_changes(compare.diff(old, new), "a", "b")
    assert "改动：“5.8%”改为“6.0%”" in text


def test_unit_changes_call_out_the_lead():
    new = small_doc()
    t = tasks_of(new)
    t[1].units = ["市统计局", "市发展改革委"]  # lead changed, one added
    t[2].units = ["市财政局"]  # co-lead removed
    t[3].units = ["市发展改革委", "市自然资源局", "市住房城乡建设局"]  # reordered, same lead
    changes = compare.diff(small_doc(), new)
    assert [c.kind for c in changes] == ["units"] * 3
    text = compare.format_changes(changes, "a", "b")
    assert (
        "任务 1\n  单位 修改：牵头单位由“市发展改革委”改为“市统计局”；增加市统计局\n"
        "    原：市发展改革委\n    新：市统计局、市发展改革委" in text
    )
    assert "任务 2\n  单位 修改：删除市税务局" in text
    assert "任务 3\n  单位 修改：顺序调整\n    原：市发展改革委、市住房城乡建设局、市自然资源局" in text
    assert "牵头单位" not in text.split("任务 2")[1]


def test_added_removed_and_moved_tasks():
    new = small_doc()
    moved = new.sections[1].subsections[0].tasks.pop()  # task 3 from （一） to （二）
    new.sections[1].subsections[1].tasks.insert(0, moved)
    new.sections[0].tasks.pop()  # task 2 removed
    new.sections[1].subsections[1].tasks.append(Task(5, "新增任务。", ["已完成。"], ["市商务局"]))
    changes = compare.diff(small_doc(), new)
    assert [(c.kind, c.task) for c in changes] == [("removed", 2), ("moved", 3), ("added", 5)]
    text = compare.format_changes(changes, "a", "b")
    assert "任务 2 删除（原在“一、确保完成目标”）\n  任务内容：一般公共预算收入增长6%左右。" in text
    assert "任务 3\n  位置 移动：由“二、聚力扩投资／（一）推项目。”移到“二、聚力扩投资／（二）抓招引。”" in text
    assert (
        "任务 5 新增（二、聚力扩投资／（二）抓招引。）\n  任务内容：新增任务。\n  完成情况第1段：已完成。\n  单位：市商务局"
        in text
    )
    assert "修改 1 项任务，新增 1 项任务，删除 1 项任务" in text


def test_document_fields_and_headings():
    new = small_doc()
    new.meta["title"] = "测试文件（修订）"
    del new.meta["issuer"]
    new.meta["written"] = "2024-02-01"
    new.sections[1].title = "聚力扩大投资"
    new.sections[1].subsections[1].title = "抓招商。"
    changes = compare.diff(small_doc(), new)
    assert [(c.kind, c.key, c.action) for c in changes] == [
        ("field", "title", "修改"),
        ("field", "issuer", "删除"),
        ("field", "written", "新增"),
        ("section", "二", "修改"),
        ("subsection", "二、聚力扩大投资", "修改"),
    ]
    # A renamed heading is not a move of its tasks.
    assert not any(c.kind == "moved" for c in changes)
    text = compare.format_changes(changes, "a", "b")
    assert "文件信息\n  标题 修改\n    原：测试文件\n    新：测试文件（修订）" in text
    assert "  发布机构 删除（原为：某市政府办公室）" in text
    assert "  成文日期 新增：2024-02-01" in text
    assert "  部分 修改\n    原：二、聚力扩投资\n    新：二、聚力扩大投资" in text
    assert "  小标题 修改（在“二、聚力扩大投资”中）\n    原：（二）抓招引。\n    新：（二）抓招商。" in text


def test_a_units_part_is_compared_only_on_its_tasks(bundled_doc):
    part = split.unit_part(bundled_doc, "市生态环境局")
    tasks_of(part)[88].progress[0] += "（已更新）"
    changes = compare.diff(bundled_doc, part)
    assert [(c.kind, c.task, c.index) for c in changes] == [("progress", 88, 1)]
    text = compare.format_changes(changes, "data/2023.yaml", "市生态环境局.yaml")
    assert text.startswith(
        "说明：市生态环境局.yaml 是“市生态环境局”的返回部分（7 项任务），只与 data/2023.yaml 中的这些任务比较。"
    )
    assert "删除" not in text and "单位（unit）" not in text
    unchanged = compare.diff(bundled_doc, split.unit_part(bundled_doc, "市生态环境局"))
    assert unchanged == []
    assert "没有改动" in compare.format_changes(unchanged, "a", "b")


def test_bundled_data_edits_are_found_exactly(bundled_doc):
    new = copy.deepcopy(bundled_doc)
    t = tasks_of(new)
    t[43].units.remove("长三角绿色农产品生产加工基地建设指挥部办公室")
    t[100].progress[-1] = t[100].progress[-1][:-1] + "，群众满意度提升。"
    new.meta["published"] = "2024-02-02 09:00"
    changes = compare.diff(bundled_doc, new)
    assert [(c.kind, c.task or c.key) for c in changes] == [("field", "published"), ("units", 43), ("progress", 100)]
    text = compare.format_changes(changes, "a", "b")
    assert "删除长三角绿色农产品生产加工基地建设指挥部办公室" in text
    assert "加入“，群众满意度提升”" in text


# ---------------------------------------------------------------------------------------------
# merge
def part_of(doc: Document, unit: str) -> Document:
    return split.unit_part(doc, unit)


def test_merge_takes_each_parts_edits(bundled_doc):
    fagai = part_of(bundled_doc, "市发展改革委")
    tasks_of(fagai)[3].progress = ["全年固定资产投资增长8%，其中工业投资增长15%。"]
    tasks_of(fagai)[12].units = ["市发展改革委"]
    eco = part_of(bundled_doc, "市生态环境局")
    tasks_of(eco)[86].task = tasks_of(eco)[86].task + "（调整）"
    tasks_of(eco)[7].progress.append("补充一段。")
    untouched = part_of(bundled_doc, "市邮政管理局")
    merged, report = compare.merge(
        bundled_doc, [("市发展改革委.yaml", fagai), ("市生态环境局.yaml", eco), ("市邮政管理局.yaml", untouched)]
    )
    m = tasks_of(merged)
    assert m[3].progress == ["全年固定资产投资增长8%，其中工业投资增长15%。"]
    assert m[12].units == ["市发展改革委"]
    assert m[86].task.endswith("（调整）")
    assert m[7].progress[-1] == "补充一段。"
    assert report.splitlines() == [
        "市发展改革委.yaml：任务 3 完成情况、任务 12 单位",
        "市生态环境局.yaml：任务 7 完成情况、任务 86 任务内容",
        "市邮政管理局.yaml：没有改动",
        "合并完成：4 处改动，涉及 4 项任务。",
    ]
    # Base structure and metadata kept; the part's unit key is not carried over.
    assert merged.meta == bundled_doc.meta and "unit" not in merged.meta
    assert [t.number for t in merged.all_tasks()] == list(range(1, 116))
    assert [s.heading for s in merged.sections] == [s.heading for s in bundled_doc.sections]
    # Exactly those edits, nothing else, and the base object is untouched.
    assert [(c.kind, c.task) for c in compare.diff(bundled_doc, merged)] == [
        ("progress", 3),
        ("progress", 7),
        ("units", 12),
        ("task", 86),
    ]
    assert tasks_of(bundled_doc)[12].units == ["市发展改革委", "市高新区管委会"]


def test_same_edit_in_two_parts_is_fine(bundled_doc):
    # Task 7 is in both units' parts; both add the same paragraph.
    a, b = part_of(bundled_doc, "市发展改革委"), part_of(bundled_doc, "市生态环境局")
    for part in (a, b):
        tasks_of(part)[7].progress.append("双方共同补充。")
    merged, report = compare.merge(bundled_doc, [("发改.yaml", a), ("生态.yaml", b)])
    assert tasks_of(merged)[7].progress[-1] == "双方共同补充。"
    assert "生态.yaml：任务 7 完成情况（与 发改.yaml 相同）" in report
    assert "合并完成：1 处改动，涉及 1 项任务。" in report


def test_conflicting_edits_stop_the_merge(bundled_doc):
    a, b = part_of(bundled_doc, "市发展改革委"), part_of(bundled_doc, "市生态环境局")
    tasks_of(a)[7].progress[0] = "发改委的说法。"
    tasks_of(b)[7].progress[0] = "生态环境局的说法。"
    with pytest.raises(ExporterError) as info:
        compare.merge(bundled_doc, [("返回/发改.yaml", a), ("返回/生态.yaml", b)])
    message = str(info.value)
    assert "合并冲突" in message and "任务 7" in message and "完成情况" in message
    assert "返回/发改.yaml" in message and "返回/生态.yaml" in message
    assert "第1段“发改委的说法。”" in message and "第1段“生态环境局的说法。”" in message
    assert "修改方法" in message


def test_unknown_task_in_a_part_stops_the_merge(bundled_doc):
    part = part_of(bundled_doc, "市政府办公室")
    part.sections[-1].tasks.append(Task(116, "多出来的任务。", [], ["市政府办公室"]))
    with pytest.raises(ExporterError) as info:
        compare.merge(bundled_doc, [("办公室.yaml", part)])
    message = str(info.value)
    assert "办公室.yaml" in message and "任务 116" in message and "底稿中不存在" in message


def test_merge_ignores_part_metadata_and_notes_moves():
    base = small_doc()
    part = small_doc()
    part.meta = {"title": base.title, "unit": "市发展改革委", "preamble": ["别的说明"]}
    moved = part.sections[1].subsections[0].tasks.pop()
    part.sections[1].subsections[1].tasks.insert(0, moved)
    merged, report = compare.merge(base, [("p.yaml", part)])
    assert merged.meta == base.meta
    assert [t.number for t in merged.sections[1].subsections[0].tasks] == [3]  # base structure kept
    assert "任务 3" in report and "位置未合并" in report
    assert "p.yaml：没有改动" in report


def test_merge_refuses_a_part_of_another_document():
    # Issue 16 item 5: a part whose title differs came from another document; it used to replace
    # every task it shared numbers with, with only a note about the title.
    part = small_doc()
    part.meta = {"title": "别的文件", "unit": "市发展改革委"}
    part.all_tasks()[0].task = "别的文件的任务"
    with pytest.raises(ExporterError, match="来自另一份文件"):
        compare.merge(small_doc(), [("p.yaml", part)])


# ---------------------------------------------------------------------------------------------
# The command line
@pytest.fixture
def parts(tmp_path, bundled_doc):
    fagai = part_of(bundled_doc, "市发展改革委")
    tasks_of(fagai)[3].progress = ["全年固定资产投资增长8%，增速居全省前列。"]
    eco = part_of(bundled_doc, "市生态环境局")
    tasks_of(eco)[88].units = ["市生态环境局", "市水务局"]
    paths = {}
    for name, doc in (("市发展改革委", fagai), ("市生态环境局", eco)):
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_bytes(datafile.dump(doc))
    return paths


def test_cli_diff_exit_codes_and_text(tmp_path, bundled_doc):
    same = run_cli("diff", DATA, DATA)
    assert same.code == 0 and same.out.strip() == "两个文件内容相同。"
    new = copy.deepcopy(bundled_doc)
    tasks_of(new)[1].progress = ["全年地区生产总值2291.5亿元，增长5.9%。"]
    path = tmp_path / "new.yaml"
    path.write_bytes(datafile.dump(new))
    result = run_cli("diff", DATA, path)
    assert result.code == 1, result
    assert (
        "任务 1\n  完成情况 第1段 修改\n    原：全年地区生产总值2291.5亿元，增长5.8%。\n"
        "    新：全年地区生产总值2291.5亿元，增长5.9%。" in result.out
    )
    assert result.err == ""


def test_cli_diff_of_a_missing_file(tmp_path):
    assert_clean_error(run_cli("diff", DATA, tmp_path / "nope.yaml"), "找不到", "nope.yaml")


def test_cli_merge_then_check(tmp_path, parts):
    out = tmp_path / "merged.yaml"
    result = run_cli("merge", DATA, parts["市发展改革委"], parts["市生态环境局"], "-o", out)
    assert result.code == 0, result
    assert f"{parts['市发展改革委']}：任务 3 完成情况" in result.err
    assert f"{parts['市生态环境局']}：任务 88 单位" in result.err
    check = run_cli("check", out)
    assert check.code == 0 and "没有发现问题" in check.out and "115 项任务" in check.out
    merged = tasks_of(datafile.load(out.read_bytes(), str(out)))
    assert merged[3].progress == ["全年固定资产投资增长8%，增速居全省前列。"]
    assert merged[88].units == ["市生态环境局", "市水务局"]
    diff = run_cli("diff", DATA, out)
    assert diff.code == 1
    assert "共 2 处差异：修改 2 项任务。" in diff.out and "增加市水务局" in diff.out


def test_cli_merge_conflict_writes_nothing(tmp_path, parts, bundled_doc):
    other = part_of(bundled_doc, "市发展改革委")
    tasks_of(other)[3].progress = ["全年固定资产投资增长9%。"]
    other_path = tmp_path / "另一份.yaml"
    other_path.write_bytes(datafile.dump(other))
    out = tmp_path / "merged.yaml"
    result = run_cli("merge", DATA, parts["市发展改革委"], other_path, "-o", out)
    assert_clean_error(
        result, "合并冲突", "任务 3", "完成情况", str(parts["市发展改革委"]), str(other_path), "全年固定资产投资增长9%"
    )
    assert result.code == 1
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == []
