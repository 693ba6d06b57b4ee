"""The one search function: the HTML page and the JSON API both call `search`.

It parses the query, corrects words the index has never seen (using the
neighbouring word to choose: "vac sin" → "vac xin"), relaxes a long query
that matches nothing to most of its words, runs it on the engine, and
shapes the answer. On an empty collection every answer says so and how to
add documents.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any, TypeVar

from werkzeug.datastructures import MultiDict

from indexer.engine import Engine, SearchSpec
from indexer.text import fold, is_code
from search_app.facets import chips, facet_list, url_for_args
from search_app.params import SearchRequest
from search_app.query import Clause, ParsedQuery, parse
from search_app.query_spec import to_spec
from search_app.snippets import plain, snippet

V = TypeVar("V")
Keep = Callable[[Engine, Hashable, Callable[[], V]], V]

FACET_SIZE = 30  # values per facet (all months of the date facet)
EMPTY_NOTE = ("Kho văn bản đang trống: chưa có văn bản nào được lập chỉ mục. Hãy chép tệp vào thư mục văn bản "
              "rồi chạy `python -m indexer update --corpus THƯ_MỤC --index CHỈ_MỤC` (hoặc `make index`).")
MAX_CORRECTED_WORDS = 12  # a fuzzy lookup per word: a pasted paragraph must stay cheap
RELAXED_SHARE = 0.7  # share of the words a relaxed query must still match


def _best_correction(engine: Engine, word: str, before: str | None, after: str | None,
                     known: bool = False, evidence: int = 3) -> str | None:
    """The indexed word closest to `word`, preferring one that pairs with its neighbours.

    Candidates are the indexed words within one or two edits, and first of all
    the spellings one classic slip away (l/n, s/x, tr/ch, d/gi/r, final i/y):
    "vac sin" → "vac xin", "cach li" → "cach ly". A word with neighbours is only
    corrected into one that stands next to them somewhere. A word the index
    knows (`known`) is only replaced by such a slip standing next to its
    neighbours in at least `evidence` documents: "lông nghiệp" → "nông nghiệp",
    while "vpcp covid" and "trong năm 2021" stay as typed.
    """
    swaps = (("l", "n"), ("n", "l"), ("s", "x"), ("x", "s"), ("tr", "ch"), ("ch", "tr"), ("d", "gi"),
             ("gi", "d"), ("d", "r"), ("r", "d"), ("gi", "r"), ("r", "gi"))
    slips = {to + word[len(frm):] for frm, to in swaps if word.startswith(frm)}
    slips |= {word[:-1] + {"i": "y", "y": "i"}[word[-1]]} if word[-1] in "iy" else set()
    slips = {c for c in slips if engine.doc_frequency(c)}
    candidates = set(slips)
    if not known:
        maxdist = 1 if len(word) <= 4 else 2
        candidates |= {c for c in engine.near_terms(word, maxdist) if c != word and not is_code(c)}
    if not candidates:
        return None

    def context(candidate: str) -> int:
        return ((engine.pair_frequency(before, candidate) if before else 0)
                + (engine.pair_frequency(candidate, after) if after else 0))

    best = max(sorted(candidates), key=lambda c: (context(c), c in slips, engine.doc_frequency(c)))
    needed = evidence if known else (1 if before or after else 0)
    return best if context(best) >= needed else None


def correct(engine: Engine, parsed: ParsedQuery) -> dict[str, str]:
    """Folded word → its correction: words the index does not contain, and known
    words that never stand next to their typed neighbours (a misspelt syllable
    that happens to be another word)."""
    def stranded(word: str, before: str | None, after: str | None) -> bool:
        """Known, but next to none of its typed neighbours anywhere in the index."""
        pairs = [(a, b) for a, b in ((before, word), (word, after)) if a and b and not is_code(a + b)]
        return bool(pairs) and not any(engine.pair_frequency(a, b) for a, b in pairs)

    corrections: dict[str, str] = {}
    looked_up = 0
    for run in parsed.runs:
        folded = [fold(t) for t in run]
        for i, word in enumerate(folded):
            if is_code(word) or len(word) < 2 or looked_up >= MAX_CORRECTED_WORDS:
                continue
            looked_up += 1
            before = folded[i - 1] if i > 0 else None
            after = folded[i + 1] if i + 1 < len(folded) else None
            if not engine.doc_frequency(word):
                fix = _best_correction(engine, word, before, after)
            elif stranded(word, before, after):
                fix = _best_correction(engine, word, before, after, known=True)
            else:
                fix = None
            if fix:
                corrections[word] = fix
                folded[i] = fix
    return corrections


def _apply(parsed: ParsedQuery, corrections: dict[str, str]) -> ParsedQuery:
    def fix_clause(clause: Clause) -> Clause:
        toks = tuple(corrections.get(fold(t), t) for t in clause.tokens)
        return replace(clause, tokens=toks)

    return ParsedQuery(
        must=[[fix_clause(c) for c in item] for item in parsed.must],
        exclude=parsed.exclude,
        runs=[tuple(corrections.get(fold(t), t) for t in run) for run in parsed.runs],
    )


def _suggestion(raw: str, corrections: dict[str, str]) -> str | None:
    if not corrections:
        return None
    words = [corrections.get(fold(w.lower()), w) for w in raw.split()]
    return " ".join(words)


def _hit(engine: Engine, doc_id: str, score: float | None, terms: set[tuple[str, ...]]) -> dict[str, Any]:
    record = engine.record(doc_id) or {"id": doc_id}
    pieces = snippet(record.get("text", ""), terms)
    return {
        "id": record["id"],
        "number": record.get("number"),
        "doc_type": record.get("doc_type"),
        "issuer": record.get("issuer"),
        "date": record.get("date"),
        "subject": record.get("subject") or record.get("source"),
        "snippet": plain(pieces),
        "snippet_segments": pieces,
        "url": f"/doc/{record['id']}",
        "score": round(score, 3) if score is not None else None,
    }


def _page_url(base: str, args: MultiDict, page: int) -> str:
    paged = MultiDict(args)
    paged.setlist("page", [str(page)])
    return url_for_args(base, paged)


def _computed(_engine: Engine, _key: Hashable, compute: Callable[[], V]) -> V:
    return compute()


def search(engine: Engine, request: SearchRequest, base: str = "/", keep: Keep = _computed) -> dict[str, Any]:
    """Run a search; the dict is the API's answer and the page's data.

    `keep` (the app's SharedIndex.kept) returns an answer kept for this
    generation, so a query asked again costs a lookup instead of its
    snippets and facet links. Callers must not change the returned dict's contents.
    """
    started = time.perf_counter()
    answer = keep(engine, answer_key(request, base), lambda: _answer(engine, request, base))
    return {**answer, "took_ms": round((time.perf_counter() - started) * 1000, 1)}


def answer_key(request: SearchRequest, base: str = "/") -> tuple[Any, ...]:
    """What a search's answer depends on, besides the collection's generation."""
    return (base, request.page, tuple(request.as_args().items(multi=True)))


def _spec(request: SearchRequest, query: Any, sort: str) -> SearchSpec:
    return SearchSpec(query=query, filters={k: tuple(v) for k, v in request.filters.items()},
                      date_from=request.date_from, date_to=request.date_to, sort=sort,
                      offset=request.offset, limit=request.per_page, facet_size=FACET_SIZE)


def _answer(engine: Engine, request: SearchRequest, base: str) -> dict[str, Any]:
    parsed = parse(request.q)
    empty = engine.count() == 0
    corrections = correct(engine, parsed) if not parsed.is_empty and not empty else {}
    effective = _apply(parsed, corrections) if corrections else parsed
    query = to_spec(effective)
    sort = request.effective_sort(query is not None)
    outcome = engine.search(_spec(request, query, sort))
    relaxed = False
    if outcome.total == 0 and query is not None and len(effective.must) > 2 and not empty:
        loose = to_spec(effective, minimum_share=RELAXED_SHARE)
        outcome = engine.search(_spec(request, loose, sort))
        relaxed = outcome.total > 0
    terms = effective.terms()
    hits = [_hit(engine, h.id, h.score, terms) for h in outcome.hits]
    pages = max(1, -(-outcome.total // request.per_page))
    args = request.as_args()
    return {
        "prev_url": _page_url(base, args, request.page - 1) if request.page > 1 else None,
        "next_url": _page_url(base, args, request.page + 1) if request.page < pages else None,
        "q": request.q,
        "total": outcome.total,
        "page": request.page,
        "per_page": request.per_page,
        "pages": pages,
        "sort": sort,
        "took_ms": None,
        "suggestion": _suggestion(request.q, corrections),
        "relaxed": relaxed,
        "notice": EMPTY_NOTE if empty else None,
        "hits": hits,
        "facets": facet_list(request, outcome.facets, base),
        "chips": chips(request, base),
        "terms": sorted(" ".join(t) for t in terms),
        "json_url": url_for_args("/api/search", args),
        "page_url": url_for_args(base, args),
    }
