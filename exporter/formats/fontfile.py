"""Subset TrueType font files: only the glyphs a document draws, with a Unicode cmap for them.

The one subsetter of the PDF's and the OFD's embedded fonts.

The kept glyphs are numbered anew from 1 (.notdef stays 0), in their original order; `hmtx`, `loca`,
the components of composite glyphs and the new cmap follow. Outlines and hinting programs are copied
byte for byte from the font file (a memory map): tens of milliseconds for a 13 MB CJK font, where
fontTools' subsetter decompiles and recompiles every kept glyph and needs about 2 s per such font
(measured here), four times the budget of a whole export. Tables only a layout engine needs (GSUB,
GPOS, vertical metrics) are dropped: the document positions every glyph itself. Glyph names go too (`post` version 3).

Input must be TrueType outlines (`glyf`), as the PDF's fonts already are; a TTC collection is read at
its subfont index.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Mapping

# Copied byte for byte when present.
_COPIED = ("OS/2", "cvt ", "fpgm", "gasp", "head", "hhea", "name", "prep")
# Composite glyph flags (OpenType glyf table).
_ARG_WORDS, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080


class FontFileError(ValueError):
    """The bytes are not a TrueType font this module can subset. `reason` says which case it is for
    a message: "cff" (PostScript outlines), "subfont" (no such font in a collection) or "damaged"."""

    def __init__(self, message: str, reason: str = "damaged"):
        super().__init__(message)
        self.reason = reason


def tables(data, subfont: int = 0) -> dict[str, tuple[int, int]]:
    """{tag: (offset, length)} of one font in a .ttf or .ttc file."""
    start = 0
    if bytes(data[:4]) == b"ttcf":
        count = struct.unpack_from(">I", data, 8)[0]
        if not 0 <= subfont < count:
            raise FontFileError(f"the collection has {count} fonts, no index {subfont}", "subfont")
        start = struct.unpack_from(">I", data, 12 + 4 * subfont)[0]
    version = bytes(data[start : start + 4])
    if version == b"OTTO":
        raise FontFileError("PostScript (CFF) outlines, not TrueType ones", "cff")
    if version not in (b"\x00\x01\x00\x00", b"true"):
        raise FontFileError("not a font with TrueType outlines")
    count = struct.unpack_from(">H", data, start + 4)[0]
    out = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, start + 12 + 16 * i)
        out[tag.decode("latin-1")] = (offset, length)
    for tag in ("head", "hhea", "maxp", "hmtx", "loca", "glyf"):
        if tag not in out:
            raise FontFileError(f"the font has no '{tag}' table")
    return out


def subset(data, glyphs: Mapping[int, int], subfont: int = 0) -> bytes:
    """A TrueType font with the glyphs of `glyphs` (code point -> glyph ID in this font) and .notdef.

    `data` is the whole font file (bytes or a memory map). Output is the same for the same input.
    """
    return cut(data, glyphs, subfont)[0]


def cut(data, glyphs: Mapping[int, int], subfont: int = 0) -> tuple[bytes, dict[int, int]]:
    """The subset (as `subset`) and where each kept glyph went: old glyph ID -> new glyph ID."""
    where = tables(data, subfont)

    def table(tag: str) -> bytes:
        offset, length = where[tag]
        return bytes(data[offset : offset + length])

    head = bytearray(table("head"))
    long_loca = struct.unpack_from(">h", head, 50)[0] == 1
    num_glyphs = struct.unpack_from(">H", table("maxp"), 4)[0]
    loca_data = table("loca")
    if long_loca:
        loca = _array("I", loca_data[: 4 * (num_glyphs + 1)])
    else:
        loca = [2 * v for v in _array("H", loca_data[: 2 * (num_glyphs + 1)])]
    glyf_offset = where["glyf"][0]

    def glyph(gid: int) -> bytes:
        return bytes(data[glyf_offset + loca[gid] : glyf_offset + loca[gid + 1]])

    # The glyphs asked for, .notdef, and every component of a composite glyph.
    kept: dict[int, bytes] = {}
    todo = [0, *glyphs.values()]
    while todo:
        gid = todo.pop()
        if gid in kept or not 0 <= gid < num_glyphs:
            continue
        kept[gid] = outline = glyph(gid)
        todo.extend(_components(outline))

    # New glyph IDs: .notdef first, then the kept glyphs in their original order.
    order = sorted(kept)
    new_id = {old: new for new, old in enumerate(order)}
    glyf, offsets = bytearray(), array("I")
    for old in order:
        offsets.append(len(glyf))
        glyf += _renumbered(kept[old], new_id)
        glyf += b"\0" * (-len(glyf) % 4)
    offsets.append(len(glyf))
    count = len(order)
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set below

    maxp = bytearray(table("maxp"))
    struct.pack_into(">H", maxp, 4, count)
    hhea = bytearray(table("hhea"))
    metrics = struct.unpack_from(">H", hhea, 34)[0]
    old_hmtx = _array("H", table("hmtx")[: 4 * metrics + 2 * (num_glyphs - metrics)])
    hmtx = array("H")
    for old in order:  # every glyph gets a full (advance, left side bearing) pair
        if old < metrics:
            hmtx.extend(old_hmtx[2 * old : 2 * old + 2])
        else:
            hmtx.extend((old_hmtx[2 * metrics - 2], old_hmtx[2 * metrics + old - metrics]))
    struct.pack_into(">H", hhea, 34, count)
    post = bytearray(table("post")[:32]) if "post" in where else bytearray(32)
    struct.pack_into(">I", post, 0, 0x00030000)

    out = {tag: table(tag) for tag in _COPIED if tag in where}
    out.update(
        {
            "head": bytes(head),
            "hhea": bytes(hhea),
            "maxp": bytes(maxp),
            "hmtx": _big_endian(hmtx),
            "loca": _big_endian(offsets),
            "glyf": bytes(glyf),
            "post": bytes(post),
            "cmap": _cmap({c: new_id[g] for c, g in glyphs.items() if g in kept}),
        }
    )
    return _assemble(out), new_id


def _component_places(data: bytes) -> list[tuple[int, int]]:
    """(byte offset, glyph ID) of each component of a composite glyph; none for a simple glyph."""
    if len(data) < 10 or struct.unpack_from(">h", data, 0)[0] >= 0:
        return []
    found, pos = [], 10
    while pos + 4 <= len(data):
        flags, gid = struct.unpack_from(">HH", data, pos)
        found.append((pos + 2, gid))
        pos += 4 + (4 if flags & _ARG_WORDS else 2)
        pos += 8 if flags & _TWO_BY_TWO else 4 if flags & _XY_SCALE else 2 if flags & _SCALE else 0
        if not flags & _MORE:
            break
    return found


def _components(data: bytes) -> list[int]:
    return [gid for _, gid in _component_places(data)]


def _renumbered(data: bytes, new_id: Mapping[int, int]) -> bytes:
    """A glyph with its components' IDs changed to the subset's."""
    places = _component_places(data)
    if not places:
        return data
    out = bytearray(data)
    for pos, gid in places:
        struct.pack_into(">H", out, pos, new_id[gid])
    return bytes(out)


def _cmap(glyphs: Mapping[int, int]) -> bytes:
    """A cmap with a format 4 (BMP) subtable where it fits and a format 12 (all Unicode) subtable."""
    codes = sorted(glyphs)
    # Runs of consecutive code points mapped to consecutive glyph IDs.
    groups: list[list[int]] = []
    for code in codes:
        gid = glyphs[code]
        last = groups[-1] if groups else None
        if last and code == last[1] + 1 and gid == last[2] + (code - last[0]):
            last[1] = code
        else:
            groups.append([code, code, gid])
    subtables = []
    bmp = [g for g in groups if g[1] <= 0xFFFF]
    fmt4 = _format4(bmp) if len(bmp) < 8000 else None
    if fmt4:
        subtables.append((3, 1, fmt4))
    fmt12 = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
    fmt12 += b"".join(struct.pack(">III", start, end, gid) for start, end, gid in groups)
    subtables.append((3, 10, fmt12))
    header = struct.pack(">HH", 0, len(subtables))
    offset = 4 + 8 * len(subtables)
    records, body = b"", b""
    for platform, encoding, data in subtables:
        records += struct.pack(">HHI", platform, encoding, offset + len(body))
        body += data
    return header + records + body


def _format4(groups: list[list[int]]) -> bytes:
    segments = [(start, end, (gid - start) & 0xFFFF) for start, end, gid in groups] + [(0xFFFF, 0xFFFF, 1)]
    n = len(segments)
    search = 2 ** (n.bit_length() - 1)
    header = struct.pack(">HHHHHHH", 4, 16 + 8 * n, 0, 2 * n, 2 * search, search.bit_length() - 1, 2 * n - 2 * search)
    return (
        header
        + struct.pack(f">{n}H", *(s[1] for s in segments))
        + b"\0\0"
        + struct.pack(f">{n}H", *(s[0] for s in segments))
        + struct.pack(f">{n}H", *(s[2] for s in segments))
        + b"\0\0" * n
    )


def _array(code: str, data: bytes) -> array:
    """Big-endian unsigned integers (TrueType's byte order) as a machine array."""
    values = array(code, data)
    if sys.byteorder == "little":
        values.byteswap()
    return values


def _big_endian(values: array) -> bytes:
    if sys.byteorder == "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _checksum(data: bytes) -> int:
    return sum(_array("I", data + b"\0" * (-len(data) % 4))) & 0xFFFFFFFF


def _assemble(tables_out: dict[str, bytes]) -> bytes:
    """An sfnt file of the tables, sorted by tag, each 4-byte aligned, with the head checksum set."""
    tags = sorted(tables_out)
    n = len(tags)
    search = 2 ** (n.bit_length() - 1)
    directory = struct.pack(">IHHHH", 0x00010000, n, 16 * search, search.bit_length() - 1, 16 * n - 16 * search)
    offset = 12 + 16 * n
    records, body, total, head_at = b"", [], 0, 0
    size = offset
    for tag in tags:
        data = tables_out[tag]
        checksum = _checksum(data)
        total += checksum
        if tag == "head":
            head_at = size
        records += struct.pack(">4sIII", tag.encode("latin-1"), checksum, size, len(data))
        body.append(data + b"\0" * (-len(data) % 4))
        size += len(body[-1])
    # The whole file's checksum is the directory's plus every (padded) table's.
    total += _checksum(directory + records)
    font = bytearray(directory + records + b"".join(body))
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
    return bytes(font)
