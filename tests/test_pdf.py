"""`export pdf`: read the PDF back with poppler (pdftotext, pdffonts) and qpdf, compare with the data.

Columns sit side by side, so the text is read per column: `pdftotext -bbox` gives every word with its
box; words are put in the column their left edge falls in, the header row and page furniture are left
out, and each column's text must equal the data exactly (whitespace removed). A lost, doubled or
misplaced line changes that text, so the comparison fails.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require_tool

from exporter import templates
from exporter.cli import load_data, main
from exporter.errors import RenderError, TemplateError
from exporter.formats import datafile
from exporter.formats.pdf.style import load_style
from exporter.formats.pdf.writer import render
from exporter.model import Document, Section, Subsection, Task
from exporter.text.linebreak import NO_END, NO_START

REPO = Path(__file__).resolve().parent.parent
GBSN = Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf")
STYLE = load_style(templates.load())
LABELS = STYLE.labels
HEADER = [LABELS[k] for k in ("number", "task", "progress", "units")]
CONTINUED = LABELS["continued"]


# ---- reading a PDF back ---------------------------------------------------------------------------
@dataclass
class Word:
    page: int
    x0: float
    y0: float  # from the top of the page, as pdftotext reports it
    x1: float
    y1: float
    text: str


def run(*args: str) -> str:
    require_tool(args[0])
    result = subprocess.run(args, capture_output=True, text=True)
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr}"
    return result.stdout


def read_words(path: Path) -> list[Word]:
    html = run("pdftotext", "-bbox", str(path), "-")
    words, page = [], 0
    for m in re.finditer(
        r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', html
    ):
        if m.group(0) == "<page ":
            page += 1
            continue
        text = m.group(5).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        words.append(Word(page, *(float(m.group(i)) for i in range(1, 5)), text))
    return words


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lines_of(words: list[Word]) -> list[str]:
    """Words of one column on one page grouped into lines (same baseline band), left to right."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.y0 + w.y1) / 2):
        mid = (w.y0 + w.y1) / 2
        if out and abs(mid - (out[-1][0].y0 + out[-1][0].y1) / 2) < 6:
            out[-1].append(w)
        else:
            out.append([w])
    return [" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in out]


class Reading:
    """A PDF as pdftotext sees it: one header row per page, and the table's text per column."""

    def __init__(self, path: Path, style=STYLE):
        self.path = path
        self.words = read_words(path)
        self.pages = max(w.page for w in self.words)
        edges = [style.left + c.x for c in style.columns] + [style.page_width - style.right]
        self.header_y: dict[int, float] = {}
        self.columns: list[list[str]] = [[] for _ in style.columns]  # lines, page after page
        self.page_numbers: dict[int, list[Word]] = {}
        self.above_table: list[Word] = []
        foot = style.page_height - style.bottom
        for page in range(1, self.pages + 1):
            on_page = [w for w in self.words if w.page == page]
            heads = [w for w in on_page if w.text in HEADER]
            assert sorted(w.text for w in heads) == sorted(HEADER), (
                f"page {page}: header labels found {[w.text for w in heads]}, expected each exactly once"
            )
            assert max(w.y0 for w in heads) - min(w.y0 for w in heads) < 1, f"page {page}: header not one row"
            top = self.header_y[page] = max(w.y1 for w in heads)
            self.page_numbers[page] = [w for w in on_page if w.y0 > foot]
            self.above_table += [w for w in on_page if w.y1 < min(h.y0 for h in heads)]
            body = [w for w in on_page if top < w.y0 and w.y0 <= foot]
            for i in range(len(style.columns)):
                cell = [w for w in body if edges[i] - 1 <= w.x0 < edges[i + 1] - 1]
                self.columns[i] += [(page, line) for line in lines_of(cell)]
        self.continued: list[tuple[int, str]] = []  # (page, task number) of each continuation

    def column_text(self, index: int) -> str:
        return squeeze("".join(line for _, line in self.columns[index]))

    def number_column(self) -> str:
        """The number column without the "86" / "（续）" cells of continuations (recorded instead)."""
        out = self.number_cells = []
        lines = self.columns[0]
        i = 0
        while i < len(lines):
            page, line = lines[i]
            line = squeeze(line)
            if line.endswith(CONTINUED):
                number = line[: -len(CONTINUED)] or out.pop()
                self.continued.append((page, number))
            else:
                out.append(line)
            i += 1
        return "".join(out)


def expected_columns(doc: Document) -> list[str]:
    number, task, progress, units = [], [], [], []
    for kind, item in doc.rows():
        if kind == "task":
            number.append(str(item.number))
            task.append(item.task)
            progress.append("".join(item.progress))
            units.append("".join(item.units))
        else:
            number.append(item.heading)
    return [squeeze("".join(c)) for c in (number, task, progress, units)]


def assert_complete(reading: Reading, doc: Document) -> None:
    expected = expected_columns(doc)
    got = [reading.number_column()] + [reading.column_text(i) for i in (1, 2, 3)]
    for name, want, have in zip(HEADER, expected, got):
        if want != have:
            at = next((i for i, (a, b) in enumerate(zip(want, have)) if a != b), min(len(want), len(have)))
            pytest.fail(
                f"column {name} differs at {at}: expected …{want[max(0, at - 20) : at + 20]}… "
                f"got …{have[max(0, at - 20) : at + 20]}…"
            )


def export(tmp_path: Path, *args: str, name: str = "out.pdf") -> Path:
    out = tmp_path / name
    main(["export", "pdf", "-o", str(out), *args])
    return out


def cli_error(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    return exc.value.code, capsys.readouterr().err


def data_file(tmp_path: Path, doc: Document, name: str = "data.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(datafile.dump(doc))
    return path


# ---- the bundled document -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundled")
    path = export(folder, "--attachment", "1")
    return path, Reading(path)


@pytest.fixture(scope="module")
def section_nine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nine")
    path = export(folder, "--section", "九")
    return path, Reading(path)


def test_whole_document_text_comes_back_column_by_column(bundled):
    path, reading = bundled
    doc = load_data(None)
    assert_complete(reading, doc)
    assert reading.pages > 10


def test_every_page_has_exactly_one_header_row(bundled):
    _, reading = bundled
    assert sorted(reading.header_y) == list(range(1, reading.pages + 1))
    # and pdftotext's plain text agrees, page by page
    for page in (1, 2, reading.pages):
        text = run("pdftotext", "-f", str(page), "-l", str(page), str(bundled[0]), "-")
        text = text.replace(load_data(None).title, "")  # the title names 重点工作任务 too
        for label in HEADER:
            assert text.count(label) == 1, (page, label)


def test_all_19_occurrences_of_yong_come_back(bundled):
    text = run("pdftotext", str(bundled[0]), "-")
    assert text.count("埇") == 19


def test_paragraphs_start_on_new_lines_and_keep_their_markers(bundled):
    _, reading = bundled
    starts = [squeeze(line) for _, line in reading.columns[2]]
    doc = load_data(None)
    many = [t for t in doc.all_tasks() if len(t.progress) > 1]
    assert many
    for task in many:
        for paragraph in task.progress:
            head = squeeze(paragraph)[:8]
            assert any(s.startswith(head) for s in starts), (task.number, paragraph[:20])
    assert any(re.match(r"1\.", s) for s in starts) and any(re.match(r"2\.", s) for s in starts)


def test_no_line_starts_or_ends_with_a_forbidden_mark(bundled):
    _, reading = bundled
    checked = 0
    for column in reading.columns:
        for _, line in column:
            line = line.strip()
            assert line[:1] not in NO_START, f"line starts with {line[:1]!r}: {line}"
            checked += 1
    for column in reading.columns[1:]:
        for _, line in column:
            assert line.strip()[-1:] not in NO_END, f"line ends with {line[-1:]!r}: {line}"
    assert checked > 500
    text = run("pdftotext", str(bundled[0]), "-")
    assert "2291.5亿元" in text and "5.8%" in text


def test_attachment_label_title_and_page_numbers(bundled):
    _, reading = bundled
    first = [w for w in reading.above_table if w.page == 1]
    label = [w for w in first if w.text == "附件1"]
    assert label, [w.text for w in first]
    assert abs(label[0].x0 - STYLE.left) < 2 and label[0].y0 < STYLE.top + 20
    title = [w for w in first if "重点工作任务完成情况" in w.text]
    assert title and title[0].y0 > label[0].y1 + 20  # below, on the third line
    centre = (title[0].x0 + title[0].x1) / 2
    assert abs(centre - (STYLE.left + STYLE.block_width / 2)) < 2
    inset = STYLE.page_number.size
    for page, words in reading.page_numbers.items():
        assert "".join(w.text for w in words) == f"—{page}—"
        x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
        if page % 2:
            assert abs(x1 - (STYLE.page_width - STYLE.right - inset)) < 1.5, (page, x1)
        else:
            assert abs(x0 - (STYLE.left + inset)) < 1.5, (page, x0)
        assert words[0].y0 > STYLE.page_height - STYLE.bottom + 7 * 72 / 25.4 - 3


def test_fonts_are_all_embedded_and_the_file_is_valid(bundled):
    fonts = run("pdffonts", str(bundled[0])).splitlines()[2:]
    assert fonts
    names = set()
    for row in fonts:
        parts = row.split()
        name, emb = parts[0], parts[-5]
        names.add(name.split("+")[-1])
        assert emb == "yes", row
        assert "Helvetica" not in row
    assert names == {"NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular"}
    assert b"Helvetica" not in bundled[0].read_bytes()
    require_tool("qpdf")
    result = subprocess.run(["qpdf", "--check", str(bundled[0])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metadata_language_and_outline(bundled):
    info = run("pdfinfo", str(bundled[0]))
    assert "Title:           2023年《政府工作报告》重点工作任务完成情况" in info
    assert "Author:          宿州市政府办公室" in info
    assert "Subject:         重点工作任务完成情况" in info
    assert "Creator:         exporter" in info
    assert b"/Lang (zh-CN)" in bundled[0].read_bytes()
    outline = json.loads(run("qpdf", "--json", "--json-key=outlines", str(bundled[0])))["outlines"]
    doc = load_data(None)
    assert [o["title"] for o in outline] == [s.heading for s in doc.sections]
    nine = outline[8]
    assert [k["title"] for k in nine["kids"]] == [sub.heading for sub in doc.sections[8].subsections]
    assert sum(len(o["kids"]) for o in outline) == 30
    # each entry points at the page where its row is
    for entry in outline:
        page = entry["destpageposfrom1"]
        words = " ".join(w.text for w in bundled[1].words if w.page == page)
        assert entry["title"][:6] in words


def test_section_nine_has_its_rows_under_published_numbers(section_nine):
    path, reading = section_nine
    doc = load_data(None)
    nine = Document(meta=doc.meta, sections=[s for s in doc.sections if s.numeral == "九"])
    assert_complete(reading, nine)
    numbers = [cell for cell in reading.number_cells if cell.isdigit()]
    assert numbers == [str(n) for n in range(86, 95)]
    assert reading.number_column().startswith("九、聚力优生态")
    text = run("pdftotext", str(path), "-")
    assert "2023年《政府工作报告》重点工作任务完成情况" in text
    assert "附件" not in text


def test_repeat_runs_are_byte_identical(tmp_path):
    cmd = [sys.executable, "-m", "exporter", "export", "pdf", "--section", "九", "-o"]
    one, two = tmp_path / "1.pdf", tmp_path / "2.pdf"
    for target in (one, two):
        subprocess.run(cmd + [str(target)], cwd=REPO, check=True, capture_output=True)
    assert one.read_bytes() == two.read_bytes()
    doc = load_data(None)
    assert render(doc, templates.load()) == render(doc, templates.load())


def test_progress_is_reported():
    calls = []
    render(load_data(None), templates.load(), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (115, 115)
    assert [c[0] for c in calls[:2]] == [50, 100]


# ---- rows taller than a page ----------------------------------------------------------------------
PARAGRAPH = (
    "全年地区生产总值2291.5亿元，增长5.8%。围绕“5+5+N”产业布局，制定《宿州市制造业数字化转型实施方案"
    "（2023-2025年）》，规上工业增加值增长4.4%，新增规上工业企业133户。"
)


def long_document(paragraphs: int) -> Document:
    progress = [f"{i}.第{i}段：{PARAGRAPH}" for i in range(1, paragraphs + 1)]
    tasks = [
        Task(85, "前面的任务。", ["已完成。"], ["市发展改革委"]),
        Task(86, "一项进展说明长达数页的任务，检查续表。", progress, ["市生态环境局", "市发展改革委"]),
        Task(87, "后面的任务。", ["已完成。"], ["市财政局（国资委）"]),
    ]
    return Document(
        meta={"title": "续表测试", "issuer": "测试"},
        sections=[Section("九", "聚力优生态", subsections=[Subsection("一", "打好污染防治攻坚战。", tasks)])],
    )


def test_a_task_filling_three_pages_continues_without_losing_a_line(tmp_path):
    doc = long_document(15)
    path = export(tmp_path, "--data", str(data_file(tmp_path, doc)))
    reading = Reading(path)
    assert reading.pages >= 3
    assert_complete(reading, doc)
    # every page after the first begins with the continuation of task 86, marked （续）
    assert reading.continued == [(p, "86") for p in range(2, reading.pages + 1)] or reading.continued == [
        (p, "86") for p in range(2, reading.pages)
    ]
    for page in range(1, reading.pages + 1):
        text = run("pdftotext", "-f", str(page), "-l", str(page), str(path), "-")
        assert [text.count(label) for label in HEADER] == [1, 1, 1, 1], page
    # pages are filled: the break comes at the bottom of the text block, not after a short row
    for page in range(1, reading.pages):
        last = max(w.y1 for w in reading.words if w.page == page and w.y0 < STYLE.page_height - STYLE.bottom)
        assert last > STYLE.page_height - STYLE.bottom - 3 * STYLE.body.leading, page


def test_a_cell_taller_than_a_page_is_split_and_no_layout_error(tmp_path):
    doc = long_document(60)
    pdf = render(doc, templates.load())
    path = tmp_path / "tall.pdf"
    path.write_bytes(pdf)
    reading = Reading(path)
    assert reading.pages >= 8
    assert_complete(reading, doc)
    assert len(reading.continued) == reading.pages - 1


def test_a_heading_is_never_left_alone_at_the_bottom_of_a_page(tmp_path):
    # Fill a page almost to the bottom with short tasks, then start a new section.
    short = [Task(i, f"任务{i}。", ["已完成。"], ["市发展改革委"]) for i in range(1, 14)]
    following = [Task(100, "新部分的第一项任务。", ["已完成。"] * 3, ["市财政局"])]
    for count in range(8, 14):
        doc = Document(
            meta={"title": "测试"},
            sections=[
                Section("一", "第一部分", tasks=short[:count]),
                Section("二", "第二部分", subsections=[Subsection("一", "第二部分的小标题。", following)]),
            ],
        )
        path = tmp_path / f"h{count}.pdf"
        path.write_bytes(render(doc, templates.load()))
        reading = Reading(path)
        assert_complete(reading, doc)
        for page, line in reading.columns[0]:
            if line.startswith("二、"):
                same_page = [text for p, text in reading.columns[0] if p == page]
                assert "100" in same_page, (count, page, same_page)


# ---- fonts and fallback ---------------------------------------------------------------------------
def test_a_font_without_yong_falls_back_to_the_bundled_serif(tmp_path):
    assert GBSN.is_file(), "CI installs fonts-arphic-gbsn00lp"
    template = tmp_path / "sungti.yaml"
    template.write_text(
        f"extends: official\nfonts:\n  sungti: {GBSN}\n"
        "pdf:\n  fallback: [serif]\n  table:\n    body: {font: sungti}\n",
        encoding="utf-8",
    )
    path = export(tmp_path, "--section", "九", "--template", str(template))
    text = run("pdftotext", str(path), "-")
    doc = load_data(None)
    nine = [t for t in doc.all_tasks() if 86 <= t.number <= 94]
    expected = sum(t.task.count("埇") + sum(p.count("埇") for p in t.progress) for t in nine)
    assert expected > 0
    assert text.count("埇") == expected
    fonts = run("pdffonts", str(path))
    assert "BousungEG-Light-GB" in fonts  # the PostScript name of AR PL SungtiL GB
    assert "NotoSerifSC-Regular" in fonts
    assert all(row.split()[-5] == "yes" for row in fonts.splitlines()[2:])
    assert_complete(Reading(path), Document(meta=doc.meta, sections=[doc.sections[8]]))


@pytest.mark.parametrize("char", ["\U00020000", "\U0010fffd"])
def test_a_character_no_font_has_stops_the_export(tmp_path, capsys, char):
    doc = long_document(2)
    doc.sections[0].subsections[0].tasks[2].progress = [f"已完成{char}。"]
    data = data_file(tmp_path, doc)
    out = tmp_path / "never.pdf"
    code, err = cli_error(capsys, "export", "pdf", "--data", str(data), "-o", str(out))
    assert code == 1
    assert f"U+{ord(char):04X}" in err and char in err
    assert "任务 87" in err and "字形" in err and "fallback" in err
    assert not out.exists()
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*tmp")) == []


def test_missing_glyphs_are_listed_per_task():
    doc = long_document(1)
    tasks = doc.sections[0].subsections[0].tasks
    tasks[0].task += "\U00020000"
    tasks[2].units = ["市\U00020001局"]
    with pytest.raises(RenderError) as exc:
        render(doc, templates.load())
    message = str(exc.value)
    assert "U+20000，任务 85" in message and "U+20001，任务 87" in message


def test_the_fangsong_example_template_names_its_missing_font_clearly(tmp_path, capsys):
    assert (REPO / "templates" / "fangsong.yaml").is_file()
    code, err = cli_error(
        capsys, "export", "pdf", "--section", "九", "--template", "fangsong", "-o", str(tmp_path / "x.pdf")
    )
    assert code == 1
    assert "仿宋_GB2312" in err and "不存在" in err and "fonts" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_ttc_collection_needs_its_subfont_index(tmp_path):
    (tmp_path / "song.ttc").write_bytes(b"not really a font")
    template = tmp_path / "ttc.yaml"
    template.write_text(
        "extends: official\nfonts:\n  song: song.ttc\npdf:\n  table:\n    body: {font: song}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as exc:
        render(load_data(None), templates.load(str(template)))
    assert "subfont" in str(exc.value)
    template.write_text(
        "extends: official\nfonts:\n  song: {file: song.ttc, subfont: 0}\npdf:\n  table:\n    body: {font: song}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as exc:
        render(load_data(None), templates.load(str(template)))
    assert "song.ttc" in str(exc.value)


# ---- text is text ---------------------------------------------------------------------------------
def test_markup_and_entities_in_the_data_are_printed_literally(tmp_path):
    tricky = ['<img src="/etc/passwd">', "<b>粗</b>", "&amp;", "&#x57C7;", "<font color=red>红</font>"]
    doc = Document(
        meta={"title": "标记 <i>测试</i> & 转义"},
        sections=[
            Section(
                "一",
                "测试",
                tasks=[Task(1, "任务：" + " ".join(tricky), ["进展 " + tricky[0] + tricky[3]], ["单位<br/>&lt;"])],
            )
        ],
    )
    path = export(tmp_path, "--data", str(data_file(tmp_path, doc)))
    text = run("pdftotext", "-raw", str(path), "-")
    for piece in tricky + ["标记 <i>测试</i> & 转义", "单位<br/>&lt;"]:
        assert squeeze(piece) in squeeze(text), piece
    assert "埇" not in text
    assert run("pdfimages", "-list", str(path)).splitlines()[2:] == []
    assert b"/XObject" not in path.read_bytes() and b"/Subtype /Image" not in path.read_bytes()
    assert_complete(Reading(path), doc)


def test_justified_lines_get_no_spaces_from_pdftotext(bundled):
    """Justification spaces characters out a little; pdftotext must still read each line as one word."""
    _, reading = bundled
    doc = load_data(None)
    source = "\n".join(t.task + "\n" + "\n".join(t.progress) + "\n" + "\n".join(t.units) for t in doc.all_tasks())
    spaced = 0
    for column in reading.columns[1:]:
        for _, line in column:
            for m in re.finditer(r"(\S) (\S)", line):
                assert f"{m.group(1)} {m.group(2)}" in source, f"space inserted in: {line}"
                spaced += 1
    assert spaced < 20


# ---- other document shapes ------------------------------------------------------------------------
def nine_only() -> Document:
    doc = load_data(None)
    return Document(meta=dict(doc.meta), sections=[s for s in doc.sections if s.numeral == "九"])


def test_preamble_paragraphs_sit_between_title_and_table(tmp_path):
    doc = nine_only()
    doc.meta["preamble"] = [
        "2023年，全市上下认真贯彻落实市委、市政府决策部署，现将重点工作任务完成情况报告如下。",
        "第二段前言，说明统计口径：数据截至2023年12月31日。",
    ]
    path = tmp_path / "preamble.pdf"
    path.write_bytes(render(doc, templates.load()))
    reading = Reading(path)
    above = squeeze("".join(lines_of([w for w in reading.above_table if w.page == 1])))
    assert above.startswith(squeeze(doc.title))
    assert above.endswith(squeeze("".join(doc.meta["preamble"])))
    assert_complete(reading, doc)


def test_an_empty_attachment_number_prints_the_bare_label():
    pdf = render(nine_only(), templates.load(), attachment="")
    text = subprocess.run(
        [require_tool("pdftotext"), "-l", "1", "-", "-"], input=pdf, capture_output=True
    ).stdout.decode()
    assert text.lstrip().startswith("附件\n")


def test_a_list_without_sections_has_no_section_rows_and_flat_outline(tmp_path):
    tasks = [Task(i, f"第{i}项任务。", [PARAGRAPH], ["市发展改革委"]) for i in range(1, 31)]
    doc = Document(
        meta={"title": "部分重点工作任务完成情况"},
        sections=[Section("", "", tasks=tasks[:10], subsections=[Subsection("一", "小标题。", tasks[10:])])],
    )
    path = tmp_path / "flat.pdf"
    path.write_bytes(render(doc, templates.load()))
    assert_complete(Reading(path), doc)
    outline = json.loads(run("qpdf", "--json", "--json-key=outlines", str(path)))["outlines"]
    assert [(o["title"], o["kids"]) for o in outline] == [("（一）小标题。", [])]


def test_the_table_never_starts_with_a_lonely_header_under_a_long_preamble(tmp_path):
    sentence = "现将2023年《政府工作报告》重点工作任务完成情况报告如下，请各单位对照检查、抓好落实。"
    for count in range(8, 16):
        doc = nine_only()
        doc.meta["preamble"] = [sentence] * count
        path = tmp_path / f"p{count}.pdf"
        path.write_bytes(render(doc, templates.load()))
        words = read_words(path)
        for page in range(1, max(w.page for w in words) + 1):
            heads = [w for w in words if w.page == page and w.text in HEADER]
            if not heads:
                continue
            below = [
                w
                for w in words
                if w.page == page and w.y0 > max(h.y1 for h in heads) and w.y0 < STYLE.page_height - STYLE.bottom
            ]
            assert any(w.text.isdigit() for w in below), (count, page, [w.text for w in below])


@pytest.mark.parametrize(
    "pdf_section, words",
    [
        ("table:\n    body: {font: kaiti}\n", ["kaiti", "未定义", "serif"]),
        ("table:\n    columns:\n      task: {width: 80%}\n      progress: {width: 50%}\n", ["列宽", "版心"]),
        ("margins: {top: 三毫米}\n", ["margins.top", "三毫米"]),
        ("page: {size: Letter}\n", ["Letter"]),
    ],
)
def test_template_mistakes_are_reported_in_chinese(tmp_path, capsys, pdf_section, words):
    template = tmp_path / "bad.yaml"
    template.write_text("extends: official\npdf:\n  " + pdf_section, encoding="utf-8")
    code, err = cli_error(
        capsys, "export", "pdf", "--section", "九", "--template", str(template), "-o", str(tmp_path / "x.pdf")
    )
    assert code == 1 and "Traceback" not in err
    for word in words:
        assert word in err, err
    assert not (tmp_path / "x.pdf").exists()
