"""Open an Office zip package (.docx, .xlsx, .odt …) only after checking what it claims to hold.

A zip bomb declares huge uncompressed sizes (or a huge number of parts); Python's zipfile never
inflates a part past its declared size, so checking the declarations before reading any part bounds
the memory an import can take.
"""

from __future__ import annotations

import io
import zipfile

from exporter import wording
from exporter.errors import SourceError
from exporter.inputs import size_text

MAX_TOTAL = 512 * 2**20  # a 10,000-task workbook is about 5 MB unpacked
MAX_PARTS = 20000


def open_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The package, checked: not corrupt, not encrypted, not a bomb. `kind` names it in messages."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        raise SourceError(wording.CORRUPT.format(kind=kind), file=name, hint=wording.CORRUPT_HINT) from None
    if len(infos) > MAX_PARTS:
        raise SourceError(
            wording.ZIP_TOO_MANY.format(count=len(infos), limit=MAX_PARTS), file=name, hint=wording.ZIP_TOO_LARGE_HINT
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise SourceError(
            wording.ZIP_TOO_LARGE.format(size=size_text(total), limit=size_text(MAX_TOTAL)),
            file=name,
            hint=wording.ZIP_TOO_LARGE_HINT,
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise SourceError(wording.ENCRYPTED, file=name, hint=wording.ENCRYPTED_HINT)
    return zf


def read_part(zf: zipfile.ZipFile, part: str, name: str, kind: str) -> bytes | None:
    """One part's bytes (None when absent); a part that does not inflate to what it declares is corruption."""
    try:
        return zf.read(part)
    except KeyError:
        return None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise SourceError(wording.CORRUPT.format(kind=kind), file=name, hint=wording.CORRUPT_HINT) from None


def title_when_none(tables, core_xml: bytes | None, name: str, notice=None) -> None:
    """A table with its header in the first row and nothing above it has no title of its own: take the
    document's title property (docProps/core.xml), else the file name, and say so."""
    import re
    from pathlib import PurePath

    first = tables[0]
    if first.meta.get("title") or first.preamble or len(first.rows[0].cells) == 1:
        return
    match = re.search(rb"<dc:title>([^<]+)</dc:title>", core_xml or b"")
    title = match.group(1).decode("utf-8", "replace").strip() if match else ""
    title = title or PurePath(name).stem
    first.meta["title"] = title
    if notice:
        notice(wording.TITLE_FROM_NAME.format(title=title))
