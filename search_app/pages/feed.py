"""A followed search: any search as an Atom feed, the documents added last first.

Staff subscribe to "/feed?<the search's parameters>" in their reader (or mail
client) and are told of new documents matching it. The feed is written by
feedgen, a maintained Atom writer, so escaping and dates follow RFC 4287.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from feedgen.feed import FeedGenerator

from indexer.text import without_controls
from search_app.answer.facets import chips

FEED_ENTRIES = 50  # the latest added of ALL the matching documents (the engine sorts them)


def _parse(iso: str | None) -> dt.datetime | None:
    """An ISO day or time as an aware datetime (a day at midnight UTC); None when absent or unreadable."""
    if not iso:
        return None
    try:
        when = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def feed_title(q: str, request_chips: list[dict[str, str]]) -> str:
    parts = [f"«{q}»"] if q else []
    parts += [c["label"] for c in request_chips]
    return "Văn bản mới: " + (", ".join(parts) if parts else "tất cả văn bản")


def atom(data: dict[str, Any], request: Any, root_url: str, self_url: str, page_url: str) -> bytes:
    """The Atom document for one search answer (`data` as service.search returns it)."""
    root = root_url.rstrip("/")
    gen = FeedGenerator()
    gen.id(f"{root}{page_url}")
    gen.title(feed_title(request.q, chips(request, "/")))
    gen.author({"name": "Tra cứu văn bản"})
    gen.link(href=f"{root}{page_url}", rel="alternate", type="text/html")
    gen.link(href=self_url, rel="self", type="application/atom+xml")
    gen.language("vi")
    gen.generator("Tra cứu văn bản")
    hits = data["hits"]  # the engine's order: latest added first (SearchSpec sort "added")
    known = [w for h in hits for w in (_parse(h.get("added")) or _parse(h.get("date")),) if w]
    newest = max(known, default=None) or dt.datetime.now(dt.UTC).replace(microsecond=0)
    # A record indexed before `added` existed and undated: the engine put it last, and so will a reader
    # ordering by `updated` (Atom requires one); it is never shown as an issue date.
    earliest = min(known, default=newest)
    gen.updated(newest)
    for hit in reversed(hits):  # feedgen prepends: add the oldest first so the feed reads newest first
        entry = gen.add_entry()
        url = f"{root}{hit['url']}"
        entry.id(url)
        title = hit.get("title") or hit["id"]
        entry.title(without_controls(title))  # a record indexed before its fields were cleaned
        entry.link(href=url, rel="alternate", type="text/html")
        entry.author({"name": without_controls(hit.get("issuer") or "Không rõ cơ quan ban hành")})
        issued = _parse(hit.get("date"))
        # Atom needs an updated time: when the document came in; only a dated document has `published`.
        entry.updated(_parse(hit.get("added")) or issued or earliest)
        if issued:
            entry.published(issued)
        when = hit.get("date")
        day = f"{when[8:10]}/{when[5:7]}/{when[:4]}" if when else "không ghi ngày"
        summary = "; ".join(p for p in (
            f"{hit.get('doc_type') or 'Văn bản'} số {hit['number']}" if hit.get("number") else hit.get("doc_type"),
            hit.get("issuer"), f"ngày {day}", hit.get("subject")) if p)
        entry.summary(without_controls(summary))
    return gen.atom_str(pretty=True)
