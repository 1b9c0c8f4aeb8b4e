"""One laid-out page as an OFD `Content.xml`: fills and rules as PathObject, text as TextObject.

The page comes from the same layout as the PDF (exporter.formats.pdf.layout), in points with the
origin at the bottom left; OFD wants millimetres with the origin at the top left. Every character's
advance is written in `DeltaX`, so a reader puts each glyph exactly where the PDF does (the font's
own advance, plus the justification space the PDF adds with Tc). A line whose characters come from
fallback fonts becomes one TextObject per font, since a TextObject has a single font.
"""

from __future__ import annotations

from itertools import accumulate
from operator import add, sub

from exporter.formats.ofd.xml import MM, num, text
from exporter.formats.pdf.fonts import Font, FontChain
from exporter.formats.pdf.layout import Page, Text
from exporter.text.linebreak import latin_runs

# Text boundaries reach well past the glyphs (readers may clip to them): from 1.2 em above the
# baseline to 0.4 em below it, half an em either side.
_ABOVE, _BELOW, _SIDE = 1.2, 0.4, 0.5
UM = MM * 1000  # micrometres per point


class _Microns(dict):
    """Whole micrometres -> millimetres as written ("4233" -> "4.233"), formatted once per value."""

    def __missing__(self, value: int) -> str:
        text = self[value] = num(value / 1000)
        return text


_MICRONS = _Microns()


class Resources:
    """IDs and fonts of one document: every object, page and font gets the next ID, in drawing order."""

    def __init__(self):
        self.last_id = 0
        self.fonts: dict[str, tuple[int, Font]] = {}  # font name -> (ID, font)
        self.chars: dict[int, set[str]] = {}  # font ID -> characters drawn with it
        self._advances: dict[tuple[str, float], dict[str, float]] = {}

    def new_id(self) -> int:
        self.last_id += 1
        return self.last_id

    def font_id(self, font: Font) -> int:
        entry = self.fonts.get(font.name)
        if entry is None:
            entry = self.fonts[font.name] = (self.new_id(), font)
            self.chars[entry[0]] = set()
        return entry[0]

    def advances(self, font: Font, size: float) -> dict[str, float]:
        """char -> advance in points at size, as the PDF measures it."""
        key = (font.name, size)
        table = self._advances.get(key)
        if table is None:
            table = self._advances[key] = _Advances(font, size)
        return table


class _Advances(dict):
    def __init__(self, font: Font, size: float):
        super().__init__()
        self.widths, self.default, self.scale = font.widths, font.default_width, size / 1000.0

    def __missing__(self, ch: str) -> float:
        value = self[ch] = self.widths.get(ord(ch), self.default) * self.scale
        return value


def _font_named(chain: FontChain, name: str) -> Font:
    # chain.runs named this font, so it and every font before it in the chain are loaded already.
    for i in range(len(chain.specs)):
        font = chain.font(i)
        if font.name == name:
            return font
    raise KeyError(name)


def _extras(line_text: str, space: float) -> list[float]:
    """Justification space after each character: none inside a letter/digit run, as the PDF draws it."""
    extra = [space] * len(line_text)
    for start, end in latin_runs(line_text):
        extra[start : end - 1] = [0.0] * (end - 1 - start)
    return extra


class PageContent:
    """Builds the Content.xml of pages, sharing IDs and fonts through `resources`."""

    def __init__(self, resources: Resources, page_height: float):
        self.res = resources
        self.height = page_height
        self._chain_fonts: dict[int, dict[str, Font]] = {}

    def xml(self, page: Page) -> str:
        res = self.res
        out = [
            '<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">'
            f'<ofd:Content><ofd:Layer ID="{res.new_id()}" Type="Body">'
        ]
        by_gray: dict[float, list[tuple[float, float, float, float]]] = {}
        for x, y, w, h, gray in page.fills:
            by_gray.setdefault(gray, []).append((x, y, w, h))
        for gray in sorted(by_gray):
            out.append(self._fills(by_gray[gray], gray))
        by_width: dict[float, list[tuple[float, float, float, float]]] = {}
        for x1, y1, x2, y2, width in page.rules:
            by_width.setdefault(width, []).append((x1, y1, x2, y2))
        for width in sorted(by_width):
            out.append(self._rules(by_width[width], width))
        for item in page.texts:
            self._text(item, out)
        out.append("</ofd:Layer></ofd:Content></ofd:Page>")
        return "".join(out)

    # ---- paths ---------------------------------------------------------------------------------
    def _path(self, boxes, pad: float, data, attrs: str, color: str) -> str:
        """A PathObject around the given boxes (mm, top-left origin); `data` yields path commands
        relative to the boundary's corner."""
        left = round(min(b[0] for b in boxes) - pad, 3)
        top = round(min(b[1] for b in boxes) - pad, 3)
        right = max(b[2] for b in boxes) + pad
        bottom = max(b[3] for b in boxes) + pad
        return (
            f'<ofd:PathObject ID="{self.res.new_id()}" Boundary="{num(left)} {num(top)} {num(right - left)} '
            f'{num(bottom - top)}"{attrs}>{color}<ofd:AbbreviatedData>{" ".join(data(left, top))}'
            "</ofd:AbbreviatedData></ofd:PathObject>"
        )

    def _fills(self, rects, gray: float) -> str:
        h = self.height
        boxes = [(x * MM, (h - y - rh) * MM, (x + rw) * MM, (h - y) * MM) for x, y, rw, rh in rects]
        value = round(gray * 255)

        def data(left, top):
            for x1, y1, x2, y2 in boxes:
                a, b, c, d = num(x1 - left), num(y1 - top), num(x2 - left), num(y2 - top)
                yield f"M {a} {b} L {c} {b} L {c} {d} L {a} {d} C"

        return self._path(
            boxes, 0.0, data, ' Stroke="false" Fill="true"', f'<ofd:FillColor Value="{value} {value} {value}"/>'
        )

    def _rules(self, lines, width: float) -> str:
        h = self.height
        segs = [(x1 * MM, (h - y1) * MM, x2 * MM, (h - y2) * MM) for x1, y1, x2, y2 in lines]
        boxes = [(min(a, c), min(b, d), max(a, c), max(b, d)) for a, b, c, d in segs]

        def data(left, top):
            for x1, y1, x2, y2 in segs:
                yield f"M {num(x1 - left)} {num(y1 - top)} L {num(x2 - left)} {num(y2 - top)}"

        # Square caps, as the PDF draws them, so crossing rules meet without notches.
        return self._path(
            boxes, width * MM, data, f' LineWidth="{num(width * MM)}" Cap="Square"', '<ofd:StrokeColor Value="0 0 0"/>'
        )

    # ---- text ----------------------------------------------------------------------------------
    def _text(self, item: Text, out: list[str]) -> None:
        res = self.res
        line = item.line
        chain, size, line_text = line.chain, line.size, line.text
        fonts = self._chain_fonts.setdefault(id(chain), {})
        extra = _extras(line_text, item.char_space) if item.char_space else None
        size_mm = size * MM
        baseline = (self.height - item.y) * MM
        top = round(baseline - _ABOVE * size_mm, 3)
        y = num(baseline - top)
        height = num((_ABOVE + _BELOW) * size_mm)
        x = item.x
        at = 0
        for name, piece in chain.runs(line_text):
            font = fonts.get(name)
            if font is None:
                font = fonts[name] = _font_named(chain, name)
            font_id = res.font_id(font)
            res.chars[font_id].update(piece)
            n = len(piece)
            widths = list(map(res.advances(font, size).__getitem__, piece))
            if extra is not None:
                widths = list(map(add, widths, extra[at : at + n]))
            at += n
            # Where each character starts, in whole micrometres from the page's left edge; DeltaX
            # holds differences of these rounded positions, so rounding never accumulates.
            starts = list(accumulate(widths, initial=x))
            x = starts[-1]
            um = list(map(round, map(UM.__mul__, starts)))
            first = um[0] / 1000
            left = round(first - _SIDE * size_mm, 3)
            width = x * MM - left + _SIDE * size_mm
            delta = ""
            if n > 1:
                delta = ' DeltaX="' + " ".join(map(_MICRONS.__getitem__, map(sub, um[1:n], um[: n - 1]))) + '"'
            out.append(
                f'<ofd:TextObject ID="{res.new_id()}" Boundary="{num(left)} {num(top)} {num(width)} '
                f'{height}" Font="{font_id}" Size="{num(size_mm)}"><ofd:TextCode X="{num(first - left)}"'
                f' Y="{y}"{delta}>{text(piece)}</ofd:TextCode></ofd:TextObject>'
            )
