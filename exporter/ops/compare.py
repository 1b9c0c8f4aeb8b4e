"""Compare two documents task by task, and merge the parts units send back into the base document.

A *part* is a document holding a subset of the tasks (a unit's own part carries meta["unit"]). When one
side of a comparison is a part and the other is not, only the part's tasks are compared, so a returned
part can be checked against the full base without 100 tasks showing as removed.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass

from exporter import wording as W
from exporter.errors import ExporterError
from exporter.model import FIELDS, LIST_FIELDS, Column, Document, Task
from exporter.ops import origin

# What each task field is called in the texts below; an extra column is keyed "extra:表头".
FIELD_LABELS = {
    **{f: W.FIELD_NAMES[f] for f in FIELDS if f not in ("number", "extra")},
    **W.DIFF_FIELD_NAMES,
}
TASK_FIELDS = tuple(FIELD_LABELS)
EXTRA = "extra:"


def column_keys(doc: Document) -> list[str]:
    """The comparable fields of a document's columns, in its order: 'task', 'units', 'extra:联系电话' …"""
    return [EXTRA + c.label if c.field == "extra" else c.field for c in doc.columns if c.field != "number"]


def get_value(task: Task, key: str):
    if key.startswith(EXTRA):
        return task.extra.get(key[len(EXTRA) :], "")
    return getattr(task, key)


def set_value(task: Task, key: str, value) -> None:
    if key.startswith(EXTRA):
        task.extra[key[len(EXTRA) :]] = value
    else:
        setattr(task, key, value)


def field_label(key: str) -> str:
    return key[len(EXTRA) :] if key.startswith(EXTRA) else FIELD_LABELS.get(key, key)


def _shown(key: str, value) -> str:
    if isinstance(value, list):
        return (W.PARAGRAPH_SEPARATOR if key in ("progress", "problems", "next_steps") else W.LIST_SEPARATOR).join(
            value
        )
    return str(value)


def _union_columns(first: list[Column], *others: list[Column]) -> list[Column]:
    """`first`, then the columns of the others it lacks (by field; extra by header), in their order."""
    out = list(first)
    keys = {c.label if c.field == "extra" else c.field for c in out}
    for columns in others:
        for c in columns:
            key = c.label if c.field == "extra" else c.field
            if key not in keys:
                keys.add(key)
                out.append(c)
    return out


META_LABELS = W.META_NAMES
PART_KEY = "unit"  # meta key of a unit's own part; not document content
STAMP_KEYS = {origin.ORIGIN_KEY, origin.BASIS_KEY}  # what a part was made from; not document content


@dataclass(frozen=True)
class Change:
    """One difference between two documents.

    kind: 'field' (document field `key`), 'section' / 'subsection' (heading `key`), 'added', 'removed',
    'moved' (old/new are location texts), 'task', 'progress' (paragraph `index`, action 修改/新增/删除),
    'units' (old/new are unit lists).
    """

    kind: str
    task: int | None = None
    key: str = ""
    action: str = ""  # W.ACTION_EDITED / ACTION_ADDED / ACTION_REMOVED
    index: int | None = None  # 1-based paragraph number (in new when added, in old otherwise)
    old: object = None
    new: object = None


class Changes(list):
    """The changes, plus what was compared when one side is a unit's part."""

    part_side: str | None = None  # 'old' or 'new'
    part_unit: str = ""
    part_tasks: int = 0


# ---------------------------------------------------------------------------------------------
# Locations
def _locations(doc: Document) -> dict[int, tuple[tuple, str]]:
    """task number -> (location key, location text). Keys use numerals so a renamed heading is no move."""
    out = {}
    for s in doc.sections:
        s_key = s.numeral or s.title
        for t in s.tasks:
            out[t.number] = ((s_key, None), s.heading)
        for sub in s.subsections:
            text = f"{s.heading}／{sub.heading}" if s.heading else sub.heading
            for t in sub.tasks:
                out[t.number] = ((s_key, sub.numeral or sub.title), text)
    return out


def _headings(doc: Document) -> tuple[dict, dict]:
    sections = {s.numeral or s.title: s for s in doc.sections}
    subsections = {}
    for s in doc.sections:
        for sub in s.subsections:
            subsections[(s.numeral or s.title, sub.numeral or sub.title)] = (s, sub)
    return sections, subsections


# ---------------------------------------------------------------------------------------------
# Diff
def _part_unit(doc: Document) -> str:
    return str(doc.meta.get(PART_KEY, "") or "")


def diff(old: Document, new: Document) -> Changes:
    """Every difference from old to new: document fields, headings, then tasks in number order."""
    changes = Changes()
    old_part, new_part = _part_unit(old), _part_unit(new)
    scope: set[int] | None = None
    if new_part and not old_part:
        changes.part_side, changes.part_unit = "new", new_part
        scope = {t.number for t in new.all_tasks()}
    elif old_part and not new_part:
        changes.part_side, changes.part_unit = "old", old_part
        scope = {t.number for t in old.all_tasks()}
    if scope is not None:
        changes.part_tasks = len(scope)

    # Document fields. Against a part only the fields the part has are compared.
    ignore = ({PART_KEY} if scope is not None else set()) | STAMP_KEYS
    keys = list(old.meta) + [k for k in new.meta if k not in old.meta]
    for key in keys:
        if key in ignore:
            continue
        if scope is not None and key not in (new.meta if changes.part_side == "new" else old.meta):
            continue
        a, b = old.meta.get(key), new.meta.get(key)
        if a != b:
            action = W.ACTION_ADDED if a is None else W.ACTION_REMOVED if b is None else W.ACTION_EDITED
            changes.append(Change("field", key=key, action=action, old=a, new=b))

    # Section and subsection headings, matched by numeral.
    old_s, old_sub = _headings(old)
    new_s, new_sub = _headings(new)
    for key in list(old_s) + [k for k in new_s if k not in old_s]:
        a, b = old_s.get(key), new_s.get(key)
        if a and b and a.heading != b.heading:
            changes.append(Change("section", key=key, action=W.ACTION_EDITED, old=a.heading, new=b.heading))
        elif scope is None and (a is None or b is None):
            changes.append(
                Change(
                    "section",
                    key=key,
                    action=W.ACTION_ADDED if a is None else W.ACTION_REMOVED,
                    old=a and a.heading,
                    new=b and b.heading,
                )
            )
    for key in list(old_sub) + [k for k in new_sub if k not in old_sub]:
        a, b = old_sub.get(key), new_sub.get(key)
        if a and b and a[1].heading != b[1].heading:
            changes.append(
                Change("subsection", key=b[0].heading, action=W.ACTION_EDITED, old=a[1].heading, new=b[1].heading)
            )
        elif scope is None and (a is None or b is None) and key[0] in old_s and key[0] in new_s:
            s, sub = a or b
            changes.append(
                Change(
                    "subsection",
                    key=s.heading,
                    action=W.ACTION_ADDED if a is None else W.ACTION_REMOVED,
                    old=a and sub.heading,
                    new=b and sub.heading,
                )
            )

    # The table's columns.
    old_cols = {c.label if c.field == "extra" else c.field: c for c in old.columns}
    new_cols = {c.label if c.field == "extra" else c.field: c for c in new.columns}
    for key in list(old_cols) + [k for k in new_cols if k not in old_cols]:
        a, b = old_cols.get(key), new_cols.get(key)
        if a is None or b is None:
            changes.append(
                Change(
                    "column",
                    key=key,
                    action=W.ACTION_ADDED if a is None else W.ACTION_REMOVED,
                    old=a and a.label,
                    new=b and b.label,
                )
            )
        elif a.label != b.label:
            changes.append(Change("column", key=key, action=W.ACTION_EDITED, old=a.label, new=b.label))
    keys = [
        k
        for k in column_keys(Document(columns=_union_columns(old.columns, new.columns)))
        if k not in ("task", "progress", "units")
    ]

    # Tasks by number.
    old_t = {t.number: t for t in old.all_tasks()}
    new_t = {t.number: t for t in new.all_tasks()}
    old_loc, new_loc = _locations(old), _locations(new)
    for number in sorted(set(old_t) | set(new_t)):
        if scope is not None and number not in scope:
            continue
        a, b = old_t.get(number), new_t.get(number)
        if a is None:
            changes.append(Change("added", number, key=new_loc[number][1], new=b))
            continue
        if b is None:
            changes.append(Change("removed", number, key=old_loc[number][1], old=a))
            continue
        if old_loc[number][0] != new_loc[number][0]:
            changes.append(Change("moved", number, old=old_loc[number][1], new=new_loc[number][1]))
        if a.task != b.task:
            changes.append(Change("task", number, action=W.ACTION_EDITED, old=a.task, new=b.task))
        changes.extend(_progress_changes(number, a.progress, b.progress))
        if a.units != b.units:
            changes.append(Change("units", number, action=W.ACTION_EDITED, old=list(a.units), new=list(b.units)))
        for key in keys:
            va, vb = get_value(a, key), get_value(b, key)
            if va != vb:
                action = W.ACTION_ADDED if not va else W.ACTION_REMOVED if not vb else W.ACTION_EDITED
                changes.append(Change("value", number, key=key, action=action, old=va, new=vb))
    return changes


def _progress_changes(number: int, old: list[str], new: list[str]) -> list[Change]:
    """Paragraph by paragraph: unchanged paragraphs anchor the alignment, the rest pair up in order."""
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            out.append(
                Change("progress", number, action=W.ACTION_EDITED, index=i1 + k + 1, old=old[i1 + k], new=new[j1 + k])
            )
        for i in range(i1 + paired, i2):
            out.append(Change("progress", number, action=W.ACTION_REMOVED, index=i + 1, old=old[i]))
        for j in range(j1 + paired, j2):
            out.append(Change("progress", number, action=W.ACTION_ADDED, index=j + 1, new=new[j]))
    return out


# ---------------------------------------------------------------------------------------------
# Text for people
_NUMBER_CHARS = set("0123456789.%")


def _spans(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """Changed regions, with nearby edits joined and numbers kept whole ("5.8%" not "5" and "8")."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    spans: list[list[int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if spans and i1 - spans[-1][1] <= 2 and j1 - spans[-1][3] <= 2:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    for span in spans:
        i1, i2, j1, j2 = span
        while (
            i1 > 0
            and j1 > 0
            and old[i1 - 1] == new[j1 - 1]
            and old[i1 - 1] in _NUMBER_CHARS
            and (i2 > i1 and old[i1] in _NUMBER_CHARS or j2 > j1 and new[j1] in _NUMBER_CHARS)
        ):
            i1, j1 = i1 - 1, j1 - 1
        while (
            i2 < len(old)
            and j2 < len(new)
            and old[i2] == new[j2]
            and old[i2] in _NUMBER_CHARS
            and (i2 > i1 and old[i2 - 1] in _NUMBER_CHARS or j2 > j1 and new[j2 - 1] in _NUMBER_CHARS)
        ):
            i2, j2 = i2 + 1, j2 + 1
        span[:] = [i1, i2, j1, j2]
    return [tuple(s) for s in spans]


def _edits(old: str, new: str, limit: int = 4) -> str:
    """'“5.8%”改为“6.0%”；删去“约”' — the spans that changed inside a long text, or '' when too many."""
    if difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() < 0.5:
        return ""
    spans = _spans(old, new)
    if not spans or len(spans) > limit:
        return ""
    parts = []
    for i1, i2, j1, j2 in spans:
        if i2 > i1 and j2 > j1:
            parts.append(W.EDIT_REPLACED.format(old=old[i1:i2], new=new[j1:j2]))
        elif i2 > i1:
            parts.append(W.EDIT_DELETED.format(old=old[i1:i2]))
        else:
            before = old[max(0, i1 - 8) : i1]
            parts.append(
                W.EDIT_INSERTED.format(before=before, new=new[j1:j2])
                if before
                else W.EDIT_INSERTED_AT_START.format(new=new[j1:j2])
            )
    return W.PARAGRAPH_SEPARATOR.join(parts)


def _old_new(old: str, new: str, indent: str) -> list[str]:
    lines = [indent + W.DIFF_OLD.format(text=old), indent + W.DIFF_NEW.format(text=new)]
    if max(len(old), len(new)) > 40:
        edits = _edits(old, new)
        if edits:
            lines.append(indent + W.DIFF_EDITS.format(edits=edits))
    return lines


def _units_summary(old: list[str], new: list[str]) -> str:
    notes = []
    if (old[:1] or [""])[0] != (new[:1] or [""])[0]:
        notes.append(W.UNITS_LEAD_CHANGED.format(old=old[0] if old else "", new=new[0] if new else ""))
    added = [u for u in new if u not in old]
    removed = [u for u in old if u not in new]
    if added:
        notes.append(W.UNITS_ADDED.format(units=W.LIST_SEPARATOR.join(added)))
    if removed:
        notes.append(W.UNITS_REMOVED.format(units=W.LIST_SEPARATOR.join(removed)))
    common_old = [u for u in old if u in new]
    common_new = [u for u in new if u in old]
    if common_old != common_new:
        notes.append(W.UNITS_REORDERED)
    return W.PARAGRAPH_SEPARATOR.join(notes)


def _task_block(task: Task, indent: str) -> list[str]:
    lines = [indent + W.TASK_BLOCK_TASK.format(text=task.task)]
    for i, p in enumerate(task.progress, start=1):
        lines.append(indent + W.TASK_BLOCK_PARAGRAPH.format(index=i, text=p))
    lines.append(indent + W.TASK_BLOCK_UNITS.format(units=W.LIST_SEPARATOR.join(task.units)))
    for key in [f for f in FIELDS if f not in ("number", "task", "progress", "units", "extra")]:
        value = get_value(task, key)
        if value:
            lines.append(indent + W.LABELLED_VALUE.format(label=field_label(key), value=_shown(key, value)))
    for label, value in task.extra.items():
        if value:
            lines.append(indent + W.LABELLED_VALUE.format(label=label, value=value))
    return lines


def _describe(change: Change) -> list[str]:
    """Lines for one change inside its task's block (indented), or a heading line for other kinds."""
    c = change
    if c.kind == "moved":
        return ["  " + W.DIFF_MOVED.format(old=c.old, new=c.new)]
    if c.kind == "task":
        return ["  " + W.DIFF_TASK_EDITED, *_old_new(c.old, c.new, "    ")]
    if c.kind == "progress":
        heading = "  " + W.DIFF_PARAGRAPH.format(index=c.index, action=c.action)
        if c.action == W.ACTION_EDITED:
            return [heading, *_old_new(c.old, c.new, "    ")]
        if c.action == W.ACTION_ADDED:
            return [heading, "    " + W.DIFF_NEW.format(text=c.new)]
        return [heading, "    " + W.DIFF_OLD.format(text=c.old)]
    if c.kind == "units":
        return [
            "  " + W.DIFF_UNITS_EDITED.format(summary=_units_summary(c.old, c.new)),
            "    " + W.DIFF_OLD.format(text=W.LIST_SEPARATOR.join(c.old)),
            "    " + W.DIFF_NEW.format(text=W.LIST_SEPARATOR.join(c.new)),
        ]
    if c.kind == "value":
        label = field_label(c.key)
        if c.action == W.ACTION_ADDED:
            return ["  " + W.DIFF_VALUE_ADDED.format(label=label, value=_shown(c.key, c.new))]
        if c.action == W.ACTION_REMOVED:
            return ["  " + W.DIFF_VALUE_REMOVED.format(label=label, value=_shown(c.key, c.old))]
        return [
            "  " + W.DIFF_VALUE_EDITED.format(label=label),
            *_old_new(_shown(c.key, c.old), _shown(c.key, c.new), "    "),
        ]
    return []


def _summary(changes: list[Change]) -> str:
    added = sum(c.kind == "added" for c in changes)
    removed = sum(c.kind == "removed" for c in changes)
    edited = len({c.task for c in changes if c.task is not None and c.kind not in ("added", "removed")})
    other = sum(c.kind in ("field", "section", "subsection") for c in changes)
    columns = sum(c.kind == "column" for c in changes)
    parts = []
    if edited:
        parts.append(W.SUMMARY_EDITED.format(count=edited))
    if added:
        parts.append(W.SUMMARY_ADDED.format(count=added))
    if removed:
        parts.append(W.SUMMARY_REMOVED.format(count=removed))
    if other:
        parts.append(W.SUMMARY_FIELDS.format(count=other))
    if columns:
        parts.append(W.SUMMARY_COLUMNS.format(count=columns))
    return W.SUMMARY_SEPARATOR.join(parts)


def format_changes(changes: list[Change], old_name: str, new_name: str) -> str:
    """The changes as Chinese text a clerk can read; W.DIFF_SAME when there are none."""
    lines = []
    part_side = getattr(changes, "part_side", None)
    if part_side:
        part_name, full_name = (new_name, old_name) if part_side == "new" else (old_name, new_name)
        lines.append(
            W.DIFF_PART_NOTE.format(part=part_name, unit=changes.part_unit, tasks=changes.part_tasks, full=full_name)
        )
    if not changes:
        lines.append(W.DIFF_PART_SAME if part_side else W.DIFF_SAME)
        return "\n".join(lines)
    lines.append(W.DIFF_OLD.format(text=old_name))
    lines.append(W.DIFF_NEW.format(text=new_name))
    lines.append(W.DIFF_COUNT.format(count=len(changes), summary=_summary(changes)))

    meta = [c for c in changes if c.kind == "field"]
    if meta:
        lines += ["", W.DIFF_FIELDS_HEADING]
        for c in meta:
            label = META_LABELS.get(c.key, c.key)
            if c.action == W.ACTION_EDITED:
                lines += ["  " + W.DIFF_VALUE_EDITED.format(label=label), *_old_new(_text(c.old), _text(c.new), "    ")]
            elif c.action == W.ACTION_ADDED:
                lines += ["  " + W.DIFF_VALUE_ADDED.format(label=label, value=_text(c.new))]
            else:
                lines += ["  " + W.DIFF_VALUE_REMOVED.format(label=label, value=_text(c.old))]
    columns = [c for c in changes if c.kind == "column"]
    if columns:
        lines += ["", W.DIFF_COLUMNS_HEADING]
        for c in columns:
            if c.action == W.ACTION_ADDED:
                lines += ["  " + W.DIFF_COLUMN_ADDED.format(label=c.new)]
            elif c.action == W.ACTION_REMOVED:
                lines += ["  " + W.DIFF_COLUMN_REMOVED.format(label=c.old)]
            else:
                lines += ["  " + W.DIFF_COLUMN_RENAMED.format(old=c.old, new=c.new)]
    headings = [c for c in changes if c.kind in ("section", "subsection")]
    if headings:
        lines += ["", W.DIFF_HEADINGS_HEADING]
        for c in headings:
            what = W.DIFF_SECTION if c.kind == "section" else W.DIFF_SUBSECTION
            where = W.DIFF_IN_SECTION.format(section=c.key) if c.kind == "subsection" else ""
            if c.action == W.ACTION_EDITED:
                lines += [
                    "  " + W.DIFF_HEADING_EDITED.format(what=what, where=where),
                    "    " + W.DIFF_OLD.format(text=c.old),
                    "    " + W.DIFF_NEW.format(text=c.new),
                ]
            elif c.action == W.ACTION_ADDED:
                lines += ["  " + W.DIFF_HEADING_ADDED.format(what=what, where=where, text=c.new)]
            else:
                lines += ["  " + W.DIFF_HEADING_REMOVED.format(what=what, where=where, text=c.old)]

    current = None
    for c in changes:
        if c.task is None:
            continue
        if c.kind == "added":
            heading = W.DIFF_TASK_ADDED.format(task=c.task, section=c.key or W.DIFF_NO_SECTION)
            lines += ["", heading, *_task_block(c.new, "  ")]
            current = None
            continue
        if c.kind == "removed":
            heading = W.DIFF_TASK_REMOVED.format(task=c.task, section=c.key or W.DIFF_NO_SECTION)
            lines += ["", heading, *_task_block(c.old, "  ")]
            current = None
            continue
        if c.task != current:
            lines += ["", W.DIFF_TASK.format(task=c.task)]
            current = c.task
        lines += _describe(c)
    return "\n".join(lines)


def _text(value) -> str:
    if isinstance(value, list):
        return W.PARAGRAPH_SEPARATOR.join(map(str, value))
    return "" if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# Merge
def _brief(field: str, value, base_value, width: int = 36) -> str:
    """A short view of a part's version, around where it first differs from the base."""
    if field in LIST_FIELDS and field not in ("progress", "problems", "next_steps"):
        return W.LIST_SEPARATOR.join(value)
    if field in ("progress", "problems", "next_steps"):
        for i, paragraph in enumerate(value):
            if i >= len(base_value) or paragraph != base_value[i]:
                clipped = _clip(paragraph, base_value[i] if i < len(base_value) else "", width)
                return W.MERGE_PARAGRAPH.format(index=i + 1, text=clipped)
        return W.MERGE_PARAGRAPHS_CUT.format(index=len(value) + 1) if value else W.MERGE_PARAGRAPHS_ALL_CUT
    return W.MERGE_QUOTED.format(text=_clip(value, base_value, width))


def _clip(text: str, base: str, width: int) -> str:
    start = 0
    while start < min(len(text), len(base)) and text[start] == base[start]:
        start += 1
    lo = max(0, start - width // 3)
    piece = text[lo : lo + width]
    return ("…" if lo else "") + piece + ("…" if lo + width < len(text) else "")


def merge(base: Document, parts: list[tuple[str, Document]]) -> tuple[Document, str]:
    """Take every field a part changed (task, progress, units); stop on unknown tasks and on conflicts.

    Returns the merged document (base's structure and metadata) and a report of what each part changed.
    """
    base_tasks = {t.number: t for t in base.all_tasks()}
    base_loc = _locations(base)
    base_origin = origin.document_origin(base)
    edits: dict[tuple[int, str], list[tuple[str, object]]] = {}
    per_part: list[tuple[str, list[tuple[int, str]]]] = []
    notes: list[str] = []
    against_base: list[tuple[int, str, str, object]] = []  # both the unit and the office changed it

    for name, part in parts:
        stamp = part.meta.get(origin.ORIGIN_KEY)
        if stamp and stamp != base_origin or not stamp and part.title and base.title and part.title != base.title:
            raise ExporterError(
                W.MERGE_OTHER_DOCUMENT.format(part=part.title or W.MERGE_NO_TITLE, base=base.title),
                file=name,
                hint=W.MERGE_OTHER_DOCUMENT_HINT,
            )
        unknown = [t.number for t in part.all_tasks() if t.number not in base_tasks]
        if unknown:
            listing = W.LIST_SEPARATOR.join(map(str, unknown))
            raise ExporterError(
                W.MERGE_UNKNOWN_TASKS.format(numbers=listing),
                file=name,
                task=unknown[0] if len(unknown) == 1 else None,
                hint=W.MERGE_UNKNOWN_TASKS_HINT,
            )
        if part.title and base.title and part.title != base.title:
            notes.append(W.MERGE_OTHER_TITLE.format(part=name, title=part.title, base=base.title))
        changed = []
        part_loc = _locations(part)
        basis = origin.read_basis(part)
        if basis is None:
            notes.append(W.MERGE_NO_BASIS.format(part=name))
        for task in part.all_tasks():
            original = base_tasks[task.number]
            given = (basis or {}).get(task.number, {})
            for field in column_keys(part):  # only what the part's table shows
                value, current = get_value(task, field), get_value(original, field)
                if value == current:
                    continue
                print_ = given.get(field)
                if print_ is not None:
                    if origin.fingerprint(value) == print_:
                        continue  # the unit left it as given; the base was corrected since
                    if origin.fingerprint(current) != print_:
                        against_base.append((task.number, field, name, value))
                        continue
                edits.setdefault((task.number, field), []).append((name, value))
                changed.append((task.number, field))
            if part_loc[task.number][0] != base_loc[task.number][0]:
                notes.append(
                    W.MERGE_MOVED.format(
                        part=name, task=task.number, where=part_loc[task.number][1], base_where=base_loc[task.number][1]
                    )
                )
        per_part.append((name, changed))

    conflicts = []
    for (number, field), versions in edits.items():
        distinct = []
        for name, value in versions:
            if all(value != v for _, v in distinct):
                distinct.append((name, value))
        if len(distinct) > 1:
            conflicts.append((number, field, distinct))
    if against_base:
        lines = []
        for number, field, name, value in against_base:
            current = getattr(base_tasks[number], field)
            lines.append(W.MERGE_BASE_CHANGED.format(task=number, field=field_label(field), part=name))
            lines.append("    " + W.MERGE_BASE_NOW.format(value=_brief(field, current, value)))
            lines.append("    " + W.MERGE_VERSION.format(part=name, value=_brief(field, value, current)))
        raise ExporterError(
            W.MERGE_BASE_CONFLICT.format(count=len(against_base)) + "\n  " + "\n  ".join(lines),
            task=against_base[0][0] if len(against_base) == 1 else None,
            hint=W.MERGE_BASE_CONFLICT_HINT,
        )
    if conflicts:
        lines = []
        for number, field, distinct in conflicts:
            base_value = get_value(base_tasks[number], field)
            files = W.LIST_SEPARATOR.join(name for name, _ in distinct)
            lines.append(W.MERGE_DISAGREE.format(task=number, field=field_label(field), parts=files))
            lines += [
                "    " + W.MERGE_VERSION.format(part=name, value=_brief(field, value, base_value))
                for name, value in distinct
            ]
        first = conflicts[0]
        raise ExporterError(
            W.MERGE_CONFLICT.format(count=len(conflicts)) + "\n  " + "\n  ".join(lines),
            task=first[0] if len(conflicts) == 1 else None,
            hint=W.MERGE_CONFLICT_HINT,
        )

    merged = copy.deepcopy(base)
    # A column a part added (progress collected with --add-column) joins the base's table.
    merged.columns = _union_columns(base.columns, *(part.columns for _, part in parts))
    merged_tasks = {t.number: t for t in merged.all_tasks()}
    for (number, field), versions in edits.items():
        set_value(merged_tasks[number], field, copy.deepcopy(versions[0][1]))

    report = []
    for name, changed in per_part:
        if not changed:
            report.append(W.MERGE_PART_UNCHANGED.format(part=name))
            continue
        items = []
        for number, field in changed:
            label = W.MERGE_ITEM.format(task=number, field=field_label(field))
            first_name = edits[(number, field)][0][0]
            if first_name != name:
                label += W.MERGE_ITEM_SAME_AS.format(part=first_name)
            items.append(label)
        report.append(W.MERGE_PART_CHANGED.format(part=name, items=W.LIST_SEPARATOR.join(items)))
    tasks_changed = len({number for number, _ in edits})
    report += notes
    report.append(W.MERGE_DONE.format(edits=len(edits), tasks=tasks_changed) if edits else W.MERGE_DONE_UNCHANGED)
    return merged, "\n".join(report)
