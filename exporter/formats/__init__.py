"""The formats: every conversion between bytes and the model, behind two registries.

Writers: `renderer(name)` gives `render(doc, template, **options) -> bytes`. Readers: `read(data, name,
**options) -> Document` picks the reader by what the bytes are (formats/sniff.py), not by the name,
and every reader module has the same `read(data, name, **options) -> Document`. Modules are imported on
demand so one format never loads another's libraries.
"""

from __future__ import annotations

import importlib

from exporter import wording

FORMATS = {
    "xlsx": "exporter.formats.xlsx.writer",
    "pdf": "exporter.formats.pdf.writer",
    "docx": "exporter.formats.docx.writer",
    "ofd": "exporter.formats.ofd.writer",
}

# Content kind (sniff.sniff) -> the module whose `read` turns it into a Document.
READERS = {
    "text": "exporter.formats.pagetext",
    "html": "exporter.formats.html",
    "mhtml": "exporter.formats.html",
    "docx": "exporter.formats.docx.reader",
    "doc": "exporter.formats.docx.reader",  # converted by LibreOffice first
    "wps": "exporter.formats.docx.reader",
    "rtf": "exporter.formats.docx.reader",
    "odt": "exporter.formats.docx.reader",
    "xlsx": "exporter.formats.xlsx.foreign",  # or xlsx.reader for our own workbooks (the `_meta` sheet)
    "xls": "exporter.formats.xlsx.foreign",
    "ods": "exporter.formats.xlsx.foreign",
}


def renderer(name: str):
    """The render function of a format; imported on demand so one format never loads another's libraries."""
    return importlib.import_module(FORMATS[name]).render


def read(data: bytes, name: str, **options):
    """The Document a file holds, whatever its type. Options: columns (the --columns labels),
    restore_punctuation, report (receives the header mapping lines), notice (receives other notes)."""
    from exporter.errors import SourceError
    from exporter.formats import active, sniff

    kind = sniff.sniff(data, name)
    try:
        active.check(data, name, kind)  # macros and links to other files: refused before any reader
        module = importlib.import_module(reader_module(kind, data, name))
        return module.read(data, name, kind=kind, **options)
    except SourceError as exc:
        _say_content_differs(exc, kind, name)
        raise


# What a file's extension promises, so that a message can say when the content is something else.
EXTENSIONS = {
    "html": {"html", "mhtml"},
    "htm": {"html", "mhtml"},
    "mhtml": {"mhtml", "html"},
    "mht": {"mhtml", "html"},
    "docx": {"docx"},
    "doc": {"doc", "docx", "rtf", "html", "mhtml"},
    "wps": {"wps", "doc"},
    "xlsx": {"xlsx"},
    "xlsm": {"xlsx"},
    "xls": {"xls", "html", "xlsx"},
    "txt": {"text"},
}
KIND_LABELS = wording.READ_KIND_NAMES


def _say_content_differs(exc, kind: str, name: str) -> None:
    from exporter import wording

    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in EXTENSIONS and kind not in EXTENSIONS[ext] and kind in KIND_LABELS:
        exc.message += wording.EXTENSION_MISMATCH.format(ext=ext, kind=KIND_LABELS[kind])
        exc.args = (exc.message,)


def reader_module(kind: str, data: bytes, name: str) -> str:
    from exporter import wording
    from exporter.errors import SourceError

    if kind == "xlsx" and _our_workbook(data, name):
        return "exporter.formats.xlsx.reader"
    if kind in READERS:
        return READERS[kind]
    if kind == "encrypted":
        raise SourceError(wording.ENCRYPTED, file=name, hint=wording.ENCRYPTED_HINT)
    if kind == "corrupt-ole":
        raise SourceError(wording.OLD_OFFICE_BROKEN, file=name, hint=wording.CORRUPT_HINT)
    if kind == "corrupt-zip":
        raise SourceError(wording.CORRUPT.format(kind=wording.OFFICE_FILE), file=name, hint=wording.CORRUPT_HINT)
    if kind == "pdf":
        raise SourceError(wording.SOURCE_KINDS["pdf"], file=name, hint=wording.UNSUPPORTED_HINT["pdf"])
    label = wording.KIND_NAMES.get(kind, wording.KIND_NAMES["binary"])
    raise SourceError(
        wording.UNSUPPORTED_KIND.format(kind=label),
        file=name,
        hint=wording.UNSUPPORTED_HINT.get(kind, wording.UNSUPPORTED_DEFAULT_HINT),
    )


def _our_workbook(data: bytes, name: str) -> bool:
    """A workbook made by `export xlsx` has the hidden `_meta` sheet; it is read back exactly."""
    import re

    from exporter.formats import safezip
    from exporter.formats.xlsx import meta

    zf = safezip.open_zip(data, name, KIND_LABELS["xlsx"])
    book = safezip.read_part(zf, "xl/workbook.xml", name, KIND_LABELS["xlsx"]) or b""
    return re.search(rb'<(?:\w+:)?sheet\b[^>]*\bname="' + re.escape(meta.SHEET.encode()) + b'"', book) is not None


def tables_to_document(tables, *, columns=None, restore_punctuation: bool = True, report=None, **_):
    """Raw tables to the model: the one place (formats/table.py) for headers, sections and checks."""
    from exporter.formats.table import document_from_tables

    return document_from_tables(tables, columns=columns, restore_punctuation=restore_punctuation, report=report)
