"""Our TrueType face reader gives what reportlab's TTFontFace gave, and the PDF draws the same.

The PDF's font metrics (widths, descriptor values, names) came from reportlab until the face reader
(exporter.formats.fontface) and the one subsetter (exporter.formats.fontfile) replaced it; reportlab
stays the reference here. Every character of each font must map to the same glyph and width.
"""

from __future__ import annotations

import io
import random
import struct
from array import array
from pathlib import Path

import pikepdf
import pytest
from conftest import DATA, run_entry
from fontTools import ttLib
from reportlab.pdfbase.ttfonts import TTFontFace

from exporter.formats import fontface
from exporter.formats.fontface import Face
from exporter.formats.fontfile import FontFileError

REPO = Path(__file__).resolve().parent.parent
FONTS = [
    REPO / "fonts" / name for name in ("NotoSerifSC-Regular.ttf", "NotoSerifSC-Bold.ttf", "NotoSansSC-Regular.ttf")
]
SYSTEM = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),  # 2048 units per em, composite glyphs, format 4
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf"),  # italic angle, bold weight
    Path("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"),  # AR PL SungtiL GB (CI installs it)
]


def _fonts():
    return FONTS + [p for p in SYSTEM if p.is_file()]


@pytest.mark.parametrize("path", _fonts(), ids=lambda p: p.stem)
def test_the_face_reads_as_reportlab_reads_it(path):
    ours = Face(path.read_bytes())
    theirs = TTFontFace(str(path))
    assert ours.name == bytes(theirs.name) and ours.family_name == bytes(theirs.familyName)
    assert ours.bbox == theirs.bbox and ours.flags == theirs.flags and ours.italic_angle == theirs.italicAngle
    assert (ours.ascent, ours.descent, ours.cap_height) == (theirs.ascent, theirs.descent, theirs.capHeight)
    assert ours.stem_v == theirs.stemV and ours.default_width == theirs.defaultWidth
    # Every character: same glyph, same width, and the same type of number (fp_str writes both alike,
    # but an int staying an int keeps the widths exactly as they were).
    assert len(theirs.charToGlyph) > 200
    for code, glyph in theirs.charToGlyph.items():
        assert ours.glyphs.get(code) == glyph, hex(code)
        width = theirs.charWidths.get(code)
        got = ours.widths.get(code)
        assert got == width and type(got) is type(width), hex(code)
    # Characters the font lacks are lacking here too: neighbours of every mapped one and a random sample.
    codes = {c + d for c in theirs.charToGlyph for d in (-1, 1)}
    codes |= set(random.Random(7).sample(range(0x110000), 5_000))
    for code in codes:
        assert (code in ours.glyphs) == (code in theirs.charToGlyph), hex(code)
        assert ours.widths.get(code, "none") == theirs.charWidths.get(code, "none"), hex(code)
    assert set(ours.glyphs) == set(theirs.charToGlyph)  # iterating expands the same map


def test_the_bundled_export_embeds_our_subsets_and_every_glyph_is_where_the_codes_point(tmp_path):
    """The CIDToGIDMap of each font points every code at the glyph of its character in the subset."""
    out = tmp_path / "bundled.pdf"
    result = run_entry("export", "pdf", "--data", DATA, "-o", out)
    assert result.code == 0, result.err
    paths = {Face(p.read_bytes()).name.decode(): p for p in FONTS}
    seen = 0
    with pikepdf.open(out) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Subtype") != "/Type0":
                continue
            cid_font = obj.DescendantFonts[0]
            path = paths[str(obj.BaseFont)[8:]]  # after "/ABCDEF+"
            original = Face(path.read_bytes())
            subset = ttLib.TTFont(io.BytesIO(cid_font.FontDescriptor.FontFile2.read_bytes()))
            order = subset.getGlyphOrder()
            gid_map = array("H", cid_font.CIDToGIDMap.read_bytes())
            gid_map.byteswap()
            chars = _to_unicode(obj.ToUnicode.read_bytes())
            glyf, original_tt = subset["glyf"], ttLib.TTFont(str(path), lazy=True)
            for cid, ch in chars.items():
                new = order[gid_map[cid]]
                old = original_tt.getGlyphOrder()[original.glyphs[ord(ch)]]
                # Same outline (simple glyphs compared point for point) and the same advance width.
                assert subset["hmtx"][new][0] == original_tt["hmtx"][old][0], ch
                if not glyf[new].isComposite():
                    assert (
                        glyf[new].getCoordinates(glyf)[0]
                        == original_tt["glyf"][old].getCoordinates(original_tt["glyf"])[0]
                    ), ch
                seen += 1
    assert seen > 1500


def _to_unicode(cmap: bytes) -> dict[int, str]:
    out = {}
    for line in cmap.decode("ascii").splitlines():
        if line.startswith("<") and "> <" in line:
            cid, text = line.strip("<>").split("> <")
            out[int(cid, 16)] = bytes.fromhex(text).decode("utf-16-be")
    return out


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"OTTO" + bytes(200), "cff"),
        (b"ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10" + bytes(100), "subfont"),  # asked for font 3
        (b"\x00\x01\x00\x00\x00\x09" + bytes(10), "damaged"),  # a directory of 9 tables that is not there
        (b"", "damaged"),
    ],
    ids=["cff", "no-such-subfont", "truncated", "empty"],
)
def test_fonts_it_cannot_read_raise_one_error_with_a_reason(data, reason):
    with pytest.raises(FontFileError) as exc:
        Face(data, subfont=3 if reason == "subfont" else 0)
    assert exc.value.reason == reason


def test_a_truncated_font_is_a_clear_template_error(tmp_path):
    font = tmp_path / "cut.ttf"
    font.write_bytes(FONTS[0].read_bytes()[:5000])
    template = tmp_path / "cut.yaml"
    template.write_text(f"extends: official\nfonts:\n  serif: {font}\n", encoding="utf-8")
    result = run_entry("export", "pdf", "--data", DATA, "--template", template, "-o", tmp_path / "x.pdf")
    assert result.code != 0 and "Traceback" not in result.err
    assert "cut.ttf" in result.err and "不是可用的 TrueType 字体" in result.err
    assert not (tmp_path / "x.pdf").exists()


def test_groups_out_of_order_are_read_as_reportlab_reads_them():
    # Format 12 groups that overlap: the later one wins, as in reportlab's dict.
    starts, ends, glyphs = array("I", [10, 12]), array("I", [20, 14]), array("I", [100, 500])
    table = fontface._Groups(starts, ends, glyphs, constant=False)
    expected = {c: c - 10 + 100 for c in range(10, 21)} | {c: c - 12 + 500 for c in range(12, 15)}
    assert dict(table) == expected and table.get(13) == 501 and table.get(21) is None


def test_format4_segments_with_a_glyph_array():
    # Two segments: 'A'-'C' through idRangeOffset into a glyph array, and the 0xFFFF end segment.
    ends, starts = [0x43, 0xFFFF], [0x41, 0xFFFF]
    deltas, ranges = [0, 1], [4, 0]  # 4 bytes from the first idRangeOffset: past both, to the array
    glyph_array = [7, 0, 9]
    segs = len(ends)
    body = struct.pack(">4H", 2 * segs, 0, 0, 0) + struct.pack(f">{segs}H", *ends) + b"\0\0"
    body += struct.pack(f">{segs}H", *starts) + struct.pack(f">{segs}h", *deltas) + struct.pack(f">{segs}H", *ranges)
    body += struct.pack(">3H", *glyph_array)
    data = b"\0" * 6 + body
    table = fontface._format4(data, 6, len(data))
    assert table.get(0x41) == 7 and table.get(0x42) == 0 and table.get(0x43) == 9 and table.get(0x44) is None
    assert table.get(0xFFFF) == 0  # the end segment maps to .notdef, and reportlab kept it in its map


# ---- the other two things the PDF took from reportlab: number formatting and paper sizes -----------
def test_numbers_are_written_as_reportlabs_fp_str_wrote_them():
    from reportlab.lib.rl_accel import fp_str as theirs

    from exporter.formats.pdf.objects import fp_str

    rng = random.Random(11)
    values = [0, 0.0, -0.0, 1e-7, 1.0000001e-7, 0.5, -0.5, 1, 1.0, 10, 99.99999949, 0.0000005, 595.2755905511812]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-8, 12) for _ in range(20_000)]
    values += [rng.randint(-(10**9), 10**9) for _ in range(5_000)]
    values += [round(rng.uniform(0, 1000), rng.randint(0, 8)) for _ in range(10_000)]
    for value in values:
        assert fp_str(value) == theirs(value), value


def test_paper_sizes_are_reportlabs_to_the_bit():
    from reportlab.lib import pagesizes

    from exporter.formats.paper import PAGES, PT_PER_MM

    for name, (short, long) in PAGES.items():
        assert (short * PT_PER_MM, long * PT_PER_MM) == getattr(pagesizes, name), name


def test_a_chinese_family_name_reaches_the_ofd_font_entry_unchanged():
    """A family name in Chinese (name ID 1 of the Windows English record, as some fonts have) is read as
    UTF-8 and written to the OFD's FamilyName as it is — it used to be decoded as Latin-1 (mojibake)."""
    from exporter.formats.ofd.writer import _name

    font = ttLib.TTFont(FONTS[0])
    font["name"].setName("思源宋体 测试", 1, 3, 1, 0x409)
    buf = io.BytesIO()
    font.save(buf)
    face = Face(buf.getvalue())
    assert _name(face.family_name) == "思源宋体 测试"
    assert _name(face.name) == "NotoSerifSC-Regular"
