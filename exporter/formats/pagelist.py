"""Task lists on a page: numbered items with their units, as task-assignment documents print them.

An item is "1.任务" or "（一）任务". Its units follow as labels ("牵头单位：…" on the lines after it
or on the same line) or stand in a bracket at the end of its text ("（X牵头，Y配合）",
"[牵头单位:X;责任单位:Y]"), or the section heading names them for all its tasks ("一、X牵头工作（8项）").
"一、…" lines are sections. A "（一）…" line is a subsection heading when
it names no units and numbered items follow it, and a task when it names units; anything in between
is refused with its line. The page before the first item that names units is its preamble.
This module only cuts the list into raw rows (header, heading rows, task rows); formats/table.py
reads them into the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exporter import wording
from exporter.errors import SourceError
from exporter.formats import table
from exporter.formats.table import RawRow
from exporter.model import numeral_value

NUMERAL_CHARS = "一二三四五六七八九十"
ROLE_LABELS = ("部门分工", "责任分工", "任务分工")
ITEM = re.compile(r"(\d{1,5})\s*[.．、]\s*(?=[^\d\s.．、])")
SECTION = re.compile(rf"^([{NUMERAL_CHARS}]+)[、，,.．]\s*(\S.*)$", re.S)
PAREN = re.compile(rf"^[(（]\s*([{NUMERAL_CHARS}]+)\s*[)）]\s*(\S.*)$", re.S)
BRACKET_TAIL = re.compile(r"[（(\[【]((?:[^（()）\[\]【】]|[（(][^（()）]*[)）])+)[)）\]】]\s*[。；;.]?\s*$")
# "一、县示范区管委会牵头工作（8项）": the section names the lead unit of every task under it.
SECTION_LEAD = re.compile(r"^(.+?)牵头(?:的|负责的)?工作\s*(?:[(（]\s*\d+\s*项\s*[)）])?$")
# "责任单位：A、B、C（列第一位者为工作牵头单位或汇总单位，下同）": A leads, B and C cooperate.
FIRST_IS_LEAD = re.compile(
    r"\s*[(（]\s*(?:排?列|排名)第一(?:位|个)?(?:者|的单位)?为[^()（）]*?牵头[^()（）]*[)）]\s*[。；;]?\s*$"
)
DIVISION = re.compile(r"\n?部门分工\s*[:：]\s*(.+)$", re.S)
INLINE_HEADING = re.compile(rf"(?<=[。；;）)\]】])\s*(?=(?:[{NUMERAL_CHARS}]+、|[(（][{NUMERAL_CHARS}]+[)）]))")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _label_words() -> list[str]:
    words = [w for w, f in table.synonyms()["exact"].items() if f not in ("number", "task")]
    words += list(table.synonyms()["units_unless_lead"]) + list(ROLE_LABELS)
    return sorted(set(words), key=len, reverse=True)


def _labels_pattern() -> re.Pattern:
    words = "|".join(re.escape(w) for w in _label_words())
    leaders = r"分管[\u4e00-\u9fff]{0,2}领导|牵头[\u4e00-\u9fff]{0,2}领导|责任[\u4e00-\u9fff]{0,2}领导"
    return re.compile(rf"(?:(?<=^)|(?<=[\s。；;，,]))({words}|{leaders})\s*[:：]")


@dataclass
class Block:
    """One numbered line of the list and what belongs to it, in page order."""

    kind: str  # "item" (1.), "paren" (（一）) or "section" (一、)
    line: int
    mark: str  # "3" for 3., "一" for （一） and 一、
    heading: str  # the line as published, its mark included (a heading row's text)
    lines: list[tuple[int, str]]  # its text: the rest of its own line, then the lines running on
    labels: dict[str, str] = field(default_factory=dict)
    label: str | None = None  # the label that lines running on continue
    task: str = ""
    roles: tuple[list[str], list[str]] | None = None  # units written in a bracket at the end
    role_labels: tuple[str | None, str | None] = (None, None)

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines if t)

    @property
    def names_units(self) -> bool:
        return bool(self.labels) or self.roles is not None


def _unrun(body: list[tuple[int, str]]):
    """(line, text, run_together): a line holding several numbered items is a page run together;
    it is cut before the section rows standing inside it."""
    for line_no, text in body:
        if len(ITEM.findall(text)) < 2:
            yield line_no, text, False
            continue
        for part in INLINE_HEADING.split(text):
            if part.strip():
                yield line_no, part.strip(), True


def _depth(text: str, at: int) -> int:
    depth = 0
    for ch in text[:at]:
        if ch in "（(【[":
            depth += 1
        elif ch in "）)】]":
            depth = max(depth - 1, 0)
    return depth


def _tokens(body: list[tuple[int, str]]):
    """(kind, line, value, text, raw) for the pieces of the page: items 1., labels, and the text
    before them on a line, itself a section (一、), a paren line (（一）) or plain text."""
    pattern = _labels_pattern()
    last = 0
    for line_no, text, run_together in _unrun(body):
        head = SECTION.match(text)
        if head and head.group(1) == "一":
            last = 0  # a list starts again after its first section heading (a 通知 may number its 附件)
        marks = []
        for m in ITEM.finditer(text):
            number = int(m.group(1))
            at_start = text[: m.start()].strip() == ""
            after_break = m.start() > 0 and (
                text[m.start() - 1] in " \u3000。；;）)】]" or run_together and not text[m.start() - 1].isdigit()
            )
            if number > last and (at_start or (after_break and number == last + 1)):
                marks.append((m.start(), m.end(), "item", str(number)))
                last = number
        for m in pattern.finditer(text):
            if _depth(text, m.start()) == 0:  # "（牵头单位：X；责任单位：Y）" is units in the text
                marks.append((m.start(), m.end(), "label", _compact(m.group(1))))
        marks.sort()
        head_text = text[: marks[0][0] if marks else len(text)].strip()
        if head_text:
            kind, value = "text", ""
            for name, regex in (("section", SECTION), ("paren", PAREN)):
                m = regex.match(head_text)
                if m:
                    kind, value = name, m.group(1)
                    break
            yield kind, line_no, value, head_text, head_text
        for i, (start, end_mark, kind, value) in enumerate(marks):
            end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
            yield kind, line_no, value, text[end_mark:end].strip(), text[start:end].strip()


def _bracket_roles(text: str):
    m = BRACKET_TAIL.search(text)
    return (m, table.split_roles(m.group(1))) if m else (None, None)


def _blocks(body: list[tuple[int, str]]) -> tuple[list[Block], list[tuple[int, str]]]:
    """The numbered blocks of the page and the text before the first of them."""
    blocks: list[Block] = []
    lead: list[tuple[int, str]] = []
    current: Block | None = None
    for kind, line_no, value, text, raw in _tokens(body):
        if kind == "paren" and current is not None and current.kind == "item" and not _has_units(current):
            kind = "text"  # "（一）…" inside a numbered task whose units are still to come: its text
            text = raw
        if kind in ("item", "paren", "section"):
            rest = text if kind == "item" else (SECTION if kind == "section" else PAREN).match(text).group(2)
            heading = f"{value}.{text}" if kind == "item" else text
            current = Block(kind, line_no, value, heading, [(line_no, rest)])
            blocks.append(current)
        elif current is None:
            lead.append((line_no, raw))
        elif kind == "label":
            current.label = value
            current.labels[value] = text
        elif current.label is not None:
            current.labels[current.label] += "\n" + text
        else:
            current.lines.append((line_no, text))
    section_lead = None
    first_leads = False  # a note "列第一位者为牵头单位，下同" seen above
    for b in blocks:
        if b.kind != "section":
            first_leads = _first_listed_leads(b, first_leads)
        if b.kind == "section":
            m = SECTION_LEAD.match(b.text)
            section_lead = m.group(1).strip() if m and table.ends_like_unit(m.group(1)) else None
            continue
        task = b.text
        m = DIVISION.search(task)
        if m:
            b.labels.setdefault("部门分工", m.group(1))
            task = task[: m.start()].rstrip()
        m, roles = _bracket_roles(task)
        if roles and not b.labels:
            b.roles = roles
            b.role_labels = table.role_labels(m.group(1))
            stop = m.group(0).strip()[-1]
            task = task[: m.start()].rstrip()
            if task and task[-1] not in "。；;" and stop in "。；;":
                task += stop
        if section_lead and not b.names_units:
            b.roles = ([section_lead], [])
        b.task = task
    return blocks, lead


def _first_listed_leads(b: Block, carried: bool) -> bool:
    """Apply a note saying the first unit listed leads ("（列第一位者为牵头单位，下同）") to `b`: its
    责任单位 become 牵头单位 (the first) and 责任单位 (the rest). True when the note holds for the items
    after (下同)."""
    if any(table.header_field(label) == "units" for label in b.labels):
        return carried  # the item names its lead itself
    for label, value in b.labels.items():
        if table.header_field(label) != "units?":
            continue
        note = FIRST_IS_LEAD.search(value)
        if note is None and not carried:
            return False
        if note is not None:
            value = value[: note.start()].rstrip()
            carried = "下同" in note.group(0)
        names = table.split_units(value)[0]
        labels = {}
        for key, text in b.labels.items():
            if key == label:
                labels["牵头单位"] = names[0] if names else ""
                text = "、".join(names[1:])
            labels[key] = text
        b.labels = labels
        return carried
    return carried


def _has_units(b: Block) -> bool:
    return bool(b.labels) or bool(DIVISION.search(b.text)) or _bracket_roles(b.text)[1] is not None


def _error(file: str, message: str, line: int | None, hint: str, task: int | None = None) -> SourceError:
    return SourceError(message, file=file, line=line, hint=hint, task=task)


def _start(blocks: list[Block], first: int) -> int:
    """Index of the list's first block: the first one naming units, with the headings right before it
    (a "（一）" heading only before a numbered item; nothing before a section "一、")."""
    start = first
    while start > 0:
        before = blocks[start - 1]
        alone = len([t for _, t in before.lines if t]) == 1 and not before.labels
        if before.kind == "paren" and alone and not before.names_units and blocks[start].kind == "item":
            start -= 1
            continue
        if before.kind == "section" and alone:
            start -= 1
            if before.mark == "一":
                break
            continue
        break
    return start


def _classify(blocks: list[Block], file: str) -> list[tuple[str, Block]]:
    """('heading' | 'task', block) in page order; refuses what cannot be told apart."""
    paren_tasks = any(b.kind == "paren" and b.names_units for b in blocks)
    out = []
    for i, b in enumerate(blocks):
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        items_follow = after is not None and after.kind == "item"
        if b.kind == "item" or (b.kind == "paren" and b.names_units and not items_follow):
            if not b.names_units:
                raise _error(
                    file,
                    wording.ITEM_WITHOUT_UNITS.format(text=b.task[:20]),
                    b.line,
                    wording.ITEM_WITHOUT_UNITS_HINT,
                    task=int(b.mark) if b.kind == "item" else None,
                )
            out.append(("task", b))
            continue
        if b.kind == "paren" and b.names_units:
            raise _error(
                file,
                wording.PAREN_WITH_ITEMS.format(text=b.heading[:20], item=after.heading[:20]),
                b.line,
                wording.PAREN_WITH_ITEMS_HINT,
            )
        if b.kind == "paren" and not items_follow and paren_tasks:
            raise _error(file, wording.PAREN_UNCLEAR.format(text=b.heading[:20]), b.line, wording.PAREN_UNCLEAR_HINT)
        extra = [(n, t) for n, t in b.lines[1:] if t]
        if b.labels or extra:  # a heading holds one line; what follows it before the next item is unplaced
            line_no, text = extra[0] if extra else (b.line, next(iter(b.labels)))
            raise _error(file, wording.STRAY_LINE.format(text=text[:30]), line_no, wording.STRAY_LINE_HINT)
        out.append(("heading", b))
    return out


def _numbers(parts: list[tuple[str, Block]], file: str, report) -> list[int]:
    """Task numbers: 3. is 3, （三） is 3. Items numbered （一）… again in each part are numbered in
    reading order (and the user told); a clash between the two kinds of number is refused."""
    tasks = [b for kind, b in parts if kind == "task"]
    numbers = [int(b.mark) if b.kind == "item" else numeral_value(b.mark) or 0 for b in tasks]
    for i in range(1, len(numbers)):
        if numbers[i] > numbers[i - 1]:
            continue
        if all(b.kind == "paren" for b in tasks):
            b = tasks[i]
            report(wording.PAREN_RENUMBERED.format(line=b.line, numeral=b.mark, count=len(tasks)))
            return list(range(1, len(tasks) + 1))
        b = tasks[i]
        raise _error(
            file,
            wording.NUMBER_CLASH.format(text=b.heading[:20], number=numbers[i], last=numbers[i - 1]),
            b.line,
            wording.NUMBER_CLASH_HINT,
            task=numbers[i],
        )
    return numbers


def _label_columns(label: str) -> list[str]:
    return ["牵头单位", "配合单位"] if label in ROLE_LABELS else [label]


def _division_roles(b: Block):
    value = next((b.labels[label] for label in ROLE_LABELS if label in b.labels), None)
    return (table.split_roles(value) or ([value], [])) if value else None


def _names_co(b: Block, column: str, co_label: str) -> bool:
    if column in b.labels:
        return True
    if b.roles and column == co_label:
        return bool(b.roles[1])
    division = _division_roles(b)
    return column == "配合单位" and bool(division and division[1])


def _role_columns(tasks: list[Block]) -> tuple[str, str]:
    """Header words for units written in brackets: the ones the brackets use ([牵头单位:X;责任单位:Y]),
    else 牵头单位 / 配合单位."""
    leads = [b.role_labels[0] for b in tasks if b.roles and b.role_labels[0]]
    cos = [b.role_labels[1] for b in tasks if b.roles and b.role_labels[1]]
    lead, co = (leads[0] if leads else "牵头单位"), (cos[0] if cos else "配合单位")
    if table.header_field(lead) == "units?" and (cos or any(b.roles[1] for b in tasks if b.roles)):
        lead = "牵头单位"  # 责任单位 names the lead only where no lead column stands beside it
    if co == lead or table.header_field(co) not in ("co_units", "units?"):
        co = "配合单位"
    return lead, co


def read_list(body: list[tuple[int, str]], file: str, report=None) -> tuple[list[RawRow], int, list[str]] | None:
    """Raw rows of the list on `body` (line number, text), the line where it starts and the text on
    that line before it (the page's preamble run into the list); None when no item names units."""
    report = report or (lambda line: None)
    blocks, lead = _blocks(body)
    first = next((i for i, b in enumerate(blocks) if b.kind != "section" and b.names_units), None)
    if first is None:
        return None
    start = _start(blocks, first)
    start_line = blocks[start].line
    preamble = [text for n, text in lead if n >= start_line]
    preamble += [b.heading for b in blocks[:start] if b.line >= start_line]
    parts = _classify(blocks[start:], file)
    numbers = _numbers(parts, file, report)
    tasks = [b for kind, b in parts if kind == "task"]
    lead_label, co_label = _role_columns(tasks)
    header = ["序号", "任务"]
    for b in tasks:  # labels in published order; one first seen later goes after its predecessor
        previous = "任务"
        for label in b.labels:
            for name in _label_columns(label):
                if name not in header:
                    header.insert(header.index(previous) + 1, name)
                previous = name
        if b.roles and lead_label not in header:
            header += [lead_label, co_label]
    for co in {co_label, "配合单位"}:
        if co in header and not any(_names_co(b, co, co_label) for b in tasks):
            header.remove(co)  # no item names a cooperating unit
    fields = [c.field for c in table.map_header(header)]
    lead_column = header[fields.index("units")] if "units" in fields else None
    rows = [RawRow(header, wording.WHERE_LINE.format(line=tasks[0].line))]
    numbered = iter(numbers)
    for kind, b in parts:
        if kind == "heading":
            rows.append(RawRow([b.heading], wording.WHERE_LINE.format(line=b.line)))
            continue
        cells = {"序号": str(next(numbered)), "任务": b.task}
        for label, value in b.labels.items():
            if label in ROLE_LABELS:
                lead_units, co_units = _division_roles(b)
                cells["牵头单位"], cells["配合单位"] = "、".join(lead_units), "、".join(co_units)
            else:
                cells[label] = value
        if b.roles:
            cells[lead_label], cells[co_label] = "、".join(b.roles[0]), "、".join(b.roles[1])
        if lead_column and not cells.get(lead_column, "").strip():
            # an item naming only its 责任单位 where others name a lead: those are its own (lead) units
            alone = [h for h in b.labels if table.header_field(h) == "units?" and b.labels[h].strip()]
            if alone:
                cells[lead_column] = cells.pop(alone[0])
        rows.append(RawRow([cells.get(h, "") for h in header], wording.WHERE_LINE.format(line=b.line)))
    return rows, start_line, preamble


def numbered_lines(body: list[tuple[int, str]]) -> int:
    """How many lines start with a number (1. 2.): said when a page is refused."""
    return sum(1 for _, t in body if ITEM.match(t))
