"""Small WordprocessingML builders for what python-docx's API does not reach, or reaches too slowly.

python-docx sets only the Latin font slots, has no repeated header rows, rows kept whole or page-number
fields, and its cell API walks the whole table for every cell. These helpers write the elements
directly (lxml SubElement with the `w:` names resolved once); lxml escapes the text, so `<img …>` and
`&` stay literal text.
"""
from __future__ import annotations

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml.etree import SubElement

from exporter.errors import RenderError
from exporter.formats.docx.style import Font

P, PPR, PSTYLE, R, T, BR, TAB = (qn(f"w:{n}") for n in ("p", "pPr", "pStyle", "r", "t", "br", "tab"))
TR, TRPR, TC, TCPR, TCW = (qn(f"w:{n}") for n in ("tr", "trPr", "tc", "tcPr", "tcW"))
VAL, W_, TYPE = qn("w:val"), qn("w:w"), qn("w:type")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
VALIGN = {"top": "top", "middle": "center", "bottom": "bottom"}
JC = {"left": "both", "center": "center", "right": "right"}  # text cells are justified, as the PDF


def child(parent, tag: str, **attrs):
    """Append <w:tag w:key="value" …/>; attribute names are given without the w: prefix."""
    el = SubElement(parent, qn(f"w:{tag}"))
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def run_fonts(rpr, font: Font) -> None:
    """Fonts in all four slots (East Asian included), bold and size of a run or style."""
    child(rpr, "rFonts", ascii=font.name, hAnsi=font.name, eastAsia=font.name, cs=font.name)
    if font.bold:
        child(rpr, "b")
        child(rpr, "bCs")
    half_points = round(font.size * 2)
    child(rpr, "sz", val=half_points)
    child(rpr, "szCs", val=half_points)


def spacing(ppr, font: Font, after: float | None = None) -> None:
    """Exact line pitch, as 公文 are set; `after` in points (default the font's space_after)."""
    after = font.space_after if after is None else after
    child(ppr, "spacing", before=0, after=round(after * 20), line=round(font.leading * 20), lineRule="exact")


def text_runs(p, text: str, where: str) -> None:
    """One run holding `text`; line breaks and tabs in it become Word's own <w:br/> and <w:tab/>."""
    r = SubElement(p, R)
    try:
        for i, line in enumerate(text.split("\n")):
            if i:
                SubElement(r, BR)
            for j, piece in enumerate(line.split("\t")):
                if j:
                    SubElement(r, TAB)
                if piece:
                    t = SubElement(r, T)
                    t.text = piece
                    if piece[0].isspace() or piece[-1].isspace():
                        t.set(XML_SPACE, "preserve")
    except ValueError:
        # lxml refuses control characters (XML 1.0 has no way to write them); the data check
        # normally stops them first.
        bad = sorted({f"U+{ord(c):04X}" for c in text if ord(c) < 32 and c not in "\t\n\r"})
        raise RenderError(f"{where}含有无法写入 Word 文档的控制字符 {'、'.join(bad) or ''}".rstrip(),
                          hint="删去这些字符后再导出（exporter check 会指出位置）。") from None


def paragraph(parent, text: str, style: str | None, where: str, jc: str | None = None):
    p = SubElement(parent, P)
    if style or jc:
        ppr = SubElement(p, PPR)
        if style:
            SubElement(ppr, PSTYLE).set(VAL, style)
        if jc:
            child(ppr, "jc", val=jc)
    if text:
        text_runs(p, text, where)
    return p


def new_paragraph():
    """A detached <w:p> with python-docx's namespace map, to insert into the body."""
    return OxmlElement("w:p")


def new_table():
    return OxmlElement("w:tbl")


def page_field(p, before: str, after: str) -> None:
    """`before` PAGE `after` as runs: the PAGE field Word and WPS update on every page."""
    if before:
        text_runs(p, before, "页码格式")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = SubElement(p, R)
        if kind:
            child(r, "fldChar", fldCharType=kind)
        elif instr == "1":
            SubElement(r, T).text = "1"
        else:
            t = SubElement(r, qn("w:instrText"))
            t.text = instr
            t.set(XML_SPACE, "preserve")
    if after:
        text_runs(p, after, "页码格式")
