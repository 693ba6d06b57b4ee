"""A ParsedQuery (search_app/query.py) → the engine's QuerySpec, plain data.

The parsed query's items become groups; the function words of a long
question ("những gì", "về", "trong năm") become optional groups: they score
when present but are not required. A relaxed query asks for a share of the
groups (minimum_should_match).
"""

from __future__ import annotations

from indexer.engine import Clause, QuerySpec
from indexer.text import fold, has_marks
from search_app.query import ParsedQuery

MIN_ITEMS_FOR_OPTIONAL = 4  # shorter queries keep every word required
QUESTION_WORDS = frozenset({
    "ai", "các", "cho", "có", "của", "được", "gì", "hay", "không", "là", "nào", "năm", "như", "những", "ở",
    "ra", "sao", "tại", "thế", "trong", "về", "với", "và",
})  # typed without marks they are recognised folded, but for "the" (thế, thể, thẻ)
_QUESTION_FOLDED = frozenset(fold(w) for w in QUESTION_WORDS) - {"the"}


def _is_question_word(item: list) -> bool:
    if len(item) != 1 or item[0].kind != "word":
        return False
    word = item[0].tokens[0].lower()
    return word in QUESTION_WORDS if has_marks(word) else word in _QUESTION_FOLDED


def to_spec(parsed: ParsedQuery, minimum_share: float | None = None) -> QuerySpec | None:
    """The spec for a parsed query (None: browse); with `minimum_share`, that share of the
    required groups must match (at least two)."""
    if parsed.is_empty:
        return None
    items = [tuple(Clause(c.kind, c.tokens) for c in item) for item in parsed.must]
    spare = len(items) >= MIN_ITEMS_FOR_OPTIONAL
    optional = [g for g, item in zip(items, parsed.must, strict=True) if spare and _is_question_word(item)]
    groups = [g for g in items if g not in optional] or items
    if len(groups) == len(items):
        optional = []
    minimum = None
    if minimum_share is not None and len(groups) > 2:
        minimum = max(2, round(len(groups) * minimum_share))
    return QuerySpec(
        groups=tuple(groups),
        minimum_should_match=minimum,
        optional=tuple(optional),
        exclude=tuple((Clause(c.kind, c.tokens),) for c in parsed.exclude),
        runs=tuple(parsed.runs),
    )
