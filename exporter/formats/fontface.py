"""A TrueType face's names, metrics and character map, read straight from the font file's tables.

What the PDF and OFD writers need of a font: its PostScript and family names, the descriptor values
(bounding box, ascent, descent, cap height, italic angle, flags, stem width), and for each character
its glyph and advance width in 1/1000 em. The values are those reportlab's TTFontFace computes (the
PDFs did not change when this replaced it; tests/test_fontface.py compares the two), but nothing is
parsed ahead: the character map and the advance widths stay in the file (a memory map) and each
lookup reads a few bytes, where parsing a 13 MB CJK font up front took about 50 ms.

Fonts whose tables break the rules (unsorted or overlapping cmap segments) are read into a dict
once, in the order reportlab reads them, so the same glyph wins.
"""

from __future__ import annotations

import struct
from bisect import bisect_left
from collections.abc import Iterator, Mapping

from exporter.formats.fontfile import FontFileError, _array, tables

# PDF font descriptor flags (PDF 32000-1, table 123), as reportlab sets them.
_FIXED, _SYMBOLIC, _ITALIC, _FORCE_BOLD = 1, 4, 64, 1 << 18
_NAME_IDS = (1, 2, 3, 4, 6)  # family, subfamily, unique ID, full name, PostScript name
_PS_FORBIDDEN = b" [](){}<>/%"


class Face:
    """One face of a .ttf or .ttc file (`data`: its bytes or a memory map, kept for subsetting).

    Raises FontFileError for a file this reader (and so the PDF writer) cannot use.
    """

    def __init__(self, data, subfont: int = 0):
        self.data = data
        self.subfont = subfont
        try:
            self.where = tables(data, subfont)
            self._read()
        except (struct.error, IndexError, KeyError, UnicodeError, ZeroDivisionError) as exc:
            raise FontFileError(f"damaged font tables ({type(exc).__name__}: {exc})") from None

    def _table(self, tag: str) -> tuple[int, int]:
        if tag not in self.where:
            raise FontFileError(f"the font has no '{tag}' table")
        return self.where[tag]

    def _read(self) -> None:
        data = self.data
        self.name, self.family_name = _names(data, *self._table("name"))

        head = self._table("head")[0]
        if _u16(data, head) != 1:
            raise FontFileError("unknown 'head' table version")
        if struct.unpack_from(">I", data, head + 12)[0] != 0x5F0F3CF5:
            raise FontFileError("the 'head' table has a bad magic number")
        self.units_per_em = units = _u16(data, head + 18)
        factor = 1000 / units
        scale = self.scale = (lambda x: x) if units == 1000 else (lambda x: x * factor)
        x_min, y_min, x_max, y_max = struct.unpack_from(">4h", data, head + 36)
        self.bbox = [scale(v) for v in (x_min, y_min, x_max, y_max)]
        if _u16(data, head + 52) != 0:
            raise FontFileError("unknown glyph data format")

        restricted = False
        if "OS/2" in self.where:
            os2 = self.where["OS/2"][0]
            version, weight, fs_type = _u16(data, os2), _u16(data, os2 + 4), _u16(data, os2 + 8)
            restricted = fs_type == 0x0002 or bool(fs_type & 0x0300)
            ascender, descender = struct.unpack_from(">2h", data, os2 + 68)
            self.ascent, self.descent = scale(ascender), scale(descender)
            self.cap_height = scale(struct.unpack_from(">h", data, os2 + 88)[0]) if version > 1 else self.ascent
        else:  # Apple fonts may lack OS/2
            weight = 500
            self.ascent, self.descent = scale(y_max), scale(y_min)
            self.cap_height = self.ascent
        # A TrueType font does not record its stem width: reportlab's (and pdflib's) estimate.
        self.stem_v = 50 + int((weight / 65.0) ** 2)

        post = self._table("post")[0]
        if _u16(data, post) not in (1, 2, 3, 4):
            raise FontFileError("unknown 'post' table version")
        whole, fraction = struct.unpack_from(">hH", data, post + 4)
        self.italic_angle = whole + fraction / 65536.0
        fixed_pitch = struct.unpack_from(">I", data, post + 12)[0]
        self.flags = _SYMBOLIC | (_ITALIC if self.italic_angle != 0 else 0)
        self.flags |= (_FORCE_BOLD if weight >= 600 else 0) | (_FIXED if fixed_pitch else 0)

        hhea = self._table("hhea")[0]
        if _u16(data, hhea) != 1:
            raise FontFileError("unknown 'hhea' table version")
        if _u16(data, hhea + 32) != 0:
            raise FontFileError("unknown horizontal metric data format")
        metrics = _u16(data, hhea + 34)
        if metrics == 0:
            raise FontFileError("the font has no horizontal metrics")
        maxp = self._table("maxp")[0]
        if _u16(data, maxp) != 1:
            raise FontFileError("unknown 'maxp' table version")
        self.num_glyphs = _u16(data, maxp + 4)
        if restricted and self.num_glyphs > 0xFF:
            raise FontFileError("the font's licence does not allow subsetting or embedding (OS/2 fsType)")

        hmtx_at, hmtx_length = self._table("hmtx")
        count = min(metrics, hmtx_length // 4)
        self._advances = _array("H", bytes(data[hmtx_at : hmtx_at + 4 * count]))[::2]
        if len(self._advances) < metrics:
            raise FontFileError("the 'hmtx' table is shorter than 'hhea' says")
        self._metrics = metrics
        self._widths_end = max(metrics, self.num_glyphs)  # glyphs reportlab gives a width
        self.default_width = scale(self._advances[0])

        cmap = _character_map(data, *self._table("cmap"), self.num_glyphs)
        # reportlab draws a no-break space with the space's glyph (or the other way round).
        alias = (0xA0, 0x20) if 0x20 in cmap else (0x20, 0xA0) if 0xA0 in cmap else None
        self.glyphs = _Aliased(cmap, alias) if alias else cmap
        self.widths = _Widths(self)

    def advance(self, glyph: int):
        """The advance width of a glyph in 1/1000 em (the last full metric for the ones after it)."""
        return self.scale(self._advances[min(glyph, self._metrics - 1)])


def _u16(data, at: int) -> int:
    return struct.unpack_from(">H", data, at)[0]


def _names(data, at: int, length: int) -> tuple[bytes, bytes]:
    """(PostScript name, family name), each as UTF-8 bytes, found as reportlab finds them."""
    fmt, count, strings = struct.unpack_from(">3H", data, at)
    if fmt != 0:
        raise FontFileError(f"unknown 'name' table format {fmt}")
    strings += at
    found: dict[int, str] = {}
    for i in range(count):
        platform, encoding, language, name_id, size, offset = struct.unpack_from(">6H", data, at + 6 + 12 * i)
        if name_id not in _NAME_IDS or name_id in found:
            continue
        raw = bytes(data[strings + offset : strings + offset + size])
        if (platform, encoding, language) == (3, 1, 0x409):
            if size % 2:
                raise FontFileError("a name in UTF-16 has an odd length")
            codec = "utf_16_be"
        elif (platform, encoding, language) == (1, 0, 0):
            codec = "mac_roman"
        else:
            continue
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        if text:
            found[name_id] = text
            if len(found) == len(_NAME_IDS):
                break
    ps = found.get(6) or found.get(4) or found.get(1)
    if not ps:
        raise FontFileError("the font has no PostScript name")
    name = ps.encode("utf-8").replace(b" ", b"-")
    if any(c > 126 or c in _PS_FORBIDDEN for c in name):
        raise FontFileError(f"the PostScript name {name!r} has characters a PDF name cannot hold")
    family = found[1].encode("utf-8") if 1 in found else name
    return name, family


def _character_map(data, at: int, length: int, num_glyphs: int) -> Mapping[int, int]:
    """Unicode code point -> glyph of the subtable reportlab picks: the last Windows one (platform 3),
    else a Unicode one (platform 0, not variation sequences), else Mac Roman."""
    version, count = struct.unpack_from(">2H", data, at)
    if count == 0 and version != 0:
        count = version
    chosen, kind = None, 0
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">2HI", data, at + 4 + 8 * i)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    if chosen is None:
        raise FontFileError("the font has no Unicode character map")
    sub = at + chosen
    fmt = _u16(data, sub)
    if fmt in (8, 10, 12, 13):
        end = sub + struct.unpack_from(">I", data, sub + 4)[0]
        body = sub + 12
    else:
        end = sub + _u16(data, sub + 2)
        body = sub + 6
    if fmt == 4:
        return _format4(data, body, end)
    if fmt in (12, 13):
        groups = struct.unpack_from(">I", data, body)[0]
        values = _array("I", bytes(data[body + 4 : body + 4 + 12 * groups]))
        return _Groups(values[0::3], values[1::3], values[2::3], fmt == 13)
    table: dict[int, int] = {}
    if fmt == 0:
        codes = bytes(data[body:end])
        for code in range(min(256, num_glyphs, len(codes))):
            table[code] = codes[code]
    elif fmt in (6, 10):
        # As reportlab reads them (the values taken as code points): kept so the same fonts behave the same.
        wide = fmt == 10
        first, number = struct.unpack_from(">2I" if wide else ">2H", data, body)
        values = _array("H", bytes(data[body + (8 if wide else 4) :][: 2 * number]))
        for glyph, code in zip(range(first, first + number), values):
            table[code] = glyph
    else:
        raise FontFileError(f"character map format {fmt} is not supported")
    return table


def _format4(data, body: int, end: int) -> Mapping[int, int]:
    segments = _u16(data, body) // 2
    at = body + 8
    ends = _array("H", bytes(data[at : at + 2 * segments]))
    at += 2 * segments + 2
    starts = _array("H", bytes(data[at : at + 2 * segments]))
    deltas = list(struct.unpack_from(f">{segments}h", data, at + 2 * segments))
    ranges_at = at + 4 * segments
    ranges = _array("H", bytes(data[ranges_at : ranges_at + 2 * segments]))
    table = _Segments(data, ends, starts, deltas, ranges, ranges_at, end)
    if all(ends[i] > ends[i - 1] and starts[i] > ends[i - 1] for i in range(1, segments)):
        return table
    return table.expanded()  # overlapping or unsorted: read every segment, later ones winning


class _Lookup(Mapping):
    """A read-only code -> glyph map answered from the font's own table. Iterating it (which no
    writer does) expands it once."""

    _all: dict | None = None

    def __getitem__(self, code: int) -> int:
        glyph = self.get(code)
        if glyph is None:
            raise KeyError(code)
        return glyph

    def __contains__(self, code) -> bool:
        return self.get(code) is not None

    def expanded(self) -> dict[int, int]:
        if self._all is None:
            self._all = dict(self._items())
        return self._all

    def __iter__(self) -> Iterator[int]:
        return iter(self.expanded())

    def __len__(self) -> int:
        return len(self.expanded())


class _Segments(_Lookup):
    """A format 4 subtable (Unicode BMP): segments of codes with a delta or a glyph array."""

    def __init__(self, data, ends, starts, deltas, ranges, ranges_at: int, end: int):
        self.data, self.ends, self.starts, self.deltas = data, ends, starts, deltas
        self.ranges, self.ranges_at, self.end = ranges, ranges_at, end

    def get(self, code, default=None):
        if type(code) is not int:
            return default
        i = bisect_left(self.ends, code)
        if i == len(self.ends) or self.starts[i] > code:
            return default
        return self._glyph(i, code)

    def _glyph(self, i: int, code: int) -> int:
        offset = self.ranges[i]
        if offset == 0:
            return (code + self.deltas[i]) & 0xFFFF
        at = self.ranges_at + 2 * i + offset + 2 * (code - self.starts[i])
        if at >= self.end:  # a broken font: reportlab reads .notdef
            return 0
        glyph = _u16(self.data, at)
        return (glyph + self.deltas[i]) & 0xFFFF if glyph else 0

    def _items(self):
        for i in range(len(self.ends)):
            for code in range(self.starts[i], self.ends[i] + 1):
                yield code, self._glyph(i, code)


class _Groups(_Lookup):
    """A format 12 (consecutive glyphs) or 13 (one glyph per group) subtable: all of Unicode."""

    def __init__(self, starts, ends, glyphs, constant: bool):
        self.starts, self.ends, self.glyphs, self.constant = starts, ends, glyphs, constant
        ordered = all(starts[i] > ends[i - 1] and ends[i] > ends[i - 1] for i in range(1, len(ends)))
        if not ordered:
            self.expanded()

    def get(self, code, default=None):
        if self._all is not None:
            return self._all.get(code, default)
        if type(code) is not int:
            return default
        i = bisect_left(self.ends, code)
        if i == len(self.ends) or self.starts[i] > code:
            return default
        return self.glyphs[i] if self.constant else code - self.starts[i] + self.glyphs[i]

    def _items(self):
        for start, end, glyph in zip(self.starts, self.ends, self.glyphs):
            for code in range(start, end + 1):
                yield code, glyph if self.constant else code - start + glyph


class _Aliased(Mapping):
    """A character map in which one code reads as another (the no-break space as the space)."""

    def __init__(self, base: Mapping[int, int], alias: tuple[int, int]):
        self.base, self.alias = base, alias

    def get(self, code, default=None):
        return self.base.get(self.alias[1] if code == self.alias[0] else code, default)

    def __getitem__(self, code):
        glyph = self.get(code)
        if glyph is None:
            raise KeyError(code)
        return glyph

    def __contains__(self, code) -> bool:
        return self.get(code) is not None

    def __iter__(self):
        keys = set(self.base)
        keys.add(self.alias[0])
        return iter(sorted(keys))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Widths(Mapping):
    """Code point -> advance width in 1/1000 em, for every character the face has a glyph for."""

    def __init__(self, face: Face):
        self.face = face

    def get(self, code, default=None):
        glyph = self.face.glyphs.get(code)
        if glyph is None or glyph >= self.face._widths_end:
            return default
        return self.face.advance(glyph)

    def __getitem__(self, code):
        width = self.get(code)
        if width is None:
            raise KeyError(code)
        return width

    def __contains__(self, code) -> bool:
        return self.get(code) is not None

    def __iter__(self):
        return (code for code in self.face.glyphs if code in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)
