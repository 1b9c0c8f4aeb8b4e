"""What a file given to `import` really is, from its first bytes rather than its name.

A PDF, a Word file or a UTF-16 text saved by Notepad all fail UTF-8 decoding; saying "not UTF-8,
try GB18030" about them sends the user the wrong way. UTF-16 with a byte-order mark is text and is
simply decoded; the rest get a message naming what the file is.
"""
from __future__ import annotations

import io
import zipfile

from exporter import wording as W
from exporter.errors import SourceError


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
        plain = sum(ch.isprintable() and ("\u4e00" <= ch <= "\u9fff" or ch.isascii() or "\u3000" <= ch <= "\u303f"
                                          or "\uff00" <= ch <= "\uffef") or ch in "\r\n\t" for ch in text)
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
