"""The number of a scanned letter, where OCR cannot be trusted with it.

The number is often written by hand into the blank after "Số:" ("Số: 2253
/TB-SYT"); OCR then reads "Số:39 5® /TB -SYT" or "S%6:-L52/TB-VPCP". A wrong
number shown is worse than none, so:

- an OCR'd number is kept only if it has the shape of a document number and its
  code names the issuer (SYT for Sở Y tế, VPCP for Văn phòng Chính phủ …);
- otherwise the number may come from the file name, as the office's clerk typed
  it ("6Qt_2253 tb syt.pdf"), only when the name's code agrees with the code
  printed in the header ("/TB-SYT") and its digits with any digits read cleanly
  there; the record then says "số lấy từ tên tệp";
- otherwise the number is unknown, and the printed code is kept (`unread_code`)
  so the number box can say a document with an unreadable number may be the one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from indexer.text import NUMBER_RE, fold_key
from indexer.words import vocab

FROM_FILE_NAME = "số lấy từ tên tệp"
# '6Qt_2253 tb syt(1).pdf': an upload tool's prefix, the digits, the code words, a copy suffix.
_FILE_NAME = re.compile(r"^(?:[A-Za-z0-9]{2,4}_)?\s*(\d{1,5})[\s_.-]+([A-Za-zĐđ][A-Za-zĐđ\s_.-]*?)\s*(?:\(\d+\))?\s*$")
# The code printed after the blank: '/TB -SYT', '/ SYT- NVY', '/SYT-KHTC.' (at the end of the number text).
_PRINTED_CODE = re.compile(r"/\s*([A-ZĐ][A-ZĐa-z]*(?:\s*-\s*[A-ZĐ][A-ZĐa-z]*)*)\s*[.,;]?\s*$")
_CLEAN_DIGITS = re.compile(r"^\s*(\d{1,5})(?:\s*/\s*\d{4})?\s*$")
_SHAPE = re.compile(r"^\d{1,5}(?:/\d{4})?/[A-ZĐ][A-Za-zĐ]*(?:-[A-ZĐ][A-Za-zĐ0-9]*)*$")


@dataclass
class ScanNumber:
    number: str | None
    source: str | None = None  # FROM_FILE_NAME when the file name gave it
    unread_code: str | None = None  # the printed code of a number that could not be read


def printed_code(raw: str | None) -> tuple[str | None, str]:
    """('TB-SYT', '39 5®'): the code printed after the blank, and what stands before it."""
    if not raw:
        return None, ""
    match = _PRINTED_CODE.search(raw)
    if not match:
        return None, raw
    return re.sub(r"\s+", "", match.group(1)).replace("Ð", "Đ"), raw[:match.start()]


def _initials(name: str) -> str:
    """'Sở Y tế tỉnh Kiên Giang' → 'syt': the head's initials (the place is not in the code)."""
    head = re.split(r"\s+(?:tỉnh|thành phố|huyện|quận|thị xã)\s+", name, maxsplit=1)[0]
    return fold_key("".join(word[0] for word in head.split() if word[:1].isalpha()))


def fits_issuer(number: str, issuer: str | None) -> bool:
    """Does a segment of the number's code name the issuer (or, with no issuer known, a known agency)?"""
    segments = {fold_key(s) for s in re.split(r"[/\-]", number.split("/", 1)[-1]) if s}
    if issuer:
        return _initials(issuer) in segments or any(
            fold_key(symbol) in segments and fold_key(owner) == fold_key(issuer)
            for symbol, owner in vocab.agencies()["symbols"].items())
    known = {fold_key(s) for s in (*vocab.agencies()["symbols"], *vocab.agencies()["abbreviations"])}
    return bool(segments & known)


def plausible(number: str | None, issuer: str | None) -> bool:
    """An OCR'd number worth showing: the shape of a document number, and the issuer's code."""
    return bool(number) and bool(_SHAPE.match(number or "")) and fits_issuer(number or "", issuer)


def from_file_name(source: str) -> tuple[str, list[str]] | None:
    """('2253', ['tb', 'syt']) from '6Qt_2253 tb syt.pdf'; None when the name carries no number."""
    match = _FILE_NAME.match(PurePath(source).stem)
    if not match:
        return None
    words = [w for w in re.split(r"[\s_.-]+", fold_key(match.group(2))) if w]
    return match.group(1), words


def scan_number(read: str | None, raw: str | None, issuer: str | None, source: str) -> ScanNumber:
    """The number of a scanned document: the one read if plausible and not contradicted by the file
    name, else the file name's if it agrees with the page, else none (its printed code kept)."""
    code, before = printed_code(raw)
    legible = _CLEAN_DIGITS.match(before)  # 'Số:2 222 /SYT-NVY', 'Số :j 2 /…': OCR noise, not digits
    named = from_file_name(source)
    name_digits = None
    if named and code and set(named[1]) <= {fold_key(s) for s in code.split("-")}:
        name_digits = named[0]  # the clerk's name carries this code: its digits are a second reading
    if read and plausible(read, issuer) and (raw is None or legible):
        if name_digits is None or int(name_digits) == int(read.split("/")[0]):
            return ScanNumber(read)
        return ScanNumber(None, unread_code=code)  # page and name disagree: neither is shown
    if code is None:
        return ScanNumber(None)
    candidate = f"{name_digits}/{code}" if name_digits else ""
    if candidate and NUMBER_RE.fullmatch(candidate) and (legible is None or int(legible.group(1)) == int(name_digits)):
        return ScanNumber(candidate, FROM_FILE_NAME)
    return ScanNumber(None, unread_code=code)
