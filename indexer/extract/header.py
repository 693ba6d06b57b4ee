"""The header of a document (NĐ 30/2020/NĐ-CP, Điều 8): issuer, number, place
and date, type and subject.

The header ends where the body starts: at "Kính gửi" or at the first long
paragraph. Everything here looks only at that region, so a number or date in
the body is never taken for the document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer import vocab
from indexer.extract.citations import NUMBER_RE, iso_date
from indexer.extract.layout import is_list_item, is_motto, is_upper
from indexer.names import canonical_agency, canonical_place, expand_abbreviations, split_head
from indexer.text import clean_spaces, fold_key

_NUMBER_LINE = re.compile(r"^s[oố]\s*[:.]?\s*(.*)$", re.I)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ng[aà]y\s+(?P<d>\d{1,2})\s*(?:th[aá]ng\s+|[/.\-]\s*)(?P<m>\d{1,2})"
    r"\s*(?:n[aă]m\s+|[/.\-]\s*)(?P<y>\d{4})",
    re.I,
)
_SUBJECT_PREFIX = re.compile(r"^(?:v/v|về việc)\s*[:.]?\s*", re.I)
BODY_MIN_CHARS = 160
HEADER_MAX_LINES = 45


@dataclass
class Header:
    issuer: str | None = None
    number: str | None = None
    place: str | None = None
    date: str | None = None
    doc_type: str | None = None
    subject: str | None = None
    body_start: int = 0
    issuer_lines: list[str] = field(default_factory=list)


def is_addressee_line(line: str) -> bool:
    return fold_key(line.lstrip("-* ")).startswith("kinh gui")


def find_body_start(lines: list[str]) -> int:
    """Index of the first line of the body: 'Kính gửi' or the first long paragraph."""
    for i, line in enumerate(lines[:HEADER_MAX_LINES]):
        if is_addressee_line(line):
            return i
        if len(line) >= BODY_MIN_CHARS and not _SUBJECT_PREFIX.match(line):
            return i
    return min(len(lines), HEADER_MAX_LINES)


def type_from_title(line: str) -> str | None:
    """'THÔNG BÁO' → 'Thông báo' when the line is a type heading and nothing else."""
    if not is_upper(line):
        return None
    key = fold_key(line)
    for title, name in vocab.doc_types()["titles"].items():
        if key == fold_key(title):
            return name
    return None


def type_from_number(number: str | None) -> str | None:
    """'116/TB-VPCP' → 'Thông báo'; '07-KL/TW' → 'Kết luận'; '2973/UBND-VXNV' → None."""
    if not number:
        return None
    codes = vocab.doc_types()["codes"]
    symbol = number.split("/", 1)[1] if "/" in number else ""
    parts = re.split(r"[/\-]", number)[1:]
    first_symbol = symbol.split("-")[0].split("/")[0]
    if re.fullmatch(r"\d{4}", first_symbol):  # 57/2020/QH14, 30/2020/NĐ-CP
        rest = symbol.split("/", 1)[1] if "/" in symbol else ""
        head = re.split(r"[\-/]", rest)[0]
        return codes.get(re.sub(r"\d+$", "", head))
    for part in parts:
        if part in codes:
            return codes[part]
        if re.sub(r"\d+$", "", part) in codes and part.startswith("QH"):
            return codes["QH"]
    return None


def parse_number(rest: str) -> str | None:
    """The số ký hiệu on a 'Số:' line, spaces around '/' removed."""
    compact = re.sub(r"\s*/\s*", "/", rest.strip())
    match = NUMBER_RE.search(compact)
    return match.group(1) if match else None


def _continuation(lines: list[str], start: int, stop: int) -> tuple[str, int]:
    """Join a subject that wraps over lines until a blank line or a new header item."""
    parts = [lines[start]]
    i = start + 1
    while i < stop and lines[i] and not _PLACE_DATE.match(lines[i]) and not is_addressee_line(lines[i]):
        if re.match(r"^Số\s*:", lines[i]):
            break
        parts.append(lines[i])
        i += 1
    return clean_spaces(" ".join(parts)), i


def parse_header(lines: list[str]) -> Header:
    """Read the header region of one document's lines."""
    header = Header(body_start=find_body_start(lines))
    stop = header.body_start
    i = 0
    while i < stop:
        line = lines[i]
        if not line or is_motto(line):
            i += 1
            continue
        number_match = _NUMBER_LINE.match(line)
        date_match = _PLACE_DATE.match(line)
        if number_match and header.number is None and parse_number(number_match.group(1)):
            header.number = parse_number(number_match.group(1))
        elif date_match and header.date is None:
            header.date = iso_date(date_match["d"], date_match["m"], date_match["y"])
            raw_place = expand_abbreviations(date_match["place"]).strip(" .")
            place = canonical_place(raw_place) or raw_place
            header.place = place[:1].upper() + place[1:]
        elif _SUBJECT_PREFIX.match(line) and header.subject is None:
            subject, i = _continuation(lines, i, stop)
            subject = _SUBJECT_PREFIX.sub("", subject)
            header.subject = subject[:1].upper() + subject[1:]
            header.doc_type = header.doc_type or "Công văn"
            continue
        elif type_from_title(line) and header.subject is None:
            header.doc_type = type_from_title(line)
            j = i + 1
            while j < stop and not lines[j]:
                j += 1
            if j < stop:
                subject, i = _continuation(lines, j, stop)
                header.subject = subject[:1].upper() + subject[1:]
                continue
        elif is_upper(line) and not is_list_item(line) and header.number is None and header.subject is None:
            header.issuer_lines.append(line)
        i += 1
    header.doc_type = type_from_number(header.number) or header.doc_type
    if header.doc_type is None and header.number and _symbol_starts_with_agency(header.number):
        header.doc_type = "Công văn"
    header.issuer = issuer_from_lines(header.issuer_lines)
    return header


def _symbol_starts_with_agency(number: str) -> bool:
    """A công văn's symbol is the agency then the drafting unit: 2973/UBND-VXNV."""
    symbol = number.split("/", 1)[1] if "/" in number else ""
    first = symbol.split("-")[0]
    return first in vocab.agencies()["abbreviations"] or first in vocab.agencies()["symbols"]


def issuer_from_lines(issuer_lines: list[str]) -> str | None:
    """The issuer from the capitalised block; a parent line lends its place to a child.

    ['ỦY BAN NHÂN DÂN', 'TỈNH BẮC KẠN'] → 'Ủy ban nhân dân tỉnh Bắc Kạn';
    ['UBND TỈNH BẮC KẠN', 'SỞ Y TẾ'] → 'Sở Y tế tỉnh Bắc Kạn';
    ['TỔNG CỤC THUẾ', 'CỤC THUẾ TỈNH BẮC KẠN'] → 'Cục Thuế tỉnh Bắc Kạn' (the child has its own place).
    """
    if not issuer_lines:
        return None
    split = next((k for k in range(1, len(issuer_lines)) if split_head(issuer_lines[k])[0]), None)
    if split is None:
        return canonical_agency(" ".join(issuer_lines))
    parent = canonical_agency(" ".join(issuer_lines[:split]))
    child = canonical_agency(" ".join(issuer_lines[split:]))
    if _PLACE_TAIL.search(child):
        return child
    parent_place = _PLACE_TAIL.search(parent)
    return f"{child} {parent_place.group(0)}" if parent_place else child


_PLACE_TAIL = re.compile(r"\b(tỉnh|thành phố|huyện|quận|thị xã)\s.+$")
