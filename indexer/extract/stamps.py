"""Marks stamped on a document's header: secrecy (độ mật) and urgency (độ khẩn).

NĐ 30/2020/NĐ-CP (Phụ lục I) and Thông tư 24/2020/TT-BCA place them in the
header's stamp area, under the number: "MẬT", "TỐI MẬT", "TUYỆT MẬT", then
"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC" (or "HỎA TỐC HẸN GIỜ"), each a stamp of its
own, in capitals, often in a frame. So a mark is a cell that is nothing but
the mark (a line, a table cell, a layout column, a framed box) among the
header's first lines; a heading that holds the word ("BÍ MẬT KINH DOANH",
"DANH MỤC BÍ MẬT NHÀ NƯỚC ĐỘ TỐI MẬT") is not a mark, nor a mark-like
line deep in the body. Secret documents are withheld from the open index
(indexer/pipeline.py); the urgency mark is a facet (Record.urgency).
"""

from __future__ import annotations

import re
import unicodedata

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
