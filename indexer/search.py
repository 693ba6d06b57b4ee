"""Searching the index: a parsed query → Whoosh query → hits, total and facets.

One IndexView per index generation holds what every search needs and never
changes until the index does: the facet matrices (document × value, as
sparse matrices so a facet count is one product), the date order, and the
document ids. Whoosh searchers are per thread; the view is shared.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from whoosh import query as wq
from whoosh.index import Index

from indexer import store
from indexer.analysis import syllable_pairs
from indexer.schema import FACET_FIELDS, TEXT_FIELDS
from indexer.text import fold, has_marks, is_code, number_key

EXACT_BOOST = 1.5  # a syllable typed with its marks, found with them
PAIR_BOOST = 2.0  # the query's words standing together in the text
WORD_BOOST = 1.5  # ... forming one of pyvi's compound words
RECORD_CACHE = 4096


class ClauseLike(Protocol):
    kind: str
    tokens: tuple[str, ...]


class ParsedLike(Protocol):
    must: list[list[ClauseLike]]
    exclude: list[ClauseLike]
    runs: list[tuple[str, ...]]


@dataclass
class Facet:
    """One facet over the whole index: its values and which documents have them."""

    values: list[str]
    matrix: sparse.csc_matrix  # documents × values, 1 where the document has the value
    index: dict[str, int]

    def mask(self, selected: Iterable[str], size: int) -> np.ndarray:
        """Documents having any of the selected values (OR within a facet)."""
        cols = [self.index[v] for v in selected if v in self.index]
        if not cols:
            return np.zeros(size, dtype=bool)
        return np.asarray(self.matrix[:, cols].sum(axis=1)).ravel() > 0

    def counts(self, docs: np.ndarray) -> np.ndarray:
        """How many of the given documents (a boolean mask) have each value."""
        return np.asarray(self.matrix.T @ docs.astype(np.float32)).ravel().astype(np.int64)


@dataclass
class SearchOutcome:
    total: int
    docnums: list[int]
    scores: list[float | None]
    facets: dict[str, list[tuple[str, int]]]
    relaxed: bool = False
    corrections: dict[str, str] = field(default_factory=dict)


class IndexView:
    """Everything derived from one index generation, shared by all threads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.generation = store.current_generation(root)
        self.index: Index = store.open_index(root)
        self._local = threading.local()
        with self.index.reader() as reader:
            self.size = reader.doc_count_all()
            self.live = np.ones(self.size, dtype=bool)
            if reader.has_deletions():
                for docnum in range(self.size):
                    self.live[docnum] = not reader.is_deleted(docnum)
            self.facets = {name: self._facet(reader, field) for name, field in FACET_FIELDS.items()}
            self.toc_generation = reader.generation()
        self.date_order = self._date_order()
        self._records: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self._records_lock = threading.Lock()

    def _facet(self, reader: Any, fieldname: str) -> Facet:
        values: list[str] = []
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        for col, term in enumerate(reader.lexicon(fieldname)):
            value = term.decode("utf-8") if isinstance(term, bytes) else term
            values.append(value)
            ids = np.fromiter(reader.postings(fieldname, value).all_ids(), dtype=np.int64)
            rows.append(ids)
            cols.append(np.full(len(ids), col, dtype=np.int64))
        row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
        data = np.ones(len(row), dtype=np.float32)
        matrix = sparse.csc_matrix((data, (row, col)), shape=(self.size, len(values)))
        return Facet(values, matrix, {v: i for i, v in enumerate(values)})

    def _date_order(self) -> np.ndarray:
        """Docnums newest first; undated documents last, in index order."""
        dates = self.facets["date"]
        key = np.full(self.size, -1, dtype=np.int64)
        order_of_value = np.argsort(np.array(dates.values, dtype=object)) if dates.values else []
        rank = np.empty(len(dates.values), dtype=np.int64)
        rank[order_of_value] = np.arange(len(dates.values))
        coo = dates.matrix.tocoo()
        key[coo.row] = rank[coo.col]
        return np.lexsort((np.arange(self.size), -key))

    # -- per-thread Whoosh searcher -------------------------------------------------

    def searcher(self) -> Any:
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self.index.searcher()
            self._local.searcher = s
        return s

    def is_current(self) -> bool:
        """False once a build swapped generations or an update committed."""
        if store.current_generation(self.root) != self.generation:
            return False
        return self.index.latest_generation() == self.toc_generation

    def close(self) -> None:
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()

    # -- records -------------------------------------------------------------------

    def record(self, docnum: int) -> dict[str, Any]:
        """The stored record of a document, parsed once and kept in a small LRU."""
        with self._records_lock:
            cached = self._records.get(docnum)
            if cached is not None:
                self._records.move_to_end(docnum)
                return cached
        data = json.loads(self.searcher().stored_fields(docnum)["record"])
        with self._records_lock:
            self._records[docnum] = data
            if len(self._records) > RECORD_CACHE:
                self._records.popitem(last=False)
        return data

    def docnum_for_id(self, record_id: str) -> int | None:
        docnum = self.searcher().document_number(id=record_id)
        return docnum if docnum is not None and self.live[docnum] else None

    def docnums_for(self, fieldname: str, value: str) -> list[int]:
        reader = self.searcher().reader()
        if (fieldname, value) not in reader:
            return []
        return [d for d in reader.postings(fieldname, value).all_ids() if self.live[d]]

    def doc_frequency(self, fieldname: str, text: str) -> int:
        return self.searcher().reader().doc_frequency(fieldname, text)

    def terms_within(self, fieldname: str, text: str, maxdist: int) -> list[str]:
        reader = self.searcher().reader()
        return [t.decode() if isinstance(t, bytes) else t for t in reader.terms_within(fieldname, text, maxdist)]

    # -- searching -----------------------------------------------------------------

    def filter_mask(self, filters: dict[str, Sequence[str]], date_from: str | None, date_to: str | None,
                    skip: str | None = None) -> np.ndarray:
        """Documents passing every filter but `skip` (AND across facets, OR within)."""
        mask = self.live.copy()
        for name, selected in filters.items():
            if name != skip and selected:
                mask &= self.facets[name].mask(selected, self.size)
        if (date_from or date_to) and skip != "date":
            dates = self.facets["date"]
            chosen = [v for v in dates.values if (not date_from or v >= date_from) and (not date_to or v <= date_to)]
            mask &= dates.mask(chosen, self.size)
        return mask

    def matching(self, q: wq.Query | None) -> np.ndarray:
        if q is None:
            return self.live.copy()
        mask = np.zeros(self.size, dtype=bool)
        ids = np.fromiter(self.searcher().docs_for_query(q), dtype=np.int64)
        mask[ids] = True
        return mask & self.live

    def run(self, q: wq.Query | None, filters: dict[str, Sequence[str]], date_from: str | None,
            date_to: str | None, sort: str, offset: int, limit: int, facet_limit: int = 30) -> SearchOutcome:
        """Total, one page of docnums in order, and every facet's counts."""
        matched = self.matching(q)
        final = matched & self.filter_mask(filters, date_from, date_to)
        total = int(final.sum())
        facets: dict[str, list[tuple[str, int]]] = {}
        for name, facet in self.facets.items():
            base = matched & self.filter_mask(filters, date_from, date_to, skip=name) if filters.get(name) else final
            counts = facet.counts(base)
            nonzero = np.flatnonzero(counts)
            top = nonzero[np.argsort(-counts[nonzero], kind="stable")]
            if name != "date":
                top = top[:facet_limit]
            facets[name] = [(facet.values[i], int(counts[i])) for i in top]
        if q is not None and sort == "relevance":
            docnums, scores = self._ranked(q, final, total, offset + limit)
        else:
            order = self.date_order if sort != "oldest" else self._oldest_order()
            picked = order[final[order]]
            docnums, scores = [int(d) for d in picked[: offset + limit]], [None] * min(total, offset + limit)
        return SearchOutcome(total, docnums[offset:], scores[offset:], facets)

    def _oldest_order(self) -> np.ndarray:
        dated = self.date_order[self.facets["date"].matrix[self.date_order].getnnz(axis=1) > 0]
        undated = self.date_order[self.facets["date"].matrix[self.date_order].getnnz(axis=1) == 0]
        return np.concatenate([dated[::-1], undated])

    def _ranked(self, q: wq.Query, final: np.ndarray, total: int, limit: int) -> tuple[list[int], list[float | None]]:
        if total == 0:
            return [], []
        restrict = None
        if total < int(self.live.sum()):
            restrict = set(np.flatnonzero(final).tolist())
        results = self.searcher().search(q, limit=max(limit, 1), filter=restrict)
        return [hit.docnum for hit in results], [float(hit.score) for hit in results]


# -- parsed query → Whoosh query -----------------------------------------------------

def _syllable(token: str) -> wq.Query:
    """One syllable or code: must match folded, scores more when the marks match too."""
    folded = fold(token)
    if is_code(token):
        return _number(token)
    alternatives: list[wq.Query] = [wq.Term(f, folded, boost=w) for _, f, w in TEXT_FIELDS]
    if has_marks(token):
        alternatives += [wq.Term(x, token, boost=w * EXACT_BOOST) for x, _, w in TEXT_FIELDS]
    return wq.Or(alternatives)


def _number(token: str) -> wq.Query:
    """A document number: the document that carries it, then those that cite it."""
    key = number_key(token)
    return wq.Or([wq.Term("number", key), wq.Term("cites", key), wq.Term("body_f", key), wq.Term("subject_f", key)])


def _phrase(toks: Sequence[str]) -> wq.Query:
    """Syllables in order, as adjacent pairs: no positions read, one lookup per pair."""
    if len(toks) == 1:
        return _syllable(toks[0])
    pairs = syllable_pairs([fold(t) for t in toks])
    required: wq.Query = wq.And([wq.Term("pairs", p) for p in pairs])
    marked = [t for t in toks if has_marks(t)]
    if marked:
        bonus = wq.Or([wq.Term(x, t, boost=w * EXACT_BOOST) for t in marked for x, _, w in TEXT_FIELDS])
        required = wq.AndMaybe(required, bonus)
    return required


def clause_query(clause: ClauseLike) -> wq.Query:
    if clause.kind == "number":
        return _number(clause.tokens[0])
    if clause.kind == "phrase":
        return _phrase(clause.tokens)
    return _syllable(clause.tokens[0])


def _proximity(runs: list[tuple[str, ...]]) -> wq.Query | None:
    """Optional boosts: the typed words adjacent, or forming one pyvi word."""
    boosts: list[wq.Query] = []
    for run in runs:
        folded = [fold(t) for t in run if not is_code(t)]
        for pair in syllable_pairs(folded):
            boosts.append(wq.Term("pairs", pair, boost=PAIR_BOOST))
            boosts.append(wq.Term("words", pair, boost=WORD_BOOST))
    return wq.Or(boosts) if boosts else None


def build_query(parsed: ParsedLike, minimum_share: float | None = None) -> wq.Query | None:
    """The Whoosh query; with `minimum_share`, only that share of the items must match."""
    items = [wq.Or([clause_query(c) for c in item]) if len(item) > 1 else clause_query(item[0])
             for item in parsed.must]
    if not items:
        return None
    if minimum_share is not None and len(items) > 2:
        core: wq.Query = wq.Or(items, minmatch=max(2, round(len(items) * minimum_share)))
    else:
        core = wq.And(items) if len(items) > 1 else items[0]
    boost = _proximity(parsed.runs)
    if boost is not None:
        core = wq.AndMaybe(core, boost)
    if parsed.exclude:
        core = wq.AndNot(core, wq.Or([clause_query(c) for c in parsed.exclude]))
    return core
