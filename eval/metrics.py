"""MRR, nDCG@10 and recall@10 of one ranked list against graded judgments.

Grades: 2 = the answer, 1 = relevant, absent = not relevant. Every metric
looks at the first `k` results only (one page of the app).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

K = 10


def reciprocal_rank(ranked: Sequence[str], judged: Mapping[str, int], k: int = K) -> float:
    """1 / rank of the first relevant result (grade ≥ 1) in the top k, else 0."""
    for rank, doc in enumerate(ranked[:k], start=1):
        if judged.get(doc, 0) > 0:
            return 1.0 / rank
    return 0.0


def _dcg(grades: Sequence[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(grades, start=1))


def ndcg(ranked: Sequence[str], judged: Mapping[str, int], k: int = K) -> float:
    """Normalised discounted cumulative gain with exponential gain 2^grade − 1."""
    ideal = _dcg(sorted((g for g in judged.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return _dcg([judged.get(doc, 0) for doc in ranked[:k]]) / ideal


def recall(ranked: Sequence[str], judged: Mapping[str, int], k: int = K) -> float:
    """Relevant documents found in the top k, over min(k, relevant documents).

    Capped at k so that a topic query with fifty relevant documents can still
    score 1 with a perfect first page.
    """
    relevant = {doc for doc, g in judged.items() if g > 0}
    if not relevant:
        return 0.0
    found = len(relevant & set(ranked[:k]))
    return found / min(k, len(relevant))


def first_rank(ranked: Sequence[str], doc: str) -> int | None:
    """1-based rank of `doc`, or None when it is not in the list."""
    try:
        return list(ranked).index(doc) + 1
    except ValueError:
        return None


METRICS = {"MRR": reciprocal_rank, "nDCG@10": ndcg, "R@10": recall}
