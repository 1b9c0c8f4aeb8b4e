"""The `docx:` section of a template, parsed once into twips (1/20 pt), Word's unit of length.

Every value comes from the template (official.yaml for an overlay); nothing here has a default. The
page — paper, margins, line grid, page number's place and form, cell padding — and the 附件 label
are shared with the PDF and the OFD (exporter.formats.paper, labels.attachment): one value each.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from exporter import wording
from exporter.errors import TemplateError
from exporter.formats import paper
from exporter.model import FIELDS
from exporter.templates import (
    bare_number,
    missing,
    official,
    optional,
    parse_flag,
    parsed,
    setting,
    size_setting,
)

ROLES = ("attachment", "title", "preamble", "header", "section", "subsection", "body", "page_number")
MIN_COLUMN = 4 * 12 * 20  # twips: a shared column keeps room for four 小四 characters at least
MM = 72 / 25.4 * 20  # twips per mm
# Settings the Word document once had of its own and now shares with the PDF and the OFD.
MOVED = {
    "page": "pdf.page",
    "margins": "pdf.margins",
    "grid": "pdf.grid",
    "page_number": "pdf.page_number",
    "table.padding": "pdf.table.padding",
}


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
    number_text: tuple[str, str]  # the page number's text before and after the number
    attachment_label: str
    column_specs: dict[str, dict]  # every field: width, align, valign

    @property
    def block_width(self) -> int:
        return self.page_width - self.margins["left"] - self.margins["right"]

    @property
    def block_height(self) -> int:
        return self.page_height - self.margins["top"] - self.margins["bottom"]

    def columns(self, doc_columns) -> list[Column]:
        """Widths for the document's own columns: the template's mm or % per field; "*" columns share
        the rest. Fixed widths shrink when they leave too little."""
        width = self.block_width
        fixed: dict[int, float] = {}
        for i, col in enumerate(doc_columns):
            raw = str(self.column_specs[col.field]["width"]).strip()
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
            spec = self.column_specs[col.field]
            out.append(Column(col.field, col.label, w, spec["align"], spec["valign"]))
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
        return _twips(raw, f"docx.table.columns.{field}.width")


def _twips(value, path: str) -> int:
    """A length (never negative) in twips; a wrong one is an error naming the setting."""
    return round(size_setting(value, path) * 20)


def _font(template: dict, role: str, grid: float) -> Font:
    path = f"docx.fonts.{role}"
    if not isinstance(setting(template, path), dict):
        raise TemplateError(wording.DOCX_FONT_FORM.format(role=role), hint=wording.DOCX_FONT_FORM_HINT)
    size = size_setting(setting(template, f"{path}.size"), f"{path}.size", positive=True)
    if role == "attachment":
        leading = grid  # the label sits on the first line of the grid
    else:
        raw = setting(template, f"{path}.leading")
        factor = bare_number(raw)
        if factor is not None and factor <= 0:
            size_setting(factor, f"{path}.leading", positive=True)  # the message of a size that must be > 0
        leading = size * factor if factor is not None and factor < 4 else _twips(raw, f"{path}.leading") / 20
    # Absent, these mean none: no indent, no space after, not bold, no character set.
    indent = optional(template, f"{path}.indent") or 0
    chars = bare_number(indent)
    if chars is not None and chars < 0:
        size_setting(chars, f"{path}.indent")
    indent = size * chars if chars is not None else _twips(indent, f"{path}.indent") / 20
    charset, fallback = optional(template, f"{path}.charset"), optional(template, f"{path}.fallback")
    if charset or fallback:
        try:
            charset = codecs.lookup(str(charset)).name
        except LookupError:
            raise TemplateError(
                wording.DOCX_FONT_CHARSET.format(role=role, value=charset or ""), hint=wording.DOCX_FONT_CHARSET_HINT
            ) from None
        if not fallback:
            raise TemplateError(wording.DOCX_FONT_FALLBACK.format(role=role), hint=wording.DOCX_FONT_FALLBACK_HINT)
    bold = optional(template, f"{path}.bold")
    return Font(
        name=str(setting(template, f"{path}.name")),
        size=size,
        leading=leading,
        bold=parse_flag(bold, f"{path}.bold") if bold is not None else False,
        indent=indent,
        space_after=_twips(optional(template, f"{path}.space_after") or 0, f"{path}.space_after") / 20,
        charset=charset or None,
        fallback=str(fallback) if fallback else None,
    )


def _shade(template: dict, role: str) -> str | None:
    path = f"docx.table.shade.{role}"
    value = optional(template, path)  # absent or none: no shade
    if value in (None, False, "none"):
        return None
    text = f"{value:06d}" if isinstance(value, int) else str(value).strip().lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", text):
        raise TemplateError(wording.DOCX_COLOR.format(name=role, value=value), hint=wording.DOCX_COLOR_HINT)
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


def _rule(template: dict, edge: str) -> int:
    """A table rule's width in eighths of a point (w:sz), at least Word's thinnest."""
    path = f"docx.table.rules.{edge}"
    return max(2, round(_twips(setting(template, path), path) / 20 * 8))


def _column_specs(template: dict) -> dict[str, dict]:
    """Every field's column: the template's, or official.yaml's for a field it does not mention."""
    node = setting(template, "docx.table.columns")
    if not isinstance(node, dict):
        raise TemplateError(
            wording.DOCX_NOT_A_MAPPING.format(name="table.columns"), hint=wording.DOCX_NOT_A_MAPPING_HINT
        )
    for key in node:
        if key not in FIELDS:
            raise TemplateError(
                wording.DOCX_COLUMN_FIELD.format(key=key),
                hint=wording.DOCX_COLUMN_FIELD_HINT.format(fields="、".join(FIELDS)),
            )
    specs = {}
    for key in FIELDS:
        path = f"docx.table.columns.{key}"
        spec = optional(template, path)
        if spec is None:
            spec = setting(official(), path)
        if not isinstance(spec, dict):  # a bare width keeps official.yaml's alignment
            spec = {**setting(official(), path), "width": spec}
        for part in ("width", "align", "valign"):
            if spec.get(part) is None:
                raise missing(f"{path}.{part}")
        align, valign = str(spec["align"]), str(spec["valign"])
        if align not in ("left", "center", "right") or valign not in ("top", "middle", "bottom"):
            raise TemplateError(
                wording.DOCX_COLUMN_ALIGN.format(field=key, align=align, valign=valign),
                hint=wording.DOCX_COLUMN_ALIGN_HINT,
            )
        specs[key] = {"width": spec["width"], "align": align, "valign": valign}
    return specs


def _refuse_moved(docx: dict) -> None:
    for key, home in MOVED.items():
        head, _, tail = key.partition(".")
        node = docx.get(head)
        if (node is not None and not tail) or (tail and isinstance(node, dict) and tail in node):
            raise TemplateError(
                wording.DOCX_MOVED.format(name=key, home=home), hint=wording.DOCX_MOVED_HINT.format(home=home)
            )


def load_style(template: dict) -> DocxStyle:
    """Read the template's `docx:` section and the page it shares with the PDF; a missing or wrong
    value is a clear error naming the setting."""
    docx = template.get("docx")
    if not isinstance(docx, dict):
        raise TemplateError(wording.DOCX_TEMPLATE_MISSING, hint=wording.DOCX_TEMPLATE_MISSING_HINT)
    _refuse_moved(docx)
    page = parsed(template, paper.load)
    grid = round(page.grid * 20) / 20
    fonts = {role: _font(template, role, grid) for role in ROLES}
    style = DocxStyle(
        page_width=round(page.width * 20),
        page_height=round(page.height * 20),
        landscape=page.landscape,
        margins={k: round(v * 20) for k, v in page.margins.items()},
        fonts=fonts,
        grid=grid,
        pad_x=round(page.pad_x * 20),
        pad_y=round(page.pad_y * 20),
        inner_rule=_rule(template, "inner"),
        frame_rule=_rule(template, "frame"),
        header_shade=_shade(template, "header"),
        section_shade=_shade(template, "section"),
        keep_whole=_share(setting(template, "docx.table.keep_whole"), "table.keep_whole"),
        number_below=round(page.number_below * 20),
        number_text=page.number_text,
        attachment_label=str(setting(template, "labels.attachment")),
        column_specs=_column_specs(template),
    )
    if style.block_width < 4 * MIN_COLUMN or style.block_height < 10 * fonts["body"].leading * 20:
        raise TemplateError(wording.DOCX_MARGINS, hint=wording.DOCX_MARGINS_HINT)
    return style
