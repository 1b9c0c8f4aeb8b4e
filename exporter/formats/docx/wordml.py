"""WordprocessingML written as text, for what python-docx's API does not reach or reaches too slowly.

python-docx sets only the Latin font slots and has no repeated header rows, rows kept whole or
page-number fields; and building the table through its cell API (or as lxml elements, one Python
object each) takes seconds for 10,000 tasks. So the markup is written here as strings, every piece of
data text escaped (`<img …>` and `&` stay literal) and checked for characters XML cannot hold.
"""

from __future__ import annotations

import re

from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml

from exporter import wording
from exporter.errors import RenderError
from exporter.formats.docx.style import Font
from exporter.text import characters

VALIGN = {"top": "top", "middle": "center", "bottom": "bottom"}
_SPECIAL = re.compile("[\t\r\n]")
_LINES = re.compile("\r\n|\r|\n")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def check(text: str, where: str = "", task: int | None = None) -> None:
    # The one rule (text/characters.py); tabs and line ends are written as WordprocessingML breaks.
    found = characters.forbidden(text, allow="\t" + characters.LINE_ENDS)
    if found:
        bad = "、".join(found)
        raise RenderError(
            wording.DOCX_CONTROL_CHARACTER.format(where=where, chars=bad),
            task=task,
            hint=wording.DOCX_CONTROL_CHARACTER_HINT,
        )


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f"<w:t{space}>{escape(text)}</w:t>"


def run(text: str, font: Font | None = None) -> str:
    """Runs holding `text` in the paragraph style's font; line breaks and tabs become Word's own <w:br/>
    and <w:tab/>. Characters outside the font's character set go in runs of its fallback font."""
    if not text:
        return ""
    if font is not None and not font.covers(text):
        return "".join(
            _fallback_run(piece, font.fallback) if outside else run(piece)
            for outside, piece in _by_coverage(text, font)
        )
    if not _SPECIAL.search(text):
        return f"<w:r>{_t(text)}</w:r>"
    out = []
    for i, line in enumerate(_LINES.split(text)):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(_t(piece))
    return f"<w:r>{''.join(out)}</w:r>"


def _by_coverage(text: str, font: Font):
    """(outside the font's character set?, piece) for maximal pieces of `text`."""
    start, outside = 0, not font.covers(text[0])
    for i in range(1, len(text)):
        here = not font.covers(text[i])
        if here != outside:
            yield outside, text[start:i]
            start, outside = i, here
    yield outside, text[start:]


def _fallback_run(text: str, name: str) -> str:
    name = escape(name)
    fonts = f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/></w:rPr>'
    return run(text).replace("<w:r>", f"<w:r>{fonts}")


def paragraph(text: str, ppr: str = "", font: Font | None = None) -> str:
    return f"<w:p>{ppr}{run(text, font)}</w:p>"


def style_ppr(style_id: str) -> str:
    return f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'


def element(xml: str):
    """An element for python-docx's tree from markup with the w: prefix."""
    return parse_xml(f"<w:wrap {nsdecls('w')}>{xml}</w:wrap>")[0]


def run_properties(font: Font, extra: str = "") -> str:
    """<w:rPr>: fonts in all four slots (East Asian included), bold and size, then `extra`."""
    name = escape(font.name)
    bold = "<w:b/><w:bCs/>" if font.bold else ""
    half_points = round(font.size * 2)
    return (
        f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>{bold}'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>{extra}</w:rPr>'
    )


def spacing(font: Font, after: float | None = None) -> str:
    """Exact line pitch, as 公文 are set; `after` in points (default the font's space_after)."""
    after = font.space_after if after is None else after
    return (
        f'<w:spacing w:before="0" w:after="{round(after * 20)}" w:line="{round(font.leading * 20)}" '
        'w:lineRule="exact"/>'
    )


def page_number(text: tuple[str, str], style_id: str, side: str, indent: int) -> str:
    """A footer paragraph: the text before and after the number around the PAGE field Word and WPS
    update on every page, on `side` (left/right) `indent` twips in from the edge."""
    before, after = text
    check(before + after, wording.DOCX_WHERE_PAGE_NUMBER)
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    ppr = f'<w:pPr><w:pStyle w:val="{style_id}"/><w:ind w:{side}="{indent}"/><w:jc w:val="{side}"/></w:pPr>'
    return f"<w:p>{ppr}{run(before)}{field}{run(after)}</w:p>"
