"""Read a saved web page (.html, or .mhtml with its MIME parts) into raw tables.

The page is decoded here, never by the HTML parser: a page declared gb2312 routinely holds characters
outside GB2312 (埇), and libxml2 decoding such bytes as gb2312 silently drops the rest of the cell. So
gb2312/gbk declarations are decoded as GB18030 (their superset) and the parser only ever sees text.

The task table(s) are the innermost tables of the page (portals nest the content in layout tables);
a table that holds the page's 索引号/发布机构 block is read as metadata instead. Cells keep their
paragraphs (<p>, <div>, <br> …, joined with "\\n"); rowspan/colspan are expanded onto a grid.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
import unicodedata

from exporter import wording
from exporter.errors import SourceError
from exporter.formats.pagetext import (
    BREADCRUMB,
    FURNITURE,
    META_LABELS,
    META_PATTERN,
    NAV_LINE,
    PAGE_CONTROL,
    SOURCE_LABELS,
    SOURCE_PATTERN,
    compact,
)
from exporter.formats.pagetext import _split_labelled as split_labelled
from exporter.formats.table import ATTACHMENT_MARK, RawRow, RawTable, rows_from_grid
from exporter.text import characters

# Declared encodings decoded by their superset: GB18030 ⊃ GBK ⊃ GB2312; Big5-HKSCS ⊃ Big5.
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
}
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I)

BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "center",
    "form",
    "address",
    "hr",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
}
SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "title",
    "select",
    "option",
    "button",
    "iframe",
    "object",
    "svg",
    "textarea",
}
BREAK = object()
_SPACE = re.compile(r"[ \t\r\n\f]+")
META_NAMES = {"articletitle": "title", "pubdate": "published", "contentsource": "source"}
META_KEYS = ("title", "issuer", "index_no", "category", "written", "published", "validity", "source")
# Parsing vocabulary: a table of page metadata, and the words of a task table's header row.
META_TABLE_LABELS = ("索引号", "发布机构", "成文日期", "发布日期", "信息分类", "文号", "有效性", "主题分类")
HEADER_NUMBER = "序号"
HEADER_TASK = "任务"
HEADER_COMPANIONS = ("单位", "完成", "进展")


# -- bytes to text ----------------------------------------------------------------------------------


def declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_ENCODING.match(head.lstrip()) or _CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _codec(name: str) -> str | None:
    name = SUPERSETS.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, file: str, declared: str | None = None) -> str:
    """The page's text; every character kept or a clear error — never a silent replacement."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            return _fail(data[3:], "UTF-8", file)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return _fail(data, "UTF-16", file)
    declared = declared or declared_encoding(data)
    tried = []
    for name in (declared, "utf-8", "gb18030"):
        codec = _codec(name) if name else None
        if codec is None or codec in tried:
            continue
        tried.append(codec)
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return _fail(data, declared or "UTF-8", file)


def _fail(data: bytes, encoding: str, file: str):
    codec = _codec(encoding) or "utf-8"
    try:
        data.decode(codec)
        position = 0
    except UnicodeDecodeError as exc:
        position = exc.start
    line = data[:position].count(b"\n") + 1
    raise SourceError(
        wording.DECODE_FAILED.format(encoding=encoding, line=line), file=file, hint=wording.DECODE_FAILED_HINT
    )


_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def check_characters(text: str, file: str) -> None:
    """The one rule (text/characters.py) on the page as written, before the parser sees it: libxml2 turns
    a NUL into U+FFFD, so a forbidden character must be caught here, with its line. Tabs and line ends
    are HTML white space. A numeric reference to such a character (&#1;, &#0;) is refused the same way;
    &#128;–&#159; mean the Windows-1252 characters (HTML's rule: &#133; is …), which are text."""
    allow = characters.TAB + characters.LINE_ENDS
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        bad = characters.forbidden(line, allow=allow)
        if bad:
            raise SourceError(
                wording.CONTROL_CHARACTERS.format(chars="、".join(bad)),
                file=file,
                line=number,
                hint=wording.CONTROL_CHARACTERS_HINT,
            )
        if "&#" in line:
            found = [m for m in _REFERENCE.finditer(line) if _forbidden_reference(m, allow)]
            if found:
                refs = "、".join(dict.fromkeys(m.group(0) for m in found))
                chars = "、".join(sorted({f"U+{_code_point(m):04X}" for m in found}))
                raise SourceError(
                    wording.CONTROL_REFERENCE.format(refs=refs, chars=chars),
                    file=file,
                    line=number,
                    hint=wording.CONTROL_CHARACTERS_HINT,
                )


def _code_point(m: re.Match) -> int:
    return int(m.group(1), 16) if m.group(1) else int(m.group(2))


def _forbidden_reference(m: re.Match, allow: str) -> bool:
    cp = _code_point(m)
    if cp == 0 or cp > 0x10FFFF:
        return True
    if 0x80 <= cp <= 0x9F:
        try:
            bytes([cp]).decode("cp1252")
            return False
        except UnicodeDecodeError:
            return True
    return bool(characters.forbidden(chr(cp), allow=allow))


def mhtml_html(data: bytes, file: str) -> tuple[bytes, str | None]:
    """The page (first text/html part) of a MIME archive, transfer-decoded, and its declared charset."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)  # undoes quoted-printable and base64
            if payload:
                return payload, part.get_content_charset()
    raise SourceError(wording.MHTML_NO_HTML, file=file, hint=wording.MHTML_NO_HTML_HINT)


# -- text of an element ------------------------------------------------------------------------------


def _pieces(el):
    """Text pieces and BREAK markers of an element's content, in reading order."""
    if not isinstance(el.tag, str):  # comment or processing instruction
        return
    tag = el.tag.lower().rpartition(":")[2]  # Word's HTML has <o:p>, <w:sdt> …
    if tag in SKIP:
        return
    if tag == "br":
        yield BREAK
        return
    block = tag in BLOCK
    if block:
        yield BREAK
    if el.text:
        yield el.text
    for child in el:
        yield from _pieces(child)
        if child.tail:
            yield child.tail
    if block:
        yield BREAK


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _clean(text: str) -> str:
    """Collapse HTML white space; a line break in the source between two Chinese characters is no space."""

    def space(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if "\n" in m.group() or "\r" in m.group():
            if before and after and _wide(before) and _wide(after):
                return ""
        return " "

    text = _SPACE.sub(space, text)
    return text.replace("\u00a0", " ").strip(" \u3000")


def paragraphs(el) -> list[str]:
    """The element's text as paragraphs: block elements and <br> break, white space collapsed."""
    out, current = [], []
    for piece in _pieces(el):
        if piece is BREAK:
            out.append(_clean("".join(current)))
            current = []
        else:
            current.append(piece)
    out.append(_clean("".join(current)))
    return [p for p in out if p]


# -- tables -------------------------------------------------------------------------------------------


def _span(el, attr: str, limit: int) -> int:
    m = re.match(r"\s*(\d+)", el.get(attr) or "")
    return max(1, min(int(m.group(1)), limit)) if m else 1


def _rows_of(table):
    return table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def grid(table, number: int) -> list[RawRow]:
    """The table's rows on a grid: colspan text once, rowspan text in the top cell (`continued` below)."""
    trs = _rows_of(table)
    placed: list[tuple[dict[int, str], set[int], list]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    width = 0
    for r, tr in enumerate(trs):
        texts: dict[int, str] = {}
        continued: set[int] = set()
        cells = tr.xpath("./td|./th")
        col = 0
        spans = []
        for cell in cells:
            while pending.get(col):
                continued.add(col)
                col += 1
            colspan = _span(cell, "colspan", 1000)
            rowspan = _span(cell, "rowspan", 65534)
            if (cell.get("rowspan") or "").strip() == "0":
                rowspan = len(trs) - r
            texts[col] = "\n".join(paragraphs(cell))
            spans.append((col, colspan))
            for c in range(col, col + colspan):
                texts.setdefault(c, "")
                if rowspan > 1:
                    pending[c] = rowspan  # decremented below, this row included
            col += colspan
        for c, left in pending.items():
            if left and c not in texts:
                continued.add(c)
        width = max(width, col, max((c + 1 for c in continued), default=0))
        placed.append((texts, continued, spans))
        for c in list(pending):
            pending[c] -= 1
            if pending[c] <= 0:
                del pending[c]
    return rows_from_grid(placed, width, number)


def _is_meta_table(rows: list[RawRow]) -> bool:
    text = " ".join(" ".join(r.cells) for r in rows)
    return sum(label in text for label in META_TABLE_LABELS) >= 2


def _headerish(rows: list[RawRow]) -> bool:
    for row in rows[:6]:
        joined = compact("".join(row.cells))
        if HEADER_NUMBER in joined or (HEADER_TASK in joined and any(w in joined for w in HEADER_COMPANIONS)):
            return True
    return False


# -- the page -----------------------------------------------------------------------------------------


def read_tables(data: bytes, name: str, *, mhtml: bool = False) -> list[RawTable]:
    import lxml.html

    declared = None
    if mhtml:
        data, declared = mhtml_html(data, name)
    text = decode(data, name, declared)
    check_characters(text, wording.MHTML_PAGE.format(file=name) if mhtml else name)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception:  # lxml raises ParserError/ValueError for an empty or hopeless document
        raise SourceError(
            wording.NO_TABLE_IN.format(what=wording.READ_KIND_NAMES["html"]), file=name, hint=wording.NO_TABLE_IN_HINT
        ) from None

    leaves = [t for t in root.iter("table") if not t.xpath(".//table")]
    found = []
    meta_tables = []
    for number, table in enumerate(leaves, 1):
        rows = grid(table, number)
        if _is_meta_table(rows):
            meta_tables.append(table)
        elif rows and max(len(r.cells) for r in rows) >= 2:
            found.append((table, rows))
    if not found:
        raise SourceError(
            wording.NO_TABLE_IN.format(what=wording.READ_KIND_NAMES["html"]), file=name, hint=wording.NO_TABLE_IN_HINT
        )
    chosen = [f for f in found if _headerish(f[1])] or found
    if chosen is not found:  # tables after a task table without a header of their own continue it
        first = found.index(chosen[0])
        chosen = [f for i, f in enumerate(found) if i >= first and (f in chosen or _continues(f[1], chosen[0][1]))]
    meta, preamble = page_meta(root, [t for t, _ in chosen])
    return [
        RawTable(rows=rows, source=name, meta=dict(meta) if i == 0 else {}, preamble=list(preamble) if i == 0 else [])
        for i, (_, rows) in enumerate(chosen)
    ]


def _continues(rows: list[RawRow], first: list[RawRow]) -> bool:
    width = max(len(r.cells) for r in first)
    return max(len(r.cells) for r in rows) == width


def page_meta(root, tables) -> tuple[dict[str, str], list[str]]:
    """Title, metadata and preamble from the page around the first task table."""
    meta: dict[str, str] = {}
    for el in root.iter("meta"):
        key = META_NAMES.get((el.get("name") or "").strip().lower())
        value = (el.get("content") or "").strip()
        if key and value:
            meta.setdefault(key, value)
    title_el = root.find(".//title")
    page_title = _clean(title_el.text_content()) if title_el is not None else ""

    marker = tables[0]
    body = root.find("body") if root.find("body") is not None else root
    # Text before the first task table, table rows as lines with cells separated by a space.
    lines = _text_before(body, marker)
    labelled: dict[str, str] = {}
    rest = []
    for line in lines:
        fields = split_labelled(line, META_PATTERN, META_LABELS) or split_labelled(line, SOURCE_PATTERN, SOURCE_LABELS)
        if fields:
            for key, value in fields.items():
                if value:
                    labelled.setdefault(key, value)
        else:
            rest.append(line)
    name = labelled.pop("name", "")
    for key, value in labelled.items():
        meta.setdefault(key, value)
    if name:
        meta.setdefault("title", name)
    if not meta.get("title") and page_title:
        meta["title"] = re.split(r"\s*(?:_|\||－|—|-\s)\s*", page_title)[0].strip() or page_title
    # The heading shown on the page is the title; what follows it up to the table is the preamble.
    preamble: list[str] = []
    start = None
    title = compact(meta.get("title", ""))
    for i, line in enumerate(rest):
        if title and compact(line) == title:
            start = i + 1
    if start is None and not title:
        candidates = [i for i, line in enumerate(rest) if not ATTACHMENT_MARK.match(line)]
        if candidates:
            meta["title"] = rest[candidates[0]]
            start = candidates[0] + 1
    if start is not None:
        preamble = [line for line in rest[start:] if not _furniture(line)]
    ordered = {k: meta[k] for k in META_KEYS if meta.get(k)}
    ordered.update({k: v for k, v in meta.items() if k not in ordered and v})
    return ordered, preamble


def _furniture(line: str) -> bool:
    """The page's own furniture and controls (打印, 字体：[ 大 中 小 ], breadcrumbs), as page text skips them."""
    return any(p.match(line) for p in (FURNITURE, PAGE_CONTROL, NAV_LINE, BREADCRUMB, ATTACHMENT_MARK))


def _text_before(body, marker) -> list[str]:
    """Lines of the page before `marker` (an element), in reading order."""
    out, current = [], []

    def flush():
        text = _clean("".join(current))
        if text:
            out.append(text)
        current.clear()

    def walk(el) -> bool:
        """False once the marker is reached."""
        if el is marker:
            return False
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None or tag in SKIP:
            return True
        if tag == "br":
            flush()
            return True
        block = tag in BLOCK
        if block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            if not walk(child):
                return False
            if child.tail:
                current.append(child.tail)
        if tag in ("td", "th"):
            current.append(" ")
        if block:
            flush()
        return True

    walk(body)
    flush()
    return out


def read(data: bytes, name: str, *, kind: str | None = None, **options):
    """The reader interface of the formats registry (see formats/__init__.py)."""
    from exporter.formats import sniff, tables_to_document

    kind = kind or sniff.sniff(data, name)
    return tables_to_document(read_tables(data, name, mhtml=kind == "mhtml"), **options)
