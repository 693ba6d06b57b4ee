"""The engine contract for a followed search's order (SearchSpec sort "added"), on every implementation:
the time a document's file was first indexed, latest first, then issue date, then id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from indexer.engine import SearchSpec
from indexer.engine.opensearch.mapping import to_source
from indexer.engine.whoosh.schema import build_schema, to_document
from indexer.record import Record
from tests.engine.test_contract import ids, query


def _arrival(doc_id: str, date: str | None, added: str | None, text: str = "Về việc cách ly.") -> Record:
    return Record(id=doc_id, source=f"{doc_id}.txt", doc_type="Công văn", issuer="Sở Y tế", date=date,
                  added=added, subject=text, text=text)


EARLY, LATE = "2026-01-05T08:00:00+00:00", "2026-03-01T09:30:00+00:00"
# In the writer's order, not the answer's: index order must not decide a tie.
ARRIVALS = [
    _arrival("n", "2015-02-03", None),  # indexed before `added` existed
    _arrival("m", "2021-05-01", EARLY),
    _arrival("k", "2021-05-01", EARLY),  # same time, same day as "m": by id
    _arrival("u", None, EARLY),  # undated: after the dated ones of its time
    _arrival("p", "2023-09-09", EARLY),
    _arrival("old", "2010-02-03", LATE),  # issued long ago, added last
    _arrival("o", None, None),
]


def test_sorted_by_added_the_document_added_last_comes_first_whatever_its_date(engine_factory: Callable) -> None:
    engine, _ = engine_factory(ARRIVALS)
    assert ids(engine, SearchSpec(sort="added", limit=10)) == ["old", "p", "k", "m", "u", "n", "o"]
    assert ids(engine, SearchSpec(sort="added", limit=3)) == ["old", "p", "k"]
    paged = [i for k in range(0, 7, 2) for i in ids(engine, SearchSpec(sort="added", offset=k, limit=2))]
    assert paged == ["old", "p", "k", "m", "u", "n", "o"]
    asked = engine.search(SearchSpec(query=query("cách ly"), sort="added", limit=10))
    assert [h.id for h in asked.hits] == ["old", "p", "k", "m", "u", "n", "o"] and asked.total == 7
    assert all(h.score is None for h in asked.hits)
    dated = SearchSpec(sort="added", date_from="2016-01-01", limit=10)
    assert ids(engine, dated) == ["p", "k", "m"]


def test_a_document_added_by_an_update_comes_first(engine_factory: Callable, writer_factory: Callable,
                                                   reopen: Callable) -> None:
    engine, location = engine_factory(ARRIVALS)
    assert ids(engine, SearchSpec(sort="added", limit=1)) == ["old"]
    with writer_factory(location) as writer:
        writer.add([_arrival("z", "2001-01-01", "2026-06-30T00:00:00+00:00"),
                    _arrival("k", "2021-05-01", EARLY, "Về việc cách ly, sửa.")])  # replaced: keeps its turn
        writer.delete(["p"])
    assert ids(reopen(location), SearchSpec(sort="added", limit=10)) == ["z", "old", "k", "m", "u", "n", "o"]


def _built_before_added(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer as it was before `added` was indexed: no such field in the schema or mapping."""
    if kind == "whoosh":
        from indexer.engine.whoosh import writer

        def schema() -> Any:
            older = build_schema()
            older.remove("added")
            return older

        monkeypatch.setattr(writer, "build_schema", schema)
        monkeypatch.setattr(writer, "to_document", lambda r: {k: v for k, v in to_document(r).items() if k != "added"})
    else:
        from indexer.engine.opensearch import writer
        older = {**writer.MAPPINGS, "properties": {k: v for k, v in writer.MAPPINGS["properties"].items() if k != "added"}}
        monkeypatch.setattr(writer, "MAPPINGS", older)
        monkeypatch.setattr(writer, "to_source", lambda r: {k: v for k, v in to_source(r).items() if k != "added"})


def test_a_collection_built_before_added_was_indexed_sorts_and_takes_updates(
        kind: str, engine_factory: Callable, writer_factory: Callable, reopen: Callable,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as older:
        _built_before_added(kind, older)
        engine, location = engine_factory(ARRIVALS)
    assert ids(engine, SearchSpec(sort="added", limit=10)) == ["p", "k", "m", "n", "old", "o", "u"]  # by date, id
    with writer_factory(location) as writer:
        writer.add([_arrival("z", "2001-01-01", LATE)])
    assert ids(reopen(location), SearchSpec(sort="added", limit=3)) == ["z", "p", "k"]


def test_an_empty_collection_sorts_by_added(engine_factory: Callable) -> None:
    engine, _ = engine_factory([])
    assert engine.search(SearchSpec(sort="added", query=query("cách ly"))).hits == []
