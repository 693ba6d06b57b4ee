"""The one search function: the HTML page and the JSON API both call `search`.

What the query means, its spelling and the fallbacks that keep a page from
being silently empty are search_app.query.plan's; this runs it on the
engine and shapes the answer. On an empty collection every answer says so and how to
add documents.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from werkzeug.datastructures import MultiDict

from indexer.engine import Engine, SearchSpec
from indexer.record import numbers_of
from indexer.words.number_forms import held_forms
from search_app.answer import number_answer, superseded
from search_app.answer.facets import chips, facet_depth, facet_list
from search_app.answer.index_holder import Keep, computed
from search_app.answer.outline import article_of
from search_app.query.params import SearchRequest, url_with
from search_app.query.plan import make_plan, notes, run
from search_app.query.snippets import plain, searched_text, snippet

EMPTY_NOTE = ("Kho văn bản đang trống: chưa có văn bản nào được lập chỉ mục. Hãy chép tệp vào thư mục văn bản "
              "rồi chạy `python -m indexer update --corpus THƯ_MỤC --index CHỈ_MỤC` (hoặc `make index`).")
def _hit(engine: Engine, doc_id: str, score: float | None, terms: set[tuple[str, ...]],
         forms: tuple[str, ...] = ()) -> dict[str, Any]:
    record = engine.record(doc_id) or {"id": doc_id}
    pieces = snippet(searched_text(record), terms)
    passage = "".join(t for t, _ in pieces).removeprefix("… ").removesuffix(" …")
    numbers = numbers_of(record.get("number"), record.get("files") or [], record.get("versions") or [])
    return {
        # the query is a number typed as staff type it, and this entry (any of its files or versions) carries it
        "number_match": bool(set(forms) & {f for n in numbers for f in held_forms(n, record.get("doc_type"))}),
        "id": record["id"],
        "number": record.get("number"),
        "doc_type": record.get("doc_type"),
        "issuer": record.get("issuer"),
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),  # 'month': shown 12/2017
        "subject": record.get("subject"),
        "title": record.get("title") or record.get("subject") or record.get("number") or "Văn bản",
        # the entry's files beyond the one shown ("N bản giống nhau") and its family's other versions
        "copies": [{"id": f["id"], "source": f["source"], "date": f.get("date"), "received": f.get("received"),
                    "url": f"/doc/{f['id']}/source"} for f in (record.get("files") or [])[1:]],
        "versions": [{"id": v["id"], "title": v.get("title"), "date": v.get("date"), "role": v.get("role"),
                      "url": f"/doc/{v['id']}"} for v in record.get("versions") or []],
        "snippet": plain(pieces),
        "snippet_segments": pieces,
        "article": article_of(record.get("text", ""), passage) if terms else None,  # {label, anchor}
        "url": f"/doc/{record['id']}",
        "score": round(score, 3) if score is not None else None,
        "added": record.get("added"),  # when its file was first indexed (ISO, UTC), for followed searches
    }


def _page_url(base: str, args: MultiDict, page: int) -> str:
    paged = MultiDict(args)
    paged.setlist("page", [str(page)])
    return url_with(base, paged)


def search(engine: Engine, request: SearchRequest, base: str = "/", keep: Keep = computed) -> dict[str, Any]:
    """Run a search; the dict is the API's answer and the page's data.

    `keep` (the app's SharedIndex.kept) returns an answer kept for this
    generation, so a query asked again costs a lookup instead of its
    snippets and facet links. Callers must not change the returned dict's contents.
    """
    started = time.perf_counter()
    answer = keep(engine, answer_key(request, base), lambda: _answer(engine, request, base, keep))
    return {**answer, "took_ms": round((time.perf_counter() - started) * 1000, 1)}


def answer_key(request: SearchRequest, base: str = "/") -> tuple[Any, ...]:
    """What a search's answer depends on, besides the collection's generation: the day too, since a
    replacement dated today takes effect today (its badge, the hidden superseded documents)."""
    return (base, dt.date.today().isoformat(), request.page, tuple(request.args.items(multi=True)),
            facet_depth(request))


def _spec(request: SearchRequest, query: Any, sort: str, hidden: frozenset[str]) -> SearchSpec:
    return SearchSpec(query=query, filters={k: tuple(v) for k, v in request.filters.items()},
                      date_from=request.date_from, date_to=request.date_to, sort=sort,
                      offset=request.offset, limit=request.per_page, facet_size=facet_depth(request),
                      exclude_ids=hidden, undated=request.undated)


def _answer(engine: Engine, request: SearchRequest, base: str, keep: Keep) -> dict[str, Any]:
    empty = engine.count() == 0
    plan = make_plan(None if empty else engine, request.q, correct=not request.exact)
    sort = request.effective_sort(plan.spec is not None)
    hidden = superseded.superseded_ids(engine, keep) if request.hide_superseded and not empty else frozenset()
    outcome = run(plan, lambda query: engine.search(_spec(request, query, sort, hidden)))
    about = notes(plan, outcome, base, request.args)
    terms = outcome.understood(plan).terms(exact=outcome.spec is not None and outcome.spec.accents == "exact")
    result = outcome.result
    forms = outcome.spec.number_forms if outcome.spec is not None else ()
    hits = [_hit(engine, h.id, h.score, terms, forms) for h in result.hits]
    number_box = number_answer.for_search(engine, plan.spec, result.total, hits)
    pages = max(1, -(-result.total // request.per_page))
    args = request.args
    return {
        "prev_url": _page_url(base, args, request.page - 1) if request.page > 1 else None,
        "next_url": _page_url(base, args, request.page + 1) if request.page < pages else None,
        "q": request.q,
        "total": result.total,
        "page": request.page,
        "per_page": request.per_page,
        "pages": pages,
        "sort": sort,
        "took_ms": None,
        "suggestion": plan.spelling.suggestion(request.q),
        **about,
        "notice": EMPTY_NOTE if empty else None,
        "hits": hits,
        "facets": facet_list(request, result.facets, base),
        "chips": chips(request, base),
        "terms": sorted(" ".join(t) for t in terms),
        "json_url": url_with("/api/search", args),
        "page_url": url_with(base, args),
        "number_answer": number_box,
        "months": result.facets.get("date", []),
    }
