"""Draw a laid-out page on a reportlab canvas: fills, rules, text and outline entries.

Text never goes through Paragraph, so nothing in the data is read as markup. The page's text is
written as one text object of PDF operators, the very ones reportlab's `textOut` would write
(font subsets are still assigned by the font's `splitString`), without its per-call width
measuring and string formatting, which cost more than the layout. tests/test_pdf.py checks that the
bytes equal those of the textOut path.
"""
from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from exporter.formats.pdf.layout import Page
from exporter.text.linebreak import latin_runs

# A PDF literal string: parentheses and backslash escaped, bytes outside printable ASCII in octal,
# as reportlab's escapePDF does.
_ESCAPE = {c: (f"\\{c:03o}" if c < 32 or c >= 127 else "\\" + chr(c) if chr(c) in "\\()" else chr(c))
           for c in range(256)}


class PageWriter:
    """Writes pages to one canvas; keeps number formats and font splits for the whole document."""

    def __init__(self, canvas: Canvas):
        self.canvas = canvas
        self.doc = canvas._doc   # reportlab's TTFont API wants the document for subset bookkeeping
        self.bookmarks = 0
        self._numbers: dict[float, str] = {}
        self._split: dict[tuple[str, str], list[tuple[int, str]]] = {}   # (font, text) -> (subset, Tj)
        self._tf: dict[tuple[str, int, float], str] = {}                   # (font, subset, size) -> Tf

    def num(self, value: float) -> str:
        text = self._numbers.get(value)
        if text is None:
            text = self._numbers[value] = fp_str(value)
        return text

    def draw(self, page: Page) -> None:
        canvas, num = self.canvas, self.num
        for x, y, w, h, gray in page.fills:
            canvas.setFillGray(gray)
            canvas.addLiteral(f"n {num(x)} {num(y)} {num(w)} {num(h)} re f*")
        canvas.setFillGray(0)

        by_width: dict[float, list[tuple[float, float, float, float]]] = {}
        for x1, y1, x2, y2, width in page.rules:
            by_width.setdefault(width, []).append((x1, y1, x2, y2))
        canvas.setLineCap(2)  # square ends, so crossing rules meet without notches
        for width in sorted(by_width):
            canvas.setLineWidth(width)
            canvas.addLiteral("\n".join(["n"] + [f"{num(x1)} {num(y1)} m {num(x2)} {num(y2)} l"
                                                 for x1, y1, x2, y2 in by_width[width]] + ["S"]))

        if page.texts:
            canvas.addLiteral(self.text(page))

        for title, level, y in page.bookmarks:
            self.bookmarks += 1
            key = f"b{self.bookmarks}"
            canvas.bookmarkPage(key, fit="XYZ", left=0, top=y + 12, zoom=0)
            canvas.addOutlineEntry(title, key, level=level, closed=False)

    def text(self, page: Page) -> str:
        """The page's text object: BT … ET."""
        num, splits, tfs = self.num, self._split, self._tf
        out = ["BT", "1 0 0 1 0 0 Tm"]
        append = out.append
        font, subset, tc = None, -1, 0.0
        for item in page.texts:
            line = item.line
            text, size, chain = line.text, line.size, line.chain
            append(f"1 0 0 1 {num(item.x)} {num(item.y)} Tm")
            if not item.char_space:
                pieces = ((text, 0.0),)
            else:
                # Justified: every character is followed by the extra space, except inside
                # letter/digit runs.
                space, pieces, at = item.char_space, [], 0
                for start, end in latin_runs(text):
                    pieces.append((text[at:start], space))
                    pieces.append((text[start:end - 1], 0.0))
                    at = end - 1
                pieces.append((text[at:], space))
            for piece, char_space in pieces:
                if not piece:
                    continue
                if tc != char_space:
                    tc = char_space
                    append(f"{num(char_space)} Tc")
                for name, run in chain.runs(piece):   # switching to fallback fonts as needed
                    if font != (name, size):
                        font, subset = (name, size), -1
                    parts = splits.get((name, run))
                    if parts is None:
                        parts = splits[name, run] = self._split_run(name, run)
                    for part_subset, shown in parts:
                        if part_subset != subset:
                            subset = part_subset
                            tf = tfs.get((name, subset, size))
                            if tf is None:
                                tf = tfs[name, subset, size] = self._tf_op(name, subset, size)
                            append(tf)
                        append(shown)
        append("ET")
        return " ".join(out)

    def _tf_op(self, name: str, subset: int, size: float) -> str:
        font = pdfmetrics.getFont(name)
        return f"{font.getSubsetInternalName(subset, self.doc)} {self.num(size)} Tf {self.num(size * 1.2)} TL"

    def _split_run(self, name: str, run: str) -> list[tuple[int, str]]:
        # Once a character has its code in a subset it keeps it, so a text splits the same way every
        # time; the first split also assigns codes to new characters, in drawing order.
        escape = _ESCAPE.__getitem__
        return [(subset, f"({''.join(map(escape, data))}) Tj")
                for subset, data in pdfmetrics.getFont(name).splitString(run, self.doc)]
