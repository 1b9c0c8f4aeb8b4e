"""Word: the table as an editable .docx 公文 attachment, for Word and WPS 文字.

Landscape A4, "附件N" and the title, then one real table: the header row repeats on every page, section
and subsection rows span the row, completion paragraphs and units are paragraphs of their cells. Fonts
are named (not embedded) in every slot, East Asian included; page numbers "— N —" sit right on odd and
left on even pages. python-docx makes the package; the body is written as WordprocessingML (wordml.py).
"""
from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree
from lxml.etree import SubElement

from exporter.formats.docx import package
from exporter.formats.docx.style import Column, DocxStyle, Font, load_style
from exporter.formats.docx.wordml import (
    JC, TC, TCPR, TCW, TR, TRPR, TYPE, VALIGN, W_, child, new_paragraph, new_table, page_field, paragraph,
    run_fonts, spacing, text_runs,
)
from exporter.model import LIST_FIELDS, Document, Task, unit_line
from exporter.text.width import wrapped_lines
from exporter.timestamps import document_time

SUBJECT = "重点工作任务完成情况"

# Paragraph styles (id, name shown in Word, font role, alignment, keep with next row).
STYLES = (
    ("AttachmentLabel", "附件标注", "attachment", "left", False),
    ("DocTitle", "附件标题", "title", "center", False),
    ("Preamble", "说明", "preamble", "both", False),
    ("UnitLine", "本单位说明", "preamble", "center", False),
    ("TableHeader", "表头", "header", "center", False),
    ("TableSection", "表格部分", "section", "left", True),
    ("TableSubsection", "表格小标题", "subsection", "left", True),
    ("TableCenter", "表格正文居中", "body", "center", False),
    ("PageNumber", "页码", "page_number", "center", False),
)
ALIGN_STYLE = {"center": "TableCenter"}  # left (justified) cells use Normal, the body style itself


def cell_texts(task: Task, column: Column) -> list[str]:
    """The paragraphs of one task's cell: lists one paragraph per entry (units one per line)."""
    field = column.field
    if field == "number":
        return [str(task.number)]
    if field in LIST_FIELDS:
        return list(getattr(task, field))
    if field == "extra" or not hasattr(task, field):
        return [task.extra.get(column.label, "")]  # other columns are kept by their label
    return [str(getattr(task, field))]


def render(doc: Document, template: dict, *, progress=None, attachment=None, **options) -> bytes:
    """The document as .docx bytes, identical for identical input (dated by exporter.timestamps)."""
    style = load_style(template)
    columns = style.columns(doc.columns)
    word = WordDocument()
    package.prune(word)
    _settings(word)
    _styles(word, style)
    _page(word, style)
    _footers(word, style)
    _body(word, doc, style, columns, attachment, progress)
    when = document_time(doc)
    _properties(word, doc, when)
    buffer = io.BytesIO()
    word.save(buffer)
    return package.repack(buffer.getvalue(), {"docProps/app.xml": package.app_properties(doc.issuer),
                                              "word/fontTable.xml": _font_table(style)}, when)


# ---------------------------------------------------------------------------------------------
# Package-wide settings
def _settings(word) -> None:
    settings = word.settings
    settings.odd_and_even_pages_header_footer = True
    el = settings.element
    for tag in ("w:savePreviewPicture",):
        for found in el.findall(qn(tag)):
            el.remove(found)
    lang = el.find(qn("w:themeFontLang"))
    if lang is not None:  # the template says ja-JP: Japanese glyph forms for Chinese text
        lang.set(qn("w:eastAsia"), "zh-CN")


def _style_props(style_el, font: Font, align: str | None, keep_next: bool, after: float | None = None) -> None:
    ppr = child(style_el, "pPr")
    if keep_next:
        child(ppr, "keepNext")
    child(ppr, "widowControl")  # a paragraph split at a page end leaves two lines on each side
    spacing(ppr, font, after)
    if font.indent:
        child(ppr, "ind", firstLine=round(font.indent * 20))
    if align:
        child(ppr, "jc", val=align)
    run_fonts(child(style_el, "rPr"), font)


def _styles(word, style: DocxStyle) -> None:
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for el in list(rpr):
        rpr.remove(el)
    run_fonts(rpr, style.fonts["body"])
    child(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for el in list(ppr):
        ppr.remove(el)
    child(ppr, "spacing", after=0, line=240, lineRule="auto")
    # Normal is the table's body text: most paragraphs then need no properties of their own.
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    for el in normal.findall(qn("w:pPr")) + normal.findall(qn("w:rPr")):
        normal.remove(el)
    _style_props(normal, style.fonts["body"], "both", False)
    for style_id, name, role, align, keep_next in STYLES:
        el = child(styles, "style", type="paragraph", styleId=style_id)
        child(el, "name", val=name)
        child(el, "basedOn", val="Normal")
        child(el, "qFormat")
        font = style.fonts[role]
        after = style.grid if style_id == "AttachmentLabel" else None
        if style_id == "AttachmentLabel":
            font = Font(font.name, font.size, style.grid, font.bold)
        if style_id in ("UnitLine", "TableHeader", "TableCenter"):
            font = Font(font.name, font.size, font.leading, font.bold, 0.0, font.space_after)
        if style_id == "PageNumber":
            font = Font(font.name, font.size, font.size * 1.2, font.bold)
        _style_props(el, font, align, keep_next, after)


def _font_table(style: DocxStyle):
    """A function adding our fonts to word/fontTable.xml as Chinese (GB2312 charset) fonts, so that where
    one is missing Word and WPS substitute a Chinese font rather than a Latin one."""

    def amend(raw: bytes) -> bytes:
        root = etree.fromstring(raw)
        known = {el.get(qn("w:name")) for el in root.findall(qn("w:font"))}
        for name in dict.fromkeys(f.name for f in style.fonts.values()):
            if name not in known:
                font = child(root, "font", name=name)
                child(font, "charset", val="86")
                child(font, "family", val="auto")
                child(font, "pitch", val="variable")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return amend


def _page(word, style: DocxStyle) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if style.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(style.page_width), Twips(style.page_height)
    m = style.margins
    section.top_margin, section.bottom_margin = Twips(m["top"]), Twips(m["bottom"])
    section.left_margin, section.right_margin = Twips(m["left"]), Twips(m["right"])
    section.gutter = Twips(0)
    number = style.fonts["page_number"]
    # GB/T 9704: the number's line begins `below` under the text block.
    section.footer_distance = Twips(max(0, m["bottom"] - style.number_below - round(number.size * 1.2 * 20)))
    section.header_distance = Twips(min(m["top"] // 2, 851))


def _footers(word, style: DocxStyle) -> None:
    """"— N —" one character in from the outer edge: right on odd pages, left on even pages."""
    section = word.sections[0]
    before, after = style.number_format.split("{n}")
    indent = round(style.fonts["page_number"].size * 20)
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        ftr = footer._element
        for el in list(ftr):
            ftr.remove(el)
        p = SubElement(ftr, qn("w:p"))
        ppr = child(p, "pPr")
        child(ppr, "pStyle", val="PageNumber")
        child(ppr, "ind", **{side: indent})
        child(ppr, "jc", val=side)
        page_field(p, before, after)


def _properties(word, doc: Document, when) -> None:
    props = word.core_properties
    props.title = doc.title
    numbers = [t.number for t in doc.all_tasks()]
    props.subject = f"{SUBJECT}（任务 {min(numbers)}–{max(numbers)}，共 {len(numbers)} 项）" if numbers else SUBJECT
    props.author = doc.issuer
    props.last_modified_by = doc.issuer
    props.category = str(doc.meta.get("category", ""))
    props.comments = ""
    props.keywords = ""
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = when


# ---------------------------------------------------------------------------------------------
# The body: front matter and the table
def _body(word, doc: Document, style: DocxStyle, columns: list[Column], attachment, progress) -> None:
    body = word.element.body
    anchor = body.sectPr

    def add(el):
        anchor.addprevious(el)
        return el

    def front(text: str, style_id: str) -> None:
        p = add(new_paragraph())
        child(child(p, "pPr"), "pStyle", val=style_id)
        text_runs(p, text, "标题")

    if attachment is not None:
        front(style.labels["attachment"] + str(attachment), "AttachmentLabel")
    if doc.title:
        front(doc.title, "DocTitle")
    line = unit_line(doc)
    if line:  # a unit's own part says which tasks it leads and which it co-leads
        front(line, "UnitLine")
    preamble = doc.meta.get("preamble") or []
    for text in [preamble] if isinstance(preamble, str) else preamble:
        front(str(text), "Preamble")
    _Table(style, columns, add(new_table())).write(doc, progress)
    # Word needs a paragraph between a table and the section's end; keep it one point high.
    tail = add(new_paragraph())
    ppr = child(tail, "pPr")
    child(ppr, "spacing", before=0, after=0, line=20, lineRule="exact")


class _Table:
    def __init__(self, style: DocxStyle, columns: list[Column], tbl):
        self.style, self.columns, self.tbl = style, columns, tbl
        body = style.fonts["body"]
        # A row no taller than this is kept whole; see docx.table.keep_whole.
        self.keep_whole = style.keep_whole * style.block_height / 20
        # Half-width characters per line of each column, for the row height estimate.
        self.capacity = [max(1.0, (c.width - 2 * style.pad_x) / 20 / (body.size / 2)) for c in columns]
        self.line = body.leading
        self.padding = 2 * style.pad_y / 20

    def write(self, doc: Document, progress) -> None:
        self.properties()
        self.header()
        tasks = len(doc.all_tasks())
        done = 0
        for kind, item in doc.rows():
            if kind == "task":
                self.task(item)
                done += 1
                if progress and (done % 200 == 0 or done == tasks):
                    progress(done, tasks)
            else:
                self.heading(kind, item.heading)

    def properties(self) -> None:
        s = self.style
        tblpr = child(self.tbl, "tblPr")
        child(tblpr, "tblW", w=s.block_width, type="dxa")
        child(tblpr, "jc", val="center")
        borders = child(tblpr, "tblBorders")
        for edge, size in (("top", s.frame_rule), ("left", s.frame_rule), ("bottom", s.frame_rule),
                           ("right", s.frame_rule), ("insideH", s.inner_rule), ("insideV", s.inner_rule)):
            child(borders, edge, val="single", sz=size, space=0, color="000000")
        child(tblpr, "tblLayout", type="fixed")  # the widths below, not Word's guess from the text
        margins = child(tblpr, "tblCellMar")
        for edge, size in (("top", s.pad_y), ("left", s.pad_x), ("bottom", s.pad_y), ("right", s.pad_x)):
            child(margins, edge, w=size, type="dxa")
        child(tblpr, "tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0",
              noHBand="1", noVBand="1")
        grid = child(self.tbl, "tblGrid")
        for col in self.columns:
            child(grid, "gridCol", w=col.width)

    def row(self, keep_whole: bool, header: bool = False):
        tr = SubElement(self.tbl, TR)
        if keep_whole or header:
            trpr = SubElement(tr, TRPR)
            if keep_whole:
                child(trpr, "cantSplit")
            if header:
                child(trpr, "tblHeader")  # repeated at the top of every page
        return tr

    def cell(self, tr, width: int, *, span: int = 1, shade: str | None = None, valign: str = "top"):
        tc = SubElement(tr, TC)
        tcpr = SubElement(tc, TCPR)
        w = SubElement(tcpr, TCW)
        w.set(W_, str(width))
        w.set(TYPE, "dxa")
        if span > 1:
            child(tcpr, "gridSpan", val=span)
        if shade:
            child(tcpr, "shd", val="clear", color="auto", fill=shade)
        if valign != "top":
            child(tcpr, "vAlign", val=VALIGN[valign])
        return tc

    def header(self) -> None:
        tr = self.row(True, header=True)
        for col in self.columns:
            tc = self.cell(tr, col.width, shade=self.style.header_shade, valign="middle")
            paragraph(tc, col.label, "TableHeader", "表头")

    def heading(self, kind: str, text: str) -> None:
        tr = self.row(True)
        shade = self.style.section_shade if kind == "section" else None
        tc = self.cell(tr, self.style.block_width, span=len(self.columns), shade=shade)
        paragraph(tc, text, "TableSection" if kind == "section" else "TableSubsection", f"“{text}”")

    def task(self, task: Task) -> None:
        cells = [cell_texts(task, col) for col in self.columns]
        lines = max(sum(wrapped_lines(t, cap) for t in texts) or 1 for texts, cap in zip(cells, self.capacity))
        tr = self.row(lines * self.line + self.padding <= self.keep_whole)
        where = f"任务 {task.number} "
        for col, texts in zip(self.columns, cells):
            tc = self.cell(tr, col.width, valign=col.valign)
            style_id = ALIGN_STYLE.get(col.align)
            jc = JC["right"] if col.align == "right" else None
            for text in texts or [""]:
                paragraph(tc, text, style_id, where, jc)
