"""Document numbers cited in a text, with the date given next to them.

A number is digits, an optional year, then symbol parts of capitals:
116/TB-VPCP, 07-KL/TW, 57/2020/QH14, 30/2020/NĐ-CP. Dates (19/5/2021) and
codes (Covid-19) do not have that shape, so they are never taken for numbers;
a dotted number (66.16/2026/NQ-CP) is one number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from indexer.text import NUMBER_RE, joined_codes, number_key

_NUMERIC_DATE = re.compile(r"^\s*,?\s*(?:ngày|ngay)\s+(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_WORDY_DATE = re.compile(
    r"^\s*,?\s*(?:ngày|ngay)\s+(\d{1,2})\s+(?:tháng|thang)\s+(\d{1,2})\s+(?:năm|nam)\s+(\d{4})"
)


@dataclass(frozen=True)
class Citation:
    number: str
    date: str | None

    def as_dict(self) -> dict[str, str | None]:
        return {"number": self.number, "date": self.date}


def iso_date(day: str, month: str, year: str) -> str | None:
    """ISO date, or None for an impossible one (OCR: 31/02)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def date_after(text: str) -> str | None:
    """The date written right after a citation: ', ngày 19/5/2021' or 'ngày 2 tháng 5 năm 2021'."""
    for pattern in (_NUMERIC_DATE, _WORDY_DATE):
        match = pattern.match(text)
        if match:
            return iso_date(*match.groups())
    return None


def find_citations(text: str, own_number: str | None = None) -> list[Citation]:
    """Every distinct number cited in the text, in order, without the document's own."""
    own = number_key(own_number) if own_number else None
    seen: dict[str, Citation] = {}
    text = joined_codes(text)  # '388/2003/NQ - UBTVQH11' is one number, not '388/2003/NQ'
    for match in NUMBER_RE.finditer(text):
        number = match.group(1)
        key = number_key(number)
        if key == own or not re.search(r"[A-Za-zĐđ]", number):
            continue
        date = date_after(text[match.end(): match.end() + 40])
        if key not in seen or (seen[key].date is None and date):
            seen[key] = Citation(number, date)
    return list(seen.values())


_PASSED = re.compile(r"thông qua ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
PASSED_TAIL = 40


def date_passed(lines: list[str]) -> str | None:
    """A law or resolution of the Quốc hội printed without a place and date line is dated by
    its closing formula: '… thông qua ngày 27 tháng 6 năm 2024'."""
    for line in reversed([ln for ln in lines if ln][-PASSED_TAIL:]):
        match = _PASSED.search(line)
        if match:
            return iso_date(*match.groups())
    return None
