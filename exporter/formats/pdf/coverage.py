"""Before anything is laid out: is there a glyph for every character in some configured font?

A font that lacks a character would draw nothing there (pdftotext reads a space), so the export
stops instead, naming each character, its code and where it occurs.
"""

from __future__ import annotations

from collections.abc import Iterator

from exporter import wording as W
from exporter.errors import RenderError
from exporter.formats.pdf.layout import Layout
from exporter.model import Document, unit_line

_MAX_PLACES = 8


def _texts(doc: Document, layout: Layout, attachment: str | None) -> Iterator[tuple[str, str, str]]:
    """(role, place, text) for every piece of text the PDF will show."""
    labels = layout.style.labels
    if attachment is not None:
        yield "attachment", W.PLACE_ATTACHMENT, labels["attachment"] + str(attachment)
    yield "title", W.PLACE_TITLE, doc.title
    line = unit_line(doc)
    if line:
        yield "preamble", W.PLACE_UNIT_LINE, line
    preamble = doc.meta.get("preamble") or []
    for text in [preamble] if isinstance(preamble, str) else preamble:
        yield "preamble", W.PLACE_PREAMBLE, str(text)
    for column in doc.columns:
        yield "header", W.PLACE_HEADER, column.label
    yield "body", W.PLACE_CONTINUED, labels["continued"] + "0123456789"
    yield "page_number", W.PLACE_PAGE_NUMBER, layout.style.page_number_format.format(n="0123456789")
    for section in doc.sections:
        yield "section", W.PLACE_SECTION.format(numeral=section.numeral), section.heading
        for sub in section.subsections:
            yield "subsection", W.PLACE_SUBSECTION.format(heading=sub.heading[:12]), sub.heading
        for task in section.all_tasks():
            place = W.PLACE_TASK.format(task=task.number)
            for column in doc.columns:
                for text in column.values(task):
                    yield "body", place, text


def check_glyphs(doc: Document, layout: Layout, attachment: str | None = None) -> None:
    """Raise RenderError listing every character that no font of its role's chain can draw."""
    # First a cheap pass over the set of characters per role; places are only looked up on failure.
    chars: dict[str, set[str]] = {}
    for role, _, text in _texts(doc, layout, attachment):
        chars.setdefault(role, set()).update(text)
    missing = {role: layout.chains[role].missing(c for c in cs if not c.isspace()) for role, cs in chars.items()}
    if not any(missing.values()):
        return
    places: dict[str, list[str]] = {}
    for role, place, text in _texts(doc, layout, attachment):
        for ch in missing.get(role, ()):
            if ch in text and place not in places.setdefault(ch, []):
                places[ch].append(place)
    items = []
    for ch in sorted(places, key=lambda c: (places[c][0], ord(c))):
        where = places[ch]
        more = W.PLACES_MORE.format(count=len(where)) if len(where) > _MAX_PLACES else ""
        shown = W.LIST_SEPARATOR.join(where[:_MAX_PLACES]) + more
        items.append(W.MISSING_GLYPH.format(char=ch, code=ord(ch), places=shown))
    fonts = []
    for role in missing:
        if missing[role]:
            for spec in layout.chains[role].specs:
                name = W.FONT_NAMED.format(alias=spec.alias, file=spec.path.name)
                if name not in fonts:
                    fonts.append(name)
    raise RenderError(
        W.NO_GLYPHS.format(
            count=len(items), chars=W.PARAGRAPH_SEPARATOR.join(items), fonts=W.LIST_SEPARATOR.join(fonts)
        ),
        hint=W.NO_GLYPHS_HINT,
    )
