"""--section and --unit: pure functions on the model that keep the published task numbers."""

import pytest

from exporter.errors import SelectionError
from exporter.ops.select import parse_section_values, select, selection_label
from tests.conftest import assert_clean_error, run_cli


def numbers(doc):
    return [t.number for t in doc.all_tasks()]


@pytest.mark.parametrize(
    "values, expected",
    [
        (("九",), ["九"]),
        (("9",), ["九"]),
        (("二,三",), ["二", "三"]),
        (("二", "三"), ["二", "三"]),
        (("十二",), ["十二"]),
        (("12",), ["十二"]),
        (("二，三、十",), ["二", "三", "十"]),
    ],
)
def test_parse_section_values(values, expected):
    assert parse_section_values(values) == expected


def test_section_nine_keeps_numbers(bundled_doc):
    for value in ("九", "9"):
        part = select(bundled_doc, (value,))
        assert numbers(part) == list(range(86, 95))
        assert [s.heading for s in part.sections] == ["九、聚力优生态，强化绿色转型保障"]
        assert len(part.sections[0].subsections) == 3
    assert part.title == bundled_doc.title


def test_several_sections_in_document_order(bundled_doc):
    part = select(bundled_doc, ("三,二",))
    assert numbers(part) == list(range(8, 27))


def test_unit(bundled_doc):
    part = select(bundled_doc, (), "市发展改革委")
    expected = [t.number for t in bundled_doc.all_tasks() if "市发展改革委" in t.units]
    assert numbers(part) == expected and len(expected) == 26
    assert all(sub.tasks for s in part.sections for sub in s.subsections)


def test_section_and_unit_together(bundled_doc):
    part = select(bundled_doc, ("九",), "市发展改革委")
    assert numbers(part) == [90]


def test_unknown_section_lists_nearest_first(bundled_doc):
    with pytest.raises(SelectionError) as info:
        select(bundled_doc, ("十三",))
    message = info.value.message
    assert message.startswith("没有第“十三”部分。现有部分：十二、全面加强政府自身建设（任务 114–115）；十一、")


def test_unknown_unit_lists_closest_names(bundled_doc):
    with pytest.raises(SelectionError) as info:
        select(bundled_doc, (), "发改委")
    assert "最接近的单位：市发展改革委" in info.value.message


def test_selection_label():
    assert selection_label(("9",)) == "九"
    assert selection_label(("二,三",), "市统计局") == "二、三，市统计局"
    assert selection_label() == ""


def test_sections_command():
    result = run_cli("sections")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == 12
    assert lines[8] == "九、聚力优生态，强化绿色转型保障\t任务 86–94\t共 9 项"


def test_units_command(bundled_doc):
    result = run_cli("units")
    assert result.code == 0
    tasks = bundled_doc.all_tasks()
    led = sum(t.units[0] == "市发展改革委" for t in tasks)
    joined = sum("市发展改革委" in t.units[1:] for t in tasks)
    assert (led, joined) == (24, 2)
    assert "市发展改革委\t牵头 24 项\t参与 2 项" in result.out.splitlines()
    assert len(result.out.splitlines()) == len(bundled_doc.units()) == 42


def test_unknown_section_on_the_command_line(tmp_path):
    result = run_cli("export", "xlsx", "--section", "十三", "-o", tmp_path / "x.xlsx")
    assert_clean_error(result, "没有第“十三”部分", "exporter sections")
    assert not (tmp_path / "x.xlsx").exists()
