"""The number a file's name gives a text that states none.

A gazette text whose header block was left out starts at "NGHỊ ĐỊNH": its number
is nowhere in it. Portals and offices name such files after the number
("Nghị_định_19_2019_NĐ-CP.txt", "Quyết_định_1056_QĐ-CT.docx"). A wrong number
shown is worse than none, so the name's number is taken only when the text
agrees with it: the kind its code names is the text's kind (a draft circular
named after the decree it implements, "…hướng_dẫn…Nghị_định_119_2014_NĐ-CP",
is a circular: no), its year is the text's year when both are known, and the
text does not relate to it as to another document ("Căn cứ Nghị định số …",
"hướng dẫn …", "thay thế …": a document does none of these to itself; a portal's
note naming the text's own number is no such relation). The record then says
"số lấy từ tên tệp", as a scan's does.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from indexer.extract.doctype import kinds_of_number
from indexer.extract.links.relations import find_relations
from indexer.text import NUMBER_RE, number_key

# '19_2019_NĐ-CP', '1056_QĐ-CT', '132_2020_QH14', '102_2017_NÐ-CP' (a look-alike Đ) inside a file's name.
_NAMED = re.compile(r"(?<![\dA-Za-z])(\d{1,5})[_ ](?:(\d{4})[_ ])?"
                    r"([A-ZĐÐ][A-Za-zĐÐđ]*(?:-[A-ZĐÐ][A-Za-zĐÐđ0-9]*)+|(?:UBTV)?QH\d{1,2})(?![A-Za-z])")


_YEAR_IN_NUMBER = re.compile(r"^\d{1,5}/((?:19|20)\d{2})/")


def named_number(source: str, doc_type: str | None, date: str | None, text: str) -> str | None:
    """The number in the file's name, when the text's kind, year and citations agree with it; else None."""
    match = _NAMED.search(PurePath(source).stem)
    if not match or not doc_type:
        return None
    digits, year, code = match.groups()
    number = "/".join(p for p in (digits, year, code.replace("Ð", "Đ")) if p)
    if not NUMBER_RE.fullmatch(number) or doc_type not in kinds_of_number(number):
        return None
    if year and date and date[:4] != year:
        return None
    key = number_key(number)
    relations = find_relations(text, doc_type=doc_type)
    if any(rel["number"] and number_key(rel["number"]) == key for rel in relations):
        return None  # the text bases itself on it, guides, amends or replaces it: another document
    if year and not date and not _possible_year(int(year), relations):
        return None
    return number


def _possible_year(year: int, relations: list[dict]) -> bool:
    """With no date of its own, a text is no older than the newest document it is based on ("Căn cứ …":
    a portal's notes cite later amendments, a basis never comes later) and no younger than the day it
    takes effect."""
    cited = [int(m.group(1)) for rel in relations if rel["type"] == "can_cu" and rel["number"]
             for m in _YEAR_IN_NUMBER.finditer(rel["number"])]
    effect = [int(rel["date"][:4]) for rel in relations if rel["type"] == "hieu_luc" and rel.get("date")]
    return (not cited or year >= max(cited)) and (not effect or year <= min(effect))
