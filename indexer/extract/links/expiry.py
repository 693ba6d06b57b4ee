"""Which documents a sentence says lose effect: the grammar of "… hết hiệu lực".

A document is replaced only when it is a subject of "hết hiệu lực": named at the
head of the clause ("Luật … số 60/2005/QH11 hết hiệu lực kể từ ngày Luật này có
hiệu lực"). The laws that amended it, named in its history ("đã được sửa đổi, bổ
sung một số điều theo Luật số …"), and its short title ("(sau đây gọi là …)") are
not; a part of a document that loses effect ("Điều 29 của Luật số …") amends it.
Shared with relations.py: the document words and the relation record.
"""

from __future__ import annotations

import re
from typing import Any

from indexer.text import NUMBER_RE

DOC = (r"(?:Bộ luật|Luật|Pháp lệnh|Lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định|Chỉ thị|"
        r"Công văn|Công điện|Kế hoạch|Thông báo|Kết luận|Văn bản(?: hợp nhất)?|Sắc lệnh|Hướng dẫn|Điều lệ)")

EXPIRED = re.compile(r"\bhết hiệu lực(?: thi hành)?(?: kể)? từ (?:ngày|khi)\s+[^.;]{0,40}?này có hiệu lực", re.I)

EVIDENCE_CHARS = 300


def relation(kind: str, number: str | None, direction: str, scope: str, text: str,
             date: str | None = None) -> dict[str, Any]:
    return {"type": kind, "number": number, "direction": direction, "scope": scope, "date": date,
            "text": " ".join(text.split())[:EVIDENCE_CHARS]}


# What is said of the subject after its name, before "hết hiệu lực": its amendment history, its short
# title. Numbers there name the amending documents, never the subject ("Luật Dầu khí … đã được sửa đổi,
# bổ sung một số điều theo Luật số 19/2000/QH10 … hết hiệu lực": the 1993 law expires, not 19/2000).
SUBJECT_TAIL = re.compile(r"\b(?:đã được|được|đã)\s+(?:sửa đổi|bổ sung|hợp nhất|thay thế|đính chính)|\(", re.I)
_ITEM_MARK = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•–])\s*")
_WHOLE_SUBJECT = re.compile(r"^(?:các\s+)?" + DOC + r"\b", re.I)
_PART_SUBJECT = re.compile(r"^(?:(?:những|các|một số)\s+)?(?:điều|khoản|điểm|phụ lục|chương|mục|quy định)\b", re.I)
# A further subject of the same verb: after a comma, ';' or 'và', a document or a part of one.
_NEXT_SUBJECT = re.compile(r"(?:,|;|\bvà\b)\s*(?=(?:(?:những|các|một số)\s+)?(?:" + DOC
                           + r"|điều|khoản|điểm|phụ lục|chương|mục|quy định)\b)", re.I)


def expired_relations(sentence: str) -> list[dict[str, Any]]:
    """'Luật … số 60/2005/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực': replaced by this one.

    Only the grammatical subjects of "hết hiệu lực" are: the documents named at the head of the
    clause ('Luật hôn nhân và gia đình số 22/2000/QH10', '…, Pháp lệnh số 31/2007/PL-UBTVQH11 … và
    Pháp lệnh số 04/2008/UBTVQH12'), before any history or short title of theirs. A part of a
    document that loses effect ('Điều 29 của Luật số …', 'Những quy định về khiếu nại trong Luật …')
    amends it, never replaces it. A number in the description of a subject ('… sửa đổi một số điều
    của Pháp lệnh số …') is not one.
    """
    match = EXPIRED.search(sentence)
    if not match:
        return []
    start = max(sentence.rfind(";", 0, match.start()), sentence.rfind(".", 0, match.start() - 1), 0)
    head = _ITEM_MARK.sub("", sentence[start:match.start()].lstrip(" .;"))
    tail = SUBJECT_TAIL.search(head)
    head = head[:tail.start()] if tail else head
    out: list[dict[str, Any]] = []
    previous_end = 0
    for index, number in enumerate(NUMBER_RE.finditer(head)):
        lead = head[previous_end:number.start()]
        previous_end = number.end()
        if index:  # a later number names a subject only after a joint: ', Pháp lệnh số …', 'và Điều 5 của …'
            joints = list(_NEXT_SUBJECT.finditer(lead))
            if not joints:
                continue
            lead = lead[joints[-1].end():]
        if not re.search(r"[A-Za-zĐđ]", number.group(1)):
            continue
        if _WHOLE_SUBJECT.match(lead):
            out.append(relation("thay_the", number.group(1), "out", "whole", sentence))
        elif _PART_SUBJECT.match(lead):
            out.append(relation("sua_doi", number.group(1), "out", "part", sentence))
    return out
