"""Read published page text (as copied or scraped from a portal) into the document model.

A page is page furniture (breadcrumbs, a metadata block, a title, a 来源 line, a 通知), then the
tasks in one of these layouts, in any column order:
- a table with one cell per line (the 2023 宿州 page), optionally with " |" after each cell or
  lines holding only "|" between cells;
- a table with one row per line, cells separated by tabs, "|" or spaces (a cell may run on);
- a labelled list: "1.任务" followed by "牵头单位：…" / "责任单位：…" (one per line or run together);
- numbered items whose units are written into the text: "…（X牵头，Y按职责分工负责）".
This module only cuts the text into raw rows; formats/table.py reads them into the model.
"""

from __future__ import annotations

import re

from exporter import wording
from exporter.errors import SourceError
from exporter.formats import pagelist, table
from exporter.formats.table import RawRow, RawTable, header_field, looks_numbered, parse_number
from exporter.model import NUMERALS
from exporter.text import characters

# Metadata labels of the portals, longest first; the seed mangles 索引号 to "号" and 有效性 to "性".
META_LABELS = [
    ("政策咨询机关", "contact_office"),
    ("内容概述", "summary"),
    ("信息名称", "name"),
    ("发布文号", "doc_no"),
    ("主题导航", "subject"),
    ("关键词", "keywords"),
    ("政策咨询电话", "contact_phone"),
    ("公开方式", "disclosure"),
    ("发文文号", "doc_no"),
    ("发文字号", "doc_no"),
    ("发布机关", "issuer"),
    ("文件分类", "category"),
    ("所属机构", "office"),
    ("信息分类", "category"),
    ("组配分类", "category"),
    ("主题分类", "subject"),
    ("发布机构", "issuer"),
    ("发文机关", "issuer"),
    ("发文机构", "issuer"),
    ("发文单位", "issuer"),
    ("成文日期", "written"),
    ("发文日期", "written"),
    ("发布日期", "published"),
    ("发布时间", "published"),
    ("生效时间", "effective"),
    ("废止时间", "expires"),
    ("信息来源", "source"),
    ("索引号", "index_no"),
    ("有效性", "validity"),
    ("文号", "doc_no"),
    ("名称", "name"),
    ("分类", "category"),
    ("号", "index_no"),
    ("性", "validity"),
]
SOURCE_LABELS = [
    ("信息来源", "source"),
    ("发布日期", "posted"),
    ("来源", "source"),
    ("浏览量", "views"),
    ("浏览次数", "views"),
    ("访问次数", "views"),
    ("访问量", "views"),
    ("阅读次数", "views"),
    ("点击率", "views"),
    ("点击量", "views"),
    ("点击数", "views"),
    ("发表时间", "posted"),
    ("发布时间", "posted"),
    ("编辑", "editor"),
]

# Lines of the portal's page around the table; the first one after the table ends it.
FURNITURE = re.compile(
    r"^(扫一扫|【?打印|【?关闭|分享到|上一篇|下一篇|相关链接|相关文件|主办单位|承办单位|版权所有|网站标识码|"
    r"皖ICP|ICP备|技术支持|联系我们|网站地图|\[打印|\[关闭)"
)
BREADCRUMB = re.compile(r"^(?:(?:您?当前(?:所在的?)?位置|您现在所在的位置|所在位置)\s*[:：]|>\s)")
NAV_LINE = re.compile(r"^[•·\-\s]*(返回顶部|设为首页|加入收藏|无障碍|长辈版|长者版|关怀版|返回首页|首\s*页)")
# Controls of the page itself (font size, print, share), not part of the document.
PAGE_CONTROL = re.compile(r"^[•·\s]*(【?字体(?:大小)?\s*[:：]|字号\s*[:：]|【?打印|分享到|浏览次数\s*[:：]?\s*$)")

SENTENCE_END = "。；;，,：:！!？?、…"
LIST_MARKER = re.compile(r"^(\d+[.．、]|[(（]\d+[)）])")
NUMERAL_CHARS = "一二三四五六七八九十"
SECTION_ROW = re.compile(rf"^([{NUMERAL_CHARS}]+)[、，,.．]\s*(.*)$")
SUBSECTION_ROW = re.compile(rf"^[(（]([{NUMERAL_CHARS}]+)[)）]\s*(.*)$")
LONG_FIELDS = ("progress", "problems", "next_steps")
UNIT_FIELDS = ("units", "co_units", "leaders", "owners")


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM) or a clear error naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            wording.TEXT_NOT_UTF8,
            file=file,
            line=line,
            hint=wording.TEXT_NOT_UTF8_HINT,
        ) from None


def check_characters(text: str, file: str) -> None:
    """Control characters (other than tab and line ends) have no place in a published table."""
    # Split at line ends only: splitlines() would also take U+000B, U+001C…U+001E and U+0085 for one.
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        bad = characters.forbidden(line, allow=characters.TAB)  # tabs separate cells
        if bad:
            raise SourceError(
                wording.TEXT_CONTROL_CHARACTER.format(chars=wording.LIST_SEPARATOR.join(bad)),
                file=file,
                line=number,
                hint=wording.TEXT_CONTROL_CHARACTER_HINT,
            )


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _label_pattern(labels) -> re.Pattern:
    alternatives = "|".join(r"\s*".join(map(re.escape, label)) for label, _ in labels)
    return re.compile(rf"(?:^|\s)({alternatives})\s*[:：]")


META_PATTERN = _label_pattern(META_LABELS)
SOURCE_PATTERN = _label_pattern(SOURCE_LABELS)
# A label alone on its line ("• 发布机构：", "发文日期"), its value on the next line; one-character
# labels (the seed's mangled 号/性) are too common to stand alone.
LABEL_ALONE = re.compile(
    r"^[•·\s]*("
    + "|".join(r"\s*".join(map(re.escape, label)) for label, _ in META_LABELS + SOURCE_LABELS if len(label) > 1)
    + r")\s*[:：]?$"
)
DATE_KEYS = ("written", "published", "effective", "expires", "posted")
LABEL_LINES = 80  # an info block stands within the page's first lines; a table's "名称" cell is no label


def _value_fits(key: str, value: str) -> bool:
    """Whether the line after a lone label can be its value (not another label, and of its shape)."""
    if LABEL_ALONE.match(value) or _split_labelled(value.lstrip("•· "), META_PATTERN, META_LABELS) is not None:
        return False
    if key in DATE_KEYS:
        return bool(re.match(r"^\d{4}\s*[-年./]\s*\d{1,2}", value))
    if key == "index_no":
        return bool(re.fullmatch(r"[0-9A-Za-z/\-_.]+", value))
    if key == "views":
        return value.isdigit()
    if key == "doc_no":
        return "号" in value or value in ("无", "—", "-")
    return len(value) <= 80 and value[-1] not in "。；;，,：:"


def _join_lone_labels(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], set[int]]:
    """Metadata whose value stands on the line after its label ("发布机构：" / "宿州市人民政府") joined
    into one "label：value" line, before the table; returns the lines and the line numbers joined."""
    keys = dict((compact(label), key) for label, key in META_LABELS + SOURCE_LABELS)
    out: list[tuple[int, str]] = []
    joined: set[int] = set()
    i = 0
    while i < len(lines):
        line_no, text = lines[i]
        first = re.split(r"[\s|]", text, maxsplit=1)[0]
        if (
            i >= LABEL_LINES
            or header_field(_strip_marker(first))  # a header cell: 序号, 项目名称 …
            or parse_number(first) is not None
            or pagelist.ITEM.match(text)
            or _heading(text)
        ):
            out.extend(lines[i:])  # the table (or list) starts: nothing more to join
            break
        m = LABEL_ALONE.match(text)
        if m:
            label = compact(m.group(1))
            value = lines[i + 1][1] if i + 1 < len(lines) else ""
            fits = bool(value) and _value_fits(keys[label], value)
            out.append((line_no, f"{label}：{value if fits else ''}"))
            joined.add(line_no)
            i += 2 if fits else 1
            continue
        out.append((line_no, text))
        i += 1
    return out, joined


# A label we do not know ("所属主题："): a short word and a colon after a space or at the start.
UNKNOWN_LABEL = re.compile(r"(?:^|\s)[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,5}\s*[:：]")


def _split_labelled(text: str, pattern: re.Pattern, labels) -> dict[str, str] | None:
    """'发布机构: 宿州市政府办公室 成文日期: 2024-02-01' -> {'issuer': …, 'written': …}. A label we do
    not know is no value: a metadata line holding one is left as it is (None); a 来源 line's value
    ends before it ("浏览次数: 字体:[ ]")."""
    matches = list(pattern.finditer(text))
    if not matches or text[: matches[0].start()].strip():
        return None
    keys = dict((label, key) for label, key in labels)
    out = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end() : end].strip()
        unknown = UNKNOWN_LABEL.search(value)
        if unknown and pattern is META_PATTERN:
            return None
        if unknown:
            value = value[: unknown.start()].strip()
        out.setdefault(keys[compact(m.group(1))], value)
    return out


# An info block without colons ("索 引 号 MB1534522/2023-05475 发文日期 2023-01-03"): labels of two
# characters or more, each standing between spaces and followed by a value.
BARE_LABEL = re.compile(
    r"(?:^|(?<=\s))("
    + "|".join(r"\s*".join(map(re.escape, label)) for label, _ in META_LABELS if len(label) > 1)
    + r")(?=\s)"
)


BARE_DATE = re.compile(r"\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def _split_bare_labelled(text: str) -> dict[str, str] | None:
    """A line made only of label/value pairs without colons -> their values; None unless every pair
    reads one way only: each value non-empty, of its key's shape and holding no other label."""
    matches = list(BARE_LABEL.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    keys = dict((compact(label), key) for label, key in META_LABELS)
    out = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        key, value = keys[compact(m.group(1))], text[m.end() : end].strip()
        shape = BARE_DATE.fullmatch(value) if key in DATE_KEYS else " " not in value
        if not value or key in out or not shape or not _value_fits(key, value):
            return None
        out[key] = value
    return out


def _is_unit_like(line: str) -> bool:
    return (
        len(line) <= 40
        and line[-1] not in SENTENCE_END
        and not any(ch in line for ch in "。，,；;")
        and not LIST_MARKER.match(line)
        and not line.isdigit()
    )


_ends_like_unit = table.ends_like_unit


def split_cells(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split the lines after a task's text into its completion lines and its unit lines (the seed's
    layout: completion, then units). Units are the trailing short lines without sentence
    punctuation; a leading fragment that does not end like a unit ("已完成") is completion when
    nothing else is left for it."""
    groups: list[list[str]] = []
    i = len(lines)
    while i > 0 and _is_unit_like(lines[i - 1]):
        line = lines[i - 1]
        if _ends_like_unit(line) or not groups:
            groups.insert(0, [line])
        else:
            groups[0].insert(0, line)
        i -= 1
    if groups and i == 0 and not _ends_like_unit(groups[0][0]) and len(lines) > 1:
        groups[0].pop(0)
        i = 1
        if not groups[0]:
            groups.pop(0)
    return lines[:i], [line for group in groups for line in group]


def _cost(field: str, block: list[str]) -> float:
    """How unlikely it is that `block` (lines) is the cell of `field`; used to cut a task's lines."""
    if field == "task":
        return 1000 if not block else 5 * (len(block) - 1)
    if not block:  # an empty cell; the lead unit is seldom left empty, a person or remark often is
        return {"units": 6, "progress": 4, "co_units": 3}.get(field, 2)
    if field in UNIT_FIELDS:
        cost = sum(50 for line in block if not _is_unit_like(line))
        return cost + (10 if field in ("units", "co_units") and not _ends_like_unit(block[-1]) else 0)
    if field in LONG_FIELDS:
        return sum(6 for line in block if _is_unit_like(line) and _ends_like_unit(line))
    return 8 * (len(block) - 1)


def allocate(lines: list[str], fields: list[str]) -> list[list[str]]:
    """Cut a task's lines (after its number) into one block per column, in column order."""
    if fields == ["task", "progress", "units"] and lines:
        progress, units = split_cells(lines[1:])
        return [lines[:1], progress, units]
    if len(lines) == len(fields):
        return [[line] for line in lines]
    n, k = len(lines), len(fields)
    best = [[float("inf")] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0
    for i in range(1, k + 1):
        for j in range(n + 1):
            for start in range(j + 1):
                if best[i - 1][start] == float("inf"):
                    continue
                value = best[i - 1][start] + _cost(fields[i - 1], lines[start:j])
                if value < best[i][j]:
                    best[i][j], cut[i][j] = value, start
    blocks, j = [], n
    for i in range(k, 0, -1):
        blocks.insert(0, lines[cut[i][j] : j])
        j = cut[i][j]
    return blocks


def _looks_like_title(text: str, meta: dict) -> bool:
    """A heading line: short and not a sentence — or exactly the 名称 of the metadata block."""
    if meta.get("title") and compact(text) == compact(meta["title"]):
        return True
    return "title" not in meta or (len(text) <= 60 and text[-1] not in "。；;，,")


# Lines of a 通知's attachment list ("附件：1.…", "2.…") name other documents, not this page's title.
NOT_TITLE = re.compile(r"^(附件|\d+\s*[.．、])")


def _title_lines(preamble: list[str], last: str) -> list[str]:
    """A title broken over short lines ("县人民政府办公室关于" / "对县…确定的2021年" / "…的通知"): the
    lines from the one holding 关于 down to `last`, when each is a fragment without punctuation."""
    at = preamble.index(last)
    for start in range(at, max(at - 4, -1), -1):
        line = preamble[start]
        if start < at and (len(line) > 30 or re.search(r"[。；;，,:：]", line)):
            break
        if "关于" in line:
            return preamble[start : at + 1]
    return [last]


TITLE_WORDS = re.compile(r"(方案|情况|分解|通知|清单|一览表|分工|公示|通报|进展|任务)")


class _Parser:
    def __init__(self, text: str, file: str, restore: bool, columns=None, report=None):
        self.file = file
        self.restore = restore
        self.columns = columns
        self.report = report
        # (line number, stripped text) of every line that is not blank; NBSP and U+3000 count as blank.
        self.lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        self.lines, self.joined = _join_lone_labels(self.lines)
        self.pos = 0
        self.header = (0, 0)
        self.unread: list[str] = []  # info-block lines holding a label we do not know

    def error(self, message: str, line: int | None = None, hint: str | None = None, task=None):
        return SourceError(message, file=self.file, line=line, hint=hint, task=task)

    # -- the parts of the page, in order -------------------------------------------------
    def parse(self):
        self.skip_navigation()
        meta = self.parse_metadata()
        rows = self.find_table()
        if rows is None:
            rows, start = self.find_list()
            self.header = (start, start)
        self.parse_heading(meta, self.header[0])
        if getattr(self, "lead", None):
            meta["preamble"] = list(meta.get("preamble", [])) + self.lead
        raw = RawTable(
            rows=rows,
            source=self.file,
            meta={k: v for k, v in meta.items() if isinstance(v, str)},
            preamble=list(meta.get("preamble", [])),
        )
        doc = table.document_from_tables(
            [raw], columns=self.columns, restore_punctuation=self.restore, report=self.report
        )
        if "name" in meta and "name" not in doc.meta:
            doc.meta["name"] = doc.meta.get("name", meta["name"])
        return doc

    def skip_navigation(self) -> None:
        while self.pos < len(self.lines) and (
            NAV_LINE.match(self.lines[self.pos][1]) or BREADCRUMB.match(self.lines[self.pos][1])
        ):
            self.pos += 1

    def parse_metadata(self) -> dict:
        raw: dict[str, str] = {}
        while self.pos < len(self.lines):
            text = self.lines[self.pos][1]
            if BREADCRUMB.match(text) or NAV_LINE.match(text):
                self.pos += 1
                continue
            fields = _split_labelled(text, META_PATTERN, META_LABELS)
            if fields is None and META_PATTERN.match(text):  # a label we do not know: kept as written
                self.unread.append(text)
                self.pos += 1
                continue
            if fields is None:
                break
            for key, value in fields.items():
                raw.setdefault(key, value)  # a block printed twice keeps its first values
            self.pos += 1
        meta = {}
        name = raw.pop("name", "")
        if name:
            meta["title"] = name
        for key in ("issuer", "index_no", "category", "written", "published", "validity"):
            if raw.get(key):
                meta[key] = raw.pop(key)
        for key, value in raw.items():  # the rest is kept, not dropped
            if value:
                meta[key] = value
        return meta

    # -- tables --------------------------------------------------------------------------------
    def find_table(self) -> list[RawRow] | None:
        """Rows of a table layout, or None when the page has no table header."""
        for i in range(self.pos, len(self.lines)):
            text = self.lines[i][1]
            for sep in ("\t", "|"):
                if sep in text:
                    cells = self.split_header_line(i, _split_row(text, sep), sep)
                    if len(cells) > 1 and table._is_header(cells):
                        self.header = (i, i + 1)
                        return self.row_layout(i + 1, sep, self.columns or cells)
            cells = text.split()
            if len(cells) > 2 and all(header_field(c) for c in self.split_header_line(i, cells, " ")):
                cells = self.lines[i][1].split()
                if table._is_header(cells):
                    self.header = (i, i + 1)
                    return self.row_layout(i + 1, " ", self.columns or cells)
            labels, end = self.vertical_header(i)
            if labels:
                self.header = (i, end)
                return self.cell_layout(end, self.columns or labels)
        if self.columns:
            return self.declared_layout()
        for sep in ("\t", "|"):
            counts = [
                len(_split_row(t, sep))
                for _, t in self.lines[self.pos :]
                if sep in t and parse_number((_split_row(t, sep) or [""])[0]) is not None
            ]
            if len(counts) >= 2 and max(counts) >= 2:
                width = max(set(counts), key=counts.count)
                raise self.error(
                    wording.NO_HEADER.format(count=width),
                    hint=wording.NO_HEADER_HINT.format(example=wording.COLUMNS_EXAMPLE),
                )
        return None

    def split_header_line(self, i: int, cells: list[str], sep: str) -> list[str]:
        """A header with the first rows run together on its line ("序号 主要任务 牵头单位 1 任务一。…"):
        the line is cut where the first row number or section row follows the header cells."""
        k = next((j for j, c in enumerate(cells) if parse_number(c) is not None or _heading(c)), len(cells))
        known = cells[:k] if sep != " " else [c for c in cells[:k] if header_field(c)]
        if 1 < k < len(cells) and len(known) == k and table._is_header(cells[:k]):
            line_no = self.lines[i][0]
            glue = {"\t": "\t", "|": " | ", " ": " "}[sep]
            tail = " |" if sep == "|" else ""
            self.lines[i : i + 1] = [(line_no, glue.join(cells[:k]) + tail), (line_no, glue.join(cells[k:]) + tail)]
            return cells[:k]
        return cells

    def vertical_header(self, i: int) -> tuple[list[str], int]:
        """Header cells one per line ("序号", "重点工作任务", …), a header split over two lines joined."""
        labels: list[str] = []
        j = i
        while j < len(self.lines) and len(labels) < 12:
            text = _strip_marker(self.lines[j][1])
            if text == "":
                j += 1
                continue
            if (
                j + 1 < len(self.lines)
                and not header_field(text)
                and header_field(text + _strip_marker(self.lines[j + 1][1]))
            ):
                labels.append(text + _strip_marker(self.lines[j + 1][1]))
                j += 2
                continue
            if header_field(text) and len(compact(text)) <= 12:
                labels.append(text)
                j += 1
                continue
            break
        if len(labels) >= 2 and table._is_header(labels) and header_field(labels[0]) == "number":
            return labels, j
        return [], i

    def declared_layout(self) -> list[RawRow]:
        """--columns given and no header found: the table starts at the first numbered line."""
        for i in range(self.pos, len(self.lines)):
            text = self.lines[i][1]
            first = re.split(r"[\t|]", text, maxsplit=1)[0].strip()
            if parse_number(first) is not None or (parse_number(text.split()[0]) is not None and len(text.split()) > 1):
                start = i
                while start > self.pos and (
                    SECTION_ROW.match(self.lines[start - 1][1]) or SUBSECTION_ROW.match(self.lines[start - 1][1])
                ):
                    start -= 1
                self.header = (start, start)
                sep = "\t" if "\t" in text else "|" if "|" in text else None
                if sep:
                    return self.row_layout(start, sep, self.columns)
                if len(text.split()) >= len(self.columns):
                    return self.row_layout(start, " ", self.columns)
                return self.cell_layout(start, self.columns)
        raise self.error(wording.NO_TASK_ROWS, hint=wording.NO_TABLE_HINT)

    def table_lines(self, start: int):
        for line_no, text in self.lines[start:]:
            if FURNITURE.match(text):
                return
            yield line_no, text

    def row_layout(self, start: int, sep: str, header: list[str]) -> list[RawRow]:
        """One row per line; a row whose cells run onto the next lines is joined back."""
        width = len(header)
        fields = [f.field for f in table.map_header(list(header))]
        if sep == " ":
            return self.space_rows(start, header, fields)
        rows = (
            []
            if self.columns
            else [RawRow([c for c in header], wording.WHERE_LINE.format(line=self.lines[start - 1][0]))]
        )
        task_at = fields.index("task") if "task" in fields and fields[0] == "number" else None
        pending: tuple[int, str] | None = None
        for line_no, text in self.table_lines(start):
            if pending is not None and sep in text and parse_number(_split_row(text, sep)[0]) is not None:
                # A numbered row starts: the unfinished line above is never glued to it.
                above = _split_row(pending[1], sep)
                if len([c for c in above if c]) != 1:
                    raise self.error(
                        wording.ROW_WIDTH.format(found=len(above), expected=width),
                        line=pending[0],
                        hint=wording.ROW_WIDTH_HINT,
                    )
                rows.append(
                    RawRow([c for c in above if c], wording.WHERE_LINE.format(line=pending[0]))
                )  # a heading row "X |"
                pending = None
            if pending is not None:
                pending = (pending[0], pending[1] + "\n" + text)
            elif sep not in text and _heading(text):
                rows.append(RawRow([text], wording.WHERE_LINE.format(line=line_no)))
                continue
            elif sep not in text and rows and len(rows[-1].cells) == width:
                rows[-1].cells[-1] += "\n" + text  # the last cell of the row above runs on
                continue
            else:
                pending = (line_no, text)
            cells = _split_row(pending[1], sep)
            if len(cells) < width:
                continue
            together = _run_together(cells, width) if len(cells) > width and fields[0] == "number" else None
            if together:  # several rows on one line, each starting with its number
                rows.extend(RawRow(part, wording.WHERE_LINE.format(line=pending[0])) for part in together)
            elif task_at is not None and _continues(cells, rows, width):
                # Only the first cell filled, and no number: the 序号 cell is merged with the task row
                # above, so the text is the next line of that task (柯桥: "新增学位810个 | |||||").
                rows[-1].cells[task_at] += "\n" + cells[0]
                if self.report:
                    self.report(
                        wording.ROW_CONTINUES_TASK.format(line=pending[0], text=cells[0][:20], number=rows[-1].cells[0])
                    )
            else:
                rows.append(RawRow(cells, wording.WHERE_LINE.format(line=pending[0])))
            pending = None
        if pending is not None:
            raise self.error(
                wording.ROW_WIDTH.format(found=len(_split_row(pending[1], sep)), expected=width),
                line=pending[0],
                hint=wording.ROW_WIDTH_HINT,
            )
        return rows

    def space_rows(self, start: int, header: list[str], fields: list[str]) -> list[RawRow]:
        """Rows whose cells are separated by spaces. A row is every line from one starting with a task
        number to the next (a cell may hold several lines: two lead units, a paragraph running on);
        its pieces are then cut into cells (see _space_cells). Lines of no row stop the import."""
        width = len(fields)
        rows = [] if self.columns else [RawRow(list(header), wording.WHERE_LINE.format(line=self.lines[start - 1][0]))]
        group: list[tuple[int, str]] = []

        def close():
            if group:
                rows.append(
                    RawRow(_space_cells(group, fields, header, self), wording.WHERE_LINE.format(line=group[0][0]))
                )
                group.clear()

        last = 0
        for line_no, line in self.table_lines(start):
            segments = _space_segments(line, width, last) if fields[0] == "number" else [line]
            for text in segments:
                first = text.split()[0]
                starts = parse_number(first) is not None if fields[0] == "number" else len(text.split()) >= width
                if starts:
                    close()
                    group.append((line_no, text))
                    last = parse_number(first) or last
                elif _heading(text):
                    close()
                    rows.append(RawRow([text], wording.WHERE_LINE.format(line=line_no)))
                elif group:
                    group.append((line_no, text))
                else:  # after the header or a heading and before any task number: never guessed
                    raise self.error(
                        wording.ROW_STRAY.format(text=text[:30]), line=line_no, hint=wording.ROW_STRAY_HINT
                    )
        close()
        return rows

    def cell_layout(self, start: int, header: list[str]) -> list[RawRow]:
        """One cell per line (the seed), with or without "|" markers: group lines by task number."""
        fields = [c.field for c in table.map_header(list(header))]
        if fields[0] != "number":
            raise self.error(
                wording.FIRST_COLUMN_NUMBER,
                line=self.lines[start][0],
                hint=wording.NO_HEADER_HINT.format(example=wording.COLUMNS_EXAMPLE),
            )
        rows = (
            []
            if self.columns
            else [
                RawRow(
                    [_strip_marker(h) for h in header], wording.WHERE_LINE.format(line=self.lines[self.header[0]][0])
                )
            ]
        )
        marked = any(t.endswith("|") for _, t in self.lines[start : start + 40])
        task_lines: list[tuple[int, str]] = []
        last_number = 0
        sections = 0

        def close_task():
            if not task_lines:
                return
            (line_no, first), rest = task_lines[0], [t for _, t in task_lines[1:]]
            number = parse_number(first)
            if not rest:
                raise self.error(wording.MISSING_TASK, line=line_no, task=number, hint=wording.CELL_PER_LINE_HINT)
            if marked:
                blocks = _marked_cells(task_lines[1:], len(fields) - 1)
                if blocks is None:
                    raise self.error(
                        wording.ROW_WIDTH.format(
                            found=len(_marked_cells(task_lines[1:], 0) or []), expected=len(fields)
                        ),
                        line=line_no,
                        task=number,
                        hint=wording.ROW_WIDTH_HINT,
                    )
            else:
                blocks = allocate(rest, fields[1:])
                _check_merged(blocks, fields[1:], task_lines, number, self)
            rows.append(RawRow([str(number)] + ["\n".join(b) for b in blocks], wording.WHERE_LINE.format(line=line_no)))
            task_lines.clear()

        for line_no, text in self.table_lines(start):
            bare = _strip_marker(text)
            if bare == "":
                if marked and len(task_lines) > 1:
                    task_lines.append((line_no, "|"))
                continue
            number = parse_number(bare)
            if number is not None and number > last_number:
                close_task()
                last_number = number
                task_lines.append((line_no, bare))
                continue
            if (
                number is None
                and looks_numbered(bare)
                and not task_lines
                or (number is None and looks_numbered(bare) and _short_number_line(bare))
            ):
                raise self.error(wording.BAD_NUMBER.format(text=bare[:20]), line=line_no, hint=wording.BAD_NUMBER_HINT)
            m = SECTION_ROW.match(bare)
            expected = NUMERALS[sections] if sections < len(NUMERALS) else None
            if m and m.group(1) == expected and m.group(2):
                close_task()
                sections += 1
                rows.append(RawRow([bare], wording.WHERE_LINE.format(line=line_no)))
                continue
            m = SUBSECTION_ROW.match(bare)
            if m and m.group(2) and (not task_lines or _is_heading_after_task(task_lines, fields)):
                close_task()
                rows.append(RawRow([bare], wording.WHERE_LINE.format(line=line_no)))
                continue
            if not task_lines:
                raise self.error(
                    wording.TABLE_STRAY_LINE.format(text=bare[:30]),
                    line=line_no,
                    hint=wording.TABLE_STRAY_LINE_HINT,
                )
            task_lines.append((line_no, text if marked else bare))
        close_task()
        return rows

    # -- lists ---------------------------------------------------------------------------------
    def find_list(self) -> tuple[list[RawRow], int]:
        """A labelled list or numbered items with units in brackets (formats/pagelist.py); else refuse
        with what was seen."""
        body = self.lines[self.pos :]
        end = next((i for i, (_, t) in enumerate(body) if FURNITURE.match(t)), len(body))
        body = body[:end]
        found = pagelist.read_list(body, self.file, self.report)
        if found is None:
            raise self.error(
                wording.PROSE_REFUSED.format(lines=len(body), numbered=pagelist.numbered_lines(body)),
                hint=wording.NO_TABLE_HINT,
            )
        rows, start_line, self.lead = found
        start = next(i for i, (n, _) in enumerate(self.lines) if n >= start_line)
        return rows, start

    def parse_heading(self, meta: dict, table_start: int) -> None:
        """Title, the 来源 line and any preamble, between the metadata and the table."""
        preamble = []
        title_seen = False
        candidates = self.lines[self.pos : table_start]
        titled = [
            t
            for n, t in candidates
            if TITLE_WORDS.search(t)
            and len(t) <= 80
            and t[-1] not in "。；;，,:："
            and n not in self.joined
            and not NOT_TITLE.match(t)
        ]
        for line_no, text in candidates:
            if PAGE_CONTROL.match(text) or BREADCRUMB.match(text) or NAV_LINE.match(text):
                continue
            bare = text.lstrip("•· \u3000")
            labelled = bare != text or line_no in self.joined  # an info box's "• 发布日期：…", a lone label
            fields = _split_labelled(bare, META_PATTERN, META_LABELS) if labelled else None
            if fields is None:  # "索 引 号 MB1534522/2023-05475 发文日期 2023-01-03"
                fields = _split_bare_labelled(bare)
            if fields:  # "• 发布日期：2022-12-14" in a page's info box
                for key, value in fields.items():
                    if value:
                        meta.setdefault(key if key != "name" else "title", value)
                continue
            source = _split_labelled(text, SOURCE_PATTERN, SOURCE_LABELS)
            if source is None and labelled:
                source = _split_labelled(bare, SOURCE_PATTERN, SOURCE_LABELS)
            if source is not None:
                for key in ("source", "posted", "editor"):
                    if source.get(key):
                        meta.setdefault(key, source[key])
            elif (
                not title_seen
                and not preamble
                and _looks_like_title(text, meta)
                and (not titled or text in titled or meta.get("title") and compact(text) == compact(meta["title"]))
            ):
                # The heading shown on the page is the title; a different 名称 is kept as `name`.
                title_seen = True
                if meta.get("title") and compact(meta["title"]) != compact(text):
                    meta["name"] = meta["title"]
                meta["title"] = text
            else:
                preamble.append(text)
        if not title_seen and not meta.get("title") and titled:
            broken = _title_lines(preamble, titled[0])
            meta["title"] = "".join(broken)
            for line in broken:
                preamble.remove(line)
        preamble = self.unread + preamble
        if preamble:
            meta["preamble"] = preamble
        if not meta.get("title"):
            # A page that starts with its first row: the file's name stands in for the title.
            meta["title"] = re.sub(r"\.[A-Za-z0-9]+$", "", self.file.replace("\\", "/").rsplit("/", 1)[-1])
            if self.report:
                self.report(wording.TITLE_FROM_FILE.format(title=meta["title"]))


# -- helpers ---------------------------------------------------------------------------------------
def _strip_marker(text: str) -> str:
    return text[:-1].rstrip() if text.endswith("|") else text


def _split_row(text: str, sep: str) -> list[str]:
    cells = [c.strip() for c in text.split(sep)]
    if sep == "|" and cells and cells[-1] == "":
        cells.pop()
    if sep == "|" and cells and cells[0] == "":
        cells.pop(0)
    return cells


def _heading(text: str) -> bool:
    return bool(SECTION_ROW.match(text) or SUBSECTION_ROW.match(text))


def _run_together(cells: list[str], width: int) -> list[list[str]] | None:
    """Rows whose line ends were lost: every `width` cells from a task number make a row, a section row
    between them is one cell; None unless the whole line cuts that way."""
    parts, i = [], 0
    while i < len(cells):
        if _heading(cells[i]) and parse_number(cells[i]) is None:
            parts.append([cells[i]])
            i += 1
            continue
        part = cells[i : i + width]
        if len(part) < width or parse_number(part[0]) is None:
            return None
        parts.append(part)
        i += width
    return parts if len(parts) > 1 else None


def _space_segments(text: str, width: int, last: int) -> list[str]:
    """A line holding several space-separated rows run together, cut before each next task number
    (last + 1, then + 1 …) when the pieces before it fill a row and those after it can; a section row
    (一、…) standing just before such a number is a row of its own. Any other line comes back whole."""
    pieces = text.split()
    segments: list[list[str]] = [[]]
    expected = last + 1
    for j, piece in enumerate(pieces):
        number = parse_number(piece)
        if j and number == expected and len(pieces) - j >= width:
            before = segments[-1]
            head = bool(before) and _heading(before[-1]) and parse_number(before[-1]) is None
            if len(before) == 1 and head:
                segments.append([])
            elif len(before) - head >= width:
                if head:
                    segments.append([before.pop()])
                segments.append([])
        if number is not None and not segments[-1]:
            expected = number + 1
        segments[-1].append(piece)
    return [" ".join(s) for s in segments] if len(segments) > 1 else [text]


def _continues(cells: list[str], rows: list[RawRow], width: int) -> bool:
    """A full row with text in its first cell only, not a number nor a heading, under a task row."""
    return (
        bool(rows)
        and len(rows[-1].cells) == width
        and parse_number(rows[-1].cells[0]) is not None
        and bool(cells[0])
        and parse_number(cells[0]) is None
        and not looks_numbered(cells[0])
        and not _heading(cells[0])
        and not any(c for c in cells[1:])
    )


def _piece_kind(piece: str) -> str:
    """'list' (several unit names: 区发改委、区财政局。), 'unit' (one name: 区财政局), 'word' (short, no
    sentence mark, not ending like a unit: 已完成, 金力) or 'text'."""
    names = table.split_units(piece)[0]
    if len(names) > 1 and all(_ends_like_unit(n) and len(n) <= 30 for n in names):
        return "list"
    if _is_unit_like(piece):
        return "unit" if _ends_like_unit(piece) else "word"
    return "text"


def _piece_cost(field: str, count: dict[str, int], size: int) -> float:
    """How unlikely it is that `size` pieces holding `count` of each kind make the cell of `field`."""
    if field == "task":
        return 5 * (size - 1)
    if field in UNIT_FIELDS:  # names or lists of names, not both mixed; no sentences
        cost = 50 * count["text"] + (20 if count["list"] and (count["unit"] or count["word"]) else 0)
        return cost + (10 * count["word"] if field in ("units", "co_units") else 0)
    if field in LONG_FIELDS:  # a bare unit name is seldom a paragraph of its own
        return 6 * (count["list"] + count["unit"])
    return 8 * (size - 1)


def _space_cells(group: list[tuple[int, str]], fields: list[str], header: list[str], parser) -> list[str]:
    """Cut a row's pieces (split at spaces and line ends) into one cell per column, in order, each cell
    at least one piece: the cut that fits the columns best (units are names or lists of names, long
    texts are not bare names …). Two equally good cuts are an error naming the piece in doubt."""
    pieces = [(k, piece) for k, (_, text) in enumerate(group) for piece in text.split()]
    width, line = len(fields), group[0][0]
    if len(pieces) < width:
        raise parser.error(
            wording.ROW_WIDTH.format(found=len(pieces), expected=width), line=line, hint=wording.ROW_WIDTH_HINT
        )
    texts = [p for _, p in pieces]
    if fields[0] == "number":  # "3 … 68 任务六十八。 …": two rows whose line end was lost, not one
        own = parse_number(texts[0])
        for m in range(1, len(texts) - width + 1):
            inner = parse_number(texts[m])
            if inner is not None and own is not None and inner > own:
                raise parser.error(
                    wording.ROW_NUMBER_INSIDE.format(number=own, inner=texts[m]),
                    line=group[pieces[m][0]][0],
                    task=own,
                    hint=wording.ROW_NUMBER_INSIDE_HINT.format(inner=texts[m]),
                )
    cuts = _best_cuts(texts, [_piece_kind(p) for p in texts], fields)
    if not cuts:  # no piece can be the 序号 cell
        raise parser.error(wording.MISSING_NUMBER, line=line, hint=wording.BAD_NUMBER_HINT)
    if len(cuts) > 1:
        at = next(j for j in range(len(texts)) if _column_of(cuts[0], j) != _column_of(cuts[1], j))
        first, second = sorted(_column_of(cut, at) for cut in cuts)
        raise parser.error(
            wording.ROW_PIECES_AMBIGUOUS.format(
                found=len(texts),
                expected=width,
                piece=texts[at][:20],
                first=compact(header[first]),
                second=compact(header[second]),
            ),
            line=group[pieces[at][0]][0],
            hint=wording.ROW_PIECES_HINT,
        )
    bounds = cuts[0] + [len(pieces)]
    cells = []
    for i in range(width):
        cell = ""
        for m in range(bounds[i], bounds[i + 1]):
            if m > bounds[i]:  # pieces of one line keep their space, of two lines their line end
                cell += " " if pieces[m][0] == pieces[m - 1][0] else "\n"
            cell += pieces[m][1]
        cells.append(cell)
    return cells


def _column_of(cut: list[int], piece: int) -> int:
    return max(i for i, start in enumerate(cut) if start <= piece)


def _best_cuts(texts: list[str], kinds: list[str], fields: list[str]) -> list[list[int]]:
    """The starts of each cell in the cheapest cut(s) of the pieces into len(fields) non-empty cells;
    two cuts are returned when the best is not unique."""
    n, k = len(texts), len(fields)
    inf = float("inf")
    sums = {kind: [0] for kind in ("list", "unit", "word", "text")}  # prefix counts: O(1) per cell
    for kind in kinds:
        for name, column in sums.items():
            column.append(column[-1] + (kind == name))
    # best[i][j]: cheapest cost of cells i.. made of pieces j..; ways: up to two start lists.
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    ways: list[list[list[list[int]]]] = [[[] for _ in range(n + 1)] for _ in range(k + 1)]
    best[k][n], ways[k][n] = 0, [[]]
    for i in range(k - 1, -1, -1):
        for j in range(n - (k - i), -1, -1):
            for end in range(j + 1, n - (k - i - 1) + 1):
                if best[i + 1][end] == inf:
                    continue
                if fields[i] == "number":  # the number stands alone in its cell
                    if end - j != 1 or parse_number(texts[j]) is None:
                        continue
                    cost = 0.0
                else:
                    count = {name: column[end] - column[j] for name, column in sums.items()}
                    cost = _piece_cost(fields[i], count, end - j)
                value = cost + best[i + 1][end]
                if value < best[i][j]:
                    best[i][j], ways[i][j] = value, [[j] + rest for rest in ways[i + 1][end]][:2]
                elif value == best[i][j] and value < inf:
                    ways[i][j] = (ways[i][j] + [[j] + rest for rest in ways[i + 1][end]])[:2]
    return ways[0][0]


def _marked_cells(lines: list[tuple[int, str]], width: int) -> list[list[str]] | None:
    """Cells ended by " |" or by a line holding only "|"; None when they are not `width` cells."""
    blocks: list[list[str]] = [[]]
    for _, text in lines:
        if text == "|":
            blocks.append([])
        elif text.endswith("|"):
            blocks[-1].append(text[:-1].rstrip())
            blocks.append([])
        else:
            blocks[-1].append(text)
    if not blocks[-1]:
        blocks.pop()
    if width and len(blocks) != width:
        return None
    return blocks


def _short_number_line(text: str) -> bool:
    return len(text) <= 12 and not re.search(r"[\u4e00-\u9fff]", text.replace("第", "").replace("项", ""))


def _is_heading_after_task(task_lines, fields) -> bool:
    """A "(一)…" line closes the task above when that task already has all its cells."""
    return len(task_lines) - 1 >= len(fields) - 1


def _check_merged(blocks, fields, task_lines, number, parser) -> None:
    """A completion cell holding a unit-like line followed by more text means a number was lost
    between two tasks: stop rather than merge them."""
    offset = 1
    for field, block in zip(fields, blocks):
        if field in LONG_FIELDS:
            for k, line in enumerate(block[:-1]):
                if (
                    _is_unit_like(line)
                    and _ends_like_unit(line)
                    and not _is_unit_like(block[k + 1])
                    and any(f in UNIT_FIELDS for f in fields)
                ):
                    line_no = task_lines[offset + k + 1][0]
                    raise parser.error(
                        wording.MERGED_ROWS.format(number=number, text=block[k + 1][:20]),
                        line=line_no,
                        task=number,
                        hint=wording.BAD_NUMBER_HINT,
                    )
        if field == "deadline":  # a sentence under a date: a second row of the task (merged cells) or a lost number
            for k, line in enumerate(block[1:], 1):
                if line[-1] in "。；;" and not DATE_WORDS.search(line):
                    raise parser.error(
                        wording.SENTENCE_IN_DEADLINE.format(number=number, text=line[:20]),
                        line=task_lines[offset + k][0],
                        task=number,
                        hint=wording.SENTENCE_IN_DEADLINE_HINT,
                    )
        offset += len(block)


DATE_WORDS = re.compile(r"\d{1,4}\s*[年月日号]|[年月]底|季度|年内|上半年|下半年|全年|长期|持续")


def parse_text(
    text: str, file: str = wording.INPUT_NAME, restore: bool = True, *, columns: list[str] | None = None, report=None
):
    """Parse the page text into a Document; restore full-width punctuation unless told not to."""
    return _Parser(text, file, restore, columns, report).parse()


def import_source(data: bytes, file: str, restore: bool = True, *, columns: list[str] | None = None, report=None):
    text = decode(data, file)
    check_characters(text, file)
    return parse_text(text, file, restore, columns=columns, report=report)


def read(
    data: bytes, name: str, *, restore_punctuation: bool = True, columns: list[str] | None = None, report=None, **_
):
    """The reader interface of the formats registry (see formats/__init__.py)."""
    from exporter.formats import sniff

    return import_source(
        sniff.page_text_bytes(data, name), name, restore=restore_punctuation, columns=columns, report=report
    )
