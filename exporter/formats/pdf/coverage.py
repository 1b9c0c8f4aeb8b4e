"""Before anything is laid out: is there a glyph for every character in some configured font?

A font that lacks a character would draw nothing there (pdftotext reads a space), so the export
stops instead, naming each character, its code and where it occurs.
"""

from __future__ import annotations

from collections.abc import Iterator

from exporter.errors import RenderError
from exporter.formats.pdf.layout import Layout
from exporter.model import Document, unit_line

_MAX_PLACES = 8


def _texts(doc: Document, layout: Layout, attachment: str | None) -> Iterator[tuple[str, str, str]]:
    """(role, place, text) for every piece of text the PDF will show."""
    labels = layout.style.labels
    if attachment is not None:
        yield "attachment", "附件标注", labels["attachment"] + str(attachment)
    yield "title", "标题", doc.title
    line = unit_line(doc)
    if line:
        yield "preamble", "本单位说明", line
    preamble = doc.meta.get("preamble") or []
    for text in [preamble] if isinstance(preamble, str) else preamble:
        yield "preamble", "前言", str(text)
    for column in doc.columns:
        yield "header", "表头", column.label
    yield "body", "续表标注", labels["continued"] + "0123456789"
    yield "page_number", "页码", layout.style.page_number_format.format(n="0123456789")
    for section in doc.sections:
        yield "section", f"第{section.numeral}部分标题", section.heading
        for sub in section.subsections:
            yield "subsection", f"小标题“{sub.heading[:12]}”", sub.heading
        for task in section.all_tasks():
            place = f"任务 {task.number}"
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
        shown = "、".join(where[:_MAX_PLACES]) + (f" 等 {len(where)} 处" if len(where) > _MAX_PLACES else "")
        items.append(f"“{ch}”（U+{ord(ch):04X}，{shown}）")
    fonts = []
    for role in missing:
        if missing[role]:
            for spec in layout.chains[role].specs:
                name = f"{spec.alias}（{spec.path.name}）"
                if name not in fonts:
                    fonts.append(name)
    raise RenderError(
        f"有 {len(items)} 个字符在模板配置的字体中都没有字形，无法排版：{'；'.join(items)}。"
        f"已查找的字体：{'、'.join(fonts)}",
        hint="在模板的 pdf.fallback 中加入含有这些字符的字体（TTF/TTC），"
        "或在数据文件中改正这些字符（例如生僻字改用通用规范汉字）。",
    )
