"""The page the paged formats share — PDF, OFD and Word: paper, margins, line grid, page number, cell padding.

One value each, set in the template's `pdf:` part (where the PDF first had them) and parsed here once
per template (`templates.parsed(template, load)`), so the Word document cannot drift from the PDF and
the OFD. Lengths are points; each format converts them to its own unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from exporter import wording as W
from exporter.errors import TemplateError
from exporter.templates import setting, size_setting

# Paper sizes in mm (portrait).
PAGES = {"A4": (210, 297), "A3": (297, 420), "A5": (148, 210), "B5": (176, 250)}
PT_PER_MM = 72 / 2.54 * 0.1  # as reportlab computes it, so the PDF's page is the same to the last bit
SIDES = ("top", "bottom", "left", "right")


@dataclass(frozen=True)
class Paper:
    width: float  # points, as the page lies (landscape: the long side)
    height: float
    landscape: bool
    margins: dict[str, float]  # top, bottom, left, right
    grid: float  # GB/T 9704 line pitch: the title sits on the third line below the 附件 label
    pad_x: float  # table cell padding
    pad_y: float
    number_below: float  # the page number's line begins this far below the text block
    number_format: str  # "— {n} —"
    number_text: tuple[str, str]  # the text before and after the number, braces resolved ("{{" -> "{")


def load(template: dict) -> Paper:
    """The shared page settings; a missing or wrong one is a TemplateError naming its key."""
    name = str(setting(template, "pdf.page.size"))
    if name.upper() not in PAGES:
        raise TemplateError(W.PAGE_SIZE.format(value=name), hint=W.PAGE_SIZE_HINT.format(names="、".join(PAGES)))
    orientation = str(setting(template, "pdf.page.orientation"))
    if orientation not in ("landscape", "portrait"):
        raise TemplateError(W.PAGE_ORIENTATION.format(value=orientation), hint=W.PAGE_ORIENTATION_HINT)
    short, long = (v * PT_PER_MM for v in PAGES[name.upper()])
    landscape = orientation == "landscape"
    number_format = str(setting(template, "pdf.page_number.format"))
    return Paper(
        width=long if landscape else short,
        height=short if landscape else long,
        landscape=landscape,
        margins={k: _length(template, f"pdf.margins.{k}") for k in SIDES},
        grid=_length(template, "pdf.grid"),
        pad_x=_length(template, "pdf.table.padding.x"),
        pad_y=_length(template, "pdf.table.padding.y"),
        number_below=_length(template, "pdf.page_number.below"),
        number_format=number_format,
        number_text=_number_text(number_format),
    )


def _length(template: dict, path: str) -> float:
    return size_setting(setting(template, path), path)


def _number_text(fmt: str) -> tuple[str, str]:
    """What comes before and after the page number, as str.format prints it; exactly one {n}."""
    try:
        text = fmt.format(n="\0")
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        unknown = isinstance(exc, (KeyError, IndexError))
        problem = W.PAGE_NUMBER_UNKNOWN_FIELD.format(field=exc.args[0]) if unknown else W.PAGE_NUMBER_BRACES
        raise TemplateError(
            W.TEMPLATE_PAGE_NUMBER.format(value=fmt, problem=problem), hint=W.TEMPLATE_PAGE_NUMBER_HINT
        ) from None
    parts = text.split("\0")
    if len(parts) != 2:
        raise TemplateError(W.PAGE_NUMBER_N.format(value=fmt), hint=W.TEMPLATE_PAGE_NUMBER_HINT)
    return parts[0], parts[1]
