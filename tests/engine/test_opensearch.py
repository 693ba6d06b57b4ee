"""The OpenSearch engine on a real cluster: what a user of the search would notice.

The contract tests of the engine interface run on both engines; these check
what only a cluster has: replicas on the second node, the alias swap of a
full build, and a cancelled or failed build leaving the live collection.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from indexer.engine import open_engine as _open_engine
from indexer.engine import open_writer as _open_writer
from indexer.engine.base import Clause, QuerySpec, SearchSpec
from indexer.record import Record
from tests.ci import missing
from tests.engine.conftest_opensearch import client as cluster_client
from tests.engine.conftest_opensearch import cluster


@pytest.fixture(scope="module")
def opensearch_url() -> str:
    url, why_not = cluster()
    if url is None:
        missing(str(why_not))
    return url


@pytest.fixture()
def opensearch_location(opensearch_url: str) -> Iterator[str]:
    """A fresh collection (alias) for one test; its indices are removed after."""
    alias = f"test-{uuid.uuid4().hex[:12]}"
    yield f"{opensearch_url}/{alias}"
    cluster_client().indices.delete(index=f"{alias}*", ignore=[404])


def _doc(doc_id: str, subject: str, text: str, **fields: object) -> Record:
    return Record(id=doc_id, source=f"{doc_id}.txt", subject=subject, text=text, **fields)  # type: ignore[arg-type]


DOCS = [
    _doc("a", "Về việc phòng chống dịch Covid-19", "Tăng cường phòng chống dịch bệnh Covid-19 tại cơ sở.",
         number="2973/UBND-VXNV", issuer="Ủy ban nhân dân tỉnh Bắc Kạn", doc_type="Công văn", date="2021-05-21",
         topics=["5K", "cách ly"]),
    _doc("b", "Kế hoạch tiêm vắc xin", "Tăng cường phòng chống dịch Covid-19: triển khai tiêm vắc xin theo Công văn 2973/UBND-VXNV.",
         number="15/KH-UBND", issuer="Ủy ban nhân dân tỉnh Đắk Nông", doc_type="Kế hoạch", date="2021-10-02",
         cites=[{"number": "2973/UBND-VXNV", "target": None}], topics=["vắc xin"]),
    _doc("c", "Thông báo kết luận", "Đường giao thông nông thôn, về sở giao thông vận tải.",
         number="116/TB-VPCP", issuer="Văn phòng Chính phủ", doc_type="Thông báo", date="2021-05-19",
         topics=["giao thông"]),
    _doc("d", "Về việc vé số kiến thiết", "Quản lý vé số kiến thiết trên địa bàn tỉnh.",
         issuer="Ủy ban nhân dân tỉnh Bắc Kạn", doc_type="Công văn", date="2020-01-05"),
]


def open_engine(location: str):  # noqa: ANN201
    return _open_engine(location, kind="opensearch")


def open_writer(location: str, fresh: bool = False, wait: float = 0.0):  # noqa: ANN201
    return _open_writer(location, fresh=fresh, wait=wait, kind="opensearch")


def _word(*words: str) -> QuerySpec:
    return QuerySpec(groups=tuple((Clause("word", (w,)),) for w in words), runs=(tuple(words),))


def _ids(result) -> list[str]:  # noqa: ANN001
    return [h.id for h in result.hits]


@pytest.fixture()
def built(opensearch_location: str) -> str:
    with open_writer(opensearch_location, fresh=True) as writer:
        writer.add(DOCS)
    return opensearch_location


def test_the_collection_has_a_replica_on_another_node(built: str) -> None:
    client = cluster_client()
    assert client.cluster.health()["number_of_nodes"] >= 2
    alias = built.rsplit("/", 1)[1]
    shards = client.cat.shards(index=alias, format="json")
    assert {s["prirep"] for s in shards} == {"p", "r"}
    assert all(s["state"] == "STARTED" for s in shards)
    assert len({s["node"] for s in shards}) == 2


def test_folded_query_finds_marked_text_and_marks_rank_first(built: str) -> None:
    engine = open_engine(built)
    assert set(_ids(engine.search(SearchSpec(query=_word("duong"))))) == {"c"}
    exact = engine.search(SearchSpec(query=QuerySpec(groups=((Clause("phrase", ("vé", "số")),),),
                                                     accents="exact")))
    assert _ids(exact) == ["d"]  # "về sở" of c does not match "vé số" typed with marks


def test_document_number_carrier_first_then_citer(built: str) -> None:
    engine = open_engine(built)
    result = engine.search(SearchSpec(query=QuerySpec(groups=((Clause("number", ("2973/UBND-VXNV",)),),))))
    assert _ids(result)[:2] == ["a", "b"]
    assert engine.carriers("2973/ubnd-vxnv") == ["a"]
    assert engine.cited_by("2973/UBND-VXNV") == ["b"]


def test_facet_counts_leave_out_their_own_selection(built: str) -> None:
    engine = open_engine(built)
    spec = SearchSpec(filters={"issuer": ("Ủy ban nhân dân tỉnh Bắc Kạn",)})
    result = engine.search(spec)
    assert result.total == 2
    assert dict(result.facets["issuer"]) == {"Ủy ban nhân dân tỉnh Bắc Kạn": 2, "Ủy ban nhân dân tỉnh Đắk Nông": 1,
                                             "Văn phòng Chính phủ": 1}
    assert dict(result.facets["doc_type"]) == {"Công văn": 2}
    assert dict(result.facets["date"]) == {"2021-05": 1, "2020-01": 1}


def test_date_range_and_orders(built: str) -> None:
    engine = open_engine(built)
    newest = engine.search(SearchSpec(sort="newest"))
    assert _ids(newest) == ["b", "a", "c", "d"]
    assert _ids(engine.search(SearchSpec(sort="oldest", date_from="2021-01-01", date_to="2021-05-31"))) == ["c", "a"]
    page = engine.search(SearchSpec(sort="newest", offset=1, limit=2))
    assert (page.total, _ids(page)) == (4, ["a", "c"])


def test_similar_and_spelling_statistics(built: str) -> None:
    engine = open_engine(built)
    assert engine.similar("a", 3)[0] == "b"
    assert engine.doc_frequency("phòng") == 3  # a, b, and c by its issuer (Văn phòng)
    assert engine.pair_frequency("ve", "so") == 2  # "vé số" in d, "về sở" in c: folded alike
    assert ("vé", 1) in engine.spellings("ve")
    assert "duong" in engine.near_terms("duog", 1)


def test_update_is_seen_only_after_commit_and_cancel_drops_it(built: str) -> None:
    engine = open_engine(built)
    writer = open_writer(built)
    writer.add([_doc("e", "Hướng dẫn mới", "Nội dung hướng dẫn.")])
    writer.delete(["d"])
    assert engine.count() == 4
    writer.commit()
    assert not engine.is_current()
    engine = engine.reopen()
    assert engine.count() == 4 and engine.record("e") is not None and engine.record("d") is None
    with pytest.raises(RuntimeError), open_writer(built) as cancelled:
        cancelled.delete(["a"])
        raise RuntimeError("build failed")
    assert engine.record("a") is not None and engine.is_current()


def test_failed_full_build_leaves_the_live_collection(built: str) -> None:
    engine = open_engine(built)
    before = engine.generation
    with pytest.raises(RuntimeError), open_writer(built, fresh=True) as writer:
        writer.add(DOCS[:1])
        raise RuntimeError("extractor crashed")
    assert engine.is_current() and engine.generation == before and engine.count() == 4
    with open_writer(built, fresh=True) as writer:
        writer.add(DOCS[:2])
    fresh = engine.reopen()
    assert fresh.generation != before and fresh.count() == 2


def test_second_writer_is_refused_while_one_holds_the_collection(built: str) -> None:
    from indexer.engine.base import IndexLocked

    with open_writer(built) as _, pytest.raises(IndexLocked):
        open_writer(built, wait=0.3)


def test_the_service_answers_alike_on_both_engines(opensearch_location: str, client) -> None:  # noqa: ANN001
    """The bundled corpus built by `python -m indexer build --engine opensearch`, served by the app:
    the same totals, facet counts and first hits as the app on Whoosh."""
    import subprocess
    import sys
    from pathlib import Path

    from search_app import create_app

    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-m", "indexer", "build", "--engine", "opensearch", "--opensearch-url",
                    opensearch_location, "--corpus", str(root / "corpus")], check=True, cwd=root,
                   capture_output=True, timeout=300)
    cluster_app = create_app({"INDEX_DIR": opensearch_location, "ENGINE": "opensearch",
                              "CORPUS_DIR": str(root / "corpus"), "TESTING": True}).test_client()
    for q in ("covid-19", "phòng chống dịch", "2973/UBND-VXNV", "ubnd tinh bac kan", "cách ly -vắc"):
        whoosh, cluster = client.get("/api/search", query_string={"q": q}).json, \
            cluster_app.get("/api/search", query_string={"q": q}).json
        assert cluster["total"] == whoosh["total"], q
        assert whoosh["total"] > 0 or "-" in q, q
        assert cluster["facets"] == whoosh["facets"], q
        assert [h["id"] for h in cluster["hits"][:1]] == [h["id"] for h in whoosh["hits"][:1]], q
    filtered = {"q": "dịch", "doc_type": "Thông báo"}
    assert cluster_app.get("/api/search", query_string=filtered).json["facets"] == \
        client.get("/api/search", query_string=filtered).json["facets"]


def test_a_build_worker_sends_its_share_as_it_composes_it(
        opensearch_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A parallel build hands each worker its whole share as one stream of records. Gathering the
    stream before sending held 31,000 pháp điển entries in one worker, past its memory bound (the
    first 62k build on three nodes died of it): each bulk request leaves as soon as it is full."""
    from indexer.engine.opensearch import writer as writer_module

    monkeypatch.setattr(writer_module, "CHUNK", 3)
    client = cluster_client()
    sent_before: list[int] = []
    with open_writer(opensearch_location, fresh=True) as writer:
        target = writer.target

        def share() -> Iterator[Record]:
            for n in range(10):
                client.indices.refresh(index=target)
                sent_before.append(client.count(index=target)["count"])
                yield _doc(f"x{n}", f"Văn bản {n}", "Nội dung văn bản.")

        part = writer.part()
        part.add(share())
        part.finish()
    # THEN by the time the seventh record was composed, the first six had been sent
    assert sent_before[6] == 6
    assert open_engine(opensearch_location).count() == 10
