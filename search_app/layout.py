"""Document text → the blocks of the NĐ 30/2020/NĐ-CP layout, for the page and print.

The text keeps the source's line breaks, where a wrapped line is not a new
paragraph. This reads it back into what the paper shows: the header in two
columns (issuer, number and "V/v" left; quốc hiệu, place and date right),
the type and subject centred, "Kính gửi", the body in paragraphs, the
signature block right and "Nơi nhận" left. Whatever it does not recognise
stays a body paragraph, so no text is ever dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from indexer.extract.header import find_body_start, type_from_title
from indexer.extract.layout import is_motto, is_upper
from indexer.extract.signature import is_person_name

_NUMBER = re.compile(r"^(?:Luật|Bộ luật|Nghị quyết|Pháp lệnh)?\s*(?:Số|số)\s*[:.]", re.I)
_SUBJECT = re.compile(r"^(?:V/v|V/V|Về việc)\b", re.I)
_PLACE_DATE = re.compile(r"^[^,]{2,40},\s*ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\S+", re.I)
_RECIPIENTS = re.compile(r"^(?:Kính\s+gửi|Kính\s+gưi)\s*:?", re.I)
_DISTRIBUTION = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?", re.I)
_AUTHORITY = re.compile(r"^(?:TM|T/M|KT|K/T|TL|T/L|TUQ|Q|QUYỀN)\s*[.:]?\s+\S", re.I)
_SIGNED = re.compile(r"^\(?\s*(?:đã\s+ký|ký\s*,?\s*ghi rõ|ký tên)", re.I)
_END = re.compile(r"[.:;!?…\"”)\]]$")


@dataclass
class Layout:
    left: list[str] = field(default_factory=list)  # issuer, number, V/v
    right: list[str] = field(default_factory=list)  # quốc hiệu, place and date
    title: list[str] = field(default_factory=list)  # type and subject, centred
    recipients: list[str] = field(default_factory=list)
    body: list[Any] = field(default_factory=list)  # paragraphs, as the render callback returns them
    signature: list[str] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    place_date: str | None = None


def paragraphs(lines: list[str]) -> list[str]:
    """Lines joined where a line is only wrapped: the previous one does not end a sentence and this
    one goes on in lower case (or the previous ends with a comma); blank lines always split."""
    out: list[str] = []
    joinable = False
    for raw in lines:
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and out and (line[:1].islower() or out[-1].endswith(",") or
                                 (not _END.search(out[-1]) and not re.match(r"^(?:[-+•–]|\d+[.)]|[a-zđ][.)])\s", line)
                                  and not is_upper(line) and not is_upper(out[-1]))):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joinable = True
    return out


def _runs(lines: list[str]) -> list[str]:
    """Header lines joined into runs separated by blank lines (a wrapped V/v is one run)."""
    out, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(" ".join(current))
            current = []
    return out


def _tail_start(lines: list[str], low: int) -> int:
    """Where the signature block or Nơi nhận begins, looking back from the end of the text."""
    start = len(lines)
    for i in range(len(lines) - 1, max(low, len(lines) - 40) - 1, -1):
        line = lines[i].strip()
        if not line:
            continue
        if _DISTRIBUTION.match(line) or _AUTHORITY.match(line) or _SIGNED.match(line):
            start = i
        elif len(line) > 120:
            break
    return start


_HEADER_MARKS = re.compile(r"\s+(?=CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-|Số\s*:|V/v\b|Kính gửi\b|"
                           r"[A-ZĐ][\wÀ-ỹ. ]{1,30},\s*ngày\s+\S+\s+tháng)")
_RULES = re.compile(r"\s*-{3,}\s*")


def _split_header_line(line: str) -> list[str]:
    """A portal's header squeezed on one line ('BỘ TÀI CHÍNH ------- CỘNG HÒA … Số: …') → its parts."""
    if len(line) < 60 or not _HEADER_MARKS.search(line):
        return [line]
    pieces = []
    for part in _HEADER_MARKS.split(_RULES.sub(" ", line)):
        pieces += [part.strip(), ""]
    return pieces


def _header(lines: list[str], out: Layout) -> None:
    seen_motto = False
    for run in _runs(lines):
        if is_motto(run):
            out.right.append(run)
            seen_motto = True
        elif _PLACE_DATE.match(run):
            out.place_date = run
        elif _NUMBER.match(run) or _SUBJECT.match(run):
            out.left.append(run)
        elif out.title or type_from_title(run) or (seen_motto and is_upper(run)):
            out.title.append(run)
        elif not seen_motto and is_upper(run):
            out.left.append(run)
        else:
            out.title.append(run)


def _tail(lines: list[str], out: Layout) -> list[str]:
    """Signature right, Nơi nhận left; returns the lines that are neither (kept as body)."""
    rest: list[str] = []
    in_distribution = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if _DISTRIBUTION.match(line):
            in_distribution = True
            out.distribution.append(line)
        elif in_distribution and line.startswith(("-", "+", "•", "–")):
            out.distribution.append(line)
        elif _AUTHORITY.match(line) or _SIGNED.match(line) or is_upper(line) or is_person_name(line):
            in_distribution = False
            out.signature.append(line)
        elif in_distribution:
            out.distribution.append(line)
        else:
            rest.append(line)
    return rest


def blocks(text: str, render: Callable[[str], Any] = lambda p: p) -> Layout:
    """The layout of one document's text; `render` turns a body paragraph into what the template prints."""
    lines = text.split("\n")
    out = Layout()
    body_start = find_body_start(lines)
    header = [piece for line in lines[:body_start] for piece in _split_header_line(line)]
    _header(header, out)
    tail = _tail_start(lines, body_start)
    body = lines[body_start:tail]
    while body and not body[0].strip():
        body.pop(0)
    if body and _RECIPIENTS.match(body[0].strip()):
        out.recipients.append(body.pop(0).strip())
        while body and (not body[0].strip() or body[0].strip().startswith(("-", "+", "•", "–"))):
            line = body.pop(0).strip()
            if line:
                out.recipients.append(line)
    leftover = _tail(lines[tail:], out)
    out.body = [render(p) for p in paragraphs(body + [""] + leftover)]
    return out
