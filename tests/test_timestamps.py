"""One timestamp policy: the workbook, the unit overview and the PDF are all dated by the document."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from exporter import templates
from exporter.errors import SettingError
from exporter.formats.pdf.writer import render as render_pdf
from exporter.formats.xlsx.overview import render_overview
from exporter.formats.xlsx.writer import render as render_xlsx
from exporter.model import Document, Section, Task
from exporter.ops import select, split
from exporter.timestamps import FALLBACK, document_time, parse_date
from tests.conftest import assert_clean_error, require_tool, run_cli

UTC = dt.timezone.utc


def day(y, m, d, *rest):
    return dt.datetime(y, m, d, *rest, tzinfo=UTC)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-02-01", day(2024, 2, 1)),
        ("2024-2-1", day(2024, 2, 1)),
        ("2024/02/01", day(2024, 2, 1)),
        ("2024.02.01", day(2024, 2, 1)),
        ("2024年2月1日", day(2024, 2, 1)),
        ("２０２４年２月１日", day(2024, 2, 1)),  # full-width digits
        ("20240201", day(2024, 2, 1)),
        ("2024-02-01 14:48", day(2024, 2, 1)),  # the time of day is not the document's date
        (" 2024-02 ", day(2024, 2, 1)),  # month only: the 1st
        ("2024年", day(2024, 1, 1)),  # year only: 1 January
        ("2024", day(2024, 1, 1)),
        (dt.date(2023, 5, 6), day(2023, 5, 6)),
        ("2024-02-30", None),  # no such day
        ("2024-13-01", None),
        ("202402", None),  # neither a year nor a full date
        ("二〇二四年二月一日", None),
        ("", None),
        (None, None),
    ],
)
def test_how_document_dates_are_read(text, expected):
    assert parse_date(text) == expected


def doc_with(**meta) -> Document:
    return Document(
        meta={"title": "测试", **meta}, sections=[Section("一", "部分", [Task(1, "任务", ["完成"], ["甲单位"])])]
    )


def test_written_then_published_then_the_fixed_date(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert document_time(doc_with(written="2024-02-01", published="2024-03-05 10:00")) == day(2024, 2, 1)
    assert document_time(doc_with(published="2024-03-05 10:00")) == day(2024, 3, 5)
    assert document_time(doc_with(written="不详", published="2024-03-05")) == day(2024, 3, 5)
    assert document_time(doc_with()) == FALLBACK == day(2000, 1, 1)


def test_source_date_epoch_overrides_the_document(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert document_time(doc_with(written="2024-02-01")) == day(2023, 11, 14, 22, 13, 20)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "  ")  # empty counts as unset
    assert document_time(doc_with(written="2024-02-01")) == day(2024, 2, 1)


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_an_error(monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(SettingError) as info:
        document_time(doc_with())
    assert "SOURCE_DATE_EPOCH" in str(info.value) and value in str(info.value)


def test_a_malformed_source_date_epoch_stops_the_export_cleanly(tmp_path):
    target = tmp_path / "out.pdf"
    result = run_cli("export", "pdf", "--section", "九", "-o", target, env={"SOURCE_DATE_EPOCH": "明天"})
    assert_clean_error(result, "SOURCE_DATE_EPOCH", "明天", "秒数")
    assert not target.exists()


# ---------------------------------------------------------------------------------------------
# Every output carries the same date
def pdf_dates(data: bytes) -> tuple[str, str]:
    created = re.search(rb"/CreationDate \((D:[^)]*)\)", data).group(1).decode()
    modified = re.search(rb"/ModDate \((D:[^)]*)\)", data).group(1).decode()
    return created, modified


def workbook_dates(data: bytes) -> set:
    props = load_workbook(io.BytesIO(data)).properties
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = {i.date_time for i in z.infolist()}
    return {props.created, props.modified} | {dt.datetime(*t) for t in entries}


@pytest.fixture(scope="module")
def section_nine(bundled_doc):
    return select.select(bundled_doc, ["九"], None)


def outputs(doc) -> tuple[bytes, bytes, bytes]:
    """(workbook, overview, a unit's PDF) of doc, rendered in-process."""
    template = templates.load()
    workbook = render_xlsx(doc, template)
    unit = doc.units()[0]
    overview = render_overview(doc, template)
    pdf = render_pdf(split.unit_part(doc, unit), template)
    return workbook, overview, pdf


def test_every_output_is_dated_by_the_written_date(monkeypatch, section_nine):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    workbook, overview, pdf = outputs(section_nine)
    assert workbook_dates(workbook) == {dt.datetime(2024, 2, 1)}
    assert workbook_dates(overview) == {dt.datetime(2024, 2, 1)}
    assert pdf_dates(pdf) == ("D:20240201000000+00'00'",) * 2


def test_source_date_epoch_dates_every_output_alike(monkeypatch, section_nine):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    workbook, overview, pdf = outputs(section_nine)
    assert workbook_dates(workbook) == {dt.datetime(2023, 11, 14, 22, 13, 20)}
    assert workbook_dates(overview) == {dt.datetime(2023, 11, 14, 22, 13, 20)}
    assert pdf_dates(pdf) == ("D:20231114221320+00'00'",) * 2
    assert outputs(section_nine) == (workbook, overview, pdf)  # and still the same bytes every run


def test_pdfinfo_shows_the_written_date(tmp_path):
    target = tmp_path / "九.pdf"
    assert run_cli("export", "pdf", "--section", "九", "-o", target).code == 0
    pdfinfo = require_tool("pdfinfo")
    info = subprocess.run([pdfinfo, str(target)], capture_output=True, text=True, env={"TZ": "UTC"}).stdout
    assert re.search(r"CreationDate:\s+Thu Feb\s+1 00:00:00 2024 UTC", info), info
    assert re.search(r"ModDate:\s+Thu Feb\s+1 00:00:00 2024 UTC", info), info
