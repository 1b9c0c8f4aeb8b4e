"""Our own workbook's sheets are read in one pass over their XML (xlsx/reader._sheet_rows): its rows must be
exactly openpyxl's read-only iter_rows(values_only=True), its scan exactly scan_sheet's on its own, and an
error openpyxl raises must come after the rows read before it, as iterating would have met it."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from exporter import templates
from exporter.formats.xlsx import reader
from exporter.formats.xlsx import writer as xlsx

SHEET = "xl/worksheets/sheet2.xml"  # the first section's sheet
WIDTH = 4


@pytest.fixture(scope="module")
def book(bundled_doc) -> bytes:
    return xlsx.render(bundled_doc, templates.load())


def _replace(raw: bytes, old: bytes, new: bytes, count: int = 1) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == SHEET:
                assert old in blob, old
                blob = blob.replace(old, new, count)
            dst.writestr(item, blob)
    return out.getvalue()


def _resaved(raw: bytes) -> bytes:
    """As Excel leaves it: shared strings instead of inline text."""
    wb = openpyxl.load_workbook(io.BytesIO(raw))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _both_ways(raw: bytes):
    """(openpyxl's rows then error, one pass's rows then error, scan_sheet's scan, the pass's scan)."""
    wb = reader._open(raw, "x.xlsx")
    ws = wb.worksheets[1]
    expected, expected_error = [], None
    try:
        for row in ws.iter_rows(min_col=1, max_col=WIDTH, values_only=True):
            expected.append(row)
    except Exception as exc:  # noqa: BLE001
        expected_error = type(exc)
    rows, scan, error = reader._sheet_rows(wb, ws, WIDTH)
    return (
        (expected, expected_error),
        (rows, type(error) if error else None),
        reader.scan_sheet(reader._sheet_xml(wb, ws)),
        scan,
    )


def test_fixture_sheet_is_inline_text(book):
    assert b't="inlineStr"><is><t>' in zipfile.ZipFile(io.BytesIO(book)).read(SHEET)


CASES = {
    "as-exported": lambda raw: raw,
    "shared-strings": _resaved,
    "rich-text-runs": lambda raw: _replace(raw, b"<is><t>", b"<is><r><t>\xe5\x89\x8d</t></r><t>", 3),
    "phonetic-run": lambda raw: _replace(raw, b"</t></is>", b"</t><rPh sb='0' eb='1'><t>x</t></rPh></is>", 2),
    "empty-text": lambda raw: _replace(raw, b"<is><t>", b"<is><t/><t>", 1),
    "spaces-kept": lambda raw: _replace(raw, b"<is><t>", b'<is><t xml:space="preserve">  ', 5),
    "formula-with-result": lambda raw: _replace(
        raw, b'<c r="A5"', b'<c r="A5" t="str"><f>1+1</f><v>2</v></c><c r="Z5"', 1
    ),
    "formula-without-result": lambda raw: _replace(raw, b'<c r="B6"', b'<c r="Z6"><f>SUM(A1)</f></c><c r="B6"', 1),
    "no-references": lambda raw: _replace(raw, b' r="A7"', b"", 1),
    "row-missing": lambda raw: _replace(raw, b'<row r="4"', b'<row r="5"', 1),
    "dimension-smaller": lambda raw: _replace(raw, b'<dimension ref="A1:D', b'<dimension ref="A1:D4"/><x a="', 1),
    "number-around-text": lambda raw: _replace(raw, b't="inlineStr"', b't="n"', 4),
    "bad-reference": lambda raw: _replace(raw, b'r="A5"', b'r="5A"', 1),
    "bad-row": lambda raw: _replace(raw, b'<row r="5"', b'<row r="five"', 1),
    "bad-style": lambda raw: _replace(raw, b'<c r="B8" s="', b'<c r="B8" s="x', 1),
}


@pytest.mark.parametrize("case", CASES)
def test_one_pass_reads_what_openpyxl_and_the_scan_read(book, case):
    expected, got, scan, one_pass_scan = _both_ways(CASES[case](book))
    assert got == expected
    assert one_pass_scan == scan
    if case in ("bad-reference", "bad-row", "bad-style"):
        assert got[1] is not None  # openpyxl fails there, after the rows before it
    else:
        assert got[1] is None and len(got[0]) >= 4


def test_damaged_xml_fails_before_any_row(book):
    raw = _replace(book, b'<row r="9"', b'<row r="9"<<', 1)
    wb = reader._open(raw, "x.xlsx")
    with pytest.raises(Exception) as parsed:
        reader._sheet_rows(wb, wb.worksheets[1], WIDTH)
    assert type(parsed.value).__name__ == "ParseError"
