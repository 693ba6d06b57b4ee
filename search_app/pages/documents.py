"""The document view's data: the record, its citations resolved to documents in
the collection, the documents citing it, and a few similar ones.
"""

from __future__ import annotations

from typing import Any

from indexer.engine import Engine
from indexer.text import number_key
from search_app.answer import entry_view, relations_view
from search_app.answer.outline import annotate
from search_app.answer.summaries import summary
from search_app.pages.paper import blocks
from search_app.query.snippets import linked
from search_app.query.understand import understand

SIMILAR = 5


def resolve_cites(engine: Engine, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Each cited number with the id of the document carrying it, or None."""
    out = []
    for cite in record.get("cites", []):
        carriers = engine.carriers(cite["number"])
        target = summary(engine, carriers[0]) if carriers else None
        out.append({"number": cite["number"], "date": cite.get("date"),
                    "id": target["id"] if target else None, "target": target})
    return out


def cited_by(engine: Engine, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Documents whose text cites this document's number, newest first."""
    if not record.get("number"):
        return []
    citing = (summary(engine, i) for i in engine.cited_by(record["number"]) if i != record["id"])
    return [s for s in citing if s is not None]


def similar(engine: Engine, record: dict[str, Any], limit: int = SIMILAR) -> list[dict[str, Any]]:
    """Documents sharing the most distinctive words of this one."""
    found = (summary(engine, i) for i in engine.similar(record["id"], limit) if i != record["id"])
    return [s for s in found if s is not None]


def stored_record(engine: Engine, record_id: str) -> dict[str, Any] | None:
    """One original file of the document holding `record_id` (source, provenance), or None (no links resolved)."""
    return entry_view.file_of(engine, record_id)


def moved_id(engine: Engine, old_id: str) -> str | None:
    """The id now held by the file whose id was `old_id` before ids kept formats apart, else None.

    Reads the collection's per-file notes: only an unknown id pays it."""
    for note in engine.sources().values():
        if note.get("legacy") == old_id and note.get("ids"):
            return note["ids"][0]
    return None


def document(engine: Engine, record_id: str, q: str = "", paragraphs: bool = True) -> dict[str, Any] | None:
    """Everything the document page (and, without `paragraphs`, the API) shows; None when unknown.

    Any file's id or a family's earlier version leads to its entry (search_app.answer.entry_view)."""
    found = entry_view.resolve(engine, record_id)
    if found is None:
        return None
    record = dict(found[0])
    record["cites"] = resolve_cites(engine, record)
    data = {
        "record": record,
        "entry_id": found[1]["id"],
        "versions": entry_view.other_versions(found[0], found[1]),
        "cited_by": cited_by(engine, record),
        "similar": similar(engine, found[1]),
        "paragraphs": [],
        "q": q,
    }
    data["relations"] = relations_view.for_document(engine, record, data["cited_by"])
    if paragraphs:
        terms = understand(q).terms() if q else set()
        links = {number_key(c["number"]): (c["target"]["url"] if c["target"] else None) for c in record["cites"]}
        data["paragraphs"] = [linked(p, terms, links) for p in record.get("text", "").split("\n")]
        data["blocks"] = blocks(record.get("text", ""), lambda p: linked(p, terms, links))
        data["toc"] = annotate([*data["blocks"].body, *data["blocks"].annex])  # ids: Phần … Điều, khoản
    return data
