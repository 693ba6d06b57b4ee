"""Versions of one law as one family: the law, its earlier and later laws of the same name, the laws
amending it and its consolidated texts (văn bản hợp nhất of the Văn phòng Quốc hội).

A family is one result: its current member (the newest law of that name, else the newest
consolidated text) is the index document; the others are its `versions` ("phiên bản khác"),
each kept whole so that its own page still shows its own text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from indexer.record import Record
from indexer.text import fold

LAWS = {"Luật", "Bộ luật", "Pháp lệnh"}
VBHN = "Văn bản hợp nhất"
_AMENDS = re.compile(r"^sua doi,? bo sung (?:mot so dieu cua )?(?:luat|bo luat|phap lenh) ")
_TAIL = re.compile(r"\s+(?:so\s+\S+.*|cua quoc hoi.*|nam \d{4}.*)$")
_NOT_A_NAME = re.compile(r"^(cua\b|so\s*[:\d]|quoc hoi nuoc|ngay\s*\d)")
ROLES = {"law": "luật", "amends": "luật sửa đổi, bổ sung", "consolidated": "văn bản hợp nhất"}


def family_key(record: Record) -> tuple[str, str] | None:
    """(the law's folded name, the record's role in its family), or None for a document of no family."""
    if not record.subject or record.doc_type not in LAWS | {VBHN}:
        return None
    if record.doc_type == VBHN and "VPQH" not in (record.number or ""):
        return None  # a consolidated decree or circular: its family is not named by its subject
    name = re.sub(r"\s+", " ", fold(record.subject).lower()).strip()
    role = "consolidated" if record.doc_type == VBHN else "law"
    amended = _AMENDS.sub("", name)
    if amended != name:
        role, name = "amends", amended
    name = _TAIL.sub("", name).strip(" ,.")
    if not name or "," in name or ";" in name or " va luat " in name or len(name.split()) > 15 \
            or _NOT_A_NAME.match(name):
        return None  # several laws amended at once, or a subject that is not a name ("Của Quốc hội nước")
    return name, role


def _order(entry: Record) -> tuple[int, str]:
    """Current first: the newest law, then consolidated texts newest first, then amending laws."""
    key = family_key(entry)
    rank = {"law": 0, "consolidated": 1, "amends": 2}[key[1]] if key else 3
    return rank, "".join(chr(0x10FFFF - ord(c)) for c in (entry.date or ""))


def version(entry: Record) -> dict[str, Any]:
    """One other version as its family's head carries it: listed by title, number and date, kept whole."""
    key = family_key(entry)
    return {"id": entry.id, "title": entry.title, "doc_type": entry.doc_type, "number": entry.number,
            "date": entry.date, "role": ROLES[key[1]] if key else None, "record": entry.as_dict()}


def families(entries: list[Record]) -> list[Record]:
    """The entries with each family folded into its current member (others in its `versions`)."""
    by_name: dict[str, list[Record]] = {}
    out: list[Record] = []
    for entry in entries:
        key = family_key(entry)
        if key is None:
            out.append(entry)
        else:
            by_name.setdefault(key[0], []).append(entry)
    for members in by_name.values():
        members.sort(key=_order)
        head, others = members[0], members[1:]
        out.append(replace(head, versions=[version(o) for o in others]) if others else head)
    return out
