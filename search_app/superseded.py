"""Superseded documents: the "hide superseded" filter (`hide_superseded=1`) and the results badge.

A document is superseded when another document in the collection states
that it replaces or repeals it as a whole ("… thay thế Quyết định số
10/QĐ-UBND …", read into Record.relations at indexing). The set is computed
once per generation, from the few documents whose text speaks of replacing
or repealing, and handed to the engine as `SearchSpec.exclude_ids`: the
page, the total and every facet count leave those documents out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any, TypeVar

from indexer.engine import Clause, Engine, SearchSpec
from indexer.text import number_key
from search_app.query import understand

V = TypeVar("V")
Keep = Callable[[Engine, Hashable, Callable[[], V]], V]

# Texts that can supersede another say one of these; the rest need not be read.
_WORDING = '"thay thế" OR "bãi bỏ" OR "hết hiệu lực" OR "hủy bỏ"'
SUPERSEDING = ("thay_the", "bai_bo")
CITERS_READ = 50  # a page's badge reads at most this many citers of a result that speak of replacing


def _computed(_engine: Engine, _key: Hashable, compute: Callable[[], V]) -> V:
    return compute()


def _replacing(rel: dict[str, Any]) -> bool:
    return (rel["type"] in SUPERSEDING and rel["direction"] == "out" and rel["scope"] == "whole"
            and bool(rel["number"]))


def _wording(engine: Engine, keep: Keep) -> frozenset[str]:
    """Ids of the documents that speak of replacing or repealing at all (kept per generation)."""
    def compute() -> frozenset[str]:
        spec = SearchSpec(query=understand(_WORDING).spec, limit=max(engine.count(), 1), facets=())
        return frozenset(hit.id for hit in engine.search(spec).hits)

    return keep(engine, ("supersede-wording",), compute)


def _speaking_of(engine: Engine, number: str) -> list[str]:
    """Ids of documents naming `number` whose text speaks of replacing or repealing (one search)."""
    wording = understand(_WORDING).spec
    spec = replace(wording, groups=(*wording.groups, (Clause("number", (number,)),)), runs=())
    return [hit.id for hit in engine.search(SearchSpec(query=spec, limit=CITERS_READ, facets=())).hits]


def superseded_among(engine: Engine, ids: list[str]) -> frozenset[str]:
    """Which of these documents (a page of results) are superseded: only the documents naming
    each one and speaking of replacing are read, so a page costs a few searches, not a pass
    over the collection."""
    out = set()
    for record_id in ids:
        number = (engine.record(record_id) or {}).get("number")
        if not number:
            continue
        key = number_key(number)
        for citer in _speaking_of(engine, number):
            if citer == record_id:
                continue
            relations = (engine.record(citer) or {}).get("relations") or []
            if any(_replacing(rel) and number_key(rel["number"]) == key for rel in relations):
                out.add(record_id)
                break
    return frozenset(out)


def superseded_ids(engine: Engine, keep: Keep = _computed) -> frozenset[str]:
    """Ids of documents wholly replaced or repealed by one in the collection (kept per generation).

    Reads every document that speaks of replacing: paid once per generation, by the first search
    that asks to hide superseded documents.
    """
    def compute() -> frozenset[str]:
        numbers = {rel["number"] for doc_id in sorted(_wording(engine, keep))
                   for rel in (engine.record(doc_id) or {}).get("relations") or [] if _replacing(rel)}
        return frozenset(d for number in numbers for d in engine.carriers(number))

    return keep(engine, ("superseded",), compute)
