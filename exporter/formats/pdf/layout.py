"""Page layout of the task table: lines per cell, row heights, rows split across pages.

The layout does not draw; it yields one `Page` at a time, a display list of text lines, fills, rules
and bookmarks in PDF coordinates (points, origin at the bottom left). Keeping it page by page keeps
memory flat for very long documents.

Every table line has the same pitch, so a row taller than the space left is cut between lines:
each column keeps its first k lines on this page and the rest continue on the next, under the
repeated header row, with the number cell reading "86" / "（续）".

Each drawn line also carries the structure node (exporter.formats.pdf.tags) it belongs to: a table
cell, the title, a preamble paragraph — or None for page furniture drawn again on every page (the
repeated header row, "86（续）", page numbers), which is tagged as an artifact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from exporter import wording as W
from exporter.errors import RenderError, TemplateError
from exporter.formats.pdf.fonts import FontBook, FontChain
from exporter.formats.pdf.style import Column, Style, TextStyle, place_columns
from exporter.formats.pdf.tags import COLUMN_HEADER, Node, spanning
from exporter.model import PARAGRAPH_FIELDS, SEED_COLUMNS, Document, Task, unit_line
from exporter.text.linebreak import break_lines, latin_runs

ASCENT = 0.88  # CJK fonts put the ideographic em box from -0.12 to 0.88 of the size
BOOKMARK_ABOVE = 12  # points above a bookmarked row where the view starts (PDF outline and OFD alike)
EPS = 1e-6
MAX_STRETCH = 0.08  # em of extra space per character gap when justifying


@dataclass
class Line:
    text: str
    chain: FontChain
    size: float
    width: float
    justify: bool = False  # a paragraph's inner line: may be stretched to the full width
    indent: float = 0.0  # first line of an indented paragraph
    para: int = 0  # which paragraph of its cell it belongs to


@dataclass
class Text:
    x: float
    y: float  # baseline
    line: Line
    char_space: float = 0.0
    node: Node | None = None  # the structure element it belongs to; None for an artifact


@dataclass
class Page:
    number: int
    texts: list[Text] = field(default_factory=list)
    fills: list[tuple[float, float, float, float, float]] = field(default_factory=list)  # x, y, w, h, gray
    rules: list[tuple[float, float, float, float, float]] = field(default_factory=list)  # x1, y1, x2, y2, width
    bookmarks: list[tuple[str, int, float]] = field(default_factory=list)  # title, level, y


@dataclass
class Row:
    kind: str  # 'header', 'section', 'subsection', 'task'
    cells: list[list[Line]]  # one list per column; spanning rows have a single cell
    task: Task | None = None
    title: str = ""  # outline entry of a section/subsection row
    nodes: list[Node] | None = None  # its cells' structure elements, made when first drawn
    paras: dict[tuple[int, int], Node] | None = None  # (column, paragraph) -> P, in cells of several

    def node_for(self, column: int, line: Line) -> Node:
        """The element a line of a cell hangs on: the cell, or its paragraph when it has several."""
        if self.paras is None:
            return self.nodes[column]
        node = self.paras.get((column, line.para))
        if node is None:
            many = len({ln.para for ln in self.cells[column]}) > 1
            node = self.paras[column, line.para] = Node("P", self.nodes[column]) if many else self.nodes[column]
        return node

    @property
    def lines(self) -> int:
        return max((len(c) for c in self.cells), default=0)


class Layout:
    """Turns a document into pages for one template."""

    def __init__(self, style: Style, book: FontBook):
        self.style = style
        self.book = book
        self.pitch = style.body.leading
        self.chains = {
            name: book.chain(getattr(style, name).font)
            for name in ("body", "header", "section", "subsection", "title", "preamble", "attachment", "page_number")
        }
        self.full_width = style.block_width - 2 * style.pad_x
        self._measures: dict[tuple[int, float], dict[str, float]] = {}
        self.use_columns(None)

    def use_columns(self, doc: Document | None) -> None:
        """Place the document's own columns (the seed's when doc is None) across the text block."""
        s = self.style
        if doc is None or doc.columns == list(SEED_COLUMNS):
            self.doc_columns = list(SEED_COLUMNS)
            columns = s.columns
            columns = [
                Column(c.key, c.x, c.width, c.align, c.valign, col.label) for c, col in zip(columns, self.doc_columns)
            ]
        else:
            self.doc_columns = list(doc.columns)
            natural = [self.natural_width(doc, i) for i in range(len(self.doc_columns))]
            columns = place_columns(
                s.column_specs,
                [c.field for c in self.doc_columns],
                [c.label for c in self.doc_columns],
                s.block_width,
                natural,
            )
        self.columns = columns
        self.widths = [c.width - 2 * s.pad_x for c in columns]
        self.number_at = next((i for i, c in enumerate(columns) if c.key == "number"), None)

    def natural_width(self, doc: Document, index: int) -> float:
        """Points a column needs to show its longest value (and its header on two lines) unbroken."""
        column = self.doc_columns[index]
        spec = self.style.column_specs[column.field]
        if spec.width is not None and not spec.star:
            return 0.0  # the template gives the width; nothing to measure
        body, header = self.chains["body"], self.chains["header"]
        size = self.style.body.size
        label = "".join(column.label.split())
        shown = label if len(label) <= 4 else label[: (len(label) + 1) // 2]  # a longer header takes two lines
        widest = header.width(shown, self.style.header.size)
        for task in doc.all_tasks():
            for value in column.values(task):
                widest = max(widest, body.width(value, size))
        return widest + 2 * self.style.pad_x

    # ---- lines ---------------------------------------------------------------------------------
    def paragraph(
        self, text: str, role: str, width: float, *, size: float | None = None, indent: float = 0.0
    ) -> list[Line]:
        """A paragraph broken into lines; whitespace runs (including newlines) read as one space."""
        chain = self.chains[role]
        size = size or getattr(self.style, role).size
        text = " ".join(str(text).split())
        # Widths of line-breaking units, shared by all paragraphs of a font and size: mostly single
        # characters, measured again and again.
        cache = self._measures.get((id(chain), size))
        if cache is None:
            cache = self._measures[id(chain), size] = {}

        def measure(unit: str) -> float:
            w = cache.get(unit)
            if w is None:
                w = cache[unit] = chain.width(unit, size)
            return w

        texts = break_lines(text, width, measure, indent)
        lines = [Line(t, chain, size, chain.width(t, size), justify=True) for t in texts]
        lines[-1].justify = False
        lines[0].indent = indent
        return lines

    def number_lines(self, task: Task, continued: bool) -> list[Line]:
        body = self.chains["body"]
        size = self.style.body.size
        number = str(task.number)
        if not continued:
            return [Line(number, body, size, body.width(number, size))]
        label = self.style.labels["continued"]
        whole = number + label
        room = self.widths[self.number_at] if self.number_at is not None else self.full_width
        if body.width(whole, size) <= room + EPS:
            return [Line(whole, body, size, body.width(whole, size))]
        small = self.style.continued_size
        return [Line(number, body, size, body.width(number, size)), Line(label, body, small, body.width(label, small))]

    def task_row(self, task: Task) -> Row:
        """One cell per column of the document: prose as indented paragraphs, short values one per line."""
        cells: list[list[Line]] = []
        for i, column in enumerate(self.doc_columns):
            if column.field == "number":
                cells.append(self.number_lines(task, False))
                continue
            indent = self.style.body.indent if column.field in PARAGRAPH_FIELDS else 0.0
            lines: list[Line] = []
            for k, text in enumerate(column.values(task)):
                paragraph = self.paragraph(text, "body", self.widths[i], indent=indent)
                for line in paragraph:
                    line.para = k  # tagged as one P per paragraph or value
                lines += paragraph
            cells.append(lines)
        return Row("task", cells, task=task)

    def part(self, row: Row, number: list[Line], start: int, end: int | None = None) -> list[list[Line]]:
        """Lines start:end of every cell of a task row, the number cell replaced by `number`."""
        return [number if i == self.number_at else cell[start:end] for i, cell in enumerate(row.cells)]

    def heading_row(self, kind: str, text: str) -> Row:
        return Row(kind, [self.paragraph(text, kind, self.full_width)], title=text)

    def header_row(self) -> Row:
        cells = [self.paragraph(c.label, "header", self.widths[i]) for i, c in enumerate(self.doc_columns)]
        for cell in cells:
            for line in cell:
                line.justify = False
        return Row("header", cells)

    # ---- pages ---------------------------------------------------------------------------------
    def pages(
        self,
        doc: Document,
        *,
        attachment: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        root: Node | None = None,
    ) -> Iterator[Page]:
        """The document's pages, one at a time, in the document's own columns; their lines hang on
        structure nodes under `root`."""
        self.use_columns(doc)
        return _Flow(self, doc, attachment, progress, root or Node("Document")).run()


_PROBE = Task(number=10**6, task="")  # a number as wide as any, to size the number cell


class _Flow:
    """The state of filling pages: current page, vertical position, whether the table is open."""

    def __init__(self, layout: Layout, doc: Document, attachment: str | None, progress, root: Node):
        self.layout = layout
        self.style = layout.style
        self.doc = doc
        self.attachment = attachment
        self.progress = progress
        self.total = len(doc.all_tasks())
        self.done = 0
        s = self.style
        self.left = s.left
        self.right = s.page_width - s.right
        self.top = s.block_top
        self.bottom = s.bottom
        self.pitch = layout.pitch
        self.header = layout.header_row()
        # The header row and one line of a task must fit on a page, or no task ever would.
        room = self.top - self.bottom
        need = self.row_height(self.header.lines) + self.row_height(
            max(1, len(layout.number_lines(_PROBE, continued=True)))
        )
        if need > room + EPS:
            raise TemplateError(
                W.TEMPLATE_HEADER_TOO_TALL.format(
                    lines=self.header.lines, height=self.row_height(self.header.lines), room=room
                ),
                hint=W.TEMPLATE_HEADER_TOO_TALL_HINT,
            )
        # A backstop against any layout that stops advancing: every page holds at least one line,
        # and a line at least one character.
        chars = sum(len(t.task) + sum(map(len, t.progress)) + sum(map(len, t.units)) + 8 for t in doc.all_tasks())
        self.max_pages = (
            100
            + chars
            + sum(len(s.heading) + sum(len(u.heading) for u in s.subsections) for s in doc.sections)
            + len(doc.title)
            + len(str(attachment or ""))
        )
        self.page: Page | None = None
        self.y = self.top
        self.table_top: float | None = None  # where the table starts on this page, when open
        self.rows_on_page = 0
        self.root = root
        self.table: Node | None = None  # the one Table element, across all pages
        self.body: Node | None = None  # its TBody

    # ---- page handling -------------------------------------------------------------------------
    def new_page(self) -> Page | None:
        """Finish the current page (returned) and start the next one."""
        finished = self.finish()
        if finished and finished.number >= self.max_pages:
            raise RenderError(W.TOO_MANY_PAGES.format(limit=self.max_pages), hint=W.TOO_MANY_PAGES_HINT)
        self.page = Page(finished.number + 1 if finished else 1)
        self.y = self.top
        self.rows_on_page = 0
        return finished

    def finish(self) -> Page | None:
        page = self.page
        if page is None:
            return None
        self.close_table()
        s = self.style
        ps = s.page_number
        text = s.page_number_format.format(n=page.number)
        chain = self.layout.chains["page_number"]
        width = chain.width(text, ps.size)
        inset = ps.size  # one character in from the edge of the text block
        x = self.right - inset - width if page.number % 2 else self.left + inset
        y = self.bottom - s.page_number_below - ASCENT * ps.size
        page.texts.append(Text(x, y, Line(text, chain, ps.size, width)))  # an artifact
        self.page = None
        return page

    def room(self) -> float:
        return self.y - self.bottom

    def text_lines(self, lines: list[Line], style: TextStyle, align: str = "left", role: str = "P") -> Iterator[Page]:
        """Flow lines outside the table (title, preamble), starting new pages as needed."""
        node = Node(role, self.root)
        for line in lines:
            if self.room() < style.leading - EPS and self.y < self.top - EPS:
                finished = self.new_page()
                if finished:
                    yield finished
            baseline = self.y - (style.leading - line.size) / 2 - ASCENT * line.size
            if align == "center":
                x = self.left + (self.style.block_width - line.width) / 2
            else:
                x = self.left + line.indent
            self.page.texts.append(Text(x, baseline, line, node=node))
            self.y -= style.leading

    # ---- table ---------------------------------------------------------------------------------
    def row_height(self, lines: int) -> float:
        return lines * self.pitch + 2 * self.style.pad_y

    def open_table(self) -> None:
        self.table_top = self.y
        if self.table is None:  # the header row is content once, an artifact where it is repeated
            self.table = Node("Table", self.root)
            row = Node("TR", Node("THead", self.table))
            self.header.nodes = [Node("TH", row, COLUMN_HEADER) for _ in self.header.cells]
            self.body = Node("TBody", self.table)
        else:
            self.header.nodes = [None] * len(self.header.cells)
        self.draw_row(self.header, self.header.cells, self.header.lines)
        self.rows_on_page = 0

    def close_table(self) -> None:
        if self.table_top is None or self.page is None:
            return
        s = self.style
        w = s.frame_rule
        top, bottom = self.table_top, self.y
        for x1, y1, x2, y2 in (
            (self.left, top, self.right, top),
            (self.left, bottom, self.right, bottom),
            (self.left, top, self.left, bottom),
            (self.right, top, self.right, bottom),
        ):
            self.page.rules.append((x1, y1, x2, y2, w))
        self.table_top = None

    def draw_row(self, row: Row, cells: list[list[Line]], lines: int, continued: bool = False) -> None:
        """Draw a row (or a part of one) `lines` lines tall at the current position.

        A continued part belongs to the row's structure elements too, except its "86（续）".
        """
        s = self.style
        if row.nodes is None:
            tr = Node("TR", self.body)
            if len(cells) == 1:
                row.nodes = [Node("TD", tr, spanning(len(self.layout.columns)))]
            else:
                row.nodes = [Node("TD", tr) for _ in cells]
                row.paras = {}
        nodes = row.nodes
        if continued:  # "86（续）" repeats the number: an artifact
            at = self.layout.number_at
            nodes = [None if i == at else n for i, n in enumerate(nodes)]
        page = self.page
        height = self.row_height(lines)
        top, bottom = self.y, self.y - height
        shade = {"header": s.header_shade, "section": s.section_shade, "subsection": s.subsection_shade}.get(row.kind)
        if shade is not None:
            page.fills.append((self.left, bottom, self.right - self.left, height, shade))
        if len(cells) == 1:
            spans = [(self.left, s.block_width, "left", "middle")]
        else:
            spans = [(self.left + c.x, c.width, c.align, c.valign) for c in self.layout.columns]
            if row.kind == "header":
                spans = [(x, w, "center", "middle") for x, w, _, _ in spans]
            for x, _, _, _ in spans[1:]:
                page.rules.append((x, top, x, bottom, s.inner_rule))
        page.rules.append((self.left, bottom, self.right, bottom, s.inner_rule))
        for column, ((x, width, align, valign), cell, node) in enumerate(zip(spans, cells, nodes)):
            inner = width - 2 * s.pad_x
            used = len(cell) * self.pitch
            if valign == "middle":
                y = top - (height - used) / 2
            elif valign == "bottom":
                y = bottom + s.pad_y + used
            else:
                y = top - s.pad_y
            for line in cell:
                baseline = y - (self.pitch - line.size) / 2 - ASCENT * line.size
                char_space = 0.0
                if align == "center":
                    lx = x + (width - line.width) / 2
                elif align == "right":
                    lx = x + width - s.pad_x - line.width
                else:
                    lx = x + s.pad_x + line.indent
                    if s.justify and line.justify:
                        char_space = self.stretch(line, inner - line.indent)
                page.texts.append(
                    Text(
                        lx,
                        baseline,
                        line,
                        char_space,
                        node and (row.node_for(column, line) if row.paras is not None else node),
                    )
                )
                y -= self.pitch
        self.y = bottom

    @staticmethod
    def stretch(line: Line, width: float) -> float:
        """Extra space after each character that justifies the line, or 0 when that would look loose.

        Letters and digits inside a run ("2291.5") are not spaced out; the drawing skips them too.
        """
        gaps = len(line.text) - 1 - sum(end - start - 1 for start, end in latin_runs(line.text))
        if gaps < 1:
            return 0.0
        extra = (width - line.width) / gaps
        # pdftotext starts a new word at a gap wider than 0.1 em, and so would a search in a
        # viewer: stay below that and leave a looser line ragged instead.
        return extra if 0 < extra <= MAX_STRETCH * line.size else 0.0

    def ensure_table(self, need: float = 0.0) -> Iterator[Page]:
        """Open the table on this page, or on the next if the header and `need` points do not fit."""
        if self.table_top is not None:
            return
        if (
            self.room() < self.row_height(self.header.lines) + max(need, self.row_height(1)) - EPS
            and self.y < self.top - EPS
        ):
            finished = self.new_page()
            if finished:
                yield finished
        self.open_table()

    def first_part(self, lines: int) -> int:
        """The fewest lines of a row that may stand at the bottom of a page."""
        m = self.style.min_lines
        return m if lines >= 2 * m else lines

    def fresh(self) -> bool:
        """Nothing but the header row on this page yet: moving to the next page would not help."""
        return self.rows_on_page == 0 and self.table_top is not None and self.table_top >= self.top - EPS

    def break_page(self) -> Iterator[Page]:
        finished = self.new_page()
        if finished:
            yield finished
        self.open_table()

    def place_heading(self, row: Row, need_after: float, level: int) -> Iterator[Page]:
        """A section/subsection row, kept on the same page as what follows it."""
        yield from self.ensure_table()
        height = self.row_height(row.lines)
        fits = int(
            (self.top - self.bottom - self.row_height(self.header.lines) - 2 * self.style.pad_y + EPS) // self.pitch
        )
        if row.lines > fits:
            what = W.HEADING_SECTION if row.kind == "section" else W.HEADING_SUBSECTION
            text = row.title if len(row.title) <= 40 else row.title[:40] + "…"
            raise RenderError(
                W.HEADING_TOO_TALL.format(what=what, text=text, lines=row.lines, room=fits),
                hint=W.HEADING_TOO_TALL_HINT,
            )
        if self.room() < height + need_after - EPS and not self.fresh():
            yield from self.break_page()
        self.page.bookmarks.append((row.title, level, self.y))
        self.draw_row(row, row.cells, row.lines)
        self.rows_on_page += 1

    def place_task(self, row: Row) -> Iterator[Page]:
        layout = self.layout
        min_lines = self.style.min_lines
        total = row.lines
        start = 0
        yield from self.ensure_table()
        while True:
            number = layout.number_lines(row.task, continued=start > 0)
            remaining = max(total - start, len(number))
            fit = int((self.room() - 2 * self.style.pad_y + EPS) // self.pitch)
            if remaining <= fit:
                cells = layout.part(row, number, start)
                self.draw_row(row, cells, remaining, continued=start > 0)
                self.rows_on_page += 1
                return
            take = fit
            if total - start - take < min_lines:
                take = total - start - min_lines  # leave at least min_lines for the next page
            if take < max(min_lines, len(number)):
                if not self.fresh():
                    yield from self.break_page()  # too little room here: start on the next page
                    continue
                take = max(fit, 1)  # taller than a whole page: must cut here
            cells = layout.part(row, number, start, start + take)
            self.draw_row(row, cells, max(take, len(number)), continued=start > 0)
            self.rows_on_page += 1
            start += take
            yield from self.break_page()

    # ---- the whole document --------------------------------------------------------------------
    def run(self) -> Iterator[Page]:
        layout, s = self.layout, self.style
        self.page = Page(1)
        if self.attachment is not None:
            label = s.labels["attachment"] + str(self.attachment)
            att = s.attachment
            lines = layout.paragraph(label, "attachment", s.block_width)
            node = Node("P", self.root)
            for line in lines:  # a long label wraps; no character is left off the page
                self.page.texts.append(Text(self.left, self.y - ASCENT * att.size, line, node=node))
                self.y -= att.leading
            self.y -= max(0.0, 2 * s.grid - att.leading * len(lines))  # the title goes on the third line
        if self.doc.title:
            yield from self.text_lines(
                layout.paragraph(self.doc.title, "title", s.block_width * 0.9), s.title, "center", role="H1"
            )
            self.y -= s.title.space_after
        line = unit_line(self.doc)
        if line:  # a unit's own part says which tasks it leads and which it co-leads
            yield from self.text_lines(layout.paragraph(line, "preamble", s.block_width), s.preamble, "center")
            self.y -= s.preamble.space_after
        preamble = self.doc.meta.get("preamble") or []
        if isinstance(preamble, str):
            preamble = [preamble]
        if preamble:
            for text in preamble:
                lines = layout.paragraph(text, "preamble", s.block_width, indent=s.preamble.indent)
                yield from self.text_lines(lines, s.preamble)
            self.y -= s.preamble.space_after

        rows = list(self.doc.rows())
        built: dict[int, Row] = {}

        def row_at(i: int) -> Row:
            r = built.get(i)
            if r is None:
                kind, item = rows[i]
                r = built[i] = layout.task_row(item) if kind == "task" else layout.heading_row(kind, item.heading)
            return r

        def need(i: int) -> float:
            """Room the rows from i need together: headings, then the first lines of a task."""
            total = 0.0
            while i < len(rows) and rows[i][0] != "task":
                total += self.row_height(row_at(i).lines)
                i += 1
            if i < len(rows):
                total += self.row_height(self.first_part(row_at(i).lines))
            return total

        # Subsections of a headed section nest under it in the outline.
        nested = {id(sub) for sec in self.doc.sections if sec.numeral or sec.title for sub in sec.subsections}
        yield from self.ensure_table(need(0) if rows else 0.0)
        for i, (kind, item) in enumerate(rows):
            row = row_at(i)
            built.pop(i, None)
            if kind == "task":
                yield from self.place_task(row)
                self.done += 1
                if self.progress and (self.done % 50 == 0 or self.done == self.total):
                    self.progress(self.done, self.total)
                continue
            # Keep a heading with the headings right after it and the first lines of the next task.
            level = 1 if kind == "subsection" and id(item) in nested else 0
            yield from self.place_heading(row, need(i + 1), level)
        last = self.finish()
        if last:
            yield last
