"""Superseded documents: the "hide superseded" filter (`hide_superseded=1`) and the results badge.

Both read one set per generation. Measured on 10,000 pháp điển articles: the
set costs 80 ms once (901 texts speak of replacing, 54 documents superseded);
badges found by searches per results page cost 2–15 ms on every page.

A document is superseded when another document in the collection states
that it replaces or repeals it as a whole ("… thay thế Quyết định số
10/QĐ-UBND …", read into Record.relations at indexing). The set is computed
once per generation, from the few documents whose text speaks of replacing
or repealing, and handed to the engine as `SearchSpec.exclude_ids`: the
page, the total and every facet count leave those documents out.
"""

from __future__ import annotations

import datetime as dt

from indexer.engine import Engine, SearchSpec
from search_app.answer.index_holder import Keep, computed
from search_app.answer.relations_view import ends_whole, in_effect
from search_app.query.understand import understand

# Texts that can supersede another say one of these; the rest need not be read.
_WORDING = '"thay thế" OR "bãi bỏ" OR "hết hiệu lực" OR "hủy bỏ"'


def _wording(engine: Engine, keep: Keep) -> frozenset[str]:
    """Ids of the documents that speak of replacing or repealing at all (kept per generation)."""
    def compute() -> frozenset[str]:
        spec = SearchSpec(query=understand(_WORDING).spec, limit=max(engine.count(), 1), facets=())
        return frozenset(hit.id for hit in engine.search(spec).hits)

    return keep(engine, ("supersede-wording",), compute)


def superseded_ids(engine: Engine, keep: Keep = computed) -> frozenset[str]:
    """Ids of documents wholly replaced or repealed by one in the collection (kept per generation).

    Reads every document that speaks of replacing: paid once per generation and day, by the first
    results page (its badges) or the first search that hides superseded documents. A replacement
    that takes effect after today does not count yet (relations_view.in_effect).
    """
    today = dt.date.today().isoformat()

    def compute() -> frozenset[str]:
        numbers = {rel["number"] for doc_id in sorted(_wording(engine, keep))
                   for rel in (engine.record(doc_id) or {}).get("relations") or []
                   if ends_whole(rel) and in_effect(rel, today)}
        return frozenset(d for number in numbers for d in engine.carriers(number))

    return keep(engine, ("superseded", today), compute)
