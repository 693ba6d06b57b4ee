"""Typed relations between documents, read from the wording of the text.

Besides plain citations, the text says what it does to other documents and
when it takes effect. Outgoing relations are stated by the document itself:
"Căn cứ Luật số 54/2014/QH13" (căn cứ), "Thực hiện Công điện số 15/CĐ-TTg"
(thực hiện), "hướng dẫn thi hành Nghị định 119/2014/NĐ-CP" in the subject,
"sửa đổi, bổ sung một số điều của Nghị định số 127/2013/NĐ-CP", "Nghị định
này thay thế Nghị định số 102/2017/NĐ-CP", "Bãi bỏ Điều 57 của Luật … số
66/2006/QH11", "Luật … số 60/2005/QH11 hết hiệu lực kể từ ngày Luật này có
hiệu lực", "đính chính Thông tư số …". Incoming ones are the portals'
bracketed notes on a consolidated text: "[Điều này bị bãi bỏ bởi Khoản 5
Điều 69 Nghị định 282/2025/NĐ-CP …]". Dates of effect ("Thông tư này có
hiệu lực thi hành kể từ ngày 15 tháng 7 năm 2015", "… hết hiệu lực …") are
relations without a number.

A number named in the description of another document ("Căn cứ Nghị định
số 101/2020/NĐ-CP sửa đổi, bổ sung Nghị định số 123/2016/NĐ-CP") is not a
relation of this one: only the first number of each listed reference counts.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from indexer.extract.layout import PAGE_HEADER
from indexer.extract.links import expiry
from indexer.extract.links.citations import NUMBER_RE, iso_date
from indexer.extract.links.expiry import DOC as _DOC
from indexer.extract.links.expiry import SUBJECT_TAIL as _SUBJECT_TAIL
from indexer.extract.links.expiry import ending as _ending
from indexer.extract.links.expiry import expired_relations as _expired_relations
from indexer.extract.links.expiry import relation as _relation
from indexer.extract.links.rank import may_end
from indexer.text import joined_codes, number_key

TYPES = ("can_cu", "thuc_hien", "huong_dan", "sua_doi", "thay_the", "bai_bo", "dinh_chinh",
         "hieu_luc", "het_hieu_luc", "hop_nhat")
_BRACKET = re.compile(r"\[([^\[\]]{10,3000})\]")
_PASSIVE = re.compile(
    r"(được hướng dẫn|bị bãi bỏ|bị thay thế|bị hủy bỏ|được sửa đổi(?:,? bổ sung)?|được bổ sung|"
    r"được đính chính|bị đình chỉ)[^\[\]]{0,40}?\bbởi\b", re.I)
_PASSIVE_TYPE = {"được hướng dẫn": "huong_dan", "bị bãi bỏ": "bai_bo", "bị thay thế": "thay_the",
                 "bị hủy bỏ": "bai_bo", "được sửa đổi": "sua_doi", "được bổ sung": "sua_doi",
                 "được đính chính": "dinh_chinh", "bị đình chỉ": "bai_bo"}
_OPENERS = {
    "can_cu": re.compile(r"^\s*[-+•]?\s*Căn cứ\b", re.I),
    "thuc_hien": re.compile(r"^\s*[-+•]?\s*(?:V/v\s+|Về việc\s+)?(?:Để|Nhằm)?\s*(?:tiếp tục\s+)?"
                            r"(?:Thực hiện|Triển khai|Thi hành)\b", re.I),
}
# Words that start the description of the reference just named: numbers after them are its business.
_DESCRIPTION = re.compile(
    r"\b(?:về|v/v|quy định|hướng dẫn|sửa đổi|bổ sung|thay thế|bãi bỏ|ban hành|đề nghị|yêu cầu|chỉ đạo|"
    r"triển khai|thực hiện|tại|theo|đối với|trong|giao|phê duyệt|kèm theo)\b", re.I)
_ACTIVE = [
    ("sua_doi", re.compile(r"\b(?:sửa đổi,?\s*(?:và\s*)?bổ sung|sửa đổi|bổ sung)\b", re.I)),
    ("thay_the", re.compile(r"\bthay thế\b", re.I)),
    ("bai_bo", re.compile(r"\b(?:bãi bỏ|hủy bỏ)\b", re.I)),
    ("dinh_chinh", re.compile(r"\bđính chính\b", re.I)),
    ("huong_dan", re.compile(r"\b(?:hướng dẫn(?: thi hành| thực hiện| chi tiết)?|quy định chi tiết)\b", re.I)),
]
# After the verb: optional parts of the target ("Điều 57, khoản 2 của"), then the document and its number.
_PARTS = r"(?:điều|khoản|điểm|phụ lục|mục|chương|cụm từ|biểu|mẫu|nội dung|quy định|lỗi|sai sót)"
_TARGET = re.compile(
    r"^[\s,]*(?:(?P<part>(?:một số |các )?" + _PARTS + r"\b[^.;:\[\]]{0,160}?)"
    r"\s+(?:(?:của|tại|(?:được\s+)?(?:ban hành\s+)?kèm theo)\s+)?)?"
    r"(?:các\s+|của\s+)?" + _DOC + r"\b[^.;:\[\]\d]{0,140}?(?:số\s*)?$", re.I)
# A document of another document ('Quyết định cho nhập quốc tịch Việt Nam của Nghị định 78/2009/NĐ-CP'): the
# number is the owner's, and the owner is not what the verb acts on.
_OWNER = re.compile(r"\bcủa\s+" + _DOC + r"\b", re.I)
_EFFECT = re.compile(  # 'Nghị quyết này đã được … thông qua ngày … và có hiệu lực thi hành kể từ ngày …' too
    r"\bnày\s+(?:(?!\d+/)[^.;]){0,140}?(?P<kind>có hiệu lực|hết hiệu lực)(?: thi hành)?"
    r"(?:\s+(?:kể\s+)?từ|\s+(?:kể\s+)?)?\s+"
    r"(?:ngày\s+)?(?P<date>ký|(?:\d{1,2})\s*(?:tháng|/|-|\.)\s*\d{1,2}\s*(?:năm|/|-|\.)\s*\d{4})", re.I)
_EFFECT_AFTER = re.compile(r"\bnày\s+có hiệu lực(?: thi hành)?\s+sau\s+(\d{1,3})\s+ngày\s+(?:kể\s+)?từ\s+ngày\s+ký",
                           re.I)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*(?:tháng|/|-|\.)\s*(\d{1,2})\s*(?:năm|/|-|\.)\s*(\d{4})")
_SUBJECT_OF_THIS = re.compile(_DOC + r"\s+này\s*$|\bnày\s*,?\s*$", re.I)
_CONSOLIDATED = re.compile(r"\bVBHN\b|VĂN BẢN HỢP NHẤT")
_IN_A_TITLE = re.compile(r"ban hành\s+" + _DOC + r"\s*$", re.I)
_PASSIVE_VOICE = re.compile(r"\b(?:được|bị)\s*$", re.I)
# 'Trường hợp có sự sửa đổi, bổ sung hoặc thay thế Thông tư số 05/2016/TT-BTTTT thì thực hiện theo quy định
# mới', '… trừ trường hợp phải bãi bỏ Quyết định …': a condition, no statement. The verb is conditional when
# 'trường hợp' or 'nếu' stands before it in its clause with no 'và' between ('… có hiệu lực … trừ trường
# hợp quy định tại khoản 2 Điều này và thay thế Thông tư 31/2015/TT-NHNN' states the replacement).
_CONDITION = re.compile(r"\b(?:trường hợp|nếu)\b(?:(?!\svà\s)[^.;:])*$", re.I)
_LIST_VERB = re.compile(
    r"\b(thay thế|bãi bỏ)\s+(?:các|những|một số)\s+[^:;.]{0,60}:|"
    r"\b(?:các|những)\s+(?:" + _DOC + r"|văn bản|quy định)[^:;.]{0,40}?\s(hết hiệu lực)[^:;.]{0,80}:", re.I)
_FIRST_ARTICLE = re.compile(r"^\s*Điều\s+1\s*[.:]?(?:\s|$)")
_THIS_DOC = re.compile(r"^\s*(?:\d+\.\s*)?(" + _DOC + r")\s+này\b", re.I)
_BASIS = re.compile(r"^\s*[-+•]?\s*Căn cứ\s+(?:vào\s+)?(?:(?:các\s+)?quy định\s+(?:tại|của)\s+)?"
                    r"(?:(?:điều|khoản|điểm|chương|mục)\b[^;]{0,60}?\s+)?(?:các\s+)?" + _DOC, re.I)
# A listed item is a whole document only when it starts with one ("a) Nghị định số …"), not "- Mẫu … tại …".
_WHOLE_ITEM = re.compile(r"^\s*(?:[a-zđ]\)\s*|\d+\.\s*|[-+•–]\s*)?(?:các\s+)?(?:" + _DOC + r"|số\s*\d)", re.I)
_AND_DOC = re.compile(r"\svà\s+" + _DOC + r"\s+(?:số\s*)?$", re.I)
_PART_CLAUSE = re.compile(r"^\s*(?:điều|khoản|điểm|cụm từ|phụ lục)\b", re.I)
_HISTORY = re.compile(r"\bđã được\b|\bđược sửa đổi\b", re.I)
_FORM = re.compile(r"\b(?:mẫu|biểu)(?:\s+số)?\s*$", re.I)
_SUBJECT_LINE = re.compile(r"^\s*(?:V/v|Về việc)\b", re.I)
# What cannot be the rest of a wrapped subject: the place and date, Kính gửi, a heading, the body.
_NEW_PART = re.compile(r"^\s*(?:[^,]{2,40},\s*ngày\b|Kính gửi|Căn cứ|Thực hiện|[A-ZĐ]{2,}\s+[A-ZĐ]{2,}|\d+\.\s)")
def _listed_numbers(segment: str) -> list[str]:
    """The numbers of the references listed in a segment, not those in their descriptions."""
    out: list[str] = []
    last_end = None
    for match in NUMBER_RE.finditer(segment):
        if not re.search(r"[A-Za-zĐđ]", match.group(1)) or _FORM.search(segment[max(0, match.start() - 12):
                                                                                 match.start()]):
            continue
        if last_end is not None and _DESCRIPTION.search(segment[last_end:match.start()]):
            continue
        out.append(match.group(1))
        last_end = match.end()
    return out


def _opening_relations(paragraph: str) -> list[dict[str, Any]]:
    """'Căn cứ …' and 'Thực hiện …' paragraphs: one relation per listed reference."""
    for kind, opener in _OPENERS.items():
        if not opener.match(paragraph):
            continue
        if kind == "can_cu" and not _BASIS.match(paragraph):
            return []  # 'Căn cứ thông tin tại Bản kê …': an instruction, not a legal basis
        clause = re.split(r"(?<=[.:])\s|,\s+(?=[A-ZĐ][^\s]*\s+(?:[A-ZĐ]|đề nghị|yêu cầu))", paragraph)[0]
        out = []
        for segment in re.split(r";", clause):
            out += [_relation(kind, n, "out", "whole", segment) for n in _listed_numbers(segment)]
        return out
    return []


def _passive_relations(note: str) -> list[dict[str, Any]]:
    """A portal's bracketed note: '[Khoản này được hướng dẫn bởi Điều 16 Nghị định 96/2015/NĐ-CP …]'."""
    out = []
    for match in _PASSIVE.finditer(note):
        verb = match.group(1).lower()
        before = note[max(0, match.start() - 80):match.start()]
        if re.search(r"\bnay\s*$", before) or NUMBER_RE.search(before):
            continue  # '… tại Thông tư 38/2015/TT-BTC nay được sửa đổi bởi …': about the guiding text
        kind = next(v for k, v in _PASSIVE_TYPE.items() if verb.startswith(k))
        rest = note[match.end():]
        cut = re.search(r"có hiệu lực|\(|được hướng dẫn|bị bãi bỏ|bị thay thế|được sửa đổi|\.", rest)
        rest = rest[:cut.start()] if cut else rest
        for number in _listed_numbers(rest)[:1]:
            out.append(_relation(kind, number, "in", "part", note))
    return out


def _active_relations(sentence: str) -> list[dict[str, Any]]:
    """'Nghị định này thay thế Nghị định số …', 'Bãi bỏ Điều 57 của Luật … số …' and the like."""
    out = []
    for kind, verb in _ACTIVE:
        for match in verb.finditer(sentence):
            before = sentence[max(0, match.start() - 160):match.start()]
            if _IN_A_TITLE.search(before) or _PASSIVE_VOICE.search(before) or _CONDITION.search(before):
                continue
            # The actor is another document when a number stands between the clause start and the verb.
            clause_start = max(before.rfind(";"), before.rfind(":"), before.rfind("."))
            if NUMBER_RE.search(before[clause_start + 1:]) and not _SUBJECT_OF_THIS.search(before):
                continue
            after = sentence[match.end():match.end() + 320]
            number = NUMBER_RE.search(after)
            if not number or not re.search(r"[A-Za-zĐđ]", number.group(1)):
                continue
            lead = after[:number.start()]
            if lead.count("“") > lead.count("”") or _FORM.search(lead[-12:]):
                continue  # a number inside the quoted new wording, or a form's code ('Mẫu số 01a/TB')
            target = _TARGET.match(after[:number.start()])
            if not target or (not target.group("part") and _OWNER.search(lead, 1)):
                continue  # 'hủy bỏ Quyết định cho nhập quốc tịch … của Nghị định 78/2009/NĐ-CP': the decree's number
            kept, until = _ending(after[number.end():].split(";", 1)[0])  # '…, trừ Điều 20': in part
            scope = "part" if target.group("part") or re.search(r"một phần|một số điều", after[:number.start()]) \
                else kept
            out.append(_relation(kind, number.group(1), "out", scope, sentence, until))
            previous, previous_named = number, True
            first_family = expiry.family(after, number.start())
            # '(sau đây gọi là Quyết định số 27/2013/QĐ-TTg)' names the target again: blanked, places kept
            plain = expiry.ASIDE.sub(lambda aside: " " * len(aside.group()), after)
            for more in NUMBER_RE.finditer(plain, number.end()):  # '… và Quyết định số 19/2011/QĐ-TTg …'
                said = plain[number.end():more.start()]
                if _HISTORY.search(said):
                    break  # '… đã được sửa đổi, bổ sung theo Luật số …, Luật số … và Luật số …': its history
                same = expiry.next_in_list(plain, previous, more, plain[previous.end():more.start()], first_family,
                                    previous_named)
                named = previous_named if same else bool(same is None and _AND_DOC.search(said))
                if named:
                    out.append(_relation(kind, more.group(1), "out", kept, sentence, until))
                previous, previous_named = more, named
    return out


def _listed_targets(paragraph: str, following: list[str]) -> list[dict[str, Any]]:
    """'… này thay thế các Nghị định: số 154/2005/NĐ-CP …; số 87/2012/NĐ-CP …' (or one per following line)."""
    match = _LIST_VERB.search(paragraph)
    if not match:
        return []
    verb = (match.group(1) or match.group(2)).lower()
    kind = "bai_bo" if verb == "bãi bỏ" else "thay_the"
    rest = paragraph[match.end():].strip()
    items = re.split(r";", rest) if rest else []
    if not rest:
        for line in following:
            if not re.match(r"^\s*(?:[a-zđ]\)|[-+•–]|\d+\.\d)", line):
                break
            items.append(line)
    out = []
    for raw in items:
        # a portal's note ('[Điểm này bị bãi bỏ bởi … 175/2024/NĐ-CP]') and a quoted new wording
        # ('bằng cụm từ “… Nghị định số 151/2025/NĐ-CP”') name other documents, not the target
        item = _QUOTED.sub(" ", _BRACKET.sub(" ", raw))
        kept, until = _ending(item)
        scope = kept if _WHOLE_ITEM.match(item) else "part"
        history = _SUBJECT_TAIL.search(item)  # '… ban hành ngày 22/6/1994 đã được sửa đổi … theo Luật số …'
        named = item[:history.start()] if history else item
        out += [_relation(kind, n, "out", scope, raw, until) for n in _listed_numbers(named)[:1]]
    return out


def _effect_dates(sentence: str, issued: str | None) -> list[dict[str, Any]]:
    """'… này có hiệu lực (thi hành) (kể) từ ngày 15 tháng 7 năm 2015', '… từ ngày ký',
    '… sau 45 ngày kể từ ngày ký'."""
    out = []
    for match in _EFFECT.finditer(sentence):
        kind = "hieu_luc" if match.group("kind").lower() == "có hiệu lực" else "het_hieu_luc"
        raw = match.group("date")
        if raw.lower() == "ký":
            date = issued
        else:
            parts = _DAY_MONTH_YEAR.match(raw)
            date = iso_date(*parts.groups()) if parts else None
        if date:
            out.append(_relation(kind, None, "out", "whole", sentence, date))
    later = _EFFECT_AFTER.search(sentence)
    if later and issued and not out:  # '… có hiệu lực thi hành sau 45 ngày kể từ ngày ký'
        date = (dt.date.fromisoformat(issued) + dt.timedelta(days=int(later.group(1)))).isoformat()
        out.append(_relation("hieu_luc", None, "out", "whole", sentence, date))
    return out


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+(?=[A-ZĐ0-9\-+•a-zđ])", paragraph) if s.strip()]


def _goes_on(previous: str, line: str) -> bool:
    """A line cut mid-sentence ('Căn cứ Nghị định số 59/2018/NĐ-CP ngày 20 tháng 4 năm 2018' /
    'của Chính phủ sửa đổi …'): the previous line ends no sentence and this one goes on in lower case."""
    previous, line = previous.rstrip(), line.lstrip()
    return (bool(previous) and not re.search(r"[.;:!?…\]]$", previous) and line[:1].islower()
            and not re.match(r"[a-zđ](?:\.\d+)*[.)]\s", line))


_CUT_NUMBER = re.compile(r"\d+(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*[-/]$")
_CODE_START = re.compile(r"^[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*\b")


_QUOTED = re.compile(r"[“\"][^“”\"]*[”\"]")  # no opening quote inside: an unclosed “ costs one scan, not one per “


def _joined(lines: list[str]) -> list[str]:
    """Lines cut after a comma belong to the next one ('Bãi bỏ Khoản 2 Điều 4, Điều 6,' / 'Điều 7 …'),
    and so do the lines of a wrapped "V/v" subject, up to the blank line after it. A number cut at
    the line end ('Thông tư số 21/2021/TT-' / 'BTC ngày …') is glued back whole, and a sentence cut
    by a gazette page break (blank lines and the 'CÔNG BÁO/Số …' header) goes on after it."""
    out: list[str] = []
    gap = False  # blank lines or a page header since the last text line
    for raw in lines:
        line = "" if PAGE_HEADER.match(raw) else joined_codes(raw)  # '388/2003/NQ - UBTVQH11'
        if not line.strip():
            gap = bool(out)
            if not out or out[-1].strip():
                out.append(line)
            continue
        last = next((i for i in range(len(out) - 1, -1, -1) if out[i].strip()), None)
        previous = out[last].rstrip() if last is not None else ""
        if last is not None and _CUT_NUMBER.search(previous) and _CODE_START.match(line.lstrip()):
            del out[last + 1:]
            out[last] = previous + line.strip()
        elif last is not None and gap and _goes_on_after_break(previous, line):
            del out[last + 1:]
            out[last] = f"{previous} {line.strip()}"
        elif out and not gap and line.strip() and (
                previous.endswith(",") or _wrapped_subject(out[-1], line) or _goes_on(out[-1], line)):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        gap = False
    return out


_DOC_REFERENCE = re.compile(r"^\s*" + _DOC + r"\s+(?:số\s*)?\d")


def _goes_on_after_break(previous: str, line: str) -> bool:
    """Across a page break a sentence goes on in lower case, or with the next document of a list
    cut after its comma ('… Luật số 43/2024/QH15,' / 'Luật số 57/2024/QH15 và …')."""
    listed = previous.endswith(",") and not previous.lstrip().startswith(("-", "+", "•", "–"))
    return _goes_on(previous, line) or (listed and bool(_DOC_REFERENCE.match(line)))


def _wrapped_subject(previous: str, line: str) -> bool:
    return (bool(_SUBJECT_LINE.match(previous)) and len(previous) < 200 and len(line) < 90
            and not _NEW_PART.match(line))


def _other_subject(sentence: str, doc_type: str | None) -> bool:
    """'Luật này thay thế …' in a công văn: the subject is the law it speaks of, not this document."""
    match = _THIS_DOC.search(sentence)
    return bool(match and doc_type and match.group(1).lower() != doc_type.lower()
                and not doc_type.lower().startswith(match.group(1).lower()))


_DATE_IN_SENTENCE = re.compile(r"\b(?:kể\s+)?từ\s+ngày\s+(" + _DAY_MONTH_YEAR.pattern + r")", re.I)
_ACTS = ("thay_the", "bai_bo", "sua_doi", "dinh_chinh")
_ENDS = ("thay_the", "bai_bo")


def _dated(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every status carries its date: the one its sentence gives ('… hết hiệu lực từ ngày 01/7/2025'),
    else the day this document takes effect (a replacement takes effect with the replacing text)."""
    effect = next((r["date"] for r in found if r["type"] == "hieu_luc" and r["date"]), None)
    out = []
    for rel in found:
        if rel["type"] in _ACTS and rel["direction"] == "out" and rel["date"] is None:
            given = _DATE_IN_SENTENCE.search(rel["text"])
            rel = {**rel, "date": iso_date(*given.groups()[1:]) if given else effect}
        out.append(rel)
    return out


def find_relations(text: str, own_number: str | None = None, issued: str | None = None,
                   doc_type: str | None = None) -> list[dict[str, Any]]:
    """Every typed relation the text states, first statement kept, never to its own number.

    Each: {type, number, direction ('out': this document acts on the number;
    'in': the number acts on this one), scope ('whole' | 'part'), date (for
    effect dates), text (the sentence that says so)}.
    """
    own = number_key(own_number) if own_number else None
    # A consolidated text restates the provisions of the documents it merges: their
    # statements (bases, amendments, dates of effect) are theirs, not its own.
    consolidated = bool(_CONSOLIDATED.search(text[:3000]))
    found: list[dict[str, Any]] = []
    paragraphs = _joined(text.split("\n"))
    articles = [i for i, p in enumerate(paragraphs) if _FIRST_ARTICLE.match(p)]
    preamble_end = articles[0] if articles else len(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if not paragraph.strip():
            continue
        for note in _BRACKET.findall(paragraph):
            found += _passive_relations(note)
        if consolidated:
            continue
        plain = _BRACKET.sub(" ", paragraph)
        opening = _opening_relations(plain)
        if opening or (index > preamble_end and any(o.match(plain) for o in _OPENERS.values())):
            found += opening if index < preamble_end else []
            continue
        if _other_subject(plain, doc_type):
            continue
        listed = _listed_targets(plain, paragraphs[index + 1:index + 30])
        if listed:
            found += listed + _effect_dates(plain, issued)
            continue
        verb: str | None = None  # 'Bãi bỏ Điều 57 của Luật … số 66/2006/QH11; Điều 2 của Luật số 34/2009/QH12 …'
        sentences = _sentences(plain)
        for at, sentence in enumerate(sentences):
            if _other_subject(sentence, doc_type):
                continue
            active = _active_relations(sentence)
            if not active and verb and _PART_CLAUSE.match(sentence):
                active = [{**r, "scope": "part"} for r in _active_relations(f"{verb} {sentence}")]
            if active and sentence.rstrip().endswith(";"):
                verb = next((v for v in ("bãi bỏ", "thay thế") if v in sentence.lower()), None)
            elif not sentence.rstrip().endswith(";"):
                verb = None
            expired = _expired_relations(sentence, expiry.listed_before(sentences, at))
            if expired and expiry.EXCEPT_LIST.search(sentence):  # '…, trừ trường hợp sau đây:' and its items
                expired = expiry.kept_by_items(expired, paragraphs[index + 1:index + 1 + expiry.ITEMS_READ])
            found += active + expired + _effect_dates(sentence, issued)
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rel in _dated(found):
        key_number = number_key(rel["number"]) if rel["number"] else None
        if key_number and key_number == own:
            continue
        if (rel["type"] in _ENDS and rel["direction"] == "out" and rel["scope"] == "whole"
                and not may_end(own_number, doc_type, rel["number"])):
            continue  # a thông tư ending a decision of the Prime Minister: a misread subject, not a status
        key = (rel["type"], rel["direction"], key_number)
        if key not in out:
            out[key] = rel
        elif rel["scope"] == "whole" and out[key]["scope"] == "part":
            out[key] = {**out[key], "scope": "whole"}
    return list(out.values())
