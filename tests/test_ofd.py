"""`export ofd`: every part checked against the standard's schemas, every reference resolved, the text
read back by an independent reader (ofdkit) and compared line by line with the PDF's (poppler).

Three documents are exported once per session through the real command line: the bundled one, its
part 九, and one unit's part; each is compared with the PDF of the same selection.
"""

from __future__ import annotations

import importlib
import io
import os
import posixpath
import re
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporter import templates
from exporter.formats import datafile
from exporter.formats.ofd.writer import render as render_ofd
from exporter.formats.pdf.fonts import FontBook
from exporter.formats.pdf.layout import Layout
from exporter.formats.pdf.style import load_style
from exporter.formats.pdf.writer import render as render_pdf
from exporter.ops.select import select
from exporter.ops.split import selection
from tests.conftest import DATA, ROOT, require_tool, run_cli, run_entry

CI = os.environ.get("CI") == "true"


def need(module: str):
    """A test-extra module: skipped here when missing, required under CI (pip installs .[test])."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if CI:
            raise
        pytest.skip(f"{module} is not installed (pip install '.[test]')", allow_module_level=True)


ofdkit = need("ofdkit")  # an independent OFD reader
etree = need("lxml.etree")  # XSD validation
ttLib = need("fontTools.ttLib")  # reads the embedded fonts

NS = "http://www.ofdspec.org/2016"
Q = f"{{{NS}}}"
MM = 25.4 / 72
UNIT = "市发展改革委"


# ---- the schemas (GB/T 33190-2016 Annex A): used from shared/, never copied into the repository ------
def xsd_dir() -> Path | None:
    candidates = [os.environ.get("OFD_XSD_DIR"), ROOT.parent / "shared" / "ofd-xsd", "/work/shared/ofd-xsd"]
    for c in candidates:
        if c and (Path(c) / "OFD.xsd").is_file():
            return Path(c)
    return None


@pytest.fixture(scope="session")
def schemas():
    folder = xsd_dir()
    if folder is None:
        if CI:
            pytest.fail("CI needs the OFD schemas in ../shared/ofd-xsd (or OFD_XSD_DIR)")
        pytest.skip("OFD schemas not found (../shared/ofd-xsd or OFD_XSD_DIR)")
    return {
        name: etree.XMLSchema(etree.parse(str(folder / f"{name}.xsd"))) for name in ("OFD", "Document", "Page", "Res")
    }


# ---- exports shared by the whole module --------------------------------------------------------------
@dataclass
class Export:
    name: str
    ofd: Path
    pdf: Path
    doc: object  # the selected Document


@pytest.fixture(scope="module")
def exports(tmp_path_factory, bundled_doc):
    folder = tmp_path_factory.mktemp("ofd")
    cases = {
        "bundled": ([], None, None),
        "section": (["--section", "九"], ("九",), None),
        "unit": (["--unit", UNIT], (), UNIT),
    }
    template = templates.load()
    out = {}
    for name, (args, sections, unit) in cases.items():
        path = folder / f"{name}.ofd"
        result = run_cli("export", "ofd", *args, "-o", path)
        assert result.code == 0, result.err
        doc = selection(bundled_doc, sections or (), unit)  # what export renders (--unit: the unit's part)
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(render_pdf(doc, template))
        out[name] = Export(name, path, pdf, doc)
    return out


@pytest.fixture(scope="module", params=["bundled", "section", "unit"])
def export(request, exports):
    return exports[request.param]


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def kind_of(name: str) -> str:
    if name == "OFD.xml":
        return "OFD"
    if name.endswith("/Document.xml"):
        return "Document"
    if name.endswith("/PublicRes.xml"):
        return "Res"
    return "Page"


# ---- schema and references ---------------------------------------------------------------------------
def test_every_part_validates_against_the_standard_schemas(export, schemas):
    files = parts(export.ofd)
    xml = [n for n in files if n.endswith(".xml")]
    assert {kind_of(n) for n in xml} == {"OFD", "Document", "Res", "Page"}
    for name in xml:
        schema = schemas[kind_of(name)]
        ok = schema.validate(etree.fromstring(files[name]))
        assert ok, f"{export.name}: {name}: {schema.error_log.last_error}"


def test_references_resolve_and_ids_are_unique(export):
    files = parts(export.ofd)
    root = etree.fromstring(files["OFD.xml"])
    assert root.tag == Q + "OFD" and root.get("Version") == "1.0" and root.get("DocType") == "OFD"
    doc_path = root.findtext(f"{Q}DocBody/{Q}DocRoot")
    assert doc_path in files
    base = posixpath.dirname(doc_path)
    document = etree.fromstring(files[doc_path])
    max_id = int(document.findtext(f"{Q}CommonData/{Q}MaxUnitID"))
    box = document.findtext(f"{Q}CommonData/{Q}PageArea/{Q}PhysicalBox").split()
    assert [round(float(v)) for v in box] == [0, 0, 297, 210]  # landscape A4 in millimetres

    referenced = {"OFD.xml", doc_path}
    ids: list[int] = []
    res_path = posixpath.join(base, document.findtext(f"{Q}CommonData/{Q}PublicRes"))
    referenced.add(res_path)
    res = etree.fromstring(files[res_path])
    font_ids = set()
    for font in res.iter(Q + "Font"):
        file = posixpath.join(posixpath.dirname(res_path), res.get("BaseLoc"), font.findtext(Q + "FontFile"))
        assert file in files, f"font file {file} missing"
        referenced.add(file)
        font_ids.add(int(font.get("ID")))
        ids.append(int(font.get("ID")))
    page_ids = []
    for page in document.iter(Q + "Page"):
        path = posixpath.join(base, page.get("BaseLoc"))
        assert path in files, f"page {path} missing"
        referenced.add(path)
        page_ids.append(int(page.get("ID")))
        ids.append(page_ids[-1])
        content = etree.fromstring(files[path])
        for element in content.iter():
            if element.get("ID") is not None:
                ids.append(int(element.get("ID")))
            if element.tag == Q + "TextObject":
                assert int(element.get("Font")) in font_ids
    for dest in document.iter(Q + "Dest"):
        assert int(dest.get("PageID")) in page_ids
    assert referenced == set(files), f"parts nobody refers to: {set(files) - referenced}"
    assert len(ids) == len(set(ids)), "IDs repeat"
    assert max(ids) <= max_id


# ---- text and positions: the OFD read by ofdkit, the PDF by pdftotext -------------------------------
@dataclass
class Line:
    text: str
    x: float  # points from the left
    end: float  # where the last character's advance ends
    base: float  # baseline, points from the top
    size: float


def ofd_lines(path: Path) -> list[list[Line]]:
    """Per page, the OFD's text lines: runs on one baseline that continue each other (fallback fonts)."""
    pages = []
    with ofdkit.open(str(path)) as doc:
        for page in doc.pages:
            lines: list[Line] = []
            for run in sorted(page.runs, key=lambda r: (round(r.y, 2), r.x)):
                # ofdkit measures the last character by its East Asian width: exact for our CJK text.
                line = Line(run.text, run.x / MM, (run.x + run.width) / MM, run.y / MM, run.size / MM)
                last = lines[-1] if lines else None
                if last and abs(last.base - line.base) < 0.01 and abs(last.end - line.x) < 0.5:
                    last.text += line.text
                    last.end = line.end
                else:
                    lines.append(line)
            pages.append(lines)
    return pages


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pdf_words(path: Path) -> list[list[Word]]:
    html = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages: list[list[Word]] = []
    for m in re.finditer(
        r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', html
    ):
        if m.group(0) == "<page ":
            pages.append([])
            continue
        text = m.group(5).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        pages[-1].append(Word(text, *(float(m.group(i)) for i in range(1, 5))))
    return pages


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_text_equals_the_pdf_line_for_line(export):
    ofd, pdf = ofd_lines(export.ofd), pdf_words(export.pdf)
    assert len(ofd) == len(pdf), "page count differs from the PDF"
    for number, (lines, words) in enumerate(zip(ofd, pdf), 1):
        # Each PDF word belongs to the OFD line whose baseline runs through its box and whose span
        # holds its middle; every word must find exactly one line.
        got: list[list[Word]] = [[] for _ in lines]
        for w in words:
            mid = (w.x0 + w.x1) / 2
            owners = [
                i for i, line in enumerate(lines) if w.y0 < line.base < w.y1 and line.x - 1 <= mid <= line.end + 1
            ]
            assert len(owners) == 1, f"page {number}: PDF word {w.text!r} matches {len(owners)} OFD lines"
            got[owners[0]].append(w)
        for line, ws in zip(lines, got):
            ws.sort(key=lambda w: w.x0)
            assert squeeze("".join(w.text for w in ws)) == squeeze(line.text), f"page {number}"
            # Same place as in the PDF, to a fifth of a point: start, and end where the last
            # character is full width (DeltaX carries every advance before it).
            assert abs(ws[0].x0 - line.x) < 0.2, (number, line.text)
            if unicodedata.east_asian_width(line.text.rstrip()[-1]) in ("W", "F"):
                assert abs(ws[-1].x1 - line.end) < 0.2, (number, line.text)


def test_positions_are_the_pdf_layouts(exports):
    """Every text line of the bundled OFD starts where the PDF's layout put it (to a micrometre)."""
    export = exports["bundled"]
    template = templates.load()
    style = load_style(template)
    layout = Layout(style, FontBook(template, style.fallback))
    expected = [
        sorted((t.line.text, t.x * MM, (style.page_height - t.y) * MM) for t in page.texts)
        for page in layout.pages(export.doc)
    ]
    got = [sorted((line.text, line.x * MM, line.base * MM) for line in page) for page in ofd_lines(export.ofd)]
    assert len(got) == len(expected)
    for number, (mine, theirs) in enumerate(zip(got, expected), 1):
        assert [t for t, _, _ in mine] == [t for t, _, _ in theirs], number
        for (text, x, y), (_, x2, y2) in zip(mine, theirs):
            assert abs(x - x2) <= 0.001 and abs(y - y2) <= 0.001, (number, text)


STYLE = load_style(templates.load())
FURNITURE = {STYLE.labels[k] for k in ("number", "task", "progress", "units")}


def column_lines(path: Path) -> list[list[str]]:
    """The lines of each table column, page after page, top to bottom, without the repeated header
    row and page numbers."""
    columns: list[list[str]] = [[] for _ in STYLE.columns]
    for page in ofd_lines(path):
        for line in sorted(page, key=lambda line: line.base):
            if line.text in FURNITURE or re.fullmatch(r"— \d+ —", line.text):
                continue
            for i, c in enumerate(STYLE.columns):
                if STYLE.left + c.x <= line.x < STYLE.left + c.x + c.width:
                    columns[i].append(squeeze(line.text))
    return columns


def assert_tasks_read_back(path: Path, doc) -> None:
    numbers, tasks, progress, units = ("".join(lines) for lines in column_lines(path))
    for task in doc.all_tasks():
        assert squeeze(task.task) in tasks, task.number
        for text in task.progress:
            assert squeeze(text) in progress, task.number
        for unit in task.units:
            assert squeeze(unit) in units, task.number
    # The number column reads the task numbers in order; a continued task repeats its number.
    found = []
    for line in column_lines(path)[0]:
        m = re.match(r"\d+", line)
        if m and (not found or found[-1] != int(m.group())):
            found.append(int(m.group()))
    assert found == [t.number for t in doc.all_tasks()]


def test_bundled_text_is_complete(exports, bundled_doc):
    assert_tasks_read_back(exports["bundled"].ofd, bundled_doc)
    with ofdkit.open(str(exports["bundled"].ofd)) as doc:
        text = squeeze(doc.text())
        info = doc.info
    assert text.count("埇") == 19
    assert info.title == bundled_doc.title and info.author == bundled_doc.issuer
    assert info.creation_date == "2024-02-01" == info.mod_date  # 成文日期 of the bundled file


def test_section_and_unit_parts(exports):
    section, unit = exports["section"], exports["unit"]
    assert_tasks_read_back(section.ofd, section.doc)
    assert_tasks_read_back(unit.ofd, unit.doc)
    with ofdkit.open(str(section.ofd)) as doc:
        assert "九、" in doc.pages[0].text()
    with ofdkit.open(str(unit.ofd)) as doc:
        assert UNIT in doc.pages[0].text()


# ---- fonts ---------------------------------------------------------------------------------------------
def test_fonts_are_embedded_subsets_with_the_original_outlines(exports):
    files = parts(exports["bundled"].ofd)
    res = etree.fromstring(files["Doc_0/PublicRes.xml"])
    originals = {}
    for path in (ROOT / "fonts").glob("*.ttf"):
        font = ttLib.TTFont(str(path), lazy=True)
        originals[font["name"].getDebugName(6)] = (font, path.stat().st_size)
    used: dict[str, set[str]] = {}
    for name, data in files.items():
        if name.endswith("Content.xml"):
            for obj in etree.fromstring(data).iter(Q + "TextObject"):
                used.setdefault(obj.get("Font"), set()).update("".join(obj.itertext()))
    assert len(res.findall(f"{Q}Fonts/{Q}Font")) == 3
    for entry in res.iter(Q + "Font"):
        data = files["Doc_0/Res/" + entry.findtext(Q + "FontFile")]
        original, size = originals[entry.get("FontName")]
        subset = ttLib.TTFont(io.BytesIO(data))
        assert "glyf" in subset and len(data) < 0.1 * size
        cmap, original_cmap = subset.getBestCmap(), original.getBestCmap()
        chars = used[entry.get("ID")]
        assert {ord(c) for c in chars} <= set(cmap), "a character drawn with the font is not in its cmap"
        for ch in chars:
            mine, theirs = cmap[ord(ch)], original_cmap[ord(ch)]
            assert subset["hmtx"][mine] == original["hmtx"][theirs]
            # The glyph's program as stored (before fontTools expands it), up to zero padding.
            a = subset["glyf"].glyphs[mine].compile(subset["glyf"])
            b = original["glyf"].glyphs[theirs].compile(original["glyf"])
            assert a.rstrip(b"\0") == b.rstrip(b"\0") and (a or ch.isspace()), ch
    assert any("埇" in chars for chars in used.values())


def test_fontfile_keeps_composite_glyph_components():
    from exporter.formats import fontfile

    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not path.is_file():
        if CI:
            pytest.fail("CI installs fonts-dejavu-core")
        pytest.skip("DejaVuSans.ttf not installed")
    original = ttLib.TTFont(str(path))
    cmap = original.getBestCmap()
    order = original.getGlyphOrder()
    glyphs = {ord(c): original.getGlyphID(cmap[ord(c)]) for c in "Åé"}
    assert any(original["glyf"][cmap[c]].isComposite() for c in glyphs)
    subset = ttLib.TTFont(io.BytesIO(fontfile.subset(path.read_bytes(), glyphs)))
    for code in glyphs:
        name = subset.getBestCmap()[code]
        assert (
            subset["glyf"][name].getCoordinates(subset["glyf"])[0]
            == original["glyf"][cmap[code]].getCoordinates(original["glyf"])[0]
        )
    assert len(subset.getGlyphOrder()) <= len(order)


# ---- package properties --------------------------------------------------------------------------------
def test_byte_identical_from_run_to_run_and_to_stdout(exports):
    result = run_entry("export", "ofd", "-o", "-")  # another process: another hash seed
    assert result.code == 0, result.err
    assert result.stdout_bytes == exports["bundled"].ofd.read_bytes()


def test_outline_has_every_section_and_points_at_its_page(exports, bundled_doc):
    files = parts(exports["bundled"].ofd)
    document = etree.fromstring(files["Doc_0/Document.xml"])
    top = document.findall(f"{Q}Outlines/{Q}OutlineElem")
    assert [e.get("Title") for e in top] == [s.heading for s in bundled_doc.sections]
    pages = {p.get("ID"): p.get("BaseLoc") for p in document.iter(Q + "Page")}
    for entry in top:
        page_id = entry.find(f"{Q}Actions/{Q}Action/{Q}Goto/{Q}Dest").get("PageID")
        content = etree.fromstring(files["Doc_0/" + pages[page_id]])
        assert entry.get("Title") in {"".join(t.itertext()) for t in content.iter(Q + "TextObject")}


def test_attachment_label_and_source_date_epoch(bundled_doc, monkeypatch):
    doc = select(bundled_doc, ("十二",), None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    data = render_ofd(doc, templates.load(), attachment="2")
    with ofdkit.open(data) as read:
        assert read.pages[0].text().startswith("附件2")
        assert read.info.creation_date == "2023-11-14"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_split_by_unit_writes_one_ofd_per_unit(tmp_path):
    out = tmp_path / "parts"
    result = run_cli("export", "ofd", "--data", DATA, "--section", "九", "--split-by", "unit", "-o", out)
    assert result.code == 0, result.err
    doc = select(datafile.load(DATA.read_bytes(), str(DATA)), ("九",), None)
    names = sorted(p.name for p in out.iterdir())
    assert len([n for n in names if n.endswith(".ofd")]) == len(doc.units())
    for unit in doc.units():
        with ofdkit.open(str(out / f"{unit}.ofd")) as read:
            assert unit in read.text()


def test_hostile_text_is_written_literally(schemas):
    from exporter.model import Document, Section, Task

    hostile = ['=SUM(A1:A9)&"x"', '<img src="/etc/passwd">', "<b>粗</b>&amp;]]>'q'"]
    doc = Document(
        meta={"title": "标题<&>“引号”"},
        sections=[
            Section("一", "部分<&>", [Task(1, hostile[0], [hostile[1]], ["单位&<>"]), Task(2, hostile[2], [], ["乙"])])
        ],
    )
    data = render_ofd(doc, templates.load())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                assert schemas[kind_of(name)].validate(etree.fromstring(z.read(name))), name
    with ofdkit.open(data) as read:
        text = squeeze(read.text())
        assert read.info.title == "标题<&>“引号”"
    for piece in [*hostile, "单位&<>", "部分<&>"]:
        assert squeeze(piece) in text
