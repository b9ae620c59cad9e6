"""Reading dates and periods: ``span._.period`` of a ``DATE``.

| written | period |
|---|---|
| ``năm 2023``, ``cuối năm 2022``, ``cùng kỳ năm 2022`` | ``2023``, ``2022``, ``2022`` |
| ``Quý I/2020``, ``quý 3 năm 2021`` | ``2020-Q1``, ``2021-Q3`` |
| ``6 tháng đầu năm 2023``, ``6 tháng cuối năm 2023`` | ``2023-H1``, ``2023-H2`` |
| ``9 tháng đầu năm 2021`` | ``2021-01/2021-09`` |
| ``tháng 10/2021``, ``tháng 12 năm 2023`` | ``2021-10``, ``2023-12`` |
| ``ngày 19/10/2021``, ``ngày 18 tháng 01 năm 2024`` | ``2021-10-19``, ``2024-01-18`` |
| ``giai đoạn 2021-2025``, ``2021 - 2025`` | ``2021/2025`` |
"""

from __future__ import annotations

import re

from .normalize import normalize_text

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DMY = re.compile(r"(?:ngày\s*)?(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)(\d{1,2})\s*(?:/|-|\.|\s+năm\s+)(\d{4})")
_MY = re.compile(r"tháng\s*(\d{1,2})\s*(?:/|-|\s+năm\s+)(\d{4})")
_QUARTER = re.compile(r"quý\s*([ivx]+|\d)\s*(?:/|-|\s+năm\s+)(\d{4})")
_MONTHS = re.compile(r"(\d{1,2})\s*tháng\s*(đầu|cuối)\s*năm\s*(\d{4})")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-–—/]\s*((?:19|20)\d{2})")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def iso_date(day: int, month: int, year: int) -> str | None:
    """``YYYY-MM-DD`` or None when the parts are not a date."""
    if 1 <= day <= 31 and 1 <= month <= 12:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def full_date(text: str) -> str | None:
    """The first day-month-year date written in ``text`` (``14/7/2023``, ``ngày 18 tháng 01 năm 2024``), ISO."""
    m = _DMY.search(normalize_text(text).lower())
    return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def period_of(text: str) -> str | None:
    """The ISO-like period of a date expression, or None when no year is written."""
    t = normalize_text(text).lower()
    if m := _DMY.search(t):
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _QUARTER.search(t):
        q = m.group(1)
        quarter = _ROMAN.get(q) or (int(q) if q.isdigit() else None)
        return f"{m.group(2)}-Q{quarter}" if quarter else m.group(2)
    if m := _MONTHS.search(t):
        n, part, year = int(m.group(1)), m.group(2), m.group(3)
        if n == 6:
            return f"{year}-H1" if part == "đầu" else f"{year}-H2"
        if part == "đầu" and 1 <= n < 12:
            return f"{year}-01/{year}-{n:02d}"
        if part == "cuối" and 1 <= n < 12:
            return f"{year}-{13 - n:02d}/{year}-12"
        return year
    if m := _MY.search(t):
        month = int(m.group(1))
        return f"{m.group(2)}-{month:02d}" if 1 <= month <= 12 else m.group(2)
    if m := _RANGE.search(t):
        return f"{m.group(1)}/{m.group(2)}"
    if m := _YEAR.search(t):
        return m.group(1)
    return None
