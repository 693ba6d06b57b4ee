"""The engine contract: what every implementation of indexer.engine must do, seen from outside.

Each test builds a small collection of hand-made records through a Writer
and asks the Engine; conftest.py runs every test on every implementation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from indexer.engine import Clause, Engine, QuerySpec, SearchSpec
from indexer.record import Record


def word(text: str) -> tuple[Clause, ...]:
    return (Clause("word", (text,)),)


def words(text: str) -> tuple[tuple[Clause, ...], ...]:
    return tuple(word(w) for w in text.split())


def phrase(text: str) -> tuple[Clause, ...]:
    return (Clause("phrase", tuple(text.split())),)


def query(text: str = "", **kwargs: object) -> QuerySpec:
    return QuerySpec(groups=words(text), runs=(tuple(text.split()),) if text else (), **kwargs)


RECORDS = [
    Record(id="a", source="a.txt", number="12/UBND-VX", doc_type="Công văn", issuer="Ủy ban nhân dân tỉnh Bắc Kạn",
           issuer_level="tỉnh", date="2021-03-05", subject="Về việc cách ly tại nhà", topics=["y tế"],
           recipients=["Sở Y tế"], signer="Nguyễn Văn An",
           text="Thực hiện cách ly tại nhà đối với người trở về từ vùng dịch."),
    Record(id="b", source="b.txt", number="30/KH-UBND", doc_type="Kế hoạch", issuer="Sở Y tế", issuer_level="tỉnh",
           date="2021-07-10", subject="Kế hoạch tiêm vắc xin", topics=["y tế", "vắc xin"],
           cites=[{"number": "12/UBND-VX", "date": "2021-03-05"}],
           text="Tiêm vắc xin phòng Covid-19 cho người dân, căn cứ Công văn số 12/UBND-VX về cách ly."),
    Record(id="c", source="c.txt", number="45/TB-VPCP", doc_type="Thông báo", issuer="Văn phòng Chính phủ",
           issuer_level="trung ương", date="2022-01-20", subject="Thông báo về giá cá trên thị trường",
           topics=["kinh tế"], text="Giá cá tăng mạnh trên thị trường. Nhà nước theo dõi giá cá."),
    Record(id="d", source="d.txt", number="46/TB-VPCP", doc_type="Thông báo", issuer="Văn phòng Chính phủ",
           issuer_level="trung ương", date="2022-02-01", subject="Thông báo về giá cà phê",
           topics=["kinh tế"], text="Giá cà phê giảm. Giá cà phê xuất khẩu giảm mạnh."),
    Record(id="e", source="e.txt", doc_type="Công văn", issuer="Sở Y tế", issuer_level="tỉnh",
           subject="Về việc nhà ở tạm", text="Nhà ở tạm cho người lao động tại khu công nghiệp."),
]


@pytest.fixture()
def collection(engine_factory: Callable[[list[Record]], tuple[Engine, Any]]) -> Engine:
    engine, _ = engine_factory(RECORDS)
    return engine


def ids(engine: Engine, spec: SearchSpec) -> list[str]:
    return [hit.id for hit in engine.search(spec).hits]


def test_a_query_without_marks_finds_every_spelling_and_one_with_marks_ranks_its_own_first(collection: Engine) -> None:
    assert set(ids(collection, SearchSpec(query=query("cach ly")))) == {"a", "b"}
    folded = ids(collection, SearchSpec(query=query("gia ca")))
    assert set(folded) == {"c", "d"}
    assert ids(collection, SearchSpec(query=query("giá cá")))[0] == "c"
    assert ids(collection, SearchSpec(query=query("giá cà")))[0] == "d"


def test_exact_accents_match_only_the_marks_typed(collection: Engine) -> None:
    assert ids(collection, SearchSpec(query=query("cá", accents="exact"))) == ["c"]
    assert ids(collection, SearchSpec(query=query("cà", accents="exact"))) == ["d"]
    assert set(ids(collection, SearchSpec(query=query("ca", accents="exact")))) == {"c", "d"}


def test_a_phrase_needs_its_words_together_and_in_order(collection: Engine) -> None:
    assert ids(collection, SearchSpec(query=QuerySpec(groups=(phrase("tại nhà"),)))) == ["a"]
    assert ids(collection, SearchSpec(query=QuerySpec(groups=(phrase("nhà tại"),)))) == []
    assert set(ids(collection, SearchSpec(query=query("tại nhà")))) == {"a", "e"}


def test_excluded_words_and_phrases_remove_documents(collection: Engine) -> None:
    spec = QuerySpec(groups=words("giá"), exclude=(word("phê"),))
    assert ids(collection, SearchSpec(query=spec)) == ["c"]
    spec = QuerySpec(groups=words("nhà"), exclude=(phrase("nhà ở"),))
    assert set(ids(collection, SearchSpec(query=spec))) == {"a", "c"}  # "nhà ở" goes, "nhà" alone stays


def test_minimum_should_match_and_optional_groups(collection: Engine) -> None:
    three = words("vắc xin thị")
    assert ids(collection, SearchSpec(query=QuerySpec(groups=three))) == []
    assert ids(collection, SearchSpec(query=QuerySpec(groups=three, minimum_should_match=2))) == ["b"]
    assert set(ids(collection, SearchSpec(query=QuerySpec(groups=three, minimum_should_match=1)))) == {"b", "c"}
    # an optional group never narrows, it only ranks
    plain = ids(collection, SearchSpec(query=QuerySpec(groups=words("giá"))))
    boosted = ids(collection, SearchSpec(query=QuerySpec(groups=words("giá"), optional=words("phê"))))
    assert set(plain) == set(boosted) == {"c", "d"} and boosted[0] == "d"


def test_issuer_and_date_boosts_raise_documents_without_filtering(collection: Engine) -> None:
    # "người" is in a (Bắc Kạn), b and e (Sở Y tế): the issuer named goes first, the others stay.
    # Without the boost a cannot be both first and last, so each issuer needs its boost.
    for issuer, first in (("Ủy ban nhân dân tỉnh Bắc Kạn", {"a"}), ("Sở Y tế", {"b", "e"})):
        ranked = ids(collection, SearchSpec(query=query("người", boost_issuers=(issuer,))))
        assert sorted(ranked) == ["a", "b", "e"] and set(ranked[:len(first)]) == first, issuer
    base = query("giá")
    for target, period in (("c", ("2022-01-01", "2022-01-31")), ("d", ("2022-02-01", "2022-02-28"))):
        ranked = ids(collection, SearchSpec(query=QuerySpec(groups=base.groups, boost_dates=(period,))))
        assert set(ranked) == {"c", "d"} and ranked[0] == target


def test_a_document_number_finds_its_carrier_first_then_its_citers(collection: Engine) -> None:
    for typed in ("12/UBND-VX", "12/ubnd-vx"):
        spec = QuerySpec(groups=((Clause("number", (typed,)),),))
        assert ids(collection, SearchSpec(query=spec))[:2] == ["a", "b"]
        assert collection.carriers(typed) == ["a"]
        assert collection.cited_by(typed) == ["b"]
    assert collection.carriers("99/XX-YY") == [] and collection.cited_by("99/XX-YY") == []


def test_each_facet_leaves_its_own_selection_out_of_its_counts(collection: Engine) -> None:
    result = collection.search(SearchSpec(filters={"doc_type": ("Thông báo",)}))
    assert result.total == 2
    assert dict(result.facets["doc_type"]) == {"Công văn": 2, "Kế hoạch": 1, "Thông báo": 2}
    assert dict(result.facets["issuer"]) == {"Văn phòng Chính phủ": 2}
    assert dict(result.facets["topic"]) == {"kinh tế": 2}
    assert dict(result.facets["issuer_level"]) == {"trung ương": 2}
    assert dict(result.facets["date"]) == {"2022-01": 1, "2022-02": 1}
    both = collection.search(SearchSpec(filters={"doc_type": ("Thông báo", "Kế hoạch"), "issuer_level": ("tỉnh",)}))
    assert [hit.id for hit in both.hits] == ["b"]
    assert dict(both.facets["doc_type"]) == {"Công văn": 2, "Kế hoạch": 1}
    assert dict(both.facets["issuer_level"]) == {"tỉnh": 1, "trung ương": 2}
    everything = collection.search(SearchSpec())
    assert dict(everything.facets["recipient"]) == {"Sở Y tế": 1}
    assert dict(everything.facets["signer"]) == {"Nguyễn Văn An": 1}
    assert everything.facets["topic"] == [("kinh tế", 2), ("y tế", 2), ("vắc xin", 1)]  # ties in value order


def test_excluded_ids_are_gone_from_hits_total_and_every_facet(collection: Engine) -> None:
    hidden = frozenset({"c", "unknown-id"})  # an unknown id is ignored
    result = collection.search(SearchSpec(exclude_ids=hidden, filters={"doc_type": ("Thông báo",)}))
    assert (result.total, [hit.id for hit in result.hits]) == (1, ["d"])
    assert dict(result.facets["doc_type"]) == {"Công văn": 2, "Kế hoạch": 1, "Thông báo": 1}
    assert dict(result.facets["date"]) == {"2022-02": 1}
    found = collection.search(SearchSpec(query=query("giá"), exclude_ids=hidden))
    assert [hit.id for hit in found.hits] == ["d"] and found.total == 1
    assert collection.search(SearchSpec(query=query("giá"))).total == 2  # the same search without: both again


def test_undated_keeps_only_documents_that_state_no_date(collection: Engine) -> None:
    result = collection.search(SearchSpec(undated=True))
    assert (result.total, [hit.id for hit in result.hits]) == (1, ["e"])
    assert dict(result.facets["issuer"]) == {"Sở Y tế": 1} and dict(result.facets["date"]) == {}
    assert collection.search(SearchSpec(query=query("nhà"), undated=True)).total == 1
    assert collection.search(SearchSpec(query=query("giá"), undated=True)).total == 0


def test_date_ranges_are_inclusive_days(collection: Engine) -> None:
    spec = SearchSpec(date_from="2021-03-05", date_to="2022-01-20", sort="oldest")
    assert ids(collection, spec) == ["a", "b", "c"]
    assert ids(collection, SearchSpec(date_from="2022-01-21")) == ["d"]


def test_each_sort_order(collection: Engine) -> None:
    assert ids(collection, SearchSpec(sort="newest")) == ["d", "c", "b", "a", "e"]  # undated last
    assert ids(collection, SearchSpec(sort="oldest")) == ["a", "b", "c", "d", "e"]
    ranked = collection.search(SearchSpec(query=query("giá cá"), sort="relevance")).hits
    assert [h.score for h in ranked] == sorted((h.score for h in ranked), reverse=True)
    dated = collection.search(SearchSpec(query=query("giá"), sort="newest")).hits
    assert [h.id for h in dated] == ["d", "c"] and all(h.score is None for h in dated)


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_pages_add_up_to_the_whole_list(collection: Engine, sort: str) -> None:
    spec = QuerySpec(groups=words("về"), minimum_should_match=1) if sort == "relevance" else None
    whole = ids(collection, SearchSpec(query=spec, sort=sort, limit=10))
    paged = [i for k in range(0, 6, 2) for i in ids(collection, SearchSpec(query=spec, sort=sort, offset=k, limit=2))]
    assert paged == whole and len(whole) >= 3
    assert collection.search(SearchSpec(query=spec, sort=sort, offset=2, limit=2)).total == len(whole)


def test_similar_documents_share_distinctive_words(collection: Engine) -> None:
    found = collection.similar("c", 3)
    assert "c" not in found and found[0] == "d"
    assert collection.similar("unknown", 3) == []


def test_records_come_back_whole_and_unknown_ids_are_none(collection: Engine) -> None:
    assert collection.record("b") == RECORDS[1].as_dict()
    assert collection.record("zzz") is None
    assert [r["id"] for r in collection.records()] == ["a", "b", "c", "d", "e"]
    assert collection.count() == 5


def test_an_engine_answers_again_after_close(collection: Engine) -> None:
    before = ids(collection, SearchSpec(query=query("cach ly")))
    collection.close()
    assert ids(collection, SearchSpec(query=query("gia ca"))) and collection.record("a") is not None
    assert ids(collection, SearchSpec(query=query("cach ly"))) == before


def test_term_statistics_for_spelling(collection: Engine) -> None:
    assert collection.doc_frequency("cach") == 2
    assert collection.doc_frequency("zzz") == 0
    assert collection.pair_frequency("cach", "ly") == 2
    assert collection.pair_frequency("ly", "cach") == 0
    assert "cach" in collection.near_terms("cacb", 1)
    assert dict(collection.spellings("ca")) == {"cá": 1, "cà": 1}


def test_added_and_deleted_documents_are_seen_only_after_commit(engine_factory: Callable, writer_factory: Callable, reopen: Callable) -> None:
    engine, location = engine_factory(RECORDS[:2])
    extra = Record(id="z", source="z.txt", subject="Về việc phòng chống bão lũ", text="Phòng chống bão lũ.")
    writer = writer_factory(location)
    writer.add([extra])
    writer.delete(["a"])
    assert ids(engine, SearchSpec(query=query("bão"))) == [] and engine.record("a") is not None
    generation = engine.generation
    writer.commit()
    assert not engine.is_current()
    fresh = engine.reopen()
    assert fresh.generation != generation
    assert ids(fresh, SearchSpec(query=query("bão"))) == ["z"]
    assert fresh.record("a") is None and fresh.count() == 2
    assert reopen(location).count() == 2


def test_a_cancelled_writer_leaves_the_collection_unchanged(engine_factory: Callable, writer_factory: Callable, reopen: Callable) -> None:
    engine, location = engine_factory(RECORDS)
    for fresh in (False, True):
        writer = writer_factory(location, fresh=fresh)
        if not fresh:
            writer.delete(["a", "b"])
        writer.add([Record(id="z", source="z.txt", text="bão lũ")])
        writer.cancel()
        assert engine.is_current()
        assert [r["id"] for r in reopen(location).records()] == ["a", "b", "c", "d", "e"]
    with pytest.raises(RuntimeError), writer_factory(location) as writer:
        writer.delete(["a"])
        raise RuntimeError("a failure mid-update")
    assert reopen(location).record("a") is not None


def test_the_pipelines_notes_are_kept_with_the_commit(engine_factory: Callable, writer_factory: Callable, reopen: Callable) -> None:
    _, location = engine_factory(RECORDS[:1])
    with writer_factory(location) as writer:
        writer.set_sources({"a.txt": {"digest": "x1", "ids": ["a"]}})
    assert reopen(location).sources() == {"a.txt": {"digest": "x1", "ids": ["a"]}}


def test_an_empty_collection_answers_every_call(engine_factory: Callable) -> None:
    engine, _ = engine_factory([])
    result = engine.search(SearchSpec(query=query("cach ly"), filters={"issuer": ("Sở Y tế",)}, sort="newest"))
    assert (result.total, result.hits) == (0, [])
    assert all(not counts for counts in result.facets.values())
    assert engine.search(SearchSpec()).total == 0
    assert engine.count() == 0 and engine.record("a") is None and list(engine.records()) == []
    assert engine.similar("a", 3) == [] and engine.carriers("1/X") == [] and engine.cited_by("1/X") == []
    assert engine.doc_frequency("cach") == 0 and engine.near_terms("cach", 1) == [] and engine.spellings("ca") == []


MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
WORD_RECORDS = [
    Record(id="w1", source="w1.txt", subject="Về công tác hòa giải ở cơ sở", issuer="Sở Tư pháp",
           text=MOTTO + "Tổ hòa giải ở cơ sở thực hiện hòa giải các tranh chấp về văn hóa."),
    Record(id="w2", source="w2.txt", subject="Về việc giải quyết khiếu nại", issuer="Ủy ban nhân dân huyện",
           text=MOTTO + "Giải quyết khiếu nại của công dân."),
    Record(id="w3", source="w3.txt", subject="Về việc hóa giải mâu thuẫn", issuer="Sở Nội vụ",
           text="Hóa giải mâu thuẫn trong cộng đồng."),
    Record(id="w4", source="w4.txt", subject="Báo cáo tổng kết năm", issuer="Trung tâm Hòa giải Thương mại",
           text="Kết quả hoạt động năm."),
    Record(id="w5", source="w5.txt", subject="Kế hoạch năm hòa", issuer="Sở Xây dựng",
           text="giải thưởng xây dựng."),
]


def _with_fixed_parts(record: Record) -> Record:
    if record.text.startswith(MOTTO):
        record.fixed_parts = [[0, len(MOTTO) - 1]]
    return record


@pytest.fixture()
def word_collection(engine_factory: Callable[[list[Record]], tuple[Engine, Any]]) -> Engine:
    engine, _ = engine_factory([_with_fixed_parts(Record.from_dict(r.as_dict())) for r in WORD_RECORDS])
    return engine


@pytest.mark.parametrize(("accents", "expected"), [("fold", ["w1", "w3", "w4"]), ("exact", ["w1", "w4"])])
def test_a_word_of_two_syllables_matches_only_where_they_stand_together_in_any_field(
        word_collection, accents, expected) -> None:
    # w1 in its body and subject, w4 in its issuer; w2 holds "hòa" only in the motto and "giải" in
    # "giải quyết"; w5 ends its subject with "hòa" and starts its body with "giải" (no word across
    # fields); w3's "hóa giải" folds alike, so only marks ignored find it
    spec = QuerySpec(groups=(phrase("hòa giải"),), runs=(("hòa", "giải"),), accents=accents)
    assert sorted(ids(word_collection, SearchSpec(query=spec))) == expected


def test_a_word_typed_with_marks_matches_only_those_marks_when_exact(word_collection) -> None:
    # "hóa giải" (w3) folds like "hòa giải" (w1, which holds "hóa" too, in "văn hóa"): both found
    # without marks; as typed with marks, only where those marked syllables stand together
    folded = QuerySpec(groups=(phrase("hoa giai"),), accents="fold")
    exact = QuerySpec(groups=(phrase("hóa giải"),), accents="exact")
    assert "w3" in ids(word_collection, SearchSpec(query=folded))
    assert ids(word_collection, SearchSpec(query=exact)) == ["w3"]


def test_the_layouts_fixed_parts_are_not_searched_as_body(word_collection) -> None:
    for text in ("xã hội", "độc lập", "hạnh phúc"):
        spec = QuerySpec(groups=(phrase(text),), accents="exact")
        result = word_collection.search(SearchSpec(query=spec))
        assert result.total == 0, text
    assert word_collection.record("w2")["text"].startswith("CỘNG HÒA")  # still shown


def test_a_number_typed_as_staff_type_it_finds_its_carriers_first_then_its_citers(
        engine_factory: Callable[[list[Record]], tuple[Engine, Any]]) -> None:
    engine, _ = engine_factory([
        Record(id="nd", source="nd.txt", number="123/2024/NĐ-CP", doc_type="Nghị định", text="Nghị định."),
        Record(id="tt", source="tt.txt", number="123/2024/TT-BTC", doc_type="Thông tư", text="Thông tư."),
        Record(id="citer", source="c.txt", number="5/2025/NĐ-CP", doc_type="Nghị định", text="Căn cứ.",
               cites=[{"number": "123/2024/NĐ-CP", "date": None}]),
        Record(id="other", source="o.txt", number="124/2024/NĐ-CP", doc_type="Nghị định", text="Khác."),
    ])
    by_type = ids(engine, SearchSpec(query=QuerySpec(number_forms=("t:nd 123/2024",))))
    assert by_type[0] == "nd" and set(by_type) == {"nd", "citer"}
    shared = ids(engine, SearchSpec(query=QuerySpec(number_forms=("123/2024",))))
    assert set(shared[:2]) == {"nd", "tt"} and shared[2:] == ["citer"]
