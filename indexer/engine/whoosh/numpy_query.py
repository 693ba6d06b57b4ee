"""Whoosh query trees evaluated with numpy over cached, pre-scored postings.

Whoosh matches and scores a query one document at a time in Python: a word
common to most of 100,000 documents, OR'd over six fields, costs seconds.
Here each term's postings are read once per index generation (whole blocks,
not one posting at a time), scored with Whoosh's own BM25F formula (same
idf, same average and quantised field lengths, so the same scores), and kept
in a bounded LRU; a query is then a few vectorised operations over arrays as
long as the index: a mask of the matching documents and their scores.

Supported nodes: Term, Or, And, AndMaybe, AndNot, AtLeast (translate),
ConstantScoreQuery, and Prefix/Wildcard/TermRange under a ConstantScoreQuery
(where scores do not count), with compound boosts. Anything else raises
Unsupported and the caller falls back to Whoosh.
"""

from __future__ import annotations

import array
import io
import pickle
import struct
import threading
import zlib
from typing import Any

import numpy as np
from cachetools import LRUCache, cached
from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from indexer.engine.whoosh.translate import AtLeast

POSTINGS_BUDGET = 24_000_000  # cached postings (int32 docnum + float64 score: 12 bytes each), about 290 MB
_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


class Unsupported(Exception):
    """A query node this evaluator does not know; use Whoosh instead."""


Result = tuple[np.ndarray, np.ndarray]  # (bool mask, float64 scores), both as long as the index


class Evaluator:
    """Per index generation: field lengths, term postings, and the evaluation itself."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lengths: dict[str, np.ndarray] = {}
        # term → (docnums, scores), least recently used dropped first past POSTINGS_BUDGET postings
        self._terms: LRUCache = LRUCache(POSTINGS_BUDGET, getsizeof=lambda entry: max(1, len(entry[0])))
        # a prefix, wildcard or range → its terms: Whoosh finds them with a binary search of small file
        # reads (about 120 a prefix; "số 756" asks 16 prefixes, 50 of its 98 ms at 10,000 articles, and a
        # number not found asks again per fallback)
        self._expanded = cached(LRUCache(16_384), key=lambda _searcher, q: (type(q).__name__, repr(q)),
                                lock=threading.Lock())(lambda searcher, q: tuple(q._btexts(searcher.reader())))
        self._lock = threading.Lock()

    # -- postings ------------------------------------------------------------------

    def _field_lengths(self, reader: Any, fieldname: str) -> np.ndarray:
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            parts = []
            for leaf, _ in reader.leaf_readers():
                count = leaf.doc_count_all()
                try:
                    column = leaf._perdoc._cached_reader(f"_{fieldname}_len", _lengths_column())
                    raw = _length_bytes(column, count) if column is not None else None
                    part = _BYTE_TO_LENGTH[raw] if raw is not None else np.zeros(count)
                except (AttributeError, TypeError, ValueError):
                    part = np.array([leaf.doc_field_length(d, fieldname, 0) or 0 for d in range(count)],
                                    dtype=np.float64)
                parts.append(part)
            lengths = np.concatenate(parts) if parts else np.zeros(0)
            self._lengths[fieldname] = lengths
        return lengths

    def term(self, searcher: Any, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, unboosted scores) of one term, cached for the generation."""
        key = (fieldname, text)
        with self._lock:
            hit = self._terms.get(key)
            if hit is not None:
                return hit
        reader = searcher.reader()
        ids, weights = term_postings(reader, fieldname, text)
        field = searcher.schema[fieldname]
        if not field.scorable or not len(ids):
            scores = weights
        else:
            weighting = searcher.weighting
            if type(weighting) is not scoring.BM25F or weighting._field_B:
                raise Unsupported("weighting")
            b, k1 = weighting.B, weighting.K1
            idf = searcher.idf(fieldname, text)
            avgfl = searcher.avg_field_length(fieldname) or 1
            fl = self._field_lengths(reader, fieldname)[ids]
            scores = idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * fl / avgfl)))
        entry = (ids.astype(np.int32), scores)
        with self._lock:
            if len(ids) < POSTINGS_BUDGET:
                self._terms[key] = entry
        return entry

    # -- evaluation ----------------------------------------------------------------

    def evaluate(self, searcher: Any, q: wq.Query, scored: bool = True) -> Result:
        """The documents matching `q` and their Whoosh scores (zeros where `scored` is False)."""
        n = self.size
        if isinstance(q, wq.Term):
            return self._term_result(searcher, q.fieldname, q.text, q.boost)
        if isinstance(q, wq.ConstantScoreQuery):
            mask, _ = self.evaluate(searcher, q.child, scored=False)
            return mask, np.where(mask, float(q.score), 0.0)
        if isinstance(q, AtLeast):
            return self._at_least(searcher, q, scored)
        if isinstance(q, (wq.Prefix, wq.Wildcard, wq.TermRange)):
            if scored:
                raise Unsupported("scored multi-term query")
            mask = np.zeros(n, dtype=bool)
            for text in self._expanded(searcher, q):
                ids, _ = self.term(searcher, q.fieldname, text)
                mask[ids] = True
            return mask, np.zeros(n)
        if isinstance(q, type(wq.NullQuery)):
            return np.zeros(n, dtype=bool), np.zeros(n)
        if isinstance(q, wq.AndMaybe):
            mask, score = self.evaluate(searcher, q.a, scored)
            if scored:
                extra_mask, extra = self.evaluate(searcher, q.b, scored)
                score = score + np.where(mask & extra_mask, extra, 0.0)
            return mask, score
        if isinstance(q, wq.AndNot):
            mask, score = self.evaluate(searcher, q.a, scored)
            out, _ = self.evaluate(searcher, q.b, scored=False)
            mask = mask & ~out
            return mask, np.where(mask, score, 0.0)
        if type(q) in (wq.Or, wq.And):
            if getattr(q, "scale", None):
                raise Unsupported("coordination bonus")
            if type(q) is wq.Or and q.subqueries and all(type(sub) is wq.Term for sub in q.subqueries):
                return self._or_of_terms(searcher, q, scored)
            results = [self.evaluate(searcher, sub, scored) for sub in q.subqueries]
            if not results:
                return np.zeros(n, dtype=bool), np.zeros(n)
            mask = results[0][0].copy()
            for sub_mask, _ in results[1:]:
                if type(q) is wq.Or:
                    mask |= sub_mask
                else:
                    mask &= sub_mask
            score = np.zeros(n)
            if scored:
                for _, sub_score in results:
                    score += sub_score
                score = np.where(mask, score, 0.0)
                if q.boost != 1.0:
                    score *= q.boost
            return mask, score
        raise Unsupported(type(q).__name__)

    def _at_least(self, searcher: Any, q: AtLeast, scored: bool) -> Result:
        """Documents matching `q.minimum` of the subqueries, scored by all they match."""
        results = [self.evaluate(searcher, sub, scored) for sub in q.subqueries]
        matched = np.zeros(self.size, dtype=np.int32)
        score = np.zeros(self.size)
        for sub_mask, sub_score in results:
            matched += sub_mask
            score += sub_score
        mask = matched >= q.minimum
        score = np.where(mask, score * q.boost, 0.0) if scored else np.zeros(self.size)
        return mask, score

    def _or_of_terms(self, searcher: Any, q: wq.Or, scored: bool) -> Result:
        """A word over several fields: every posting summed in one pass (np.bincount)."""
        ids_parts, score_parts = [], []
        for sub in q.subqueries:
            ids, scores = self._term_postings(searcher, sub.fieldname, sub.text)
            ids_parts.append(ids)
            score_parts.append(scores * sub.boost if sub.boost != 1.0 else scores)
        ids = np.concatenate(ids_parts)
        mask = np.bincount(ids, minlength=self.size).astype(bool)
        if not scored:
            return mask, np.zeros(self.size)
        score = np.bincount(ids, weights=np.concatenate(score_parts), minlength=self.size)
        return mask, score * q.boost if q.boost != 1.0 else score

    def _term_postings(self, searcher: Any, fieldname: str, text: Any) -> tuple[np.ndarray, np.ndarray]:
        if fieldname not in searcher.schema:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        try:
            tbytes = searcher.schema[fieldname].to_bytes(text)
        except ValueError:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return self.term(searcher, fieldname, tbytes)

    def _term_result(self, searcher: Any, fieldname: str, text: Any, boost: float) -> Result:
        n = self.size
        mask, score = np.zeros(n, dtype=bool), np.zeros(n)
        if fieldname not in searcher.schema:
            return mask, score
        try:
            tbytes = searcher.schema[fieldname].to_bytes(text)
        except ValueError:
            return mask, score
        ids, scores = self.term(searcher, fieldname, tbytes)
        mask[ids] = True
        score[ids] = scores * boost if boost != 1.0 else scores
        return mask, score


def term_postings(reader: Any, fieldname: str, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Docnums and weights of a term over every segment (deleted documents included), a block at a time."""
    ids_parts, weight_parts = [], []
    for leaf, offset in reader.leaf_readers():
        try:  # one term lookup per segment (`in` and then postings() would be two)
            matcher = leaf.postings(fieldname, text)
        except TermNotFound:
            continue
        ids, weights = _read_all(_unfiltered(matcher))
        ids_parts.append(ids + offset)
        weight_parts.append(weights)
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def deleted(reader: Any) -> np.ndarray:
    """Docnums of deleted documents, looking only into segments that have some."""
    out = []
    for leaf, offset in reader.leaf_readers():
        if leaf.has_deletions():
            out += [offset + d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d)]
    return np.array(out, dtype=np.int64)


def _length_bytes(column: Any, count: int) -> np.ndarray:
    """A segment's field-length bytes: one read of the column (Whoosh's iterator reads a byte per call)."""
    if type(column).__name__ == "Reader" and getattr(column, "_fixedlen", None) == 1 and column._default == 0:
        stored = min(column._count, count)
        out = np.zeros(count, dtype=np.uint8)
        out[:stored] = np.frombuffer(column._dbfile.get(column._basepos, stored), dtype=np.uint8)
        return out
    return np.fromiter(column, dtype=np.uint8, count=count)


def _lengths_column() -> Any:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    return LENGTHS_COLUMN


def _ids_of(m: Any) -> Any:
    m._read_ids()
    return m._ids


def _unfiltered(m: Any) -> Any:
    """The leaf matcher under Whoosh's deleted-documents filter (callers mask deletions themselves)."""
    return m.child if type(m).__name__ == "FilterMatcher" else m


_BLOCK_LENGTH = struct.Struct("!i")


def _read_w3(m: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """A whoosh3 posting list read in one piece and its blocks decoded from memory.

    Whoosh reads each block's header with pickle.load on its file object: on
    a compound segment read without mmap that is thousands of small Python
    reads per term. The layout is the codec's (W3LeafMatcher._goto and
    _read_data): magic, then per block a signed length (negative for the
    last), the pickled block info, the pickled (maybe zlib-compressed) data.
    None when the bytes do not look like that (the caller reads the slow way).
    """
    length = m._length[0] if isinstance(m._length, tuple) else m._length  # the codec keeps a 1-tuple
    raw = m._postfile.get(m._startoffset, length)
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        return None
    buf = io.BytesIO(raw)
    ids_parts, weight_parts = [], []
    pos = 4
    while True:
        (length,) = _BLOCK_LENGTH.unpack_from(raw, pos)
        last, length = length < 0, abs(length)
        buf.seek(pos + _BLOCK_LENGTH.size)
        count, _, _, compression, _, _ = pickle.load(buf)
        end = pos + _BLOCK_LENGTH.size + length
        data = raw[buf.tell():end]
        ids, weights = pickle.loads(zlib.decompress(data) if compression else data)[:2]
        ids_parts.append(np.cumsum(_numbers(ids, np.int64)))
        weight_parts.append(_weights(weights, count))
        if last or end >= len(raw):
            break
        pos = end
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def _numbers(values: Any, dtype: type) -> np.ndarray:
    """A block's array.array as numpy through its buffer (np.asarray walks it item by item)."""
    if isinstance(values, array.array):
        return np.frombuffer(values, dtype=values.typecode).astype(dtype)
    return np.asarray(values, dtype=dtype)


def _weights(weights: Any, count: int) -> np.ndarray:
    if weights is None:
        return np.ones(count)
    if isinstance(weights, float):
        return np.full(count, weights)
    return _numbers(weights, np.float64)


def _read_all(m: Any) -> tuple[np.ndarray, np.ndarray]:
    """A leaf matcher's ids and weights, a block at a time where the codec allows."""
    if type(m).__name__ == "W3LeafMatcher" and not m._byteids:
        whole = _read_w3(m)
        if whole is not None:
            return whole
    ids_parts, weight_parts = [], []
    if hasattr(m, "_read_data") and hasattr(m, "_next_block") and hasattr(m, "_byteids"):
        # whoosh3 blocks: (delta-coded ids, weights: None = all 1.0, a float = all that, or an array, …)
        while m.is_active():
            if m._data is None:
                m._read_data()
            ids, weights = m._data[0], m._data[1]
            count = m._blocklength
            if m._byteids:
                ids_parts.append(np.asarray(m._ids if m._ids is not None else _ids_of(m), dtype=np.int64))
            else:
                ids_parts.append(np.cumsum(np.asarray(ids, dtype=np.int64)))
            weight_parts.append(_weights(weights, count))
            m._next_block()
    else:
        ids, weights = [], []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
        ids_parts, weight_parts = [np.array(ids, dtype=np.int64)], [np.array(weights, dtype=np.float64)]
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)
