"""Document text → the blocks of the NĐ 30/2020/NĐ-CP layout, for the page and print.

A public face of the records stage (the web app may import it): reading a
text back into its paper layout uses the extractor's own rules for the
quốc hiệu, the type heading and signer names, so it lives beside them.

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

from indexer.extract import find_body_start, is_motto, is_person_name, is_upper, type_from_title
from search_app.answer.outline import ARTICLE

_NUMBER = re.compile(r"^(?:Luật|Bộ luật|Nghị quyết|Pháp lệnh)?\s*(?:Số|số)\s*[:.]", re.I)
_SUBJECT = re.compile(r"^(?:V/v|V/V|Về việc)\b", re.I)
_PLACE_DATE = re.compile(r"^[^,]{2,40},\s*ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\S+", re.I)
_RECIPIENTS = re.compile(r"^(?:Kính\s+gửi|Kính\s+gưi)\s*:?", re.I)
_DISTRIBUTION = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?", re.I)
_AUTHORITY = re.compile(r"^(?:TM|T/M|KT|K/T|TL|T/L|TUQ|Q|QUYỀN)\s*[.:]?\s+\S", re.I)
_SIGNED = re.compile(r"^\(?\s*(?:đã\s+ký|ký\s*,?\s*ghi rõ|ký tên)", re.I)
_PREAMBLE = re.compile(r"^\s*(?:Căn cứ|Theo đề nghị|Xét đề nghị|Thực hiện|Xét)\b")
HEADING = re.compile(r"^\s*(?:Chương|Mục|Phần|Phụ lục|PHỤ LỤC|CHƯƠNG|MỤC)\s+[IVXLC\d]+\b")
_ITEM = re.compile(r"^(?:[-+•–]|\d+(?:\.\d+)*[.)]|[a-zđ](?:\.\d+)*[.)])\s")  # '- ', '1. ', 'a) ', 'b.2) '
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
    banner: list[str] = field(default_factory=list)  # a portal's own title line above the header
    annex: list[Any] = field(default_factory=list)  # paragraphs after the signature (Phụ lục, Mẫu số), as body


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
        after_heading = bool(out) and (HEADING.match(out[-1]) or (ARTICLE.match(out[-1]) and len(out[-1]) < 100))
        heading = HEADING.match(line) or ARTICLE.match(line) or after_heading
        item = _ITEM.match(line)
        if joinable and out and not heading and not item and (
                line[:1].islower() or out[-1].endswith(",")
                or (not _END.search(out[-1]) and not is_upper(line) and not is_upper(out[-1]))):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        joinable = True
    return out


def _runs(lines: list[str]) -> list[str]:
    """Header lines as runs: a wrapped V/v, subject or issuer line continues its run; every part of the
    standard header (quốc hiệu, Số:, place and date, type heading) starts a new one."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            if not (out and out[-1].endswith(":") and _NUMBER.match(out[-1])):  # 'Số:' / '45/2013/QH13'
                out.append("")
            continue
        starts = (is_motto(line) or _NUMBER.match(line) or _SUBJECT.match(line) or _PLACE_DATE.match(line)
                  or type_from_title(line) or _RECIPIENTS.match(line))
        previous = out[-1] if out else ""
        continues = previous and not starts and not is_motto(previous) and not _PLACE_DATE.match(previous) and (
            line[:1].islower() or _SUBJECT.match(previous) or is_upper(line) == is_upper(previous)
            or previous.rstrip().endswith(":"))
        if continues:
            out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return [run for run in out if run]


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


_HEADER_MARKS = re.compile(r"\s+(?=CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]|(?:Luật|Nghị quyết) số\s*:|"
                           r"V/v\b|Kính gửi\b)|(?<!Luật)(?<!quyết)\s+(?=[Ss]ố\s*:)|"
                           r"(?<=năm \d{4})\s+(?=[A-ZĐÀ-Ỹ]{2,}\s)")
_PLACE_START = re.compile(r"(?<!\S)(?:[A-ZĐ][\wÀ-ỹ]*\s){0,3}[A-ZĐ][\wÀ-ỹ]*,\s*ngày\s+\S+\s+tháng")
_RULES = re.compile(r"\s*-{3,}\s*")


def _split_header_line(line: str) -> list[str]:
    """A portal's header squeezed on one line ('BỘ TÀI CHÍNH ------- CỘNG HÒA … Số: …') → its parts."""
    line = _RULES.sub(" ", line).strip()
    parts = _HEADER_MARKS.split(line) if len(line) >= 40 else [line]
    if len(parts) == 1 and not (_PLACE_START.search(line) and not _PLACE_DATE.match(line)):
        return [line]  # an ordinary header line: a wrapped V/v goes on with the next one
    pieces = []
    for part in parts:
        place = _PLACE_START.search(part)
        if place and place.start() > 0:  # '31/2022/TT-BTC Hà Nội, ngày …': the number, then the place
            pieces += [part[:place.start()].strip(), "", part[place.start():].strip(), ""]
        else:
            pieces += [part.strip(), ""]
    return pieces


def _is_header_part(line: str) -> bool:
    line = line.strip()
    return not line or bool(_NUMBER.match(line) or _PLACE_DATE.match(line) or is_motto(line) or type_from_title(line))


def _header(lines: list[str], out: Layout) -> None:
    seen_motto = False
    for run in (_RULES.sub(" ", r).strip() for r in _runs(lines)):
        if not run:
            continue
        if is_motto(run):
            out.right.append(run)
            seen_motto = True
        elif _PLACE_DATE.match(run):
            out.place_date = run
        elif _NUMBER.match(run) or _SUBJECT.match(run):
            out.left.append(run)
        elif _RECIPIENTS.match(run):
            out.recipients.append(run)
        elif out.title or type_from_title(run) or (seen_motto and is_upper(run)):
            out.title.append(run)
        elif not seen_motto and is_upper(run):
            out.left.append(run)
        elif not seen_motto and not out.left:
            out.banner.append(run)
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


_LIST_ITEM = ("-", "+", "•", "–")
_DISTRIBUTION_ALONE = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?\s*$", re.I)
_ANNEX_GLUED = re.compile(r"\s+(?=(?:PHỤ LỤC|Phụ lục|MẪU SỐ|Mẫu số)\s)")  # 'TM. … Nguyễn Văn A PHỤ LỤC …'
_ANNEX_HEAD = re.compile(r"^\s*(?:PHỤ LỤC|Phụ lục|MẪU SỐ|Mẫu số)\s")


def _signature_line(line: str) -> bool:
    line = line.strip()
    return bool(line) and bool(_AUTHORITY.match(line) or _SIGNED.match(line) or (is_upper(line) and len(line) < 80)
                               or is_person_name(line)) and not HEADING.match(line) and not _ANNEX_HEAD.match(line)


def _footer_before_annexes(lines: list[str], low: int) -> tuple[int, int] | None:
    """(start, end) of "Nơi nhận" and the signature when annexes follow them, so the end of the text is
    not the footer: the first 'Nơi nhận:' line followed by a list, the signature lines around it."""
    at = next((i for i in range(low, len(lines) - 1) if _DISTRIBUTION_ALONE.match(lines[i])
               and lines[i + 1].strip().startswith(_LIST_ITEM)), None)
    if at is None:
        return None
    start = at
    while start > max(low, at - 8) and _signature_line(lines[start - 1]):
        start -= 1
    end = at + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].strip().startswith(_LIST_ITEM)):
        end += 1
    while end < min(len(lines), at + 80) and _signature_line(lines[end]):
        end += 1
    return start, end


def blocks(text: str, render: Callable[[str], Any] = lambda p: p) -> Layout:
    """The layout of one document's text; `render` turns a body paragraph into what the template prints."""
    lines = [piece for line in text.split("\n")
             for piece in (_ANNEX_GLUED.split(line) if _AUTHORITY.match(line.strip()) else [line])]
    out = Layout()
    body_start = find_body_start(lines)
    preamble = next((i for i, line in enumerate(lines[:body_start]) if _PREAMBLE.match(line)), None)
    if preamble is not None:  # 'Căn cứ …' lines are short, but they open the body
        body_start = preamble
    while body_start < min(len(lines), 30) and _is_header_part(lines[body_start]):
        body_start += 1  # a long 'Số: … Tuyên Quang, ngày …' line still belongs to the header
    if not any(_is_header_part(line) and line.strip() for line in
               (piece for raw in lines[:body_start] for piece in _split_header_line(raw))):
        body_start = 0  # no quốc hiệu, number, date or type heading: there is no header to lay out
    header = [piece for line in lines[:body_start] for piece in _split_header_line(line)]
    _header(header, out)
    # The document's own 'Nơi nhận:' list and signature (forms in the annexes have theirs); else look back
    # from the end for the signature of a letter without one.
    tail, end = _footer_before_annexes(lines, body_start) or (_tail_start(lines, body_start), len(lines))
    body = lines[body_start:tail]
    while body and not body[0].strip():
        body.pop(0)
    if body and _RECIPIENTS.match(body[0].strip()):
        out.recipients.append(body.pop(0).strip())
        while body and (not body[0].strip() or body[0].strip().startswith(("-", "+", "•", "–"))):
            line = body.pop(0).strip()
            if line:
                out.recipients.append(line)
    leftover = _tail(lines[tail:end], out)

    def laid_out(part: list[str]) -> list[dict[str, Any]]:
        return [{"kind": _kind(p), "text": p, "pieces": [{"note": note, "segments": render(piece)}
                                                         for piece, note in notes_apart(p)]}
                for p in paragraphs(part)]

    out.body = laid_out(body + [""] + leftover)
    out.annex = laid_out(lines[end:])
    return out


_NOTE = re.compile(r"\[[^\[\]]{10,}\]")


def notes_apart(paragraph: str) -> list[tuple[str, bool]]:
    """A paragraph cut around a portal's bracketed notes ('[Điều này được hướng dẫn bởi …]'), so the
    page can set them apart from the text of the document itself."""
    out, last = [], 0
    for match in _NOTE.finditer(paragraph):
        if match.start() > last:
            out.append((paragraph[last:match.start()], False))
        out.append((match.group(0), True))
        last = match.end()
    if last < len(paragraph) or not out:
        out.append((paragraph[last:], False))
    return out


def _kind(paragraph: str) -> str:
    """How the paper sets a paragraph: chapter headings centred, articles bold, legal bases italic."""
    if HEADING.match(paragraph) or (is_upper(paragraph) and len(paragraph) < 200):
        return "heading"
    if ARTICLE.match(paragraph):
        return "article"
    if _PREAMBLE.match(paragraph):
        return "basis"
    return "para"
