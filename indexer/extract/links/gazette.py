"""A Công báo page that continues a document begun in an earlier issue.

The page has no header block: after the gazette's page header comes
"(Tiếp theo Công báo số 849 + 850)" and one line naming the document, "Thông tư
số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 của Bộ Tài chính hướng dẫn …".
That line is the document's number, type, date and issuer; the numbers in the
text that follows are other documents'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extract.doctype import titles
from indexer.extract.links.citations import NUMBER_RE, iso_date
from indexer.text import fold_key
from indexer.words.names import canonical_issuer

SCAN_LINES = 8
_CONTINUED = re.compile(r"^\s*\(?\s*tiep theo cong bao so\b")
_NAMED = re.compile(
    r"^(?P<type>[A-ZĐ][^\d()]{1,40}?)\s+số\s*:?\s*(?P<number>\S+)\s+ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s+|/|-)"
    r"(?P<m>\d{1,2})\s*(?:năm\s+|/|-)(?P<y>\d{4})\s+của\s+(?P<issuer>.+)$", re.I)
# Where the issuer's name ends: the subject ('hướng dẫn …', 'về …', 'quy định …') or the page's '(tiếp theo)'.
_ISSUER_END = re.compile(r"\s+(?:về|quy định|hướng dẫn|ban hành|sửa đổi|bổ sung|thay thế|ngày)\b|\s*\(|[,;.]", re.I)


@dataclass(frozen=True)
class Continued:
    doc_type: str
    number: str
    date: str | None
    issuer: str | None


def _type(words: str) -> str | None:
    key = fold_key(words)
    return next((name for title, name in titles() if key == title), None)


def _paragraph_after(lines: list[str], start: int) -> str:
    """The naming line, which the header reflow may have cut after its date, up to the next blank."""
    while start < len(lines) and not lines[start].strip():
        start += 1
    end = start
    while end < len(lines) and lines[end].strip() and end - start < SCAN_LINES:
        end += 1
    return " ".join(line.strip() for line in lines[start:end])


def continued_document(lines: list[str]) -> Continued | None:
    """The document a continuation page names, or None when the page is not one."""
    for i, line in enumerate(lines[:SCAN_LINES * 2]):
        if not _CONTINUED.match(fold_key(line)):
            continue
        named = _NAMED.match(_paragraph_after(lines, i + 1))
        number = NUMBER_RE.fullmatch(named["number"].rstrip(",.;")) if named else None
        doc_type = _type(named["type"]) if named else None
        if not named or not number or not doc_type:
            return None
        issuer_text = _ISSUER_END.split(named["issuer"], maxsplit=1)[0]
        return Continued(doc_type, number.group(1), iso_date(named["d"], named["m"], named["y"]),
                         canonical_issuer(issuer_text))
    return None
