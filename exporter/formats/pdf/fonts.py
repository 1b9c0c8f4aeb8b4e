"""Fonts for the PDF: template aliases -> TrueType files, registered once per process, with fallback.

A template names fonts by alias (`fonts: {serif: NotoSerifSC-Regular.ttf}`); an alias may also be
written `{file: simsun.ttc, subfont: 0}` for a TrueType collection. Each text role draws with a chain:
its own font, then the template's `pdf.fallback` fonts. A character goes to the first font in the
chain that has a glyph for it, so nothing is ever drawn as a blank or a box.
"""

from __future__ import annotations

import hashlib
import mmap
import re
from dataclasses import dataclass
from pathlib import Path

from exporter import wording as W
from exporter.errors import TemplateError
from exporter.formats.fontface import Face
from exporter.formats.fontfile import FontFileError
from exporter.templates import font_path

# Whitespace is never checked for glyphs: a missing space looks the same as a drawn one.
_BLANK = frozenset(" \t\u00a0")


@dataclass(frozen=True)
class FontSpec:
    alias: str
    path: Path
    subfont: int = 0


class Font:
    """One TrueType face: a unique name, the parsed face, glyph coverage and advance widths."""

    def __init__(self, spec: FontSpec):
        digest = hashlib.sha1(f"{spec.path.resolve()}#{spec.subfont}".encode()).hexdigest()[:8]
        stem = re.sub(r"[^A-Za-z0-9]+", "", spec.path.stem)[:24] or "font"
        self.name = f"{stem}-{spec.subfont}-{digest}"
        self.spec = spec
        try:
            face = open_face(spec.path, spec.subfont)
        except FontFileError as exc:
            text = str(exc)
            if exc.reason == "cff":
                why, hint = W.FONT_CFF, W.FONT_CFF_HINT
            elif exc.reason == "subfont":
                why, hint = W.FONT_NO_SUBFONT.format(subfont=spec.subfont), W.FONT_NO_SUBFONT_HINT
            else:
                why, hint = W.FONT_NOT_TRUETYPE.format(text=text), W.FONT_NOT_TRUETYPE_HINT
            raise TemplateError(
                W.FONT_FILE_PROBLEM.format(alias=spec.alias, path=spec.path, why=why), hint=hint
            ) from None
        except OSError as exc:
            raise TemplateError(
                W.FONT_UNREADABLE.format(alias=spec.alias, path=spec.path, reason=exc.strerror),
                hint=W.FONT_UNREADABLE_HINT,
            ) from None
        self.face = face
        self.glyphs = face.glyphs
        self.widths = face.widths
        self.default_width = face.default_width

    def has(self, ch: str) -> bool:
        return ord(ch) in self.glyphs


def open_face(path: Path, subfont: int) -> Face:
    """The face of a font file, mapped into memory: a document reads a few thousand entries of its
    tables and, when subsetting, the outlines of the glyphs it draws, not the whole 10+ MB."""
    with open(path, "rb") as f:
        try:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):  # an empty file, or a file system without mmap
            data = f.read()
    return Face(data, subfont)


_LOADED: dict[tuple[str, int], Font] = {}


def load_font(spec: FontSpec) -> Font:
    """The registered font for a file, loading it on first use only (once per process)."""
    key = (str(spec.path.resolve()), spec.subfont)
    font = _LOADED.get(key)
    if font is None:
        font = _LOADED[key] = Font(spec)
    return font


class FontChain:
    """A role's font followed by its fallbacks; fallbacks are loaded only when a character needs one."""

    def __init__(self, specs: list[FontSpec]):
        self.specs = specs
        self._fonts: list[Font | None] = [load_font(specs[0])] + [None] * (len(specs) - 1)
        self._which: dict[str, int] = {}  # character -> index in the chain, -1 if none has it
        self._advance: dict[str, float] = {}  # character -> width at 1000 pt in its font
        self._in_primary: set[str] = set()  # characters known to be drawn by the primary font
        self.primary = self._fonts[0]

    def font(self, index: int) -> Font:
        font = self._fonts[index]
        if font is None:
            font = self._fonts[index] = load_font(self.specs[index])
        return font

    def named(self, name: str) -> Font:
        """The font that `runs` calls `name` (it is loaded: runs loaded it)."""
        for font in self._fonts:
            if font is not None and font.name == name:
                return font
        raise KeyError(name)

    def index_of(self, ch: str) -> int:
        """Which font of the chain draws ch; -1 when none has it."""
        index = self._which.get(ch)
        if index is None:
            index = -1
            if ch in _BLANK or self.primary.has(ch):
                index = 0
            else:
                for i in range(1, len(self.specs)):
                    if self.font(i).has(ch):
                        index = i
                        break
            self._which[ch] = index
        return index

    def missing(self, chars) -> set[str]:
        return {ch for ch in chars if self.index_of(ch) < 0}

    def width(self, text: str, size: float) -> float:
        """Drawn width of text at size, each character measured in the font that draws it."""
        advance = self._advance
        try:
            w = sum(map(advance.__getitem__, text))
        except KeyError:
            for ch in text:
                if ch not in advance:
                    font = self.font(max(self.index_of(ch), 0))
                    advance[ch] = font.widths.get(ord(ch), font.default_width)
            w = sum(map(advance.__getitem__, text))
        return w * size / 1000.0

    def runs(self, text: str) -> list[tuple[str, str]]:
        """(font name, text) pieces of text, split where the drawing font changes."""
        if self._in_primary.issuperset(text):
            return [(self.primary.name, text)]
        out: list[tuple[str, str]] = []
        start, current = 0, None
        for i, ch in enumerate(text):
            index = max(self.index_of(ch), 0)
            if index == 0:
                self._in_primary.add(ch)
            if index != current:
                if current is not None:
                    out.append((self.font(current).name, text[start:i]))
                start, current = i, index
        if current is not None:
            out.append((self.font(current).name, text[start:]))
        return out


class FontBook:
    """The fonts of one template: aliases, the fallback list, and a chain per alias (cached)."""

    def __init__(self, template: dict, fallback: list[str]):
        self.template = template
        aliases = template.get("fonts") or {}
        if not isinstance(aliases, dict):
            raise TemplateError(W.FONTS_NOT_MAPPING, hint=W.FONTS_NOT_MAPPING_HINT)
        self.aliases = aliases
        self.fallback = [self.spec(a) for a in fallback]
        self._chains: dict[str, FontChain] = {}

    def spec(self, alias: str) -> FontSpec:
        """The file behind an alias; a clear error when it is unknown or the file is missing."""
        value = self.aliases.get(alias)
        if value is None:
            known = W.LIST_SEPARATOR.join(str(a) for a in self.aliases) or W.FONT_ALIASES_NONE
            raise TemplateError(
                W.FONT_ALIAS_UNKNOWN.format(alias=alias, known=known),
                hint=W.FONT_ALIAS_UNKNOWN_HINT,
            )
        subfont = 0
        if isinstance(value, dict):
            file = value.get("file")
            subfont = value.get("subfont", value.get("subfontIndex", 0))
            if not isinstance(subfont, int) or isinstance(subfont, bool) or subfont < 0:
                raise TemplateError(
                    W.FONT_SUBFONT_BAD.format(alias=alias, subfont=subfont), hint=W.FONT_SUBFONT_BAD_HINT
                )
        else:
            file = value
        if not file or not isinstance(file, str):
            raise TemplateError(W.FONT_NO_FILE.format(alias=alias), hint=W.FONT_NO_FILE_HINT)
        path = font_path(self.template, file)
        if path.exists() and not path.is_file():
            import os

            from exporter.inputs import kind

            what = W.FONT_IS_FOLDER if path.is_dir() else kind(os.stat(path).st_mode)
            raise TemplateError(
                W.FONT_NOT_REGULAR.format(alias=alias, path=path, kind=what),
                hint=W.FONT_NOT_REGULAR_HINT,
            )
        if not path.is_file():
            raise TemplateError(
                W.FONT_MISSING.format(alias=alias, path=path),
                hint=W.FONT_MISSING_HINT,
            )
        if path.suffix.lower() == ".ttc" and not isinstance(value, dict):
            raise TemplateError(
                W.FONT_TTC_INDEX.format(alias=alias, name=path.name),
                hint=W.FONT_TTC_INDEX_HINT.format(alias=alias, file=file),
            )
        return FontSpec(alias, path, subfont)

    def chain(self, alias: str) -> FontChain:
        chain = self._chains.get(alias)
        if chain is None:
            primary = self.spec(alias)
            specs = [primary] + [s for s in self.fallback if s.path != primary.path or s.subfont != primary.subfont]
            chain = self._chains[alias] = FontChain(specs)
        return chain
