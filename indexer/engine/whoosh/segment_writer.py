"""Whoosh's segment writer, made fast for builds that add many documents at once.

Postings are grouped by term in memory as documents arrive (they arrive in
docnum order, so each term's list is already sorted) and written a term at
a time through Whoosh's W3 postings writer, producing the same bytes as
Whoosh's own pool-and-merge; the field lengths are read once for the commit.
Everything else (boosted or special fields, merges) goes Whoosh's own way.
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Existence, Frequency
from whoosh.index import Index
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

from indexer.engine.whoosh.analysis import terms_of
from indexer.engine.whoosh.codec import codec

LIMIT_MB = 256  # each writer's in-memory posting pool before it spills a sorted run
SEGMENT_POOL_MB = 256  # a build worker's grouped postings before it closes its segment and starts another
POSTING_BYTES = 9  # array('I') docnum and frequency, with the arrays' spare room
TERM_BYTES = 400  # dict entry, key string, tuple and two array headers


class _PreloadedLengths:
    """A segment's per-document reader whose field lengths are read once, not once per posting.

    Whoosh's commit looks up the document's field length for every posting,
    each a seek and read in the lengths column: a fifth of the commit. Same
    values (None where the length byte is 0, as Whoosh's own accessor).
    """

    def __init__(self, pdr: Any) -> None:
        self._pdr = pdr

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pdr, name)

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], int | None]:
        column = self._pdr._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if column is None:
            return lambda docnum, _default=default: _default
        table = [byte_to_length(b) if b else None for b in range(256)]
        return [table[b] for b in column].__getitem__


class _FastPool(PostingPool):
    """Whoosh's posting pool without its per-posting type assertions (same size estimate)."""

    def add(self, item: tuple) -> None:
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


# One term's postings as documents arrive: docnums and frequencies.
Postings = tuple[array, array]


class _FieldPostings:
    """One field's postings by term. A posting's weight and value follow from its
    frequency and the field's format, so only docnum and frequency are kept."""

    def __init__(self, fmt: Any) -> None:
        self.frequency = type(fmt) is Frequency  # else Existence
        self.boost = fmt.field_boost
        self.terms: dict[str, Postings] = {}
        self._weights: list[float] = []
        self._values: list[bytes] = []

    def weight(self, freq: int) -> float:
        """Whoosh's: the tokens' boosts (1.0 each) summed, × the format's boost, × add_document's
        field boost of 1.0; Existence ignores the frequency."""
        return float(freq) * self.boost * 1.0 if self.frequency else self.boost * 1.0

    def value(self, freq: int) -> bytes:
        return pack_uint(freq) if self.frequency else b""

    def block(self, freqs: array) -> tuple[list[float], list[bytes]]:
        """The weights and values of a run of frequencies (each computed once per frequency)."""
        weights, values = self._weights, self._values
        while len(weights) <= max(freqs):
            weights.append(self.weight(len(weights)))
            values.append(self.value(len(values)))
        return list(map(weights.__getitem__, freqs)), list(map(values.__getitem__, freqs))


class _TermPool:
    """Postings grouped by term as the documents arrive, instead of one tuple per posting.

    Whoosh's pool pickles every posting into sorted runs and merges them back
    with a heap: a third of a build. A build adds documents in docnum order,
    so each term's postings arrive sorted and only the terms need sorting.
    Postings that come another way (a merge's, via `add`) go to Whoosh's own
    pool and are merged back in, so the stream is the one Whoosh would sort.
    """

    def __init__(self, general: PostingPool) -> None:
        self.general = general
        self.fields: dict[str, _FieldPostings] = {}
        self.postings = 0
        self.terms = 0

    @property
    def size(self) -> int:
        """Bytes held, roughly: two 4-byte numbers a posting, a dict entry, key and two arrays a term."""
        return POSTING_BYTES * self.postings + TERM_BYTES * self.terms

    @property
    def fieldnames(self) -> set[str]:
        return self.general.fieldnames | set(self.fields)

    def add(self, item: tuple) -> None:
        self.general.add(item)

    def field(self, fieldname: str, fmt: Any) -> _FieldPostings:
        field = self.fields.get(fieldname)
        if field is None:
            field = self.fields[fieldname] = _FieldPostings(fmt)
        return field

    def add_doc(self, field: _FieldPostings, docnum: int, counts: dict[str, int]) -> None:
        """One document's terms in one field with their frequencies; docnums must rise."""
        terms = field.terms
        before = len(terms)
        for word, freq in counts.items():
            entry = terms.get(word)
            if entry is None:
                entry = terms[word] = (array("I"), array("I"))
            entry[0].append(docnum)
            entry[1].append(freq)
        self.postings += len(counts)
        self.terms += len(terms) - before

    def only_grouped(self) -> bool:
        """True when every posting came through add_doc (the fast flush applies)."""
        return not self.general.current and not self.general.runs

    def grouped(self) -> Iterator[tuple[str, _FieldPostings, list[tuple[bytes, Postings]]]]:
        """Fields with postings in order, each with its terms in Whoosh's (UTF-8) order."""
        for fieldname in sorted(self.fields):
            field = self.fields[fieldname]
            if field.terms:
                yield fieldname, field, sorted((w.encode("utf-8"), p) for w, p in field.terms.items())

    def iter_postings(self) -> Iterator[tuple]:
        """Whoosh's sorted (field, term, docnum, weight, value) stream."""
        mine = ((f, t, d, field.weight(n), field.value(n))
                for f, field, terms in self.grouped() for t, (ds, ns) in terms
                for d, n in zip(ds, ns, strict=True))
        if self.only_grouped():
            return mine
        return heapq.merge(mine, self.general.iter_postings())

    def cleanup(self) -> None:
        self.fields = {}
        self.general.cleanup()


def _write_term(fieldwriter: Any, btext: bytes, postings: Postings, field: _FieldPostings,
                dfl: Callable[[int], int | None]) -> None:
    """One term's postings through Whoosh's W3 postings writer, a block at a time.

    Fills the writer's block buffers as its add_posting would, posting by
    posting (same ids, weights, values, length and weight bounds), so its
    _write_block and finish_postings write the same bytes.
    """
    docs, freqs = postings
    fieldwriter.start_term(btext)
    pw = fieldwriter._postwriter
    limit = pw._blocklimit
    for start in range(0, len(docs), limit):
        if start:
            pw._write_block()
        stop = start + limit
        weights, values = field.block(freqs[start:stop])
        pw._ids = docs[start:stop]
        pw._weights = array("f", weights)
        pw._values = list(filter(None, values))
        top = max(weights)
        pw._maxweight = top if top > 0 else 0
        lengths = list(filter(None, map(dfl, pw._ids)))
        pw._minlength = min(lengths) if lengths else None
        pw._maxlength = max(lengths) if lengths else 0
    fieldwriter.finish_term()


def _write_grouped(fieldwriter: Any, schema: Any, lengths: Any, pool: _TermPool) -> None:
    """What Whoosh's FieldWriter.add_postings does with the sorted stream, a term at a time."""
    for fieldname, field, terms in pool.grouped():
        fieldwriter.start_field(fieldname, schema[fieldname])
        dfl = lengths.doc_field_length_reader(fieldname) if lengths else (lambda docnum: 0)
        for btext, postings in terms:
            _write_term(fieldwriter, btext, postings, field, dfl)
        fieldwriter.finish_field()


def _counts(field: Any, value: Any) -> Counter[str] | None:
    """Term → frequency of a field value, from our analyzers' word lists (no Token
    objects); None when Whoosh's own field.index must do it."""
    if type(field.format) not in (Frequency, Existence) or not isinstance(value, str):
        return None
    words = terms_of(field.analyzer, value)
    return None if words is None else Counter(words)


def _index_counts(field: Any, grouped: _FieldPostings, value: Any) -> dict[str, int] | None:
    """Whoosh's field.index(value) as term → frequency, when every posting it gives has
    the weight and value the grouped form will write; None otherwise."""
    counts: dict[str, int] = {}
    for tbytes, freq, weight, vbytes in field.index(value):
        if type(weight) is not float or weight * 1.0 != grouped.weight(freq) or vbytes != grouped.value(freq):
            return None
        try:
            counts[tbytes.decode("utf-8")] = freq
        except UnicodeDecodeError:  # a binary term (numeric fields): Whoosh's own way
            return None
    return counts


class FastSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter, with the lengths preloaded for the commit (see _PreloadedLengths)
    and postings grouped by term (see _TermPool), written a term at a time."""

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        general = _FastPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))
        self.pool = _TermPool(general)
        self._plain = not any(f.separate_spelling() or f.vector for _, f in self.schema.items())

    def per_document_reader(self) -> Any:
        return _PreloadedLengths(super().per_document_reader())

    def add_document(self, **fields: Any) -> None:
        """Whoosh's add_document for documents without boosts or special fields, its
        postings grouped by term; anything else goes through Whoosh's own."""
        if not self._plain or any(name.startswith("_") for name in fields):
            super().add_document(**fields)
            return
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        fieldnames = sorted(fields)
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is not None:
                    self._add_field(docnum, fieldname, schema[fieldname], value)
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_field(self, docnum: int, fieldname: str, field: Any, value: Any) -> None:
        length = 0
        if field.indexed:
            length = self._add_postings(docnum, fieldname, field, value)
        self.perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
        if field.column_type:
            self.perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(value))

    def _add_postings(self, docnum: int, fieldname: str, field: Any, value: Any) -> int:
        """The field's postings into the pool; returns the field length Whoosh would store."""
        if type(field.format) not in (Frequency, Existence):
            return self._add_general(docnum, fieldname, field, value)
        grouped = self.pool.field(fieldname, field.format)
        counts = _counts(field, value)
        if counts is None:
            counts = _index_counts(field, grouped, value)
        if counts is None:
            return self._add_general(docnum, fieldname, field, value)
        self.pool.add_doc(grouped, docnum, counts)
        if not field.scorable:
            return 0
        return sum(counts.values()) if grouped.frequency else len(counts)

    def _add_general(self, docnum: int, fieldname: str, field: Any, value: Any) -> int:
        """Whoosh's own way: one tuple per posting into its pool."""
        length = 0
        for tbytes, freq, weight, vbytes in field.index(value):
            length += freq if field.scorable else 0
            self.pool.add((fieldname, tbytes, docnum, weight * 1.0, vbytes))
        return length

    def _flush_segment(self) -> None:
        if not self.pool.only_grouped():
            super()._flush_segment()
            return
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        _write_grouped(self.fieldwriter, self.schema, pdr, self.pool)
        self.fieldwriter.close()
        if pdr:
            pdr.close()


def writer(ix: Index, **kwargs: Any) -> SegmentWriter:
    """A locked writer for a build (the parent's, or the only one when serial)."""
    return FastSegmentWriter(ix, limitmb=LIMIT_MB, codec=codec(), **kwargs)


def unmapped(folder: Path) -> Index:
    """The index in `folder` read with plain reads: Whoosh copies every mmapped compound
    file into memory when a reader opens it (an update's delete_by_term opens one)."""
    return FileStorage(str(folder), supports_mmap=False).open_index()


