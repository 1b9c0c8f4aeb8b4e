"""What in a received file could run or reach outside it: macros and links to other files.

Checked once for every reader (formats.read), on the bytes, before any reader or LibreOffice sees the
file, and again on the .docx LibreOffice makes of an .rtf/.doc/.wps/.odt (docx/reader.py), whose
linked fields survive the conversion. Nothing is ever executed or fetched; the file is refused all the
same: a macro-enabled file is what an attack arrives as, and a linked cell, object or field shows only
what it held when last saved, so the numbers in it cannot be checked. The message says what was found
and how to save a clean copy.

Macros: a VBA project (vbaProject.bin in an .xlsm/.docm, the `Macros`/`_VBA_PROJECT_CUR` storage of an
old .doc/.xls/.wps), Excel 4.0 macro sheets (xl/macrosheets/; in an .xls, see xlsx/foreign.py), and
LibreOffice Basic or scripts in an .odt/.ods. Links: a workbook's externalLinks parts (other workbooks,
DDE) or an .xls's SUPBOOK records, parts related with TargetMode="External" as OLE objects or
subdocuments, and Word fields that pull their text from elsewhere (LINK, INCLUDETEXT, DDE, DDEAUTO).
"""

from __future__ import annotations

import posixpath
import re
import zipfile

from exporter import wording
from exporter.errors import SourceError

ZIP_KINDS = {kind: wording.READ_KIND_NAMES[kind] for kind in ("docx", "xlsx", "odt", "ods")}  # one naming for messages
OLE_KINDS = ("doc", "wps", "xls")
# Storages of a Compound File that hold a VBA project: Word's `Macros`, Excel's `_VBA_PROJECT_CUR`,
# and inside both the `VBA` storage with its `_VBA_PROJECT` stream.
VBA_STORAGES = ("Macros", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT")
LINKED_FIELDS = re.compile(r"^\s*(LINK|INCLUDETEXT|DDEAUTO|DDE)\b", re.I)
LINKED_TYPES = ("/oleObject", "/subDocument", "/externalLinkPath")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_FIELD_TOKEN = re.compile(
    rb"<(?:\w+:)?fldChar\b[^>]*fldCharType=\"(begin|separate|end)\"|<(?:\w+:)?instrText\b[^>]*>([^<]*)<"
    rb"|<(?:\w+:)?fldSimple\b[^>]*\binstr=\"([^\"]*)\""
)


def check(data: bytes, name: str, kind: str) -> None:
    """Raise SourceError when the file holds macros or links to other files; otherwise do nothing."""
    if kind in OLE_KINDS:
        from exporter.formats import sniff

        found = [s for s in VBA_STORAGES if s in (sniff.ole_streams(data) or set())]
        if found:
            raise macros(name, wording.MACRO_OLE.format(storage=found[0]), kind)
        if kind == "xls":
            count = _xls_external_books(data)
            if count:
                raise SourceError(
                    wording.EXTERNAL_LINKS.format(targets=wording.EXTERNAL_LINKS_COUNT.format(count=count)),
                    file=name,
                    hint=wording.EXTERNAL_LINKS_HINT,
                )
    elif kind in ZIP_KINDS:
        from exporter.formats import safezip

        zf = safezip.open_zip(data, name, ZIP_KINDS[kind])
        names = zf.namelist()
        part = _macro_part(names)
        if part:
            raise macros(name, part, kind)
        links = _links(zf, names, name, ZIP_KINDS[kind])
        if links:
            raise links


def _xls_external_books(data: bytes) -> int:
    """How many other files an .xls reads cells from (its SUPBOOK records naming a file or a DDE/OLE
    source). xlrd keeps their kinds in Book._supbook_types — internal, but xlrd 2 is finished and pinned;
    a damaged file is left to the reader, which names the damage."""
    import io

    import xlrd
    from xlrd.book import SUPBOOK_DDEOLE, SUPBOOK_EXTERNAL

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=io.StringIO())
    except Exception:  # xlrd's errors are plain exceptions of many kinds
        return 0
    try:
        return sum(kind in (SUPBOOK_EXTERNAL, SUPBOOK_DDEOLE) for kind in getattr(book, "_supbook_types", []))
    finally:
        book.release_resources()


def macros(name: str, what: str, kind: str) -> SourceError:
    """The one message for a file with macros; `what` says which part holds them."""
    word = kind in ("docx", "doc", "wps", "odt")
    return SourceError(
        wording.MACROS_FOUND.format(what=what),
        file=name,
        hint=wording.MACROS_HINT_WORD if word else wording.MACROS_HINT_BOOK,
    )


def _macro_part(names: list[str]) -> str | None:
    for n in names:
        low = n.lower()
        if posixpath.basename(low) == "vbaproject.bin":
            return wording.MACRO_VBA.format(part=n)
        if low.startswith("xl/macrosheets/"):
            return wording.MACRO_SHEET.format(part=n)
        if (low.startswith("basic/") or low.startswith("scripts/")) and not low.endswith("/"):
            return wording.MACRO_BASIC.format(part=n)
    return None


def _links(zf: zipfile.ZipFile, names: list[str], name: str, label: str) -> SourceError | None:
    from exporter.formats import safezip

    targets: list[str] = []
    books = [n for n in names if re.fullmatch(r"xl/externalLinks/externalLink\d+\.xml", n)]
    for rels in (n for n in names if n.endswith(".rels")):
        for match in _REL.finditer(safezip.read_part(zf, rels, name, label) or b""):
            attrs = dict(_ATTR.findall(match.group(1)))
            if attrs.get(b"TargetMode") != b"External":
                continue
            kind = attrs.get(b"Type", b"").decode("utf-8", "replace")
            if rels.startswith("xl/externalLinks/") or kind.endswith(LINKED_TYPES):
                targets.append(attrs.get(b"Target", b"").decode("utf-8", "replace"))
    if books:
        shown = "、".join(dict.fromkeys(targets[:3])) or wording.EXTERNAL_LINKS_COUNT.format(count=len(books))
        return SourceError(wording.EXTERNAL_LINKS.format(targets=shown), file=name, hint=wording.EXTERNAL_LINKS_HINT)
    fields = _linked_fields(zf, names, name, label)
    if targets or fields:
        shown = "、".join(list(dict.fromkeys(targets + fields))[:3])
        return SourceError(wording.LINKED_CONTENT.format(targets=shown), file=name, hint=wording.LINKED_CONTENT_HINT)
    return None


def _linked_fields(zf: zipfile.ZipFile, names: list[str], name: str, label: str) -> list[str]:
    """Word fields whose result comes from another file, as their instructions (e.g. 'LINK Excel.Sheet.12 …')."""
    from exporter.formats import safezip

    found = []
    for part in (n for n in names if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", n)):
        xml = safezip.read_part(zf, part, name, label) or b""
        if b"instr" not in xml:
            continue
        current: list[bytes] | None = None
        for m in _FIELD_TOKEN.finditer(xml):
            char, text, simple = m.groups()
            if simple is not None:
                instructions = [simple]
            elif char == b"begin":
                current = []
                continue
            elif char is not None:
                instructions = [b"".join(current)] if current is not None else []
                current = None
            else:
                if current is not None:
                    current.append(text)
                continue
            for instr in instructions:
                decoded = _unescape(instr.decode("utf-8", "replace")).strip()
                if LINKED_FIELDS.match(decoded):
                    found.append(decoded[:80])
    return found


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
