"""The .docx package made reproducible: python-docx's leftovers dropped, zip entries dated and ordered."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from exporter.timestamps import zip_time

# Parts of python-docx's built-in template that say nothing about our document: a thumbnail of an
# empty Mac Word page, a second copy of the styles and a customXml item.
_DROP = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
)


def prune(document) -> None:
    """Drop the template parts listed in _DROP, so they are neither written nor listed."""
    for rels in (document.part.package.rels, document.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROP]:
            rels.pop(rid)


def app_properties(company: str) -> bytes:
    """docProps/app.xml naming this program, instead of the template's "Microsoft Macintosh Word"."""
    escaped = company.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    company_xml = f"<Company>{escaped}</Company>" if company else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            "<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>exporter</Application>"
            f"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>{company_xml}"
            "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode()


def _order(name: str) -> tuple:
    # The content types first, the package relationships next, then the rest sorted.
    return (name != "[Content_Types].xml", name != "_rels/.rels", name)


def repack(raw: bytes, replace: dict, when: dt.datetime) -> bytes:
    """The zip again with every entry dated `when` (see timestamps.zip_time), in a fixed order.

    `replace` maps entry names to new bytes, or to a function from the old bytes to the new.
    """
    stamp = zip_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst:
        for name in sorted(src.namelist(), key=_order):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = replace[name] if name in replace else src.read(name)
            if callable(data):
                data = data(src.read(name))
            dst.writestr(info, data, compresslevel=6)
    return out.getvalue()
