"""Read the published page text (as scraped from the portal) into the document model.

The page is a metadata block, the title, a 来源 line, perhaps a preamble, then a four-column table
flattened to one cell per line: 序号 | 重点工作任务 | 完成情况 | 牵头责任单位, with section rows
"一、…" and subsection rows "(一)…" between the tasks, and page furniture after it.
"""
from __future__ import annotations

import re
import unicodedata

from exporter.errors import SourceError
from exporter.model import NUMERALS, Document, Section, Subsection, Task
from exporter.text import punctuation

# Metadata labels of the portal, longest first; the seed mangles 索引号 to "号" and 有效性 to "性".
META_LABELS = [
    ("政策咨询机关", "contact_office"),
    ("政策咨询电话", "contact_phone"),
    ("信息分类", "category"),
    ("发布机构", "issuer"),
    ("成文日期", "written"),
    ("发布日期", "published"),
    ("生效时间", "effective"),
    ("废止时间", "expires"),
    ("索引号", "index_no"),
    ("有效性", "validity"),
    ("文号", "doc_no"),
    ("名称", "name"),
    ("号", "index_no"),
    ("性", "validity"),
]
SOURCE_LABELS = [("来源", "source"), ("浏览量", "views"), ("发表时间", "posted"), ("编辑", "editor")]

HEADER_WORDS = {"序号", "重点工作任务", "完成情况", "牵头责任单位", "责任单位", "牵头单位", "工作任务", "任务"}

# Lines of the portal's page around the table; the first one ends the table.
FURNITURE = re.compile(
    r"^(扫一扫|【?打印|【?关闭|分享到|上一篇|下一篇|相关链接|相关文件|主办单位|承办单位|版权所有|网站标识码|"
    r"皖ICP|ICP备|技术支持|联系我们|网站地图|\[打印|\[关闭)"
)

# How an institution's name ends; used to join a unit name the page wrapped over several lines.
UNIT_SUFFIXES = (
    "局", "委", "办", "室", "会", "部", "院", "社", "中心", "厅", "处", "所", "站", "队", "司", "行",
    "馆", "校", "团", "组", "园", "区", "县", "市", "府", "署", "联", "协", "台", "场", "公司", "集团",
    "指挥部", "大学", "学院",
)
SENTENCE_END = "。；;，,：:！!？?、…"
LIST_MARKER = re.compile(r"^(\d+[.．、]|[(（]\d+[)）])")
NUMERAL_CHARS = "一二三四五六七八九十"
SECTION_ROW = re.compile(rf"^([{NUMERAL_CHARS}]+)[、，,.．]\s*(.*)$")
SUBSECTION_ROW = re.compile(rf"^[(（]([{NUMERAL_CHARS}]+)[)）]\s*(.*)$")
TASK_NUMBER = re.compile(r"^(\d{1,6})[.．、]?$")


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM) or a clear error naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            "文件不是 UTF-8 编码，无法读取",
            file=file, line=line,
            hint="请用记事本或 WPS 把文件“另存为”UTF-8 编码后重新导入（例如 iconv -f GB18030 -t UTF-8）。",
        ) from None


def check_characters(text: str, file: str) -> None:
    """Control characters (other than tab and line ends) have no place in a published table."""
    for number, line in enumerate(text.splitlines(), 1):
        bad = sorted({f"U+{ord(ch):04X}" for ch in line if unicodedata.category(ch) == "Cc" and ch != "\t"})
        if bad:
            raise SourceError(f"含有控制字符 {'、'.join(bad)}", file=file, line=number,
                              hint="这些不可见字符多由复制粘贴带入，删除后再导入。")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _label_pattern(labels) -> re.Pattern:
    alternatives = "|".join(r"\s*".join(map(re.escape, label)) for label, _ in labels)
    return re.compile(rf"(?:^|\s)({alternatives})\s*[:：]")


META_PATTERN = _label_pattern(META_LABELS)
SOURCE_PATTERN = _label_pattern(SOURCE_LABELS)


def _split_labelled(text: str, pattern: re.Pattern, labels) -> dict[str, str] | None:
    """'发布机构: 宿州市政府办公室 成文日期: 2024-02-01' -> {'issuer': …, 'written': …}."""
    matches = list(pattern.finditer(text))
    if not matches or text[: matches[0].start()].strip():
        return None
    keys = dict((label, key) for label, key in labels)
    out = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        key = keys[compact(m.group(1))]
        out.setdefault(key, text[m.end():end].strip())
    return out


def _is_unit_like(line: str) -> bool:
    return (
        len(line) <= 40
        and line[-1] not in SENTENCE_END
        and not any(ch in line for ch in "。，,；;")
        and not LIST_MARKER.match(line)
        and not line.isdigit()
    )


def _ends_like_unit(line: str) -> bool:
    core = re.sub(r"[(（][^()（）]*[)）]$", "", line)  # 市财政局(国资委) -> 市财政局
    return core.endswith(UNIT_SUFFIXES)


def split_cells(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split the lines after a task's text into its completion paragraphs and its units.

    Units are the trailing short lines without sentence punctuation. A unit name wrapped over
    several lines (长三角绿色农产品 / 生产加工基地建设 / 指挥部办公室) is joined back: lines that do not end
    like an institution's name belong to the line after them. A unit listed twice is kept once.
    """
    groups: list[list[str]] = []
    i = len(lines)
    while i > 0 and _is_unit_like(lines[i - 1]):
        line = lines[i - 1]
        if _ends_like_unit(line) or not groups:
            groups.insert(0, [line])
        else:
            groups[0].insert(0, line)
        i -= 1
    # A leading fragment that does not itself end like a unit is a completion line without
    # punctuation ("已完成"), not part of a unit name, when nothing else is left for completion.
    if groups and i == 0 and not _ends_like_unit(groups[0][0]) and len(lines) > 1:
        groups[0].pop(0)
        i = 1
        if not groups[0]:
            groups.pop(0)
    progress = lines[:i]
    units: list[str] = []
    for group in groups:
        name = "".join(group)
        if name not in units:
            units.append(name)
    return progress, units


def _looks_like_title(text: str, meta: dict) -> bool:
    """A heading line: short and not a sentence — or exactly the 名称 of the metadata block."""
    if meta.get("title") and compact(text) == compact(meta["title"]):
        return True
    return "title" not in meta or (len(text) <= 60 and text[-1] not in "。；;，,")


class _Parser:
    def __init__(self, text: str, file: str, restore: bool):
        self.file = file
        self.restore = restore
        # (line number, stripped text) of every line that is not blank; NBSP and U+3000 count as blank.
        self.lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        self.pos = 0

    def fix(self, text: str) -> str:
        return punctuation.restore(text) if self.restore else text

    def error(self, message: str, line: int | None = None, hint: str | None = None, task=None):
        return SourceError(message, file=self.file, line=line, hint=hint, task=task)

    # -- the parts of the page, in order -------------------------------------------------
    def parse(self) -> Document:
        meta = self.parse_metadata()
        table_start = self.find_table()
        self.parse_heading(meta, table_start)
        sections = self.parse_table()
        document = {k: self.fix(v) if isinstance(v, str) else [self.fix(p) for p in v] for k, v in meta.items()}
        return Document(meta=document, sections=sections)

    def parse_metadata(self) -> dict:
        raw: dict[str, str] = {}
        while self.pos < len(self.lines):
            fields = _split_labelled(self.lines[self.pos][1], META_PATTERN, META_LABELS)
            if fields is None:
                break
            for key, value in fields.items():
                raw.setdefault(key, value)
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

    def find_table(self) -> int:
        """Index of the first table line (after the header row, or the first task number)."""
        for i in range(self.pos, len(self.lines)):
            text = compact(self.lines[i][1])
            if text == "序号" or text.startswith("序号") and compact(text.replace("序号", "")) in {
                "重点工作任务完成情况牵头责任单位", "重点工作任务完成情况责任单位"}:
                j = i + 1
                while j < len(self.lines) and compact(self.lines[j][1]) in HEADER_WORDS and j - i <= 3:
                    j += 1
                self.header = (i, j)
                return j
        for i in range(self.pos, len(self.lines)):
            if TASK_NUMBER.match(self.lines[i][1]) and int(TASK_NUMBER.match(self.lines[i][1]).group(1)) == 1:
                self.header = (i, i)
                return i
        raise self.error(
            "没有找到任务表格",
            hint="导入的应是“重点工作任务完成情况”页面的文本：表头为“序号 重点工作任务 完成情况 牵头责任单位”，"
                 "其后每个任务依次为序号、任务、完成情况、牵头责任单位，各占一行。",
        )

    def parse_heading(self, meta: dict, table_start: int) -> None:
        """Title, the 来源 line and any preamble, between the metadata and the table."""
        preamble = []
        title_seen = False
        for _, text in self.lines[self.pos: self.header[0]]:
            source = _split_labelled(text, SOURCE_PATTERN, SOURCE_LABELS)
            if source is not None:
                for key in ("source", "posted", "editor"):
                    if source.get(key):
                        meta.setdefault(key, source[key])
            elif not title_seen and not preamble and _looks_like_title(text, meta):
                # The heading shown on the page is the title; a different 名称 is kept as `name`.
                title_seen = True
                if meta.get("title") and compact(meta["title"]) != compact(text):
                    meta["name"] = meta["title"]
                meta["title"] = text
            else:
                preamble.append(text)
        if preamble:
            meta["preamble"] = preamble
        if not meta.get("title"):
            raise self.error(
                "没有找到文件标题", line=self.lines[self.header[0]][0],
                hint="在表格之前加一行标题，例如“2023年《政府工作报告》重点工作任务完成情况”。",
            )
        self.pos = table_start

    def parse_table(self) -> list[Section]:
        sections: list[Section] = []
        section: Section | None = None
        subsection: Subsection | None = None
        task_lines: list[tuple[int, str]] = []
        last_number = 0

        def close_task():
            if not task_lines:
                return
            (line_no, first), rest = task_lines[0], [t for _, t in task_lines[1:]]
            number = int(TASK_NUMBER.match(first).group(1))
            if not rest:
                raise self.error("任务缺少内容", line=line_no, task=number,
                                 hint="序号之后应依次是任务、完成情况和牵头责任单位，各占一行。")
            progress, units = split_cells(rest[1:])
            if not units:
                raise self.error("任务缺少牵头责任单位", line=line_no, task=number,
                                 hint="在完成情况之后加一行牵头责任单位。")
            task = Task(number=number, task=self.fix(rest[0]), progress=[self.fix(p) for p in progress],
                        units=[self.fix(u) for u in units], line=line_no)
            target = subsection or section
            if target is None:
                section_ = Section(numeral="", title="")
                sections.append(section_)
                target = section_
            target.tasks.append(task)
            task_lines.clear()

        for line_no, text in self.lines[self.pos:]:
            if FURNITURE.match(text):
                break
            m = TASK_NUMBER.match(text)
            if m and int(m.group(1)) > last_number:
                close_task()
                last_number = int(m.group(1))
                task_lines.append((line_no, text))
                if section is None:
                    section = Section(numeral="", title="")
                    sections.append(section)
                continue
            m = SECTION_ROW.match(text)
            expected = NUMERALS[len([s for s in sections if s.numeral])] if len(sections) < len(NUMERALS) else None
            if m and m.group(1) == expected and m.group(2):
                close_task()
                section = Section(numeral=m.group(1), title=self.fix(m.group(2)))
                sections.append(section)
                subsection = None
                continue
            m = SUBSECTION_ROW.match(text)
            if m and m.group(2):
                if section is None:  # subsection rows without section rows above them
                    section = Section(numeral="", title="")
                    sections.append(section)
                expected_sub = NUMERALS[len(section.subsections)] if len(section.subsections) < len(NUMERALS) else None
                if m.group(1) == expected_sub:
                    close_task()
                    subsection = Subsection(numeral=m.group(1), title=self.fix(m.group(2)))
                    section.subsections.append(subsection)
                    continue
            if not task_lines:
                raise self.error(
                    f"无法识别的行：“{text[:30]}”", line=line_no,
                    hint="表格中的每一行应是部分标题（如“一、…”）、小标题（如“(一)…”）或任务序号及其内容；"
                         "请检查这一行是否属于上一行的标题，或删除多余的文字。",
                )
            task_lines.append((line_no, text))
        close_task()
        if not any(s.all_tasks() for s in sections):
            raise self.error("没有找到任务表格", hint="表格中没有任何带序号的任务。")
        return sections


def parse_text(text: str, file: str = "<输入>", restore: bool = True) -> Document:
    """Parse the page text into a Document; restore full-width punctuation unless told not to."""
    return _Parser(text, file, restore).parse()


def import_source(data: bytes, file: str, restore: bool = True) -> Document:
    text = decode(data, file)
    check_characters(text, file)
    return parse_text(text, file, restore)


def read(data: bytes, name: str, *, restore_punctuation: bool = True, **_) -> Document:
    """The reader interface of the formats registry (see formats/__init__.py)."""
    from exporter.formats import sniff

    return import_source(sniff.page_text_bytes(data, name), name, restore=restore_punctuation)
