"""The JSON API: the same search and document data as the pages, as JSON."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, request

from search_app import documents
from search_app.context import engine, kept
from search_app.params import ALLOWED, limits, parse_request
from search_app.service import search

bp = Blueprint("api", __name__, url_prefix="/api")


def _public_hit(hit: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in hit.items() if k != "snippet_segments"}


@bp.get("/search")
def api_search():  # noqa: ANN201
    """GET /api/search?q=…&issuer=…: {total, page, per_page, took_ms, suggestion, hits, facets}."""
    req = parse_request(request.args)
    data = search(engine(), req, keep=kept)
    return jsonify({
        "total": data["total"],
        "page": data["page"],
        "per_page": data["per_page"],
        "pages": data["pages"],
        "sort": data["sort"],
        "took_ms": data["took_ms"],
        "suggestion": data["suggestion"],
        "relaxed": data["relaxed"],
        "notice": data["notice"],
        "hits": [_public_hit(h) for h in data["hits"]],
        "facets": data["facets"],
    })


@bp.get("/documents/<record_id>")
def api_document(record_id: str):  # noqa: ANN201
    """GET /api/documents/<id>: the full record, cites resolved, cited_by, similar."""
    data = documents.document(engine(), record_id, paragraphs=False)
    if data is None:
        abort(404)
    record = data["record"]
    record["cites"] = [{k: v for k, v in c.items() if k != "target"} for c in record["cites"]]
    record["cited_by"] = [c["id"] for c in data["cited_by"]]
    record["similar"] = [s["id"] for s in data["similar"]]
    return jsonify(record)


@bp.get("/")
def api_index():  # noqa: ANN201
    """What the API offers and its limits."""
    return jsonify({
        "endpoints": {
            "/api/search": "Tìm kiếm; cùng tham số với trang tìm kiếm",
            "/api/documents/<id>": "Toàn bộ bản ghi của một văn bản",
        },
        "parameters": sorted(ALLOWED),
        "limits": limits(),
    })
