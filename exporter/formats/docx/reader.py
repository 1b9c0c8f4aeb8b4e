"""Read the tables of a Word document (.docx) into raw tables.

The package is opened through safezip (declared sizes checked first) and `word/document.xml` read with
lxml: python-docx gives cells per grid column but hides which of them are the same merged cell, and the
merges are exactly what matter here. Horizontal merges (w:gridSpan) are read once; a vertical merge
(w:vMerge) is read from its top cell and its lower cells are marked `continued`; a row whose one cell
spans the grid is a section row. Paragraphs in a cell are kept, joined with "\\n"; a line break
(w:br) starts a new paragraph. Deleted text of tracked changes is not read; text boxes are read once.
A file with macros or linked content never gets here (formats/active.py refuses it).
"""

from __future__ import annotations

from exporter import wording
from exporter.errors import SourceError
from exporter.formats import safezip
from exporter.formats.table import ATTACHMENT_MARK, RawRow, RawTable, rows_from_grid

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
KIND = wording.READ_KIND_NAMES["docx"]
_P, _TBL, _TR, _TC, _T, _SDT = (f"{{{W}}}{n}" for n in ("p", "tbl", "tr", "tc", "t", "sdt"))


def _val(el, path: str) -> str | None:
    found = el.find(path, {"w": W})
    return None if found is None else found.get(f"{{{W}}}val", "")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


class _Unshown(Exception):
    """A paragraph's automatic number has a format numbering.py cannot show (args[0] names it)."""


def _paragraph_lines(p, numbers=None) -> list[str]:
    """A paragraph's text, after the number Word shows for it when it is in a numbered list (numbering.py);
    a manual line break splits it into several lines."""
    lines, current = [], []
    for el in p.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == f"{{{MC}}}Fallback":
            continue
        if _inside_fallback(el, p):
            continue
        if tag == _T:
            current.append(el.text or "")
        elif tag == f"{{{W}}}tab":
            current.append(" ")
        elif tag in (f"{{{W}}}br", f"{{{W}}}cr"):
            if el.get(f"{{{W}}}type") not in ("page", "column"):
                lines.append("".join(current))
                current = []
        elif tag == f"{{{W}}}noBreakHyphen":
            current.append("-")
    lines.append("".join(current))
    shown = numbers.get(p) if numbers else None
    if shown is not None:
        if shown.error:
            raise _Unshown(shown.error)
        gap = " " if shown.text and shown.suffix != "nothing" else ""
        lines[0] = shown.text + gap + lines[0]
    return [line.strip(" \u3000\u00a0") for line in lines]


def _inside_fallback(el, stop) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{{{MC}}}Fallback":
            return True
        parent = parent.getparent()
    return False


def _cell_text(tc, numbers=None) -> str:
    lines = []
    for p in tc.iter(_P):
        lines.extend(line for line in _paragraph_lines(p, numbers) if line)
    return "\n".join(lines)


def _body_items(body):
    """Paragraphs and tables of the body in order; content controls (w:sdt) are looked into."""
    for el in body:
        if el.tag == _P:
            yield el
        elif el.tag == _TBL:
            yield el
        elif el.tag == _SDT:
            content = el.find(f"{{{W}}}sdtContent")
            if content is not None:
                yield from _body_items(content)


def _row_cells(tr):
    """The row's own cells, also those wrapped in content controls; never a nested table's cells."""
    for el in tr:
        if el.tag == _TC:
            yield el
        elif el.tag in (_SDT, f"{{{W}}}sdtContent", f"{{{W}}}customXml"):
            yield from _row_cells(el)


def table_rows(tbl, number: int, numbers=None, file: str = "") -> list[RawRow]:
    """The table's rows on its grid; `numbers` holds the automatic numbers of list paragraphs."""
    grid_cols = len(tbl.findall(f"{{{W}}}tblGrid/{{{W}}}gridCol"))
    placed = []
    width = grid_cols
    for r, tr in enumerate(tbl.findall(_TR)):
        try:
            row, end = _placed_row(tr, numbers)
        except _Unshown as exc:
            raise SourceError(
                wording.NUMBERING_UNSUPPORTED.format(fmt=exc.args[0]),
                file=wording.WHERE_DOCX_ROW.format(file=file, table=number, row=r + 1),
                hint=wording.NUMBERING_UNSUPPORTED_HINT,
            ) from None
        placed.append(row)
        width = max(width, end)
    return rows_from_grid(placed, width, number)


def _placed_row(tr, numbers):
    """(texts by column, columns continuing a vertical merge, (column, span) of each cell) and the end column."""
    col = _int(_val(tr, "w:trPr/w:gridBefore"), 0)
    texts: dict[int, str] = {}
    continued: set[int] = set()
    spans = []
    for tc in _row_cells(tr):
        span = max(1, min(_int(_val(tc, "w:tcPr/w:gridSpan"), 1), 1000))
        vmerge = _val(tc, "w:tcPr/w:vMerge")
        if vmerge is not None and vmerge != "restart":
            continued.update(range(col, col + span))
            for c in range(col, col + span):
                texts[c] = ""
        else:
            texts[col] = _cell_text(tc, numbers)
            for c in range(col + 1, col + span):
                texts[c] = ""
            spans.append((col, span))
        col += span
    return (texts, continued, spans), col


def read_tables(data: bytes, name: str) -> list[RawTable]:
    from lxml import etree

    zf = safezip.open_zip(data, name, KIND)
    xml = safezip.read_part(zf, "word/document.xml", name, KIND)
    if xml is None:
        raise SourceError(wording.CORRUPT.format(kind=KIND), file=name, hint=wording.CORRUPT_HINT)
    try:
        # no_network: an external entity is never fetched; huge_tree off keeps libxml2's size limits.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        raise SourceError(wording.CORRUPT.format(kind=KIND), file=name, hint=wording.CORRUPT_HINT) from None
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise SourceError(wording.CORRUPT.format(kind=KIND), file=name, hint=wording.CORRUPT_HINT)
    numbers = _numbers(zf, name, root, parser)
    before: list[str] = []
    tables: list[RawTable] = []
    number = 0
    for item in _body_items(body):
        if item.tag == _P:
            if not tables:
                try:
                    before.extend(line for line in _paragraph_lines(item, numbers) if line)
                except _Unshown as exc:
                    text = "".join(_paragraph_lines(item))[:20]
                    raise SourceError(
                        wording.NUMBERING_UNSUPPORTED.format(fmt=exc.args[0]),
                        file=wording.NUMBERING_PARAGRAPH.format(file=name, text=text),
                        hint=wording.NUMBERING_UNSUPPORTED_HINT,
                    ) from None
            continue
        number += 1
        rows = table_rows(item, number, numbers, name)
        if rows:
            tables.append(RawTable(rows=rows, source=name))
    if not tables:
        raise SourceError(
            wording.NO_TABLE_IN.format(what=wording.WHAT_WORD_DOCUMENT), file=name, hint=wording.NO_TABLE_IN_HINT
        )
    lines = [line for line in before if not ATTACHMENT_MARK.match(line)]
    if lines:
        tables[0].meta["title"] = lines[0]
        tables[0].preamble = lines[1:]
    return tables


def _numbers(zf, name: str, root, parser) -> dict:
    """The automatic number of every numbered paragraph of the body, counted in document order as Word
    does (numbering.py); empty when the document has no lists."""
    import re

    from lxml import etree

    from exporter.formats.docx.numbering import Numbering

    rels = safezip.read_part(zf, "word/_rels/document.xml.rels", name, KIND) or b""
    parts = {}
    for attrs in re.findall(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        found = dict(re.findall(rb'(\w+)\s*=\s*"([^"]*)"', attrs))
        kind = found.get(b"Type", b"").rsplit(b"/", 1)[-1]
        if kind in (b"numbering", b"styles") and found.get(b"TargetMode") != b"External":
            target = found.get(b"Target", b"").decode("utf-8", "replace")
            parts[kind] = target.lstrip("/") if target.startswith("/") else "word/" + target
    roots = {}
    for kind in (b"numbering", b"styles"):
        xml = safezip.read_part(zf, parts.get(kind, f"word/{kind.decode()}.xml"), name, KIND)
        try:
            roots[kind] = etree.fromstring(xml, parser) if xml else None
        except etree.XMLSyntaxError:
            raise SourceError(wording.CORRUPT.format(kind=KIND), file=name, hint=wording.CORRUPT_HINT) from None
    if roots[b"numbering"] is None:
        return {}
    numbering = Numbering(roots[b"numbering"], roots[b"styles"])
    numbers = {}
    for p in root.iter(_P):
        if _inside_fallback(p, root):  # a text box's fallback copy is not a second paragraph
            continue
        shown = numbering.number(p)
        if shown is not None:
            numbers[p] = shown
    return numbers


def read(data: bytes, name: str, *, kind: str | None = None, notice=None, **options):
    """The reader interface of the formats registry: .docx, or .doc/.wps/.rtf/.odt converted first."""
    from exporter.formats import active, office, sniff, tables_to_document

    kind = kind or sniff.sniff(data, name)
    if kind != "docx":
        data = office.convert(data, name, kind, "docx")
        active.check(data, name, "docx")  # a LINK field or linked object of the original survives conversion
    tables = read_tables(data, name)
    core = safezip.read_part(safezip.open_zip(data, name, KIND), "docProps/core.xml", name, KIND)
    safezip.title_when_none(tables, core, name, notice)
    return tables_to_document(tables, **options)
