"""Who a document is for: "Kính gửi" (recipients) and "Nơi nhận" (distribution).

Both are lists of "- …" items that may wrap over lines, join several names
with ";", and abbreviate (UBND, MTTQ). Each item becomes one canonical name.
"""

from __future__ import annotations

import re

from indexer.extract.header import is_addressee_line
from indexer.extract.layout import is_list_item, is_upper, strip_bullet
from indexer.text import fold_key
from indexer.words.names import canonical_case, expand_abbreviations, modern_tones

_DISTRIBUTION_HEAD = re.compile(r"^n[oơ]i\s*nh[aâậ][nm]\b\s*:?\s*(.*)$")
# What the list says it is sent for ('(b/c)', '(báo cáo)', '(để biết)', '(đăng tải)'): not part of a name.
_NOTE = re.compile(r"\s*\((?:để\s+)?(?:b/c|báo cáo|p/h[^)]*|phối hợp|đ/b|t/h|th|thực hiện|biết|chỉ đạo|theo dõi|"
                   r"đăng tải|đăng|e-?copy|qua email|bản điện tử|\d+)\)\s*", re.I)
# A blank form's field in an annex ('Số nhà/số tầng/số phòng', 'Tên đường, phố', 'Thành phố:_') is no addressee.
_FORM_FIELD = re.compile(r"[:_]\s*$|^(?:tên|số nhà|số điện thoại|điện thoại|địa chỉ|fax|e-?mail|mã số)\b", re.I)
_TRAILING = " .,;:"
_PORTAL_NOTE = re.compile(r"\s*\[[^\]]*(?:\]|$)")
_FOOTNOTE = re.compile(r"(?<=[^\W\d])\d+\b")
_PLACEHOLDER = re.compile(r"…|\.{3}|_{2,}|^\W*$|^\d+\W*$|(?i:mã bưu điện|quốc gia\s*:|\bghi\s+(?:rõ|tên)\b)")


_SIGNATURE_LINE = re.compile(r"(?i)^(?:tm|kt|tl|tuq|t/m|k/t)\s*[./]")


def is_placeholder(item: str) -> bool:
    """Blank-form filler ('………', '[ghi tên bên mời thầu]', 'Mã bưu điện', 'Thành phố:_') is never a name."""
    return bool(_PLACEHOLDER.search(item) or _FORM_FIELD.search(item.strip()))


def is_distribution_head(line: str) -> bool:
    """'Nơi nhận:' and its OCR spellings ('Noi nhận', 'Noi nhậm')."""
    return bool(_DISTRIBUTION_HEAD.match(fold_key(line)))


def canonical_recipient(item: str) -> str:
    """'UBND các huyện, thành phố;' → 'Ủy ban nhân dân các huyện, thành phố'."""
    item = _FOOTNOTE.sub("", _PORTAL_NOTE.sub("", _NOTE.sub(" ", item))).strip(_TRAILING)
    return modern_tones(canonical_case(expand_abbreviations(item))).strip(_TRAILING)


def _items(lines: list[str], first: str) -> list[str]:
    """Collect list items; a line without a bullet continues the previous item."""
    items: list[str] = []
    if first.strip(" -*:"):
        items.append(strip_bullet(first.strip(" *:")))
    for line in lines:
        if not line:
            continue
        if is_list_item(line):
            items.append(strip_bullet(line))
        elif items and items[-1].rstrip().endswith(",") and not line.endswith(":"):
            items[-1] = f"{items[-1]} {line}"
        elif line.endswith(":") and len(line) < 60:
            continue  # "Gửi bản giấy:" sub-heading
        else:
            break
    names = []
    for item in items:
        names.extend(part for part in item.split(";") if part.strip(_TRAILING))
    return names


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(fold_key(name), name)
    return list(seen.values())


def find_recipients(lines: list[str], within: int | None = None) -> list[str]:
    """The 'Kính gửi' list of the header (the first `within` lines), one canonical entry each.

    A 'Kính gửi' further down belongs to a form in an annex, not to the document.
    """
    for i, line in enumerate(lines[:within]):
        if is_addressee_line(line):
            after = re.split(r"(?i)k[ií]nh\s*g[uử]i\s*:?", line.lstrip("-* "), maxsplit=1)
            first = after[1] if len(after) > 1 else ""
            window = _window(lines, i + 1)
            names = [canonical_recipient(n) for n in _items(window, first) if not is_placeholder(n)]
            return _dedupe([n for n in names if n and not is_placeholder(n)])
    return []


def _window(lines: list[str], start: int) -> list[str]:
    """Lines of a list: stops at the first long paragraph after a blank line."""
    out = []
    for j in range(start, min(len(lines), start + 40)):
        line = lines[j]
        if out and not out[-1] and line and not is_list_item(line) and len(line) > 80:
            break
        out.append(line)
    return out


def find_distribution(lines: list[str]) -> tuple[list[str], int | None]:
    """The first 'Nơi nhận' list and the index of its heading (None when absent).

    The document's own list comes before its annexes; a blank form's list comes later.
    """
    for i in range(len(lines)):
        match = _DISTRIBUTION_HEAD.match(fold_key(lines[i]))
        if match:
            first = lines[i].split(":", 1)[1] if ":" in lines[i] else ""
            window = [ln for ln in _window(lines, i + 1) if not is_upper(ln)]
            names = [canonical_recipient(n) for n in _items(window, first)]
            kept = [n for n in names if n and not fold_key(n).startswith("luu") and not is_placeholder(n)
                    and not _SIGNATURE_LINE.match(n)]
            return _dedupe(kept), i
    return [], None
