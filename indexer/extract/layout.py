"""Clean lines: the markup and page furniture removed, the layout kept.

Documents arrive as markdown-ish text converted from PDF or Word: bold markers
inside values (`Số: **6325**/UBND-KGVX`), heading hashes, rules, and Công báo
page headers ("CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025") that look like a number
and a date but belong to the gazette, not the document.
"""

from __future__ import annotations

import re

from indexer.text import fold_key, nfc

PAGE_HEADER = re.compile(r"^\s*(?:\d{1,4}\s+)?c[oô]ng\s*b[aá]o\s*/\s*s[oố]\s*\d", re.I)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_RULE = re.compile(r"^\s*([-_=*]\s*){3,}$")
_MARKERS = re.compile(r"\*+|__")
_NUMBER_SLASH = re.compile(r"\d\s+/\s*[A-ZĐ]")  # '6325 /UBND': a number cut from its code
_SLASH_BEFORE_CODE = re.compile(r"\s*/\s*(?=[A-ZĐ])")
_BLANKS = re.compile(r"[ \t]+")
MOTTO_KEYS = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "dang cong san viet nam")


def clean_line(raw: str) -> str:
    """One line without markup; page headers and rules become blank lines."""
    line = raw.replace("\u00a0", " ").replace("\ufeff", "").replace("Ð", "Đ").rstrip()
    if not line:  # blank lines are common, and nothing below would change one
        return line
    if PAGE_HEADER.match(line) or _RULE.match(line):
        return ""
    line = _HEADING.sub("", line)
    line = _MARKERS.sub("", line)
    line = _SLASH_BEFORE_CODE.sub("/", line) if _NUMBER_SLASH.search(line) else line
    return _BLANKS.sub(" ", line).strip()


def clean_lines(text: str) -> list[str]:
    """The document's lines, NFC, with Windows and old Mac line ends handled."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    return [clean_line(raw) for raw in text.split("\n")]


def is_motto(line: str) -> bool:
    """The quốc hiệu / tiêu ngữ lines, which name no agency."""
    key = fold_key(line)
    return any(key.startswith(m) for m in MOTTO_KEYS)


def is_upper(line: str) -> bool:
    """A line written in capitals (issuer blocks, type headings, signature titles)."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_list_item(line: str) -> bool:
    return line.startswith(("-", "+", "•", "–"))


def strip_bullet(line: str) -> str:
    return line.lstrip("-+•– ").strip()
