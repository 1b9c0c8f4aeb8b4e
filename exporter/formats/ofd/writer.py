"""OFD (GB/T 33190-2016, 版式文档): the PDF's pages, positions and fonts, as an OFD package.

The pages come from the PDF's own layout, so page breaks, positions, fonts and fallback are the
same; only the drawing differs (exporter.formats.ofd.content). Fonts are embedded as TrueType
subsets (exporter.formats.fontfile). The zip's entries, order and timestamps are fixed, and every date
comes from the one timestamp policy, so two runs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import mmap
import zipfile

from exporter import PRODUCER, __version__, wording
from exporter.errors import TemplateError
from exporter.formats import fontfile
from exporter.formats.ofd import parts
from exporter.formats.ofd.content import PageContent, Resources
from exporter.formats.ofd.xml import MM
from exporter.formats.pdf.coverage import check_glyphs
from exporter.formats.pdf.fonts import Font, FontBook
from exporter.formats.pdf.layout import BOOKMARK_ABOVE, Layout
from exporter.formats.pdf.style import load_style
from exporter.model import Document, file_subject, file_title
from exporter.templates import parsed
from exporter.timestamps import document_time, zip_time

DOC = "Doc_0/"


def render(doc: Document, template: dict, *, progress=None, attachment=None, **options) -> bytes:
    """The document as OFD bytes. `attachment` ("1", "" …) adds the 附件 label on page 1.

    Raises TemplateError for a bad template or font, RenderError for characters no font can draw.
    """
    style = parsed(template, load_style)  # the PDF's style, parsed once per template
    layout = Layout(style, FontBook(template, style.fallback))
    check_glyphs(doc, layout, attachment)
    return _Package(doc, style, document_time(doc)).write(layout.pages(doc, attachment=attachment, progress=progress))


class _Package:
    def __init__(self, doc: Document, style, when: dt.datetime):
        self.doc = doc
        self.style = style
        self.when = when
        self.out = io.BytesIO()
        self.zip = zipfile.ZipFile(self.out, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self.stamp = zip_time(when)

    def put(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        info.create_system = 0
        self.zip.writestr(info, data)

    def write(self, pages) -> bytes:
        style = self.style
        self.put("OFD.xml", parts.ofd_xml(self.info()).encode("utf-8"))
        res = Resources()
        content = PageContent(res, style.page_height)
        page_ids: list[int] = []
        outlines: list[parts.Outline] = []
        for index, page in enumerate(pages):
            page_id = res.new_id()
            page_ids.append(page_id)
            self.put(DOC + parts.page_path(index), content.xml(page).encode("utf-8"))
            for title, level, y in page.bookmarks:
                top = max(0.0, (style.page_height - y - BOOKMARK_ABOVE) * MM)
                entry = parts.Outline(title, page_id, top)
                if level and outlines:
                    outlines[-1].children.append(entry)
                else:
                    outlines.append(entry)
        fonts = []
        for font_id, font in res.fonts.values():
            file = parts.font_path(font_id)
            self.put(f"{DOC}{parts.RES_BASE}/{file}", _subset(font, res.chars[font_id]))
            face = font.face
            # Bold stays unset, as it always was (reportlab's faces never said bold): the bold face's
            # own outlines are embedded, and the attribute could make a reader embolden them again.
            fonts.append(parts.FontEntry(font_id, _name(face.name), _name(face.family_name), False, file))
        self.put(DOC + parts.PUBLIC_RES, parts.res_xml(fonts).encode("utf-8"))
        document = parts.document_xml(res.last_id, style.page_width * MM, style.page_height * MM, page_ids, outlines)
        self.put(parts.DOC_ROOT, document.encode("utf-8"))
        self.zip.close()
        return self.out.getvalue()

    def info(self) -> parts.Info:
        doc = self.doc
        date = self.when.date().isoformat()
        # A stable identifier (32 hex digits, as the standard's UUID form): same document, same ID.
        key = "\n".join(
            [
                doc.title,
                doc.issuer,
                date,
                str(doc.meta.get("unit", "")),
                ",".join(str(t.number) for t in doc.all_tasks()),
            ]
        )
        doc_id = hashlib.md5(key.encode("utf-8")).hexdigest().upper()
        return parts.Info(doc_id, file_title(doc), doc.issuer, file_subject(doc), date, PRODUCER, __version__)


def _name(value) -> str:
    # The face reader gives names as UTF-8 bytes (the PostScript name is ASCII; a family name may not be).
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _subset(font: Font, chars: set[str]) -> bytes:
    """The font file cut down to the characters drawn with it."""
    glyphs = {ord(ch): font.glyphs[ord(ch)] for ch in chars if ord(ch) in font.glyphs}
    spec = font.spec
    try:
        with open(spec.path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return fontfile.subset(data, glyphs, spec.subfont)
    except (OSError, ValueError) as exc:
        raise TemplateError(
            wording.OFD_FONT_NOT_EMBEDDABLE.format(alias=spec.alias, path=spec.path, reason=exc),
            hint=wording.OFD_FONT_NOT_EMBEDDABLE_HINT,
        ) from None
