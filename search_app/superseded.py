"""The "hide superseded documents" filter (`hide_superseded=1`), handled in the app layer.

A document is superseded when another document in the collection states
that it replaces or repeals it as a whole ("… thay thế Quyết định số
10/QĐ-UBND …"). The engine knows nothing of relations, so the set of
superseded documents is computed once per index generation, from the few
documents whose text speaks of replacing or repealing, and the search drops
them from its ranked list: the page and the total are exact; the facet
counts still include them (documented in the README).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from indexer.search import build_query
from indexer.text import number_key
from search_app.query import parse

# Texts that can supersede another say one of these; the rest need not be read.
_WORDING = '"thay thế" OR "bãi bỏ" OR "hết hiệu lực" OR "hủy bỏ"'
SUPERSEDING = ("thay_the", "bai_bo")


def _wording(view: Any) -> np.ndarray:
    """Which documents speak of replacing or repealing at all (a mask, cached per generation)."""
    return view.answers.get_or_compute(("supersede-wording",), lambda: view.matching(build_query(parse(_WORDING))))


def _supersedes(record: dict[str, Any], key: str) -> bool:
    return any(rel["type"] in SUPERSEDING and rel["direction"] == "out" and rel["scope"] == "whole"
               and rel["number"] and number_key(rel["number"]) == key for rel in record.get("relations") or [])


def superseded_among(view: Any, ids: list[str]) -> frozenset[str]:
    """Which of these documents (a page of results) are superseded: only their citers that speak of
    replacing are read, so a page costs a few lookups, not a pass over the collection."""
    wording = _wording(view)
    out = set()
    for record_id in ids:
        docnum = view.docnum_for_id(record_id)
        number = view.record(docnum).get("number") if docnum is not None else None
        if not number:
            continue
        key = number_key(number)
        citers = [d for d in view.docnums_for("cites", key) if d != docnum and wording[d]]
        if any(_supersedes(view.record(d), key) for d in citers):
            out.add(record_id)
    return frozenset(out)


def superseded_docnums(view: Any) -> np.ndarray:
    """Docnums of documents wholly replaced or repealed by one in the collection (cached per generation).

    Reads every document that speaks of replacing: paid once per generation, by the first search
    that asks to hide superseded documents.
    """
    def compute() -> np.ndarray:
        candidates = np.flatnonzero(_wording(view))
        keys = set()
        for docnum in candidates:
            for rel in view.record(int(docnum)).get("relations") or []:
                if (rel["type"] in SUPERSEDING and rel["direction"] == "out" and rel["scope"] == "whole"
                        and rel["number"]):
                    keys.add(number_key(rel["number"]))
        found = sorted({d for key in keys for d in view.docnums_for("number", key)})
        return np.array(found, dtype=np.int64)

    return view.answers.get_or_compute(("superseded",), compute)


def without_superseded(view: Any, query: Any, request: Any, outcome: Any, sort: str, facet_limit: int) -> Any:
    """The outcome with superseded documents left out of the ranked page and the total."""
    hidden = superseded_docnums(view)
    if not len(hidden):
        return outcome
    final = view.matching(query) & view.filter_mask(request.filters, request.date_from, request.date_to)
    gone = set(int(d) for d in hidden[final[hidden]])
    if not gone:
        return outcome
    deep = view.run(query, request.filters, request.date_from, request.date_to, sort, 0,
                    request.offset + request.per_page + len(gone), facet_limit=facet_limit)
    kept = [(d, s) for d, s in zip(deep.docnums, deep.scores, strict=False) if d not in gone]
    page = kept[request.offset:request.offset + request.per_page]
    return replace(deep, total=deep.total - len(gone), docnums=[d for d, _ in page], scores=[s for _, s in page])
