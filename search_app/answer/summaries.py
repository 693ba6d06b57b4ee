"""A document as other pages list it: its number, type, issuer, date, subject and link."""

from __future__ import annotations

from typing import Any

from indexer.engine import Engine

SUMMARY_FIELDS = ("id", "number", "doc_type", "issuer", "date", "date_precision", "subject", "title")


def summary(engine: Engine, doc_id: str) -> dict[str, Any] | None:
    """The listed fields of a stored document, with its page's URL; None for an unknown id."""
    record = engine.record(doc_id)
    if record is None:
        return None
    return {key: record.get(key) for key in SUMMARY_FIELDS} | {"url": f"/doc/{record['id']}"}
