"""The .docx package made reproducible: python-docx's leftovers dropped, zip entries dated and ordered."""

from __future__ import annotations

from exporter import PRODUCER

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
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>" + PRODUCER + "</Application>"
        f"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>{company_xml}"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()
