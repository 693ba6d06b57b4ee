"""Who issued a document whose header has no agency block.

Two seeds lack one. The signature's authority ("T/M BAN THƯỜNG VỤ"), the
number's symbol ("285/TB-VPCP") and the closing formula ("Ban Chỉ đạo … thông
báo để …") each name the issuer; the body completes a partial name
("Ban Thường vụ" → "Ban Thường vụ Tỉnh ủy") and its province.
"""

from __future__ import annotations

import re

from indexer import vocab
from indexer.names import agency_from_symbol, canonical_agency, province_mentions
from indexer.text import fold_key

_CLOSING = re.compile(r"((?:Ban|Ủy ban|Văn phòng|Sở|Bộ|Hội đồng)\s[^.;:]{2,80}?)\s+thông báo\s+(?:để|cho)")
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


def infer_issuer(authority: str | None, number: str | None, body: str) -> str | None:
    """The issuer from what the document says about itself, or None."""
    if number and agency_from_symbol(number):
        return agency_from_symbol(number)
    closing = _CLOSING.findall(body)
    if closing:
        return _add_scope(closing[-1].strip(), body)
    if authority:
        first = _PREFIX.sub("", authority.split(",")[0]).strip()
        if first:
            return canonical_agency(_complete_from_body(first, body))
    return None
