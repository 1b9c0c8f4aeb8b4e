"""Raw tables -> the document model: the one place that reads a task table, whatever it came from.

Every tabular source (page text, HTML, Word, someone else's workbook) is first cut into rows of
cells (RawTable); `document_from_tables` finds the header by the synonym table (headers.yaml), maps
columns to fields, reads section/subsection/task rows, splits multi-value cells and checks the
numbering. Nothing here knows where the cells came from.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from exporter import wording
from exporter.errors import SourceError
from exporter.model import FIELDS, LIST_FIELDS, NUMERALS, Column, Document, Section, Subsection, Task
from exporter.text import characters, punctuation

HEADERS_FILE = Path(__file__).with_name("headers.yaml")


@dataclass
class RawRow:
    cells: list[str]  # one string per grid column; paragraphs inside a cell joined with "\n"
    where: str  # location for messages: "第 12 行", "表 1 第 3 行" …
    continued: frozenset[int] = frozenset()  # cells continuing a vertical merge from the row above


@dataclass
class RawTable:
    rows: list[RawRow]
    source: str
    meta: dict[str, str] = field(default_factory=dict)
    preamble: list[str] = field(default_factory=list)


def rows_from_grid(placed, width: int, number: int) -> list[RawRow]:
    """Raw rows of a table whose cells were placed on a grid (HTML, Word): `placed` holds per row the
    texts by column, the columns continuing a vertical merge and the (column, span) of each cell. A row
    whose one cell spans the whole width is a heading row of one cell; blank rows carry nothing."""
    rows = []
    for r, (texts, continued, spans) in enumerate(placed):
        where = wording.WHERE_TABLE_ROW.format(table=number, row=r + 1)
        if len(spans) == 1 and spans[0] == (0, width) and not continued and width > 1:
            cells = [texts[0]]
        else:
            cells = [texts.get(c, "") for c in range(width)]
        if not any(cells):
            continue
        rows.append(RawRow(cells=cells, where=where, continued=frozenset(continued)))
    return rows


# -- header synonyms ------------------------------------------------------------------------------
_SPACES = re.compile(r"\s+")


def compact(text: str) -> str:
    return _SPACES.sub("", text)


@functools.lru_cache(maxsize=1)
def synonyms() -> dict:
    """headers.yaml, checked once: {'fields': {field: [word…]}, 'units_unless_lead': […], 'endings': {…}}."""
    data = yaml.safe_load(HEADERS_FILE.read_text(encoding="utf-8"))
    exact: dict[str, str] = {}
    for name, words in data["fields"].items():
        if name not in FIELDS:
            raise ValueError(f"headers.yaml: unknown field {name}")
        for word in words:
            exact.setdefault(compact(str(word)), name)
    endings = [(compact(str(w)), name) for name, words in data.get("endings", {}).items() for w in words]
    endings.sort(key=lambda item: -len(item[0]))
    return {
        "exact": exact,
        "units_unless_lead": {compact(str(w)) for w in data.get("units_unless_lead", [])},
        "endings": endings,
    }


def header_field(label: str) -> str | None:
    """The field a header names, or None; 'units?' for 责任单位 (lead or cooperating, by its neighbours)."""
    key = compact(label)
    table = synonyms()
    if key in table["exact"]:
        return table["exact"][key]
    if key in table["units_unless_lead"]:
        return "units?"
    for ending, name in table["endings"]:
        if key.endswith(ending) and len(key) <= len(ending) + 12:
            return name
    return None


def map_header(labels: list[str]) -> list[Column]:
    """Columns for header labels in published order; unknown labels become `extra` columns."""
    found = [header_field(label) for label in labels]
    has_lead = "units" in found
    columns: list[Column] = []
    taken: set[str] = set()
    for label, name in zip(labels, found):
        if name == "units?":
            name = "co_units" if has_lead else "units"
        # A second column of a single-valued field (two 完成情况 columns) is kept as extra.
        if name is None or (name in taken and name not in ("units", "co_units")) or not compact(label):
            name = "extra"
        taken.add(name)
        columns.append(Column(name, compact(label) if name != "extra" else label.strip()))
    return columns


def _is_header(cells: list[str]) -> bool:
    found = [header_field(c) for c in cells]
    known = [f for f in found if f]
    return len(known) >= 2 and "task" in known and len(known) * 2 >= len([c for c in cells if compact(c)])


# -- numbers, sections, units ----------------------------------------------------------------------
NUMBER = re.compile(r"^(?:第\s*)?[(（]?\s*(\d{1,6})\s*[)）]?\s*(?:项|条)?\s*[.．、。,，:：]?$")
# A number line with a slip in it ("9a", seven digits): it must stop the import, never become text.
LOOKS_NUMBERED = re.compile(
    r"^(?:第\s*)?[(（]?\s*\d+\s*[A-Za-z]{0,2}\s*[)）]?\s*(?:项|条)?\s*[.．、。,，:：]?\s*[A-Za-z]{0,2}$"
)
# The "附件2" line a document puts above its table (HTML and Word readers skip it when finding the title).
ATTACHMENT_MARK = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")
TEXT_NUMBER = re.compile(r"^(\d{1,6})\s*[.．、]\s*(?=[^\d\s])")  # "3.任务", not "1.5万亩"
NUMERAL = "〇零一二三四五六七八九十百"
SECTION_ROW = re.compile(rf"^(?:第([{NUMERAL}]+)部分\s*|([{NUMERAL}]+)\s*[、，,.．]\s*)(.+)$", re.S)
SUBSECTION_ROW = re.compile(rf"^[(（]\s*([{NUMERAL}]+)\s*[)）]\s*(.+)$", re.S)

# How an institution's name ends; used to join a unit name wrapped over several lines.
UNIT_SUFFIXES = (
    "局",
    "委",
    "办",
    "室",
    "会",
    "部",
    "院",
    "社",
    "中心",
    "厅",
    "处",
    "所",
    "站",
    "队",
    "司",
    "行",
    "馆",
    "校",
    "团",
    "组",
    "园",
    "区",
    "县",
    "市",
    "府",
    "署",
    "联",
    "协",
    "台",
    "场",
    "公司",
    "集团",
    "指挥部",
    "大学",
    "学院",
    "镇",
    "乡",
    "街道",
    "办事处",
    "科",
    "股",
    "庭",
    "村",
    "政府",
    "单位",
    "企业",
    "部门",
    "小组",
    "管委会",
    "分局",
    "支队",
    "大队",
    "中队",
    "局等",
    "委等",
    "办等",
)
SEPARATORS = re.compile(r"[、，,；;／/]+")


def parse_number(text: str) -> int | None:
    """'9', '9.', '9、', '9。', '（9）', '9)', '第9项' -> 9; None when it is not a number at all."""
    m = NUMBER.match(text.strip())
    return int(m.group(1)) if m else None


def looks_numbered(text: str) -> bool:
    """A number that we cannot read ('9a', 7 digits): it must stop the import, never be task text."""
    t = text.strip()
    return bool(LOOKS_NUMBERED.match(t)) and parse_number(t) is None


def numeral_of(text: str) -> str | None:
    """'九' for a known Chinese numeral, else None."""
    return text if text in NUMERALS else None


_LAST_BRACKETS = re.compile(r"[(（][^()（）]*[)）]$")


def ends_like_unit(line: str) -> bool:
    core = _LAST_BRACKETS.sub("", line.strip())  # 市财政局(国资委) -> 市财政局
    core = core.rstrip("★☆*＊ ")
    return core.endswith(UNIT_SUFFIXES)


_OPENING, _CLOSING = "（(〔[【《", "）)〕]】》"
_BRACKET = re.compile("[" + re.escape(_OPENING + _CLOSING) + "]")


def _split_outside_brackets(text: str, pattern: re.Pattern) -> list[str]:
    """Split on `pattern` (runs of separator characters), but not inside （）()〔〕[]【】《》
    (各县〔市、区〕政府 is one name)."""
    if not _BRACKET.search(text):  # the usual cell: no brackets, the regex engine splits it alone
        return [p.strip() for p in pattern.split(text) if p.strip()]
    parts, depth, start = [], 0, 0
    opening, closing = _OPENING, _CLOSING
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(depth - 1, 0)
        elif depth == 0:
            m = pattern.match(text, i)
            if m and m.end() > i:
                parts.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def join_wrapped(lines: list[str]) -> list[str]:
    """Lines of a unit cell -> names: a line that does not end like an institution's name belongs
    to the line after it (长三角绿色农产品 / 生产加工基地建设 / 指挥部办公室)."""
    groups: list[list[str]] = []
    for line in reversed(lines):
        if ends_like_unit(line) or not groups or SEPARATORS.search(line[-1]):
            groups.insert(0, [line])
        else:
            groups[0].insert(0, line)
    return ["".join(g) for g in groups]


def split_units(text: str) -> tuple[list[str], list[str]]:
    """A units cell -> (units, starred): names split at 、，；, line ends and spaces (when every
    piece ends like a name); a unit listed twice is kept once. `starred` are those marked ★."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    names: list[str] = []
    for joined in join_wrapped(lines):
        for piece in _split_outside_brackets(joined, SEPARATORS):
            words = _split_outside_brackets(piece, _SPACES)
            if len(words) > 1 and all(ends_like_unit(w) for w in words):
                names.extend(words)
            else:
                names.append(piece)
    names = _merge_levels([_clean_name(n) for n in names])
    units, starred = [], []
    for name in names:
        star = name[0] in "★☆" or name[-1] in "★☆"
        name = name.strip("★☆ ")
        if name and name not in units:
            units.append(name)
            if star:
                starred.append(name)
    return units, starred


def _clean_name(name: str) -> str:
    """'市发展改革委。' -> '市发展改革委'; '管委会等' -> '管委会' (等 lists, it is not part of the name)."""
    name = name.strip().rstrip("。.；;，,")
    if name.endswith("等") and ends_like_unit(name[:-1]):
        name = name[:-1]
    return name


def _merge_levels(names: list[str]) -> list[str]:
    """'各县、市、区政府' is one name split at its 、: join 各X with the short pieces that follow it."""
    out: list[str] = []
    i = 0
    while i < len(names):
        name = names[i]
        if name.startswith("各") and len(name) <= 3 and i + 1 < len(names) and len(names[i + 1]) <= 2:
            j = i + 1
            while j < len(names) and len(names[j]) <= 4 and not names[j].startswith("各"):
                j += 1
                if names[j - 1].endswith(("政府", "部门", "单位")):
                    break
            if names[j - 1].endswith(("政府", "部门", "单位")):
                out.append("、".join(names[i:j]))
                i = j
                continue
        out.append(name)
        i += 1
    return out


ROLE_LEAD = re.compile(r"^(.*?)(?:牵头负责|牵头)$")
ROLE_CO = re.compile(
    r"^(.*?)(?:等)?(?:按职责分工负责|按职责负责|按职责分工落实|配合|参与|协同|共同负责|分别负责|负责)$"
)
ROLE_LABEL = re.compile(r"^(牵头单位|牵头部门|责任单位|配合单位|责任部门|协同单位|协办单位)\s*[:：]\s*(.*)$")


def split_roles(text: str) -> tuple[list[str], list[str]] | None:
    """'市发展改革委牵头，市财政局、市税务局等按职责分工负责' -> ([市发展改革委], [市财政局, 市税务局]);
    '牵头单位：X；责任单位：Y等', 'X负责', 'X，各县〔市、区〕政府'; ★ marks the lead among several.
    None when the text does not name units (an ordinary remark in brackets)."""
    lead: list[str] = []
    co: list[str] = []
    for clause in _split_outside_brackets(text.strip().rstrip("。"), re.compile(r"[，,；;]")):
        m = ROLE_LABEL.match(clause)
        if m:
            (lead if m.group(1) in ("牵头单位", "牵头部门") else co).extend(_names(m.group(2)))
            continue
        m = ROLE_LEAD.match(clause)
        if m and m.group(1):
            lead.extend(_names(m.group(1)))
            continue
        m = ROLE_CO.match(clause)
        if m and m.group(1):
            # "X负责" alone names the responsible unit; after a lead it is a cooperating one.
            (co if lead or not clause.endswith("负责") or clause.endswith("分工负责") else lead).extend(
                _names(m.group(1))
            )
            continue
        names = _names(clause)
        if not names or not all(ends_like_unit(n) for n in names):
            return None
        (co if co else lead).extend(names)
    if not lead and co:
        lead, co = co, []
    if not lead:
        return None
    starred = [n for n in lead + co if n.startswith("★")]
    if starred:
        everyone = [n.lstrip("★") for n in lead + co]
        lead = [n.lstrip("★") for n in starred]
        co = [n for n in everyone if n not in lead]
    return lead, co


def role_labels(text: str) -> tuple[str | None, str | None]:
    """The words a bracket uses for its roles: '牵头单位:X;责任单位:Y' -> ('牵头单位', '责任单位');
    '责任单位：X' alone names the responsible (lead) unit -> ('责任单位', None)."""
    lead = co = None
    unlabelled_lead = False
    for clause in _split_outside_brackets(text.strip(), re.compile(r"[，,；;]")):
        m = ROLE_LABEL.match(clause)
        if m and m.group(1) in ("牵头单位", "牵头部门"):
            lead = lead or m.group(1)
        elif m:
            co = co or m.group(1)
        elif ROLE_LEAD.match(clause) and ROLE_LEAD.match(clause).group(1):
            unlabelled_lead = True  # "X牵头"
    return (lead, co) if lead or unlabelled_lead else (co, None)


def _names(text: str) -> list[str]:
    text = text.strip()
    if text.endswith("等") and ends_like_unit(text[:-1]):
        text = text[:-1]
    return [n for n in _split_outside_brackets(text, SEPARATORS) if n]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


# -- the document ----------------------------------------------------------------------------------
def _error(
    row: RawRow | None, source: str, message: str, hint: str | None = None, task: int | None = None
) -> SourceError:
    if row is None:
        return SourceError(message, file=source, hint=hint, task=task)
    m = re.fullmatch(r"第 (\d+) 行", row.where)
    if m:
        return SourceError(message, file=source, line=int(m.group(1)), hint=hint, task=task)
    return SourceError(message, file=f"{source} {row.where}", hint=hint, task=task)


class _Builder:
    def __init__(self, restore: bool, report):
        self.restore = restore
        self.report = report or (lambda line: None)
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.subsection: Subsection | None = None
        self.numbers: list[tuple[int, RawRow]] = []
        self.columns: list[Column] | None = None

    def fix(self, text: str) -> str:
        return punctuation.restore(text) if self.restore else text

    def open_section(self, numeral: str, title: str) -> None:
        self.section = Section(numeral=numeral, title=self.fix(title))
        self.sections.append(self.section)
        self.subsection = None

    def open_subsection(self, numeral: str, title: str) -> None:
        if self.section is None:
            self.open_section("", "")
        self.subsection = Subsection(numeral=numeral, title=self.fix(title))
        self.section.subsections.append(self.subsection)

    def heading_row(self, text: str) -> bool:
        """A section or subsection row; True when `text` was one."""
        text = text.strip()
        m = SUBSECTION_ROW.match(text)
        if m and numeral_of(m.group(1)):
            self.open_subsection(m.group(1), m.group(2).strip())
            return True
        m = SECTION_ROW.match(text)
        if m and numeral_of(m.group(1) or m.group(2)):
            self.open_section(m.group(1) or m.group(2), m.group(3).strip())
            return True
        return False

    def add(self, task: Task) -> None:
        if self.section is None:
            self.open_section("", "")
        (self.subsection or self.section).tasks.append(task)


def _header_rows(rows: list[RawRow], start: int) -> tuple[list[str], int]:
    """Labels of the header at rows[start] and the index after it; a second header row (牵头 / 配合
    under 责任单位) is merged into it."""
    labels = list(rows[start].cells)
    end = start + 1
    if end < len(rows) and len(rows[end].cells) == len(labels) and parse_number(rows[end].cells[0]) is None:
        below = rows[end].cells
        merged = []
        for i, (top, low) in enumerate(zip(labels, below)):
            low = "" if i in rows[end].continued else low
            if compact(low) and header_field(compact(top) + compact(low)):
                merged.append(compact(top) + compact(low))
            elif compact(low) and header_field(low):
                merged.append(low)
            else:
                merged.append(top)
        if any(compact(b) for i, b in enumerate(below) if i not in rows[end].continued) and all(
            not compact(b) or header_field(b) or header_field(compact(t) + compact(b)) for t, b in zip(labels, below)
        ):
            return merged, end + 1
    return labels, end


def _column_count(tables: list[RawTable]) -> int:
    counts: dict[int, int] = {}
    for table in tables:
        for row in table.rows:
            if len(row.cells) > 1:
                counts[len(row.cells)] = counts.get(len(row.cells), 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else 1


def document_from_tables(
    tables: list[RawTable], *, columns: list[str] | None = None, restore_punctuation: bool = True, report=None
) -> Document:
    """Find the header row by the synonym table, map columns to fields, read section/subsection/task
    rows, split multi-value cells, check numbering. `columns` = the --columns override (header labels in
    order). `report(str)` receives the Chinese lines telling which header went to which field.
    Raises SourceError (with the RawRow.where) for anything it cannot read."""
    if not tables:
        raise SourceError(wording.NO_TABLE, hint=wording.NO_TABLE_HINT)
    source = tables[0].source
    _check_characters(tables)
    b = _Builder(restore_punctuation, report)
    meta: dict = {}
    preamble: list[str] = []
    for table in tables:
        for key, value in table.meta.items():
            meta.setdefault(key, value)
        preamble.extend(table.preamble)
    mapped: list[Column] | None = None
    for table in tables:
        rows = table.rows
        start = 0
        if columns:
            mapped = mapped or map_header(columns)
            start = _skip_to_data(rows, mapped, table.source, b, preamble)
        else:
            found = next((i for i, r in enumerate(rows) if len(r.cells) > 1 and _is_header(r.cells)), None)
            if found is None and mapped is None:
                raise _no_header(tables)
            if found is not None:
                labels, start = _header_rows(rows, found)
                for r in rows[:found]:  # caption rows above the header
                    preamble.extend(paragraphs("\n".join(r.cells)))
                mapped = map_header(labels)
                if b.columns is None:
                    _report_mapping(labels, mapped, b.report)
        b.columns = b.columns or mapped
        _read_rows(rows[start:], mapped, table.source, b)
    doc_meta = {k: b.fix(v) for k, v in meta.items() if v}
    if preamble:
        if not doc_meta.get("title"):
            doc_meta["title"] = b.fix(preamble.pop(0))
        if preamble:
            doc_meta["preamble"] = [b.fix(p) for p in preamble]
    if not doc_meta.get("title"):
        raise SourceError(wording.NO_TITLE, file=source, hint=wording.NO_TITLE_HINT)
    tasks = [t for s in b.sections for t in s.all_tasks()]
    if not tasks:
        raise SourceError(wording.NO_TASK_ROWS, file=source, hint=wording.NO_TABLE_HINT)
    _check_numbers(b, source)
    return Document(meta=doc_meta, sections=b.sections, columns=list(b.columns))


def _check_characters(tables: list[RawTable]) -> None:
    """The one rule (text/characters.py) on every cell a reader gives: a cell keeps its paragraphs as
    line ends; anything else forbidden is an error at its row, never dropped or passed on."""

    def refuse(bad: list[str], row: RawRow | None, source: str) -> None:
        if bad:
            message = wording.CONTROL_CHARACTERS.format(chars="、".join(bad))
            raise _error(row, source, message, wording.CONTROL_CHARACTERS_HINT)

    for table in tables:
        for text in [*table.meta.values(), *table.preamble]:
            refuse(characters.forbidden(text), None, table.source)
        for row in table.rows:
            for cell in row.cells:
                refuse(characters.forbidden(cell, allow=characters.LINE_ENDS), row, table.source)


def _report_mapping(labels, mapped, report) -> None:
    parts = [
        f"“{compact(label)}”→{wording.FIELD_NAMES.get(col.field, col.field)}" for label, col in zip(labels, mapped)
    ]
    report(wording.HEADER_MAPPING.format(mapping="，".join(parts)))


def _no_header(tables: list[RawTable]) -> SourceError:
    n = _column_count(tables)
    first = next((r for t in tables for r in t.rows if len(r.cells) > 1), None)
    message = wording.NO_HEADER.format(count=n)
    if first is not None:  # show what was taken for the header, so the user can write --columns for it
        seen = " | ".join(compact(c)[:20] for c in first.cells)
        message = wording.NO_HEADER_SEEN.format(message=message, cells=seen)
    return _error(first, tables[0].source, message, hint=wording.NO_HEADER_HINT.format(example=wording.COLUMNS_EXAMPLE))


def _skip_to_data(rows: list[RawRow], mapped: list[Column], source: str, b: _Builder, preamble) -> int:
    """With --columns: rows before the first task row are the page's own header or its caption."""
    number_at = next((i for i, c in enumerate(mapped) if c.field == "number"), None)
    for i, row in enumerate(rows):
        if len(row.cells) == len(mapped):
            if number_at is None or parse_number(row.cells[number_at]) is not None:
                if i:
                    b.report(wording.HEADER_SKIPPED.format(count=i))
                _report_mapping([c.label for c in mapped], mapped, b.report)
                return i
            if _is_header(row.cells) or i == 0 or len(row.cells) == len(mapped):
                continue
        elif len(row.cells) == 1 and not b.sections:
            if SECTION_ROW.match(row.cells[0].strip()) or SUBSECTION_ROW.match(row.cells[0].strip()):
                _report_mapping([c.label for c in mapped], mapped, b.report)
                return i
            preamble.extend(paragraphs(row.cells[0]))
    _report_mapping([c.label for c in mapped], mapped, b.report)
    return len(rows)


def _single_text(row: RawRow) -> str | None:
    """The text of a row holding one value (a section, subsection or caption row), else None."""
    if len(row.cells) == 1:
        return row.cells[0]
    # str.strip and the regex's \s agree on what is whitespace: strip() tells "has text" cheaply.
    filled = [c for i, c in enumerate(row.cells) if c.strip() and i not in row.continued]
    if len(filled) == 1 and len({compact(c) for c in row.cells if c.strip()}) == 1:
        return filled[0]
    return None


def _read_rows(rows: list[RawRow], mapped: list[Column], source: str, b: _Builder) -> None:
    width = len(mapped)
    number_at = next((i for i, c in enumerate(mapped) if c.field == "number"), None)
    task_at = next((i for i, c in enumerate(mapped) if c.field == "task"), None)
    previous: list[str] = [""] * width
    # A 序号 column merged over several rows numbers groups; the tasks' own numbers are in their text.
    groups = (
        number_at is not None
        and task_at is not None
        and any(number_at in r.continued for r in rows)
        and sum(1 for r in rows if len(r.cells) == width and TEXT_NUMBER.match(r.cells[task_at].strip())) >= 2
    )
    for row in rows:
        single = _single_text(row)
        if single is not None:
            text = single.strip()
            if b.heading_row(text):
                continue
            if number_at is not None and parse_number(text) is not None:
                raise _error(row, source, wording.ROW_ONLY_NUMBER.format(text=text), hint=wording.ROW_HINT)
            if len(row.cells) == 1 or task_at is None or compact(row.cells[task_at]) != compact(text):
                b.open_section("", text)  # a section row without numeral
                continue
        if len(row.cells) != width:
            raise _error(
                row, source, wording.ROW_WIDTH.format(found=len(row.cells), expected=width), hint=wording.ROW_WIDTH_HINT
            )
        cells = [previous[i] if i in row.continued else c for i, c in enumerate(row.cells)]
        previous = cells
        _read_task(row, cells, mapped, number_at, task_at, source, b, groups)


def _read_task(row, cells, mapped, number_at, task_at, source, b: _Builder, groups: bool = False) -> None:
    task_text = cells[task_at].strip() if task_at is not None else ""
    # A section heading standing in the task's cell above its text.
    first, _, rest = task_text.partition("\n")
    if rest.strip() and (SECTION_ROW.match(first.strip()) or SUBSECTION_ROW.match(first.strip())):
        if b.heading_row(first):
            task_text = rest.strip()
    number = None
    number_text = cells[number_at].strip() if number_at is not None else ""
    grouped = number_at is not None and number_at in row.continued
    if number_text and not grouped:
        number = parse_number(number_text)
        if number is None:
            raise _error(row, source, wording.BAD_NUMBER.format(text=number_text[:20]), hint=wording.BAD_NUMBER_HINT)
    m = TEXT_NUMBER.match(task_text)
    if m and (number is None or groups):
        number = int(m.group(1))
        task_text = task_text[m.end() :]
    if number is None:
        if number_at is not None:
            raise _error(row, source, wording.MISSING_NUMBER, hint=wording.BAD_NUMBER_HINT)
        number = (b.numbers[-1][0] + 1) if b.numbers else 1
    if not compact(task_text):
        raise _error(row, source, wording.MISSING_TASK, hint=wording.ROW_HINT, task=number)
    task = Task(
        number=number,
        task=b.fix(punctuation.join_lines(paragraphs(task_text)) if "\n" in task_text else task_text),
        line=_line_of(row),
    )
    for i, col in enumerate(mapped):
        if i in (number_at, task_at):
            continue
        value = cells[i]
        if col.field in ("units", "co_units"):
            names, starred = split_units(value)
            names = [b.fix(n) for n in names]
            starred = [b.fix(n) for n in starred]
            if col.field == "units" and starred and "co_units" not in [c.field for c in mapped]:
                task.units.extend(n for n in starred if n not in task.units)
                task.co_units.extend(n for n in names if n not in starred and n not in task.co_units)
            else:
                getattr(task, col.field).extend(n for n in names if n not in getattr(task, col.field))
        elif col.field in ("leaders", "owners"):
            getattr(task, col.field).extend(b.fix(n) for n in split_units(value)[0])
        elif col.field in LIST_FIELDS:
            getattr(task, col.field).extend(b.fix(p) for p in paragraphs(value))
        elif col.field == "extra":
            if compact(value):
                task.extra[col.label] = b.fix(punctuation.join_lines(paragraphs(value)))
        else:
            # one line, as the model holds it: a cell's lines run together (a deadline 2023年\n6月底)
            setattr(task, col.field, b.fix(punctuation.join_lines(paragraphs(value))))
    if "units" in [c.field for c in mapped] and not task.units:
        raise _error(row, source, wording.MISSING_UNITS, hint=wording.MISSING_UNITS_HINT, task=number)
    b.numbers.append((number, row))
    b.add(task)


def _line_of(row: RawRow) -> int | None:
    m = re.fullmatch(r"第 (\d+) 行", row.where)
    return int(m.group(1)) if m else None


def _check_numbers(b: _Builder, source: str) -> None:
    seen: dict[int, RawRow] = {}
    last = None
    for number, row in b.numbers:
        if number in seen:
            raise _error(
                row,
                source,
                wording.DUPLICATE_NUMBER.format(number=number, where=seen[number].where),
                hint=wording.BAD_NUMBER_HINT,
                task=number,
            )
        if last is not None and number < last:
            raise _error(
                row,
                source,
                wording.DECREASING_NUMBER.format(number=number, last=last),
                hint=wording.BAD_NUMBER_HINT,
                task=number,
            )
        if last is not None and number > last + 1:
            missing = number - last - 1
            span = str(last + 1) if missing == 1 else f"{last + 1}–{number - 1}"
            b.report(wording.NUMBER_GAP.format(span=span, count=missing, last=last, number=number))
        seen[number] = row
        last = number
