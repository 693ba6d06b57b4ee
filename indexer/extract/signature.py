"""The signature block (NĐ 30/2020, Điều 8.7): authority, title and signer.

The block is the last capitalised lines of a document ("TM. ỦY BAN NHÂN DÂN /
KT. CHỦ TỊCH / PHÓ CHỦ TỊCH") and the signer's name under them, with the
"Nơi nhận" list sometimes printed between the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extract.layout import is_list_item, is_upper
from indexer.text import fold_key
from indexer.words import vocab
from indexer.words.names import canonical_case, looks_like_person, strip_rank

_AUTHORITY_PREFIX = re.compile(r"^(TM|T/M|KT|K/T|TL|T/L|TUQ|Q|QUYỀN)(?:\s*[.:]\s*|\s+)", re.I)
_POST_WORDS = (  # a title line names a post; 'ĐIỀU KHOẢN THI HÀNH' or 'VT, TCHQ' above a name does not
    "trưởng", "thành viên", "chủ tịch", "giám đốc", "chánh", "phó", "ủy viên", "thư ký", "bí thư", "chủ nhiệm",
    "thủ tướng", "tổng", "thống đốc", "kiểm toán", "thanh tra", "chỉ huy", "tư lệnh", "chính ủy",
)
TAIL_LINES = 40


@dataclass
class Signature:
    authority: str | None = None  # "TM. Ủy ban nhân dân", "KT. Chủ tịch"
    title: str | None = None  # "Phó Chủ tịch"
    signer: str | None = None  # "Phạm Duy Hưng"
    name_index: int | None = None


def is_person_name(line: str) -> bool:
    """2–6 capitalised words, letters only: 'Tôn Thị Ngọc Hạnh'."""
    return not is_upper(strip_rank(line)) and looks_like_person(line)


def _title_case(line: str) -> str:
    prefix = _AUTHORITY_PREFIX.match(line)
    if prefix:
        head = prefix.group(1).upper().replace("T/M", "TM").replace("K/T", "KT")
        return f"{head}. {canonical_case(line[prefix.end():])}"
    return canonical_case(line)


def _title_block(lines: list[str], name_index: int, low: int, skip_lists: bool) -> list[str]:
    """The capitalised title lines above a signer's name, top to bottom.

    With `skip_lists`, a "Nơi nhận" list printed between the titles and the
    name is stepped over; without, the titles must stand right above the name.
    """
    block: list[str] = []
    for j in range(name_index - 1, low - 1, -1):
        line = lines[j]
        if not line or line.isdigit():
            if block:
                break
            continue
        if is_upper(line) and not is_list_item(line) or (block and fold_key(line) == "kiem"):
            block.insert(0, line)
        elif block or not skip_lists:
            break
    return block


def _signature(block: list[str], signer: str, name_index: int) -> Signature:
    sig = Signature(signer=signer, name_index=name_index)
    authority = [_title_case(b) for b in block if _AUTHORITY_PREFIX.match(b)]
    titles = [b for b in block
              if not _AUTHORITY_PREFIX.match(b) and (_is_post(b) or fold_key(b) == "kiem" or _joins(b))]
    sig.authority = ", ".join(authority) or None
    if titles:
        sig.title = " ".join(canonical_case(t) if fold_key(t) != "kiem" else "kiêm" for t in titles)
    elif authority:
        sig.title = re.sub(r"^\w+\.\s*", "", authority[-1])
    sig.title = _own_title(sig.title)
    return sig


def _is_post(line: str) -> bool:
    return any(word in line.lower() for word in _POST_WORDS)


def _joins(line: str) -> bool:
    """'KIÊM THÀNH VIÊN BAN CHỈ ĐẠO': the second half of a double post."""
    return fold_key(line).startswith("kiem ")


def _own_title(title: str | None) -> str | None:
    """'Thủ tướng Phó Thủ tướng' (KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG) → 'Phó Thủ tướng': the signer's own post."""
    if not title:
        return None
    if not _is_post(title):
        return None  # 'Điều khoản thi hành', 'Lưu: VT' above a name are not a post
    if "kiêm" in title or ", " in title:  # 'Bộ trưởng, Chủ nhiệm' is one post
        return title
    posts = sorted({t.lower() for t in vocab.agencies().get("titles", [])}, key=len, reverse=True)
    if not posts:
        return title
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in posts) + r")(?!\w)")
    matches = list(pattern.finditer(title.lower()))
    return title[matches[-1].start():] if matches else title


def find_signature(lines: list[str], start: int = 0) -> Signature:
    """The signer and the title lines of the document's signature block.

    First choice: the first name standing right under capitalised titles
    (an annex after the signature, "Quy chế … kèm theo", is then not read as
    the signature). Next: the first name whose titles stand above a "Nơi
    nhận" list printed between them and the name.
    """
    names = [i for i in range(start, len(lines)) if is_person_name(lines[i])]
    for skip_lists, reach in ((False, 12), (True, TAIL_LINES)):
        for i in names:
            block = _title_block(lines, i, max(start, i - reach), skip_lists)
            if block:
                return _joint(lines, _signature(block, strip_rank(lines[i]), i))
    if names:
        return Signature(signer=strip_rank(lines[names[-1]]), name_index=names[-1])
    return Signature()


def _joint(lines: list[str], sig: Signature) -> Signature:
    """Signatures side by side (a joint circular): each block's name, joined by ' - '."""
    names = [sig.signer or ""]
    i = (sig.name_index or 0) + 1
    while i < len(lines):
        j = i
        while j < len(lines) and (not lines[j] or is_upper(lines[j])) and j - i < 6:
            j += 1
        if j == i or j >= len(lines) or not is_person_name(lines[j]) or not any(is_upper(x) for x in lines[i:j]):
            break
        names.append(strip_rank(lines[j]))
        i = j + 1
    sig.signer = " - ".join(names)
    return sig
