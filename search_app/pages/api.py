"""The JSON API: the same search and document data as the pages, as JSON."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request

from search_app.answer import superseded
from search_app.answer.facets import (
    ALL_VALUES,
    LABELS,
    facet_depth,
    page_of,
    undated,
    undated_url,
    with_prefix,
    with_urls,
)
from search_app.answer.relations_view import public_relations
from search_app.answer.service import search
from search_app.pages import documents
from search_app.pages.context import engine, kept
from search_app.query import suggest as query_suggest
from search_app.query.params import ALLOWED, MAX_QUERY_CHARS, BadRequest, limits, parse_request
from search_app.query.plan import QUERY_FIELDS

bp = Blueprint("api", __name__, url_prefix="/api")


def _public_hit(hit: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in hit.items() if k != "snippet_segments"}


@bp.get("/search")
def api_search() -> Response:
    """GET /api/search?q=…&issuer=…: {total, page, per_page, took_ms, suggestion, hits, facets}."""
    req = parse_request(request.args)
    view = engine()
    data = search(view, req, keep=kept)
    ended = superseded.superseded_ids(view, kept) if data["hits"] else frozenset()
    return jsonify({
        "total": data["total"],
        "page": data["page"],
        "per_page": data["per_page"],
        "pages": data["pages"],
        "sort": data["sort"],
        "took_ms": data["took_ms"],
        "suggestion": data["suggestion"],
        "notice": data["notice"],
        **{name: data[name] for name in QUERY_FIELDS},  # relaxed, not_required, accents … (query_plan.notes)
        # superseded: wholly replaced or repealed by a text in the collection that has taken effect (the badge)
        "hits": [_public_hit(h) | {"superseded": h["id"] in ended} for h in data["hits"]],
        "facets": {name: with_urls(req, name, page_of(values, req.facet_size, req.facet_offset))
                   for name, values in data["facets"].items()},
        # a facet with more values than were counted: page on with facet_offset, or /api/facets/<name>?prefix=
        "facet_more": {name: len(values) >= facet_depth(req) for name, values in data["facets"].items()},
        "undated": undated(req, data["total"], data["months"]),
        "undated_url": undated_url(req, "/api/search"),
        "number_answer": data.get("number_answer"),
    })


@bp.get("/suggest")
def api_suggest() -> Response:
    """GET /api/suggest?q=…: {q, suggestions: [{kind: number|issuer, value, label}]} as staff type."""
    typed = request.args.get("q", "")
    if len(typed) > MAX_QUERY_CHARS:
        raise BadRequest(f"Từ khóa quá dài (tối đa {MAX_QUERY_CHARS} ký tự).")
    return jsonify(query_suggest.as_json(engine(), typed))


@bp.get("/facets/<name>")
def api_facet(name: str) -> Response:
    """GET /api/facets/<name>?prefix=…&facet_size=…&facet_offset=… (+ the search's parameters): one facet, paged."""
    if name not in LABELS:
        raise BadRequest(f"Không có bộ lọc {name[:40]!r}. Các bộ lọc: {', '.join(LABELS)}.")
    args = request.args.copy()
    prefix = args.pop("prefix", "")[:100]
    req = parse_request(args)
    every = replace(req, facet_offset=0, facet_size=ALL_VALUES)  # a prefix looks through every value
    data = search(engine(), every, keep=kept)
    values = with_prefix(data["facets"][name], prefix)
    return jsonify({"name": name, "label": LABELS[name], "prefix": prefix, "total": len(values),
                    "offset": req.facet_offset, "size": req.facet_size,
                    "values": with_urls(req, name, page_of(values, req.facet_size, req.facet_offset))})


@bp.get("/documents/<record_id>")
def api_document(record_id: str) -> Response:
    """GET /api/documents/<id>: the full record, cites resolved, cited_by, similar."""
    data = documents.document(engine(), record_id, paragraphs=False)
    if data is None:
        abort(404)
    record = data["record"]
    record["cites"] = [{k: v for k, v in c.items() if k != "target"} for c in record["cites"]]
    record["cited_by"] = [c["id"] for c in data["cited_by"]]
    record["similar"] = [s["id"] for s in data["similar"]]
    record["relations"] = public_relations(data.get("relations"))
    record["validity"] = _validity(data.get("relations"))
    # the grouping: the index document holding this one, every file of the document, the family's other versions
    record["entry_id"] = data["entry_id"]
    record["file_ids"] = [f["id"] for f in record.get("files") or []] or [record["id"]]
    record["versions"] = data["versions"]
    return jsonify(record)


def _validity(relations: dict[str, Any] | None) -> dict[str, Any]:
    """{state: superseded | ending | in_force, by: [{id, number, label, date, text}]}: what the page's notice
    says. ending: a replacement that takes effect after today (the text is in force until then)."""
    relations = relations or {}
    done, coming = relations.get("superseded_by") or [], relations.get("ending") or []
    state = "superseded" if done else "ending" if coming else "in_force"
    return {"state": state, "by": [{"id": s["target"]["id"], "number": s["target"].get("number"), "label": s["label"],
                                    "date": s.get("date"), "text": s.get("text")} for s in done or coming]}


@bp.get("/")
def api_index() -> Response:
    """What the API offers and its limits."""
    return jsonify({
        "endpoints": {
            "/api/search": "Tìm kiếm; cùng tham số với trang tìm kiếm",
            "/api/documents/<id>": "Toàn bộ bản ghi của một văn bản",
            "/api/facets/<name>": "Một bộ lọc, đủ mọi giá trị: prefix, facet_size, facet_offset",
            "/feed": "Theo dõi một tìm kiếm (Atom), cùng tham số với trang tìm kiếm",
        },
        "parameters": sorted(ALLOWED),
        "limits": limits(),
    })
