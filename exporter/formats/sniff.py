"""What a file given to `import` really is, from its content rather than its name: the first bytes,
the parts of a zip package, the streams of an old Office (OLE) file, MIME headers, HTML markers.

`sniff` picks the reader (formats/__init__.py): html, mhtml, docx, xlsx (ours or someone's), xls, ods,
doc, wps, rtf, odt or text; anything else gets a kind name for the message (wording.KIND_NAMES).
`kind`/`page_text_bytes` serve the page-text importer: a PDF, a Word file or a UTF-16 text saved by
Notepad all fail UTF-8 decoding, and saying "not UTF-8, try GB18030" about them sends the user the
wrong way. UTF-16 with a byte-order mark is text and is simply decoded; the rest get a message naming
what the file is.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from exporter import wording as W
from exporter.errors import SourceError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_MARKERS = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<table[\s>]|<meta\s", re.I)
_MIME_HEADER = re.compile(rb"^(mime-version|content-type|from|subject|date|snapshot-content-location)\s*:", re.I | re.M)
_MULTIPART = re.compile(rb"content-type:\s*multipart/related", re.I)


def sniff(data: bytes, name: str = "") -> str:
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return _ole_kind(data, name)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return zip_kind(data)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    for magic, found in (
        (b"\x89PNG", "png"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF8", "gif"),
        (b"BM", "bmp"),
        (b"II*\x00", "tiff"),
        (b"MM\x00*", "tiff"),
        (b"Rar!", "rar"),
        (b"7z\xbc\xaf\x27\x1c", "7z"),
        (b"\x1f\x8b", "gzip"),
    ):
        if head.startswith(magic):
            return found
    start = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _MULTIPART.search(data[:8192]) and _MIME_HEADER.match(start):
        return "mhtml"
    if _HTML_MARKERS.search(data[:65536]) and (start.startswith(b"<") or _HTML_MARKERS.search(data[:2048])):
        return "html"
    if kind(data) in ("utf16", "utf32"):
        return "text"  # page_text_bytes decodes it, or says why it cannot
    if b"\x00" in data[:4096]:
        return "binary"
    return "text"


def zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                mimetype = zf.read("mimetype")[:100]
                if b"opendocument.text" in mimetype:
                    return "odt"
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
                if b"ofd" in mimetype:
                    return "ofd"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "corrupt-zip"
    if "word/document.xml" in names or any(n.startswith("word/") for n in names) and "[Content_Types].xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


def _ole_kind(data: bytes, name: str) -> str:
    streams = ole_streams(data)
    if streams is None:
        return "corrupt-ole"
    if "EncryptedPackage" in streams:
        return "encrypted"  # a password-protected .docx/.xlsx is an OLE file holding the encrypted zip
    if "WordDocument" in streams:
        return "wps" if name.lower().endswith(".wps") else "doc"
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "PowerPoint Document" in streams:
        return "ppt"
    if "CONTENTS" in streams:
        return "wps"  # Microsoft Works word processor
    return "ole"


def ole_streams(data: bytes) -> set[str] | None:
    """Names in the directory of a Compound File (the container of .doc/.xls/.wps); None when broken."""
    try:
        sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
        if sector_size not in (512, 4096):
            return None
        first_dir = struct.unpack_from("<I", data, 0x30)[0]
        fat_count = struct.unpack_from("<I", data, 0x2C)[0]
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        next_difat = struct.unpack_from("<I", data, 0x44)[0]
        per_sector = sector_size // 4
        guard = 0
        while next_difat < 0xFFFFFFFA and guard < 10000:
            offset = (next_difat + 1) * sector_size
            entries = struct.unpack_from(f"<{per_sector}I", data, offset)
            difat.extend(entries[:-1])
            next_difat = entries[-1]
            guard += 1
        fat: list[int] = []
        for sector in difat[:fat_count]:
            if sector >= 0xFFFFFFFA:
                continue
            fat.extend(struct.unpack_from(f"<{per_sector}I", data, (sector + 1) * sector_size))
        names = set()
        sector, seen = first_dir, set()
        while sector < 0xFFFFFFFA and sector not in seen and len(seen) < 100000:
            seen.add(sector)
            offset = (sector + 1) * sector_size
            for i in range(sector_size // 128):
                entry = data[offset + 128 * i : offset + 128 * (i + 1)]
                if len(entry) < 128:
                    return None
                length = struct.unpack_from("<H", entry, 64)[0]
                if 2 <= length <= 64 and entry[66] in (1, 2, 5):
                    names.add(entry[: length - 2].decode("utf-16-le", "replace"))
            sector = fat[sector] if sector < len(fat) else 0xFFFFFFFE
        return names
    except (struct.error, IndexError):
        return None


def kind(data: bytes) -> str:
    """'xlsx', 'zip', 'pdf', 'ole' (old .doc/.xls), 'utf16', 'utf32' or 'text'."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return "zip"
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf16"
    if _looks_utf16(data[:4096]):
        return "utf16"
    return "text"


def _looks_utf16(sample: bytes) -> bool:
    """Not UTF-8, but read as UTF-16 (either byte order) almost all Chinese, ASCII or punctuation."""
    if len(sample) < 4:
        return False
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # only a character cut at the sample's end
            return False
    even = sample[: len(sample) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        text = even.decode(encoding, "replace")
        plain = sum(
            ch.isprintable()
            and ("\u4e00" <= ch <= "\u9fff" or ch.isascii() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef")
            or ch in "\r\n\t"
            for ch in text
        )
        if plain >= 0.9 * len(text):
            return True
    return False


def page_text_bytes(data: bytes, file: str) -> bytes:
    """The bytes to give the page-text importer: UTF-16/32 with a byte-order mark re-encoded as
    UTF-8; a PDF, an office file or UTF-16 without a mark refused with what it is."""
    found = kind(data)
    has_mark = data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    if found in ("utf16", "utf32") and has_mark:
        encoding = "utf-32" if found == "utf32" else "utf-16"
        try:
            return data.decode(encoding).encode("utf-8")
        except UnicodeDecodeError:
            pass
    message = W.SOURCE_KINDS.get(found)
    if message:
        raise SourceError(message, file=file, hint=W.SOURCE_KIND_HINT)
    return data
