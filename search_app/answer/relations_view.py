"""Relations on the document page: what this document does to others, what others do to it.

A relation a document states ("Nghị định này thay thế Nghị định số
102/2017/NĐ-CP") is shown on both documents: as "Thay thế" on the one that
says it and "Bị thay thế bởi" on the other, found through the documents
citing it. A document wholly replaced or repealed by one in the collection
carries a warning, so staff do not follow superseded guidance.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from indexer.engine import Engine
from indexer.text import number_key
from search_app.answer.summaries import summary

OUT = {"can_cu": "Căn cứ", "thuc_hien": "Thực hiện", "huong_dan": "Hướng dẫn", "sua_doi": "Sửa đổi, bổ sung",
       "thay_the": "Thay thế", "bai_bo": "Bãi bỏ", "dinh_chinh": "Đính chính", "hop_nhat": "Hợp nhất"}
IN = {"can_cu": "Là căn cứ của", "thuc_hien": "Được thực hiện bởi", "huong_dan": "Được hướng dẫn bởi",
      "sua_doi": "Được sửa đổi, bổ sung bởi", "thay_the": "Bị thay thế bởi", "bai_bo": "Bị bãi bỏ bởi",
      "dinh_chinh": "Được đính chính bởi", "hop_nhat": "Được hợp nhất tại"}
EFFECT = {"hieu_luc": "Có hiệu lực từ", "het_hieu_luc": "Hết hiệu lực từ"}
SUPERSEDING = ("thay_the", "bai_bo")


def ends_whole(rel: dict[str, Any]) -> bool:
    """Does this stated relation end the other document as a whole (replaced or repealed)?"""
    return rel["type"] in SUPERSEDING and rel["direction"] == "out" and rel["scope"] == "whole" and bool(rel["number"])


def in_effect(rel: dict[str, Any], today: str | None = None) -> bool:
    """Has the status taken effect? A replacement dated after today (the new law takes effect next
    year, kept provisions run to 31/12/2027) is coming, not done: the old text is in force until then."""
    return not rel.get("date") or rel["date"] <= (today or dt.date.today().isoformat())


def label(kind: str, direction: str, scope: str) -> str:
    """A partial replacement or repeal ('Thay thế Phụ lục II …', 'Bãi bỏ Điều 57 …') reads as an
    amendment: the document stays in force, and the page must never suggest otherwise."""
    kind = "sua_doi" if scope == "part" and kind in SUPERSEDING else kind
    text = (OUT if direction == "out" else IN).get(kind, kind)
    return f"{text} (một phần)" if scope == "part" else text


def display_name(doc: dict[str, Any]) -> str:
    """How a document is named in a sentence: its number, else its type and subject."""
    if doc.get("number"):
        return doc["number"]
    subject = doc.get("subject") or doc.get("id") or ""
    return f"{doc.get('doc_type') or 'Văn bản'} «{subject[:80]}»"


def _summary(engine: Engine, doc_id: str) -> dict[str, Any] | None:
    out = summary(engine, doc_id)
    return None if out is None else out | {"name": display_name(out)}


def _target(engine: Engine, number: str) -> dict[str, Any] | None:
    carriers = engine.carriers(number)
    return _summary(engine, carriers[0]) if carriers else None


def for_document(engine: Engine, record: dict[str, Any], citing: list[dict[str, Any]]) -> dict[str, Any]:
    """{effects, links: [{label, kind, direction, scope, number, date, target, text}], superseded_by, ending}.

    superseded_by: the documents that have ended this one; ending: those that will, from a later day.

    `citing` are the summaries of documents citing this one (documents.cited_by).
    """
    links, effects = [], []
    for rel in record.get("relations") or []:
        if rel["number"] is None:
            effects.append({"label": EFFECT.get(rel["type"], rel["type"]), "date": rel["date"], "text": rel["text"]})
            continue
        links.append({**rel, "label": label(rel["type"], rel["direction"], rel["scope"]),
                      "target": _target(engine, rel["number"])})
    own = number_key(record["number"]) if record.get("number") else None
    superseded_by, ending = [], []
    for other in citing if own else []:
        stored = engine.record(other["id"])
        if stored is None:
            continue
        for rel in stored.get("relations") or []:
            if rel["number"] is None or rel["direction"] != "out" or number_key(rel["number"]) != own:
                continue
            links.append({**rel, "direction": "in", "label": label(rel["type"], "in", rel["scope"]),
                          "number": display_name(other), "target": other})
            if ends_whole(rel):
                (superseded_by if in_effect(rel) else ending).append(
                    {"label": label(rel["type"], "in", "whole"), "target": other, "name": display_name(other),
                     "text": rel["text"], "date": rel.get("date")})
    links = _distinct(links)
    return {"effects": effects, "links": links, "groups": _groups(links), "superseded_by": superseded_by,
            "ending": ending}


def _groups(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Links under their label, in the order shown: a law guided by 40 texts reads as one group."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for link in links:
        groups.setdefault(link["label"], []).append(link)
    return [{"label": name, "links": items} for name, items in groups.items()]


def _distinct(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per (type, direction, document): a portal note and the other text's own words agree."""
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for link in links:
        who = link["target"]["id"] if link["target"] else number_key(link["number"])
        key = (link["type"], link["direction"], who)
        if key not in out or (link["scope"] == "whole" and out[key]["scope"] == "part"):
            out[key] = link
    order = list(OUT)
    return sorted(out.values(), key=lambda link: (link["direction"] != "in", order.index(link["type"])
                                                  if link["type"] in order else 99))


def public_relations(data: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The API's typed relations: each with its type, label, direction, scope, number, date and target id."""
    if not data:
        return []
    out = [{"type": "hieu_luc" if e["label"] == EFFECT["hieu_luc"] else "het_hieu_luc", "label": e["label"],
            "direction": "out", "scope": "whole", "number": None, "date": e["date"], "id": None, "text": e["text"]}
           for e in data["effects"]]
    out += [{"type": link["type"], "label": link["label"], "direction": link["direction"], "scope": link["scope"],
             "number": link["number"], "date": link.get("date"),
             "id": link["target"]["id"] if link["target"] else None, "text": link["text"]} for link in data["links"]]
    return out
