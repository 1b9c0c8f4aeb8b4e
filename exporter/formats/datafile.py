"""The normalized data file (YAML): write it, read it back, and validate it with line numbers.

Reading goes through PyYAML's node tree rather than plain objects so that every problem can name
its line, and scalars keep their text exactly as written (no dates or booleans guessed).
"""

from __future__ import annotations

import unicodedata

import yaml

from exporter import wording
from exporter import wording as W
from exporter.errors import DataError, DataErrors
from exporter.formats import yamltext
from exporter.model import (
    DOCUMENT_FIELDS,
    FIELDS,
    LIST_FIELDS,
    SEED_COLUMNS,
    TEXT_FIELDS,
    Column,
    Document,
    Section,
    Subsection,
    Task,
    numeral_value,
)
from exporter.text import characters

# libyaml is about 8x faster at reading 10,000 tasks; the pure-Python loader gives the same nodes.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FORMAT_VERSION = 2  # what dump writes; format 1 files (the four seed columns) are still read
READABLE_FORMATS = ("1", "2")
EXCEL_CELL_LIMIT = 32767  # characters Excel keeps in one cell


# ---------------------------------------------------------------------------------------------
# Writing
class _Dumper(yaml.SafeDumper):
    """Block style with indented lists, as people write YAML by hand."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_Inline = yamltext.Inline  # a mapping written on one line: `- {field: number, label: 序号}`

_Dumper.add_representer(
    _Inline, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)
)


def _document_dict(doc: Document) -> dict:
    meta = {k: doc.meta[k] for k in DOCUMENT_FIELDS if k in doc.meta}
    meta.update({k: v for k, v in doc.meta.items() if k not in meta})
    return meta


def _task_dict(task: Task, fields=FIELDS, extra_labels=None) -> dict:
    """The task's values for the document's columns only (default: every field), in model.FIELDS order."""
    if extra_labels is None:
        extra_labels = list(task.extra)
    out: dict = {}
    for name in fields:
        if name == "extra":
            out["extra"] = {label: task.extra.get(label, "") for label in extra_labels}
        elif name in LIST_FIELDS:
            out[name] = list(getattr(task, name))
        else:
            out[name] = getattr(task, name)
    return out


def to_dict(doc: Document) -> dict:
    present = {c.field for c in doc.columns} | {"number", "task"}
    fields = [f for f in FIELDS if f in present]
    extra_labels = [c.label for c in doc.columns if c.field == "extra"]

    def tasks(items):
        return [_task_dict(t, fields, extra_labels) for t in items]

    sections = []
    for s in doc.sections:
        entry = {"numeral": s.numeral, "title": s.title}
        if s.tasks or not s.subsections:
            entry["tasks"] = tasks(s.tasks)
        if s.subsections:
            entry["subsections"] = [
                {"numeral": sub.numeral, "title": sub.title, "tasks": tasks(sub.tasks)} for sub in s.subsections
            ]
        sections.append(entry)
    columns = [_Inline(field=c.field, label=c.label) for c in doc.columns]
    return {"format": FORMAT_VERSION, "document": _document_dict(doc), "columns": columns, "sections": sections}


_DUMP_OPTIONS = {"allow_unicode": True, "sort_keys": False, "default_flow_style": False, "width": 10**9}


def dump(doc: Document) -> bytes:
    """The data file's bytes: written directly (yamltext) when every value allows it, else by PyYAML's
    Python emitter with the same options — the same bytes either way (tests/test_datafile_dump.py)."""
    data = to_dict(doc)
    text = yamltext.emit(data)
    if text is None:
        text = yaml.dump(data, Dumper=_Dumper, **_DUMP_OPTIONS)
    return text.encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Reading


# The YAML parser's problems, said in Chinese; the parser's own words follow in brackets.
_YAML_PROBLEMS = W.YAML_PROBLEMS


def _yaml_problem(problem: str | None) -> str:
    problem = problem or ""
    for english, chinese in _YAML_PROBLEMS.items():
        if english in problem:
            return W.YAML_PROBLEM.format(chinese=chinese, problem=problem)
    return problem


# What each task field is called in messages ("完成情况 progress 应是列表").
_LIST_NAMES = W.DATA_FIELD_NAMES


MAX_TASK_NUMBER = 999_999  # far above any real table, far below where a spreadsheet's floats lose digits


def invisible_only(text: str) -> bool:
    """Text with characters, none of them visible: spaces and format characters such as U+200B, U+200D."""
    return bool(text) and all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Cc") for ch in text)


def _codes(text: str) -> str:
    return W.LIST_SEPARATOR.join(sorted({f"U+{ord(ch):04X}" for ch in text if ch != " "})) or W.DATA_SPACE


def number_gaps(doc: Document) -> list[tuple[int, int, int]]:
    """Missing runs in the task numbering: (after, first missing, last missing). A unit's part has gaps."""
    numbers = sorted(t.number for t in doc.all_tasks())
    return [(a, a + 1, b - 1) for a, b in zip(numbers, numbers[1:]) if b - a > 1]


class _Reader:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[DataError] = []
        self.version: int | None = None
        self.fields: set[str] = set(FIELDS)
        self.extra_labels: list[str] | None = None

    def problem(self, node, message: str, hint: str, task: int | None = None):
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(DataError(message, file=self.file, line=line, task=task, hint=hint))

    # -- typed accessors -------------------------------------------------------------------
    def mapping(self, node, what: str, task=None) -> dict | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, W.DATA_NOT_MAPPING.format(what=what), W.DATA_NOT_MAPPING_HINT, task)
            return None
        out = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.problem(key, W.DATA_BAD_KEY.format(what=what), W.DATA_BAD_KEY_HINT, task)
                continue
            if key.value in out:
                self.problem(key, W.DATA_KEY_REPEATED.format(what=what, key=key.value), W.DATA_KEY_REPEATED_HINT, task)
            out[key.value] = value
        return out

    def text(self, node, what: str, task=None, required=True) -> str | None:
        if node is None:
            if required:
                return None
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, W.DATA_NOT_TEXT.format(what=what), W.DATA_NOT_TEXT_HINT.format(what=what), task)
            return None
        value = node.value
        if node.tag == "tag:yaml.org,2002:null":  # `task: null` or `~` is no text, not the word "null"
            value = ""
        bad = characters.forbidden(value)  # a field holds no line end: paragraphs are list items
        if bad:
            self.problem(
                node,
                W.DATA_CONTROL_CHARACTER.format(what=what, chars=", ".join(bad)),
                W.DATA_CONTROL_CHARACTER_HINT,
                task,
            )
        return value

    def text_list(self, node, what: str, task=None) -> list[str] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, W.DATA_NOT_LIST.format(what=what), W.DATA_NOT_LIST_HINT.format(what=what), task)
            return None
        out = []
        for item in node.value:
            value = self.text(item, what, task)
            if value is not None:
                if not value.strip():
                    self.problem(item, W.DATA_BLANK_ITEM.format(what=what), W.DATA_BLANK_ITEM_HINT, task)
                elif invisible_only(value):
                    self.problem(
                        item,
                        W.DATA_INVISIBLE.format(what=W.DATA_AN_ITEM.format(what=what), codes=_codes(value)),
                        W.DATA_INVISIBLE_HINT,
                        task,
                    )
                out.append(value)
        return out

    def check_keys(self, node, fields: dict, allowed: set, what: str, task=None):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value not in allowed:
                self.problem(
                    key_node,
                    W.DATA_UNKNOWN_FIELD.format(what=what, field=key_node.value),
                    W.DATA_FIELDS_HINT.format(fields=W.LIST_SEPARATOR.join(sorted(allowed))),
                    task,
                )

    # -- the document ------------------------------------------------------------------------
    def read(self, root) -> Document | None:
        top = self.mapping(root, W.DATA_WHAT_FILE)
        if top is None:
            return None
        self.check_keys(root, top, {"format", "document", "columns", "sections"}, W.DATA_WHAT_TOP)
        fmt = top.get("format")
        version = None
        if fmt is None:
            self.problem(root, W.DATA_NO_FORMAT, W.DATA_NO_FORMAT_HINT.format(version=FORMAT_VERSION))
        elif not (isinstance(fmt, yaml.ScalarNode) and fmt.value in READABLE_FORMATS):
            self.problem(
                fmt, wording.FORMAT_UNSUPPORTED.format(value=getattr(fmt, "value", "")), wording.FORMAT_UNSUPPORTED_HINT
            )
        else:
            version = int(fmt.value)
        self.version = version
        columns = self.read_columns(top.get("columns"), root, version)
        meta = self.read_document(top.get("document"), root)
        sections_node = top.get("sections")
        sections = []
        if sections_node is None:
            self.problem(root, W.DATA_NO_SECTIONS, W.DATA_NO_SECTIONS_HINT)
        elif not isinstance(sections_node, yaml.SequenceNode) or not sections_node.value:
            self.problem(sections_node, W.DATA_SECTIONS_EMPTY, W.DATA_SECTIONS_EMPTY_HINT)
        else:
            sections = [s for s in (self.read_section(n) for n in sections_node.value) if s is not None]
        doc = Document(meta=meta or {}, sections=sections, columns=columns)
        self.check_order(doc, sections_node)
        return doc

    def read_columns(self, node, root, version: int | None) -> list[Column]:
        """The table's columns; also sets which task fields may appear (self.fields, self.extra_labels)."""
        self.fields = set(FIELDS)  # while columns are unusable, accept every field (no follow-on errors)
        self.extra_labels: list[str] | None = None
        if version == 1 or version is None:
            if node is not None and version == 1:
                self.problem(node, wording.COLUMNS_IN_FORMAT_1, wording.COLUMNS_IN_FORMAT_1_HINT)
            if version == 1:
                self.fields = {c.field for c in SEED_COLUMNS}
            return list(SEED_COLUMNS)
        if node is None:
            self.problem(root, wording.COLUMNS_MISSING, wording.COLUMN_EXAMPLE)
            return list(SEED_COLUMNS)
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(node, wording.COLUMNS_NOT_LIST, wording.COLUMN_EXAMPLE)
            return list(SEED_COLUMNS)
        columns: list[Column] = []
        seen: dict[str, int] = {}  # field (or extra label) -> line
        ok = True
        for item in node.value:
            fields = self.mapping(item, W.DATA_WHAT_COLUMN)
            if fields is None:
                ok = False
                continue
            self.check_keys(item, fields, {"field", "label"}, W.DATA_WHAT_COLUMN)
            line = item.start_mark.line + 1
            name = self.text(fields.get("field"), W.DATA_WHAT_COLUMN_FIELD)
            if not name:
                if name is not None or "field" not in fields:
                    self.problem(fields.get("field", item), W.DATA_COLUMN_NO_FIELD, wording.COLUMN_EXAMPLE)
                ok = False
                continue
            if name not in FIELDS:
                self.problem(
                    fields["field"],
                    wording.COLUMN_UNKNOWN_FIELD.format(field=name),
                    wording.COLUMN_UNKNOWN_FIELD_HINT.format(fields="、".join(FIELDS)),
                )
                ok = False
                continue
            label = self.text(fields.get("label"), W.DATA_WHAT_COLUMN_LABEL)
            if label is None or not label.strip():
                if label is not None or "label" not in fields:
                    example = wording.FIELD_NAMES[name] if name != "extra" else W.EXTRA_LABEL_EXAMPLE
                    self.problem(
                        fields.get("label", item),
                        wording.COLUMN_NO_LABEL.format(field=name),
                        wording.COLUMN_NO_LABEL_HINT.format(field=name, example=example),
                    )
                ok = False
                continue
            key = f"extra:{label}" if name == "extra" else name
            if key in seen:
                if name == "extra":
                    self.problem(
                        item, wording.EXTRA_REPEATED.format(label=label, line=seen[key]), wording.EXTRA_REPEATED_HINT
                    )
                else:
                    self.problem(
                        item, wording.COLUMN_REPEATED.format(field=name, line=seen[key]), wording.COLUMN_REPEATED_HINT
                    )
                ok = False
                continue
            seen[key] = line
            columns.append(Column(name, label))
        for required in ("number", "task"):
            if ok and required not in seen:
                self.problem(
                    node,
                    wording.COLUMN_REQUIRED.format(name=wording.FIELD_NAMES[required], field=required),
                    wording.COLUMN_REQUIRED_HINT.format(field=required, label=wording.FIELD_NAMES[required]),
                )
        if ok:
            self.fields = {c.field for c in columns}
            self.extra_labels = [c.label for c in columns if c.field == "extra"]
        return columns or list(SEED_COLUMNS)

    def read_document(self, node, root) -> dict | None:
        if node is None:
            self.problem(root, W.DATA_NO_DOCUMENT, W.DATA_NO_DOCUMENT_HINT)
            return None
        fields = self.mapping(node, "document")
        if fields is None:
            return None
        meta = {}
        for key, value in fields.items():
            if isinstance(value, yaml.SequenceNode):
                items = self.text_list(value, f"document.{key}")
                if items is not None:
                    meta[key] = items
            else:
                text = self.text(value, f"document.{key}")
                if text is not None:
                    meta[key] = text
            if (
                sum(len(v) for v in ([meta[key]] if isinstance(meta.get(key), str) else meta.get(key) or []))
                > EXCEL_CELL_LIMIT
            ):
                self.problem(
                    value, W.DATA_FIELD_TOO_LONG.format(key=key, limit=EXCEL_CELL_LIMIT), W.DATA_FIELD_TOO_LONG_HINT
                )
        if not meta.get("title"):
            self.problem(node, W.DATA_NO_TITLE, W.DATA_NO_TITLE_HINT)
        return meta

    def read_section(self, node) -> Section | None:
        fields = self.mapping(node, W.DATA_WHAT_SECTION)
        if fields is None:
            return None
        self.check_keys(node, fields, {"numeral", "title", "tasks", "subsections"}, W.DATA_WHAT_SECTION)
        numeral = self.text(fields.get("numeral"), W.DATA_WHAT_SECTION_NUMERAL, required=False) or ""
        title = self.text(fields.get("title"), W.DATA_WHAT_SECTION_TITLE, required=False) or ""
        if numeral and numeral_value(numeral) is None:
            self.problem(fields["numeral"], W.DATA_SECTION_NUMERAL.format(numeral=numeral), W.DATA_SECTION_NUMERAL_HINT)
        section = Section(numeral=numeral, title=title)
        if "tasks" in fields:
            section.tasks = self.read_tasks(fields["tasks"])
        if "subsections" in fields:
            subs = fields["subsections"]
            if not isinstance(subs, yaml.SequenceNode):
                self.problem(subs, W.DATA_SUBSECTIONS_NOT_LIST, W.DATA_SUBSECTIONS_NOT_LIST_HINT)
            else:
                section.subsections = [s for s in (self.read_subsection(n) for n in subs.value) if s]
        if "tasks" not in fields and "subsections" not in fields:
            self.problem(node, W.DATA_SECTION_EMPTY.format(heading=numeral + title), W.DATA_SECTION_EMPTY_HINT)
        return section

    def read_subsection(self, node) -> Subsection | None:
        fields = self.mapping(node, W.DATA_WHAT_SUBSECTION)
        if fields is None:
            return None
        self.check_keys(node, fields, {"numeral", "title", "tasks"}, W.DATA_WHAT_SUBSECTION)
        numeral = self.text(fields.get("numeral"), W.DATA_WHAT_SUBSECTION_NUMERAL, required=False) or ""
        title = self.text(fields.get("title"), W.DATA_WHAT_SUBSECTION_TITLE, required=False) or ""
        if numeral and numeral_value(numeral) is None:
            self.problem(
                fields["numeral"], W.DATA_SUBSECTION_NUMERAL.format(numeral=numeral), W.DATA_SUBSECTION_NUMERAL_HINT
            )
        sub = Subsection(numeral=numeral, title=title)
        if "tasks" not in fields:
            self.problem(node, W.DATA_SUBSECTION_EMPTY.format(heading=numeral + title), W.DATA_SUBSECTION_EMPTY_HINT)
        else:
            sub.tasks = self.read_tasks(fields["tasks"])
        return sub

    def read_tasks(self, node) -> list[Task]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, W.DATA_TASKS_NOT_LIST, W.DATA_TASKS_NOT_LIST_HINT)
            return []
        return [t for t in (self.read_task(n) for n in node.value) if t is not None]

    def read_task(self, node) -> Task | None:
        fields = self.mapping(node, W.DATA_WHAT_TASK)
        if fields is None:
            return None
        number_node = fields.get("number")
        number = None
        if number_node is None:
            self.problem(node, W.DATA_NO_NUMBER, W.DATA_NO_NUMBER_HINT)
        elif not (
            isinstance(number_node, yaml.ScalarNode) and number_node.value.isdigit() and number_node.value.isascii()
        ):
            self.problem(
                number_node,
                W.DATA_BAD_NUMBER.format(value=getattr(number_node, "value", "…")),
                W.DATA_BAD_NUMBER_HINT,
            )
        elif not 0 < int(number_node.value) <= MAX_TASK_NUMBER:
            self.problem(
                number_node,
                W.DATA_NUMBER_RANGE.format(value=number_node.value, limit=MAX_TASK_NUMBER),
                W.DATA_NUMBER_RANGE_HINT,
            )
        else:
            number = int(number_node.value)
        self.check_task_keys(node, number)
        task_text = self.text(fields.get("task"), W.DATA_WHAT_TASK_TEXT, number)
        if "task" not in fields:
            self.problem(node, W.DATA_NO_TASK, W.DATA_NO_TASK_HINT, number)
        elif task_text is not None and not task_text.strip():
            self.problem(fields["task"], W.DATA_TASK_EMPTY, W.DATA_TASK_EMPTY_HINT, number)
        elif task_text is not None and invisible_only(task_text):
            self.problem(
                fields["task"],
                W.DATA_INVISIBLE.format(what=W.DATA_WHAT_TASK_TEXT, codes=_codes(task_text)),
                W.DATA_INVISIBLE_HINT,
                number,
            )
        values: dict = {}
        for name in LIST_FIELDS:
            if name in fields:
                values[name] = self.text_list(fields[name], f"{_LIST_NAMES[name]} {name}", number) or []
        for name in TEXT_FIELDS:
            if name in fields:
                values[name] = self.text(fields[name], f"{_LIST_NAMES[name]} {name}", number) or ""
        if "extra" in fields:
            values["extra"] = self.read_extra(fields["extra"], number)
        units = values.get("units", [])
        if self.version == 1:
            if "units" not in fields:
                self.problem(node, W.DATA_NO_UNITS, W.DATA_NO_UNITS_HINT, number)
            elif not units and isinstance(fields["units"], yaml.SequenceNode):
                self.problem(fields["units"], W.DATA_UNITS_EMPTY, W.DATA_UNITS_EMPTY_HINT, number)
        for name in ("units", "co_units"):
            listed = values.get(name, [])
            for unit in listed:
                if unit.strip() and unit != unit.strip():
                    self.problem(fields[name], W.DATA_UNIT_SPACES.format(unit=unit), W.DATA_UNIT_SPACES_HINT, number)
            dupes = sorted({u for u in listed if listed.count(u) > 1})
            if dupes:
                self.problem(
                    fields[name],
                    W.DATA_UNIT_REPEATED.format(units=W.LIST_SEPARATOR.join(dupes)),
                    W.DATA_UNIT_REPEATED_HINT,
                    number,
                )
        both = [u for u in values.get("co_units", []) if u in units]
        if both:
            self.problem(
                fields["co_units"],
                wording.UNIT_IN_BOTH.format(units="、".join(both)),
                wording.UNIT_IN_BOTH_HINT,
                number,
            )
        size = (
            len(task_text or "")
            + sum(len(v) + 1 for name in LIST_FIELDS for v in values.get(name, ()))
            + sum(len(values.get(name, "")) for name in TEXT_FIELDS)
            + sum(len(k) + len(v) for k, v in values.get("extra", {}).items())
        )
        if size > EXCEL_CELL_LIMIT:
            self.problem(
                node,
                W.DATA_TASK_TOO_LONG.format(size=size, limit=EXCEL_CELL_LIMIT),
                W.DATA_TASK_TOO_LONG_HINT,
                number,
            )
        if number is None or task_text is None:
            return None
        return Task(number=number, task=task_text, line=node.start_mark.line + 1, **values)

    def check_task_keys(self, node, number: int | None) -> None:
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in self.fields | {"number", "task"}:
                continue
            name = key_node.value
            if name in FIELDS and self.version == 2:
                message = wording.TASK_FIELD_NOT_A_COLUMN.format(field=name, name=wording.FIELD_NAMES[name])
                self.problem(key_node, message, wording.TASK_FIELD_NOT_A_COLUMN_HINT.format(field=name), number)
            else:
                allowed = sorted(self.fields | {"number", "task"})
                self.problem(
                    key_node,
                    W.DATA_TASK_UNKNOWN_FIELD.format(field=name),
                    W.DATA_FIELDS_HINT.format(fields=W.LIST_SEPARATOR.join(allowed)),
                    number,
                )

    def read_extra(self, node, number: int | None) -> dict[str, str]:
        """extra: {表头: 文字} — the task's values in the columns the model has no field for."""
        fields = self.mapping(node, W.DATA_WHAT_EXTRA, number)
        if fields is None:
            return {}
        out = {}
        labels = self.extra_labels
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            label = key_node.value
            if labels is not None and label not in labels:
                hint = (
                    wording.EXTRA_UNKNOWN_LABEL_HINT.format(labels="、".join(labels))
                    if labels
                    else wording.EXTRA_NO_COLUMN_HINT
                )
                self.problem(key_node, wording.EXTRA_UNKNOWN_LABEL.format(label=label), hint, number)
                continue
            text = self.text(value, W.DATA_WHAT_EXTRA_COLUMN.format(label=label), number, required=False)
            out[label] = text or ""
        return out

    def check_order(self, doc: Document, sections_node) -> None:
        previous = None
        seen: dict[int, int] = {}
        for task in doc.all_tasks():
            if task.number in seen:
                self.problems.append(
                    DataError(
                        W.DATA_NUMBER_REPEATED.format(number=task.number, line=seen[task.number]),
                        file=self.file,
                        line=task.line,
                        task=task.number,
                        hint=W.DATA_NUMBER_REPEATED_HINT,
                    )
                )
            elif previous is not None and task.number < previous:
                self.problems.append(
                    DataError(
                        W.DECREASING_NUMBER.format(number=task.number, last=previous),
                        file=self.file,
                        line=task.line,
                        task=task.number,
                        hint=W.DATA_NUMBER_ORDER_HINT,
                    )
                )
            seen.setdefault(task.number, task.line)
            previous = task.number if previous is None else max(previous, task.number)
        for numeral in _out_of_order(s.numeral for s in doc.sections):
            self.problems.append(
                DataError(
                    W.DATA_SECTION_ORDER.format(numeral=numeral),
                    file=self.file,
                    line=_section_line(sections_node, numeral),
                    hint=W.DATA_SECTION_ORDER_HINT,
                )
            )
        for section in doc.sections:
            for numeral in _out_of_order(sub.numeral for sub in section.subsections):
                self.problems.append(
                    DataError(
                        W.DATA_SUBSECTION_ORDER.format(section=section.numeral, numeral=numeral),
                        file=self.file,
                        hint=W.DATA_SUBSECTION_ORDER_HINT,
                    )
                )


def _out_of_order(numerals):
    """The numerals that do not come after the one before them (empty numerals are skipped)."""
    last = 0
    for numeral in numerals:
        value = numeral_value(numeral) if numeral else None
        if value is not None:
            if value <= last:
                yield numeral
            last = value


def _section_line(sections_node, numeral: str) -> int | None:
    """The line of the last section with this numeral (the one out of order)."""
    line = None
    if isinstance(sections_node, yaml.SequenceNode):
        for node in sections_node.value:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == "numeral" and isinstance(v, yaml.ScalarNode) and v.value == numeral:
                        line = node.start_mark.line + 1
    return line


def parse(text: str, file: str) -> Document:
    """Parse and validate; raise DataErrors listing every problem found."""
    try:
        # Anchors and aliases are written with & and *; a file without either needs no event scan.
        events = yaml.parse(text, Loader=_LOADER) if "&" in text or "*" in text else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise DataErrors(
                    [
                        DataError(
                            W.DATA_ALIAS,
                            file=file,
                            line=event.start_mark.line + 1,
                            hint=W.DATA_ALIAS_HINT,
                        )
                    ]
                )
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes, the Python reader characters: find the line from the character itself.
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        line = text.count("\n", 0, max(text.find(char), 0)) + 1
        raise DataErrors(
            [
                DataError(
                    W.DATA_FILE_CONTROL_CHARACTER.format(code=ord(char)),
                    file=file,
                    line=line,
                    hint=W.DATA_FILE_CONTROL_CHARACTER_HINT,
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        context = ""
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            context = W.YAML_CONTEXT.format(line=exc.context_mark.line + 1)
        raise DataErrors(
            [
                DataError(
                    W.YAML_SYNTAX.format(context=context, problem=_yaml_problem(exc.problem or exc.context)),
                    file=file,
                    line=line,
                    hint=W.YAML_SYNTAX_HINT,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise DataErrors(
            [DataError(W.YAML_UNREADABLE.format(reason=exc), file=file, hint=W.YAML_UNREADABLE_HINT)]
        ) from None
    if root is None:
        raise DataErrors([DataError(W.DATA_EMPTY_FILE, file=file, hint=W.DATA_EMPTY_FILE_HINT)])
    reader = _Reader(file)
    doc = reader.read(root)
    if reader.problems or doc is None:
        raise DataErrors(reader.problems)
    return doc


def load(data: bytes, file: str) -> Document:
    """Decode and parse a data file; every command that reads data goes through here."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataErrors([DataError(W.DATA_NOT_UTF8, file=file, line=line, hint=W.DATA_NOT_UTF8_HINT)]) from None
    return parse(text, file)


def check_imported(payload: bytes, source: str, doc: Document | None = None) -> None:
    """Run the load checks on an importer's output, so import never writes a file `check` would reject.

    The YAML's line numbers mean nothing to the user here (the file is not written yet), so the
    problems are reported by task number against the source.

    Given the document the payload was dumped from, the same checks first run on the nodes the parser
    would build from it (yamltext.compose), without parsing the text; only when they find a problem,
    or the document holds text yamltext does not write, is the payload parsed, for the same messages
    as always (some name a line of the YAML).
    """
    if doc is not None:
        root = yamltext.compose(to_dict(doc))
        if root is not None:
            reader = _Reader(source)
            if reader.read(root) is not None and not reader.problems:
                return
    try:
        load(payload, source)
    except DataErrors as exc:
        problems = W.PARAGRAPH_SEPARATOR.join(
            p.message + (W.IMPORT_CHECK_TASK.format(task=p.task) if p.task is not None else "")
            for p in exc.problems[:5]
        )
        more = W.IMPORT_CHECK_MORE.format(count=len(exc.problems)) if len(exc.problems) > 5 else ""
        raise DataError(
            W.IMPORT_CHECK_FAILED.format(more=more, problems=problems), file=source, hint=W.IMPORT_CHECK_FAILED_HINT
        ) from None
