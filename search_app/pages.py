"""The HTML pages: search, document, original file. Same data as the API."""

from __future__ import annotations

import re
import time
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_file

from search_app import documents
from search_app.context import engine, kept
from search_app.facets import LABELS, ORDER
from search_app.params import SORTS, parse_request
from search_app.service import answer_key, search

bp = Blueprint("pages", __name__)
ID_RE = re.compile(r"[a-z0-9_-]{1,160}")  # whole ids only: fullmatch, so no trailing newline slips through
SORT_LABELS = {"relevance": "Phù hợp nhất", "newest": "Mới nhất", "oldest": "Cũ nhất"}


TOOK_SLOT = "<!--took-->"  # where a kept page gets this request's time (document text is escaped: never this)


@bp.get("/")
def search_page():  # noqa: ANN201
    """The results page; rendered pages are kept with the answers, per index generation."""
    started = time.perf_counter()
    req = parse_request(request.args)
    view = engine()

    def render() -> str:
        data = {**search(view, req, keep=kept), "took_ms": None}
        return render_template("search.html", data=data, req=req, facet_order=ORDER, facet_labels=LABELS,
                               sorts=SORTS, sort_labels=SORT_LABELS)

    page = kept(view, ("page", *answer_key(req)), render)
    return page.replace(TOOK_SLOT, f"{(time.perf_counter() - started) * 1000:.1f}", 1)


def _known_id(record_id: str) -> str:
    if not ID_RE.fullmatch(record_id):
        abort(404)
    return record_id


@bp.get("/doc/<record_id>")
def document_page(record_id: str):  # noqa: ANN201
    q = request.args.get("q", "")[:500]
    data = documents.document(engine(), _known_id(record_id), q)
    if data is None:
        abort(404)
    return render_template("document.html", data=data, record=data["record"], q=q)


@bp.get("/doc/<record_id>/source")
def document_source(record_id: str):  # noqa: ANN201
    """The original corpus file, only for a known id, never a path from the URL."""
    record = documents.stored_record(engine(), _known_id(record_id))
    if record is None:
        abort(404)
    corpus = Path(current_app.config["CORPUS_DIR"]).resolve()
    path = (corpus / record["source"]).resolve()
    if not path.is_relative_to(corpus) or not path.is_file():
        abort(404)
    return send_file(path, mimetype="text/plain; charset=utf-8", download_name=path.name)
