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
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from scipy import sparse
from whoosh import query as wq
from whoosh.index import Index

from indexer import store, vocab
from indexer.analysis import syllable_pairs
from indexer.schema import FACET_FIELDS, TEXT_FIELDS
from indexer.text import fold, has_marks, is_code, number_key

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
#
# A document's score is the sum of four kinds of evidence:
#   text       each query syllable, BM25 per field, weighted subject > issuer > body
#              (schema.TEXT_FIELDS); typed with marks and found with the same marks,
#              × EXACT_BOOST, so "cá" prefers "cá" to "cà" while "ca" treats both alike
#   proximity  adjacent query words adjacent in the text (pairs), or forming one
#              pyvi word (words)
#   tiers      constant scores no text can outweigh: the document carrying a typed
#              number first, then the documents citing it
#   metadata   the document type and the year a query names, as small bonuses
# Function words of a long question ("những gì", "về", "trong năm") score when
# present but are not required.

EXACT_BOOST = 1.5  # a syllable typed with its marks, found with them
PAIR_BOOST = 6.0  # the query's words standing together in the text
WORD_BOOST = 4.0  # ... forming one of pyvi's compound words
CARRIER_SCORE = 1000.0  # the document whose number the query names
CITER_SCORE = 100.0  # a document citing that number
TYPE_SCORE = 5.0  # the document type the query names ("kế hoạch", "thông báo")
YEAR_SCORE = 5.0  # issued in the year the query names
MIN_ITEMS_FOR_OPTIONAL = 4  # shorter queries keep every word required
OPTIONAL_WORDS = frozenset({
    "ai", "bao", "cac", "cho", "co", "cua", "duoc", "gi", "hay", "khong", "la", "nao", "nam", "nhu",
    "nhung", "o", "ra", "sao", "tai", "the", "trong", "van_ban", "ve", "voi", "va",
})  # folded; "bao" only as in "bao nhiêu" is rare enough to keep
_YEARS = range(1990, 2040)
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
    """What the words around the query's items say: typed numbers, types, years."""

    numbers: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # digits → type codes, None = any
    types: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)


def _hints(parsed: ParsedLike) -> _Hints:
    hints = _Hints()
    table = _type_words()
    alone = len(parsed.must) == 1
    for run in parsed.runs:
        words = [fold(t).lower() for t in run]
        named: list[tuple[int, str, tuple[str, ...]]] = []  # (end index, type, codes)
        for size in (3, 2):
            for i in range(len(words) - size + 1):
                found = table.get(tuple(words[i:i + size]))
                if found:
                    hints.types.add(found[0])
                    named.append((i + size - 1, *found))
        for i, word in enumerate(words):
            if not word.isdigit():
                continue
            before = i - 1 if i and words[i - 1] in _NUMBER_LEAD else i
            typed = [n for n in named if n[0] == before - 1]
            code = table.get((words[before - 1],)) if before > 0 else None
            if typed:
                hints.numbers[word] = typed[0][2] + (("",) if typed[0][1] == "Công văn" else ())
            elif code:
                hints.numbers[word] = code[1] + (("",) if code[0] == "Công văn" else ())
            elif before < i or alone:
                hints.numbers[word] = None
            elif len(word) == 4 and int(word) in _YEARS:
                hints.years.add(word)
    return hints


def _text_terms(token: str) -> list[wq.Query]:
    """One syllable in every text field, folded; again exactly when typed with marks."""
    folded = fold(token)
    terms: list[wq.Query] = [wq.Term(f, folded, boost=w) for _, f, w in TEXT_FIELDS]
    if has_marks(token):
        terms += [wq.Term(x, token, boost=w * EXACT_BOOST) for x, _, w in TEXT_FIELDS]
    return terms


def _syllable(token: str, hints: _Hints) -> wq.Query:
    """One syllable or code: must match folded, scores more when the marks match too."""
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


def _is_optional(item: Sequence[ClauseLike]) -> bool:
    return len(item) == 1 and item[0].kind == "word" and fold(item[0].tokens[0]).lower() in OPTIONAL_WORDS


def _proximity(runs: list[tuple[str, ...]]) -> list[wq.Query]:
    """Optional boosts: the typed words adjacent, or forming one pyvi word."""
    boosts: list[wq.Query] = []
    for run in runs:
        folded = [fold(t).lower() for t in run if not is_code(t)]
        for a, b in zip(folded, folded[1:], strict=False):
            boosts.append(wq.Term("pairs", f"{a}_{b}", boost=PAIR_BOOST))
            boosts.append(wq.Term("words", f"{a}_{b}", boost=WORD_BOOST))
    return boosts


def _metadata(hints: _Hints) -> list[wq.Query]:
    out: list[wq.Query] = [wq.ConstantScoreQuery(wq.Term("f_doc_type", t), TYPE_SCORE) for t in sorted(hints.types)]
    out += [wq.ConstantScoreQuery(wq.Prefix("f_date", f"{y}-"), YEAR_SCORE) for y in sorted(hints.years)]
    return out


def build_query(parsed: ParsedLike, minimum_share: float | None = None) -> wq.Query | None:
    """The Whoosh query; with `minimum_share`, only that share of the required items must match."""
    if not parsed.must:
        return None
    hints = _hints(parsed)
    required, optional = [], []
    spare = len(parsed.must) >= MIN_ITEMS_FOR_OPTIONAL
    for item in parsed.must:
        (optional if spare and _is_optional(item) else required).append(_item_query(item, hints))
    if len(required) < 2:  # a question made only of function words keeps them all
        required, optional = [_item_query(item, hints) for item in parsed.must], []
    if minimum_share is not None and len(required) > 2:
        core: wq.Query = wq.Or(required, minmatch=max(2, round(len(required) * minimum_share)))
    else:
        core = wq.And(required) if len(required) > 1 else required[0]
    bonus = optional + _proximity(parsed.runs) + _metadata(hints)
    if bonus:
        core = wq.AndMaybe(core, wq.Or(bonus))
    if parsed.exclude:
        core = wq.AndNot(core, wq.Or([clause_query(c) for c in parsed.exclude]))
    return core
