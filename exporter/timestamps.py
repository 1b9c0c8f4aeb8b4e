"""The one timestamp policy: every output is dated by the document, never by the clock.

`document_time(doc)` is the time written into every file (workbook and overview docProps and zip
entries, PDF Info CreationDate/ModDate, and the XMP, OFD and Word dates of later formats):

1. `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC, reproducible-builds.org) when set; a value
   that is not a non-negative integer is an error, not silently ignored.
2. else the 成文日期 `meta['written']`,
3. else the 发布日期 `meta['published']`,
4. else FALLBACK (2000-01-01), so undated documents are byte-identical run to run as well.

How a date is read: NFKC first (full-width digits), then the year, month and day at the start of
the text, separated by - / . or written 2024年2月1日; also 20240201. A missing day (2024-02, 2024年2月)
means the 1st, a missing month (2024) January. Anything after the date — a time of day as in
"2024-02-01 14:48" — is ignored: a document's date is a day, and the file says 00:00:00 UTC of it.
A date that does not exist (2024-02-30) or text that does not start with a year is passed over for
the next source. The result is always timezone-aware UTC.
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata

from exporter import wording
from exporter.errors import SettingError

FALLBACK = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
SOURCES = ("written", "published")  # 成文日期, then 发布日期

_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?!\d)")
_SPELLED = re.compile(r"(\d{4})(?!\d)(?:\s*[-/.年]\s*(\d{1,2})(?!\d)(?:\s*[-/.月]\s*(\d{1,2})(?!\d))?)?")


def parse_date(value) -> datetime.datetime | None:
    """A document date as 00:00 UTC of its day, or None when the text holds no valid date."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.timezone.utc)
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    match = _COMPACT.match(text) or _SPELLED.match(text)
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return datetime.datetime(year, month, day, tzinfo=datetime.timezone.utc)
    except ValueError:
        return None


def epoch_override() -> datetime.datetime | None:
    """SOURCE_DATE_EPOCH as a UTC time, None when unset or empty; SettingError when malformed."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        if not raw.isascii() or not raw.isdigit():
            raise ValueError(raw)
        return datetime.datetime.fromtimestamp(int(raw), datetime.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise SettingError(
            wording.BAD_SOURCE_DATE_EPOCH.format(value=raw), hint=wording.BAD_SOURCE_DATE_EPOCH_HINT
        ) from None


def document_time(doc) -> datetime.datetime:
    """The time every output of `doc` carries (timezone-aware UTC); see the module's policy."""
    override = epoch_override()
    if override is not None:
        return override
    meta = getattr(doc, "meta", None) or {}
    for key in SOURCES:
        when = parse_date(meta.get(key))
        if when is not None:
            return when
    return FALLBACK


def zip_time(when: datetime.datetime) -> tuple[int, int, int, int, int, int]:
    """`when` as a zip entry's date_time: zip can carry only 1980-01-01 to 2107-12-31 (local, no zone)."""
    when = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    when = min(max(when, datetime.datetime(1980, 1, 1)), datetime.datetime(2107, 12, 31, 23, 59, 58))
    return when.timetuple()[:6]


def pdf_date(when: datetime.datetime) -> str:
    """`when` in the PDF date syntax (ISO 32000-1 7.9.4), in UTC: D:20240201000000+00'00'."""
    return when.astimezone(datetime.timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")
