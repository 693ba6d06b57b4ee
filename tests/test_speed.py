"""The speed paths give the same answers as the slow ones they replace.

- a parallel build (one segment per worker) indexes exactly what a serial one does;
- the numpy evaluator matches and scores as Whoosh does when it scores every document;
- snippets cut only around the query words highlight what cutting the whole text does;
- update(only=[file]) adds and removes one file, visible to the next search.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.generate import iter_documents
from indexer import buildpool, store
from indexer.search import IndexView, build_query
from search_app.index_holder import SharedIndex
from search_app.query import parse
from search_app.snippets import _matches, _near_matches

QUERIES = ["cách ly", "cach ly tai nha", '"phòng chống dịch"', "ủy ban nhân dân", "y te", "covid-19",
           "kế hoạch tiêm vắc xin", "khong co tu nao nhu the", "-covid công văn"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("generated")
    for name, text in iter_documents(40, seed=7):
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def _records(root: Path) -> list[dict]:
    return list(store.export_records(root))


def test_parallel_build_indexes_what_a_serial_build_does(generated: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the same corpus built serially and by two workers (two segments)
    monkeypatch.setenv("INDEX_WORKERS", "1")
    serial = store.build(generated, tmp_path / "serial")
    monkeypatch.setenv("INDEX_WORKERS", "2")
    monkeypatch.setattr(buildpool, "PARALLEL_MIN_FILES", 1)
    parallel = store.build(generated, tmp_path / "parallel")
    # THEN the reports, the records and every search agree
    assert [f.name for f in parallel.files] == [f.name for f in serial.files]
    assert parallel.records == serial.records == 40
    assert _records(tmp_path / "parallel") == _records(tmp_path / "serial")
    one, two = IndexView(tmp_path / "serial"), IndexView(tmp_path / "parallel")
    assert len(two.index.reader().leaf_readers()) == 2
    for text in QUERIES:
        q = build_query(parse(text))
        a = one.run(q, {}, None, None, "relevance", 0, 10)
        b = two.run(q, {}, None, None, "relevance", 0, 10)
        assert (a.total, a.facets) == (b.total, b.facets)
        ids = [[one.record(d)["id"] for d in a.docnums], [two.record(d)["id"] for d in b.docnums]]
        assert sorted(ids[0]) == sorted(ids[1])  # ties may order by segment
        assert np.allclose(sorted(a.scores), sorted(b.scores))


@pytest.mark.parametrize("text", QUERIES)
def test_numpy_evaluation_matches_whoosh(corpus_index: Path, text: str) -> None:
    view = IndexView(corpus_index)
    q = build_query(parse(text))
    mask, scores = view._evaluate(q)
    whoosh = view.searcher().search(q, limit=None)
    expected = {hit.docnum: hit.score for hit in whoosh}
    assert set(np.flatnonzero(mask).tolist()) == set(expected)
    for docnum, score in expected.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_build_over_its_memory_bound_writes_more_segments_with_the_same_documents(
        generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str) -> None:
    # GIVEN a pool bound so small that every few documents close a segment
    monkeypatch.setenv("INDEX_WORKERS", "1")
    whole = store.build(generated, tmp_path / "whole")
    monkeypatch.setenv("INDEX_WORKERS", workers)
    monkeypatch.setattr(buildpool, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(buildpool, "SEGMENT_POOL_MB", 0.5)
    bounded = store.build(generated, tmp_path / "bounded")
    # THEN there are many segments, and the same records, totals and facets
    assert bounded.records == whole.records == 40
    assert _records(tmp_path / "bounded") == _records(tmp_path / "whole")
    one, many = IndexView(tmp_path / "whole"), IndexView(tmp_path / "bounded")
    assert len(many.index.reader().leaf_readers()) >= 4
    for text in QUERIES:
        q = build_query(parse(text))
        a = one.run(q, {}, None, None, "relevance", 0, 10)
        b = many.run(q, {}, None, None, "relevance", 0, 10)
        assert (a.total, a.facets) == (b.total, b.facets), text
        assert np.allclose(sorted(a.scores), sorted(b.scores)), text


def test_snippets_cut_near_the_query_words_as_over_the_whole_text(corpus_index: Path) -> None:
    for raw in (record["text"] for record in _records(corpus_index)):
        text = " ".join(raw.split())
        for query in QUERIES + ["số 2973/UBND-VXNV", '"ban chỉ đạo" tỉnh']:
            terms = parse(query).terms()
            assert _near_matches(text, terms) == _matches(text, terms), query


def _built_copy(generated: Path, tmp_path: Path, count: int) -> tuple[Path, Path]:
    """The first `count` generated files in a corpus folder of their own, and its built index."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(generated.iterdir())[:count]:
        (corpus / path.name).write_bytes(path.read_bytes())
    root = tmp_path / "index"
    store.build(corpus, root)
    return corpus, root


def test_update_of_one_named_file_is_visible_to_the_next_search(generated: Path, tmp_path: Path) -> None:
    corpus, root = _built_copy(generated, tmp_path, 20)
    shared = SharedIndex(root)
    before = shared.view()
    # WHEN one new file arrives and only it is named
    source = sorted(generated.iterdir())[30]
    (corpus / "new.txt").write_bytes(source.read_bytes())
    report = store.update(corpus, root, only=["new.txt"])
    # THEN it is added without touching the others, and the next view finds it
    assert (report.added, report.removed, report.unchanged) == (1, 0, 0)
    view = shared.view()
    assert view is not before
    assert view.docnum_for_id("new") is not None
    # AND naming it again once it is gone removes it
    (corpus / "new.txt").unlink()
    assert store.update(corpus, root, only=["new.txt"]).removed == 1
    assert shared.view().docnum_for_id("new") is None
    with pytest.raises(ValueError):
        store.update(corpus, root, only=["../outside.txt"])


def test_update_skips_files_whose_size_and_time_are_unchanged(generated: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, root = _built_copy(generated, tmp_path, 5)
    hashed: list[Path] = []
    real = store.path_digest
    monkeypatch.setattr(store, "path_digest", lambda p: hashed.append(p) or real(p))
    assert store.update(corpus, root).unchanged == 5
    assert hashed == []


def test_facet_counts_and_filters_agree_with_the_whole_matrix(generated: Path, tmp_path: Path) -> None:
    store.build(generated, tmp_path / "index")
    view = IndexView(tmp_path / "index")
    rng = np.random.default_rng(3)
    assert view.facets["issuer"].doc_value is not None and view.facets["topic"].doc_value is None
    for facet in view.facets.values():
        for share in (0.02, 0.5, 1.0):
            docs = rng.random(view.size) < share
            expected = np.asarray(facet.matrix.T @ docs.astype(np.float32)).ravel().astype(np.int64)
            assert facet.counts(docs).tolist() == expected.tolist()
        chosen = facet.values[::3][:4]
        by_columns = np.asarray(facet.matrix[:, [facet.index[v] for v in chosen]].sum(axis=1)).ravel() > 0
        assert facet.mask(chosen, view.size).tolist() == by_columns.tolist()
    dates = view.facets["date"]
    low, high = dates.values[len(dates.values) // 4], dates.values[3 * len(dates.values) // 4]
    inside = [v for v in dates.values if low <= v <= high]
    assert dates.range_mask(low, high).tolist() == dates.mask(inside, view.size).tolist()
    assert dates.range_mask(None, high).tolist() == dates.mask([v for v in dates.values if v <= high],
                                                               view.size).tolist()
