"""Add empty columns to a document's table: a breakdown table (分解表) sent out to collect progress.

`export … --add-column 完成情况` appends a column whose header names its field through the header
synonym table (formats/headers.yaml): 完成情况 / 落实情况 → progress, 存在问题 → problems, any other
header → an extra column keyed by its text. The tasks are not touched: the new cells are empty until
the units fill them in, and `import` + `merge` bring them back.
"""

from __future__ import annotations

from exporter import wording
from exporter.errors import SelectionError
from exporter.model import Column, Document


def field_for(doc: Document, label: str) -> str:
    """The field a new header names, by the synonym table; 'extra' when it names none."""
    from exporter.formats.table import header_field

    name = header_field(label)
    if name == "units?":  # 责任单位: cooperating beside a lead column
        name = "co_units" if any(c.field == "units" for c in doc.columns) else "units"
    return name or "extra"


def add_columns(doc: Document, labels) -> Document:
    """The document with an empty column appended per label (same tasks, same metadata)."""
    columns = list(doc.columns)
    for raw in labels:
        label = " ".join(str(raw).split())
        if not label:
            raise SelectionError(wording.ADD_COLUMN_EMPTY, hint=wording.ADD_COLUMN_HINT)
        name = field_for(doc, label)
        for column in columns:
            same = column.label == label if name == "extra" or column.field == "extra" else column.field == name
            if same:
                raise SelectionError(
                    wording.ADD_COLUMN_EXISTS.format(
                        label=label, existing=column.label, name=wording.FIELD_NAMES[column.field]
                    ),
                    hint=wording.ADD_COLUMN_EXISTS_HINT,
                )
        columns.append(Column(name, label))
    return Document(meta=dict(doc.meta), sections=doc.sections, columns=columns)
