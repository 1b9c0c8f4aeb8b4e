"""Draw a laid-out page on a reportlab canvas: fills, rules, text and outline entries.

Text goes through text objects only, never through Paragraph, so nothing in the data is read as markup.
"""
from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from exporter.pdf.layout import Line, Page
from exporter.pdf.linebreak import latin_runs


def draw_page(canvas: Canvas, page: Page, outline: list[int]) -> None:
    """Draw one page. `outline` counts bookmarks across pages (for unique keys)."""
    for x, y, w, h, gray in page.fills:
        canvas.setFillGray(gray)
        canvas.rect(x, y, w, h, stroke=0, fill=1)
    canvas.setFillGray(0)

    by_width: dict[float, list[tuple[float, float, float, float]]] = {}
    for x1, y1, x2, y2, width in page.rules:
        by_width.setdefault(width, []).append((x1, y1, x2, y2))
    canvas.setLineCap(2)  # square ends, so crossing rules meet without notches
    for width in sorted(by_width):
        canvas.setLineWidth(width)
        canvas.lines(by_width[width])

    text = canvas.beginText()
    state = {"font": None, "tc": 0.0}
    for item in page.texts:
        line = item.line
        text.setTextOrigin(item.x, item.y)
        if not item.char_space:
            _show(text, state, line, line.text, 0.0)
            continue
        # Justified: every character is followed by the extra space, except inside letter/digit runs.
        at = 0
        for start, end in latin_runs(line.text):
            _show(text, state, line, line.text[at:start], item.char_space)
            _show(text, state, line, line.text[start:end - 1], 0.0)
            at = end - 1
        _show(text, state, line, line.text[at:], item.char_space)
    canvas.drawText(text)

    for title, level, y in page.bookmarks:
        outline[0] += 1
        key = f"b{outline[0]}"
        canvas.bookmarkPage(key, fit="XYZ", left=0, top=y + 12, zoom=0)
        canvas.addOutlineEntry(title, key, level=level, closed=False)


def _show(text, state: dict, line: Line, piece: str, char_space: float) -> None:
    """Show a piece of a line with the given character spacing, switching to fallback fonts as needed."""
    if not piece:
        return
    if state["tc"] != char_space:
        state["tc"] = char_space
        text.setCharSpace(char_space)
    for name, run in line.chain.runs(piece):
        if state["font"] != (name, line.size):
            state["font"] = (name, line.size)
            text.setFont(name, line.size)
        text.textOut(run)
