"""A laid-out page as a PDF content stream: fills, rules and text, with marked content for tagging.

Text never goes through Paragraph, so nothing in the data is read as markup; it is written as
two-byte codes of the document's CID fonts (exporter.formats.pdf.cidfont). Every run of lines that
belongs to one structure node gets a marked-content id (`/TD <</MCID 3>> BDC … EMC`); fills, rules and
the lines the layout leaves without a node (repeated header row, page numbers) are artifacts.
"""

from __future__ import annotations

from exporter.formats.pdf.cidfont import CidFont
from exporter.formats.pdf.fonts import FontChain
from exporter.formats.pdf.layout import Page
from exporter.formats.pdf.objects import PdfFile, fp_str
from exporter.formats.pdf.tags import Node
from exporter.text.linebreak import latin_runs


class PageWriter:
    """Writes the pages of one document; keeps its fonts, number formats and encoded runs."""

    def __init__(self, pdf: PdfFile):
        self.pdf = pdf
        self.fonts: dict[str, CidFont] = {}  # font name -> its CID font
        self._numbers: dict[float, str] = {}
        self._shown: dict[tuple[str, str], str] = {}  # (font name, text) -> "<…> Tj"
        self._tf: dict[tuple[str, float], str] = {}  # (font name, size) -> Tf

    def num(self, value: float) -> str:
        text = self._numbers.get(value)
        if text is None:
            text = self._numbers[value] = fp_str(value)
        return text

    def cid_font(self, name: str, chain: FontChain) -> CidFont:
        cid = self.fonts.get(name)
        if cid is None:
            face = chain.named(name).face
            cid = self.fonts[name] = CidFont(face, f"F{len(self.fonts) + 1}", self.pdf.reserve())
        return cid

    def draw(self, page: Page, index: int) -> tuple[bytes, list[Node]]:
        """The content stream of page number `index` (from 0) and the node of each marked-content id."""
        num = self.num
        out: list[str] = []
        if page.fills or page.rules:
            out.append("/Artifact <</Type /Layout>> BDC")
            for x, y, w, h, gray in page.fills:
                out.append(f"{num(gray)} g n {num(x)} {num(y)} {num(w)} {num(h)} re f*")
            out.append("0 g")
            by_width: dict[float, list[tuple[float, float, float, float]]] = {}
            for x1, y1, x2, y2, width in page.rules:
                by_width.setdefault(width, []).append((x1, y1, x2, y2))
            out.append("2 J")  # square ends, so crossing rules meet without notches
            for width in sorted(by_width):
                out.append(f"{num(width)} w n")
                out.extend(f"{num(x1)} {num(y1)} m {num(x2)} {num(y2)} l" for x1, y1, x2, y2 in by_width[width])
                out.append("S")
            out.append("EMC")
        owners: list[Node] = []
        if page.texts:
            out.append(self.text(page, index, owners))
        return "\n".join(out).encode("latin-1"), owners

    def text(self, page: Page, index: int, owners: list[Node]) -> str:
        """The page's text object: BT … ET, each node's lines in one marked-content sequence."""
        num, shown, tfs = self.num, self._shown, self._tf
        out = ["BT"]
        append = out.append
        font, tc = None, 0.0
        current, opened = None, False
        for item in page.texts:
            node = item.node
            if node is not current or not opened:
                if opened:
                    append("EMC")
                if node is None:
                    append("/Artifact <</Type /Pagination>> BDC")
                else:
                    mcid = len(owners)
                    owners.append(node)
                    node.kids.append((index, mcid))
                    append(f"/{node.role} <</MCID {mcid}>> BDC")
                current, opened = node, True
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
                    pieces.append((text[start : end - 1], 0.0))
                    at = end - 1
                pieces.append((text[at:], space))
            for piece, char_space in pieces:
                if not piece:
                    continue
                if tc != char_space:
                    tc = char_space
                    append(f"{num(char_space)} Tc")
                for name, run in chain.runs(piece):  # switching to fallback fonts as needed
                    if font != (name, size):
                        font = (name, size)
                        tf = tfs.get(font)
                        if tf is None:
                            tf = tfs[font] = f"/{self.cid_font(name, chain).resource} {num(size)} Tf"
                        append(tf)
                    op = shown.get((name, run))
                    if op is None:
                        op = shown[name, run] = f"<{self.cid_font(name, chain).encode(run)}> Tj"
                    append(op)
        if opened:
            append("EMC")
        append("ET")
        return " ".join(out)

    def write_fonts(self) -> dict[str, int]:
        """Write every font used; returns the page resources' font dictionary (name -> object)."""
        for cid in self.fonts.values():
            cid.write(self.pdf)
        return {cid.resource: cid.ref for cid in self.fonts.values()}
