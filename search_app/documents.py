"""The document view's data: the record, its citations resolved to documents in
the index, the documents citing it, and a few similar ones.
"""

from __future__ import annotations

from typing import Any

from indexer.search import IndexView
from indexer.text import number_key
from search_app import layout, relations_view
from search_app.query import parse
from search_app.snippets import linked

SIMILAR = 5


def _summary(view: IndexView, docnum: int) -> dict[str, Any]:
    record = view.record(docnum)
    return {key: record.get(key) for key in ("id", "number", "doc_type", "issuer", "date", "subject")} | {
        "url": f"/doc/{record['id']}"
    }


def resolve_cites(view: IndexView, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Each cited number with the id of the document carrying it, or None."""
    out = []
    for cite in record.get("cites", []):
        docnums = view.docnums_for("number", number_key(cite["number"]))
        target = _summary(view, docnums[0]) if docnums else None
        out.append({"number": cite["number"], "date": cite.get("date"),
                    "id": target["id"] if target else None, "target": target})
    return out


def cited_by(view: IndexView, record: dict[str, Any], own: int) -> list[dict[str, Any]]:
    """Documents whose text cites this document's number (docnum `own`)."""
    if not record.get("number"):
        return []
    docnums = [d for d in view.docnums_for("cites", number_key(record["number"])) if d != own]
    return sorted((_summary(view, d) for d in docnums), key=lambda s: s.get("date") or "", reverse=True)


def similar(view: IndexView, record: dict[str, Any], docnum: int, limit: int = SIMILAR) -> list[dict[str, Any]]:
    """Documents sharing the most distinctive words of this one (docnum `docnum`)."""
    text = f"{record.get('subject') or ''}\n{record.get('text', '')[:4000]}"
    hits = view.searcher().more_like(docnum, "body_f", text=text, top=limit, numterms=12)
    return [_summary(view, hit.docnum) for hit in hits if view.live[hit.docnum]]


def stored_record(view: IndexView, record_id: str) -> dict[str, Any] | None:
    """The record as indexed, or None for an unknown id (no links resolved)."""
    docnum = view.docnum_for_id(record_id)
    return view.record(docnum) if docnum is not None else None


def document(view: IndexView, record_id: str, q: str = "", paragraphs: bool = True) -> dict[str, Any] | None:
    """Everything the document page (and, without `paragraphs`, the API) shows; None when unknown."""
    docnum = view.docnum_for_id(record_id)
    if docnum is None:
        return None
    record = dict(view.record(docnum))
    record["cites"] = resolve_cites(view, record)
    data = {
        "record": record,
        "cited_by": cited_by(view, record, docnum),
        "similar": similar(view, record, docnum),
        "paragraphs": [],
        "q": q,
    }
    data["relations"] = relations_view.for_document(view, record, data["cited_by"])
    if paragraphs:
        terms = parse(q).terms() if q else set()
        links = {number_key(c["number"]): (c["target"]["url"] if c["target"] else None) for c in record["cites"]}
        data["paragraphs"] = [linked(p, terms, links) for p in record.get("text", "").split("\n")]
        data["blocks"] = layout.blocks(record.get("text", ""), lambda p: linked(p, terms, links))
    return data
