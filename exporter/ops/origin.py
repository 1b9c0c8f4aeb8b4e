"""What a unit's part was made from, so that merging it back is three-way.

`export --split-by unit` stamps each part with the base document's identity (`origin`) and, per task
and field, a fingerprint of the value it was given (`basis`). Both ride in the part's metadata: through
the workbook's hidden sheet and `import` into the returned data file. `merge` then takes only what the
unit changed (its value differs from the basis), keeps what the office corrected since (the base
differs from the basis while the unit left the field alone), stops when both changed it differently,
and refuses a part whose origin is another document.
"""

from __future__ import annotations

import hashlib
import json

from exporter.model import Document, Task

ORIGIN_KEY = "origin"
BASIS_KEY = "basis"
IDENTITY_FIELDS = ("title", "issuer", "index_no")


def fingerprint(value) -> str:
    """16 hex digits of SHA-256 over the value as JSON: equal values, equal fingerprints."""
    blob = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def document_origin(doc: Document) -> str:
    return fingerprint([str(doc.meta.get(k, "") or "") for k in IDENTITY_FIELDS])


def task_basis(task: Task, fields, get=getattr) -> str:
    """'86 task=… progress=… units=…' — one line per task in the part's metadata. A field key is kept
    only when it has no space or '=' (an extra column's label may: that field then merges two-way)."""
    keys = [f for f in fields if " " not in f and "=" not in f]
    return " ".join([str(task.number), *(f"{f}={fingerprint(get(task, f))}" for f in keys)])


def stamp(part: Document, base: Document, fields, get=getattr) -> None:
    """Record in part.meta what it was made from."""
    part.meta[ORIGIN_KEY] = document_origin(base)
    part.meta[BASIS_KEY] = [task_basis(t, fields, get) for t in part.all_tasks()]


def read_basis(doc: Document) -> dict[int, dict[str, str]] | None:
    """number -> {field: fingerprint}, or None for a part without a basis (made by hand or by an older
    version). Lines that cannot be read are skipped: a field without a fingerprint merges two-way."""
    lines = doc.meta.get(BASIS_KEY)
    if not lines:
        return None
    if isinstance(lines, str):
        lines = [lines]
    out: dict[int, dict[str, str]] = {}
    for line in lines:
        head, _, rest = str(line).partition(" ")
        if not (head.isascii() and head.isdigit()):
            continue
        fields = {}
        for item in rest.split():
            name, _, value = item.partition("=")
            if name and value:
                fields[name] = value
        out[int(head)] = fields
    return out
