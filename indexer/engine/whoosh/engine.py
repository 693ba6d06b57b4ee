"""Searching the index: a parsed query → Whoosh query → hits, total and facets.

One IndexView per index generation holds what every search needs and never
changes until the index does: the facet matrices (document × value, as
sparse matrices so a facet count is one product), the date order, and the
document ids. Whoosh searchers are per thread; the view is shared.
"""

from __future__ import annotations

import itertools
import json
import math
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from whoosh import query as wq
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from indexer import store, vocab
from indexer.analysis import syllable_pairs
from indexer.evaluate import Evaluator, Unsupported, deleted, term_postings
from indexer.lru import LRU
from indexer.schema import FACET_FIELDS, TEXT_FIELDS
from indexer.text import fold, has_marks, is_code, number_key

RECORD_CACHE = 4096
RESULT_CACHE = 512  # search outcomes kept per index generation
RANK_DEPTH = 100  # documents ranked per cached outcome: the first ten pages of ten
ANSWER_CACHE = 1024  # whole answers (hits, snippets, facet links) kept per generation
WARM_FIELDS = ("body_f", "body", "subject_f", "subject", "issuer_f", "issuer_t", "words", "pairs")
WARM_SHARE = 200  # warm terms found in at least 1 document in 200 ...
WARM_POSTINGS = 20_000_000  # ... up to this many postings (about 240 MB)


class ClauseLike(Protocol):
    kind: str
    tokens: tuple[str, ...]


class ParsedLike(Protocol):
    must: list[list[ClauseLike]]
    exclude: list[ClauseLike]
    runs: list[tuple[str, ...]]


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


def _open_unmapped(ix: Index) -> Index:
    """The same index, read with plain reads instead of mmap.

    Whoosh opens a compound segment's files from an mmap as in-memory
    copies (BytesIO over the mapped bytes): every searcher, and there is one
    per server thread, held a private copy of the postings, 70 MB each on
    10,000 documents. Plain reads copy nothing and are as fast here.
    """
    return FileStorage(ix.storage.folder, supports_mmap=False).open_index(ix.indexname)


SegmentFacet = tuple[list[str], np.ndarray, np.ndarray]  # one segment's values, local docnums, value columns


def _segment_facets(leaf: Any) -> dict[str, SegmentFacet]:
    """Every facet field of one segment; segments never change, so a reopened view reuses these."""
    out: dict[str, SegmentFacet] = {}
    for fieldname in FACET_FIELDS.values():
        values: list[str] = []
        rows: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
        cols: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
        for col, term in enumerate(leaf.lexicon(fieldname)):
            values.append(term.decode("utf-8") if isinstance(term, bytes) else term)
            ids, _ = term_postings(leaf, fieldname, term if isinstance(term, bytes) else term.encode("utf-8"))
            rows.append(ids)
            cols.append(np.full(len(ids), col, dtype=np.int64))
        out[fieldname] = (values, np.concatenate(rows), np.concatenate(cols))
    return out


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

    def __init__(self, root: Path, previous: IndexView | None = None, warm: bool = True) -> None:
        """Open the live generation; segments `previous` already read are not read again.

        With `warm`, a background thread then reads the postings of the most
        frequent terms, so the first queries do not pay for them.
        """
        self.root = root
        self.generation = store.current_generation(root)
        self.index: Index = _open_unmapped(store.open_index(root))
        self._local = threading.local()
        with self.index.reader() as reader:
            self.size = reader.doc_count_all()
            self.live = np.ones(self.size, dtype=bool)
            if reader.has_deletions():
                self.live[deleted(reader)] = False
            known = previous.segment_facets if previous is not None else {}
            leaves = reader.leaf_readers()
            self.segment_facets: dict[str, dict[str, SegmentFacet]] = {}
            for leaf, _ in leaves:
                segid = leaf.segment().segment_id()
                self.segment_facets[segid] = known.get(segid) or _segment_facets(leaf)
            self.facets = {name: self._facet(field, [(self.segment_facets[leaf.segment().segment_id()], offset)
                                                     for leaf, offset in leaves])
                           for name, field in FACET_FIELDS.items()}
            self.toc_generation = reader.generation()
        self.date_order, self.oldest_order = self._date_orders()
        days = self.facets["date"].values
        self._months = sorted({day[:7] for day in days})
        self._month_of_day = np.searchsorted(self._months, [day[:7] for day in days]).astype(np.int64)
        self.evaluator = Evaluator(self.size)
        self._records: LRU[dict[str, Any]] = LRU(RECORD_CACHE)
        self.outcomes: LRU[SearchOutcome] = LRU(RESULT_CACHE)
        self.answers: LRU[Any] = LRU(ANSWER_CACHE)  # the app's whole answers (search_app.service)
        self.warmed = threading.Event()  # set once the frequent terms are read (see _warm)
        if warm:
            threading.Thread(target=self._warm, name="index-warm", daemon=True).start()
        else:
            self.warmed.set()

    def _warm(self) -> None:
        """Read the postings of the most frequent text terms into the evaluator's cache.

        The terms a query is most likely to name are the common ones, and
        their long postings are the costly reads (tens of ms each on 100,000
        documents). Terms in at least 1 in WARM_SHARE documents, most frequent
        first, up to WARM_POSTINGS postings; seconds of one core, once per
        generation, while searches are already served.
        """
        searcher = None
        try:
            searcher = self.index.searcher()
            reader = searcher.reader()
            floor = max(20, self.size // WARM_SHARE)
            frequency: dict[tuple[str, bytes], int] = {}
            for leaf, _ in reader.leaf_readers():
                for fieldname in WARM_FIELDS:
                    if fieldname not in leaf.schema:
                        continue
                    for term, info in leaf.iter_field(fieldname):
                        if info.doc_frequency() >= floor // 2:
                            key = (fieldname, term)
                            frequency[key] = frequency.get(key, 0) + info.doc_frequency()
            total = 0
            for (fieldname, term), count in sorted(frequency.items(), key=lambda item: -item[1]):
                if count < floor or total + count > WARM_POSTINGS:
                    continue
                self.evaluator.term(searcher, fieldname, term)
                total += count
        except Exception:  # noqa: BLE001 - warming is an optimisation; searching works without it
            pass
        finally:
            if searcher is not None:
                searcher.close()
            self.warmed.set()

    def _facet(self, fieldname: str, segments: list[tuple[dict[str, SegmentFacet], int]]) -> Facet:
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
        return Facet(values, sparse.csc_matrix((data, (row, col)), shape=(self.size, len(values))))

    def _date_orders(self) -> tuple[np.ndarray, np.ndarray]:
        """Docnums newest first and oldest first (ties reversed); undated documents last in both, in index order."""
        dates = self.facets["date"]
        key = np.full(self.size, -1, dtype=np.int64)
        order_of_value = np.argsort(np.array(dates.values, dtype=object)) if dates.values else []
        rank = np.empty(len(dates.values), dtype=np.int64)
        rank[order_of_value] = np.arange(len(dates.values))
        coo = dates.matrix.tocoo()
        key[coo.row] = rank[coo.col]
        newest = np.lexsort((np.arange(self.size), -key))
        dated = key[newest] >= 0
        return newest, np.concatenate([newest[dated][::-1], newest[~dated]])

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
        return self._records.get_or_compute(docnum, lambda: json.loads(self.searcher().stored_fields(docnum)["record"]))

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
            mask &= self.facets["date"].range_mask(date_from, date_to)
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
        """Total, one page of docnums in order, and every facet's counts.

        Outcomes are kept per view, that is per index generation (RESULT_CACHE
        of them), ranked RANK_DEPTH deep: a query asked again, or its next
        pages, costs a lookup. Callers must not change a returned outcome.
        """
        try:
            key: Any = (q, tuple(sorted((k, tuple(v)) for k, v in filters.items())), date_from, date_to, sort,
                        facet_limit)
            hash(key)
        except TypeError:  # a query node that cannot be hashed: not cached
            return self._run(q, filters, date_from, date_to, sort, offset, limit, facet_limit)
        depth = max(RANK_DEPTH, offset + limit)
        ranked = self.outcomes.get(key)
        if ranked is None or len(ranked.docnums) < min(offset + limit, ranked.total):
            ranked = self.outcomes.put(key, self._run(q, filters, date_from, date_to, sort, 0, depth, facet_limit))
        page = slice(offset, offset + limit)
        return replace(ranked, docnums=ranked.docnums[page], scores=ranked.scores[page])

    def _run(self, q: wq.Query | None, filters: dict[str, Sequence[str]], date_from: str | None,
             date_to: str | None, sort: str, offset: int, limit: int, facet_limit: int) -> SearchOutcome:
        evaluated = self._evaluate(q)
        matched = evaluated[0] if evaluated is not None else self.matching(q)
        final = matched & self.filter_mask(filters, date_from, date_to)
        total = int(final.sum())
        facets: dict[str, list[tuple[str, int]]] = {}
        for name, facet in self.facets.items():
            base = matched & self.filter_mask(filters, date_from, date_to, skip=name) if filters.get(name) else final
            counts = facet.counts(base)
            values = facet.values
            if name == "date":  # the page shows years and months, never days
                values, counts = self._months, np.bincount(self._month_of_day, weights=counts,
                                                           minlength=len(self._months)).astype(np.int64)
            nonzero = np.flatnonzero(counts)
            top = nonzero[np.argsort(-counts[nonzero], kind="stable")]
            if name != "date":
                top = top[:facet_limit]
            facets[name] = [(values[i], int(counts[i])) for i in top]
        if q is not None and sort == "relevance" and evaluated is not None:
            docnums, scores = self._top(evaluated[1], final, offset + limit)
        elif q is not None and sort == "relevance":
            docnums, scores = self._ranked(q, final, total, offset + limit)
        else:
            order = self.date_order if sort != "oldest" else self.oldest_order
            picked = order[final[order]]
            docnums, scores = [int(d) for d in picked[: offset + limit]], [None] * min(total, offset + limit)
        return SearchOutcome(total, docnums[offset:], scores[offset:], facets)

    def _evaluate(self, q: wq.Query | None) -> tuple[np.ndarray, np.ndarray] | None:
        """(matching live documents, scores) by numpy (indexer.evaluate); None: use Whoosh."""
        if q is None:
            return None
        try:
            mask, scores = self.evaluator.evaluate(self.searcher(), q)
        except Unsupported:
            return None
        return mask & self.live, scores

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
        restrict = None
        if total < int(self.live.sum()):
            restrict = set(np.flatnonzero(final).tolist())
        results = self.searcher().search(q, limit=max(limit, 1), filter=restrict)
        return [hit.docnum for hit in results], [float(hit.score) for hit in results]

# -- parsed query → Whoosh query -----------------------------------------------------
#
# A document's score is the sum of four kinds of evidence:
#   text       each query syllable, BM25 per field, weighted subject > issuer > body
#              (schema.TEXT_FIELDS); typed with marks and found with the same marks,
#              only FOLDED_SHARE when it is found only after folding, so "cá" ranks
#              "cá" above "cà" while "ca" treats both alike
#   proximity  adjacent query words adjacent in the text (pairs), or forming one
#              pyvi word (words)
#   tiers      constant scores no text can outweigh: the document carrying a typed
#              number first, then the documents citing it
#   metadata   the document type the query names ("kế hoạch ..."), a bonus
# Function words of a long question ("những gì", "về", "trong năm") and the
# type or "số" before a number score when present but are not required.

FOLDED_SHARE = 0.25  # a syllable typed with marks, found only after folding: its share of the score
PAIR_BOOST = 6.0  # the query's words standing together in the text
WORD_BOOST = 4.0  # ... forming one of pyvi's compound words
ISSUER_PAIR_BOOST = 4.0  # ... both in the issuer ("y tế" of "Sở Y tế")
CARRIER_SCORE = 1000.0  # the document whose number the query names
CITER_SCORE = 100.0  # a document citing that number
TYPE_SCORE = 30.0  # the document type the query names ("kế hoạch", "thông báo")
MIN_ITEMS_FOR_OPTIONAL = 4  # shorter queries keep every word required
MAX_SUBSETS = 256  # a relaxed query's alternatives (see _at_least)
QUESTION_WORDS = frozenset({
    "ai", "các", "cho", "có", "của", "được", "gì", "hay", "không", "là", "nào", "năm", "như", "những", "ở",
    "ra", "sao", "tại", "thế", "trong", "về", "với", "và",
})  # typed without marks they are recognised folded, but for "the" (thế, thể, thẻ)
_QUESTION_FOLDED = frozenset(fold(w) for w in QUESTION_WORDS) - {"the"}
_NUMBER_LEAD = ("so",)  # "số 756": the word before a bare document number


@lru_cache(maxsize=1)
def _type_words() -> dict[tuple[str, ...], tuple[str, tuple[str, ...]]]:
    """Folded type name ('thong', 'bao') or number code ('tb',) → (type, its number codes)."""
    data = vocab.doc_types()
    codes: dict[str, list[str]] = {}
    for code, name in data["codes"].items():
        codes.setdefault(name, []).append(number_key(code))
    out: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for name in sorted(set(data["titles"].values())):
        out[tuple(fold(name).lower().split())] = (name, tuple(codes.get(name, ())))
    for code, name in data["codes"].items():
        if len(code) > 1:
            out.setdefault((number_key(code),), (name, tuple(codes[name])))
    return out


@dataclass
class _Hints:
    """What the words around the query's items say: typed numbers and types."""

    numbers: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # digits → type codes, None = any
    types: set[str] = field(default_factory=set)
    leads: set[str] = field(default_factory=set)  # "công văn", "số", "cv" before a number: scored, not required


def _hints(parsed: ParsedLike) -> _Hints:
    hints = _Hints()
    table = _type_words()
    alone = len(parsed.must) == 1
    for run in parsed.runs:
        words = [fold(t).lower() for t in run]
        named: dict[int, tuple[int, str, tuple[str, ...]]] = {}  # end index → (start, type, codes)
        for size in (3, 2):
            for i in range(len(words) - size + 1):
                found = table.get(tuple(words[i:i + size]))
                if found:
                    hints.types.add(found[0])
                    named[i + size - 1] = (i, *found)
        for i, word in enumerate(words):
            if not word.isdigit():
                continue
            before = i - 1 if i and words[i - 1] in _NUMBER_LEAD else i
            typed = named.get(before - 1) or ((before - 1, *table[(words[before - 1],)])
                                              if before > 0 and (words[before - 1],) in table else None)
            hints.leads.update(words[before:i])
            if typed:
                start, name, codes = typed
                hints.numbers[word] = codes + (("",) if name == "Công văn" else ())
                hints.leads.update(words[start:before])
            elif before < i or alone:
                hints.numbers[word] = None
    return hints


def _text_terms(token: str) -> list[wq.Query]:
    """One syllable in every text field, folded; again exactly when typed with marks."""
    folded = fold(token)
    if not has_marks(token):
        return [wq.Term(f, folded, boost=w) for _, f, w in TEXT_FIELDS]
    return ([wq.Term(x, token, boost=w) for x, _, w in TEXT_FIELDS]
            + [wq.Term(f, folded, boost=w * FOLDED_SHARE) for _, f, w in TEXT_FIELDS])


def _syllable(token: str, hints: _Hints) -> wq.Query:
    """One syllable, number or code (Covid-19, 5K): what must match, and how it scores."""
    if token.isdigit():
        return _bare_number(token, hints.numbers.get(token, False))
    if is_code(token):
        key = number_key(token)
        return wq.Or([wq.Term(f, key, boost=w) for _, f, w in TEXT_FIELDS] + _number_tiers(key))
    return wq.Or(_text_terms(token))


def _number_tiers(key: str) -> list[wq.Query]:
    """The carrier of a number (or of a number typed without its unit), then its citers."""
    carrier = wq.Or([wq.Term("number", key), wq.Prefix("number", f"{key}-")])
    return [wq.ConstantScoreQuery(carrier, CARRIER_SCORE),
            wq.ConstantScoreQuery(wq.Term("cites", key), CITER_SCORE)]


def _number(token: str) -> wq.Query:
    """A document number: the document that carries it, then those that cite it."""
    key = number_key(token)
    return wq.Or([*_number_tiers(key), wq.Term("subject_f", key, boost=TEXT_FIELDS[0][2]), wq.Term("body_f", key)])


def _bare_number(digits: str, codes: tuple[str, ...] | None | bool) -> wq.Query:
    """'285' alone, after 'số', or after a type ('thông báo 285'): carrier and citers by prefix.

    `codes` False: just a number in the text (a count, a year); None: any type;
    a tuple: those number codes, '' standing for a Công văn (agency symbol, no code).
    """
    text = wq.Or([wq.Term("subject_f", digits, boost=TEXT_FIELDS[0][2]), wq.Term("body_f", digits)])
    if codes is False:
        return text
    forms = {digits.lstrip("0") or "0", digits.zfill(2)}
    tiers = []
    for fieldname, score in (("number", CARRIER_SCORE), ("cites", CITER_SCORE)):
        if codes is None:
            patterns = [q for n in forms for q in (wq.Prefix(fieldname, f"{n}/"), wq.Prefix(fieldname, f"{n}-"))]
        else:
            patterns = []
            for n in forms:
                for code in codes:
                    if code:
                        patterns += [wq.Prefix(fieldname, f"{n}/{code}-"), wq.Wildcard(fieldname, f"{n}/*/{code}-*"),
                                     wq.Prefix(fieldname, f"{n}-{code}/")]
                    else:  # a Công văn: number/AGENCY-UNIT, the type known from the record
                        cong_van = wq.Prefix(fieldname, f"{n}/")
                        if fieldname == "number":
                            cong_van = wq.And([cong_van, wq.Term("f_doc_type", "Công văn")])
                        patterns.append(cong_van)
        tiers.append(wq.ConstantScoreQuery(wq.Or(patterns), score))
    return wq.Or([*tiers, text])


def _phrase(toks: Sequence[str], hints: _Hints) -> wq.Query:
    """Syllables in order: required as adjacent pairs, scored like words plus the pairs."""
    if len(toks) == 1:
        return _syllable(toks[0], hints)
    pairs = syllable_pairs([fold(t) for t in toks])
    return wq.And([*(wq.Term("pairs", p) for p in pairs), *(_syllable(t, hints) for t in toks)])


def clause_query(clause: ClauseLike, hints: _Hints | None = None) -> wq.Query:
    hints = hints or _Hints()
    if clause.kind == "number":
        return _number(clause.tokens[0])
    if clause.kind == "phrase":
        return _phrase(clause.tokens, hints)
    return _syllable(clause.tokens[0], hints)


def _item_query(item: Sequence[ClauseLike], hints: _Hints) -> wq.Query:
    """Any one of an item's alternatives; spellings that fold alike count once."""
    seen: dict[tuple[str, ...], ClauseLike] = {}
    for clause in item:
        seen.setdefault(tuple(fold(t).lower() for t in clause.tokens), clause)
    alternatives = [clause_query(c, hints) for c in seen.values()]
    return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)


def _is_optional(item: Sequence[ClauseLike], hints: _Hints, spare: bool) -> bool:
    """A function word of a long question, or the type and "số" before a typed number."""
    if len(item) != 1 or item[0].kind != "word":
        return False
    word = item[0].tokens[0].lower()
    if fold(word) in hints.leads:
        return True
    return spare and (word in QUESTION_WORDS if has_marks(word) else word in _QUESTION_FOLDED)


def _proximity(runs: list[tuple[str, ...]]) -> list[wq.Query]:
    """Optional boosts: the typed words adjacent, or forming one pyvi word."""
    boosts: list[wq.Query] = []
    for run in runs:
        folded = [fold(t).lower() if not is_code(t) else None for t in run]
        for a, b in zip(folded, folded[1:], strict=False):
            if a is None or b is None:  # a number or code between: no pair across it
                continue
            boosts.append(wq.Term("pairs", f"{a}_{b}", boost=PAIR_BOOST))
            boosts.append(wq.Term("words", f"{a}_{b}", boost=WORD_BOOST))
            boosts.append(wq.And([wq.Term("issuer_f", w, boost=ISSUER_PAIR_BOOST) for w in (a, b)]))
    return boosts


def _metadata(hints: _Hints) -> list[wq.Query]:
    """The type the query names; a value field is not scorable, so its boost is its score."""
    return [wq.Term("f_doc_type", t, boost=TYPE_SCORE) for t in sorted(hints.types)]


def _at_least(items: list[wq.Query], count: int) -> wq.Query:
    """Documents matching `count` of the items, scored by every item they match.

    Whoosh ignores Or's `minmatch`, so the matching is an Or of the Ands of
    `count`-item subsets (a filter, scoring nothing); when there would be more
    than MAX_SUBSETS of them, more items are required rather than fewer.
    """
    count = min(count, len(items))
    while count < len(items) and math.comb(len(items), count) > MAX_SUBSETS:
        count += 1
    subsets = [wq.And(list(chosen)) for chosen in itertools.combinations(items, count)]
    # the filter scores (next to) nothing: Whoosh reads a constant of 0.0 as "no constant"
    return wq.AndMaybe(wq.ConstantScoreQuery(wq.Or(subsets), 1e-9), wq.Or(items))


def build_query(parsed: ParsedLike, minimum_share: float | None = None) -> wq.Query | None:
    """The Whoosh query; with `minimum_share`, only that share of the required items must match."""
    if not parsed.must:
        return None
    hints = _hints(parsed)
    required, optional = [], []
    spare = len(parsed.must) >= MIN_ITEMS_FOR_OPTIONAL
    for item in parsed.must:
        (optional if _is_optional(item, hints, spare) else required).append(_item_query(item, hints))
    if not required:  # a question made only of function words keeps them all
        required, optional = [_item_query(item, hints) for item in parsed.must], []
    if minimum_share is not None and len(required) > 2:
        core: wq.Query = _at_least(required, max(2, round(len(required) * minimum_share)))
    else:
        core = wq.And(required) if len(required) > 1 else required[0]
    bonus = optional + _proximity(parsed.runs) + _metadata(hints)
    if bonus:
        core = wq.AndMaybe(core, wq.Or(bonus))
    if parsed.exclude:
        core = wq.AndNot(core, wq.Or([clause_query(c) for c in parsed.exclude]))
    return core
