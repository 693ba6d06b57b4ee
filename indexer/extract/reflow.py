"""Header and signature items put back on lines of their own.

Portals and PDF converters glue the parts of the layout of NĐ 30/2020 into long lines:
"QUỐC HỘI ------- CỘNG HÒA … Hạnh phúc ------ Luật số: 68/2014/QH13 Hà Nội, ngày 26
tháng 11 năm 2014 LUẬT DOANH NGHIỆP", or "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần
Hồng Hà Phụ lục …". The layout grammar is fixed (agency, quốc hiệu, số, place and date,
type heading; authority, title, name), so its items can be cut apart by their own shape,
and the line-based readers after this see the layout the standard prescribes.
"""

from __future__ import annotations

import re

from indexer.text import UPPER

LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
HEADER_LINES = 14

_SEPARATOR = re.compile(r"\s*(?:[-–_=*]\s*){3,}")
_PORTAL_NOTE = re.compile(r"\s*\[[^\[\]]{8,}\]")
_MOTTO = re.compile(r"(?i)\s*(c[ộo]ng\s+h(?:òa|oà|oa)\s+x[ãa]\s+h[ộo]i\s+ch[ủu]\s+ngh[ĩi]a\s+vi[ệe]t\s+nam)")
_MOTTO_SECOND = re.compile(r"(?i)(?<=\S)\s+(độc\s+lập\s*[-–]\s*tự\s+do)")
_MOTTO_END = re.compile(r"(?i)(h[ạa]nh\s+ph[úu]c)\s*")
_NUMBER_LABEL = re.compile(
    r"\s+((?:(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Lệnh|Nghị\s+quyết|Văn\s+bản)\s+)?[Ss][ốố](?:\s+hiệu)?\s*:)", re.I
)
_LEVEL = r"(?:(?i:thành phố|tỉnh|huyện|quận|thị xã|tp\.)\s*)?"
_PLACE_DATE = re.compile(
    rf"(?<!\S)({_LEVEL}[{UPPER}][^\s,:;]*(?:\s+[{UPPER}][^\s,:;]*){{0,3}}\s*,?\s*"
    rf"ng[àa]y\s+(?:\d{{1,2}}|\.+|…+)?\s*(?:th[áa]ng|/))"
)
_DATE_END = re.compile(r"(ng[àa]y\s+\d{1,2}\s+th[áa]ng\s+\d{1,2}\s+n[ăa]m\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})\s+(?=\S)")
_DRAFT_STAMP = re.compile(r"\s+(DỰ THẢO\b)")
_SUBJECT_START = re.compile(r"\s+((?:V/v|V/V|Về việc)\b|Kính\s+gửi\s*:)")
_PREFIX = r"(?:TM|KT|TL|TUQ|T/M|K/T|T/L|Q)\s*[.:/]\s*"
_NAME = rf"[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+){{1,4}}"
_RANK = r"(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá)\s+)?"
# At most TITLE_WORDS capitalised words of authority and title before the name ("KT. CHỦ TỊCH ỦY BAN NHÂN DÂN
# TỈNH PHÓ CHỦ TỊCH" has 11), starting a word: unbounded, or from inside a word, each start of the line tried
# every run of capitals to its end.
TITLE_WORDS = 20
_SIGN_LINE = re.compile(
    rf"^(?P<pre>.*?)(?<![^\W\d_])(?P<titles>(?:{_PREFIX})?[{UPPER}]{{2,}}(?:[\s.,/]+(?:{_PREFIX})?[{UPPER}]+){{0,{TITLE_WORDS}}})\s+"
    rf"(?P<name>{_RANK}{_NAME})(?P<rest>(?:\s*\(đã ký\))?(?:\s+(?=[{UPPER}]{{2}}|Phụ lục|Mẫu|\(|\[|\d).*)?)$"
)
_AUTHORITY_CUT = re.compile(rf"\s+(?={_PREFIX}[{UPPER}])")
_FOOTNOTE = re.compile(r"(?<=[^\W\d][^\W\d])\d{1,2}(?=\s|$|[,.;:])")
_SIGNED = re.compile(r"\s*(?:[-–]\s*)?\(?(?:đã ký|Đã ký|ĐÃ KÝ|\(ký\))\)?\s*$")


def _cut_header_line(line: str) -> list[str]:
    """One glued header line → the layout items it holds, in order."""
    text = _PORTAL_NOTE.sub("", line)
    # a drawn table's cells (antiword) are items of their own; OCR's '¿| )' inside a word is noise
    text = re.sub(r"(?:^|\s+)\|\s*", "\n", text)
    text = _SEPARATOR.sub("\n", text)
    text = _MOTTO.sub(r"\n\1", text)
    text = _MOTTO_SECOND.sub(r"\n\1", text)
    text = _MOTTO_END.sub(r"\1\n", text)
    text = _NUMBER_LABEL.sub(r"\n\1", text)
    text = _PLACE_DATE.sub(r"\n\1", text)
    text = _DATE_END.sub(r"\1\n", text)
    text = _SUBJECT_START.sub(r"\n\1", text)
    text = _DRAFT_STAMP.sub(r"\n\1", text)
    return [_no_footnote(part.strip()) for part in text.split("\n")]


def _no_footnote(part: str) -> str:
    """'THÔNG TƯ1', 'BỘ Y TẾ2': a footnote mark glued to a header word is not part of it."""
    return part if "/" in part else _FOOTNOTE.sub("", part)


# The agency block at the end of a line, read backwards: matched at the start of the reversed line, the
# pattern consumes each character once. Searched for at the end of the line forwards, it backtracked with the
# square of the line's length (a first line of 100,000 characters took over 120 s).
_TRAILING_CAPS = re.compile(rf"(?:[{UPPER}]+[\s,&\-–]+)+[{UPPER}]{{2,}}(?=\s)")
_LOWER = re.compile(f"[{LOWER}]")


def _title_then_agency(line: str) -> list[str]:
    """'Công văn 296/BHXH-CSYT … ban hành. BẢO HIỂM XÃ HỘI VIỆT NAM': a portal's title line with
    the agency block glued after it (the title holds a lower-case letter)."""
    match = _TRAILING_CAPS.match(line[::-1])
    if not match:
        return [line]
    cut = len(line) - match.end()
    title = line[:cut].rstrip()
    return [title, line[cut:]] if title and _LOWER.search(title) else [line]


def reflow_header(lines: list[str]) -> list[str]:
    """The first lines of a document with its header items on lines of their own."""
    out: list[str] = []
    first = True
    for i, line in enumerate(lines):
        if i >= HEADER_LINES or len(line) > 2000 and i > 3:
            return out + lines[i:]
        parts = _cut_header_line(line) if line else [line]
        if first and line:
            parts = _title_then_agency(parts[0]) + parts[1:]
            first = False
        out.extend(parts)
    return out


def cut_signature(line: str) -> list[str]:
    """'KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Minh Ngân Phụ lục …' → authority, title, name, the rest.

    Several signatures on one line (a joint circular) come out one after the other.
    """
    line = _SIGNED.sub("", line)
    match = _SIGN_LINE.match(line)
    if not match or not _has_upper_word(match["titles"]):
        return [line]
    head = [p for p in (match["pre"].strip(),) if p]
    titles = [t.strip() for t in _AUTHORITY_CUT.split(match["titles"].strip()) if t.strip()]
    rest = _SIGNED.sub("", match["rest"]).strip()
    tail = cut_signature(rest) if rest else []
    return head + titles + [match["name"]] + tail


def _has_upper_word(text: str) -> bool:
    return any(len(w) >= 2 and w.isupper() for w in re.findall(r"\w+", text))


_SIGN_HINT = re.compile(rf"[{UPPER}]{{2,}}\s+{_RANK}{_NAME}")


def reflow_signatures(lines: list[str]) -> list[str]:
    """Every line that ends a signature block ('… CHỦ TỊCH QUỐC HỘI Nguyễn Sinh Hùng') cut up."""
    out: list[str] = []
    for line in lines:
        if line and _SIGN_HINT.search(line) and len(line) < 4000:
            out.extend(cut_signature(line))
        else:
            out.append(_SIGNED.sub("", line) if line else line)
    return out
