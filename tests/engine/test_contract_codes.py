"""A word glued to a number is still a word: both engines find a marked syllable inside a code.

"mức chuẩn/01 người" and "2.Chế độ" are cut as codes (one token each, so
"2973/UBND-VXNV" stays findable whole); their syllables must still match a
word typed with marks exactly as they match it typed without. On 10,000 pháp
điển articles Whoosh counted 1–4 documents fewer than OpenSearch for 12 of
180 bench queries ("chuẩn": 1,494 against 1,498): its marked view left out a
code's parts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from indexer.engine import Clause, Engine, QuerySpec, SearchSpec
from indexer.record import Record

RECORDS = [
    Record(id="glued", source="glued.txt", subject="Mức hưởng trợ cấp",
           text="Mức chi bằng 0,9 lần mức chuẩn/01 người/01 lần.\n2.Chế độ thông tin, báo cáo."),
    Record(id="apart", source="apart.txt", subject="Chuẩn nghèo", text="Mức chuẩn nghèo và chế độ hỗ trợ."),
    Record(id="other", source="other.txt", subject="Giá cá", text="Giá cá tăng mạnh."),
]


@pytest.fixture()
def collection(engine_factory: Callable[[list[Record]], tuple[Engine, Any]]) -> Engine:
    engine, _ = engine_factory(RECORDS)
    return engine


@pytest.mark.parametrize("word", ["chuẩn", "chế"])
@pytest.mark.parametrize("accents", ["exact", "fold"])
def test_a_marked_word_inside_a_code_is_found_with_or_without_exact_marks(collection: Engine, word: str,
                                                                          accents: str) -> None:
    spec = QuerySpec(groups=((Clause("word", (word,)),),), runs=((word,),), accents=accents)
    result = collection.search(SearchSpec(query=spec, limit=10, facets=()))
    assert {hit.id for hit in result.hits} == {"glued", "apart"}
    assert result.total == 2
