"""Which documents a sentence says lose effect: the grammar of "… hết hiệu lực".

A document is replaced only when it is a subject of "hết hiệu lực": named at the
head of the clause ("Luật … số 60/2005/QH11 hết hiệu lực kể từ ngày Luật này có
hiệu lực"). The laws that amended it, named in its history ("đã được sửa đổi, bổ
sung một số điều theo Luật số …"), and its short title ("(sau đây gọi là …)") are
not; a part of a document that loses effect ("Điều 29 của Luật số …") amends it.
Lists after a description's document stay in that description (`next_in_list`);
provisions kept in force make the end partial, or dated when they are kept to a
day (`ending`, `kept_by_items`). Shared with relations.py: the document words, the
list and exception rules, and the relation record.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from indexer.extract.links.citations import iso_date
from indexer.text import NUMBER_RE, number_key

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
# A bare joint (', Thông tư số', 'và Thông tư số': nothing said between two numbers but the kind of the
# next document) continues a list of one kind: the next number is what the one before it was. After a
# description's number it is one more document of that description ('… sửa đổi, bổ sung một số điều của
# Thông tư số 88/2008/…, Thông tư số 17/2010/… và Thông tư số 03/2013/… hết hiệu lực': the amending
# circular ends, not the three it amended); after a subject, one more subject ('thay thế Thông tư số
# 01/2010/…, Thông tư số 09/2011/… và Thông tư số 27/2011/…').
BARE_JOINT = re.compile(r"^\s*(?:,|\bvà\b)\s*(?:các\s+)?(?P<doc>" + DOC + r")\s*(?:số\s*)?$", re.I)
_KIND_BEFORE = 60  # characters before a number where its kind is named ('Bộ luật Hình sự số …')
# '…, trừ Điều 20 và Chương VI', '…, trừ các chế độ quy định tại khoản 3': provisions that stay in force, so
# the document is ended in part only. ('…, trừ các trường hợp sau đây' lists cases under way, not provisions;
# '…, trừ quy định tại khoản 5 Điều 115 của Luật này' keeps a rule of the new text, not of the old one.)
EXCEPT = re.compile(r",\s*(?:ngoại\s+)?trừ\s+(?:(?:các|những|một số)\s+)?(?:điều|khoản|điểm|chương|mục|phụ lục|"
                    r"quy định|nội dung|chế độ|phần)\b(?P<rest>[^.;]*)", re.I)
_OF_THIS = re.compile(r"\b(?:" + DOC + r"|Điều|khoản)\s+này\b", re.I)
ASIDE = re.compile(r"\([^()]*\)")  # '(sau đây gọi tắt là Thông tư số 11/2016/TT-BTC)': said of the subject


# '… tiếp tục có hiệu lực đến hết ngày 31 tháng 12 năm 2013': the kept provisions end on a day of their own.
_KEPT_UNTIL = re.compile(r"\bđến( hết)? ngày\s+(\d{1,2})\s*(?:tháng|/|-|\.)\s*(\d{1,2})\s*(?:năm|/|-|\.)\s*(\d{4})",
                         re.I)
# '… hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành, trừ trường hợp sau đây:' and the exceptions as items.
EXCEPT_LIST = re.compile(r"\btrừ\s+(?:các\s+)?(?:trường hợp|quy định|nội dung)\s+sau(?:\s+đây)?\s*:\s*$", re.I)
ITEMS_READ = 12  # list items read after such a sentence


def _kept_until(text: str) -> str | None:
    """The day a kept provision ends in force: 'đến hết ngày 31 tháng 12 năm 2027' → 2028-01-01 (the text
    is in force all that day), 'đến ngày 01/7/2025' → that day."""
    until = _KEPT_UNTIL.search(text)
    day = iso_date(*until.groups()[1:]) if until else None
    if day and until and until.group(1):
        day = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    return day


def kept_by_items(ended: list[dict[str, Any]], items: list[str]) -> list[dict[str, Any]]:
    """The texts a sentence ended whole, with the exceptions listed after it ('… trừ trường hợp sau đây:'
    / 'b) Các điều 77, 78, … của Luật Kinh doanh bảo hiểm số 24/2000/QH10 … có hiệu lực đến hết ngày 31
    tháng 12 năm 2027.'): provisions of one of them kept to a day end it that day; kept with no end, it
    is ended in part. An item of the new text's own ('a) Khoản 1 Điều 157 của Luật này') changes nothing."""
    out = []
    for rel in ended:
        for item in items:
            if not _ITEM_MARK.match(item):
                break
            if rel["scope"] != "whole" or not any(number_key(n.group(1)) == number_key(rel["number"])
                                                  for n in NUMBER_RE.finditer(item)):
                continue
            day = _kept_until(item)
            rel = {**rel, "date": max(day, rel["date"] or day)} if day else {**rel, "scope": "part"}
        out.append(rel)
    return out


def ending(rest: str) -> tuple[str, str | None]:
    """(scope, date) of a document ended by a sentence, from what the sentence says after it.

    '…, trừ Điều 20 và Chương VI' keeps provisions in force: ended in part. Kept only 'đến hết ngày
    31 tháng 12 năm 2013', the whole document ends that day (a status dated in the future is shown as
    coming, not as done). An exception of the new text's own ('trừ quy định tại khoản 5 Điều 115 của
    Luật này') or no exception: ended whole, on the day the sentence gives or the new text takes effect.
    """
    exception = EXCEPT.search(rest)
    if not exception or _OF_THIS.search(exception.group("rest")):
        return "whole", None
    day = _kept_until(exception.group("rest"))
    return ("whole", day) if day else ("part", None)


def family(text: str, at: int) -> str | None:
    """The kind of document whose number starts at `at` ('Bộ luật Hình sự số …' → 'luật'): the last document
    word before it. A bộ luật is a luật, a thông tư liên tịch a thông tư."""
    kinds = list(re.finditer(DOC, text[max(0, at - _KIND_BEFORE):at], re.I))
    if not kinds:
        return None
    kind = kinds[-1].group(0).lower()
    return "luật" if kind.endswith("luật") else "thông tư" if kind.startswith("thông tư") else kind


def next_in_list(text: str, previous: re.Match[str], number: re.Match[str], lead: str, first_family: str | None,
                 previous_said: bool) -> bool | None:
    """Is `number` (after `lead`) said as `previous` was (True), of something else (False), or is it for
    the caller's own rule of joints to decide (None)?

    After a subject, a bare joint of the same kind is one more subject ('thay thế Thông tư số 01/2010/…,
    Thông tư số 09/2011/… và Thông tư số 27/2011/…'). After a number of a description:
    - a document of the same kind is one more of that description, joined bare or after words of its own
      ('… sửa đổi, bổ sung một số điều của Thông tư số 88/2008/…, Thông tư số 17/2010/…'; 'hướng dẫn một
      số điều của Quyết định số 71/2005/QĐ-TTg … về cơ chế … và Quyết định số 15/2008/QĐ-TTg'; 'về việc
      thi hành Bộ luật Hình sự số 100/2015/QH13, Bộ luật Tố tụng hình sự số 101/2015/QH13, Luật …');
    - joined bare, another kind is a new subject only when it is the kind of the clause's first document
      ('Nghị quyết số 109/2015/QH13 về việc thi hành Bộ luật Hình sự số 100/2015/QH13 và Nghị quyết số
      144/2016/QH13'), else the description's pair ('… quy định tại Luật Đầu tư số 67/2014/QH13 và Nghị
      định số 118/2015/NĐ-CP');
    - after words of its own, another kind is for the joints to decide ('… của Nghị định 134/2004/NĐ-CP … về
      khuyến khích phát triển công nghiệp nông thôn và Quyết định số 07/2008/QĐ-BCT …': replaced too).
    """
    bare = BARE_JOINT.match(lead)
    same = family(text, previous.start()) == family(text, number.start())
    if previous_said:
        return True if bare and same else None
    if same:
        return False
    if bare:
        return None if family(text, number.start()) == first_family else False
    return None


# A further subject of the same verb: after a comma, ';' or 'và', a document or a part of one.
_NEXT_SUBJECT = re.compile(r"(?:,|;|\bvà\b)\s*(?=(?:(?:những|các|một số)\s+)?(?:" + DOC
                           + r"|điều|khoản|điểm|phụ lục|chương|mục|quy định)\b)", re.I)


def expired_relations(sentence: str, earlier: list[str] | None = None) -> list[dict[str, Any]]:
    """'Luật … số 60/2005/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực': replaced by this one.

    Only the grammatical subjects of "hết hiệu lực" are: the documents named at the head of the
    clause ('Luật hôn nhân và gia đình số 22/2000/QH10', '…, Pháp lệnh số 31/2007/PL-UBTVQH11 … và
    Pháp lệnh số 04/2008/UBTVQH12'), before any history or short title of theirs. A part of a
    document that loses effect ('Điều 29 của Luật số …', 'Những quy định về khiếu nại trong Luật …')
    amends it, never replaces it. A number in the description of a subject ('… sửa đổi một số điều
    của Pháp lệnh số …') is not one. `earlier`: the parts of a ';' list before this sentence
    ('Nghị định số 44/2009/NĐ-CP …; khoản 1 Điều 8 Nghị định số 164/2018/NĐ-CP …; Quyết định số
    83/2010/QĐ-TTg … hết hiệu lực'): when this sentence starts with its subject, each part just before
    it that starts with a document or a part of one is one more subject.
    """
    match = EXPIRED.search(sentence)
    if not match:
        return []
    start = max(sentence.rfind(";", 0, match.start()), sentence.rfind(".", 0, match.start() - 1), 0)
    whole, until = ending(sentence[match.end():])
    last = sentence[start:match.start()].lstrip(" .;")
    heads = []
    if start == 0 and _LISTED_SUBJECT.match(_ITEM_MARK.sub("", last)):
        for part in reversed(earlier or ()):
            if not _LISTED_SUBJECT.match(_ITEM_MARK.sub("", part)):
                break
            heads.insert(0, part)
    out: list[dict[str, Any]] = []
    for head in [*heads, last]:
        out += _subjects(head, sentence, whole, until)
    return out


def listed_before(sentences: list[str], at: int) -> list[str]:
    """The parts of a ';' list just before sentence `at` ('A …; B …; C … hết hiệu lực'), in order."""
    first = at
    while first > 0 and sentences[first - 1].rstrip().endswith(";"):
        first -= 1
    return [s.rstrip().rstrip(";") for s in sentences[first:at]]


# A part of a ';' list that names a subject: a document or a part of one first, not "… này" (this text).
_LISTED_SUBJECT = re.compile(r"^(?:(?:những|các|một số)\s+)?(?:" + DOC + r"|điều|khoản|điểm|phụ lục|chương|mục)\b"
                             r"(?![^\d;]{0,120}\bnày\b)", re.I)


def _subjects(head: str, sentence: str, whole: str, until: str | None) -> list[dict[str, Any]]:
    """The relations of the subjects named in one head of a "hết hiệu lực" clause."""
    head = ASIDE.sub(" ", _ITEM_MARK.sub("", head))
    tail = SUBJECT_TAIL.search(head)
    head = head[:tail.start()] if tail else head
    out: list[dict[str, Any]] = []
    previous: re.Match[str] | None = None
    previous_kind: str | None = None  # what the number before was: a subject ended whole or in part, or none
    first_family: str | None = None
    for number in NUMBER_RE.finditer(head):
        lead = head[previous.end() if previous else 0:number.start()]
        if previous is None:
            kind, first_family = _subject_kind(lead), family(head, number.start())
        else:
            same = next_in_list(head, previous, number, lead, first_family, previous_kind is not None)
            joints = list(_NEXT_SUBJECT.finditer(lead))
            if same is not None:
                kind = previous_kind if same else None
            else:  # a later number names a subject only after a joint: ', Pháp lệnh số …', 'và Điều 5 của …'
                kind = _subject_kind(lead[joints[-1].end():]) if joints else None
        previous, previous_kind = number, kind
        if kind and re.search(r"[A-Za-zĐđ]", number.group(1)):
            out.append(relation("thay_the", number.group(1), "out", whole, sentence, until) if kind == "whole"
                       else relation("sua_doi", number.group(1), "out", "part", sentence))
    return out


# 'Các quy định tại Thông tư liên tịch số …': every provision of it, so all of it ('Những quy định về khiếu nại
# trong Luật …' names some).
_ALL_PROVISIONS = re.compile(r"^(?:(?:các|những|toàn bộ)\s+)?quy định\s+(?:tại|của)\s+(?:các\s+)?" + DOC + r"\b", re.I)


def _subject_kind(lead: str) -> str | None:
    """'whole' for a document at the head of a subject ('Luật … số', 'Các quy định tại Thông tư số'), 'part'
    for a part of one ('Điều 29 của Luật số'), None for a number said of something else."""
    if _WHOLE_SUBJECT.match(lead) or _ALL_PROVISIONS.match(lead):
        return "whole"
    return "part" if _PART_SUBJECT.match(lead) else None
