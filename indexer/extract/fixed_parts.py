"""The official layout's set phrases: on the page, but not what a document is about.

Every document of the NĐ 30/2020/NĐ-CP layout carries the national motto
(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập - Tự do - Hạnh phúc), a "Nơi
nhận" list, "Lưu: VT, …" and a signature block (TM. ỦY BAN NHÂN DÂN, KT. CHỦ
TỊCH, PHÓ CHỦ TỊCH, (Đã ký)). Searched as body text they make "hòa giải",
"xã hội" or "độc lập" match every document. `fixed_parts` gives their
character spans in the record's text; the index leaves those spans out of
the searched body (Record.searchable_text), the page still shows them, and
the recipients and signer keep their own fields.
"""

from __future__ import annotations

import re

from indexer.text import fold

# On folded, lower-cased text (folding keeps an NFC text's length, so spans carry over).
_MOTTO = re.compile(r"cong hoa xa hoi chu nghia viet nam")
_SEP = r"[\s\-–—_.,;:]*"
_SLOGAN = re.compile(rf"doc lap{_SEP}tu do{_SEP}hanh phuc[\s\-–—_.]*")
_RECEIVERS = re.compile(r"^[ \t]*noi nhan[ \t]*:?", re.M)
_FILED = re.compile(r"^[ \t\-+•*]*luu[ \t]*:?[ \t]*(?:vt|van thu)\b[^\n]*", re.M)
_SIGNED = re.compile(r"\((?:da ky|ky[ ,]*ghi ro ho ten|ky ten[^)]{0,30}|da ky va dong dau)\)")
_AUTHORITY = re.compile(r"^[ \t]*(?:kt|tm|tl|tuq|q|ktl)\.[ \t]*\S[^\n]*", re.M)
_LIST_ITEM = re.compile(r"^[ \t]*[\-+•*–]")
LIST_REACH = 40  # lines a "Nơi nhận" list may run
TITLE_LINES = 2  # upper-case title lines under "KT. CHỦ TỊCH" (PHÓ CHỦ TỊCH)
LONG_LINE = 80  # a signature title line under "KT. CHỦ TỊCH" is shorter than half this


def fixed_parts(text: str) -> list[list[int]]:
    """[start, end] character spans of the layout's set phrases in `text`, in order, not overlapping."""
    folded = fold(text).lower()
    if len(folded) != len(text):  # loose combining marks: spans would not carry over
        return []
    spans = [m.span() for m in _MOTTO.finditer(folded) if text[m.start():m.end()].isupper()]
    spans += [m.span() for m in _SLOGAN.finditer(folded)]
    spans += [m.span() for m in _FILED.finditer(folded)]
    spans += [m.span() for m in _SIGNED.finditer(folded)]
    spans += _receivers(text, folded)
    spans += _authorities(text, folded)
    return _merged(spans)


def _receivers(text: str, folded: str) -> list[tuple[int, int]]:
    """The "Nơi nhận" heading and its list: list items, and sub-headings ("Gửi bản điện tử:") between them."""
    out = []
    for head in _RECEIVERS.finditer(folded):
        end = folded.find("\n", head.end())
        end = len(text) if end < 0 else end
        lines = text[end:].split("\n")[1:LIST_REACH + 1]
        at = end
        for line in lines:
            stripped = line.strip()
            if stripped and not _LIST_ITEM.match(line) and not stripped.endswith(":"):
                break  # text again, or the signature block beside it (the signer's name stays searchable)
            at += 1 + len(line)
        out.append((head.start(), at))
    return out


def _authorities(text: str, folded: str) -> list[tuple[int, int]]:
    """'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH' and the upper-case title lines under them."""
    out = []
    for found in _AUTHORITY.finditer(folded):
        if not text[found.start():found.end()].isupper():
            continue
        end = found.end()
        for _ in range(TITLE_LINES):
            stop = text.find("\n", end + 1)
            line = text[end + 1:stop if stop >= 0 else len(text)]
            if not line.strip() or not line.isupper() or len(line.strip()) > LONG_LINE // 2:
                break
            end = end + 1 + len(line)
        out.append((found.start(), end))
    return out


def _merged(spans: list[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        elif end > start:
            out.append([start, end])
    return out
