"""PDF/A (ISO 19005-2 = GB/T 23286.2): document information mirrored in XMP, identification, output intent.

The information dictionary and the XMP packet are made from one `Info`, so they cannot disagree.
Every PDF is an sRGB output intent with a freely licensed profile (icc/sRGB.icc, licence beside it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

# XML text escaping (&, <, >), shared with the OFD writer; xml.sax.saxutils would import urllib,
# http and email, a tenth of the whole export's start-up.
from exporter.formats.ofd.xml import text as escape
from exporter.formats.pdf.objects import Name, PdfFile, Ref
from exporter.timestamps import pdf_date

PART, CONFORMANCE = 2, "A"  # PDF/A-2a: tagged; see README for what is validated and by what
ICC = Path(__file__).resolve().parent / "icc" / "sRGB.icc"
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
LANGUAGE = "zh-CN"


@dataclass
class Info:
    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    producer: str
    when: dt.datetime  # exporter.timestamps.document_time

    def pdf_date(self) -> str:
        return pdf_date(self.when)

    def xmp_date(self) -> str:
        """The same instant as pdf_date, in the XMP (ISO 8601) syntax."""
        return self.when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")

    def dictionary(self) -> dict:
        """The document information dictionary; empty fields are left out here and in the XMP."""
        entries = {
            "Title": self.title,
            "Author": self.author,
            "Subject": self.subject,
            "Keywords": self.keywords,
            "Creator": self.creator,
            "Producer": self.producer,
        }
        out = {key: value for key, value in entries.items() if value}
        out["CreationDate"] = out["ModDate"] = self.pdf_date()
        return out

    def xmp(self) -> bytes:
        """The XMP packet. Namespaces are declared on rdf:Description, where PDFBox looks for them."""

        def alt(tag, value):
            return (
                f'<{tag}><rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt></{tag}>'
                if value
                else ""
            )

        def simple(tag, value):
            return f"<{tag}>{escape(value)}</{tag}>" if value else ""

        fields = [
            simple("dc:format", "application/pdf"),
            alt("dc:title", self.title),
            f"<dc:creator><rdf:Seq><rdf:li>{escape(self.author)}</rdf:li></rdf:Seq></dc:creator>"
            if self.author
            else "",
            alt("dc:description", self.subject),
            f"<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>",
            simple("pdf:Keywords", self.keywords),
            simple("pdf:Producer", self.producer),
            simple("xmp:CreatorTool", self.creator),
            simple("xmp:CreateDate", self.xmp_date()),
            simple("xmp:ModifyDate", self.xmp_date()),
            simple("pdfaid:part", str(PART)),
            simple("pdfaid:conformance", CONFORMANCE),
        ]
        body = "\n   ".join(f for f in fields if f)
        packet = (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
            ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
            f"   {body}\n"
            "  </rdf:Description>\n"
            " </rdf:RDF>\n"
            "</x:xmpmeta>\n"
            '<?xpacket end="w"?>'
        )
        return packet.encode("utf-8")


def write_metadata(pdf: PdfFile, info: Info) -> Ref:
    # Not compressed: PDF/A-1 readers must find the packet without decoding.
    return pdf.stream(info.xmp(), {"Type": Name("Metadata"), "Subtype": Name("XML")}, compress=False)


def write_output_intent(pdf: PdfFile) -> Ref:
    profile = pdf.stream(ICC.read_bytes(), {"N": 3})
    return pdf.add(
        {
            "Type": Name("OutputIntent"),
            "S": Name("GTS_PDFA1"),
            "OutputConditionIdentifier": OUTPUT_CONDITION,
            "Info": OUTPUT_CONDITION,
            "DestOutputProfile": profile,
        }
    )
