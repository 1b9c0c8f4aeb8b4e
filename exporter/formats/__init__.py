"""Output formats. Each module has `render(doc, template, **options) -> bytes` and touches no file."""
from __future__ import annotations

import importlib

FORMATS = {"xlsx": "exporter.formats.xlsx.writer", "pdf": "exporter.formats.pdf.writer",
           "docx": "exporter.formats.docx.writer"}


def renderer(name: str):
    """The render function of a format; imported on demand so one format never loads another's libraries."""
    return importlib.import_module(FORMATS[name]).render
