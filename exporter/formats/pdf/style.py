"""The `pdf:` section of a template, parsed once into numbers (points) the layout can use."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A3, A4, A5, B5

from exporter.errors import TemplateError
from exporter.templates import missing, official, parse_size, setting

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


def _section(template: dict, path: str) -> dict:
    value = setting(template, path)
    if not isinstance(value, dict):
        raise TemplateError(f"模板的 {path} 应是映射（键: 值）", hint="参照 templates/official.yaml 的 pdf 部分。")
    return value


def _optional(template: dict, path: str):
    """A value whose absence has a meaning of its own (no indent, no space, no shade): None if unset."""
    try:
        return setting(template, path)
    except TemplateError:
        return None


def _size(value, what: str) -> float:
    try:
        return parse_size(value, what)
    except TemplateError as exc:
        exc.message = f"{what}：{exc.message}"
        raise


def _text(template: dict, path: str, leading: float | None = None) -> TextStyle:
    """A text role: font and size; leading (a factor such as 1.5, or a length) unless given;
    indent (characters, or a length) and space_after are 0 when unset."""
    _section(template, path)
    size = _size(setting(template, f"{path}.size"), f"{path}.size")
    if leading is None:
        raw = setting(template, f"{path}.leading")
        factor = _number(raw)
        leading = size * factor if factor is not None and factor < 4 else _size(raw, f"{path}.leading")
    indent = _optional(template, f"{path}.indent") or 0
    chars = _number(indent)
    indent = size * chars if chars is not None else _size(indent, f"{path}.indent")
    return TextStyle(font=str(setting(template, f"{path}.font")), size=size, leading=leading, indent=indent,
                     space_after=_size(_optional(template, f"{path}.space_after") or 0, f"{path}.space_after"))


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
        raise TemplateError(f"{what} 应是 0（黑）到 1（白）之间的灰度，而不是“{value}”",
                            hint="例如 0.9 为浅灰；写 none 表示不加底色。")
    return gray


def _column_spec(template: dict, key: str) -> dict:
    path = f"pdf.table.columns.{key}"
    spec = setting(template, path)
    if not isinstance(spec, dict):
        # A bare width ("task: 30%") keeps the alignment official.yaml gives the column.
        spec = {**setting(official(), path), "width": spec}
    for part in ("width", "align", "valign"):
        if spec.get(part) is None:
            raise missing(f"{path}.{part}")
    return spec


def _columns(template: dict, width: float) -> list[Column]:
    _section(template, "pdf.table.columns")
    widths: dict[str, float | None] = {}
    specs = {key: _column_spec(template, key) for key in COLUMNS}
    for key, spec in specs.items():
        raw = str(spec["width"]).strip()
        if raw == "*":
            widths[key] = None
        elif raw.endswith("%"):
            try:
                widths[key] = width * float(raw[:-1]) / 100
            except ValueError:
                raise TemplateError(f"pdf.table.columns.{key}.width“{raw}”无法识别",
                                    hint="写成 30%、14mm 或 *（其余宽度）。") from None
        else:
            widths[key] = _size(raw, f"pdf.table.columns.{key}.width")
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
        align, valign = str(specs[key]["align"]), str(specs[key]["valign"])
        if align not in ("left", "center", "right") or valign not in ("top", "middle", "bottom"):
            raise TemplateError(f"pdf.table.columns.{key} 的对齐方式“{align}/{valign}”无法识别",
                                hint="align 可为 left、center、right；valign 可为 top、middle、bottom。")
        out.append(Column(key, x, widths[key], align, valign))
        x += widths[key]
    return out


def load_style(template: dict) -> Style:
    """Read the template's `pdf:` section; every value comes from the template (official.yaml for an overlay)."""
    _section(template, "pdf")
    name = str(setting(template, "pdf.page.size"))
    if name.upper() not in PAGES:
        raise TemplateError(f"pdf.page.size“{name}”无法识别", hint=f"可用：{'、'.join(PAGES)}。")
    w, h = PAGES[name.upper()]
    orientation = str(setting(template, "pdf.page.orientation"))
    if orientation not in ("landscape", "portrait"):
        raise TemplateError(f"pdf.page.orientation“{orientation}”无法识别",
                            hint="写 landscape（横向）或 portrait（纵向）。")
    if orientation == "landscape":
        w, h = max(w, h), min(w, h)
    m = {k: _size(setting(template, f"pdf.margins.{k}"), f"pdf.margins.{k}")
         for k in ("top", "bottom", "left", "right")}
    fallback = setting(template, "pdf.fallback")
    if isinstance(fallback, str):
        fallback = [fallback]
    if not isinstance(fallback, list):
        raise TemplateError("pdf.fallback 应是字体别名的列表", hint="例如 fallback: [serif]。")
    _section(template, "pdf.table")
    body = _text(template, "pdf.table.body")
    labels = {k: str(v) for k, v in _section(template, "labels").items() if v is not None}
    for key in (*COLUMNS, "continued", "attachment"):
        setting({"labels": labels}, f"labels.{key}")
    block_width = w - m["left"] - m["right"]
    style = Style(
        page_width=w, page_height=h, **m,
        fallback=[str(a) for a in fallback],
        attachment=_text(template, "pdf.attachment"),
        grid=_size(setting(template, "pdf.grid"), "pdf.grid"),
        title=_text(template, "pdf.title"),
        preamble=_text(template, "pdf.preamble"),
        body=body,
        # Every table line shares the body's pitch, so rows split cleanly between lines.
        header=_text(template, "pdf.table.header", body.leading),
        section=_text(template, "pdf.table.section", body.leading),
        subsection=_text(template, "pdf.table.subsection", body.leading),
        continued_size=_size(setting(template, "pdf.table.continued.size"), "pdf.table.continued.size"),
        header_shade=_shade(_optional(template, "pdf.table.header.shade"), "pdf.table.header.shade"),
        section_shade=_shade(_optional(template, "pdf.table.section.shade"), "pdf.table.section.shade"),
        subsection_shade=_shade(_optional(template, "pdf.table.subsection.shade"), "pdf.table.subsection.shade"),
        pad_x=_size(setting(template, "pdf.table.padding.x"), "pdf.table.padding.x"),
        pad_y=_size(setting(template, "pdf.table.padding.y"), "pdf.table.padding.y"),
        inner_rule=_size(setting(template, "pdf.table.rules.inner"), "pdf.table.rules.inner"),
        frame_rule=_size(setting(template, "pdf.table.rules.frame"), "pdf.table.rules.frame"),
        justify=bool(setting(template, "pdf.table.justify")),
        min_lines=max(1, int(setting(template, "pdf.table.min_lines"))),
        columns=_columns(template, block_width),
        page_number=_text(template, "pdf.page_number"),
        page_number_below=_size(setting(template, "pdf.page_number.below"), "pdf.page_number.below"),
        page_number_format=str(setting(template, "pdf.page_number.format")),
        labels=labels,
    )
    if "{n}" not in style.page_number_format:
        raise TemplateError("pdf.page_number.format 中须有 {n}（页码）", hint="例如 \"— {n} —\"。")
    for col in style.columns:
        if col.width - 2 * style.pad_x < body.size:
            raise TemplateError(f"pdf.table.columns.{col.key} 太窄，放不下一个字",
                                hint="加大该列宽度或减小 padding。")
    if h - m["top"] - m["bottom"] < 6 * body.leading:
        raise TemplateError("pdf.margins 太大，版心放不下表格", hint="减小上下页边距。")
    return style
