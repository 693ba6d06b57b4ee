"""The speed paths give the same answers as the slow ones they replace.

- a parallel build (one part per worker) indexes exactly what a serial one does;
- a build over its memory bound (more segments) finds and counts the same;
- snippets cut only around the query words highlight what cutting the whole text does;
- update(only=[file]) adds and removes one file, visible to the next search.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import pipeline
from indexer.engine import Engine, SearchSpec, open_engine
from indexer.engine.whoosh import segment_writer
from search_app.answer.index_holder import SharedIndex
from search_app.query.snippets import segments, snippet
from search_app.query.understand import understand
from tests.crash_corpus import ids_of, make_corpus

QUERIES = ["cách ly", "cach ly tai nha", '"phòng chống dịch"', "ủy ban nhân dân", "y te", "covid-19",
           "kế hoạch tiêm vắc xin", "khong co tu nao nhu the", "-covid công văn"]


FILES = 40
RECORDS = sum(len(ids_of(i)) for i in range(FILES))  # a fifth of the files hold a second document


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 real-shaped files, each a bundled seed with a word of its own (tests import no benchmark code)."""
    return make_corpus(tmp_path_factory.mktemp("generated") / "corpus", FILES)


def _records(root: Path) -> list[dict]:
    """The records, without `added` (when each file was first indexed: a time, not a reading)."""
    return [{k: v for k, v in r.items() if k != "added"} for r in pipeline.export_records(root)]


def _same_answers(one: Engine, two: Engine) -> None:
    for text in QUERIES:
        a, b = (e.search(SearchSpec(query=understand(text).spec, limit=10)) for e in (one, two))
        assert (a.total, a.facets) == (b.total, b.facets), text
        assert sorted(h.id for h in a.hits) == sorted(h.id for h in b.hits), text  # ties may order by segment
        assert sorted(h.score for h in a.hits) == pytest.approx(sorted(h.score for h in b.hits)), text


def test_parallel_build_indexes_what_a_serial_build_does(generated: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the same corpus built serially and by two workers
    monkeypatch.setenv("INDEX_WORKERS", "1")
    serial = pipeline.build(generated, tmp_path / "serial")
    monkeypatch.setenv("INDEX_WORKERS", "2")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 1)
    parallel = pipeline.build(generated, tmp_path / "parallel")
    # THEN the reports, the records and every search agree
    assert [f.name for f in parallel.files] == [f.name for f in serial.files]
    assert parallel.records == serial.records == RECORDS
    assert _records(tmp_path / "parallel") == _records(tmp_path / "serial")
    _same_answers(open_engine(tmp_path / "serial"), open_engine(tmp_path / "parallel"))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_build_over_its_memory_bound_finds_the_same_documents(
        generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str) -> None:
    # GIVEN a pool bound so small that every few documents close a segment
    monkeypatch.setenv("INDEX_WORKERS", "1")
    whole = pipeline.build(generated, tmp_path / "whole")
    monkeypatch.setenv("INDEX_WORKERS", workers)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(segment_writer, "SEGMENT_POOL_MB", 0.5)
    bounded = pipeline.build(generated, tmp_path / "bounded")
    # THEN the same records, totals, facets and scores
    assert bounded.records == whole.records == RECORDS
    assert _records(tmp_path / "bounded") == _records(tmp_path / "whole")
    _same_answers(open_engine(tmp_path / "whole"), open_engine(tmp_path / "bounded"))


def test_snippets_cut_near_the_query_words_as_over_the_whole_text(corpus_index: Path) -> None:
    """A window as wide as the text marks exactly what cutting the whole text marks."""
    for raw in (record["text"] for record in _records(corpus_index)):
        text = " ".join(raw.split())
        for query in QUERIES + ["số 2973/UBND-VXNV", '"ban chỉ đạo" tỉnh']:
            terms = understand(query).terms()
            near = [piece for piece, hit in snippet(text, terms, width=len(text) + 10) if hit]
            whole = [piece for piece, hit in segments(text, terms) if hit]
            assert near == whole, query


def _built_copy(generated: Path, tmp_path: Path, count: int) -> tuple[Path, Path]:
    """The first `count` generated files in a corpus folder of their own, and its built index."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(generated.iterdir())[:count]:
        (corpus / path.name).write_bytes(path.read_bytes())
    root = tmp_path / "index"
    pipeline.build(corpus, root)
    return corpus, root


def test_update_of_one_named_file_is_visible_to_the_next_search(generated: Path, tmp_path: Path) -> None:
    corpus, root = _built_copy(generated, tmp_path, 20)
    shared = SharedIndex(root)
    before = shared.engine()
    # WHEN one new file arrives and only it is named
    source = sorted(generated.iterdir())[30]
    (corpus / "new.txt").write_bytes(source.read_bytes())
    report = pipeline.update(corpus, root, only=["new.txt"])
    # THEN it is added without touching the others, and the next view finds it
    assert (report.added, report.removed, report.unchanged) == (1, 0, 0)
    view = shared.engine()
    assert view is not before
    assert view.record("new") is not None
    # AND naming it again once it is gone removes it
    (corpus / "new.txt").unlink()
    assert pipeline.update(corpus, root, only=["new.txt"]).removed == 1
    assert shared.engine().record("new") is None
    # AND a name outside the corpus folder names nothing to index (the watcher goes on, issue 19)
    (tmp_path / "outside.txt").write_bytes(source.read_bytes())
    assert pipeline.update(corpus, root, only=["../outside.txt"]).added == 0


def test_update_skips_files_whose_size_and_time_are_unchanged(generated: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, root = _built_copy(generated, tmp_path, 5)
    hashed: list[Path] = []
    real = pipeline.path_digest
    monkeypatch.setattr(pipeline, "path_digest", lambda p: hashed.append(p) or real(p))
    assert pipeline.update(corpus, root).unchanged == 5
    assert hashed == []
