"""A small PDF object writer: numbered objects, streams as PDF/A wants them, a classic xref table.

Objects are written in one pass into memory as they are made; an object may refer to one written later
(its number is reserved first). No object or xref streams: PDF/A-1 readers and validators do not
accept them, and the files compress well enough without.
"""

from __future__ import annotations

import hashlib
import math
import zlib

_PLACES = tuple(f"%.{n}f" for n in range(7))


class Name(str):
    """A PDF name (/Type); the text must be a plain identifier."""


class Ref(int):
    """An indirect reference to object number n."""


def fp_str(value: float) -> str:
    """A number as few characters as reportlab's fp_str writes it (the PDFs' numbers stay the same):
    up to 6 decimals, fewer for larger numbers (7 significant digits), no trailing zeros, ".5" for 0.5."""
    if type(value) is int and -(2**53) < value < 2**53:
        return str(value)
    a = abs(value)
    if a <= 1e-7:
        return "0"
    if a > 1e20:
        raise ValueError(f"number too large for PDF: {value}")
    places = min(max(0, 6 - int(math.log10(a))), 6) if a > 1 else 6
    text = _PLACES[places] % value
    if places:
        text = text.rstrip("0")
        if text[-1] == ".":
            return text[:-1]
        if text.startswith("0."):
            return text[1:]
    return text


def text_string(text: str) -> str:
    """A PDF text string: printable ASCII as a literal, anything else as UTF-16BE with its mark."""
    if text.isascii() and text.isprintable():
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def serialize(value) -> str:
    if isinstance(value, Name):
        return "/" + value
    if isinstance(value, Ref):
        return f"{int(value)} 0 R"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return fp_str(value)
    if isinstance(value, str):
        return text_string(value)
    if isinstance(value, bytes):
        return "<" + value.hex().upper() + ">"
    if isinstance(value, dict):
        return "<<" + " ".join(f"/{k} {serialize(v)}" for k, v in value.items()) + ">>"
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(map(serialize, value)) + "]"
    if value is None:
        return "null"
    raise TypeError(f"cannot write {type(value).__name__} to PDF")


class PdfFile:
    """Objects appended to one byte buffer, with their offsets for the cross-reference table."""

    def __init__(self, version: str = "1.7"):
        # The comment of four bytes above 127 marks the file as binary (PDF/A asks for it).
        self._chunks: list[bytes] = [f"%PDF-{version}\n".encode(), b"%\xe2\xe3\xcf\xd3\n"]
        self._size = sum(map(len, self._chunks))
        self._offsets: dict[int, int] = {}
        self._next = 1

    def reserve(self) -> Ref:
        ref = Ref(self._next)
        self._next += 1
        return ref

    def _append(self, data: bytes) -> None:
        self._chunks.append(data)
        self._size += len(data)

    def add(self, value, ref: Ref | None = None) -> Ref:
        """Write an object (a Python value or already serialized text); returns its reference."""
        ref = ref if ref is not None else self.reserve()
        body = value if isinstance(value, str) else serialize(value)
        self._offsets[int(ref)] = self._size
        self._append(f"{int(ref)} 0 obj\n{body}\nendobj\n".encode("latin-1"))
        return ref

    def stream(self, data: bytes, entries: dict | None = None, *, compress: bool = True, ref: Ref | None = None) -> Ref:
        """Write a stream object; an end-of-line before `endstream` as PDF/A requires."""
        ref = ref if ref is not None else self.reserve()
        head = dict(entries or {})
        if compress:
            data = zlib.compress(data)
            head["Filter"] = Name("FlateDecode")
        head["Length"] = len(data)
        self._offsets[int(ref)] = self._size
        self._append(f"{int(ref)} 0 obj\n{serialize(head)}\nstream\n".encode("latin-1"))
        self._append(data)
        self._append(b"\nendstream\nendobj\n")
        return ref

    def finish(self, root: Ref, info: Ref) -> bytes:
        """The whole file: xref table and trailer, with a file identifier made from the content."""
        count = self._next
        missing = [n for n in range(1, count) if n not in self._offsets]
        if missing:
            raise ValueError(f"PDF objects reserved but never written: {missing[:5]}")
        body = b"".join(self._chunks)
        ident = hashlib.md5(body).hexdigest().upper()
        lines = [f"xref\n0 {count}\n", "0000000000 65535 f\r\n"]
        lines += [f"{self._offsets[n]:010d} 00000 n\r\n" for n in range(1, count)]
        lines.append(
            f"trailer\n<</Size {count} /Root {int(root)} 0 R /Info {int(info)} 0 R "
            f"/ID [<{ident}> <{ident}>]>>\nstartxref\n{len(body)}\n%%EOF\n"
        )
        return body + "".join(lines).encode("latin-1")
