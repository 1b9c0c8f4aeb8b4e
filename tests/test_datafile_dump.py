"""The data file is written by libyaml's emitter when PyYAML has it (three times faster at 10,000 tasks),
its lists then indented as the Python emitter's _Dumper does: the bytes must be exactly the same."""

import copy

import pytest
import yaml

from exporter.formats import datafile

AWKWARD = [
    "- 开头",
    "yes",
    "No",
    "~",
    "null",
    "2024-02-01",
    "123",
    "1.5",
    "0x1F",
    "'单引号'",
    '"双引号"',
    "#井号",
    "a: b",
    "a #b",
    " 前导空格",
    "尾随空格 ",
    "",
    "埇桥区",
    "\u3000全角空格开头",
    "不换行\u00a0空格",
    "😀表情",
    "@at",
    "`反引号",
    "&锚",
    "*别名",
    "!标签",
    "%百分号",
    "{花括号",
    "[方括号",
    "|竖线",
    ">大于",
    "?问号",
    ",逗号",
    "=SUM(A1)",
    "<img src=x>",
    "\\反斜杠",
    "制表\t符",
    "全角：冒号",
    "—破折号",
    "\ufeff开头",
]


def python_emitter(doc) -> bytes:
    return yaml.dump(datafile.to_dict(doc), Dumper=datafile._Dumper, **datafile._DUMP_OPTIONS).encode("utf-8")


@pytest.mark.skipif(datafile._CDumper is None, reason="PyYAML without libyaml: only the Python emitter exists")
def test_fast_dump_is_byte_identical(bundled_doc):
    assert datafile.dump(bundled_doc) == python_emitter(bundled_doc)
    doc = copy.deepcopy(bundled_doc)
    tasks = doc.all_tasks()
    for task, text in zip(tasks, AWKWARD):
        task.task = text
        task.progress = [text, "正常的一段"]
        task.units = [text or "单位"]
    doc.meta["title"] = "- 标题: 带冒号"
    assert not datafile._needs_python_emitter(
        {"x": [t for t in AWKWARD if t not in ("\ufeff开头", "😀表情", "制表\t符")]}
    )
    assert datafile.dump(doc) == python_emitter(doc)


def test_line_breaks_take_the_python_emitter(bundled_doc):
    doc = copy.deepcopy(bundled_doc)
    doc.all_tasks()[0].task = "第一行\n第二行"
    doc.all_tasks()[1].task = "分隔\u2028符"
    doc.all_tasks()[2].task = "𠙶 is beyond U+FFFF"
    assert datafile._needs_python_emitter(datafile.to_dict(doc))
    assert datafile.dump(doc) == python_emitter(doc)
