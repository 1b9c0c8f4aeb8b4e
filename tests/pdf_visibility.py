"""Is every piece of text in a PDF actually visible? (used on LibreOffice's rendering of our workbooks)

LibreOffice writes the text of a cell whose row is too short into the PDF anyway, clipped or printed
over the next row, so pdftotext alone cannot prove that a row is tall enough. This module combines
pdftotext's word boxes with a rendering of each page (pdftoppm, greyscale):

- a table rule (a dark line running past the word's ends) must not cross a word's box: a row too short
  for its text has its first or last line cut by the border;
- no two words may overlap: text spilling out of its cell runs over the next row's text;
- a CJK word must have ink where it claims to be: a line hidden by clipping leaves its box blank;
- every word lies on the page.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

from conftest import require_tool

DPI = 100
INK = 110  # a pixel darker than this is glyph ink
RULE = 200  # a table rule is drawn at least this dark along its whole length
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_CJK = re.compile(r"[\u3400-\u9fff]")


def _pgm(path: Path) -> tuple[int, int, bytes]:
    magic, width, height, _maxval, pixels = path.read_bytes().split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), pixels


def problems(pdf: Path) -> list[str]:
    """Every word that is not fully visible, as 'page N: why: text'; empty when all text shows."""
    out = subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([require_tool("pdftoppm"), "-r", str(DPI), "-gray", str(pdf), f"{tmp}/p"], check=True)
        images = sorted(Path(tmp).glob("p-*.pgm"))
        pages = _PAGE.findall(out)
        assert len(images) == len(pages)
        for number, ((page_w, page_h, body), image) in enumerate(zip(pages, images), start=1):
            width, height, px = _pgm(image)
            scale = width / float(page_w)
            boxes = []
            for a, b, c, d, text in _WORD.findall(body):
                x0, y0, x1, y1 = map(float, (a, b, c, d))
                text = html.unescape(text)
                boxes.append((x0, y0, x1, y1, text))
                if x0 < 0 or y0 < 0 or x1 > float(page_w) or y1 > float(page_h):
                    found.append(f"page {number}: off the page: {text}")
                    continue
                left, right = int(x0 * scale) + 1, int(x1 * scale) - 1
                top, bottom = int(y0 * scale) + 1, int(y1 * scale) - 1
                ink = 0
                crossed = False
                for y in range(top, bottom + 1):
                    row = y * width
                    span = px[row + left : row + right]
                    if not span:
                        continue
                    # A rule is dark along the whole word and continues past one of its ends
                    # (an underline stops where the word stops).
                    if max(span) < RULE and (
                        max(px[row + left - 4 : row + left]) < RULE or max(px[row + right : row + right + 4]) < RULE
                    ):
                        crossed = True
                        continue
                    ink += sum(1 for v in span if v < INK)
                if crossed:
                    found.append(f"page {number}: cut by a table rule: {text}")
                elif _CJK.search(text) and ink < 0.5 * (right - left):
                    found.append(f"page {number}: not drawn (clipped): {text}")
            boxes.sort()
            for i, (ax0, ay0, ax1, ay1, at) in enumerate(boxes):
                for bx0, by0, bx1, by1, bt in boxes[i + 1 :]:
                    if bx0 >= ax1 - 1:
                        break
                    if min(ax1, bx1) - max(ax0, bx0) > 1 and min(ay1, by1) - max(ay0, by0) > 1:
                        found.append(f"page {number}: overlapping text: {at} / {bt}")
    return found
