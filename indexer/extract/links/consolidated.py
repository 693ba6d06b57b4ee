"""The certification block of a consolidated text (văn bản hợp nhất, Luật Ban hành văn bản
QPPL and Pháp lệnh hợp nhất): "XÁC THỰC VĂN BẢN HỢP NHẤT", then the number, place and date
and the signature of the agency that consolidated it.

As the gazette prints them, the header of a consolidated text repeats the base document's
title and its preamble cites every amending document, so the consolidated text's own number
and date are read from this block, never from a citation.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.extract.header import NUMBER_LINE, PLACE_DATE, parse_number
from indexer.extract.links.citations import NUMBER_RE, iso_date
from indexer.text import fold_key

BLOCK_LINES = 16
MARK = "xac thuc van ban hop nhat"


@dataclass
class Certification:
    number: str | None = None
    date: str | None = None


def find_certification(lines: list[str]) -> Certification | None:
    """The block's number and date, or None when the text has no certification block."""
    marks = [i for i, line in enumerate(lines) if MARK in fold_key(line)]
    if not marks:
        return None
    start = marks[-1]
    cert = Certification()
    for line in lines[max(0, start - 3): start + BLOCK_LINES]:
        number = NUMBER_LINE.match(line)
        if number and cert.number is None and ":" in line:
            cert.number = parse_number(number.group(1))
        date = PLACE_DATE.match(line)
        if date and cert.date is None:
            cert.date = iso_date(date["d"], date["m"], date["y"])
    return cert


BASE_LINES = 30


def consolidated_base(lines: list[str], own: str | None) -> dict[str, object] | None:
    """The document a consolidated text merges its amendments into: the first one its opening
    names with a number ('Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày …'), as a
    relation (type 'hop_nhat') carrying that sentence."""
    for line in lines[:BASE_LINES]:
        for match in NUMBER_RE.finditer(line):
            number = match.group(1)
            if number != own and "VBHN" not in number and "ngày" in line[match.end():match.end() + 12]:
                sentence = line[max(0, match.start() - 160):match.end() + 140]
                return {"type": "hop_nhat", "number": number, "direction": "out", "scope": "whole",
                        "date": None, "text": " ".join(sentence.split())}
    return None
