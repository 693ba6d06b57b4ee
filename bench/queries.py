"""A fixed, seeded mixed query set drawn from a corpus's own records.

Classes (the issue's list): single words with and without marks, two- and
three-word queries, quoted phrases, document numbers, one and two facet
filters, and empty-query browsing. Each query is a dict: `cls`, `q` and the
filters `issuer`, `doc_type`, `year` (each a value or absent). The same
dicts drive our service (`params`), the peers (`peer_filters`) and the load
test (`url`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from urllib.parse import urlencode

from indexer.text import fold, has_marks

CLASSES = ("word_marked", "word_plain", "two_words", "three_words", "phrase", "number",
           "filter_one", "filter_two", "browse")
_WORD = re.compile(r"^[^\W\d_]{2,}$")


def _words(text: str) -> list[str]:
    return [w.strip(".,;:()\"'“”") for w in text.split()]


def _runs(text: str, size: int) -> list[list[str]]:
    """Runs of `size` adjacent alphabetic words (no punctuation between them)."""
    words = text.split()
    out = []
    for i in range(len(words) - size + 1):
        run = words[i:i + size]
        if all(_WORD.match(w) for w in run):
            out.append([w.lower() for w in run])
    return out


def make_queries(records: Sequence[dict], per_class: int = 30, seed: int = 2024) -> list[dict]:
    """`per_class` queries of each class, the same for the same records and seed."""
    rng = random.Random(seed)
    with_subject = [r for r in records if r.get("subject")] or list(records)
    out: list[dict] = []

    def pick() -> dict:
        return rng.choice(with_subject)

    def run_of(size: int, source: str = "subject") -> list[str]:
        for _ in range(200):
            rec = pick()
            text = rec.get(source) or ""
            if source == "text":
                start = rng.randrange(max(1, len(text) - 400))
                text = text[start:start + 400]
            runs = _runs(text, size)
            if runs:
                return rng.choice(runs)
        return ["văn", "bản", "số"][:size]

    def word(marked: bool) -> str:
        for _ in range(500):
            w = _words(pick().get("subject") or "")
            candidates = [x.lower() for x in w if _WORD.match(x) and has_marks(x) == marked and len(x) > 2]
            if candidates:
                return rng.choice(candidates)
        return "công" if marked else "ban"

    for _ in range(per_class):
        out.append({"cls": "word_marked", "q": word(True)})
    for _ in range(per_class):
        out.append({"cls": "word_plain", "q": fold(word(True))})
    for i in range(per_class):
        run = " ".join(run_of(2))
        out.append({"cls": "two_words", "q": run if i % 2 else fold(run)})
    for i in range(per_class):
        run = " ".join(run_of(3, "subject" if i % 2 else "text"))
        out.append({"cls": "three_words", "q": run if i % 3 else fold(run)})
    for i in range(per_class):
        run = " ".join(run_of(2 + i % 2, "text"))
        out.append({"cls": "phrase", "q": f'"{run}"'})
    numbered = [r for r in records if r.get("number")] or list(records)
    for _ in range(per_class):
        out.append({"cls": "number", "q": rng.choice(numbered).get("number") or "1"})
    for _ in range(per_class):
        rec = pick()
        query = {"cls": "filter_one", "q": " ".join(run_of(2)) if rng.random() < 0.5 else word(True)}
        if rec.get("issuer"):
            query["issuer"] = rec["issuer"]
        elif rec.get("doc_type"):
            query["doc_type"] = rec["doc_type"]
        out.append(query)
    for _ in range(per_class):
        rec = pick()
        query = {"cls": "filter_two", "q": word(rng.random() < 0.5)}
        if rec.get("doc_type"):
            query["doc_type"] = rec["doc_type"]
        if rec.get("date"):
            query["year"] = rec["date"][:4]
        if rec.get("issuer") and len(query) < 4:
            query["issuer"] = rec["issuer"]
        out.append(query)
    for i in range(per_class):
        rec = pick()
        query = {"cls": "browse", "q": ""}
        if i % 3 == 1 and rec.get("doc_type"):
            query["doc_type"] = rec["doc_type"]
        elif i % 3 == 2 and rec.get("date"):
            query["year"] = rec["date"][:4]
        out.append(query)
    return out


def params(query: dict) -> list[tuple[str, str]]:
    """Our request parameters (as the page and API take them)."""
    out = [("q", query["q"])]
    for name in ("issuer", "doc_type"):
        if query.get(name):
            out.append((name, query[name]))
    if query.get("year"):
        out += [("date_from", query["year"]), ("date_to", query["year"])]
    return out


def peer_filters(query: dict) -> dict[str, list[str]]:
    return {name: [query[name]] for name in ("issuer", "doc_type", "year") if query.get(name)}


def url(query: dict, api: bool) -> str:
    return ("/api/search?" if api else "/?") + urlencode(params(query))
