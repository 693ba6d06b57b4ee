"""Suggestions as staff type: held document numbers and agency names, and numbers one character away.

The search box asks `/api/suggest?q=…` as staff type (static/app.js, an ARIA
combobox; without JavaScript the box is a plain search box). Numbers match
the forms of indexer.words.number_forms ("nđ 123", "123/2024", "2973/ubnd") or a
number's beginning; agencies match every reading of the typed text's
abbreviations (indexer.words.abbreviations: "sở yt" → Sở Y tế). A typed number the
collection does not hold gets the held numbers one character away ("Có
phải: …", search_app.answer.number_answer).
"""

from __future__ import annotations

import threading
from typing import Any

from cachetools import LRUCache, cached
from rapidfuzz import process
from rapidfuzz.distance import OSA

from indexer.engine import Engine
from indexer.text import fold, number_key
from indexer.words.abbreviations import expand_abbreviations
from indexer.words.number_forms import held_forms, typed_forms
from search_app.query.plan import issuers

MAX_SUGGESTIONS = 8
MAX_NEAR = 5
MIN_CHARS = 2


@cached(LRUCache(maxsize=4), key=lambda engine: engine.generation, lock=threading.Lock())
def held_numbers(engine: Engine) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """(number, its key, type · subject, its forms) of every document with a number, once per generation.

    Read from the stored records (no index field lists them): about a second for 10,000 documents,
    paid by the first suggestion after a build, then a lookup.
    """
    out = []
    for record in engine.records():
        number = record.get("number")
        if number:
            about = " · ".join(x for x in (record.get("doc_type"), record.get("subject")) if x)
            out.append((number, number_key(number), about[:120], tuple(held_forms(number, record.get("doc_type")))))
    return tuple(sorted(out, key=lambda n: n[1]))


def _numbers(engine: Engine, typed: str) -> list[dict[str, str]]:
    forms = set(typed_forms(typed) or ())
    key = number_key(typed)
    out = []
    for number, held_key, about, held in held_numbers(engine):
        if (forms and forms & set(held)) or (key[:1].isdigit() and held_key.startswith(key)):
            out.append({"kind": "number", "value": number, "label": f"{number} — {about}" if about else number})
            if len(out) >= MAX_SUGGESTIONS:
                break
    return out


def _agencies(engine: Engine, typed: str) -> list[dict[str, str]]:
    """Agencies whose name has a word starting with each typed word, in any reading ("ubnd bắc k")."""
    readings = [fold(r).lower().split() for r in expand_abbreviations(typed)]
    out = []
    for name in issuers(engine):
        words = fold(name).lower().split()
        if any(r and all(any(w.startswith(x) for w in words) for x in r) for r in readings):
            out.append({"kind": "issuer", "value": name, "label": name})
            if len(out) >= MAX_SUGGESTIONS:
                break
    return out


def suggest(engine: Engine, typed: str) -> list[dict[str, str]]:
    """Numbers first (what was typed has a digit), else agencies; at most MAX_SUGGESTIONS."""
    typed = " ".join(typed.split())[:100]
    if len(typed) < MIN_CHARS or engine.count() == 0:
        return []
    found = _numbers(engine, typed) if any(c.isdigit() for c in typed) else []
    return (found + _agencies(engine, typed))[:MAX_SUGGESTIONS]


@cached(LRUCache(maxsize=4), key=lambda engine: engine.generation, lock=threading.Lock())
def _held_forms_by_length(engine: Engine) -> dict[tuple[bool, int], tuple[list[str], list[int]]]:
    """Every held form with the place of its number in held_numbers, by kind (typed "t:" forms or
    not) and length, once per generation: a form one edit away is at most one character longer or
    shorter, and rapidfuzz compares a typed form with a whole bucket in C."""
    out: dict[tuple[bool, int], tuple[list[str], list[int]]] = {}
    for place, (_, _, _, held) in enumerate(held_numbers(engine)):
        for form in held:
            forms, places = out.setdefault((form.startswith("t:"), len(form)), ([], []))
            forms.append(form)
            places.append(place)
    return out


def near_numbers(engine: Engine, forms: tuple[str, ...]) -> list[str]:
    """Held numbers with a form one character away from a typed form: a slip (124/2024 for 123/2024,
    132/2024 for 123/2024: two digits swapped count as one, optimal string alignment).

    Looping in Python over the 5,403 held numbers of 10,000 pháp điển articles took 114 ms for
    "nghị định 123/2024"; rapidfuzz over every held form 17 ms, over the forms of lengths one apart
    2 ms (cProfile, one run each, the same index).
    """
    numbers = held_numbers(engine)
    buckets = _held_forms_by_length(engine)
    found: set[int] = set()
    for typed in forms:
        for length in (len(typed) - 1, len(typed), len(typed) + 1):
            held, places = buckets.get((typed.startswith("t:"), length), ((), ()))
            found.update(places[i] for _, _, i in process.extract(typed, held, scorer=OSA.distance,
                                                                        score_cutoff=1, limit=None))
    return [numbers[place][0] for place in sorted(found)[:MAX_NEAR]]


def as_json(engine: Engine, typed: str) -> dict[str, Any]:
    return {"q": typed, "suggestions": suggest(engine, typed)}
