"""The `pdf:` section of a template, parsed once into numbers (points) the layout can use."""

from __future__ import annotations

from dataclasses import dataclass

from exporter import wording as W
from exporter.errors import TemplateError
from exporter.formats import paper
from exporter.model import FIELDS, SEED_COLUMNS
from exporter.templates import (
    bare_number,
    missing,
    official,
    optional,
    parse_flag,
    parse_int,
    parsed,
    setting,
    size_setting,
)

COLUMNS = tuple(c.field for c in SEED_COLUMNS)


@dataclass
class TextStyle:
    font: str  # font alias
    size: float  # pt
    leading: float  # line pitch, pt
    indent: float = 0.0  # first-line indent, pt
    space_after: float = 0.0  # pt


@dataclass
class Column:
    key: str  # the field it holds
    x: float
    width: float
    align: str
    valign: str
    label: str = ""  # header text as published


@dataclass
class ColumnSpec:
    """What the template says about a field's column: width (None: share the rest by content)."""

    key: str
    width: float | None  # points
    share: bool  # a percentage: may shrink or grow with the other columns
    align: str
    valign: str
    star: bool = False  # "*": by content (alone with the seed's columns: the rest)


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
    columns: list[Column]  # the four seed columns, as the template places them
    column_specs: dict[str, ColumnSpec]
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
        raise TemplateError(W.PDF_NOT_MAPPING.format(path=path), hint=W.PDF_NOT_MAPPING_HINT)
    return value


def _text(template: dict, path: str, leading: float | None = None) -> TextStyle:
    """A text role: font and size; leading (a factor such as 1.5, or a length) unless given;
    indent (characters, or a length) and space_after are 0 when unset."""
    _section(template, path)
    size = size_setting(setting(template, f"{path}.size"), f"{path}.size", positive=True)
    if leading is None:
        raw = setting(template, f"{path}.leading")
        factor = bare_number(raw)
        if factor is not None and factor <= 0:
            size_setting(-1, f"{path}.leading", positive=True)  # the message of any size that must be above 0
        leading = size * factor if factor is not None and factor < 4 else size_setting(raw, f"{path}.leading", True)
    indent = optional(template, f"{path}.indent") or 0
    chars = bare_number(indent)
    if chars is not None and chars < 0:
        size_setting(-1, f"{path}.indent")
    indent = size * chars if chars is not None else size_setting(indent, f"{path}.indent")
    return TextStyle(
        font=str(setting(template, f"{path}.font")),
        size=size,
        leading=leading,
        indent=indent,
        space_after=size_setting(optional(template, f"{path}.space_after") or 0, f"{path}.space_after"),
    )


def _shade(value, what: str) -> float | None:
    if value in (None, False, "none"):
        return None
    try:
        gray = float(value)
    except (TypeError, ValueError):
        gray = -1
    if not 0 <= gray <= 1:
        raise TemplateError(W.PDF_GRAY.format(what=what, value=value), hint=W.PDF_GRAY_HINT)
    return gray


def _column_spec(template: dict, key: str) -> dict:
    path = f"pdf.table.columns.{key}"
    spec = optional(template, path)
    if spec is None:
        spec = setting(official(), path)  # a field this template does not mention
    if not isinstance(spec, dict):
        # A bare width ("task: 30%") keeps the alignment official.yaml gives the column.
        spec = {**setting(official(), path), "width": spec}
    for part in ("width", "align", "valign"):
        if spec.get(part) is None and not (part == "width" and key not in COLUMNS):
            raise missing(f"{path}.{part}")
    return spec


def _column_specs(template: dict, width: float) -> dict[str, ColumnSpec]:
    """Every field's column as the template gives it; a field without a width is sized by content."""
    for key in _section(template, "pdf.table.columns"):
        if key not in FIELDS:
            raise TemplateError(
                W.PDF_COLUMN_NOT_FIELD.format(key=key),
                hint=W.TEMPLATE_FIELDS_HINT.format(fields=W.LIST_SEPARATOR.join(FIELDS)),
            )
    specs = {}
    for key in FIELDS:
        spec = _column_spec(template, key)
        raw = spec.get("width")
        raw = None if raw is None or key == "extra" else str(raw).strip()  # extra: always by content
        share = star = False
        value = None
        if raw == "*":
            star = True
        elif raw is not None and raw.endswith("%"):
            try:
                value, share = width * float(raw[:-1]) / 100, True
            except ValueError:
                raise TemplateError(
                    W.PDF_COLUMN_WIDTH.format(key=key, value=raw), hint=W.PDF_COLUMN_WIDTH_HINT
                ) from None
        elif raw is not None:
            value = size_setting(raw, f"pdf.table.columns.{key}.width")
        align, valign = str(spec["align"]), str(spec["valign"])
        if align not in ("left", "center", "right") or valign not in ("top", "middle", "bottom"):
            raise TemplateError(
                W.PDF_COLUMN_ALIGN.format(key=key, align=align, valign=valign),
                hint=W.COLUMN_ALIGN_HINT,
            )
        specs[key] = ColumnSpec(key, value, share, align, valign, star)
    return specs


# A column sized by its content gets between these shares of the table width.
CONTENT_SHARE = (0.05, 0.13)
# ... and, out of room the % columns did not ask for, up to this much more towards its natural width.
CONTENT_GROW = 0.12
EPS_PT = 1e-6


def place_columns(
    specs: dict[str, ColumnSpec], fields: list[str], labels: list[str], width: float, natural: list[float] | None = None
) -> list[Column]:
    """The table's columns across `width` points, in the document's order.

    For the four seed columns (in any order) the template's widths stand as written and the "*" column
    takes the rest, exactly as the template says.
    Otherwise every column not given in mm gets a share — its percentage, or for "*" and fields
    without a width its content's natural width (`natural`, points) within CONTENT_SHARE — and the
    shares are scaled to fill the table, so a 7-column table fits the same width as a 4-column one.
    """
    chosen = [specs[f] for f in fields]
    widths: list[float | None] = [s.width for s in chosen]
    stars = [i for i, s in enumerate(chosen) if s.star]
    by_content = [i for i, s in enumerate(chosen) if s.width is None and not s.star]
    fixed = sum(w for w in widths if w is not None)
    if len(stars) == 1 and not by_content and set(fields) == set(COLUMNS):
        widths[stars[0]] = width - fixed
    elif not stars and not by_content:
        if abs(fixed - width) > 1:
            # Scale to the text block so the table always fills it exactly.
            widths = [w * width / fixed for w in widths]
    else:
        low, high = CONTENT_SHARE
        content = stars + by_content
        for i in content:
            widths[i] = min(max(natural[i] if natural else 0.0, width * low), width * high)
        absolute = sum(w for i, w in enumerate(widths) if i not in content and not chosen[i].share)
        given = sum(w for i, w in enumerate(widths) if chosen[i].share)
        sized = sum(widths[i] for i in content)
        if given:
            spare = width - absolute - sized - given
            if natural and spare > 0:
                # The % columns would grow past what they ask (a breakdown table without its
                # completion column): let the capped content columns reach their natural width first,
                # so unit names stay on one line instead of a half-empty task column.
                for i in content:
                    grow = min(max(natural[i] - widths[i], 0.0), spare, width * CONTENT_GROW)
                    widths[i] += grow
                    spare -= grow
                    sized += grow
            # Percentages fill what the mm and content columns leave; when that is less than 60% of
            # what they ask for, the content columns give way too.
            factor = max((width - absolute - sized) / given, 0.6)
            widths = [w * factor if chosen[i].share else w for i, w in enumerate(widths)]
            given *= factor
        if content and abs(absolute + given + sized - width) > EPS_PT:
            scale = (width - absolute - given) / sized
            widths = [w * scale if i in content else w for i, w in enumerate(widths)]
    if any(w < 20 for w in widths):
        raise TemplateError(
            W.PDF_COLUMNS_TOO_WIDE.format(count=len(fields)),
            hint=W.PDF_COLUMNS_TOO_WIDE_HINT,
        )
    out, x = [], 0.0
    for spec, w, label in zip(chosen, widths, labels):
        out.append(Column(spec.key, x, w, spec.align, spec.valign, label))
        x += w
    return out


def load_style(template: dict) -> Style:
    """Read the template's `pdf:` section; every value comes from the template (official.yaml for an overlay)."""
    _section(template, "pdf")
    page = parsed(template, paper.load)  # the page the OFD and the Word document share
    w, h, m = page.width, page.height, page.margins
    fallback = setting(template, "pdf.fallback")
    if isinstance(fallback, str):
        fallback = [fallback]
    if not isinstance(fallback, list):
        raise TemplateError(W.PDF_FALLBACK_NOT_LIST, hint=W.PDF_FALLBACK_NOT_LIST_HINT)
    _section(template, "pdf.table")
    body = _text(template, "pdf.table.body")
    # The seed's headers name the four columns of style.columns; a document shows its own (layout.py).
    labels = {c.field: c.label for c in SEED_COLUMNS}
    labels.update({k: str(v) for k, v in _section(template, "labels").items() if v is not None})
    for key in ("continued", "attachment"):
        setting({"labels": labels}, f"labels.{key}")
    block_width = w - m["left"] - m["right"]
    style = Style(
        page_width=w,
        page_height=h,
        **m,
        fallback=[str(a) for a in fallback],
        attachment=_text(template, "pdf.attachment"),
        grid=page.grid,
        title=_text(template, "pdf.title"),
        preamble=_text(template, "pdf.preamble"),
        body=body,
        # Every table line shares the body's pitch, so rows split cleanly between lines.
        header=_text(template, "pdf.table.header", body.leading),
        section=_text(template, "pdf.table.section", body.leading),
        subsection=_text(template, "pdf.table.subsection", body.leading),
        continued_size=size_setting(setting(template, "pdf.table.continued.size"), "pdf.table.continued.size", True),
        header_shade=_shade(optional(template, "pdf.table.header.shade"), "pdf.table.header.shade"),
        section_shade=_shade(optional(template, "pdf.table.section.shade"), "pdf.table.section.shade"),
        subsection_shade=_shade(optional(template, "pdf.table.subsection.shade"), "pdf.table.subsection.shade"),
        pad_x=page.pad_x,
        pad_y=page.pad_y,
        inner_rule=size_setting(setting(template, "pdf.table.rules.inner"), "pdf.table.rules.inner"),
        frame_rule=size_setting(setting(template, "pdf.table.rules.frame"), "pdf.table.rules.frame"),
        justify=parse_flag(setting(template, "pdf.table.justify"), "pdf.table.justify"),
        min_lines=parse_int(setting(template, "pdf.table.min_lines"), "pdf.table.min_lines", 1, 20),
        columns=[],
        column_specs=_column_specs(template, block_width),
        page_number=_text(template, "pdf.page_number"),
        page_number_below=page.number_below,
        page_number_format=page.number_format,
        labels=labels,
    )
    style.columns = place_columns(style.column_specs, list(COLUMNS), [labels[k] for k in COLUMNS], block_width)
    for col in style.columns:
        if col.width - 2 * style.pad_x < body.size:
            raise TemplateError(W.PDF_COLUMN_TOO_NARROW.format(key=col.key), hint=W.PDF_COLUMN_TOO_NARROW_HINT)
    if h - m["top"] - m["bottom"] < 6 * body.leading:
        raise TemplateError(W.PDF_MARGINS, hint=W.PDF_MARGINS_HINT)
    return style
