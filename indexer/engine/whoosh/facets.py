"""Facets over one index generation: per value, which documents have it.

Each facet is a documents × values sparse matrix (a count is one product);
a facet giving a document at most one value keeps each document's value
index as one array instead (a count is a bincount, a filter a lookup).
Segments never change, so a reopened engine reuses the pieces of the
segments it already read.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy import sparse

from indexer.engine.whoosh.numpy_query import term_postings
from indexer.engine.whoosh.schema import FACET_FIELDS


class Facet:
    """One facet over the whole index: its values and which documents have them.

    Most facets give a document at most one value (issuer, type, date, signer,
    level): for those each document's value index is kept as one array, so a
    count is a bincount over the matching documents and a filter a lookup,
    instead of passes over the whole document × value matrix.
    """

    def __init__(self, values: list[str], matrix: sparse.csc_matrix) -> None:
        self.values = values
        self.matrix = matrix  # documents × values, 1 where the document has the value
        self.index = {v: i for i, v in enumerate(values)}
        self.keys = [v.encode("utf-8") for v in values]
        self.doc_value: np.ndarray | None = None  # value index per document, len(values) for none
        if matrix.shape[0] and matrix.getnnz(axis=1).max(initial=0) <= 1:
            coo = matrix.tocoo()
            self.doc_value = np.full(matrix.shape[0], len(values), dtype=np.int64)
            self.doc_value[coo.row] = coo.col
        self.rows = matrix.tocsr() if self.doc_value is None else None

    def mask(self, selected: Iterable[str], size: int) -> np.ndarray:
        """Documents having any of the selected values (OR within a facet)."""
        cols = [self.index[v] for v in selected if v in self.index]
        if not cols:
            return np.zeros(size, dtype=bool)
        if self.doc_value is not None:
            chosen = np.zeros(len(self.values) + 1, dtype=bool)
            chosen[cols] = True
            return chosen[self.doc_value]
        return np.asarray(self.matrix[:, cols].sum(axis=1)).ravel() > 0

    def range_mask(self, low: str | None, high: str | None) -> np.ndarray:
        """Documents whose value lies in [low, high] (values sort as their UTF-8 bytes: ISO dates in order)."""
        start = bisect_left(self.keys, low.encode("utf-8")) if low else 0
        stop = bisect_right(self.keys, high.encode("utf-8")) if high else len(self.keys)
        if self.doc_value is not None:
            return (self.doc_value >= start) & (self.doc_value < stop)
        return self.mask(self.values[start:stop], self.matrix.shape[0])

    def counts(self, docs: np.ndarray) -> np.ndarray:
        """How many of the given documents (a boolean mask) have each value."""
        size = len(self.values)
        if self.doc_value is not None:
            return np.bincount(self.doc_value[docs], minlength=size + 1)[:size]
        ids = np.flatnonzero(docs)
        if len(ids) * 8 < len(docs):  # few documents: their rows only
            return np.bincount(self.rows[ids].indices, minlength=size)
        return np.asarray(self.matrix.T @ docs.astype(np.float32)).ravel().astype(np.int64)


SegmentFacet = tuple[list[str], np.ndarray, np.ndarray]  # one segment's values, local docnums, value columns
ADDED = "added"  # the value field of the time a document's file was first indexed (schema.py)


def _terms_of(leaf: Any, fieldname: str) -> SegmentFacet:
    """One segment's values of a value field, with the local docnums having each (none for an unknown field)."""
    values: list[str] = []
    rows: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    cols: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    if fieldname in leaf.schema:
        for col, term in enumerate(leaf.lexicon(fieldname)):
            values.append(term.decode("utf-8") if isinstance(term, bytes) else term)
            ids, _ = term_postings(leaf, fieldname, term if isinstance(term, bytes) else term.encode("utf-8"))
            rows.append(ids)
            cols.append(np.full(len(ids), col, dtype=np.int64))
    return values, np.concatenate(rows), np.concatenate(cols)


def segment_facets(leaf: Any) -> dict[str, SegmentFacet]:
    """Every facet field of one segment, and its `added` times (a few values: one per indexing run);
    segments never change, so a reopened view reuses these."""
    return {fieldname: _terms_of(leaf, fieldname) for fieldname in (*FACET_FIELDS.values(), ADDED)}


def merged_facet(fieldname: str, segments: list[tuple[dict[str, SegmentFacet], int]], size: int) -> Facet:
    """One facet's matrix from its segments' pieces: values in lexicon (UTF-8) order."""
    values = sorted({v for pieces, _ in segments for v in pieces[fieldname][0]}, key=lambda v: v.encode("utf-8"))
    column = {v: i for i, v in enumerate(values)}
    rows, cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for pieces, offset in segments:
        local_values, local_rows, local_cols = pieces[fieldname]
        remap = np.array([column[v] for v in local_values], dtype=np.int64)
        rows.append(local_rows + offset)
        cols.append(remap[local_cols] if len(local_cols) else local_cols)
    row, col = np.concatenate(rows), np.concatenate(cols)
    data = np.ones(len(row), dtype=np.float32)
    return Facet(values, sparse.csc_matrix((data, (row, col)), shape=(size, len(values))))


def _ranks(facet: Facet, size: int) -> np.ndarray:
    """Each document's value as its rank among the facet's values (ascending as strings); -1 for none."""
    key = np.full(size, -1, dtype=np.int64)
    order_of_value = np.argsort(np.array(facet.values, dtype=object)) if facet.values else []
    rank = np.empty(len(facet.values), dtype=np.int64)
    rank[order_of_value] = np.arange(len(facet.values))
    coo = facet.matrix.tocoo()
    key[coo.row] = rank[coo.col]
    return key


def date_orders(dates: Facet, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Docnums newest first and oldest first (ties reversed); undated documents last in both, in index order."""
    key = _ranks(dates, size)
    newest = np.lexsort((np.arange(size), -key))
    dated = key[newest] >= 0
    return newest, np.concatenate([newest[dated][::-1], newest[~dated]])


SegmentIds = tuple[np.ndarray, np.ndarray]  # one segment's ids (UTF-8 bytes) and their local docnums


def segment_ids(leaf: Any) -> SegmentIds:
    """Every id of one segment with its docnum: one pass over its id terms (an id's single posting is
    inlined in its term info). 26 µs an id (10,000 in 261 ms, Dec 2026, loaded): read once per segment,
    and segments never change, so an update's reopened engine reads only the new segments."""
    names: list[bytes] = []
    docs: list[int] = []
    for name, info in leaf.iter_field("id"):
        # one posting but where an id was written twice in one segment (the older one deleted)
        found = [info.min_id()] if info.doc_frequency() == 1 else term_postings(leaf, "id", name)[0]
        names.extend([name] * len(found))
        docs.extend(int(d) for d in found)
    return np.array(names, dtype=object), np.array(docs, dtype=np.int64)


def added_order(added: Facet, dates: Facet, ids: list[tuple[SegmentIds, int]], size: int) -> np.ndarray:
    """Docnums by the time their file was first indexed (the `added` facet), latest first; ties by
    issue date latest first, then by id (UTF-8 order, as OpenSearch sorts keywords); no time or no
    date last in its turn. `ids`: each segment's ids with the segment's docnum offset."""
    names = np.concatenate([np.zeros(0, dtype=object)] + [n for (n, _), _ in ids])
    docs = np.concatenate([np.zeros(0, dtype=np.int64)] + [d + offset for (_, d), offset in ids])
    by_id = np.full(size, len(names), dtype=np.int64)
    by_id[docs[np.argsort(names, kind="stable")]] = np.arange(len(names))
    return np.lexsort((by_id, -_ranks(dates, size), -_ranks(added, size)))
