"""The `docx:` section of a template, parsed once into twips (1/20 pt), Word's unit of length."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from exporter import wording
from exporter.errors import TemplateError
from exporter.templates import bare_number, parse_size

# Paper sizes in mm (portrait).
PAGES = {"A4": (210, 297), "A3": (297, 420), "A5": (148, 210), "B5": (176, 250)}
ROLES = ("attachment", "title", "preamble", "header", "section", "subsection", "body", "page_number")
MIN_COLUMN = 4 * 12 * 20  # twips: a shared column keeps room for four 小四 characters at least
MM = 72 / 25.4 * 20  # twips per mm


@dataclass
class Font:
    name: str
    size: float  # pt
    leading: float  # exact line pitch, pt
    bold: bool = False
    indent: float = 0.0  # first-line indent, pt
    space_after: float = 0.0  # pt
    # A font limited to a character set (仿宋_GB2312: gb2312) names another for the characters outside
    # it (埇), so Word and WPS do not substitute a font of their own choosing.
    charset: str | None = None
    fallback: str | None = None

    def covers(self, text: str) -> bool:
        if not self.charset or text.isascii():
            return True
        try:
            text.encode(self.charset)
        except UnicodeEncodeError:
            return False
        return True


@dataclass
class Column:
    field: str
    label: str
    width: int  # twips
    align: str  # left | center | right
    valign: str  # top | middle | bottom


@dataclass
class DocxStyle:
    page_width: int
    page_height: int
    landscape: bool
    margins: dict[str, int]  # top, bottom, left, right (twips)
    fonts: dict[str, Font]
    grid: float  # pt
    pad_x: int
    pad_y: int
    inner_rule: int  # eighths of a point, as w:sz wants
    frame_rule: int
    header_shade: str | None  # RRGGBB
    section_shade: str | None
    keep_whole: float  # share of the text block height
    number_below: int  # twips
    number_format: str
    labels: dict[str, str]
    column_specs: dict[str, dict]

    @property
    def block_width(self) -> int:
        return self.page_width - self.margins["left"] - self.margins["right"]

    @property
    def block_height(self) -> int:
        return self.page_height - self.margins["top"] - self.margins["bottom"]

    def columns(self, doc_columns) -> list[Column]:
        """Widths for the document's own columns: the template's mm or % per field; "*" and fields the
        template does not name share the rest. Fixed widths shrink when they leave too little."""
        width = self.block_width
        fixed: dict[int, float] = {}
        for i, col in enumerate(doc_columns):
            raw = str(self.column_specs.get(col.field, {}).get("width", "*")).strip()
            if raw != "*":
                fixed[i] = self._width(raw, col.field, width)
        flexible = len(doc_columns) - len(fixed)
        total = sum(fixed.values())
        room = width - flexible * MIN_COLUMN
        if total > room or (not flexible and total != width):
            fixed = (
                {i: w * room / total if total else 0 for i, w in fixed.items()}
                if flexible
                else {i: w * width / total for i, w in fixed.items()}
            )
            total = sum(fixed.values())
        share = (width - total) / flexible if flexible else 0
        out, used = [], 0
        for i, col in enumerate(doc_columns):
            # Rounding goes to the last column so the grid adds up to the text block exactly.
            w = width - used if i == len(doc_columns) - 1 else round(fixed.get(i, share))
            used += w
            spec = self.column_specs.get(col.field, {})
            align, valign = str(spec.get("align", "left")), str(spec.get("valign", "top"))
            if align not in ("left", "center", "right") or valign not in ("top", "middle", "bottom"):
                raise TemplateError(
                    wording.DOCX_COLUMN_ALIGN.format(field=col.field, align=align, valign=valign),
                    hint=wording.DOCX_COLUMN_ALIGN_HINT,
                )
            out.append(Column(col.field, col.label, w, align, valign))
        return out

    @staticmethod
    def _width(raw: str, field: str, width: int) -> float:
        if raw.endswith("%"):
            try:
                return width * float(raw[:-1]) / 100
            except ValueError:
                raise TemplateError(
                    wording.DOCX_COLUMN_WIDTH.format(field=field, value=raw), hint=wording.DOCX_COLUMN_WIDTH_HINT
                ) from None
        return _twips(raw, f"table.columns.{field}.width")


def _twips(value, what: str) -> int:
    try:
        return round(parse_size(value, what) * 20)
    except TemplateError as exc:
        exc.message = wording.DOCX_SETTING_PREFIX.format(name=what, message=exc.message)
        raise


def _map(node, name: str) -> dict:
    value = node.get(name) if isinstance(node, dict) else None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TemplateError(wording.DOCX_NOT_A_MAPPING.format(name=name), hint=wording.DOCX_NOT_A_MAPPING_HINT)
    return value


def _font(spec, role: str) -> Font:
    if not isinstance(spec, dict) or not spec.get("name") or "size" not in spec:
        raise TemplateError(wording.DOCX_FONT_FORM.format(role=role), hint=wording.DOCX_FONT_FORM_HINT)
    size = parse_size(spec["size"], f"docx.fonts.{role}.size")
    leading = spec.get("leading", 1.0)
    factor = bare_number(leading)
    leading = size * factor if factor is not None and factor < 4 else _twips(leading, f"fonts.{role}.leading") / 20
    indent = spec.get("indent", 0)
    chars = bare_number(indent)
    indent = size * chars if chars is not None else _twips(indent, f"fonts.{role}.indent") / 20
    charset, fallback = spec.get("charset"), spec.get("fallback")
    if charset or fallback:
        try:
            charset = codecs.lookup(str(charset)).name
        except LookupError:
            raise TemplateError(
                wording.DOCX_FONT_CHARSET.format(role=role, value=charset or ""), hint=wording.DOCX_FONT_CHARSET_HINT
            ) from None
        if not fallback:
            raise TemplateError(wording.DOCX_FONT_FALLBACK.format(role=role), hint=wording.DOCX_FONT_FALLBACK_HINT)
    return Font(
        name=str(spec["name"]),
        size=size,
        leading=leading,
        bold=bool(spec.get("bold")),
        indent=indent,
        space_after=_twips(spec.get("space_after", 0), f"fonts.{role}.space_after") / 20,
        charset=charset or None,
        fallback=str(fallback) if fallback else None,
    )


def _shade(value, what: str) -> str | None:
    if value in (None, False, "none"):
        return None
    text = f"{value:06d}" if isinstance(value, int) else str(value).strip().lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", text):
        raise TemplateError(wording.DOCX_COLOR.format(name=what, value=value), hint=wording.DOCX_COLOR_HINT)
    return text.upper()


def _share(value, what: str) -> float:
    text = str(value).strip()
    try:
        share = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        share = -1
    if not 0 <= share <= 1:
        raise TemplateError(wording.DOCX_SHARE.format(name=what, value=value), hint=wording.DOCX_SHARE_HINT)
    return share


def load_style(template: dict) -> DocxStyle:
    """Read the template's `docx:` section; a missing part is a clear error naming the setting."""
    docx = template.get("docx")
    if not isinstance(docx, dict):
        raise TemplateError(wording.DOCX_TEMPLATE_MISSING, hint=wording.DOCX_TEMPLATE_MISSING_HINT)
    page = _map(docx, "page")
    name = str(page.get("size", "A4")).upper()
    if name not in PAGES:
        raise TemplateError(
            wording.DOCX_PAGE_SIZE.format(value=name), hint=wording.DOCX_PAGE_SIZE_HINT.format(names="、".join(PAGES))
        )
    orientation = str(page.get("orientation", "landscape"))
    if orientation not in ("landscape", "portrait"):
        raise TemplateError(wording.DOCX_ORIENTATION.format(value=orientation), hint=wording.DOCX_ORIENTATION_HINT)
    short, long = (round(v * MM) for v in PAGES[name])
    landscape = orientation == "landscape"
    margins = _map(docx, "margins")
    m = {
        k: _twips(margins.get(k, d), f"margins.{k}")
        for k, d in (("top", "25mm"), ("bottom", "27mm"), ("left", "28mm"), ("right", "26mm"))
    }
    fonts_node = _map(docx, "fonts")
    fonts = {}
    for role in ROLES:
        if role not in fonts_node:
            raise TemplateError(
                wording.DOCX_SETTING_MISSING.format(name=f"fonts.{role}"), hint=wording.DOCX_SETTING_MISSING_HINT
            )
        fonts[role] = _font(fonts_node[role], role)
    table = _map(docx, "table")
    padding, rules, shade = _map(table, "padding"), _map(table, "rules"), _map(table, "shade")
    number = _map(docx, "page_number")
    specs = {}
    for field, spec in _map(table, "columns").items():
        specs[str(field)] = spec if isinstance(spec, dict) else {"width": spec}
    labels = {"attachment": "附件"}
    labels.update({k: str(v) for k, v in (template.get("labels") or {}).items() if v is not None})
    style = DocxStyle(
        page_width=long if landscape else short,
        page_height=short if landscape else long,
        landscape=landscape,
        margins=m,
        fonts=fonts,
        grid=_twips(docx.get("grid", "28.9pt"), "grid") / 20,
        pad_x=_twips(padding.get("x", "2mm"), "table.padding.x"),
        pad_y=_twips(padding.get("y", "1.5mm"), "table.padding.y"),
        inner_rule=max(2, round(_twips(rules.get("inner", "0.5pt"), "table.rules.inner") / 20 * 8)),
        frame_rule=max(2, round(_twips(rules.get("frame", "1pt"), "table.rules.frame") / 20 * 8)),
        header_shade=_shade(shade.get("header", "D9D9D9"), "header"),
        section_shade=_shade(shade.get("section", "F2F2F2"), "section"),
        keep_whole=_share(table.get("keep_whole", "25%"), "table.keep_whole"),
        number_below=_twips(number.get("below", "7mm"), "page_number.below"),
        number_format=str(number.get("format", "— {n} —")),
        labels=labels,
        column_specs=specs,
    )
    if style.number_format.count("{n}") != 1:
        raise TemplateError(wording.DOCX_PAGE_NUMBER, hint=wording.DOCX_PAGE_NUMBER_HINT)
    if style.block_width < 4 * MIN_COLUMN or style.block_height < 10 * fonts["body"].leading * 20:
        raise TemplateError(wording.DOCX_MARGINS, hint=wording.DOCX_MARGINS_HINT)
    return style
