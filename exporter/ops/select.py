"""Pure functions that narrow a document to some sections or one unit, keeping task numbers."""

from __future__ import annotations

import difflib
import re

from exporter import wording as W
from exporter.errors import SelectionError
from exporter.model import NUMERALS, Document, Section, Subsection, involves, numeral_value


def parse_section_values(values) -> list[str]:
    """('九',), ('二,三',), ('9', '十二') -> ['九'], ['二', '三'], ['九', '十二']."""
    out = []
    for value in values:
        for token in re.split(r"[,，、\s]+", str(value).strip()):
            token = token.strip().rstrip("、.．")
            if not token:
                continue
            if token.isdigit() and token.isascii():
                n = int(token)
                token = NUMERALS[n - 1] if 1 <= n <= len(NUMERALS) else token
            if token not in out:  # 九,九 and 九,9 name one section once
                out.append(token)
    return out


def _describe(section: Section) -> str:
    rng = section.task_range()
    return W.SECTION_DESCRIBED.format(heading=section.heading, range=rng) if rng else section.heading


def select_sections(doc: Document, values) -> Document:
    """Keep the named sections, in document order."""
    wanted = parse_section_values(values)
    if not wanted:
        return doc
    by_numeral = {s.numeral: s for s in doc.sections if s.numeral}
    for token in wanted:
        if token not in by_numeral:
            if not by_numeral:
                raise SelectionError(W.NO_SECTIONS.format(token=token), hint=W.NO_SECTIONS_HINT)
            target = numeral_value(token)
            ordered = sorted(by_numeral.values(), key=lambda s: abs(numeral_value(s.numeral) - target) if target else 0)
            listing = "；".join(_describe(s) for s in ordered)
            raise SelectionError(W.NO_SUCH_SECTION.format(token=token, listing=listing), hint=W.NO_SUCH_SECTION_HINT)
    keep = set(wanted)
    return Document(
        meta=dict(doc.meta), sections=[s for s in doc.sections if s.numeral in keep], columns=list(doc.columns)
    )


def select_unit(doc: Document, unit: str | None) -> Document:
    """Keep the tasks `unit` leads or cooperates on (units or co_units); drop what becomes empty."""
    if not unit:
        return doc
    unit = unit.strip()
    known = doc.units()
    if unit not in known:
        close = difflib.get_close_matches(unit, known, n=len(known), cutoff=0.0)
        close.sort(key=lambda u: (unit not in u and u not in unit, -difflib.SequenceMatcher(None, unit, u).ratio()))
        raise SelectionError(W.NO_SUCH_UNIT.format(unit=unit, close="、".join(close[:8])), hint=W.NO_SUCH_UNIT_HINT)
    sections = []
    for s in doc.sections:
        tasks = [t for t in s.tasks if involves(t, unit)]
        subs = [
            Subsection(sub.numeral, sub.title, [t for t in sub.tasks if involves(t, unit)]) for sub in s.subsections
        ]
        subs = [sub for sub in subs if sub.tasks]
        if tasks or subs:
            sections.append(Section(s.numeral, s.title, tasks, subs))
    return Document(meta=dict(doc.meta), sections=sections, columns=list(doc.columns))


def select(doc: Document, sections=(), unit: str | None = None) -> Document:
    chosen = select_sections(doc, sections)
    if unit and chosen is not doc and unit.strip() not in chosen.units() and unit.strip() in doc.units():
        wanted = "、".join(parse_section_values(sections))
        raise SelectionError(
            W.UNIT_NOT_IN_SECTIONS.format(unit=unit.strip(), sections=wanted), hint=W.UNIT_NOT_IN_SECTIONS_HINT
        )
    return select_unit(chosen, unit)


def selection_label(sections=(), unit: str | None = None) -> str:
    """The part of a file name that says what was selected: '九', '二、三', '市发展改革委', ''."""
    parts = []
    wanted = parse_section_values(sections)
    if wanted:
        parts.append("、".join(wanted))
    if unit:
        parts.append(unit.strip())
    return "，".join(parts)
