"""Which documents a document may end: the ranks of Luật Ban hành văn bản quy phạm pháp luật.

A document is replaced, repealed or ended only by its issuer or a higher authority: a
minister's thông tư never ends a decision of the Prime Minister, a decree never ends a
law. So a claim that a lower document ends a higher one is a misreading of the sentence
("Thông tư liên tịch số 14/2008/TTLT-… hướng dẫn … Quyết định số 71/2005/QĐ-TTg … và
Quyết định số 15/2008/QĐ-TTg … hết hiệu lực" ends the joint circular, which guides both
decisions; it is no subject of the verb). The rank comes from the issuing body's code in
the number (QH, UBTVQH, CP, TTg, a ministry's B…, UBND); a code of no known rank gives
none, and then nothing is ruled out.
"""

from __future__ import annotations

import functools
import re

from indexer.extract.doctype import SHARED_CODES
from indexer.words import vocab

# Lower is higher. Quốc hội; its Standing Committee and the President; the Government; the Prime
# Minister; ministers, the State Bank, the supreme court and procuracy; provincial councils and committees.
_RANKS = (
    (re.compile(r"^(?:UBTVQH|CTN)\d*$"), 2),
    (re.compile(r"^QH\d*$"), 1),
    (re.compile(r"^CP$"), 3),
    (re.compile(r"^TTG$"), 4),
    (re.compile(r"^(?:B[A-ZĐ]{1,10}|NHNN\d*|TANDTC|VKSNDTC|KTNN|TTCP|UBDT|VPCP)$"), 5),
    (re.compile(r"^(?:UBND|HĐND)$"), 6),
)
_BY_TYPE = {"luật": 1, "bộ luật": 1, "pháp lệnh": 2, "lệnh": 2, "nghị định": 3, "thông tư": 5,
            "thông tư liên tịch": 5}


@functools.cache
def _kind_codes() -> frozenset[str]:
    """A number's code opens with the document's kind ('QĐ-', 'BC-'), which is no body ('BC' is no ministry):
    the codes of the type vocabulary, but for the Quốc hội's, which name the body too."""
    return frozenset(code.upper() for code in vocab.doc_types()["codes"]) - set(SHARED_CODES)


def rank(number: str | None, doc_type: str | None = None) -> int | None:
    """The issuing body's rank (1 Quốc hội … 6 a province), from the number's code, else the type. A joint
    document ('NQLT/UBTVQH15-CP-…', 'TTLT-BTC-BTP') ranks as its highest issuer."""
    if number and "/" in number:
        tokens = [t for part in number.upper().split("/")[1:] for t in part.split("-")]
        ranks = [value for token in tokens if token not in _kind_codes()
                 for pattern, value in _RANKS if pattern.match(token)]
        if ranks:
            return min(ranks)
    return _BY_TYPE.get((doc_type or "").lower())


def may_end(own_number: str | None, own_type: str | None, target: str) -> bool:
    """Can a document of this number (or type) end the target? Unknown ranks rule nothing out."""
    own, other = rank(own_number, own_type), rank(target)
    return own is None or other is None or other >= own
