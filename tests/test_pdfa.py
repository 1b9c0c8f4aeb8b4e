"""Archival PDF: PDF/A metadata and output intent, CID fonts whose text survives a Ghostscript rewrite,
and the tagged table.

Everything is read back with tools other than our writer: pikepdf (qpdf) for objects and content
streams, poppler (pdfinfo, pdftotext), Ghostscript, and Apache PDFBox Preflight for the PDF/A-1b rules.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from conftest import require_tool

from exporter import templates
from exporter.cli import load_data, main
from exporter.formats.pdf import pdfa
from exporter.formats.pdf.style import load_style
from exporter.formats.pdf.writer import render
from exporter.model import Document, Section, Subsection, Task

STYLE = load_style(templates.load())
LABELS = [STYLE.labels[k] for k in ("number", "task", "progress", "units")]
CONTINUED = STYLE.labels["continued"]
PREFLIGHT_JARS = ["preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ---- reading a tagged PDF back with pikepdf --------------------------------------------------------
class Element:
    def __init__(self, kind: str, attrs: dict, obj):
        self.kind, self.attrs, self.obj = kind, attrs, obj
        self.kids: list = []  # Elements and (page index, MCID) pairs, in order

    def children(self, kind: str | None = None) -> list[Element]:
        return [k for k in self.kids if isinstance(k, Element) and (kind is None or k.kind == kind)]


class Tagged:
    """Content streams decoded through each font's ToUnicode, split by marked content, and the
    structure tree with the text of each element."""

    def __init__(self, path: Path):
        self.pdf = pikepdf.open(path)
        self.page_index = {p.obj.objgen: i for i, p in enumerate(self.pdf.pages)}
        self.marked: dict[tuple[int, int], str] = {}  # (page, MCID) -> text
        self.artifacts: list[tuple[int, str]] = []
        self.untagged: list[tuple[int, str]] = []
        self.problems: list[str] = []  # codes without Unicode, width or glyph
        self.codes_used: dict[tuple, set[int]] = {}
        self._fonts: dict = {}
        for i, page in enumerate(self.pdf.pages):
            self._read_page(i, page)
        self.root = self._tree()

    # fonts
    def font(self, obj) -> dict:
        key = obj.objgen
        if key not in self._fonts:
            assert obj.Subtype == "/Type0" and obj.Encoding == "/Identity-H", obj.BaseFont
            cid = obj.DescendantFonts[0]
            assert cid.Subtype == "/CIDFontType2"
            cmap = obj.ToUnicode.read_bytes().decode("ascii")
            unicode = {}
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for code, text in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>", block):
                    unicode[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
            assert "beginbfrange" not in cmap  # the reader above would miss those
            widths = {}
            w = list(cid.W)
            i = 0
            while i < len(w):
                if isinstance(w[i + 1], pikepdf.Array):
                    widths.update({int(w[i]) + k: float(v) for k, v in enumerate(w[i + 1])})
                    i += 2
                else:
                    widths.update({c: float(w[i + 2]) for c in range(int(w[i]), int(w[i + 1]) + 1)})
                    i += 3
            gid_map = cid.CIDToGIDMap.read_bytes()
            gids = [int.from_bytes(gid_map[k : k + 2], "big") for k in range(0, len(gid_map), 2)]
            self._fonts[key] = {
                "unicode": unicode,
                "widths": widths,
                "gids": gids,
                "name": str(obj.BaseFont),
                "obj": obj,
            }
        return self._fonts[key]

    def decode(self, font_obj, data: bytes) -> str:
        font = self.font(font_obj)
        assert len(data) % 2 == 0
        out = []
        for k in range(0, len(data), 2):
            code = int.from_bytes(data[k : k + 2], "big")
            self.codes_used.setdefault(font_obj.objgen, set()).add(code)
            if code not in font["unicode"]:
                self.problems.append(f"{font['name']}: code {code:04X} has no ToUnicode entry")
            if code not in font["widths"]:
                self.problems.append(f"{font['name']}: code {code:04X} has no width")
            if code >= len(font["gids"]) or font["gids"][code] == 0:
                self.problems.append(f"{font['name']}: code {code:04X} shows no glyph")
            out.append(font["unicode"].get(code, "\ufffd"))
        return "".join(out)

    def _read_page(self, index: int, page) -> None:
        fonts = page.obj.Resources.Font
        stack: list = []  # per open marked-content sequence: MCID, "artifact" or "other"
        font = None
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "BDC":
                props = operands[1]
                stack.append(
                    "artifact" if operands[0] == "/Artifact" else int(props.MCID) if "/MCID" in props else "other"
                )
            elif op == "BMC":
                stack.append("artifact" if operands[0] == "/Artifact" else "other")
            elif op == "EMC":
                stack.pop()
            elif op == "Tf":
                font = fonts[str(operands[0])]
            elif op in ("TJ", "'", '"'):
                pytest.fail(f"unexpected text operator {op}")
            elif op == "Tj":
                text = self.decode(font, bytes(operands[0]))
                mark = next((m for m in reversed(stack) if m != "other"), None)
                if mark is None:
                    self.untagged.append((index, text))
                elif mark == "artifact":
                    self.artifacts.append((index, text))
                else:
                    self.marked[index, mark] = self.marked.get((index, mark), "") + text
        assert stack == [], f"page {index + 1}: unbalanced marked content"

    # structure
    def _tree(self) -> Element:
        tree = self.pdf.Root.StructTreeRoot
        kids = tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]
        assert len(kids) == 1
        return self._element(kids[0])

    def _element(self, obj) -> Element:
        attrs = {}
        if "/A" in obj:
            attrs = {str(k)[1:]: (str(v) if isinstance(v, pikepdf.Name) else int(v)) for k, v in obj.A.items()}
        element = Element(str(obj.S)[1:], attrs, obj)
        page = self.page_index[obj.Pg.objgen] if "/Pg" in obj else None
        kids = obj.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int):
                element.kids.append((page, int(kid)))
            elif kid.get("/Type") == "/MCR":
                on = self.page_index[kid.Pg.objgen] if "/Pg" in kid else page
                element.kids.append((on, int(kid.MCID)))
            else:
                assert kid.P.objgen == obj.objgen, "a kid's /P must be its parent"
                element.kids.append(self._element(kid))
        return element

    def text(self, element: Element) -> str:
        return "".join(self.text(k) if isinstance(k, Element) else self.marked.get(k, "") for k in element.kids)

    def walk(self, element: Element | None = None):
        element = element or self.root
        yield element
        for kid in element.children():
            yield from self.walk(kid)


def check_coverage(tagged: Tagged) -> None:
    """Every marked-content sequence belongs to exactly one element, and the parent tree agrees."""
    assert tagged.untagged == [], tagged.untagged[:3]
    owners: dict[tuple[int, int], list] = {}
    for element in tagged.walk():
        for kid in element.kids:
            if not isinstance(kid, Element):
                owners.setdefault(kid, []).append(element)
    assert set(owners) == set(tagged.marked), "marked content without element, or element without content"
    assert all(len(v) == 1 for v in owners.values()), "marked content claimed twice"
    parent_tree = tagged.pdf.Root.StructTreeRoot.ParentTree
    nums = list(parent_tree.Nums)
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for i, page in enumerate(tagged.pdf.pages):
        array = entries[int(page.obj.StructParents)]
        mine = sorted(m for p, m in tagged.marked if p == i)
        assert mine == list(range(len(array)))
        for mcid in mine:
            assert array[mcid].objgen == owners[i, mcid][0].obj.objgen


def check_table(tagged: Tagged, doc: Document) -> None:
    """One Table in published order: the header row as TH, each task one TR with four TD, section and
    subsection rows one TD spanning the row."""
    root = tagged.root
    assert root.kind == "Document"
    kinds = [k.kind for k in root.children()]
    assert kinds.count("Table") == 1 and kinds.count("H1") == (1 if doc.title else 0)
    if doc.title:
        assert squeeze(tagged.text(root.children("H1")[0])) == squeeze(doc.title)
    table = root.children("Table")[0]
    assert [k.kind for k in table.children()] == ["THead", "TBody"]
    head = table.children()[0].children("TR")
    assert len(head) == 1
    assert [tagged.text(th) for th in head[0].children("TH")] == LABELS
    assert all(th.attrs == {"O": "/Table", "Scope": "/Column"} for th in head[0].children())
    rows = table.children()[1].children()
    expected = list(doc.rows())
    assert [r.kind for r in rows] == ["TR"] * len(expected)
    for tr, (kind, item) in zip(rows, expected):
        cells = tr.children()
        assert all(c.kind == "TD" for c in cells)
        if kind == "task":
            want = [str(item.number), item.task, "".join(item.progress), "".join(item.units)]
            assert [squeeze(tagged.text(c)) for c in cells] == [squeeze(w) for w in want], item.number
            for cell, paragraphs in ((cells[2], item.progress), (cells[3], item.units)):
                if len(paragraphs) > 1:  # one P per paragraph or unit
                    assert [squeeze(tagged.text(p)) for p in cell.children("P")] == [squeeze(p) for p in paragraphs]
        else:
            assert len(cells) == 1 and cells[0].attrs == {"O": "/Table", "ColSpan": 4}
            assert squeeze(tagged.text(cells[0])) == squeeze(item.heading)


def check_artifacts(tagged: Tagged, doc: Document) -> None:
    """Only page furniture is an artifact: repeated header labels, page numbers, "86（续）"."""
    numbers = {str(t.number) for t in doc.all_tasks()}
    for page, text in tagged.artifacts:
        ok = (
            text in LABELS
            or text == STYLE.page_number_format.format(n=page + 1)
            or text == CONTINUED
            or (text.endswith(CONTINUED) and text[: -len(CONTINUED)] in numbers)
            or text in numbers
        )
        assert ok, (page + 1, text)
    assert sum(1 for _, t in tagged.artifacts if t in LABELS) == 4 * (len(tagged.pdf.pages) - 1)


# ---- fixtures -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfa")
    out = {}
    for name, args in {
        "bundled": ["--attachment", "1"],
        "nine": ["--section", "九"],
        "unit": ["--unit", "市生态环境局"],
    }.items():
        out[name] = folder / f"{name}.pdf"
        main(["export", "pdf", "-o", str(out[name]), *args])
    return out


@pytest.fixture(scope="module")
def bundled(files):
    return Tagged(files["bundled"])


PARAGRAPH = "全年地区生产总值2291.5亿元，增长5.8%。围绕“5+5+N”产业布局，规上工业增加值增长4.4%，新增规上工业企业133户。"


def long_document() -> Document:
    """A task running over three pages, and text with PDF string escapes and a fallback-font 埇."""
    progress = [f"{i}.第{i}段：{PARAGRAPH}" for i in range(1, 18)]
    tricky = "括号(a)与反斜杠\\、<img src=x>、=SUM(A1)、埇桥区"
    tasks = [
        Task(85, tricky, ["已完成。" + tricky], ["市发展改革委"]),
        Task(86, "一项进展说明长达数页的任务，检查续表。", progress, ["市生态环境局", "市发展改革委"]),
        Task(87, "后面的任务。", ["已完成。"], ["市财政局（国资委）"]),
    ]
    return Document(
        meta={"title": "续表测试", "issuer": "测试"},
        sections=[Section("九", "聚力优生态", subsections=[Subsection("一", "打好污染防治攻坚战。", tasks)])],
    )


# ---- PDF/A ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["bundled", "nine", "unit"])
def test_pdfbox_preflight_finds_no_pdfa_1b_violation(files, name, tmp_path):
    """Preflight checks the PDF/A-1b rules (the part-1 subset of what PDF/A-2 asks). It refuses any part
    but 1, so it reads a copy whose identification says part 1: the same bytes otherwise."""
    java = require_tool("java")
    jars = [f"/usr/share/java/{jar}.jar" for jar in PREFLIGHT_JARS]
    missing = [jar for jar in jars if not Path(jar).is_file()]
    if missing:  # as require_tool: a failure under CI, where .ci/run installs them
        message = f"PDFBox Preflight needs {missing} (Debian libpdfbox2-java, libactivation-java, libjaxb-api-java)"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    data = files[name].read_bytes()
    assert data.count(b"<pdfaid:part>2</pdfaid:part>") == 1
    copy = tmp_path / f"{name}-part1.pdf"
    copy.write_bytes(data.replace(b"<pdfaid:part>2</pdfaid:part>", b"<pdfaid:part>1</pdfaid:part>"))
    result = subprocess.run(
        [java, "-cp", ":".join(jars), "org.apache.pdfbox.preflight.Validator_A1b", str(copy)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "is a valid PDF/A-1b file" in result.stdout, result.stdout + result.stderr
    # and the file as written is refused for exactly that reason only
    result = subprocess.run(
        [java, "-cp", ":".join(jars), "org.apache.pdfbox.preflight.Validator_A1b", str(files[name])],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [line for line in result.stdout.splitlines() if re.match(r"\d+(\.\d+)* : ", line)]
    assert errors == ["7.11.2 : Error on MetaData, part must be 1"], result.stdout


def _xmp(pdf: pikepdf.Pdf) -> dict:
    root = ET.fromstring(pdf.Root.Metadata.read_bytes())
    ns = {
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "dc": "http://purl.org/dc/elements/1.1/",
        "pdf": "http://ns.adobe.com/pdf/1.3/",
        "xmp": "http://ns.adobe.com/xap/1.0/",
        "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    }
    out = {}
    for key, path in {
        "Title": "dc:title/rdf:Alt/rdf:li",
        "Author": "dc:creator/rdf:Seq/rdf:li",
        "Subject": "dc:description/rdf:Alt/rdf:li",
        "Language": "dc:language/rdf:Bag/rdf:li",
        "Keywords": "pdf:Keywords",
        "Producer": "pdf:Producer",
        "Creator": "xmp:CreatorTool",
        "CreationDate": "xmp:CreateDate",
        "ModDate": "xmp:ModifyDate",
        "part": "pdfaid:part",
        "conformance": "pdfaid:conformance",
    }.items():
        found = root.findall(f".//rdf:Description/{path}", ns)
        assert len(found) <= 1, key
        if found:
            out[key] = found[0].text
    return out


def _pdf_date(text: str) -> dt.datetime:
    m = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'", text)
    offset = dt.timedelta(hours=int(m[3]), minutes=int(m[4])) * (1 if m[2] == "+" else -1)
    return dt.datetime.strptime(m[1], "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone(offset))


def test_xmp_mirrors_the_information_dictionary(files, bundled_doc):
    titles = {}
    for name, path in files.items():
        with pikepdf.open(path) as pdf:
            info = {str(k)[1:]: str(v) for k, v in pdf.docinfo.items()}
            titles[name] = info["Title"]
            xmp = _xmp(pdf)
            assert pdf.Root.Metadata.get("/Filter") is None  # readable without decoding
        for key in ("Title", "Author", "Subject", "Keywords", "Producer", "Creator"):
            assert xmp[key] == info[key], key
        for key in ("CreationDate", "ModDate"):
            assert dt.datetime.fromisoformat(xmp[key]) == _pdf_date(info[key])
        assert (xmp["part"], xmp["conformance"], xmp["Language"]) == ("2", "A", "zh-CN")
    # --unit: the unit's own part, named in its title as each file of --split-by unit is
    assert titles == {
        "bundled": bundled_doc.title,
        "nine": bundled_doc.title,
        "unit": f"{bundled_doc.title}（市生态环境局）",
    }
    assert info["Author"] == "宿州市政府办公室"
    assert info["Keywords"] == bundled_doc.meta["category"]
    # dated by the 成文日期 2024-02-01 (not the 2000-01-01 of old)
    assert _pdf_date(info["CreationDate"]) == dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc)
    out = subprocess.run(
        ["pdfinfo", "-isodates", str(files["bundled"])],
        capture_output=True,
        text=True,
        env={"TZ": "UTC", "PATH": "/usr/bin:/bin"},
    ).stdout
    assert "Metadata Stream: yes" in out and "Tagged:          yes" in out
    assert re.search(r"CreationDate:\s+2024-02-01T00:00:00", out), out


def test_source_date_epoch_dates_info_and_xmp_alike(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = tmp_path / "epoch.pdf"
    path.write_bytes(render(long_document(), templates.load()))
    with pikepdf.open(path) as pdf:
        when = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
        assert _pdf_date(str(pdf.docinfo["/CreationDate"])) == when
        assert dt.datetime.fromisoformat(_xmp(pdf)["ModDate"]) == when


def test_srgb_output_intent_with_the_shipped_profile(files):
    shipped = pdfa.ICC.read_bytes()
    assert shipped[36:40] == b"acsp" and shipped[16:20] == b"RGB " and shipped[8] == 2  # ICC v2 RGB
    licence = (pdfa.ICC.parent / "LICENSE").read_text(encoding="utf-8")
    assert "Zlib" in licence and "icc-profiles-free" in licence
    with pikepdf.open(files["nine"]) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == "/GTS_PDFA1" and str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        assert intent.DestOutputProfile.read_bytes() == shipped and intent.DestOutputProfile.N == 3
        assert pdf.Root.Lang == "zh-CN" and pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    # every stream ends with an end-of-line before endstream, and Length counts exactly the data
    data = files["nine"].read_bytes()
    for m in re.finditer(rb"/Length (\d+)[^>]*>>\nstream\n", data):
        end = m.end() + int(m.group(1))
        assert data[end : end + 10] == b"\nendstream", m.start()


# ---- fonts ---------------------------------------------------------------------------------------
def test_one_cid_font_per_face_and_every_code_has_unicode_width_and_glyph(bundled, files):
    assert bundled.problems == []
    names = [f["name"] for f in bundled._fonts.values()]
    assert sorted(n.split("+")[1] for n in names) == ["NotoSansSC-Regular", "NotoSerifSC-Bold", "NotoSerifSC-Regular"]
    for key, font in bundled._fonts.items():
        used = bundled.codes_used[key]
        assert set(font["unicode"]) == used  # nothing mapped that is never drawn, nothing drawn unmapped
        chars = list(font["unicode"].values())
        assert len(set(chars)) == len(chars)  # one code per character: extraction is one-to-one
    rows = subprocess.run(["pdffonts", str(files["bundled"])], capture_output=True, text=True).stdout.splitlines()[2:]
    assert len(rows) == 3 and all("CID TrueType" in r and "Identity-H" in r and r.split()[-3] == "yes" for r in rows)


def test_text_survives_a_ghostscript_rewrite(files, tmp_path):
    gs = require_tool("gs")  # Debian ghostscript: the rewrite archive ingest tools do
    rewritten = tmp_path / "gs.pdf"
    subprocess.run(
        [
            gs,
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-dSAFER",
            "-sDEVICE=pdfwrite",
            f"-sOutputFile={rewritten}",
            str(files["bundled"]),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert rewritten.read_bytes() != files["bundled"].read_bytes()

    def han(path):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        return Counter(c for c in text if "\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f")

    before, after = han(files["bundled"]), han(rewritten)
    assert sum(before.values()) > 20000
    assert after == before  # 100% of the Han characters, each as often
    assert after["埇"] == 19


# ---- tagging -------------------------------------------------------------------------------------
def test_structure_tree_holds_every_line_once_in_published_order(bundled, bundled_doc):
    check_coverage(bundled)
    check_table(bundled, bundled_doc)
    check_artifacts(bundled, bundled_doc)
    kinds = [k.kind for k in bundled.root.children()]
    assert kinds == ["P", "H1", "Table"]  # 附件1, the title, the table
    assert bundled.text(bundled.root.children()[0]) == "附件1"
    assert sum(bundled.text(bundled.root).count(c) for c in "埇") == 19


@pytest.mark.parametrize("name", ["nine", "unit"])
def test_parts_are_tagged_the_same_way(files, name):
    doc = load_data(None)
    from exporter.ops.select import select

    part = select(doc, ["九"]) if name == "nine" else select(doc, [], unit="市生态环境局")
    tagged = Tagged(files[name])
    check_coverage(tagged)
    check_table(tagged, part)
    check_artifacts(tagged, part)


def test_a_task_across_pages_is_one_row_of_the_one_table(tmp_path):
    doc = long_document()
    path = tmp_path / "long.pdf"
    path.write_bytes(render(doc, templates.load()))
    tagged = Tagged(path)
    assert len(tagged.pdf.pages) >= 3
    check_coverage(tagged)
    check_table(tagged, doc)
    check_artifacts(tagged, doc)
    # the continued task's cells gather their lines from every page it is on
    row = tagged.root.children("Table")[0].children("TBody")[0].children()[3]
    pages = {k[0] for p in row.children()[2].children() for k in p.kids if not isinstance(k, Element)}
    assert pages == set(range(len(tagged.pdf.pages)))
    assert [t for _, t in tagged.artifacts if t.endswith(CONTINUED) or t == CONTINUED]


def test_pdfinfo_shows_the_table_with_its_text(files, bundled_doc):
    out = subprocess.run(["pdfinfo", "-struct-text", str(files["nine"])], capture_output=True, text=True)
    assert out.returncode == 0 and "Warning" not in out.stderr, out.stderr
    text = out.stdout
    for kind in ("Document", "H1", "Table", "THead", "TBody", "TR", "TH", "TD"):
        assert re.search(rf"^\s*{kind}\b", text, re.M), kind
    task = next(t for t in bundled_doc.all_tasks() if t.number == 86)
    assert f'"{task.task}"' in text and '"86"' in text
