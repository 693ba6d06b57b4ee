"""Document types (tên loại văn bản, NĐ 30/2020 Phụ lục III; the law on legal documents):
from the heading printed above the subject, and from the code in a document's number.

The heading decides: 'QH' numbers are shared by laws and resolutions, 'UBTVQH' by ordinances
and resolutions, so the number's code is only the fallback; a VBHN number always makes a
consolidated text, whatever law it consolidates.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.extract.layout import is_upper
from indexer.text import fold_key
from indexer.words import vocab

_DRAFT = re.compile(r"^(?:dự thảo(?:\s+lần\s+\d+)?(?:\s+[\d.]+)?\s+)", re.I)


@lru_cache(maxsize=1)
def titles() -> tuple[tuple[str, str], ...]:
    """(folded heading, type name), longest first: 'bo luat' before 'luat'."""
    pairs = {fold_key(t): n for t, n in vocab.doc_types()["titles"].items()}
    return tuple(sorted(pairs.items(), key=lambda p: -len(p[0])))


def type_from_title(line: str) -> str | None:
    """'THÔNG BÁO' → 'Thông báo' when the line is a type heading and nothing else."""
    if not is_upper(line):
        return None
    key = fold_key(line)
    return next((name for title, name in titles() if key == title), None)


def heading(line: str) -> tuple[str, str] | None:
    """The type heading that opens a line, and the subject after it.

    'LUẬT DOANH NGHIỆP Căn cứ …' → ('Luật', 'DOANH NGHIỆP'); 'DỰ THẢO LẦN 4 THÔNG TƯ
    HƯỚNG DẪN …' → ('Thông tư', 'HƯỚNG DẪN …'). The subject is the run of capitals after
    the type word; the first word in lower case starts the body.
    """
    text = _DRAFT.sub("", line.strip())
    key = fold_key(text)
    for title, name in titles():
        if key == title or key.startswith(title + " "):
            words = text.split()[len(title.split()):]
            if not words and not is_upper(text) or text.split()[0] != text.split()[0].upper():
                return None
            subject = []
            for word in words:
                if not is_upper(word) and any(c.isalpha() for c in word):
                    break
                subject.append(word)
            return name, " ".join(subject)
    return None


# Codes shared by several kinds: a 'QH' number is a law's or a resolution's of the Quốc hội.
SHARED_CODES = {"QH": frozenset({"Luật", "Bộ luật", "Nghị quyết"}), "UBTVQH": frozenset({"Pháp lệnh", "Nghị quyết"})}


def kinds_of_number(number: str) -> frozenset[str]:
    """Every kind a number's code allows: '132/2020/QH14' a law or a resolution, '19/2019/NĐ-CP' a decree."""
    last = re.sub(r"\d+$", "", number.rsplit("/", 1)[-1].split("-")[-1])
    kind = type_from_number(number)
    return SHARED_CODES.get(last) or frozenset({kind} if kind else ())


def type_from_number(number: str | None) -> str | None:
    """'116/TB-VPCP' → 'Thông báo'; '07-KL/TW' → 'Kết luận'; '2973/UBND-VXNV' → None."""
    if not number:
        return None
    codes = vocab.doc_types()["codes"]
    parts = [p for p in re.split(r"[/\-]", number)[1:] if not re.fullmatch(r"\d{4}", p)]
    if "VBHN" in parts:
        return codes.get("VBHN")
    for part in parts:
        if part in codes:
            return codes[part]
        bare = re.sub(r"\d+$", "", part)
        if bare in codes and bare in SHARED_CODES:
            return codes[bare]
    return None
