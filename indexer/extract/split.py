"""Several documents in one file: a letter and, after its signature, the
document it forwards ("… kèm theo").

A new document starts after a "Nơi nhận" list and a signer's name, at a line
that can only open a header: the quốc hiệu, a "Số:" line, or an agency block.
"""

from __future__ import annotations

import re

from indexer.extract.addressees import is_distribution_head
from indexer.extract.doctype import type_from_title
from indexer.extract.header import parse_number
from indexer.extract.layout import is_motto, is_upper
from indexer.extract.signature import is_person_name

_NUMBER_LINE = re.compile(r"^S[oố]\s*:\s*(.*)$")


_ANNEX = re.compile(r"^\(?(?:phụ lục|mẫu(?: số)?|biểu(?: số)?|ban hành kèm theo|kèm theo)\b", re.I)
LOOKAHEAD = 8


def _real_number_line(line: str) -> bool:
    """'Số: 285/TB-VPCP' yes; 'Số: …../TB-…..' of a blank form no."""
    match = _NUMBER_LINE.match(line)
    return bool(match and parse_number(match.group(1)))


def _opens_header(lines: list[str], i: int) -> bool:
    """A quốc hiệu or number line that opens a real document: one with a number of its own.

    The blank forms of an annex (Mẫu số …) print a quốc hiệu too, but their number is dots.
    """
    if _real_number_line(lines[i]):
        return True
    if not is_motto(lines[i]):
        return False
    return any(_real_number_line(ln) for ln in lines[i + 1:i + 1 + LOOKAHEAD])


def split_documents(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges, one per document in the file, in order."""
    ranges: list[tuple[int, int]] = []
    start = 0
    seen_distribution = False
    seen_signer = False
    for i, line in enumerate(lines):
        if not line:
            continue
        if seen_signer and _ANNEX.match(line):
            seen_distribution = seen_signer = False  # annexes and forms belong to the document
        elif is_distribution_head(line):
            seen_distribution = True
        elif seen_distribution and is_person_name(line):
            seen_signer = True
        elif seen_signer and _opens_header(lines, i):
            cut = i
            while cut - 1 > start and (is_upper(lines[cut - 1]) or not lines[cut - 1]):
                if type_from_title(lines[cut - 1]):
                    break
                cut -= 1
            ranges.append((start, cut))
            start = cut
            seen_distribution = seen_signer = False
    ranges.append((start, len(lines)))
    return [(a, b) for a, b in ranges if any(lines[a:b])]
