"""Any id to the entry holding it: an entry's id, one of its files' ids, or a version of a family (an
id a file had before ids kept formats apart is redirected first: search_app.pages.documents.moved_id).

An entry is stored under its best file's id; a saved link to another file or to an earlier version
still leads to the document. The files of an entry and the family's other
versions are shown as the page and the API list them.
"""

from __future__ import annotations

from typing import Any

from indexer.engine import Engine


def head_id(engine: Engine, doc_id: str) -> str | None:
    """The id of the index document holding `doc_id` (a file or a version), else None.

    Reads the collection's per-file notes: only an id that is not an index document's own pays it."""
    for note in engine.sources().values():
        entries = note.get("entries") or {}
        if doc_id in entries:
            return entries[doc_id]
    return None


def resolve(engine: Engine, doc_id: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(the record to show, the index document holding it), or None for an unknown id.

    A version of a family shows its own text; a file of an entry shows the entry."""
    stored = engine.record(doc_id)
    if stored is not None:
        return stored, stored
    head = head_id(engine, doc_id)
    stored = engine.record(head) if head else None
    if stored is None:
        return None
    for version in stored.get("versions") or []:
        if doc_id in {version["id"], *(f["id"] for f in version["record"].get("files") or [])}:
            return version["record"], stored
    return stored, stored


def other_versions(shown: dict[str, Any], head: dict[str, Any]) -> list[dict[str, Any]]:
    """The family's other versions ("phiên bản khác"), current first, without their texts."""
    listed = [{"id": head["id"], "title": head.get("title"), "doc_type": head.get("doc_type"),
               "number": head.get("number"), "date": head.get("date"), "role": "hiện hành"}]
    listed += [{k: v for k, v in version.items() if k != "record"} for version in head.get("versions") or []]
    return [v | {"url": f"/doc/{v['id']}", "current": v["id"] == head["id"]}
            for v in listed if v["id"] != shown["id"] and (head.get("versions") or v["id"] != head["id"])]


def file_of(engine: Engine, doc_id: str) -> dict[str, Any] | None:
    """One original file of an entry by its id: its source and provenance (for "Tệp gốc")."""
    found = resolve(engine, doc_id)
    if found is None:
        return None
    shown, _ = found
    for f in shown.get("files") or []:
        if f["id"] == doc_id:
            return f
    return {"id": shown["id"], "source": shown["source"], "provenance": shown.get("provenance") or {}}
