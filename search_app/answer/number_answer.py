"""A query that is a document number the collection does not hold.

Staff type "570/CĐ-TTg" to open that document. When no document carries the
number, the page says so plainly ("570/CĐ-TTg không có trong kho — 1 văn bản
dẫn chiếu") and each result shows the sentence that cites the number, not
the opening of the letter.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from cachetools import LRUCache, cached
from werkzeug.datastructures import MultiDict

from indexer.engine import Engine, QuerySpec, SearchSpec
from indexer.text import NUMBER_RE, nfc, number_key
from indexer.words.number_forms import held_forms, shown_form
from search_app.answer.summaries import summary
from search_app.query.params import url_with
from search_app.query.suggest import near_numbers
from search_app.query.understand import understand

SENTENCE_CHARS = 320
_BOUNDARY = re.compile(r"[.;\n]\s")


def asked_number(spec: QuerySpec | None) -> str | None:
    """The number when the whole query is one document number."""
    if spec is not None and spec.number_forms and not spec.groups:
        return " ".join(spec.runs[0]) if spec.runs else spec.number_forms[0]
    if spec is None or len(spec.groups) != 1 or spec.exclude or spec.optional or len(spec.groups[0]) != 1:
        return None
    clause = spec.groups[0][0]
    return clause.tokens[0] if clause.kind == "number" else None


def citing_sentence(text: str, key: str) -> list[tuple[str, bool]] | None:
    """The sentence of `text` that cites the number with lookup key `key`, the number marked."""
    text = nfc(text)
    for match in NUMBER_RE.finditer(text):
        if number_key(match.group(1)) != key:
            continue
        start = max((m.end() for m in _BOUNDARY.finditer(text, 0, match.start())), default=0)
        stop = _BOUNDARY.search(text, match.end())
        end = stop.start() + 1 if stop else len(text)
        start = max(start, match.start() - SENTENCE_CHARS // 2)
        end = min(end, match.end() + SENTENCE_CHARS // 2)
        before = " ".join(text[start:match.start()].split())
        after = " ".join(text[match.end():end].split())
        return [(("… " if start > 0 and text[start - 1] not in ".;\n" else "") + before + " ", False),
                (match.group(1), True), (" " + after + (" …" if end < len(text) and text[end - 1] not in ".;" else ""),
                                         False)]
    return None


def answer(held: bool, typed: str, total: int, hits: list[dict[str, Any]],
           texts: dict[str, str], shown: str | None = None) -> dict[str, Any] | None:
    """The box's data when `typed` is not `held` in the collection; hits get the citing sentence.

    `texts` maps a hit id to its text. Returns None when the number is held.
    """
    if held:
        return None
    key = number_key(typed)
    for hit in hits:
        sentence = citing_sentence(texts.get(hit["id"], ""), key)
        if sentence:
            hit["snippet_segments"] = sentence
            hit["snippet"] = "".join(f"«{t}»" if marked else t for t, marked in sentence)
    shown = shown or typed
    return {"number": shown, "citing": total, "near": [],
            "message": f"{shown} không có trong kho — {total} văn bản dẫn chiếu"}


def for_search(engine: Engine, spec: QuerySpec | None, total: int,
               hits: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The number box for a search answer, or None (the query is not a number, or the number is held)."""
    typed = asked_number(spec)
    if typed is None or spec is None:
        return None
    if spec.number_forms:  # carriers rank first: held when the first hit carries one of the forms
        first = engine.record(hits[0]["id"]) if hits else None
        held = bool(first and set(held_forms(first.get("number"), first.get("doc_type"))) & set(spec.number_forms))
    else:
        held = bool(engine.carriers(typed))
    texts = {} if held else {h["id"]: (engine.record(h["id"]) or {}).get("text", "") for h in hits}
    shown = next((s for s in map(shown_form, spec.number_forms[:1]) if s), None)
    box = answer(held, typed, total, hits, texts, shown)  # 'nghi dinh 124/2024' is shown 'Nghị định 124/2024'
    if box is not None and spec.number_forms:
        box["near"] = [{"number": n, "url": url_with("/", MultiDict({"q": n}))}
                       for n in near_numbers(engine, spec.number_forms)]
    unread = [] if box is None else unread_carriers(engine, typed)
    if box is not None and unread:  # never "not held" while a scan with an unread number may be it
        box |= {"uncertain": unread, "message": f"{typed}: chưa xác định — {len(unread)} văn bản quét có số "
                f"đọc không rõ mang ký hiệu …/{_code(typed)}, có thể là văn bản này"}
    return box


UNREAD_LOOKUP = 50
_NUMBER_PART = re.compile(r"^\d+[a-z]?(?:\.\d+)?(?:/\d{4})?[/\-]")


def _code(number: str) -> str:
    """'153/TB-VPCP' → 'TB-VPCP': the part a scan's unreadable number still shows."""
    return _NUMBER_PART.sub("", number)


def unread_carriers(engine: Engine, typed: str) -> list[dict[str, Any]]:
    """Scans whose number OCR could not read but whose printed code is the typed number's
    (Record.provenance['number_unread'], indexer/extract/numbers/scan.py)."""
    return _unread_with_code(engine, _code(typed))


@cached(LRUCache(maxsize=256), key=lambda engine, code: (engine.generation, number_key(code)),
        lock=threading.Lock())
def _unread_with_code(engine: Engine, code: str) -> list[dict[str, Any]]:
    """unread_carriers of one code, kept for the generation: every decree not held asks again for
    NĐ-CP (a search and 50 records read, 11 of the 24 ms of "102/2017/NĐ-CP" at 10,000 articles)."""
    query = understand(" ".join(code.replace("-", " ").split())).spec
    found = engine.search(SearchSpec(query=query, limit=UNREAD_LOOKUP, facets=())).hits
    out = []
    for hit in found:
        record = engine.record(hit.id) or {}
        if number_key((record.get("provenance") or {}).get("number_unread") or "") == number_key(code):
            out.append(summary(engine, hit.id))
    return [s for s in out if s]
