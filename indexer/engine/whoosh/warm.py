"""Warming: the postings of the most frequent terms read before queries ask for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indexer.engine.whoosh.engine import WhooshEngine

WARM_FIELDS = ("body_f", "body", "subject_f", "subject", "issuer_f", "issuer_t", "words", "pairs")
WARM_SHARE = 200  # warm terms found in at least 1 document in 200 ...
WARM_POSTINGS = 20_000_000  # ... up to this many postings (about 240 MB)


def warm(engine: WhooshEngine) -> None:
    """Read the lexicon (spelling) and the postings of the most frequent text terms into the evaluator's cache.

    The terms a query is most likely to name are the common ones, and
    their long postings are the costly reads (tens of ms each on 100,000
    documents). Terms in at least 1 in WARM_SHARE documents, most frequent
    first, up to WARM_POSTINGS postings; seconds of one core, once per
    generation, while searches are already served.
    """
    searcher = None
    try:
        engine.lexicon()  # spelling correction's candidates
        searcher = engine.index.searcher()
        reader = searcher.reader()
        floor = max(20, engine.size // WARM_SHARE)
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
            engine.evaluator.term(searcher, fieldname, term)
            total += count
    except Exception:  # warming is an optimisation: searching works without it
        pass
    finally:
        if searcher is not None:
            searcher.close()
        engine.warmed.set()
