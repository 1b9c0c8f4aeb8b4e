"""Word: the table as an editable .docx 公文 attachment, for Word and WPS 文字.

Landscape A4, "附件N" and the title, then one real table: the header row repeats on every page, section
and subsection rows span the row, completion paragraphs and units are paragraphs of their cells. Fonts
are named (not embedded) in every slot, East Asian included; page numbers "— N —" sit right on odd and
left on even pages. python-docx makes the package, styles, page and properties; the table is written
as markup (wordml.py) and takes the place of an empty <w:tbl/> in the saved document.xml.
"""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from exporter import wording
from exporter.formats import zippack
from exporter.formats.docx import package, wordml
from exporter.formats.docx.style import Column, DocxStyle, Font, load_style
from exporter.model import LIST_FIELDS, Document, Task, file_subject, file_title, unit_line
from exporter.templates import parsed
from exporter.text.width import line_capacity, wrapped_lines
from exporter.timestamps import document_time

DOCUMENT_PART = "word/document.xml"
PLACEHOLDER = b"<w:tbl/>"

# Paragraph styles: id, name shown in Word, font role, alignment, keep with the next row.
STYLES = tuple(
    (style_id, wording.DOCX_STYLE_NAMES[style_id], role, align, keep)
    for style_id, role, align, keep in (
        ("AttachmentLabel", "attachment", "left", False),
        ("DocTitle", "title", "center", False),
        ("Preamble", "preamble", "both", False),
        ("UnitLine", "preamble", "center", False),
        ("TableHeader", "header", "center", False),
        ("TableSection", "section", "left", True),
        ("TableSubsection", "subsection", "left", True),
        ("TableCenter", "body", "center", False),
        ("PageNumber", "page_number", "center", False),
    )
)
ROLE = {style_id: role for style_id, _, role, _, _ in STYLES}
# Body cells: left-aligned ones use Normal (the body style itself, justified), so most need no pPr.
CELL_PPR = {"left": "", "center": wordml.style_ppr("TableCenter"), "right": '<w:pPr><w:jc w:val="right"/></w:pPr>'}


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
    style = parsed(template, load_style)
    columns = style.columns(doc.columns)
    table = _Table(style, columns).markup(doc, progress)
    word = WordDocument()
    package.prune(word)
    _settings(word)
    _styles(word, style)
    _page(word, style)
    _footers(word, style)
    _front(word, doc, style, attachment)
    when = document_time(doc)
    _properties(word, doc, when)
    buffer = io.BytesIO()
    word.save(buffer)

    def with_table(raw: bytes) -> bytes:
        if raw.count(PLACEHOLDER) != 1:
            raise RuntimeError("document.xml should hold exactly one table placeholder")
        return raw.replace(PLACEHOLDER, table)

    return zippack.repack(
        buffer.getvalue(),
        {
            DOCUMENT_PART: with_table,
            "docProps/app.xml": package.app_properties(doc.issuer),
            "word/fontTable.xml": _font_table(style),
        },
        when,
    )


# ---------------------------------------------------------------------------------------------
# Package-wide settings
def _settings(word) -> None:
    settings = word.settings
    settings.odd_and_even_pages_header_footer = True
    el = settings.element
    for found in el.findall(qn("w:savePreviewPicture")):  # the thumbnail is dropped
        el.remove(found)
    lang = el.find(qn("w:themeFontLang"))
    if lang is not None:  # the template says ja-JP: Japanese glyph forms for Chinese text
        lang.set(qn("w:eastAsia"), "zh-CN")


def _style_xml(style_id: str, name: str, font: Font, align: str, keep_next: bool, after: float | None = None) -> str:
    """A paragraph style based on Normal (Normal itself is the default style, based on nothing)."""
    keep = "<w:keepNext/>" if keep_next else ""
    indent = f'<w:ind w:firstLine="{round(font.indent * 20)}"/>' if font.indent else ""
    # widowControl: a paragraph split at a page end leaves two lines on each side
    ppr = f'<w:pPr>{keep}<w:widowControl/>{wordml.spacing(font, after)}{indent}<w:jc w:val="{align}"/></w:pPr>'
    if style_id == "Normal":
        head = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    else:
        head = f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
    return f"{head}<w:qFormat/>{ppr}{wordml.run_properties(font)}</w:style>"


def _styles(word, style: DocxStyle) -> None:
    styles = word.styles.element
    body = style.fonts["body"]
    defaults = styles.find(qn("w:docDefaults"))
    chinese = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    defaults.getparent().replace(
        defaults,
        wordml.element(
            f"<w:docDefaults><w:rPrDefault>{wordml.run_properties(body, chinese)}</w:rPrDefault>"
            '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            "</w:docDefaults>"
        ),
    )
    # Normal is the table's body text.
    normal = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    styles.replace(normal, wordml.element(_style_xml("Normal", "Normal", body, "both", False)))
    for style_id, name, role, align, keep_next in STYLES:
        font, after = style.fonts[role], None
        if style_id == "AttachmentLabel":  # on the first grid line, the title on the third
            font, after = replace(font, leading=style.grid, indent=0.0, space_after=0.0), style.grid
        elif style_id in ("UnitLine", "TableHeader", "TableCenter"):
            font = replace(font, indent=0.0)
        elif style_id == "PageNumber":
            font = replace(font, indent=0.0, space_after=0.0)
        styles.append(wordml.element(_style_xml(style_id, name, font, align, keep_next, after)))


def _font_table(style: DocxStyle):
    """A function adding our fonts to word/fontTable.xml as Chinese (GB2312 charset) fonts, so that where
    one is missing Word and WPS substitute a Chinese font rather than a Latin one."""

    def amend(raw: bytes) -> bytes:
        root = etree.fromstring(raw)
        known = {el.get(qn("w:name")) for el in root.findall(qn("w:font"))}
        names = [n for f in style.fonts.values() for n in (f.name, f.fallback) if n]
        for name in dict.fromkeys(names):
            if name not in known:
                root.append(
                    wordml.element(
                        f'<w:font w:name="{wordml.escape(name)}"><w:charset w:val="86"/>'
                        '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
                    )
                )
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
    section.footer_distance = Twips(max(0, m["bottom"] - style.number_below - round(number.leading * 20)))
    section.header_distance = Twips(min(m["top"] // 2, 851))


def _footers(word, style: DocxStyle) -> None:
    """ "— N —" one character in from the outer edge: right on odd pages, left on even pages."""
    section = word.sections[0]
    indent = round(style.fonts["page_number"].size * 20)
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        ftr = footer._element
        for el in list(ftr):
            ftr.remove(el)
        ftr.append(wordml.element(wordml.page_number(style.number_text, "PageNumber", side, indent)))


def _front(word, doc: Document, style: DocxStyle, attachment) -> None:
    """附件N, the title, a unit part's own line and the preamble, then the table's placeholder."""
    body = word.element.body
    anchor = body.sectPr
    front = []
    if attachment is not None:
        front.append((style.attachment_label + str(attachment), "AttachmentLabel"))
    if doc.title:
        front.append((doc.title, "DocTitle"))
    line = unit_line(doc)
    if line:  # a unit's own part says which tasks it leads and which it co-leads
        front.append((line, "UnitLine"))
    preamble = doc.meta.get("preamble") or []
    front += [(str(text), "Preamble") for text in ([preamble] if isinstance(preamble, str) else preamble)]
    for text, style_id in front:
        wordml.check(text, wording.DOCX_WHERE_FRONT)
        font = style.fonts[ROLE[style_id]]
        anchor.addprevious(wordml.element(wordml.paragraph(text, wordml.style_ppr(style_id), font)))
    anchor.addprevious(wordml.element("<w:tbl/>"))
    # Word needs a paragraph between a table and the section's end; keep it one point high.
    anchor.addprevious(
        wordml.element('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>')
    )


def _properties(word, doc: Document, when) -> None:
    props = word.core_properties
    props.title = file_title(doc)  # a unit's part names the unit
    props.subject = file_subject(doc)
    props.author = doc.issuer
    props.last_modified_by = doc.issuer
    props.category = str(doc.meta.get("category", ""))
    props.comments = ""
    props.keywords = ""
    props.language = "zh-CN"
    props.revision = 1
    props.created = props.modified = when


# ---------------------------------------------------------------------------------------------
# The table
class _Table:
    def __init__(self, style: DocxStyle, columns: list[Column]):
        self.style, self.columns = style, columns
        body = style.fonts["body"]
        # A row no taller than this is kept whole (docx.table.keep_whole), in body lines.
        self.keep_lines = (style.keep_whole * style.block_height / 20 - 2 * style.pad_y / 20) / body.leading
        # Half-width characters per line of each column, for the row height estimate.
        self.capacity = [max(2.0, (c.width - 2 * style.pad_x) / 20 / (body.size / 2)) for c in columns]
        self.cell_open = [
            f'<w:tc><w:tcPr><w:tcW w:w="{c.width}" w:type="dxa"/>'
            + (f'<w:vAlign w:val="{wordml.VALIGN[c.valign]}"/>' if c.valign != "top" else "")
            + "</w:tcPr>"
            for c in columns
        ]
        self.cell_ppr = [CELL_PPR[c.align] for c in columns]

    def markup(self, doc: Document, progress) -> bytes:
        out = [self.properties(), self.header()]
        tasks = len(doc.all_tasks())
        done = 0
        for kind, item in doc.rows():
            if kind == "task":
                out.append(self.task(item))
                done += 1
                if progress and (done % 200 == 0 or done == tasks):
                    progress(done, tasks)
            else:
                out.append(self.heading(kind, item.heading))
        out.append("</w:tbl>")
        return "".join(out).encode("utf-8")

    def properties(self) -> str:
        s = self.style
        borders = "".join(
            f'<w:{edge} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'
            for edge, size in (
                ("top", s.frame_rule),
                ("left", s.frame_rule),
                ("bottom", s.frame_rule),
                ("right", s.frame_rule),
                ("insideH", s.inner_rule),
                ("insideV", s.inner_rule),
            )
        )
        margins = "".join(
            f'<w:{edge} w:w="{size}" w:type="dxa"/>'
            for edge, size in (("top", s.pad_y), ("left", s.pad_x), ("bottom", s.pad_y), ("right", s.pad_x))
        )
        grid = "".join(f'<w:gridCol w:w="{c.width}"/>' for c in self.columns)
        # tblLayout fixed: the widths below, not Word's guess from the text
        return (
            f'<w:tbl><w:tblPr><w:tblW w:w="{s.block_width}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            f"<w:tblCellMar>{margins}</w:tblCellMar>"
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        )

    def header(self) -> str:
        """The header row, marked to repeat at the top of every page and never split."""
        shade = self._shade(self.style.header_shade)
        ppr = wordml.style_ppr("TableHeader")
        cells = []
        for col in self.columns:
            wordml.check(col.label, wording.DOCX_WHERE_HEADER)
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{col.width}" w:type="dxa"/>{shade}<w:vAlign w:val="center"/>'
                f"</w:tcPr>{wordml.paragraph(col.label, ppr, self.style.fonts['header'])}</w:tc>"
            )
        return f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{''.join(cells)}</w:tr>"

    @staticmethod
    def _shade(color: str | None) -> str:
        return f'<w:shd w:val="clear" w:color="auto" w:fill="{color}"/>' if color else ""

    def heading(self, kind: str, text: str) -> str:
        """A section or subsection row: one cell across the whole row, kept with the next row."""
        wordml.check(text, wording.DOCX_WHERE_HEADING.format(text=text))
        shade = self._shade(self.style.section_shade if kind == "section" else None)
        style_id = "TableSection" if kind == "section" else "TableSubsection"
        return (
            f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{self.style.block_width}" '
            f'w:type="dxa"/><w:gridSpan w:val="{len(self.columns)}"/>{shade}</w:tcPr>'
            f"{wordml.paragraph(text, wordml.style_ppr(style_id), self.style.fonts[kind])}</w:tc></w:tr>"
        )

    def keep_whole(self, cells: list[list[str]]) -> bool:
        """Whether the row is short enough to keep whole. A quick bound first (a character is at most two
        columns wide, plus a line per paragraph), the exact estimate only when that bound is too high."""
        limit = self.keep_lines
        if (
            max(sum(2 * len(t) / line_capacity(cap) + 1 for t in texts) for texts, cap in zip(cells, self.capacity))
            <= limit
        ):
            return True
        return max(sum(wrapped_lines(t, cap) for t in texts) for texts, cap in zip(cells, self.capacity)) <= limit

    def task(self, task: Task) -> str:
        cells = [cell_texts(task, col) for col in self.columns]
        out = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>" if self.keep_whole(cells) else "<w:tr>"]
        body = self.style.fonts["body"]
        for texts, opening, ppr in zip(cells, self.cell_open, self.cell_ppr):
            out.append(opening)
            for text in texts or [""]:
                wordml.check(text, task=task.number)
                out.append(wordml.paragraph(text, ppr, body))
            out.append("</w:tc>")
        out.append("</w:tr>")
        return "".join(out)
