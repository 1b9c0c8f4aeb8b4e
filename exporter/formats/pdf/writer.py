"""PDF: the original numbered table typeset as a 公文 attachment (GB/T 9704), every font embedded.

Layout is our own (exporter.formats.pdf.layout) and drawing goes straight to the canvas: a platypus Table is
far too slow for 10,000 tasks and splits tall rows badly.
"""
from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from exporter.formats.pdf.coverage import check_glyphs
from exporter.formats.pdf.draw import PageWriter
from exporter.formats.pdf.fonts import FontBook
from exporter.formats.pdf.layout import Layout
from exporter.formats.pdf.style import load_style
from exporter.model import Document, file_title, number_list
from exporter.templates import parsed
from exporter.timestamps import document_time, pdf_date

SUBJECT = "重点工作任务完成情况"


def subject(doc: Document) -> str:
    numbers = [t.number for t in doc.all_tasks()]
    if not numbers:
        return SUBJECT
    return f"{SUBJECT}（任务 {number_list(numbers)}，共 {len(numbers)} 项）"


def render(doc: Document, template: dict, *, progress=None, attachment=None, **options) -> bytes:
    """The document as PDF bytes. `attachment` ("1", "" …) adds the 附件 label on page 1.

    Raises TemplateError for a bad template or font, RenderError for characters no font can draw.
    """
    when = document_time(doc)
    style = parsed(template, load_style)
    layout = Layout(style, FontBook(template, style.fallback))
    check_glyphs(doc, layout, attachment)

    # Binary streams: ASCII85 makes the file a quarter larger and, without reportlab's C
    # accelerator, costs more time than all the layout. The setting is global, so restore it.
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return _draw(doc, style, layout, attachment, progress, when)
    finally:
        rl_config.useA85 = saved


def _count_outline_entries(canvas: Canvas) -> None:
    """reportlab sets the outline root's /Count after numbering its sub-lists with the same counter, so
    it says 52 for 42 entries; ISO 32000 wants the number of visible entries. Recount after prepare."""
    outlines = canvas._doc.Outlines
    prepare = outlines.prepare

    def prepare_and_count(document, canvas):
        prepare(document, canvas)
        if outlines.ready > 0:
            outlines.count = pdfdoc.count(outlines.mydestinations, outlines.closedict)

    outlines.prepare = prepare_and_count


def _draw(doc: Document, style, layout: Layout, attachment, progress, when) -> bytes:
    out = io.BytesIO()
    body = layout.chains["body"].primary.name
    canvas = Canvas(out, pagesize=(style.page_width, style.page_height), invariant=1, pageCompression=1,
                    initialFontName=body, initialFontSize=style.body.size, lang="zh-CN")
    canvas.setTitle(file_title(doc))
    canvas.setAuthor(doc.issuer)
    canvas.setSubject(subject(doc))
    canvas.setCreator("exporter")
    canvas.setProducer("exporter")
    # invariant=1 fixes the ID and would date every file 2000-01-01; the Info dates follow the document.
    stamp = pdf_date(when)
    canvas.setDateFormatter(lambda *_: stamp)
    writer = PageWriter(canvas)
    for page in layout.pages(doc, attachment=attachment, progress=progress):
        writer.draw(page)
        canvas.showPage()
    if writer.bookmarks:
        canvas.showOutline()
        _count_outline_entries(canvas)
    canvas.save()
    return out.getvalue()
