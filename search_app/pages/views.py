"""The HTML pages: search, document, original file. Same data as the API."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from search_app.answer import superseded, timeline
from search_app.answer.facets import LABELS, ORDER, SHOWN, chips, facet_depth, toggled, undated, undated_url
from search_app.answer.service import answer_key, search
from search_app.pages import documents, feed, originals
from search_app.pages.context import engine, kept
from search_app.query.params import (
    SORTS,
    BadRequest,
    SearchRequest,
    ignored_note,
    parse_request,
    url_with,
)

bp = Blueprint("pages", __name__)
ID_RE = re.compile(r"[a-z0-9_-]{1,160}")  # whole ids only: fullmatch, so no trailing newline slips through
SORT_LABELS = {"relevance": "Phù hợp nhất", "newest": "Mới nhất", "oldest": "Cũ nhất"}


TOOK_SLOT = "<!--took-->"  # where a kept page gets this request's time (document text is escaped: never this)


@bp.get("/")
def search_page() -> str:
    """The results page; rendered pages are kept with the answers, per index generation."""
    started = time.perf_counter()
    req = parse_request(request.args, ignore_unknown=True)
    view = engine()

    def render() -> str:
        data = {**search(view, req, keep=kept), "took_ms": None}
        if req.ignored:
            data["query_notes"] = [ignored_note(req.ignored), *data["query_notes"]]
        marked = superseded.superseded_ids(view, kept) & {h["id"] for h in data["hits"]}
        return render_template("search.html", data=data, req=req, facet_order=ORDER, facet_labels=LABELS,
                               sorts=SORTS, sort_labels=SORT_LABELS, superseded_ids=marked,
                               **_page_extras(req, data))

    page = kept(view, ("page", *answer_key(req), req.ignored), render)
    return page.replace(TOOK_SLOT, f"{(time.perf_counter() - started) * 1000:.1f}", 1)


def _page_extras(req: SearchRequest, data: dict[str, Any]) -> dict[str, Any]:
    """What the results page shows around the hits: timeline, feed, clear-all, last page, facet forms."""
    args = req.args
    bars = timeline.bars(req, data["months"])
    last = MultiDict(args)
    last.setlist("page", [str(data["pages"])])
    hidden = {name: [(k, v) for k, v in args.items(multi=True) if k != name] for name in ORDER}
    state = MultiDict(args)
    if req.page > 1:
        state.add("page", str(req.page))
    return {
        "timeline": timeline.svg(bars),
        "timeline_by_year": bool(bars) and len(bars[0].key) == 4,
        "undated": undated(req, data["total"], data["months"]),
        "undated_url": undated_url(req),
        "feed_url": url_with("/feed", args),
        "follow_url": url_with("/follow", args),
        "clear_url": url_with("/", MultiDict([("q", req.q)] if req.q else [])),
        "last_url": url_with("/", last),
        "facet_hidden": hidden,
        "shown": SHOWN,
        "depth": facet_depth(req),
        "api_args": urlencode(list(args.items(multi=True))),
        "remove_urls": {(n, v): url_with("/", toggled(req, n, v)) for n, vs in req.filters.items() for v in vs},
        "doc_state": urlencode(list(state.items(multi=True))),  # a hit's link carries the whole search back
    }


def _followed(args: MultiDict, page: bool = False) -> tuple[SearchRequest, dict[str, Any], str]:
    """A followed search: its request, its answer (every matching document by the time it was added,
    the FEED_ENTRIES latest) and the URL of its results page. The page leaves unknown parameters out;
    the feed, read by programs, refuses them."""
    req = replace(parse_request(args, ignore_unknown=page), sort="added", sort_given=True, page=1,
                  per_page=feed.FEED_ENTRIES)
    data = search(engine(), req, keep=kept)
    page_args = MultiDict([(k, v) for k, v in req.args.items(multi=True) if k not in ("sort", "per_page")])
    return req, data, url_with("/", page_args)


@bp.get("/feed")
def search_feed() -> Response:
    """A followed search as Atom: the same parameters as the page, the documents added last first."""
    req, data, page_url = _followed(request.args)
    body = feed.atom(data, req, request.host_url, request.url, page_url)
    return Response(body, mimetype="application/atom+xml")


FOLLOW_LATEST = 10  # entries the follow page shows, as the reader will


@bp.get("/follow")
def follow_page() -> str:
    """What "Theo dõi" opens: how to subscribe, the feed's address to copy, and its latest entries."""
    req, data, page_url = _followed(request.args, page=True)
    feed_url = request.host_url.rstrip("/") + url_with("/feed", MultiDict(
        [(k, v) for k, v in req.args.items(multi=True) if k not in ("sort", "per_page")]))
    return render_template("follow.html", req=req, feed_url=feed_url, page_url=page_url,
                           title=feed.feed_title(req.q, chips(req, "/")), latest=data["hits"][:FOLLOW_LATEST])


def _known_id(record_id: str) -> str:
    if not ID_RE.fullmatch(record_id):
        abort(404)
    return record_id


def _search_state(args: MultiDict) -> tuple[str, str]:
    """The search a document was opened from (its parameters ride along): its query, and the URL of
    its results page (query, filters, sort and page). A broken state is no search."""
    try:
        req = parse_request(args, ignore_unknown=True)
    except BadRequest:
        return "", ""
    state = MultiDict(req.args)
    if req.page > 1:
        state.add("page", str(req.page))
    return req.q, url_with("/", state) if state else ""


@bp.get("/doc/<record_id>")
def document_page(record_id: str) -> str | Response:
    q, back_url = _search_state(request.args)
    data = documents.document(engine(), _known_id(record_id), q)
    if data is None:
        moved = documents.moved_id(engine(), record_id)
        if moved is None or moved == record_id:
            abort(404)
        return redirect(url_for(".document_page", record_id=moved, **request.args), 301)
    return render_template("document.html", data=data, record=data["record"], q=q, back_url=back_url)


def _source(record_id: str) -> tuple[Path, str | None]:
    """The original corpus file of a known id (never a path from the URL) and its format as read."""
    record = documents.stored_record(engine(), _known_id(record_id))
    if record is None:
        abort(404)
    corpus = Path(current_app.config["CORPUS_DIR"]).resolve()
    path = (corpus / record["source"]).resolve()
    if not path.is_relative_to(corpus) or not path.is_file():
        abort(404)
    return path, (record.get("provenance") or {}).get("format")


@bp.get("/doc/<record_id>/source")
def document_source(record_id: str) -> Response:
    """The original file as it is: PDF and images in the browser, Word as a download."""
    return originals.send_original(*_source(record_id))


@bp.get("/doc/<record_id>/page-1.png")
def document_first_page(record_id: str) -> Response:
    """A scan's first page as a picture, for the document page."""
    png = originals.first_page_png(*_source(record_id))
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "max-age=3600"})
