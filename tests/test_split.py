"""Per-unit parts (`export … --split-by unit`) and the overview workbook."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import assert_clean_error, require_tool, run_cli

from exporter import model, templates
from exporter.formats.xlsx import overview
from exporter.model import Document, Section, Task
from exporter.ops import select, split

ROOT = Path(__file__).resolve().parent.parent


def fake_render(doc, template, **options):
    """Stands in for a renderer: records the unit, its role line and the task numbers."""
    unit = doc.meta["unit"]
    numbers = ",".join(str(t.number) for t in doc.all_tasks())
    extra = ";".join(f"{k}={v}" for k, v in sorted(options.items()))
    return f"{unit}|{model.role_summary(doc, unit)}|{numbers}|{extra}".encode()


def parse_fake(data: bytes):
    unit, summary, numbers, extra = data.decode().split("|")
    return unit, summary, [int(n) for n in numbers.split(",")], extra


def overview_table(data: bytes) -> list[list]:
    """The overview's unit rows, with wrapped number lists joined again."""
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(min_row=overview.HEADER_ROW, values_only=True))
    assert list(rows[0]) == overview.HEADERS
    out = []
    for row in rows[1:]:
        row = list(row)
        row[2] = (row[2] or "").replace("\n", "")
        row[4] = (row[4] or "").replace("\n", "")
        out.append(row)
    return out


@pytest.fixture(scope="module")
def template():
    return templates.load(None)


def test_every_task_is_in_the_file_of_each_of_its_units(bundled_doc, template):
    files = split.render_by_unit(bundled_doc, template, "pdf", fake_render, {"attachment": "2"})
    assert list(files)[0] == "00-单位任务一览.xlsx"
    units = bundled_doc.units()
    assert len(files) == len(units) + 1
    seen = {}
    for name, data in list(files.items())[1:]:
        assert name.endswith(".pdf")
        unit, summary, numbers, extra = parse_fake(data)
        assert name == f"{unit}.pdf"  # no unit name in 2023 needs cleaning
        assert extra == "attachment=2"  # format options reach the renderer
        assert summary == model.role_summary(bundled_doc, unit)
        seen[unit] = numbers
    assert list(seen) == units
    for task in bundled_doc.all_tasks():
        for unit in task.units:
            assert task.number in seen[unit], (task.number, unit)
    for unit, numbers in seen.items():
        assert numbers == [t.number for t in bundled_doc.all_tasks() if unit in t.units]
    assert "长三角绿色农产品生产加工基地建设指挥部办公室" in seen
    assert seen["长三角绿色农产品生产加工基地建设指挥部办公室"] == [43]


def test_part_keeps_structure_numbers_and_marks_the_unit(bundled_doc):
    part = split.unit_part(bundled_doc, "市生态环境局")
    assert part.meta["unit"] == "市生态环境局"
    assert "unit" not in bundled_doc.meta  # the source document is untouched
    assert part.title == bundled_doc.title
    assert [s.numeral for s in part.sections] == ["一", "九"]
    assert [t.number for t in part.all_tasks()] == [7, 86, 87, 88, 89, 90, 94]
    assert model.role_summary(part, "市生态环境局") == "牵头 5 项（86、87、88、89、94）；参与 2 项（7、90）"


def test_overview_rows_match_the_data(bundled_doc, template):
    data = split.render_by_unit(bundled_doc, template, "xlsx", fake_render, {})[split.OVERVIEW_NAME]
    rows = overview_table(data)
    assert [r[0] for r in rows] == bundled_doc.units()
    for unit, led_count, led, joined_count, joined, total in rows:
        want_led, want_joined = model.unit_roles(bundled_doc, unit)
        assert led_count == len(want_led) and joined_count == len(want_joined)
        assert led == "、".join(map(str, want_led))
        assert joined == "、".join(map(str, want_joined))
        assert total == led_count + joined_count
    assert sum(r[1] for r in rows) == 115  # every task has exactly one lead unit
    fagai = next(r for r in rows if r[0] == "市发展改革委")
    assert fagai[1:4:2] == [24, 2] and fagai[5] == 26


def test_overview_layout(bundled_doc, template):
    wb = openpyxl.load_workbook(io.BytesIO(overview.render_overview(bundled_doc, template)))
    ws = wb.active
    assert ws.title == "单位任务一览"
    assert ws["A1"].value == "单位任务一览"
    assert "共 115 项任务，42 个单位" in ws["A2"].value
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes == "A4"
    header = ws[overview.HEADER_ROW]
    assert all(c.font.name == template["xlsx"]["fonts"]["header"]["name"] for c in header)  # 黑体
    assert ws["B4"].font.name == template["xlsx"]["fonts"]["body"]["name"]
    for row in ws.iter_rows(min_row=overview.HEADER_ROW, max_row=ws.max_row):
        for cell in row:
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
            assert cell.alignment.wrap_text
    # Widths count a CJK character as two columns: the unit column holds the long names.
    assert ws.column_dimensions["A"].width >= 30
    assert ws.column_dimensions["B"].width >= 10  # "牵头任务数" = 10 columns
    # The long list of 市发展改革委 wraps onto several lines, never starting a line with 、 …
    fagai = next(r for r in ws.iter_rows(min_row=4) if r[0].value == "市发展改革委")
    lines = fagai[2].value.split("\n")
    assert len(lines) >= 2 and not any(line.startswith("、") for line in lines)
    # … and its row is tall enough for them.
    assert ws.row_dimensions[fagai[0].row].height >= len(lines) * 12


def test_overview_is_byte_identical_and_dated_by_the_document(bundled_doc, template):
    a = overview.render_overview(bundled_doc, template)
    b = overview.render_overview(bundled_doc, template)
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 2, 1, 0, 0, 0)}  # 成文日期 2024-02-01
        core = z.read("docProps/core.xml").decode()
    assert core.count("2024-02-01T00:00:00Z") == 2  # created and modified


def test_colliding_and_reserved_unit_names_get_distinct_files():
    units = ["甲/乙", "甲:乙", "Ab", "AB", "00-单位任务一览", "CON", "甲_乙"]
    doc = Document(
        meta={"title": "测试"},
        sections=[Section("", "", [Task(i + 1, f"任务{i + 1}", ["进展"], [u]) for i, u in enumerate(units)])],
    )
    files = split.render_by_unit(doc, {}, "xlsx", fake_render, {})
    names = list(files)
    assert len(names) == len(units) + 1
    assert len({n.casefold() for n in names}) == len(names)  # distinct even where case is ignored
    assert names[1:] == [
        "甲_乙.xlsx",
        "甲_乙（2）.xlsx",
        "Ab.xlsx",
        "AB（2）.xlsx",
        "00-单位任务一览（2）.xlsx",
        "CON_.xlsx",
        "甲_乙（3）.xlsx",
    ]
    for name, _data in list(files.items())[1:]:
        assert "/" not in name and ":" not in name
    # Each file still holds its own unit's task.
    assert [parse_fake(files[n])[0] for n in names[1:]] == units


def test_long_unit_names_are_shortened_for_the_file_system():
    unit = "很长的单位名称" * 20
    stems = split.unit_stems([unit, unit + "二"])
    assert all(len(s.encode()) <= 200 for s in stems.values())
    assert len(set(stems.values())) == 2


def test_split_works_on_selected_sections(bundled_doc):
    selected = select.select(bundled_doc, ["九"])
    files = split.render_by_unit(selected, {}, "xlsx", fake_render, {})
    tasks = {t.number: t for t in selected.all_tasks()}
    assert sorted(tasks) == list(range(86, 95))
    per_unit = {parse_fake(d)[0]: parse_fake(d) for n, d in files.items() if n != split.OVERVIEW_NAME}
    assert set(per_unit) == set(selected.units())
    assert per_unit["市生态环境局"][1] == "牵头 5 项（86、87、88、89、94）；参与 1 项（90）"
    assert per_unit["市生态环境局"][2] == [86, 87, 88, 89, 90, 94]
    rows = overview_table(files[split.OVERVIEW_NAME])
    assert sum(r[1] for r in rows) == 9
    assert all(int(n) in tasks for r in rows for n in (r[2] + "、" + r[4]).strip("、").split("、") if n)


def test_split_to_standard_output_is_refused(tmp_path):
    result = run_cli("export", "xlsx", "--split-by", "unit", "-o", "-", cwd=tmp_path)
    assert_clean_error(result, "按单位拆分时不能输出到标准输出", "-o")
    assert result.stdout_bytes == b""


def test_split_with_unit_is_refused(tmp_path):
    result = run_cli("export", "xlsx", "--split-by", "unit", "--unit", "市发展改革委", "-o", tmp_path / "out")
    assert_clean_error(result, "--unit", "--split-by")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------------
# End to end with the real xlsx renderer
def workbook_tasks(path: Path) -> dict[int, list[str]]:
    """Task number -> units, read from every section sheet of an exported workbook."""
    wb = openpyxl.load_workbook(path, read_only=True)
    out = {}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows(values_only=True):
            if len(row) >= 4 and row[0] is not None and str(row[0]).strip().isdigit() and row[1]:
                out[int(str(row[0]).strip())] = str(row[3] or "").split("\n")
    wb.close()
    return out


def check_split_folder(folder: Path, doc) -> None:
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([split.OVERVIEW_NAME] + [f"{u}.xlsx" for u in doc.units()])
    per_file = {unit: workbook_tasks(folder / f"{unit}.xlsx") for unit in doc.units()}
    for unit, tasks in per_file.items():
        want = [t.number for t in doc.all_tasks() if unit in t.units]
        assert sorted(tasks) == want, unit
        assert all(unit in units for units in tasks.values()), unit
    # Together the files hold every task, each in the files of all its units and no others.
    for task in doc.all_tasks():
        holders = sorted(u for u, tasks in per_file.items() if task.number in tasks)
        assert holders == sorted(task.units), task.number
        assert per_file[task.units[0]][task.number] == task.units
    rows = overview_table((folder / split.OVERVIEW_NAME).read_bytes())
    assert [r[0] for r in rows] == doc.units()
    for unit, led_count, led, joined_count, _joined, total in rows:
        in_file = per_file[unit]
        lead_numbers = [n for n, units in sorted(in_file.items()) if units[0] == unit]
        assert led == "、".join(map(str, lead_numbers)) and led_count == len(lead_numbers)
        assert joined_count == len(in_file) - len(lead_numbers) and total == len(in_file)


def test_cli_split_xlsx_holds_every_task(tmp_path, bundled_doc):
    out = tmp_path / "各单位"
    result = run_cli("export", "xlsx", "--split-by", "unit", "-o", out)
    assert result.code == 0, result.err
    assert f"{len(bundled_doc.units()) + 1} 个文件" in result.err
    check_split_folder(out, bundled_doc)


def test_cli_split_xlsx_with_section(tmp_path, bundled_doc):
    out = tmp_path / "九"
    result = run_cli("export", "xlsx", "--split-by", "unit", "--section", "9", "-o", out)
    assert result.code == 0, result.err
    selected = select.select(bundled_doc, ["九"])
    check_split_folder(out, selected)
    assert len(list(out.iterdir())) == 7  # 6 units in section 九, plus the overview


def test_cli_split_is_reproducible(tmp_path):
    for name in ("a", "b"):
        assert run_cli("export", "xlsx", "--split-by", "unit", "--section", "十二", "-o", tmp_path / name).code == 0
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert a[split.OVERVIEW_NAME] == b[split.OVERVIEW_NAME]
    assert a.keys() == b.keys()


def test_cli_split_pdf_with_section(tmp_path, bundled_doc):
    import subprocess

    out = tmp_path / "pdf"
    result = run_cli("export", "pdf", "--split-by", "unit", "--section", "九", "-o", out)
    assert result.code == 0, result.err
    selected = select.select(bundled_doc, ["九"])
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [split.OVERVIEW_NAME] + [f"{u}.pdf" for u in selected.units()]
    )
    for unit in selected.units():
        text = subprocess.run(
            [require_tool("pdftotext"), out / f"{unit}.pdf", "-"], capture_output=True, check=True
        ).stdout.decode()
        text = "".join(text.split())  # wrapped lines joined again
        for task in selected.all_tasks():
            opening = "".join(task.task.split())[:10]
            assert (opening in text) == (unit in task.units), (unit, task.number)


def test_split_tells_which_tasks_have_no_unit(tmp_path):
    """A format 2 task may have no unit yet (a breakdown row being assigned); it is in no unit's file,
    and the split says so instead of leaving it out silently."""
    from exporter.formats import datafile

    path = Path(__file__).parent / "documents" / "breakdown-7.yaml"
    doc = datafile.load(path.read_bytes(), str(path))
    tasks = doc.all_tasks()
    for task in (tasks[0], tasks[2]):
        task.units, task.co_units = [], []
    data = tmp_path / "d.yaml"
    data.write_bytes(datafile.dump(doc))
    assert run_cli("check", data).code == 0
    result = run_cli("export", "xlsx", "--data", data, "--split-by", "unit", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    numbers = model.number_list([tasks[0].number, tasks[2].number])
    assert f"注意：任务 {numbers}（共 2 项）没有牵头单位或配合单位，不在任何单位的文件中" in result.err
    written = {f.name for f in (tmp_path / "out").iterdir()}
    assert len(written) == len(doc.units()) + 1  # the overview and one file per remaining unit
