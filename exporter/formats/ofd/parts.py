"""The OFD package's fixed parts: OFD.xml (entry and DocInfo), Document.xml and PublicRes.xml.

Paths inside the package (GB/T 33190-2016 §7): OFD.xml at the root points to Doc_0/Document.xml;
pages, resources and fonts are named relative to the file that refers to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exporter.formats.ofd.xml import HEAD, NS, attr, num, text

DOC_ROOT = "Doc_0/Document.xml"
PUBLIC_RES = "PublicRes.xml"  # relative to Document.xml
RES_BASE = "Res"  # the resources' files, relative to PublicRes.xml


def page_path(index: int) -> str:
    """A page's Content.xml, relative to Document.xml."""
    return f"Pages/Page_{index}/Content.xml"


def font_path(font_id: int) -> str:
    """A font file, relative to the resource folder."""
    return f"font_{font_id}.ttf"


@dataclass
class Info:
    doc_id: str
    title: str
    author: str
    subject: str
    date: str  # xs:date
    creator: str
    creator_version: str


@dataclass
class FontEntry:
    id: int
    name: str  # PostScript name
    family: str
    bold: bool
    file: str


@dataclass
class Outline:
    title: str
    page_id: int
    top: float  # mm from the top of the page
    children: list[Outline] = field(default_factory=list)


def ofd_xml(info: Info) -> str:
    parts = [f"<ofd:DocID>{info.doc_id}</ofd:DocID>"]
    if info.title:
        parts.append(f"<ofd:Title>{text(info.title)}</ofd:Title>")
    if info.author:
        parts.append(f"<ofd:Author>{text(info.author)}</ofd:Author>")
    if info.subject:
        parts.append(f"<ofd:Subject>{text(info.subject)}</ofd:Subject>")
    parts += [
        f"<ofd:CreationDate>{info.date}</ofd:CreationDate>",
        f"<ofd:ModDate>{info.date}</ofd:ModDate>",
        f"<ofd:Creator>{text(info.creator)}</ofd:Creator>",
        f"<ofd:CreatorVersion>{text(info.creator_version)}</ofd:CreatorVersion>",
    ]
    return (
        f'{HEAD}<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        f"<ofd:DocInfo>{''.join(parts)}</ofd:DocInfo><ofd:DocRoot>{DOC_ROOT}</ofd:DocRoot>"
        "</ofd:DocBody></ofd:OFD>"
    )


def document_xml(max_id: int, width: float, height: float, page_ids: list[int], outlines: list[Outline]) -> str:
    """Document.xml: page size (mm), resources, pages in order, the outline."""
    box = f"0 0 {num(width)} {num(height)}"
    out = [
        f'{HEAD}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>{box}</ofd:PhysicalBox><ofd:ApplicationBox>{box}</ofd:ApplicationBox>"
        f"</ofd:PageArea><ofd:PublicRes>{PUBLIC_RES}</ofd:PublicRes></ofd:CommonData><ofd:Pages>"
    ]
    out += [f'<ofd:Page ID="{pid}" BaseLoc="{page_path(i)}"/>' for i, pid in enumerate(page_ids)]
    out.append("</ofd:Pages>")
    if outlines:
        out.append("<ofd:Outlines>")
        out += [_outline(o) for o in outlines]
        out.append("</ofd:Outlines>")
    out.append("</ofd:Document>")
    return "".join(out)


def _outline(entry: Outline) -> str:
    # Top is kept, Left 0, as the PDF's outline entries do.
    action = (
        f'<ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" PageID="{entry.page_id}" '
        f'Left="0" Top="{num(entry.top)}"/></ofd:Goto></ofd:Action></ofd:Actions>'
    )
    children = "".join(_outline(c) for c in entry.children)
    return f'<ofd:OutlineElem Title="{attr(entry.title)}">{action}{children}</ofd:OutlineElem>'


def res_xml(fonts: list[FontEntry]) -> str:
    out = [f'{HEAD}<ofd:Res xmlns:ofd="{NS}" BaseLoc="{RES_BASE}">']
    if fonts:
        out.append("<ofd:Fonts>")
        for f in fonts:
            bold = ' Bold="true"' if f.bold else ""
            out.append(
                f'<ofd:Font ID="{f.id}" FontName="{attr(f.name)}" FamilyName="{attr(f.family)}"{bold}>'
                f"<ofd:FontFile>{f.file}</ofd:FontFile></ofd:Font>"
            )
        out.append("</ofd:Fonts>")
    out.append("</ofd:Res>")
    return "".join(out)
