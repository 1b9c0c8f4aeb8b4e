"""PDF: the original numbered table typeset as a 公文 attachment (GB/T 9704), every font embedded.

Layout is our own (exporter.formats.pdf.layout), and so is the file: a small object writer
(objects.py) with CID-keyed fonts (cidfont.py), the structure tree of a tagged PDF (tags.py) and the
PDF/A metadata and output intent (pdfa.py); fonts are read and subset by exporter.formats.fontface
and exporter.formats.fontfile (shared with OFD). reportlab is not imported.
A platypus Table would be far too slow for 10,000 tasks and splits tall rows badly.
"""

from __future__ import annotations

from exporter import PRODUCER
from exporter.formats.pdf import pdfa
from exporter.formats.pdf.coverage import check_glyphs
from exporter.formats.pdf.draw import PageWriter
from exporter.formats.pdf.fonts import FontBook
from exporter.formats.pdf.layout import BOOKMARK_ABOVE, Layout
from exporter.formats.pdf.objects import Name, PdfFile, Ref, fp_str
from exporter.formats.pdf.style import load_style
from exporter.formats.pdf.tags import Node, write_tree
from exporter.model import Document, file_subject, file_title
from exporter.templates import parsed
from exporter.timestamps import document_time


def document_info(doc: Document) -> pdfa.Info:
    return pdfa.Info(
        title=file_title(doc),
        author=doc.issuer,
        subject=file_subject(doc),
        keywords=str(doc.meta.get("category") or ""),
        creator=PRODUCER,
        producer=PRODUCER,
        when=document_time(doc),
    )


def render(doc: Document, template: dict, *, progress=None, attachment=None, **options) -> bytes:
    """The document as PDF/A-2a bytes. `attachment` ("1", "" …) adds the 附件 label on page 1.

    Raises TemplateError for a bad template or font, RenderError for characters no font can draw.
    """
    style = parsed(template, load_style)
    layout = Layout(style, FontBook(template, style.fallback))
    check_glyphs(doc, layout, attachment)

    pdf = PdfFile()
    catalog, pages_ref, resources = pdf.reserve(), pdf.reserve(), pdf.reserve()
    media = f"[0 0 {fp_str(style.page_width)} {fp_str(style.page_height)}]"
    root = Node("Document")
    writer = PageWriter(pdf)
    pages: list[Ref] = []
    owners: list[list[Node]] = []
    marks: list[tuple[str, int, int, float]] = []  # outline: title, level, page index, y
    for page in layout.pages(doc, attachment=attachment, progress=progress, root=root):
        index = len(pages)
        content, marked = writer.draw(page, index)
        contents = pdf.stream(content)
        pages.append(
            pdf.add(
                f"<</Type /Page /Parent {pages_ref} 0 R /MediaBox {media} /Resources {resources} 0 R "
                f"/Contents {contents} 0 R /StructParents {index}>>"
            )
        )
        owners.append(marked)
        marks += [(title, level, index, y) for title, level, y in page.bookmarks]
    pdf.add(f"<</Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in pages)}] /Count {len(pages)}>>", ref=pages_ref)
    pdf.add({"Font": writer.write_fonts()}, ref=resources)

    info = document_info(doc)
    entries = {
        "Type": Name("Catalog"),
        "Pages": pages_ref,
        "Metadata": pdfa.write_metadata(pdf, info),
        "OutputIntents": [pdfa.write_output_intent(pdf)],
        "StructTreeRoot": write_tree(pdf, root, pages, owners),
        "MarkInfo": {"Marked": True},
        "Lang": pdfa.LANGUAGE,
        "ViewerPreferences": {"DisplayDocTitle": True},
    }
    if marks:
        entries["Outlines"] = _write_outline(pdf, marks, pages)
        entries["PageMode"] = Name("UseOutlines")
    pdf.add(entries, ref=catalog)
    return pdf.finish(catalog, pdf.add(info.dictionary()))


def _write_outline(pdf: PdfFile, marks, pages: list[Ref]) -> Ref:
    """Bookmarks, all open: level-1 entries nest under the level-0 entry before them."""
    top: dict = {"kids": []}
    last: dict | None = None
    for title, level, page, y in marks:
        item = {"title": title, "dest": (page, y), "kids": []}
        parent = last if level > 0 and last is not None else top
        parent["kids"].append(item)
        if level == 0 or last is None:
            last = item

    def count(item) -> int:
        return sum(1 + count(k) for k in item["kids"])

    def assign(item):
        item["ref"] = pdf.reserve()
        for kid in item["kids"]:
            assign(kid)

    assign(top)

    def write(item, parent):
        kids = item["kids"]
        for i, kid in enumerate(kids):
            page, y = kid["dest"]
            entries = {
                "Title": kid["title"],
                "Parent": parent["ref"],
                "Dest": [pages[page], Name("XYZ"), 0, y + BOOKMARK_ABOVE, 0],
            }
            if i > 0:
                entries["Prev"] = kids[i - 1]["ref"]
            if i + 1 < len(kids):
                entries["Next"] = kids[i + 1]["ref"]
            if kid["kids"]:
                entries.update(First=kid["kids"][0]["ref"], Last=kid["kids"][-1]["ref"], Count=count(kid))
            pdf.add(entries, ref=kid["ref"])
            write(kid, kid)

    write(top, top)
    entries = {"Type": Name("Outlines"), "Count": count(top)}
    if top["kids"]:
        entries.update(First=top["kids"][0]["ref"], Last=top["kids"][-1]["ref"])
    return pdf.add(entries, ref=top["ref"])
