"""The document model: sections, subsections and numbered tasks.

Everything the renderers need is here; nothing in this module reads or writes files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from exporter import wording as W

# Chinese numerals used for section and subsection markers, in order.
NUMERALS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
    "二十七",
    "二十八",
    "二十九",
    "三十",
]

# Document fields with a fixed meaning, in the order they are written.
DOCUMENT_FIELDS = [
    "title",
    "issuer",
    "index_no",
    "category",
    "written",
    "published",
    "validity",
    "source",
]


def numeral_value(numeral: str) -> int | None:
    """1 for 一, 12 for 十二; None when it is not a numeral we know."""
    try:
        return NUMERALS.index(numeral) + 1
    except ValueError:
        return None


@dataclass(frozen=True)
class Column:
    """One column of the published table: the field it holds and its header as published."""

    field: str
    label: str

    def values(self, task: Task) -> list[str]:
        """What `task` shows in this column: one entry per paragraph or value, [] for an empty cell."""
        if self.field == "number":
            return [str(task.number)]
        if self.field == "extra":
            value = task.extra.get(self.label, "")
            return [value] if value else []
        value = getattr(task, self.field)
        if isinstance(value, list):
            return list(value)
        return [value] if value else []


# Fields a column can hold, in the order the data file writes them (see data/README.md).
# Lists hold several values (units one per entry, progress one paragraph per entry).
LIST_FIELDS = ("units", "co_units", "leaders", "owners", "progress", "problems", "next_steps")
TEXT_FIELDS = ("deadline", "status", "remarks")
FIELDS = ("number", "task", *LIST_FIELDS, *TEXT_FIELDS, "extra")

# Fields whose cells hold paragraphs of prose (first-line indent, left aligned); the other list fields
# hold short values (units, names) one per line.
PARAGRAPH_FIELDS = ("progress", "problems", "next_steps")

# The four columns of a format-1 file (the 2023 seed).
SEED_COLUMNS = (
    Column("number", "序号"),
    Column("task", "重点工作任务"),
    Column("progress", "完成情况"),
    Column("units", "牵头责任单位"),
)


@dataclass
class Task:
    number: int
    task: str
    progress: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # lead units (牵头单位), in published order
    line: int | None = None  # where it came from, for messages
    co_units: list[str] = field(default_factory=list)  # cooperating units (配合单位 …)
    leaders: list[str] = field(default_factory=list)  # 牵头领导 / 分管领导
    owners: list[str] = field(default_factory=list)  # 责任人
    problems: list[str] = field(default_factory=list)  # 存在问题, paragraphs
    next_steps: list[str] = field(default_factory=list)  # 下一步工作打算, paragraphs
    deadline: str = ""  # 完成时限
    status: str = ""  # 目标完成情况 / 完成状态
    remarks: str = ""  # 备注
    extra: dict[str, str] = field(default_factory=dict)  # any other column, keyed by its label

    @property
    def lead_unit(self) -> str:
        return self.units[0] if self.units else ""


@dataclass
class Subsection:
    numeral: str
    title: str
    tasks: list[Task] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"（{self.numeral}）{self.title}" if self.numeral else self.title


@dataclass
class Section:
    numeral: str
    title: str
    tasks: list[Task] = field(default_factory=list)  # tasks before any subsection
    subsections: list[Subsection] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.numeral}、{self.title}" if self.numeral else self.title

    def all_tasks(self) -> list[Task]:
        out = list(self.tasks)
        for sub in self.subsections:
            out.extend(sub.tasks)
        return out

    def rows(self) -> Iterator[tuple[str, object]]:
        """This section's part of the table: its own row (when headed), tasks, subsection rows."""
        if self.numeral or self.title:
            yield "section", self
        for task in self.tasks:
            yield "task", task
        for sub in self.subsections:
            yield "subsection", sub
            for task in sub.tasks:
                yield "task", task

    def task_range(self) -> str:
        """'86–94', '7', '' for an empty section; '61、67、68' when numbers are missing between (a unit's part)."""
        numbers = sorted({t.number for t in self.all_tasks()})
        if not numbers:
            return ""
        lo, hi = numbers[0], numbers[-1]
        if hi - lo + 1 != len(numbers):
            return number_list(numbers)  # never claim a number the section does not hold
        return str(lo) if lo == hi else f"{lo}–{hi}"


@dataclass
class Document:
    meta: dict = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    columns: list[Column] = field(default_factory=lambda: list(SEED_COLUMNS))  # published order

    @property
    def title(self) -> str:
        return str(self.meta.get("title", ""))

    @property
    def issuer(self) -> str:
        return str(self.meta.get("issuer", ""))

    def all_tasks(self) -> list[Task]:
        return [t for s in self.sections for t in s.all_tasks()]

    def rows(self) -> Iterator[tuple[str, object]]:
        """The table in reading order: ('section', Section), ('subsection', Subsection), ('task', Task).

        A section without numeral and title (a document with no section rows) yields no section row.
        """
        for section in self.sections:
            yield from section.rows()

    def units(self) -> list[str]:
        """Every unit named in the document, lead or cooperating, in order of first appearance."""
        seen: dict[str, None] = {}
        for task in self.all_tasks():
            for unit in (*task.units, *task.co_units):
                seen.setdefault(unit, None)
        return list(seen)

    @property
    def has_co_units(self) -> bool:
        """Whether the table has a cooperating-units column (配合单位 …); see task_roles."""
        return any(c.field == "co_units" for c in self.columns)


def task_roles(doc: Document, task: Task) -> tuple[list[str], list[str]]:
    """(lead units, cooperating units) of a task.

    With a co_units column every unit in `units` leads and every unit in `co_units` cooperates. Without
    one (the 2023 seed: a single 牵头责任单位 column) the first unit leads and the later ones take part,
    as the published table means.
    """
    if doc.has_co_units:
        return list(task.units), list(task.co_units)
    return task.units[:1], task.units[1:]


def involves(task: Task, unit: str) -> bool:
    """Whether `unit` leads or cooperates on the task."""
    return unit in task.units or unit in task.co_units


def unit_roles(doc: Document, unit: str) -> tuple[list[int], list[int]]:
    """Numbers of the tasks `unit` leads and those it cooperates on (参与), per task_roles."""
    led, joined = [], []
    for task in doc.all_tasks():
        leads, cooperates = task_roles(doc, task)
        if unit in leads:
            led.append(task.number)
        elif unit in cooperates:
            joined.append(task.number)
    return led, joined


def role_summary(doc: Document, unit: str) -> str:
    """'牵头 3 项（1、3、8）；参与 1 项（7）' — the line under the title of a unit's own part."""
    led, joined = unit_roles(doc, unit)
    parts = []
    if led:
        parts.append(W.ROLE_LED.format(count=len(led), numbers="、".join(map(str, led))))
    if joined:
        parts.append(W.ROLE_JOINED.format(count=len(joined), numbers="、".join(map(str, joined))))
    return "；".join(parts)


def unit_line(doc: Document) -> str | None:
    """For a unit's own part (meta 'unit'): '本单位：市统计局。牵头 3 项（1、3、8）；参与 1 项（7）'."""
    unit = doc.meta.get("unit")
    if not unit:
        return None
    summary = role_summary(doc, str(unit))
    return W.UNIT_LINE_WITH_ROLES.format(unit=unit, summary=summary) if summary else W.UNIT_LINE.format(unit=unit)


def number_list(numbers) -> str:
    """Task numbers as people cite them: '1–115', '61、67、68', '3–5、9'. Sorted; runs of three or more
    consecutive numbers become a range, shorter runs are listed, so no number is claimed that is absent."""
    ordered = sorted(set(numbers))
    parts, i = [], 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{ordered[i]}–{ordered[j]}")
        else:
            parts.extend(str(n) for n in ordered[i : j + 1])
        i = j + 1
    return "、".join(parts)


def file_title(doc: Document) -> str:
    """The title a file's metadata carries: the document's, with the unit's name for a unit's own part."""
    unit = doc.meta.get("unit")
    return f"{doc.title}（{unit}）" if unit and doc.title else str(unit or doc.title)


def file_subject(doc: Document) -> str:
    """The subject a file's metadata carries (PDF, OFD, Word): what it holds and which task numbers."""
    numbers = [t.number for t in doc.all_tasks()]
    if not numbers:
        return W.FILE_SUBJECT
    return W.FILE_SUBJECT_TASKS.format(numbers=number_list(numbers), count=len(numbers))
