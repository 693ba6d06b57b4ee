"""The issuer from the capitalised agency block above the quốc hiệu.

The block names one agency, a parent and its child ('UBND TỈNH BẮC KẠN' / 'SỞ Y TẾ'), or
several joined by ' - ' (a joint circular). Gazette banners ('VĂN BẢN HỢP NHẤT', 'PHẦN VĂN
BẢN QUY PHẠM PHÁP LUẬT') and a repeated line are not part of it, nor are captions that follow.
"""

from __future__ import annotations

import re

from indexer.extract.doctype import type_from_title
from indexer.text import fold_key
from indexer.words.names import canonical_agency, canonical_issuer, joint_parts, split_head


def issuer_from_lines(issuer_lines: list[str]) -> str | None:
    """The issuer from the capitalised block; a parent line lends its place to a child.

    ['ỦY BAN NHÂN DÂN', 'TỈNH BẮC KẠN'] → 'Ủy ban nhân dân tỉnh Bắc Kạn';
    ['UBND TỈNH BẮC KẠN', 'SỞ Y TẾ'] → 'Sở Y tế tỉnh Bắc Kạn';
    ['TỔNG CỤC THUẾ', 'CỤC THUẾ TỈNH BẮC KẠN'] → 'Cục Thuế tỉnh Bắc Kạn' (the child has its own place).
    """
    issuer_lines = _undoubled(_agency_block(_without_banners(issuer_lines)))
    if not issuer_lines:
        return None
    if len(issuer_lines) > 1 and all(_MINISTRY.match(line) for line in issuer_lines):
        return canonical_issuer(" - ".join(issuer_lines))  # 'BỘ TÀI CHÍNH' over 'BỘ Y TẾ': a joint text
    if len(joint_parts(" ".join(issuer_lines))) > 1:  # 'BỘ TÀI CHÍNH - BỘ Y TẾ', a joint circular
        return canonical_issuer(" ".join(issuer_lines))
    if len(issuer_lines) == 1:
        issuer_lines = _parent_child(issuer_lines[0])
        if len(issuer_lines) == 1:
            return canonical_issuer(issuer_lines[0])
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
_MINISTRY = re.compile(r"^BỘ\s+(?!LUẬT\b)\S")  # a ministry is never the parent of another ministry


def _undoubled(lines: list[str]) -> list[str]:
    """['NGÂN HÀNG NHÀ NƯỚC VIỆT NAM', 'NGÂN HÀNG NHÀ NƯỚC', 'VIỆT NAM']: the gazette banner names the
    agency, then the header names it again, wrapped otherwise; one name, not two."""
    for k in range(1, len(lines)):
        if fold_key(" ".join(lines[:k])) == fold_key(" ".join(lines[k:])):
            return lines[:k]
    return lines


_BANNERS = ("cong bao", "phan ", "van ban quy pham phap luat", "van ban khac", "van ban hop nhat")


def _without_banners(issuer_lines: list[str]) -> list[str]:
    """Gazette banners and repeated lines above the header are not part of the name."""
    out: list[str] = []
    for line in issuer_lines:
        key = fold_key(line)
        if type_from_title(line) or key.startswith(_BANNERS) or (out and fold_key(out[-1]) == key):
            continue
        out.append(line)
    return out


def _parent_child(text: str) -> list[str]:
    """'BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN' → ['BỘ TÀI CHÍNH', 'TỔNG CỤC HẢI QUAN'] when both are known heads."""
    words = text.split()
    for k in range(2, len(words) - 1):
        head, rest = split_head(" ".join(words[:k]))
        if head and not rest and split_head(" ".join(words[k:]))[0] and fold_key(words[k]) != fold_key(words[0]):
            return [" ".join(words[:k]), " ".join(words[k:])]
    return [text]


_CONNECTOR_END = re.compile(r"(?:\s(?:VÀ|CỦA)|[,\-–&])$")
_LEVEL_START = re.compile(r"^(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|VÀ|[-–&])\b")
AGENCY_LINES = 4


def continues_agency(block: list[str], line: str) -> bool:
    """After the quốc hiệu (two columns read row by row) a line joins the agency block only when
    it names an agency or a place or continues a wrapped name; a table's captions
    ('BẢNG TỔNG HỢP …') do not."""
    wraps = bool(block) and bool(_CONNECTOR_END.search(block[-1]))
    return bool(split_head(line)[0]) or wraps or bool(_LEVEL_START.match(line.upper()))


def _agency_block(issuer_lines: list[str]) -> list[str]:
    """At most the first few capitalised lines: an agency block is never longer."""
    return issuer_lines[:AGENCY_LINES]
