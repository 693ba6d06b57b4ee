"""Topic tagging from the vocabulary in data/topics.json.

A topic is given only when it is substantively there: its terms occur at least
`min_hits` times in the body, or once in the subject. One passing word is
not enough.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer import vocab
from indexer.text import fold_key


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """One folded regex per topic, longest term first so overlaps count once."""
    out = {}
    for topic, terms in vocab.topics()["topics"].items():
        keys = sorted({fold_key(t) for t in [topic, *terms]}, key=len, reverse=True)
        out[topic] = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")
    return out


def tag_topics(subject: str | None, body: str) -> list[str]:
    """Topics of a document, in vocabulary order."""
    min_hits = int(vocab.topics()["min_hits"])
    folded_subject = fold_key(subject or "")
    folded_body = fold_key(body)
    found = []
    for topic, pattern in _patterns().items():
        if pattern.search(folded_subject) or len(pattern.findall(folded_body)) >= min_hits:
            found.append(topic)
    return found
