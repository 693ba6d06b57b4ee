"""The Whoosh engine: one index generation opened for searching (indexer.engine.Engine).

One WhooshEngine per generation holds what every search needs and never
changes until the index does: the facets (facets.py), the date orders, the
numpy evaluator's term cache, and per-generation caches of records and
search outcomes. Whoosh searchers are per thread; the engine is shared.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from cachetools import LRUCache, cached
from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh import query as wq
from whoosh.index import Index

from indexer.engine.base import Hit, SearchResult, SearchSpec
from indexer.engine.pairs import pair_term
from indexer.engine.whoosh import generations
from indexer.engine.whoosh.facets import (
    ADDED,
    Facet,
    SegmentFacet,
    SegmentIds,
    added_order,
    date_orders,
    merged_facet,
    segment_facets,
    segment_ids,
)
from indexer.engine.whoosh.numpy_query import Evaluator, Unsupported, deleted
from indexer.engine.whoosh.schema import FACET_FIELDS
from indexer.engine.whoosh.translate import to_whoosh
from indexer.engine.whoosh.warm import warm
from indexer.facets import is_cut
from indexer.text import fold, number_key

RECORD_CACHE = 4096  # stored records parsed from JSON, kept per generation
FREQUENCY_CACHE = 65_536  # term → documents holding it (query understanding, spelling), kept per generation
TEXT_SEARCH_FIELDS = ("body_f", "subject_f", "issuer_f")
EXACT_FIELDS = ("body", "subject", "issuer_t")
SIMILAR_TERMS = 12


@dataclass(frozen=True)
class Outcome:
    total: int
    docnums: list[int]
    scores: list[float | None]
    facets: dict[str, list[tuple[str, int]]]


class WhooshEngine:
    """Everything derived from one index generation, shared by all threads."""

    def __init__(self, root: Path, previous: WhooshEngine | None = None, warm_terms: bool = True) -> None:
        """Open the live generation; segments `previous` already read are not read again.

        With `warm_terms`, the postings of the most frequent terms are read
        in a background thread (warm.py), so that the first queries do not.
        """
        self.root = root
        self.folder = generations.live_generation(root)
        self.index: Index = generations.open_unmapped(self.folder)
        self._local = threading.local()
        with self.index.reader() as reader:
            self.size = reader.doc_count_all()
            self.live = np.ones(self.size, dtype=bool)
            if reader.has_deletions():
                self.live[deleted(reader)] = False
            known = previous.segment_facets if previous is not None else {}
            leaves = [(leaf, offset) for leaf, offset in reader.leaf_readers()
                      if self.size and getattr(leaf, "segment", lambda: None)() is not None]
            self.segment_facets: dict[str, dict[str, SegmentFacet]] = {}
            for leaf, _ in leaves:
                segid = leaf.segment().segment_id()
                self.segment_facets[segid] = known.get(segid) or segment_facets(leaf)
            self._offsets = [(leaf.segment().segment_id(), offset) for leaf, offset in leaves]
            # each segment's ids, read by the first followed search (_order); those of `previous` reused
            self.segment_ids: dict[str, SegmentIds] = {
                segid: ids for segid, ids in (previous.segment_ids.items() if previous is not None else ())
                if segid in self.segment_facets}
            self.facets: dict[str, Facet] = {
                name: merged_facet(field, [(self.segment_facets[leaf.segment().segment_id()], offset)
                                           for leaf, offset in leaves], self.size)
                for name, field in FACET_FIELDS.items()}
            self.toc_generation = reader.generation()
        self.date_order, self.oldest_order = date_orders(self.facets["date"], self.size)
        self._added_order: np.ndarray | None = None  # read by the first followed search (_order)
        days = self.facets["date"].values
        self._months = sorted({day[:7] for day in days})
        self._month_of_day = np.searchsorted(self._months, [day[:7] for day in days]).astype(np.int64)
        self.evaluator = Evaluator(self.size)
        # shared by the server's threads: cachetools' lock around its LRU
        self._stored = cached(LRUCache(RECORD_CACHE), lock=threading.Lock())(self._parse_stored)
        self._frequencies = cached(LRUCache(FREQUENCY_CACHE), lock=threading.Lock())(self._term_frequency)
        self._docnums: dict[str, int] = {}
        self._spellings: dict[str, list[tuple[str, int]]] | None = None
        self._lexicon: list[str] | None = None
        self._lexicon_lock = threading.Lock()
        self.warmed = threading.Event()
        if warm_terms and self.size:
            threading.Thread(target=warm, args=(self,), name="index-warm", daemon=True).start()
        else:
            self.warmed.set()

    # -- the generation --------------------------------------------------------------

    @property
    def generation(self) -> str:
        return f"{self.folder.name}/{self.toc_generation}"

    def is_current(self) -> bool:
        """False once a build swapped generations or an update committed."""
        return (generations.current_generation(self.root) == self.folder
                and self.index.latest_generation() == self.toc_generation)

    def warm(self) -> None:
        """Wait for the background warming (warm.py) to end: a server calls this before it opens its port."""
        self.warmed.wait()

    def reopen(self) -> WhooshEngine:
        return self if self.is_current() else WhooshEngine(self.root, previous=self)

    def searcher(self) -> Any:
        """This thread's Whoosh searcher."""
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self._local.searcher = self.index.searcher()
        return s

    def close(self) -> None:
        """Close this thread's searcher; the engine stays usable (the next call opens another)."""
        s = getattr(self._local, "searcher", None)
        if s is not None:
            self._local.searcher = None
            s.close()

    # -- records -------------------------------------------------------------------

    def count(self) -> int:
        return int(self.live.sum())

    def _parse_stored(self, docnum: int) -> dict[str, Any]:
        return json.loads(self.searcher().stored_fields(docnum)["record"])

    def _record_at(self, docnum: int) -> dict[str, Any]:
        record = self._stored(docnum)
        self._docnums[record["id"]] = docnum
        return record

    def _docnum(self, doc_id: str) -> int | None:
        docnum = self._docnums.get(doc_id)
        if docnum is None and self.size:
            docnum = self.searcher().document_number(id=doc_id)
        return docnum if docnum is not None and self.live[docnum] else None

    def record(self, doc_id: str) -> dict[str, Any] | None:
        docnum = self._docnum(doc_id)
        return self._record_at(docnum) if docnum is not None else None

    def records(self) -> Iterator[dict[str, Any]]:
        with self.index.searcher() as searcher:
            stored = [fields for _, fields in searcher.iter_docs()]
        for fields in sorted(stored, key=lambda f: f["id"]):
            yield json.loads(fields["record"])

    def sources(self) -> dict[str, dict[str, Any]]:
        return generations.read_sources(self.folder)

    def _docnums_for(self, fieldname: str, value: str) -> list[int]:
        reader = self.searcher().reader()
        if not self.size or (fieldname, value) not in reader:
            return []
        return [d for d in reader.postings(fieldname, value).all_ids() if self.live[d]]

    def carriers(self, number: str) -> list[str]:
        return [self._record_at(d)["id"] for d in self._docnums_for("number", number_key(number))]

    def cited_by(self, number: str) -> list[str]:
        citing = [self._record_at(d) for d in self._docnums_for("cites", number_key(number))]
        return [r["id"] for r in sorted(citing, key=lambda r: r.get("date") or "", reverse=True)]

    def similar(self, doc_id: str, k: int) -> list[str]:
        """Documents sharing the most distinctive body words of this one (Whoosh's more_like)."""
        docnum = self._docnum(doc_id)
        if docnum is None:
            return []
        record = self._record_at(docnum)
        text = f"{record.get('subject') or ''}\n{record.get('text', '')[:4000]}"
        hits = self.searcher().more_like(docnum, "body_f", text=text, top=k, numterms=SIMILAR_TERMS)
        return [self._record_at(hit.docnum)["id"] for hit in hits if self.live[hit.docnum]]

    # -- term statistics (spelling) ------------------------------------------------------

    def _term_frequency(self, fieldname: str, term: str) -> int:
        """Documents holding the term, kept for the generation (self._frequencies): Whoosh looks a term
        up with a binary search of small file reads, and understanding a query of six syllables asks
        about 76 of them (words, pairs, spellings; 10 of its 29 ms at 10,000 articles)."""
        return self.searcher().reader().doc_frequency(fieldname, term) if self.size else 0

    def doc_frequency(self, word: str) -> int:
        """The most documents any text field finds the word in; like Lucene's statistics, documents
        deleted since the last merge still count."""
        return max((self._frequencies(f, word) for f in TEXT_SEARCH_FIELDS), default=0)

    def pair_frequency(self, first: str, second: str) -> int:
        return self._frequencies("pairs", f"{first}_{second}")

    def written_pair_frequency(self, first: str, second: str) -> int:
        return self._frequencies(*pair_term(first, second, exact=True))

    def word_frequency(self, first: str, second: str) -> int:
        return self._frequencies("words", f"{first}_{second}")

    def near_terms(self, word: str, max_edits: int) -> list[str]:
        """The folded body syllables within `max_edits` edits (a transposition counts one, as in Whoosh).

        RapidFuzz over the lexicon read once per generation: Whoosh's terms_within walks the lexicon
        in Python, 1.0–1.7 s a word on 10,000 pháp điển articles, against 0.6–28 ms here, the same
        terms (measured side by side on a loaded machine, 132 words at 1 and 2 edits)."""
        if not self.size:
            return []
        found = process.extract(word, self.lexicon(), scorer=OSA.distance, score_cutoff=max_edits,
                                limit=None)
        return sorted(term for term, _, _ in found)

    def lexicon(self) -> list[str]:
        """The folded body syllables (not codes' parts alone: every indexed term), read once per generation."""
        with self._lexicon_lock:
            if self._lexicon is None:
                reader = self.searcher().reader()
                self._lexicon = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("body_f")] \
                    if self.size else []
            return self._lexicon

    def spellings(self, word: str) -> list[tuple[str, int]]:
        with self._lexicon_lock:
            if self._spellings is None:
                self._spellings = self._spelling_table()
        return self._spellings.get(fold(word), [])

    def _spelling_table(self) -> dict[str, list[tuple[str, int]]]:
        table: dict[str, dict[str, int]] = {}
        reader = self.searcher().reader()
        for fieldname in EXACT_FIELDS:
            if not self.size or fieldname not in reader.schema:
                continue
            for term, info in reader.iter_field(fieldname):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                counts = table.setdefault(fold(text), {})
                counts[text] = max(counts.get(text, 0), info.doc_frequency())
        return {k: sorted(v.items(), key=lambda kv: (-kv[1], kv[0])) for k, v in table.items()}

    # -- searching -----------------------------------------------------------------

    def search(self, spec: SearchSpec) -> SearchResult:
        """Total, one page of hits and the facet counts. Nothing is kept here: the web app keeps whole
        answers per generation (search_app/answer/index_holder.py says why that layer, with the figures)."""
        ranked = self._run(spec, spec.offset + spec.limit)
        page = slice(spec.offset, spec.offset + spec.limit)
        hits = [Hit(self._record_at(d)["id"], s) for d, s in zip(ranked.docnums[page], ranked.scores[page],
                                                                   strict=True)]
        return SearchResult(ranked.total, hits, ranked.facets)

    def filter_mask(self, spec: SearchSpec, skip: str | None = None) -> np.ndarray:
        """Documents passing every filter but `skip` (AND across facets, OR within), never an excluded id."""
        mask = self.live.copy()
        for doc_id in spec.exclude_ids:
            docnum = self._docnum(doc_id)
            if docnum is not None:
                mask[docnum] = False
        for name, selected in spec.filters.items():
            if name != skip and selected and name in self.facets:
                mask &= self.facets[name].mask(selected, self.size)
        if (spec.date_from or spec.date_to) and skip != "date":
            mask &= self.facets["date"].range_mask(spec.date_from, spec.date_to)
        if spec.undated and skip != "date":
            mask &= self.facets["date"].matrix.getnnz(axis=1) == 0
        return mask

    def _run(self, spec: SearchSpec, depth: int) -> Outcome:
        q = to_whoosh(spec.query)
        matched, scores = self._matching(q)
        final = matched & self.filter_mask(spec)
        total = int(final.sum())
        facets = {name: self._counts(name, matched & self.filter_mask(spec, skip=name)
                                     if spec.filters.get(name) else final, spec.facet_size)
                  for name in spec.facets if name in self.facets}
        if q is not None and spec.sort == "relevance":
            docnums, ranked_scores = self._top(scores, final, depth) if scores is not None else \
                self._ranked(q, final, total, depth)
        else:
            order = self._order(spec.sort)
            picked = order[final[order]][:depth]
            docnums, ranked_scores = [int(d) for d in picked], [None] * len(picked)
        return Outcome(total, docnums, ranked_scores, facets)

    def _order(self, sort: str) -> np.ndarray:
        """Every docnum in the order of `sort` (a browse or a date order; relevance without a query is newest)."""
        if sort == "oldest":
            return self.oldest_order
        if sort != "added":
            return self.date_order
        if self._added_order is None:  # two threads may both read it: the same answer, no lock needed
            if any(segid not in self.segment_ids for segid, _ in self._offsets):
                with self.index.reader() as reader:
                    for leaf, _ in reader.leaf_readers():
                        segid = leaf.segment().segment_id()
                        if segid not in self.segment_ids:
                            self.segment_ids[segid] = segment_ids(leaf)
            added = merged_facet(ADDED, [(self.segment_facets[segid], offset) for segid, offset in self._offsets],
                                 self.size)
            self._added_order = added_order(added, self.facets["date"],
                                            [(self.segment_ids[segid], offset) for segid, offset in self._offsets],
                                            self.size)
        return self._added_order

    def _counts(self, name: str, docs: np.ndarray, size: int | None) -> list[tuple[str, int]]:
        facet = self.facets[name]
        counts, values = facet.counts(docs), facet.values
        if name == "date":  # counted by month
            values, counts = self._months, np.bincount(self._month_of_day, weights=counts,
                                                       minlength=len(self._months)).astype(np.int64)
        nonzero = np.flatnonzero(counts)
        order = nonzero[np.argsort(-counts[nonzero], kind="stable")]  # ties in value (UTF-8) order
        if size is not None and is_cut(name):
            order = order[:size]
        return [(values[i], int(counts[i])) for i in order]

    def _matching(self, q: wq.Query | None) -> tuple[np.ndarray, np.ndarray | None]:
        """(matching live documents, their scores or None when Whoosh must rank them)."""
        if q is None:
            return self.live.copy(), None
        try:
            mask, scores = self.evaluator.evaluate(self.searcher(), q)
            return mask & self.live, scores
        except Unsupported:
            mask = np.zeros(self.size, dtype=bool)
            mask[np.fromiter(self.searcher().docs_for_query(q), dtype=np.int64)] = True
            return mask & self.live, None

    @staticmethod
    def _top(scores: np.ndarray, final: np.ndarray, limit: int) -> tuple[list[int], list[float | None]]:
        """The `limit` best of the final documents: highest score first, then lowest docnum (as Whoosh)."""
        ids = np.flatnonzero(final)
        if len(ids) > limit > 0:
            threshold = np.partition(scores[ids], len(ids) - limit)[len(ids) - limit]
            ids = ids[scores[ids] >= threshold]
        order = ids[np.lexsort((ids, -scores[ids]))][:max(limit, 0)]
        return [int(d) for d in order], [float(scores[d]) for d in order]

    def _ranked(self, q: wq.Query, final: np.ndarray, total: int, limit: int) -> tuple[list[int], list[float | None]]:
        if total == 0:
            return [], []
        restrict = set(np.flatnonzero(final).tolist()) if total < self.count() else None
        results = self.searcher().search(q, limit=max(limit, 1), filter=restrict)
        return [hit.docnum for hit in results], [float(hit.score) for hit in results]
