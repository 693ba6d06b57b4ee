"""A title staff can read in a list: "<Loại> <số> <trích yếu>" ("Nghị định 102/2017/NĐ-CP về đăng ký …").

The record's `subject` stays the trích yếu alone (None when the text has none). When neither a
number nor a subject was found, the title is the text's first meaningful line: never the quốc
hiệu or its motto, an issuer line, "Số: …", a place-and-date line, a page header, or a file path.
"""

from __future__ import annotations

import re

from indexer.record import Record
from indexer.text import fold

MAX_CHARS = 160
NAMED_ACTS = {"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"}  # their subject is their name: "Luật Đất đai"
_MOTTO = re.compile(r"^(cong hoa xa hoi|doc lap\W+tu do|dang cong san viet nam\b)")
_NUMBER_LINE = re.compile(r"^(so|số)\s*[:.]?\s*[\d./]|^(so|số)\s*:", re.I)
_DATE_LINE = re.compile(r"\bngay\s*[\d.…_ ]*\s*thang\s*[\d.…_ ]*\s*nam\b|^\W*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\W*$")
_PATH = re.compile(r"[\\/][^\s]*\.[a-z0-9]{2,4}$|^[a-z]:\\|\.(txt|docx?|pdf|odt|rtf|html?)$", re.I)
_ISSUERS = re.compile(r"^(uy ban|ubnd|hoi dong|bo |so |phong |cuc |tong cuc|vien |van phong|quoc hoi|chinh phu"
                      r"|thu tuong|toa an|vien kiem sat|ban |tinh uy|huyen uy|thanh uy|truong |cong an"
                      r"|kho bac|ngan hang|dang uy|mat tran"
                      r"|huyen |tinh |thanh pho |quan |xa |phuong |thi xa |thi tran )")
_LABEL = re.compile(r"^(kinh gui|gui|noi nhan|v/v|trich yeu)\b")


def title_of(record: Record) -> str:
    """The record's title: type, number and subject when known, else the first meaningful line."""
    kind, number, subject = record.doc_type, record.number, _clean(record.subject)
    if kind in NAMED_ACTS and subject:
        name = subject if fold(subject).lower().startswith(fold(kind).lower()) else f"{kind} {subject}"
        return _cut(f"{name} {number}" if number else name)
    if subject:
        lead = " ".join(p for p in (kind or ("Văn bản" if number else None), number) if p)
        return _cut(f"{lead} {_joined(subject)}" if lead else subject)
    if number:
        issuer = f" của {record.issuer}" if record.issuer else ""
        return _cut(f"{kind or 'Văn bản'} {number}{issuer}")
    line = first_meaningful_line(record.text)
    if line:
        return _cut(line)
    return _cut(" ".join(p for p in (kind or "Văn bản", record.issuer and f"của {record.issuer}") if p))


def first_meaningful_line(text: str) -> str | None:
    """The first line that says what the document is about (see the module's list of lines skipped)."""
    for raw in text.split("\n")[:80]:
        line = raw.strip().strip("-–—_*=•·. ").strip()
        key = fold(line).lower()
        words = re.findall(r"\w+", key)
        if len(words) < 3 or _MOTTO.search(key) or _NUMBER_LINE.search(line) or _DATE_LINE.search(key):
            continue
        if _PATH.search(line) or _LABEL.search(key):
            continue
        if line.isupper() and _ISSUERS.search(key) and len(words) <= 12:
            continue
        return line
    return None


def _clean(subject: str | None) -> str | None:
    if not subject:
        return None
    subject = re.sub(r"^(v/v|về việc)\s*[:.]?\s*", "về ", subject.strip(), flags=re.I).strip()
    return subject or None


def _joined(subject: str) -> str:
    """The subject after "<type> <number>": 'Về việc …' reads 'về việc …', 'Quy định …' reads 'quy định …'."""
    return _lower_first(subject) if not subject[:2].isupper() else subject


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _cut(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip()
    if len(title) <= MAX_CHARS:
        return title
    return title[:MAX_CHARS].rsplit(" ", 1)[0] + " …"
