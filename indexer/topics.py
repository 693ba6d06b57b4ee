"""Subject areas (lĩnh vực) from the vocabulary in data/topics.json.

A long body speaks of many things in passing ("khai báo" of a tax return, "bệnh nhân" in a
land law), so word counts in it say little about what a document is filed under. The
subject line does: a topic is given when one of its terms is in the subject; when none is,
the issuer's remit decides. The finer measures of the epidemic are given only to texts
whose subject or issuer (a steering committee against it) is the epidemic, and then from
their body. Matching is on lower-cased text
with its marks ('giá' is not 'gia đình'); `except` phrases are taken out first ('chi phí'
is not a fee, 'đánh giá' not a price).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from indexer.text import clean_spaces, nfc
from indexer.words import vocab


def _lower(text: str) -> str:
    return clean_spaces(nfc(text)).lower()


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    keys = sorted({_lower(t) for t in terms if t.strip()}, key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, tuple[re.Pattern[str] | None, frozenset[str]]], re.Pattern[str] | None]:
    """Topic → (subject pattern, issuers whose remit it is); the phrases to take out first."""
    data = vocab.topics()
    topics = {}
    for name, entry in data["topics"].items():
        terms = entry["terms"] if isinstance(entry, dict) else entry
        issuers = entry.get("issuers", []) if isinstance(entry, dict) else []
        topics[name] = (_pattern([name, *terms]), frozenset(_lower(i) for i in issuers))
    return topics, _pattern(data.get("except", []))


@lru_cache(maxsize=1)
def _epidemic() -> tuple[str | None, list[str], dict[str, re.Pattern[str]]]:
    data = vocab.topics().get("epidemic") or {}
    finer = {name: p for name, terms in data.get("finer", {}).items() if (p := _pattern([name, *terms]))}
    return data.get("topic"), list(data.get("implies", [])), finer


def _hits_at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    return next(islice(pattern.finditer(text), count - 1, None), None) is not None


def _names_epidemic(epidemic: str, issuer: str) -> bool:
    pattern = _vocabulary()[0].get(epidemic, (None, frozenset()))[0]
    return bool(pattern and pattern.search(_lower(issuer)))


def tag_topics(subject: str | None, body: str, issuer: str | None = None) -> list[str]:
    """Topics of a document: subject areas in vocabulary order, then the epidemic's measures."""
    topics, taken_out = _vocabulary()
    text = _lower(subject or "")
    if taken_out is not None:
        text = taken_out.sub(" ", text)
    found = [name for name, (pattern, _) in topics.items() if pattern is not None and text and pattern.search(text)]
    if not found and issuer:
        parts = {_lower(p) for p in re.split(r"\s+-\s+", issuer)}
        found = [name for name, (_, issuers) in topics.items() if issuers & parts]
    epidemic, implies, finer = _epidemic()
    if epidemic and epidemic not in found and issuer and _names_epidemic(epidemic, issuer):
        found.append(epidemic)  # a steering committee against the epidemic writes about it
    if epidemic in found:
        found += [t for t in implies if t not in found]
        folded_body = _lower(body)
        min_hits = int(vocab.topics()["min_hits"])
        found += [name for name, pattern in finer.items() if _hits_at_least(pattern, folded_body, min_hits)]
    return found
