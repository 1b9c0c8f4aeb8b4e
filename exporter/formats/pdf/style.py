"""The `pdf:` section of a template, parsed once into numbers (points) the layout can use."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4, A5, B5

from exporter.errors import TemplateError
from exporter.templates import parse_size

PAGES = {"A4": A4, "A3": A3, "A5": A5, "B5": B5}
COLUMNS = ("number", "task", "progress", "units")


@dataclass
class TextStyle:
    font: str        # font alias
    size: float      # pt
    leading: float   # line pitch, pt
    indent: float = 0.0        # first-line indent, pt
    space_after: float = 0.0   # pt


@dataclass
class Column:
    key: str
    x: float
    width: float
    align: str
    valign: str


@dataclass
class Style:
    page_width: float
    page_height: float
    top: float
    bottom: float
    left: float
    right: float
    fallback: list[str]
    attachment: TextStyle
    grid: float
    title: TextStyle
    preamble: TextStyle
    body: TextStyle
    header: TextStyle
    section: TextStyle
    subsection: TextStyle
    continued_size: float
    header_shade: float | None
    section_shade: float | None
    subsection_shade: float | None
    pad_x: float
    pad_y: float
    inner_rule: float
    frame_rule: float
    justify: bool
    min_lines: int
    columns: list[Column]
    page_number: TextStyle
    page_number_below: float
    page_number_format: str
    labels: dict

    @property
    def block_width(self) -> float:
        return self.page_width - self.left - self.right

    @property
    def block_top(self) -> float:
        return self.page_height - self.top


def _section(data, name: str) -> dict:
    value = data.get(name) if isinstance(data, dict) else None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TemplateError(f"模板的 pdf.{name} 应是映射（键: 值）", hint="参照 templates/official.yaml 的 pdf 部分。")
    return value


def _size(value, what: str) -> float:
    try:
        return parse_size(value, what)
    except TemplateError as exc:
        exc.message = f"pdf.{what}：{exc.message}"
        raise


def _text(data: dict, name: str, default_font: str, default_size, default_leading: float = 1.5) -> TextStyle:
    d = _section(data, name)
    size = _size(d.get("size", default_size), f"{name}.size")
    # leading: a factor of the size (1.5) or a length (18pt); indent: characters (2) or a length.
    leading = d.get("leading", default_leading)
    factor = _number(leading)
    leading = size * factor if factor is not None and factor < 4 else _size(leading, f"{name}.leading")
    indent = d.get("indent", 0)
    chars = _number(indent)
    indent = size * chars if chars is not None else _size(indent, f"{name}.indent")
    return TextStyle(font=str(d.get("font", default_font)), size=size, leading=leading, indent=indent,
                     space_after=_size(d.get("space_after", 0), f"{name}.space_after"))


def _number(value) -> float | None:
    """A bare number (1.5, "1.5"), or None for a length with a unit."""
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _shade(value, what: str) -> float | None:
    if value in (None, False, "none"):
        return None
    try:
        gray = float(value)
    except (TypeError, ValueError):
        gray = -1
    if not 0 <= gray <= 1:
        raise TemplateError(f"pdf.table.{what}.shade 应是 0（黑）到 1（白）之间的灰度，而不是“{value}”",
                            hint="例如 0.9 为浅灰；写 none 表示不加底色。")
    return gray


def _columns(data: dict, width: float) -> list[Column]:
    d = _section(data, "columns")
    defaults = {"number": ("15mm", "center", "middle"), "task": ("29%", "left", "top"),
                "progress": ("49%", "left", "top"), "units": ("*", "center", "middle")}
    widths: dict[str, float | None] = {}
    specs = {}
    for key in COLUMNS:
        spec = d.get(key) or {}
        if not isinstance(spec, dict):
            spec = {"width": spec}
        specs[key] = spec
        raw = str(spec.get("width", defaults[key][0])).strip()
        if raw == "*":
            widths[key] = None
        elif raw.endswith("%"):
            try:
                widths[key] = width * float(raw[:-1]) / 100
            except ValueError:
                raise TemplateError(f"pdf.table.columns.{key}.width“{raw}”无法识别",
                                    hint="写成 30%、14mm 或 *（其余宽度）。") from None
        else:
            widths[key] = _size(raw, f"table.columns.{key}.width")
    rest = [k for k, w in widths.items() if w is None]
    fixed = sum(w for w in widths.values() if w is not None)
    if len(rest) > 1:
        raise TemplateError("pdf.table.columns 中只能有一列的宽度写成 *", hint="其余列写成 mm 或百分比。")
    if rest:
        widths[rest[0]] = width - fixed
    elif abs(fixed - width) > 1:
        # Scale to the text block so the table always fills it exactly.
        widths = {k: w * width / fixed for k, w in widths.items()}
    if any(w < 20 for w in widths.values()):
        raise TemplateError("pdf.table.columns 的列宽之和超过了版心宽度，有的列放不下文字",
                            hint="减小百分比或毫米数，或把一列写成 *。")
    out, x = [], 0.0
    for key in COLUMNS:
        spec = specs[key]
        align = str(spec.get("align", defaults[key][1]))
        valign = str(spec.get("valign", defaults[key][2]))
        if align not in ("left", "center", "right") or valign not in ("top", "middle", "bottom"):
            raise TemplateError(f"pdf.table.columns.{key} 的对齐方式“{align}/{valign}”无法识别",
                                hint="align 可为 left、center、right；valign 可为 top、middle、bottom。")
        out.append(Column(key, x, widths[key], align, valign))
        x += widths[key]
    return out


def load_style(template: dict) -> Style:
    """Read the template's `pdf:` section (missing values take the GB/T 9704 defaults)."""
    pdf = template.get("pdf") or {}
    if not isinstance(pdf, dict):
        raise TemplateError("模板的 pdf 部分应是映射（键: 值）", hint="参照 templates/official.yaml。")
    page = _section(pdf, "page")
    name = str(page.get("size", "A4"))
    if name.upper() not in PAGES:
        raise TemplateError(f"pdf.page.size“{name}”无法识别", hint=f"可用：{'、'.join(PAGES)}。")
    w, h = PAGES[name.upper()]
    orientation = str(page.get("orientation", "landscape"))
    if orientation not in ("landscape", "portrait"):
        raise TemplateError(f"pdf.page.orientation“{orientation}”无法识别",
                            hint="写 landscape（横向）或 portrait（纵向）。")
    if orientation == "landscape":
        w, h = max(w, h), min(w, h)
    margins = _section(pdf, "margins")
    m = {k: _size(margins.get(k, d), f"margins.{k}") for k, d in
         (("top", "25mm"), ("bottom", "27mm"), ("left", "28mm"), ("right", "26mm"))}
    fallback = pdf.get("fallback", ["serif"])
    if isinstance(fallback, str):
        fallback = [fallback]
    if not isinstance(fallback, list):
        raise TemplateError("pdf.fallback 应是字体别名的列表", hint="例如 fallback: [serif]。")
    table = _section(pdf, "table")
    body = _text(table, "body", "serif", "小四", 1.5)
    labels = {"number": "序号", "task": "重点工作任务", "progress": "完成情况", "units": "牵头责任单位",
              "continued": "（续）", "attachment": "附件"}
    labels.update({k: str(v) for k, v in (template.get("labels") or {}).items() if v is not None})
    padding = _section(table, "padding")
    rules = _section(table, "rules")
    number = _section(pdf, "page_number")
    block_width = w - m["left"] - m["right"]
    style = Style(
        page_width=w, page_height=h, **m,
        fallback=[str(a) for a in fallback],
        attachment=_text(pdf, "attachment", "sans", "三号", 1.0),
        grid=_size(pdf.get("grid", "28.9pt"), "grid"),
        title=_text(pdf, "title", "serif-bold", "二号", 1.3),
        preamble=_text(pdf, "preamble", "serif", "四号", 1.6),
        body=body,
        header=_text(table, "header", "sans", body.size, body.leading / body.size),
        section=_text(table, "section", "sans", body.size, body.leading / body.size),
        subsection=_text(table, "subsection", "serif-bold", body.size, body.leading / body.size),
        continued_size=_size(_section(table, "continued").get("size", "五号"), "table.continued.size"),
        header_shade=_shade(_section(table, "header").get("shade", 0.88), "header"),
        section_shade=_shade(_section(table, "section").get("shade"), "section"),
        subsection_shade=_shade(_section(table, "subsection").get("shade"), "subsection"),
        pad_x=_size(padding.get("x", "2mm"), "table.padding.x"),
        pad_y=_size(padding.get("y", "1.5mm"), "table.padding.y"),
        inner_rule=_size(rules.get("inner", "0.5pt"), "table.rules.inner"),
        frame_rule=_size(rules.get("frame", "0.9pt"), "table.rules.frame"),
        justify=bool(table.get("justify", True)),
        min_lines=max(1, int(table.get("min_lines", 2))),
        columns=_columns(table, block_width),
        page_number=_text(pdf, "page_number", "serif", "四号", 1.0),
        page_number_below=_size(number.get("below", "7mm"), "page_number.below"),
        page_number_format=str(number.get("format", "— {n} —")),
        labels=labels,
    )
    # Every table line shares the body's pitch, so rows split cleanly between lines.
    for role in (style.header, style.section, style.subsection):
        role.leading = body.leading
    if "{n}" not in style.page_number_format:
        raise TemplateError("pdf.page_number.format 中须有 {n}（页码）", hint="例如 \"— {n} —\"。")
    for col in style.columns:
        if col.width - 2 * style.pad_x < body.size:
            raise TemplateError(f"pdf.table.columns.{col.key} 太窄，放不下一个字",
                                hint="加大该列宽度或减小 padding。")
    if h - m["top"] - m["bottom"] < 6 * body.leading:
        raise TemplateError("pdf.margins 太大，版心放不下表格", hint="减小上下页边距。")
    return style
