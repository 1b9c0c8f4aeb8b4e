"""Documents with their own columns (issue 11): every export shows the document's columns and headers,
reads back field by field; units know their role; a breakdown table goes out with --add-column and
comes back through import and merge."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporter import templates
from exporter.formats import datafile
from exporter.formats.docx.writer import render as render_docx
from exporter.formats.ofd.writer import render as render_ofd
from exporter.formats.pdf.fonts import FontBook
from exporter.formats.pdf.layout import Layout
from exporter.formats.pdf.style import load_style
from exporter.formats.pdf.writer import render as render_pdf
from exporter.formats.xlsx import reader
from exporter.formats.xlsx import writer as xlsx
from exporter.formats.xlsx.overview import render_overview
from exporter.model import SEED_COLUMNS, unit_line, unit_roles
from exporter.ops import compare, select, split
from exporter.ops.columns import add_columns
from tests.conftest import DATA, assert_clean_error, run_cli
from tests.test_datafile import GOOD as FORMAT_1
from tests.test_pdf import read_words, squeeze
from tests.test_snapshots import compare as compare_snapshot
from tests.test_snapshots import pdf_lines

DOCUMENTS = Path(__file__).parent / "documents"
WIDE = DOCUMENTS / "progress-8.yaml"
BREAKDOWN = DOCUMENTS / "breakdown-7.yaml"


def load(path: Path):
    return datafile.load(path.read_bytes(), str(path))


@pytest.fixture(scope="module")
def template():
    return templates.load(None)


@pytest.fixture(scope="module", params=[WIDE, BREAKDOWN], ids=lambda p: p.stem)
def document(request):
    return request.param, load(request.param)


# ---- PDF -------------------------------------------------------------------------------------------
def pdf_columns(data: bytes, doc, template, tmp_path) -> list[str]:
    """The PDF's table text per column (pdftotext -bbox), every page, below each page's header row."""
    style = load_style(template)
    layout = Layout(style, FontBook(template, style.fallback))
    layout.use_columns(doc)
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    words = read_words(path)
    edges = [style.left + c.x for c in layout.columns] + [style.page_width - style.right]
    foot = style.page_height - style.bottom
    out = [""] * len(layout.columns)
    labels = [squeeze(c.label) for c in doc.columns]
    for page in sorted({w.page for w in words}):
        on_page = [w for w in words if w.page == page]
        first = min((w for w in on_page if w.text == labels[0]), key=lambda w: w.y0)
        # The header row: pieces of the labels (a long one wraps) within three lines of the first.
        heads = [
            w
            for w in on_page
            if abs(w.y0 - first.y0) < 3 * style.body.leading and any(w.text in label for label in labels)
        ]
        shown = [
            "".join(w.text for w in sorted(heads, key=lambda w: w.y0) if edges[i] - 1 <= w.x0 < edges[i + 1] - 1)
            for i in range(len(labels))
        ]
        assert shown == labels, f"page {page}: header {shown}"
        top = max(w.y1 for w in heads)
        body = sorted((w for w in on_page if top < w.y0 <= foot), key=lambda w: (round(w.y0), w.x0))
        for i in range(len(edges) - 1):
            out[i] += "".join(w.text for w in body if edges[i] - 1 <= w.x0 < edges[i + 1] - 1)
    return [
        squeeze(re.sub(r"\d+（续）", "", text)) if c.field == "number" else squeeze(text)
        for text, c in zip(out, doc.columns)
    ]


def expected_pdf_columns(doc) -> list[str]:
    out = [""] * len(doc.columns)
    for kind, item in doc.rows():
        if kind != "task":
            out[0] += item.heading  # headings span the table from its left edge
            continue
        for i, column in enumerate(doc.columns):
            out[i] += "".join(column.values(item))
    return [squeeze(t) for t in out]


def test_pdf_shows_every_field_in_its_column(document, template, tmp_path):
    path, doc = document
    data = render_pdf(doc, template)
    assert pdf_columns(data, doc, template, tmp_path) == expected_pdf_columns(doc)


def test_wide_table_is_legible_on_a4_landscape(document, template):
    """7 and 8 columns fill the text block exactly, every column but the number holds at least three
    characters a line, and no table text is smaller than 9 pt (the body stays 小四)."""
    _, doc = document
    style = load_style(template)
    layout = Layout(style, FontBook(template, style.fallback))
    pages = list(layout.pages(doc))
    widths = [c.width for c in layout.columns]
    assert len(widths) == len(doc.columns) in (7, 8)
    assert sum(widths) == pytest.approx(style.block_width)
    assert min(c.width - 2 * style.pad_x for c in layout.columns if c.key != "number") >= 3 * style.body.size
    assert max(c.width for c in layout.columns if c.key in ("task", "progress")) > style.block_width / 4
    sizes = {t.line.size for p in pages for t in p.texts}
    assert min(sizes) >= 9 and style.body.size == 12
    assert style.page_width > style.page_height  # landscape


def test_wide_pdf_layout_snapshot(request, template):
    compare_snapshot("progress-8.pdf-lines.txt", pdf_lines(load(WIDE)), request.config.getoption("--update-snapshots"))


def test_glyph_check_covers_every_column(template):
    doc = load(BREAKDOWN)
    doc.all_tasks()[0].extra["联系电话"] = "3021234\U000f0000"  # a private-use character no font has
    from exporter.errors import RenderError

    with pytest.raises(RenderError) as info:
        render_pdf(doc, template)
    assert "U+F0000" in info.value.message and "任务 1" in info.value.message


# ---- workbook --------------------------------------------------------------------------------------
def test_workbook_cells_are_the_fields_in_published_order(document, template):
    _, doc = document
    book = load_workbook(io.BytesIO(xlsx.render(doc, template)))
    tasks = {t.number: t for t in doc.all_tasks()}
    seen = set()
    for sheet in book.worksheets[1:-1]:
        assert [c.value for c in sheet[2]] == [c.label for c in doc.columns]
        for row in sheet.iter_rows(min_row=3, values_only=True):
            if not isinstance(row[0], int):
                continue
            task = tasks[row[0]]
            seen.add(row[0])
            for value, column in zip(row, doc.columns):
                expected = "\n".join(column.values(task)) or None
                assert (str(value) if column.field == "number" else value) == expected, (task.number, column)
    assert seen == set(tasks)
    assert book.worksheets[-1].title == "_meta" and book.worksheets[-1].sheet_state in ("hidden", "veryHidden")


def test_workbook_round_trip_is_exact(document, template):
    path, doc = document
    back = reader.read_workbook(xlsx.render(doc, template), "t.xlsx")
    assert back.columns == doc.columns
    assert datafile.dump(back) == path.read_bytes()


def test_wide_sheet_fits_the_printable_width(template):
    doc = load(WIDE)
    style = xlsx.SheetStyle(template)
    widths = xlsx.column_widths(doc, style)
    m = style.margins
    printable = (xlsx.A4_LONG_SIDE - (m.left + m.right) * 72) / xlsx.POINTS_PER_WIDTH_UNIT
    assert len(widths) == 8 and sum(widths) <= printable + 0.5
    assert widths[0] == style.widths["number"]
    # The seed's four columns keep the template's widths exactly.
    assert xlsx.column_widths(load(DATA), style) == [6, 36, 70, 22]


# ---- format 1 and the bundled exports --------------------------------------------------------------
def test_format_1_and_format_2_export_the_same_bytes(tmp_path, template):
    one = datafile.parse(FORMAT_1, "d.yaml")
    two = datafile.parse(datafile.dump(one).decode("utf-8"), "d.yaml")
    assert one.columns == two.columns == list(SEED_COLUMNS)
    assert xlsx.render(one, template) == xlsx.render(two, template)
    assert render_pdf(one, template) == render_pdf(two, template)


def test_bundled_exports_are_unchanged(bundled_doc, template, request, monkeypatch):
    """Digests of the bundled data's exports, made before columns became data (Word and OFD added later);
    a deliberate rendering change updates them with --update-snapshots (review why the bytes moved).
    `export --unit` gives the very file `--split-by unit` gives the unit."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    selected = split.selection(bundled_doc, unit="市发展改革委")  # export --unit
    part = split.unit_part(bundled_doc, "市发展改革委")  # its file of --split-by unit
    outputs = {
        "2023.xlsx": xlsx.render(bundled_doc, template),
        "2023.pdf": render_pdf(bundled_doc, template),
        "2023-九.pdf": render_pdf(select.select(bundled_doc, ["九"]), template, attachment="2"),
        "--unit 市发展改革委.xlsx": xlsx.render(selected, template),
        "--unit 市发展改革委.pdf": render_pdf(selected, template),
        "按单位/市发展改革委.xlsx": xlsx.render(part, template),
        "按单位/市发展改革委.pdf": render_pdf(part, template),
        "按单位/" + split.OVERVIEW_NAME: render_overview(bundled_doc, template),
        "2023.docx": render_docx(bundled_doc, template),
        "2023-九.docx": render_docx(select.select(bundled_doc, ["九"]), template, attachment="2"),
        "按单位/市发展改革委.docx": render_docx(part, template),
        "2023-九.ofd": render_ofd(select.select(bundled_doc, ["九"]), template, attachment="2"),
        "按单位/市发展改革委.ofd": render_ofd(part, template),
    }
    text = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in outputs.items())
    compare_snapshot("bundled-exports.sha256", text, request.config.getoption("--update-snapshots"))


# ---- unit roles ------------------------------------------------------------------------------------
def test_roles_with_a_cooperating_column():
    doc = load(WIDE)
    assert unit_roles(doc, "区发展改革委") == ([3, 7], [])
    assert unit_roles(doc, "区住建局") == ([7], [])  # every unit in units leads
    assert unit_roles(doc, "区商务局") == ([20], [12])
    assert unit_roles(doc, "区统计局") == ([], [3, 20])
    assert "区市场监管局" in doc.units()  # cooperating units are units too


def test_roles_of_the_seed_stay_first_leads(bundled_doc):
    led, joined = unit_roles(bundled_doc, "市发展改革委")
    tasks = {t.number: t for t in bundled_doc.all_tasks()}
    assert (len(led), len(joined)) == (24, 2)
    assert all(tasks[n].units[0] == "市发展改革委" for n in led)
    assert all("市发展改革委" in tasks[n].units[1:] for n in joined)


def test_units_command_and_unit_selection(tmp_path):
    result = run_cli("units", "--data", WIDE)
    assert result.code == 0
    lines = dict(line.split("\t", 1) for line in result.out.splitlines())
    assert lines["区统计局"] == "牵头 0 项\t参与 2 项"
    assert lines["区商务局"] == "牵头 1 项\t参与 1 项"
    assert len(lines) == 10
    part = select.select(load(WIDE), unit="区统计局")
    assert [t.number for t in part.all_tasks()] == [3, 20]
    assert part.columns == load(WIDE).columns


def test_split_gives_each_unit_its_tasks_marked(template):
    doc = load(BREAKDOWN)
    files = split.render_by_unit(doc, template, "xlsx", xlsx.render, {})
    assert len(files) == 1 + len(doc.units()) == 10
    book = load_workbook(io.BytesIO(files["区统计局.xlsx"]))
    numbers = [
        r[0] for s in book.worksheets[1:-1] for r in s.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)
    ]
    assert numbers == [1, 2]
    texts = [c.value for row in book.worksheets[0].iter_rows() for c in row if isinstance(c.value, str)]
    assert "本单位：区统计局。参与 2 项（1、2）" in texts
    assert unit_line(split.unit_part(doc, "区住建局")) == "本单位：区住建局。牵头 1 项（3）"
    overview = load_workbook(io.BytesIO(files[split.OVERVIEW_NAME])).active
    rows = {r[0]: r[1:] for r in overview.iter_rows(min_row=4, values_only=True)}
    assert rows["区统计局"] == (0, None, 2, "1、2", 2)
    assert rows["区发展改革委"] == (1, "1", 0, None, 1)


# ---- from breakdown to completion ------------------------------------------------------------------
def test_add_column_names_its_field():
    doc = load(BREAKDOWN)
    wider = add_columns(doc, ["完成情况", "存在问题", "联系邮箱"])
    assert [(c.field, c.label) for c in wider.columns[-3:]] == [
        ("progress", "完成情况"),
        ("problems", "存在问题"),
        ("extra", "联系邮箱"),
    ]
    assert doc.columns == load(BREAKDOWN).columns  # the original is untouched
    from exporter.errors import SelectionError

    with pytest.raises(SelectionError) as info:
        add_columns(doc, ["配合单位"])
    assert "已有“协同配合单位”列" in info.value.message


def test_breakdown_goes_out_and_comes_back(tmp_path):
    out = tmp_path / "各单位"
    result = run_cli("export", "xlsx", "--data", BREAKDOWN, "--split-by", "unit", "--add-column", "完成情况", "-o", out)
    assert result.code == 0, result.err
    sent = out / "区统计局.xlsx"
    book = load_workbook(sent)
    sheet = book.worksheets[1]
    assert [c.value for c in sheet[2]][-1] == "完成情况"
    filled = {}
    for row in sheet.iter_rows(min_row=3):
        if isinstance(row[0].value, int):
            assert row[7].value is None  # sent out empty
            row[7].value = filled.setdefault(row[0].value, f"任务{row[0].value}已完成。\n=正文，不是公式")
    returned = tmp_path / "区统计局-返回.xlsx"
    book.save(returned)
    part = tmp_path / "区统计局.yaml"
    assert run_cli("import", returned, "-o", part).code == 0
    diff = run_cli("diff", BREAKDOWN, part)
    assert diff.code == 1
    assert "新增“完成情况”列" in diff.out and "任务 1\n  完成情况 第1段 新增\n    新：任务1已完成。" in diff.out
    merged = tmp_path / "合并.yaml"
    result = run_cli("merge", BREAKDOWN, part, "-o", merged)
    assert result.code == 0, result.err
    assert "任务 1 完成情况、任务 2 完成情况" in result.err
    doc = load(merged)
    assert doc.columns == [*load(BREAKDOWN).columns, doc.columns[-1]] and doc.columns[-1].label == "完成情况"
    tasks = {t.number: t for t in doc.all_tasks()}
    assert tasks[1].progress == ["任务1已完成。", "=正文，不是公式"]
    assert tasks[2].progress == ["任务2已完成。", "=正文，不是公式"]
    assert tasks[3].progress == [] and tasks[4].progress == []
    original = {t.number: t for t in load(BREAKDOWN).all_tasks()}
    for number in tasks:
        for key in ("task", "units", "co_units", "leaders", "deadline", "extra"):
            assert getattr(tasks[number], key) == getattr(original[number], key)


def test_diff_and_merge_cover_every_field():
    old = load(WIDE)
    new = load(WIDE)
    t = {x.number: x for x in new.all_tasks()}
    t[7].deadline = "2024年9月底"
    t[7].co_units = ["各乡镇（街道）", "区财政局"]
    t[12].extra["联系电话"] = "3021299"
    t[13].leaders = []
    changes = compare.diff(old, new)
    kinds = {(c.task, c.key, c.action) for c in changes if c.kind == "value"}
    assert kinds == {
        (7, "deadline", "修改"),
        (7, "co_units", "修改"),
        (12, "extra:联系电话", "新增"),
        (13, "leaders", "删除"),
    }
    text = compare.format_changes(changes, "a", "b")
    assert "完成时限 修改" in text and "联系电话 新增：3021299" in text and "牵头领导 删除（原为：张强）" in text
    part = select.select(new, unit="区经信局")
    part.meta["unit"] = "区经信局"
    merged, report = compare.merge(old, [("p.yaml", part)])
    m = {x.number: x for x in merged.all_tasks()}
    assert m[12].extra == {"联系电话": "3021299"} and m[7].deadline == "2024年12月底"  # 7 not in the part
    assert "任务 12 联系电话" in report


def test_add_column_refusal_is_clean(tmp_path):
    result = run_cli("export", "xlsx", "--data", WIDE, "--add-column", "进展情况", "-o", tmp_path / "x.xlsx")
    assert_clean_error(result, "已有“落实情况”列")
    assert not (tmp_path / "x.xlsx").exists()


def test_check_names_the_columns():
    result = run_cli("check", WIDE)
    assert result.code == 0
    assert (
        "表格共 8 列：“序号”、“目标任务”、“牵头单位”、“配合单位”、“分管县领导”、“落实情况”、“完成时限”、“联系电话”"
        in result.out
    )


def test_workbook_round_trip_of_every_field(template):
    """All thirteen kinds of column at once (owners, problems, next_steps, status, remarks added to the
    8-column document), values that look like formulas or carry edge spaces included."""
    from exporter.model import Column

    doc = load(WIDE)
    doc.columns += [
        Column("owners", "责任人"),
        Column("problems", "存在问题"),
        Column("next_steps", "下一步工作打算"),
        Column("status", "目标完成情况"),
        Column("remarks", "备注"),
        Column("extra", "联系人"),
    ]
    for i, task in enumerate(doc.all_tasks()):
        task.owners = [f"责任人{i}", "=张三"]
        task.problems = [f"问题{i}。", "+第二段"] if i % 2 else []
        task.next_steps = [f"打算{i}。"]
        task.status = "序时推进" if i % 2 else "已完成"
        task.remarks = f"@备注 {i}" if i != 2 else ""
        task.extra["联系人"] = "-李四"
    data = datafile.dump(doc)
    again = datafile.load(data, "wide.yaml")  # the file check accepts
    back = reader.read_workbook(xlsx.render(again, template), "t.xlsx")
    assert back.columns == again.columns and len(back.columns) == 14
    assert datafile.dump(back) == data


def test_unit_columns_take_room_the_task_column_does_not_need(template):
    """A breakdown table without a completion column (谯城区, real page): the task column would grow to
    two thirds of the table while unit names broke mid-name ("各乡镇人民政/府"). The unit columns now
    reach their natural width first, so every unit fits on one line; the task column keeps at least its
    share."""
    from exporter.formats import pagetext

    page = Path(__file__).parent / "fixtures" / "pages" / "qiaocheng-2025-fenjie.txt"
    doc = pagetext.read(page.read_bytes(), page.name)
    assert [c.field for c in doc.columns] == ["number", "task", "units", "co_units"]
    style = load_style(template)
    layout = Layout(style, FontBook(template, style.fallback))
    pages = list(layout.pages(doc))
    widths = {c.key: c.width for c in layout.columns}
    assert sum(widths.values()) == pytest.approx(style.block_width)
    assert widths["task"] >= 0.25 * style.block_width
    lines = {t.line.text for p in pages for t in p.texts}
    for task in doc.all_tasks():
        for unit in task.units + task.co_units:
            assert unit in lines, f"task {task.number}: {unit} is broken over lines"
    assert "各乡镇人民政府" in lines and "谯城经开区管委会" in lines
