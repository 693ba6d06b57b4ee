"""The header of a document (NĐ 30/2020/NĐ-CP, Điều 8): issuer, number, place
and date, type and subject.

The header ends where the body starts: at "Kính gửi" or at the first long
paragraph. Everything here looks only at that region, so a number or date in
the body is never taken for the document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.extract.agency import continues_agency, issuer_from_lines
from indexer.extract.doctype import heading, titles, type_from_number, type_from_title
from indexer.extract.layout import is_list_item, is_motto, is_upper
from indexer.extract.links.citations import NUMBER_RE, iso_date
from indexer.text import UPPER, clean_spaces, fold_key
from indexer.words import vocab
from indexer.words.names import (
    canonical_case,
    canonical_place,
    expand_abbreviations,
    split_head,
)

NUMBER_LINE = re.compile(
    r"^(?:(?:bộ\s+luật|luật|pháp\s+lệnh|lệnh|nghị\s+quyết|văn\s+bản)\s+)?s[oố](?:\s+hiệu)?\s*[:.]?\s*(.*)$", re.I
)
# A place is a few capitalised words ('Hà Nội', 'TP. Hồ Chí Minh', 'thành phố Huế'): a ground
# ('Căn cứ Luật … ngày 25 tháng 12 năm 2001') is not a place-date line.
_PLACE = rf"(?:(?i:thành phố|tỉnh|huyện|quận|thị xã|tp\.?)\s*)?[{UPPER}][^\s,\d]*(?:\s+[{UPPER}][^\s,\d]*){{0,4}}"
PLACE_DATE = re.compile(
    rf"^(?P<place>{_PLACE})\s*,?\s*(?i:ng[aà]y)\s+(?P<d>\d{{1,2}})\s*(?:(?i:th[aá]ng)\s+|[/.\-]\s*)(?P<m>\d{{1,2}})"
    r"\s*(?:,?\s*(?i:n[aă]m)\s+|[/.\-]\s*)(?P<y>\d{4})"
)
# 'Kiên Giang, ngày .... tháng 12 năm 2017': the day left blank (or written by hand, OCR'd as noise).
PLACE_MONTH = re.compile(
    rf"^(?P<place>{_PLACE})\s*,?\s*(?i:ng[aà]y)[^\n]{{0,12}}?(?i:th[aá]ng)\s*(?P<m>\d{{1,2}})"
    r"\s*,?\s*(?i:n[aă]m)\s+(?P<y>\d{4})"
)
_PLACEHOLDER_NUMBER = re.compile(r"^\s*(?:[.…]|/|\[|_)")
_SUBJECT_PREFIX = re.compile(r"^[-–.,'\s]{0,2}(?:[vw]/v|về việc)\s*[:.]?\s*", re.I)  # OCR: "-W/v."
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
    number_seen: bool = False
    number_raw: str | None = None  # the text after 'Số:' as printed (a scan's blank, OCR noise and all)
    date_precision: str | None = None  # 'day', or 'month' when the day is blank or unreadable
    end: int = 0  # the line after the last header item read


def is_addressee_line(line: str) -> bool:
    return fold_key(line.lstrip("-* ")).startswith("kinh gui")


def find_body_start(lines: list[str]) -> int:
    """Index of the first line of the body: 'Kính gửi' or the first long paragraph."""
    for i, line in enumerate(lines[:HEADER_MAX_LINES]):
        if is_addressee_line(line):
            return i
        if len(line) >= BODY_MIN_CHARS and not _SUBJECT_PREFIX.match(line) and not heading(line):
            return i
    for i, line in enumerate(lines[:HEADER_MAX_LINES]):  # a short text: its first article or ground
        if i and re.match(r"^(?:Điều\s+\d|Căn cứ\b|Chương\s+[IVX\d])", line):
            return i
    return min(len(lines), HEADER_MAX_LINES)


def parse_number(rest: str) -> str | None:
    """The số ký hiệu on a 'Số:' line; a blank one ('…/2016/QH14' of a draft) is no number."""
    if _PLACEHOLDER_NUMBER.match(rest):
        return None
    compact = re.sub(r"\s*([/\-])\s*", r"\1", rest.strip().replace("Ð", "Đ"))
    compact = re.sub(r"(?<=[A-ZĐ])\s(?=\d{1,2}\b)", "", compact)  # 'QH 11' → 'QH11'
    match = NUMBER_RE.search(compact)
    return match.group(1) if match and match.start() <= 2 else None


def _continuation(lines: list[str], start: int, stop: int) -> tuple[str, int]:
    """Join a subject that wraps over lines until a blank line or a new header item."""
    parts = [lines[start]]
    i = start + 1
    while i < stop and lines[i] and not is_addressee_line(lines[i]):
        if PLACE_DATE.match(lines[i]) or PLACE_MONTH.match(lines[i]):  # a date line, its day blank or not
            break
        if _ends_subject(parts[-1], lines[i]):
            break
        parts.append(lines[i])
        i += 1
    return clean_spaces(" ".join(parts)), i


_BODY_OPENING = re.compile(r"^(?:Số\s*:|Căn cứ\b|Chương\s|Điều\s+\d|Phần\s|Mục\s+\d|(?:TM|KT|TL|TUQ)\s*\.)")
PARAGRAPH_CHARS = 100


def _ends_subject(previous: str, line: str) -> bool:
    """The subject stops at the body's first ground or article, at a paragraph, and at the
    enacting authority in capitals under a subject in lower case ('ỦY BAN THƯỜNG VỤ QUỐC HỘI')."""
    if _BODY_OPENING.match(line) or len(line) >= PARAGRAPH_CHARS:
        return True
    if is_upper(line) and split_head(line)[0] is not None:
        return True  # 'CHÍNH PHỦ', 'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ' over the grounds
    return is_upper(line) and not is_upper(previous)


def _number_text(lines: list[str], i: int, rest: str, stop: int) -> str:
    """A number that wraps: 'Số:' alone, or '178/2015/TTLT-BTC-' with its end on the next line."""
    j = i + 1
    while j < min(stop + 2, len(lines)):
        nxt = lines[j].strip()
        glued = rest.rstrip().endswith(("/", "-"))
        if not rest.strip() or glued:
            rest = f"{rest.rstrip()}{'' if glued else ' '}{nxt}" if nxt else rest
        elif re.fullmatch(r"[/\-][A-ZĐ][\w\-/]*", nxt.split()[0] if nxt else "") and nxt.upper() == nxt:
            rest = rest.rstrip() + nxt  # '…/TTLT-BTC-BNNPTNT' then '-BTNMT-BYT'
        else:
            break
        j += 1
    return rest


def _is_number_label(line: str, rest: str) -> bool:
    """'Số: 12/…', 'Luật số: 41/2024/QH15' label the document's number; 'Luật số 43/2024/QH15
    ngày … của Quốc hội' in a consolidated text's preamble cites another one."""
    label = line[: len(line) - len(rest)]
    if ":" in label:
        return True
    number = parse_number(rest)
    return fold_key(label).strip() in ("so", "so hieu") and bool(number) and rest.strip() == number


def _agency_follows(lines: list[str], i: int, stop: int) -> bool:
    """A type word over an agency's name is a gazette banner ('VĂN BẢN HỢP NHẤT' / 'BỘ Y TẾ'),
    not the document's heading ('LUẬT' / 'CÔNG ĐOÀN')."""
    nxt = next((ln for ln in lines[i + 1:stop] if ln), "")
    return bool(type_from_title(lines[i])) and is_upper(nxt) and split_head(nxt)[0] is not None


_OLD_NUMBER = re.compile(r"\bSỐ\s*(\d[^\s,]*)(?:\s+NGÀY\s+(\d{1,2})(?:\s+THÁNG\s+|/)(\d{1,2})(?:\s+NĂM\s+|/)(\d{4}))?")
_OLD_SUBJECT = re.compile(r"\bVỀ\s+(.+)$")
CITING_WORDS = 3


def _cites_before(subject: str, start: int) -> bool:
    """'… CỦA NGHỊ ĐỊNH SỐ 119/2014/NĐ-CP': a type word just before 'SỐ' names another document."""
    before = fold_key(" ".join(subject[:start].split()[-CITING_WORDS:]))
    return any(f" {title} " in f" {before} " for title, _ in titles())


def _old_heading(header: Header, subject: str) -> str:
    """The heading of older texts carries the number and date: 'NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ
    37/2007/NĐ-CP NGÀY 09 THÁNG 3 NĂM 2007 VỀ MINH BẠCH TÀI SẢN' → number, date, subject."""
    match = _OLD_NUMBER.search(subject)
    if not match or _cites_before(subject, match.start()):
        return subject
    if header.number is None:
        header.number = parse_number(match.group(1))
    if match.group(2) and header.date is None:
        header.date = iso_date(match.group(2), match.group(3), match.group(4))
    about = _OLD_SUBJECT.search(subject, match.end())
    return about.group(0) if about else subject


def _sentence(text: str) -> str:
    """A subject in sentence case; document numbers in it keep their capitals ('119-KH/TU')."""
    text = _SUBJECT_PREFIX.sub("", text.strip()) if is_upper(text) else text
    cased = canonical_case(text) if is_upper(text) else text
    for match in NUMBER_RE.finditer(text):
        cased = cased.replace(match.group(1).lower(), match.group(1))
    return cased[:1].upper() + cased[1:]


def _without_issuer(subject: str | None, issuer: str | None) -> str | None:
    """'… TRONG TÌNH HÌNH MỚI” ỦY BAN NHÂN DÂN TỈNH KON TUM': the enacting authority printed
    after the heading is not part of the subject."""
    if not subject or not issuer:
        return subject
    words, size = subject.split(), len(issuer.split())
    if len(words) > size and fold_key(" ".join(words[-size:])) == fold_key(issuer):
        return " ".join(words[:-size])
    return subject


def parse_header(lines: list[str]) -> Header:
    """Read the header region of one document's lines."""
    header = Header(body_start=find_body_start(lines))
    stop = header.body_start
    seen_motto = False
    heading_type: str | None = None
    i = 0
    while i < stop:
        line = lines[i]
        if not line or is_motto(line):
            seen_motto = seen_motto or bool(line)
            i += 1
            continue
        number_match = NUMBER_LINE.match(line)
        date_match = PLACE_DATE.match(line) or PLACE_MONTH.match(line) or _date_over_two_lines(lines, i)
        if number_match and header.number is None and _is_number_label(line, number_match.group(1)):
            header.number_raw = _number_text(lines, i, number_match.group(1), stop)
            header.number = parse_number(header.number_raw)
            header.number_seen = True
        elif date_match and header.date is None:
            header.date, header.date_precision = _dated(date_match)
            raw_place = expand_abbreviations(date_match["place"]).strip(" .")
            place = canonical_place(raw_place) or raw_place
            header.place = place[:1].upper() + place[1:]
        elif _SUBJECT_PREFIX.match(line) and header.subject is None:
            subject, i = _continuation(lines, i, stop)
            subject = _SUBJECT_PREFIX.sub("", subject)
            header.subject = subject[:1].upper() + subject[1:]
            header.doc_type = header.doc_type or "Công văn"
            header.end = i
            continue
        elif heading_type is None and heading(line) and (
            seen_motto or header.number_seen or not _agency_follows(lines, i, stop)
        ):
            heading_type, subject = heading(line)  # type: ignore[misc]
            if subject:
                header.subject = header.subject or _sentence(_old_heading(header, subject))
            elif header.subject is None:
                j = i + 1
                while j < stop and not lines[j]:
                    j += 1
                if j < stop and not PLACE_DATE.match(lines[j]):
                    subject, i = _continuation(lines, j, stop)
                    header.subject = _sentence(_old_heading(header, subject))
                    header.end = i
                    continue
        elif is_upper(line) and not is_list_item(line) and not header.number_seen and heading_type is None:
            if not seen_motto or continues_agency(header.issuer_lines, line):
                header.issuer_lines.append(line)
        else:
            i += 1
            continue
        i += 1
        header.end = i
    by_number = type_from_number(header.number)
    if by_number == "Văn bản hợp nhất":
        header.doc_type = by_number
    else:
        header.doc_type = heading_type or by_number or header.doc_type
    if header.doc_type is None and header.number and _symbol_starts_with_agency(header.number):
        header.doc_type = "Công văn"
    header.issuer = issuer_from_lines(header.issuer_lines)
    header.subject = _without_issuer(header.subject, header.issuer)
    return header


# '[` tháng 12', 'b tháng 01': the handwritten day's noise before it (one or two bits of at most 3 characters)
_MONTH_START = re.compile(r"^(?:\S{1,3}\s*){0,2}?(?i:th[aá]ng)\s*\d")
DATE_GAP = 3  # OCR's '|' inside the day's blank leaves an empty line between


def _date_over_two_lines(lines: list[str], i: int) -> re.Match[str] | None:
    """'Kiên Giang, ngày Ð_' / 'tháng 12 năm 2017': OCR puts a handwritten day's noise on its own line."""
    following = next((ln for ln in lines[i + 1:i + 1 + DATE_GAP] if ln.strip()), "")
    if not _MONTH_START.match(following) or not re.search(r"(?i)ng[aà]y\W*$|ng[aà]y\s*\S{1,4}$", lines[i]):
        return None
    joined = f"{lines[i]} {following}"
    return PLACE_DATE.match(joined) or PLACE_MONTH.match(joined)


def _dated(match: re.Match[str]) -> tuple[str | None, str | None]:
    """(ISO date, precision): a blank day gives the first of the month, of month precision."""
    day = match.groupdict().get("d")
    date = iso_date(day or "1", match["m"], match["y"])
    return date, (None if date is None else "day" if day else "month")


def _symbol_starts_with_agency(number: str) -> bool:
    """A công văn's symbol is the agency then the drafting unit: 2973/UBND-VXNV."""
    symbol = number.split("/", 1)[1] if "/" in number else ""
    first = symbol.split("-")[0]
    return first in vocab.agencies()["abbreviations"] or first in vocab.agencies()["symbols"]
