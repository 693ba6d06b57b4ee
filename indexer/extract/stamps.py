"""Stamps set on the paper after it was signed: one reader for the marks a clerk adds.

A receipt stamp ("ĐẾN / Số: 1532 / Ngày: 15/12/2017 / Chuyển: …") says when the
receiving office got the letter and under which incoming number it was filed.
OCR reads it among the header lines, where its "Số:" would pass for the
document's number, its "ĐẾN" for part of the issuer, and the whole for a
heading. `receipt_stamp` reads it; `without_receipt` takes its lines out of the
text the header is read from, so it is never the heading, the issuer or the
number. (The secrecy and urgency marks of the inbox work live here too.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from indexer.extract.links.citations import iso_date
from indexer.text import fold_key

HEADER_LINES = 30  # non-empty lines of the stamp area (a gazette header and a two-column header fit)
_CELLS = re.compile(r"[ \t]{2,}|\t|\|")  # a layout column, a table cell, a frame's side
# A stamp drawn beside the number, which a PDF's text layer puts on the number's line: "Số: 12/BYT-KH MẬT"
_AFTER_NUMBER = re.compile(r"^\s*Số\s*:?\s*\S+\s+((?:TUYỆT |TỐI |THƯỢNG )?(?:MẬT|KHẨN)|H(?:ỎA|OẢ) TỐC)\s*$")
_FRAME = " \t[]()<>{}*#_=-–—:;.,\"'“”‘’|/\\"
SECRECY = ("TUYỆT MẬT", "TỐI MẬT", "MẬT")
URGENCY = {"THƯỢNG KHẨN": "THƯỢNG KHẨN", "KHẨN": "KHẨN", "HỎA TỐC": "HỎA TỐC", "HOẢ TỐC": "HỎA TỐC",
           "HỎA TỐC HẸN GIỜ": "HỎA TỐC", "HOẢ TỐC HẸN GIỜ": "HỎA TỐC"}


def _cells(text: str) -> list[str]:
    """The stamp area's cells, NFC, frame characters and runs of spaces trimmed."""
    out: list[str] = []
    lines = (line for line in text.splitlines()[:HEADER_LINES * 4] if line.strip())
    for _, line in zip(range(HEADER_LINES), lines, strict=False):
        for cell in _CELLS.split(unicodedata.normalize("NFC", line[:400])):
            cell = " ".join(cell.strip(_FRAME).split())
            if cell:
                out.append(cell)
        beside = _AFTER_NUMBER.match(unicodedata.normalize("NFC", line[:200]))
        if beside:
            out.append(beside.group(1))
    return out


def secrecy_mark(text: str) -> str | None:
    """'MẬT', 'TỐI MẬT' or 'TUYỆT MẬT' when the header bears that stamp, else None."""
    cells = set(_cells(text))
    return next((mark for mark in SECRECY if mark in cells), None)


def urgency_mark(text: str) -> str | None:
    """'KHẨN', 'THƯỢNG KHẨN' or 'HỎA TỐC' when the header bears that stamp, else None."""
    for cell in _cells(text):
        if cell in URGENCY:
            return URGENCY[cell]
    return None
SCAN_LINES = 40  # a receipt stamp lies over the header, on the first page's top
STAMP_LINES = 6  # 'ĐẾN' and its Số / Ngày / Chuyển / Lưu hồ sơ lines
# 'ĐẾN', 'CÔNG VĂN ĐẾN', 'VĂN BẢN ĐẾN', OCR's 'DEN' — a short line of its own.
_ARRIVED = re.compile(r"^\s*(?:(?:cong van|van ban)\s+)?den\s*[:.]?\s*$")
_FIELD = re.compile(r"^\s*(so|ngay|chuyen|luu ho so(?: so)?|gio|ky hieu)\s*[:.]\s*(.*)$")
_DIGITS = re.compile(r"^\s*(\d{1,6})\b")
_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})")


@dataclass(frozen=True)
class Receipt:
    """What a receipt stamp says, when legible: số đến (incoming number) and ngày đến (date received)."""

    number: str | None
    date: str | None
    start: int  # the stamp's lines in the text: [start, end)
    end: int

    def as_dict(self) -> dict[str, str | None]:
        out = asdict(self)
        return {"number": out["number"], "date": out["date"]}


def _year(raw: str) -> str:
    return raw if len(raw) == 4 else f"20{raw[-2:]}"


def _read(lines: list[str], start: int) -> Receipt | None:
    """The stamp that starts at an 'ĐẾN' line: its fields on the next few lines."""
    number = date = None
    end = start + 1
    fields = 0
    for i in range(start + 1, min(len(lines), start + 1 + STAMP_LINES)):
        match = _FIELD.match(fold_key(lines[i]))
        if not match:
            if lines[i].strip():
                break
            continue
        label, value = match.groups()
        raw = lines[i].split(":", 1)[-1] if ":" in lines[i] else value
        if label == "so" and (number is not None or "/" in raw):
            break  # 'Số: 2253/TB-SYT' under the stamp is the document's own number
        fields += 1
        end = i + 1
        if label == "so" and number is None:
            digits = _DIGITS.match(raw)
            number = digits.group(1) if digits else None
        elif label == "ngay" and date is None:
            parts = _DATE.search(raw)
            date = iso_date(parts.group(1), parts.group(2), _year(parts.group(3))) if parts else None
    return Receipt(number, date, start, end) if fields else None


def receipt_stamp(text: str) -> Receipt | None:
    """The receipt stamp on the first page, or None (a lone 'ĐẾN' with no field after it is no stamp)."""
    return _find(text.split("\n"))


def _find(lines: list[str]) -> Receipt | None:
    for i, line in enumerate(lines[:SCAN_LINES]):
        if _ARRIVED.match(fold_key(line)):
            stamp = _read(lines, i)
            if stamp:
                return stamp
    return None


def without_receipt(lines: list[str]) -> tuple[list[str], Receipt | None]:
    """The lines with the stamp's lines blanked (the line count kept), and the stamp."""
    stamp = _find(lines)
    if stamp is None:
        return lines, None
    return [*lines[:stamp.start], *([""] * (stamp.end - stamp.start)), *lines[stamp.end:]], stamp
