"""Documents full of text YAML treats specially, for tests of the data file's writer (test_datafile_dump).

Their data files as the writer produced them before it wrote YAML itself are committed in
tests/snapshots/awkward-*.yaml; `python -m tests.awkward_data` rewrites them (only after proving a change
to the bytes is intended).
"""

from __future__ import annotations

import copy
from pathlib import Path

from exporter.model import FIELDS, Column, Document

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

# One-line text: plain or single-quoted, never escaped.
ONE_LINE = [
    "- 开头",
    "-开头",
    "-",
    "--",
    "---",
    "--- 三横",
    "...",
    "...省略",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "~",
    "null",
    "Null",
    "2024-02-01",
    "2024-02-01 14:48",
    "2024-2-1",
    "123",
    "0123",
    "-5",
    "+7",
    "1_000",
    "1:20",
    "1.5",
    "1e3",
    ".inf",
    "-.INF",
    ".nan",
    "0x1F",
    "0o17",
    "0b101",
    "<<",
    "=",
    "=SUM(A1)",
    '=HYPERLINK("http://x","点我")',
    "'单引号'",
    "它's",
    "''",
    '"双引号"',
    'a"b',
    "#井号",
    "a#b",
    "a #b",
    "a# b",
    "a: b",
    "a:b",
    "a:",
    ":a",
    ": a",
    ":",
    "?",
    "? a",
    "?a",
    "a?",
    "a, b",
    "a,b",
    "a[1]",
    "{a}",
    "a}",
    " 前导空格",
    "尾随空格 ",
    " ",
    "  ",
    "中 间 空 格",
    "",
    "埇桥区",
    "埇",
    "\u3000全角空格开头",
    "全角空格结尾\u3000",
    "不换行\u00a0空格",
    "\u00a0",
    "😀表情",
    "𠙶 超出基本平面",
    "@at",
    "`反引号",
    "&锚",
    "*别名",
    "!标签",
    "!!str",
    "%百分号",
    "{花括号",
    "[方括号",
    "|竖线",
    ">大于",
    "?问号",
    ",逗号",
    "<img src=x onerror=alert(1)>",
    "\\反斜杠",
    "C:\\路径\\文件",
    "全角：冒号",
    "—破折号",
    "零宽\u200b空格",
    "\u200b",
    "连接\u200d符",
    "私用\ue000区",
    "\ufffd替换符",
    "市发展改革委、市财政局",
    "第一段。第二段：（一）“引号”《书名》",
    "长" * 600,
    "a b " * 150 + "end",
]

# Text PyYAML writes escaped or over several lines: the writer hands the whole file to PyYAML.
MULTI_LINE = [
    "第一行\n第二行",
    "结尾换行\n",
    "\n开头换行",
    "两个\n\n换行",
    "空格 \n换行",
    "换行\n 空格",
    "回车\r换行",
    "制表\t符",
    "响铃\x07",
    "空\x00字符",
    "DEL\x7f",
    "C1\x85下一行",
    "分隔\u2028符",
    "段落\u2029符",
    "\ufeff开头的BOM",
    "中间\ufeffBOM",
    "\x1b[31m红字",
]


def _with_columns(doc: Document) -> Document:
    doc.columns = [
        Column(f, label)
        for f, label in zip(
            FIELDS[:-1],
            (
                "序号",
                "任务",
                "牵头单位",
                "配合单位",
                "领导",
                "责任人",
                "完成情况",
                "存在问题",
                "下一步",
                "时限",
                "状态",
                "备注",
            ),
        )
    ]
    doc.columns += [Column("extra", label) for label in ("联系电话", "a: b", "#号", "'引号'", "123", "- 列", "x,y")]
    return doc


def awkward(base: Document, texts: list[str]) -> Document:
    """The bundled document with every text field, key and label of its first tasks set to `texts`."""
    doc = _with_columns(copy.deepcopy(base))
    extra_labels = [c.label for c in doc.columns if c.field == "extra"]
    tasks = doc.all_tasks()
    for i, text in enumerate(texts):
        task = tasks[i % len(tasks)]
        other = texts[(i * 7 + 3) % len(texts)]
        task.task = text
        task.progress = [text, "正常的一段", other]
        task.units = [text, other]
        task.co_units = [other]
        task.leaders = [] if i % 3 else [text]
        task.problems = [text]
        task.deadline = text
        task.status = other
        task.remarks = text
        task.extra = {label: (text if j % 2 else other) for j, label in enumerate(extra_labels)}
    used = {id(t) for t in tasks[: len(texts)]}  # the rest is the bundled text, tested elsewhere
    for section in doc.sections:
        section.tasks = [t for t in section.tasks if id(t) in used]
        for sub in section.subsections:
            sub.tasks = [t for t in sub.tasks if id(t) in used]
    for i, section in enumerate(doc.sections):
        section.title = texts[i % len(texts)]
        for j, sub in enumerate(section.subsections):
            sub.title = texts[(i + j + 5) % len(texts)]
    doc.meta["title"] = "- 标题: 带冒号"
    for i, text in enumerate(texts[:40]):
        if text and len(text) < 90 and "\n" not in text:
            doc.meta[f"键{i}{text}"] = text
    doc.meta["列表"] = [t for t in texts[:12] if t]
    doc.meta["空列表"] = []
    return doc


def documents(base: Document) -> dict[str, Document]:
    return {"awkward-one-line.yaml": awkward(base, ONE_LINE), "awkward-multi-line.yaml": awkward(base, MULTI_LINE)}


if __name__ == "__main__":
    from exporter.formats import datafile

    root = SNAPSHOTS.parent.parent
    bundled = datafile.load((root / "data" / "2023.yaml").read_bytes(), "2023.yaml")
    for name, doc in documents(bundled).items():
        (SNAPSHOTS / name).write_bytes(datafile.dump(doc))
        print(name, (SNAPSHOTS / name).stat().st_size)
