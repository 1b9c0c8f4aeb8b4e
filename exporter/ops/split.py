"""Split a document into one part per unit (lead or cooperating), plus an overview workbook.

Each part holds every task the unit leads or cooperates on (model.task_roles), and carries meta["unit"]
so renderers can print the unit's roles (model.role_summary) under the title. Nothing here writes files.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from exporter import naming
from exporter import wording as W
from exporter.errors import SelectionError
from exporter.model import Document
from exporter.ops import origin, select

OVERVIEW_STEM = W.OVERVIEW_STEM
OVERVIEW_NAME = f"{OVERVIEW_STEM}.xlsx"
STEM_LIMIT = 60  # characters; 60 CJK characters are 180 bytes, under the usual 255-byte name limit


def unit_stems(units: list[str]) -> dict[str, str]:
    """unit -> file name stem, safe on every file system and distinct even where case is ignored.

    A unit whose cleaned name is already taken gets "（2）", "（3）"… in order of appearance.
    """
    taken = {OVERVIEW_STEM.casefold()}
    stems = {}
    for unit in units:
        stem = naming.safe_filename(unit, limit=STEM_LIMIT)
        candidate, n = stem, 2
        while candidate.casefold() in taken:
            candidate = f"{stem}（{n}）"
            n += 1
        taken.add(candidate.casefold())
        stems[unit] = candidate
    return stems


def unit_part(doc: Document, unit: str) -> Document:
    """The unit's own part: copies of its tasks with their original numbers, meta["unit"] set, so every
    writer names the unit in the title metadata (model.file_title) and under the title (model.unit_line)."""
    part = copy.deepcopy(select.select_unit(doc, unit))  # selection shares Task objects with doc
    part.meta = dict(part.meta, unit=unit)
    from exporter.ops.compare import column_keys, get_value

    origin.stamp(part, doc, column_keys(part), get_value)  # so merge tells the unit's edits from later corrections
    return part


def selection(doc: Document, sections=(), unit: str | None = None) -> Document:
    """What `export` renders: the chosen sections, and with --unit that unit's own part — the very
    document `--split-by unit` renders for the unit, so both files are alike."""
    chosen = select.select(doc, sections, unit)  # the selection's own checks and messages
    if not unit:
        return chosen
    return unit_part(select.select_sections(doc, sections), unit.strip())


def render_by_unit(
    doc: Document,
    template: dict,
    fmt: str,
    render: Callable[..., bytes],
    options: dict,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, bytes]:
    """{file name: bytes}: the overview workbook first, then one `fmt` file per unit in document order."""
    units = doc.units()
    if not units:
        raise SelectionError(W.SPLIT_NOTHING, hint=W.SPLIT_NOTHING_HINT)
    from exporter.formats.xlsx.overview import render_overview  # only here: openpyxl is not needed before

    stems = unit_stems(units)
    files = {OVERVIEW_NAME: render_overview(doc, template)}
    for done, unit in enumerate(units, start=1):
        files[f"{stems[unit]}.{fmt}"] = render(unit_part(doc, unit), template, **options)
        if progress:
            progress(done, len(units))
    return files
