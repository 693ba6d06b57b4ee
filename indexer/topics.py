"""Topic tagging from the vocabulary in data/topics.json.

A topic is given only when it is substantively there: its terms occur at least
`min_hits` times in the body, or once in the subject. One passing word is
not enough.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from indexer import vocab
from indexer.text import fold_key


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[tuple[str, ...], re.Pattern[str]]]:
    """One folded regex per topic, longest term first so overlaps count once,
    with its terms: a text holding none of them cannot match (a cheap test first)."""
    out = {}
    for topic, terms in vocab.topics()["topics"].items():
        keys = sorted({fold_key(t) for t in [topic, *terms]}, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
        out[topic] = (tuple(keys), pattern)
    return out


def _may_match(keys: tuple[str, ...], text: str) -> bool:
    return any(k in text for k in keys)


def _hits_at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    """findall(text) has at least `count` matches; stops scanning at the count-th."""
    return next(islice(pattern.finditer(text), count - 1, None), None) is not None


def _tagged(keys: tuple[str, ...], pattern: re.Pattern[str], subject: str, body: str, min_hits: int) -> bool:
    if min_hits <= 0 or (_may_match(keys, subject) and pattern.search(subject)):
        return True
    return _may_match(keys, body) and _hits_at_least(pattern, body, min_hits)


def tag_topics(subject: str | None, body: str) -> list[str]:
    """Topics of a document, in vocabulary order."""
    min_hits = int(vocab.topics()["min_hits"])
    folded_subject = fold_key(subject or "")
    folded_body = fold_key(body)
    return [topic for topic, (keys, pattern) in _patterns().items()
            if _tagged(keys, pattern, folded_subject, folded_body, min_hits)]
