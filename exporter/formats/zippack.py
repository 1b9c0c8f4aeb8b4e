"""Office zip packages (.xlsx, .docx) written reproducibly: entries in a fixed order, all dated alike."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from exporter.timestamps import zip_time


def _order(name: str) -> tuple:
    # The content types first, the package relationships next, then the rest sorted.
    return (name != "[Content_Types].xml", name != "_rels/.rels", name)


def repack(raw: bytes, replace: dict, when: dt.datetime) -> bytes:
    """The zip again with every entry dated `when` (see timestamps.zip_time), in a fixed order.

    `replace` maps entry names to new bytes, or to a function from the old bytes to the new.
    """
    stamp = zip_time(when)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst,
    ):
        for name in sorted(src.namelist(), key=_order):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            data = replace[name] if name in replace else src.read(name)
            if callable(data):
                data = data(src.read(name))
            dst.writestr(info, data, compresslevel=6)
    return out.getvalue()
