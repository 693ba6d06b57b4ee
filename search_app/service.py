"""The one search function: the HTML page and the JSON API both call `search`.

It parses the query, corrects words the index has never seen (using the
neighbouring word to choose: "vac sin" → "vac xin"), relaxes a long query
that matches nothing to most of its words, runs it, and shapes the answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from werkzeug.datastructures import MultiDict

from indexer.search import IndexView, build_query
from indexer.text import fold, is_code
from search_app import number_answer, superseded
from search_app.facets import chips, facet_depth, facet_list, url_for_args
from search_app.params import SearchRequest
from search_app.query import Clause, ParsedQuery, parse
from search_app.shared_answers import SharedAnswers
from search_app.snippets import plain, snippet

V = TypeVar("V")

MAX_CORRECTED_WORDS = 12  # a fuzzy lookup per word: a pasted paragraph must stay cheap
RELAXED_SHARE = 0.7  # share of the words a relaxed query must still match


def _known(view: IndexView, word: str) -> bool:
    return any(view.doc_frequency(f, word) for f in ("body_f", "subject_f", "issuer_f"))


def _best_correction(view: IndexView, word: str, before: str | None, after: str | None,
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
    slips = {c for c in slips if view.doc_frequency("body_f", c)}
    candidates = set(slips)
    if not known:
        maxdist = 1 if len(word) <= 4 else 2
        candidates |= {c for c in view.terms_within("body_f", word, maxdist) if c != word and not is_code(c)}
    if not candidates:
        return None

    def context(candidate: str) -> int:
        pairs = [f"{before}_{candidate}" if before else "", f"{candidate}_{after}" if after else ""]
        return sum(view.doc_frequency("pairs", p) for p in pairs if p)

    best = max(sorted(candidates), key=lambda c: (context(c), c in slips, view.doc_frequency("body_f", c)))
    needed = evidence if known else (1 if before or after else 0)
    return best if context(best) >= needed else None


def correct(view: IndexView, parsed: ParsedQuery) -> dict[str, str]:
    """Folded word → its correction: words the index does not contain, and known
    words that never stand next to their typed neighbours (a misspelt syllable
    that happens to be another word)."""
    def stranded(word: str, before: str | None, after: str | None) -> bool:
        """Known, but next to none of its typed neighbours anywhere in the index."""
        pairs = [f"{a}_{b}" for a, b in ((before, word), (word, after)) if a and b and not is_code(a + b)]
        return bool(pairs) and not any(view.doc_frequency("pairs", p) for p in pairs)

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
            if not _known(view, word):
                fix = _best_correction(view, word, before, after)
            elif stranded(word, before, after):
                fix = _best_correction(view, word, before, after, known=True)
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


def _hit(view: IndexView, docnum: int, score: float | None, terms: set[tuple[str, ...]]) -> dict[str, Any]:
    record = view.record(docnum)
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


def search(view: IndexView, request: SearchRequest, base: str = "/",
           shared: SharedAnswers | None = None) -> dict[str, Any]:
    """Run a search; the dict is the API's answer and the page's data.

    Answers are kept per index generation (see kept): a query asked again,
    by anyone, costs a lookup instead of its snippets and facet links.
    Callers must not change the returned dict's contents.
    """
    started = time.perf_counter()
    answer = kept(view, shared, answer_key(request, base), lambda: _answer(view, request, base))
    return {**answer, "took_ms": round((time.perf_counter() - started) * 1000, 1)}


def kept(view: IndexView, shared: SharedAnswers | None, key: tuple[Any, ...], compute: Callable[[], V]) -> V:
    """This worker's answer for `key`, else the one another worker computed, else compute() (then kept)."""
    if shared is None:
        return view.answers.get_or_compute(key, compute)
    everywhere = (str(view.generation), view.toc_generation, *key)
    return view.answers.get_or_compute(key, lambda: shared.get_or_compute(everywhere, compute))


def answer_key(request: SearchRequest, base: str = "/") -> tuple[Any, ...]:
    """What a search's answer depends on, besides the index generation."""
    return (base, request.page, tuple(request.as_args().items(multi=True)), facet_depth(request))


def _answer(view: IndexView, request: SearchRequest, base: str) -> dict[str, Any]:
    parsed = parse(request.q)
    corrections = correct(view, parsed) if not parsed.is_empty else {}
    effective = _apply(parsed, corrections) if corrections else parsed
    query = build_query(effective)
    sort = request.effective_sort(query is not None)
    outcome = view.run(query, request.filters, request.date_from, request.date_to, sort,
                       request.offset, request.per_page, facet_limit=facet_depth(request))
    relaxed = False
    if outcome.total == 0 and query is not None and len(effective.must) > 2:
        loose = build_query(effective, minimum_share=RELAXED_SHARE)
        outcome = view.run(loose, request.filters, request.date_from, request.date_to, sort,
                           request.offset, request.per_page, facet_limit=facet_depth(request))
        relaxed = outcome.total > 0
    if request.hide_superseded:  # app-layer filter: see search_app/superseded.py
        outcome = superseded.without_superseded(view, loose if relaxed else query, request, outcome, sort,
                                                facet_depth(request))
    terms = effective.terms()
    hits = [_hit(view, d, s, terms) for d, s in zip(outcome.docnums, outcome.scores, strict=False)]
    number_box = number_answer.for_search(view, parsed, outcome.total, outcome.docnums, hits)
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
        "hits": hits,
        "facets": facet_list(request, outcome.facets, base),
        "chips": chips(request, base),
        "terms": sorted(" ".join(t) for t in terms),
        "json_url": url_for_args("/api/search", args),
        "page_url": url_for_args(base, args),
        "number_answer": number_box,
        "months": outcome.facets.get("date", []),
    }
