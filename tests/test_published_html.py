"""A published page as HTML (tests/fixtures/html/, see the README there: the markup is rebuilt from the
stored page text, not published markup): the HTML reader gives, field by field, what the page-text
importer gives for the same page, and both what the page shows."""

from __future__ import annotations

from pathlib import Path

from exporter.formats import datafile, pagetext
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def test_cangnan_page_as_html(tmp_path):
    out = tmp_path / "c.yaml"
    result = run_cli("import", FIXTURES / "html" / "cangnan-2022-minsheng.html", "-o", out)
    assert result.code == 0, result.err
    assert "表头：“序号”→序号，“项目内容”→任务，“当前进度”→完成情况，“牵头单位”→牵头单位，“备注”→备注" in result.err
    doc = datafile.load(out.read_bytes(), str(out))
    text = (FIXTURES / "pages" / "cangnan-2022-minsheng.txt").read_bytes()
    same_page = pagetext.import_source(text, "cangnan-2022-minsheng.txt")

    # what the page shows
    assert doc.title == "2022年度市县民生实事未完成项目进度表（截至10月31日）"
    assert (doc.meta["published"], doc.meta["source"]) == ("2022-12-14", "苍南县人民政府办公室")
    assert "preamble" not in doc.meta  # 浏览次数 and the 字体 control are page furniture in HTML too
    tasks = doc.all_tasks()
    assert [t.number for t in tasks] == list(range(1, 9))
    assert (tasks[0].task, tasks[0].progress, tasks[0].units, tasks[0].remarks) == (
        "新（改、扩）建公办园5所，新增公办幼儿学位1000个。",
        ["80%（新区实验幼儿园进度滞后）"],
        ["县教育局"],
        "市民生实事",
    )
    assert tasks[3].task == "建成投用沿浦、宜山、莒溪、炎亭、望里、赤溪、岱岭、灵溪浦亭等8家卫生院"
    assert tasks[6].progress == ["50%（马站未开工"]  # as published: the bracket is not closed
    assert [t.progress[0] for t in tasks[4:8:3]] == [
        "88%（灵溪镇园区六路、金乡镇四好农村路推进缓慢）",
        "22%（严重滞后）",
    ]

    # the same, field by field, as the page text of the same page
    assert [(c.field, c.label) for c in doc.columns] == [(c.field, c.label) for c in same_page.columns]
    assert {k: doc.meta[k] for k in ("title", "published", "source")} == {
        k: same_page.meta[k] for k in ("title", "published", "source")
    }
    fields = ("number", "task", "progress", "units", "co_units", "remarks", "extra")
    assert [[getattr(t, f) for f in fields] for t in tasks] == [
        [getattr(t, f) for f in fields] for t in same_page.all_tasks()
    ]
