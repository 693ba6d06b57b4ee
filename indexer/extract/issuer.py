"""Who issued a document whose header has no agency block.

Two seeds lack one. The signature's authority ("T/M BAN THƯỜNG VỤ"), the
number's symbol ("285/TB-VPCP") and the closing formula ("Ban Chỉ đạo … thông
báo để …") each name the issuer; the body completes a partial name
("Ban Thường vụ" → "Ban Thường vụ Tỉnh ủy") and its province.
"""

from __future__ import annotations

import re

from indexer.text import fold_key
from indexer.words import vocab
from indexer.words.names import (
    agency_from_symbol,
    canonical_agency,
    canonical_issuer,
    canonical_place,
    province_mentions,
    split_head,
)

_CLOSING = re.compile(r"((?:Ban|Ủy ban|Văn phòng|Sở|Bộ|Hội đồng)\s[^.;:]{2,80}?)\s+thông báo\s+(?:để|cho)")
LOCAL_HEADS = {"Ủy ban nhân dân", "Hội đồng nhân dân"}
_PREFIX = re.compile(r"^(TM|KT|TL|TUQ)\.\s*", re.I)


def _complete_from_body(name: str, body: str) -> str:
    """Extend a partial head with the longest known head that starts with it and is in the body."""
    key = fold_key(name)
    folded_body = fold_key(body)
    best = name
    for head in vocab.agencies()["heads"].values():
        head_key = fold_key(head)
        if head_key.startswith(key) and len(head) > len(best) and head_key in folded_body:
            best = head
    return best


def _add_scope(name: str, body: str) -> str:
    """'Ban Chỉ đạo …' + 'tỉnh' from the body + the province most mentioned."""
    match = re.search(re.escape(name) + r"\s+(tỉnh|huyện|thành phố)\b", body)
    if not match:
        return name
    provinces = province_mentions(body)
    level = match.group(1)
    return f"{name} {level} {provinces[0]}" if provinces and level == "tỉnh" else f"{name} {level}"


def _add_place(head: str, place: str | None, body: str) -> str:
    """'Ủy ban nhân dân' signed at 'Đắk Nông' whose body says 'Ủy ban nhân dân tỉnh' →
    'Ủy ban nhân dân tỉnh Đắk Nông'. Without both clues the head stays bare."""
    if head not in LOCAL_HEADS or not place:
        return head
    province = canonical_place(place)
    if province and re.search(rf"(?:{re.escape(head)}|UBND|HĐND) tỉnh\b", body):
        return f"{head} tỉnh {province}"
    city = re.match(r"(?i)^thành phố\s+(.+)$", place)
    if city and re.search(rf"(?:{re.escape(head)}|UBND|HĐND) thành phố\b", body):
        return f"{head} thành phố {city.group(1)}"
    return head


_ENACTING = re.compile(
    r"(?:^|[;.,]\s*|\n)(?:(?:Bộ trưởng|Thủ trưởng|Thống đốc|Tổng Kiểm toán|Tổng Thanh tra|Chánh án|Viện trưởng)\s+)?"
    r"([A-ZĐ][^.;:\n]{2,90}?)\s+ban hành\s+"
    r"(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư|Quyết định|Chỉ thị)\b"
)
OPENING_CHARS = 4000


def _enacting(body: str) -> str | None:
    """'Bộ trưởng Bộ Nội vụ ban hành Thông tư …' → 'Bộ Nội vụ': the enacting formula names the issuer."""
    for match in _ENACTING.finditer(body[:OPENING_CHARS]):
        name = match.group(1).strip()
        last = _LEADING_POST.sub("", name.rsplit(",", 1)[-1].strip())  # 'Xét đề nghị của …, Bộ trưởng Bộ Tài chính'
        # 'Bộ trưởng Bộ Tài chính, Bộ trưởng Bộ Y tế ban hành …' (the first post is the pattern's)
        segments = [p.strip() for p in re.split(r",\s*|\s+và\s+", name)]
        joint = [_MINISTER.sub("", p) for p in segments[1:] if _MINISTER.match(p)]
        if joint and split_head(segments[0])[0] and len(joint) == len(segments) - 1:
            joint = [segments[0], *joint]
        if len(joint) > 1 and all(split_head(p)[0] for p in joint):
            return canonical_issuer(" - ".join(joint))  # 'Bộ trưởng Bộ Tài chính, Bộ trưởng Bộ Y tế ban hành …'
        for candidate in (name, last):
            if split_head(candidate)[0]:
                return canonical_agency(candidate)
    return None


_MINISTER = re.compile(r"^(?:Bộ trưởng|Thống đốc|Tổng Kiểm toán|Tổng Thanh tra|Chánh án|Viện trưởng)\s+")
_LEADING_POST = re.compile(r"^(?:Bộ trưởng|Thủ trưởng|Thống đốc|Tổng Kiểm toán|Tổng Thanh tra|Chánh án|Viện trưởng|"
                           r"Chủ tịch|Tổng cục trưởng|Cục trưởng)\s+")


def _without_post(name: str) -> str:
    """'HỘI ĐỒNG THẨM PHÁN CHÁNH ÁN', 'CHÍNH PHỦ THỦ TƯỚNG': the signer's post glued after the body."""
    key = fold_key(name)
    for title in sorted(vocab.agencies()["titles"], key=len, reverse=True):
        post = fold_key(title)
        if key.endswith(" " + post) and len(key) > len(post) + 3:
            return " ".join(name.split()[:-len(title.split())])
    return name


_ORGANISATION = re.compile(
    r"Căn\s+cứ[^;]{0,250}?chức\s+năng,?\s+nhiệm\s+vụ,?\s+quyền\s+hạn\s+và\s+cơ\s+cấu\s+tổ\s+chức\s+của\s+"
    r"([A-ZĐ][^;:.]{2,90}?)(?:\s*,?\s*(?:trực\s+thuộc|thuộc)\s[^;]*)?\s*(?:;|\n\s*(?:Căn\s+cứ|Theo|Xét)|$)")


def _organisation(body: str) -> str | None:
    """'Căn cứ Nghị định số 22/2013/NĐ-CP … quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức
    của Bộ Tư pháp;' → 'Bộ Tư pháp': a ministry or department grounds its own text on the act that
    organises it (one agency named, and named as an agency, or no answer)."""
    names = [" ".join(m.group(1).split()) for m in _ORGANISATION.finditer(body[:OPENING_CHARS])]
    found = {canonical_agency(name) for name in names if split_head(name)[0]}
    return found.pop() if len(found) == 1 else None


# Who alone may issue a type (Luật Ban hành văn bản quy phạm pháp luật, Điều 4): the last clue.
BY_TYPE = {"Luật": "Quốc hội", "Bộ luật": "Quốc hội", "Pháp lệnh": "Ủy ban Thường vụ Quốc hội",
           "Nghị định": "Chính phủ"}


def infer_issuer(authority: str | None, number: str | None, body: str, place: str | None = None,
                 title: str | None = None) -> str | None:
    """The issuer from what the document says about itself, or None."""
    if number and agency_from_symbol(number):
        return agency_from_symbol(number)
    named = _enacting(body) or _organisation(body)  # each reads the opening once
    if named:
        return named
    closing = _CLOSING.findall(body)
    if closing:
        return _add_scope(closing[-1].strip(), body)
    if "chu tich quoc hoi" in fold_key(f"{authority or ''} {title or ''}"):
        return "Quốc hội"  # a law or resolution signed by the Chairman of the National Assembly
    collective = [a for a in (authority or "").split(", ") if a.startswith("TM.")]
    if collective:  # "TM. ỦY BAN NHÂN DÂN" names a body; "KT. BỘ TRƯỞNG" only a post
        first = _without_post(_PREFIX.sub("", collective[0]).strip())
        if first:
            return _add_place(canonical_agency(_complete_from_body(first, body)), place, body)
    return None
