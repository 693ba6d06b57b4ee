"""What makes a facet value noise, as a staff member reading the facet list would see it.

Doubled names (a gazette banner over the header), placeholders of blank forms, fragments cut
from a sentence, signature lines taken for a name, wrong case, footnote marks. The rules
look at the value alone, never at the document it came from.
"""

from __future__ import annotations

import re

from indexer.text import fold_key

_PLACEHOLDER = re.compile(r"…|\.{3}|\[|\]|_{2,}|^\W*$|^\d+\W*$|(?i:\bghi\s+(rõ|tên)\b|mã bưu điện|quốc gia\s*:)")
_SIGNATURE = re.compile(r"(?i)^(tm|kt|tl|tuq|q)\s*[./]|\b(tm|kt)\.\s")
_FOOTNOTE = re.compile(r"[^\W\d]\d+$|\[\d+\]")
# '… thuộc' ends a cut phrase ('Các đơn vị thuộc'), but 'trực thuộc' is a whole word ('Các đơn vị trực thuộc').
_FRAGMENT_END = re.compile(r"(?i)\s(và|của|các|về|cho|với|tại|(?<!trực )thuộc|trong|theo|hoặc|là)$|[,;:(\-]$")
_TYPE_WORDS = ("thong tu", "nghi dinh", "quyet dinh", "don de nghi", "luat ", "van ban hop nhat")
_POSTS = ("trưởng", "thành viên", "chủ tịch", "giám đốc", "chánh", "phó", "ủy viên", "thư ký", "bí thư",
          "chủ nhiệm", "thủ tướng", "tổng", "thống đốc", "kiểm toán", "thanh tra", "chỉ huy", "tư lệnh", "chính ủy")
_ROLE_WORDS = {"bo", "so", "tinh", "viet", "nam", "ten", "chi", "tieu", "du", "ho", "ngoai", "phong", "ban"}


def _doubled(value: str) -> bool:
    """'Chính phủ Chính phủ': the same words twice in a row."""
    words = fold_key(value).split()
    for size in range(1, len(words) // 2 + 1):
        for start in range(len(words) - 2 * size + 1):
            if words[start:start + size] == words[start + size:start + 2 * size] and size >= 2 or (
                size == 1 and len(words) == 2 and words[0] == words[1]
            ):
                return True
    return False


def _bad_person(value: str) -> str | None:
    words = value.split()
    if not 2 <= len(words) <= 5:
        return "not a name"
    if any(not (w[:1].isupper() and w[1:].islower()) for w in words):
        return "wrong case"
    if sum(fold_key(w) in _ROLE_WORDS for w in words) >= len(words) - 1:
        return "not a name"
    return None


def reason(facet: str, value: str) -> str | None:
    """Why `value` is noise in `facet`, or None when it reads as a proper value."""
    if _PLACEHOLDER.search(value):
        return "placeholder"
    if _FOOTNOTE.search(value):
        return "footnote mark"
    if _doubled(value):
        return "doubled"
    if facet == "signer":
        return " - ".join(filter(None, (_bad_person(v) for v in value.split(" - ")))) or None
    if _SIGNATURE.search(value) and facet != "signer_title":
        return "signature line"
    if facet in ("issuer", "recipients", "distribution", "place"):
        if value.isupper() or value[:1].islower():
            return "wrong case"
        if _FRAGMENT_END.search(value):
            return "fragment"
        digits = bool(re.search(r"\d", re.sub(r"(?i)covid-19", "", value)))
        typed = any(fold_key(value).startswith(t) for t in _TYPE_WORDS)
        if facet == "issuer" and (digits or typed or len(value) > 120):
            return "not an agency"
    if facet == "signer_title" and (value.isupper() or len(value) > 80):
        return "wrong case" if value.isupper() else "fragment"
    if facet == "signer_title" and not any(w in value.lower() for w in _POSTS):
        return "not a post"
    return None
