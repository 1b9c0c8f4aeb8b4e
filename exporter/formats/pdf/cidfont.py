"""TrueType faces embedded as CID-keyed fonts (Type0 / CIDFontType2, Identity-H), as office suites do.

One font object per face, whatever the number of characters: each character used gets its own
two-byte code (CID 1, 2, … in order of first use), a CIDToGIDMap points the CIDs at the glyphs of
the subset cut from the font (exporter.formats.fontfile, as for OFD), a ToUnicode CMap maps every
CID back to its character and W gives the widths the layout measured. Codes are per character, not
per glyph, so two characters that share a glyph (一 U+4E00 and ⼀ U+2F00) still extract as
themselves. Text in such fonts survives a Ghostscript rewrite; 256-glyph simple-font subsets
(reportlab's) lose their ToUnicode there.
"""

from __future__ import annotations

import hashlib
import re

from exporter.formats import fontfile
from exporter.formats.fontface import Face
from exporter.formats.pdf.objects import Name, PdfFile, Ref, fp_str

MAX_CID = 0xFFFF
_CMAP_HEAD = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
"""
_CMAP_TAIL = """endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


class CidFont:
    """The codes of one face in one document, and its PDF objects once the document is drawn."""

    def __init__(self, face: Face, resource: str, ref: Ref):
        self.face = face
        self.resource = resource  # the name in the page resources, e.g. F1
        self.ref = ref  # the Type0 font object, written by `write`
        self.codes: dict[str, str] = {}  # character -> four hex digits
        self.chars: list[str] = []  # CID - 1 -> character

    def encode(self, text: str) -> str:
        """The hex digits that show `text`; new characters get the next codes."""
        codes = self.codes
        try:
            return "".join(map(codes.__getitem__, text))
        except KeyError:
            for ch in text:
                if ch not in codes:
                    if len(self.chars) >= MAX_CID:
                        raise ValueError("more than 65,535 different characters in one font") from None
                    self.chars.append(ch)
                    codes[ch] = f"{len(self.chars):04X}"
            return "".join(map(codes.__getitem__, text))

    def widths(self) -> list[float]:
        face = self.face
        return [face.widths.get(ord(ch), face.default_width) for ch in self.chars]

    def write(self, pdf: PdfFile) -> None:
        face, chars = self.face, self.chars
        old = [face.glyphs.get(ord(ch), 0) for ch in chars]
        drawn = {ord(ch): glyph for ch, glyph in zip(chars, old) if glyph}
        program, new = fontfile.cut(face.data, drawn, face.subfont)
        # CID 0 is .notdef; a character the face has no glyph for (a blank) shows .notdef too.
        gids = [0] + [new.get(glyph, 0) for glyph in old]

        digest = hashlib.md5(face.name + "".join(chars).encode("utf-8", "surrogatepass")).digest()
        tag = "".join(chr(65 + b % 26) for b in digest[:6])
        base = Name(f"{tag}+{_ps_name(face)}")

        count = len(gids)  # CIDs 0..n
        cid_set = bytearray((count + 7) // 8)
        for cid in range(count):
            cid_set[cid >> 3] |= 0x80 >> (cid & 7)
        bbox = [int(v) for v in face.bbox]
        descriptor = pdf.add(
            {
                "Type": Name("FontDescriptor"),
                "FontName": base,
                "Flags": int(face.flags),
                "FontBBox": bbox,
                "ItalicAngle": float(face.italic_angle),
                "Ascent": int(face.ascent),
                "Descent": int(face.descent),
                "CapHeight": int(face.cap_height),
                "StemV": int(face.stem_v),
                "FontFile2": pdf.stream(program, {"Length1": len(program)}),
                "CIDSet": pdf.stream(bytes(cid_set)),
            }
        )
        gid_map = pdf.stream(b"".join(g.to_bytes(2, "big") for g in gids))
        widths = " ".join(fp_str(w) for w in self.widths())
        cid_font = pdf.add(
            f"<</Type /Font /Subtype /CIDFontType2 /BaseFont /{base} "
            "/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> "
            f"/FontDescriptor {int(descriptor)} 0 R /DW {fp_str(face.default_width)} "
            f"/W [1 [{widths}]] /CIDToGIDMap {int(gid_map)} 0 R>>"
        )
        to_unicode = pdf.stream(to_unicode_cmap(chars))
        pdf.add(
            {
                "Type": Name("Font"),
                "Subtype": Name("Type0"),
                "BaseFont": base,
                "Encoding": Name("Identity-H"),
                "DescendantFonts": [cid_font],
                "ToUnicode": to_unicode,
            },
            ref=self.ref,
        )


def _ps_name(face: Face) -> str:
    name = face.name.decode("latin-1")
    return re.sub(r"[^A-Za-z0-9._-]", "", name) or "Font"


def to_unicode_cmap(chars: list[str]) -> bytes:
    """CID i+1 -> chars[i], in blocks of at most 100 entries as the CMap syntax allows."""
    out = [_CMAP_HEAD]
    for start in range(0, len(chars), 100):
        block = chars[start : start + 100]
        out.append(f"{len(block)} beginbfchar\n")
        out.extend(
            f"<{start + i + 1:04X}> <{ch.encode('utf-16-be', 'surrogatepass').hex().upper()}>\n"
            for i, ch in enumerate(block)
        )
        out.append("endbfchar\n")
    out.append(_CMAP_TAIL)
    return "".join(out).encode("ascii")
