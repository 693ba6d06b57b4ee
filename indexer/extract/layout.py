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


# What every extraction pattern sees is bounded here, once: a run of spaces or of blank lines, and a run of
# characters without a space, can be no longer than a layout needs. Patterns that start with \s* or [A-Z]{2,}
# and are searched along a line otherwise backtrack with the square of such a run (a first line of 100,000
# characters took minutes); tests/test_regex_linear.py shows each pattern linear on what it sees.
MAX_TOKEN = 200  # characters without a space: no word, number, code or web address of a document is longer
_LONG_SPACE = re.compile(r"[ \t\f\v\u00a0]{3,}")
_LONG_TOKEN = re.compile(rf"[^\s]{{{MAX_TOKEN}}}(?=[^\s])")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")


def bounded(text: str) -> str:
    """The text with runs of spaces cut to two, of blank lines to one, and words to MAX_TOKEN characters."""
    text = _LONG_SPACE.sub("  ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _BLANK_LINES.sub("\n\n", _LONG_TOKEN.sub(r"\g<0> ", text))


def clean_lines(text: str) -> list[str]:
    """The document's lines, NFC, with Windows and old Mac line ends handled, bounded (see `bounded`)."""
    return [clean_line(raw) for raw in bounded(nfc(text)).split("\n")]


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
