"""The engine boundary (see base.py); implementations live in subpackages."""

from indexer.engine.base import (
    FACETS,
    SORTS,
    Clause,
    Engine,
    Group,
    Hit,
    QuerySpec,
    SearchResult,
    SearchSpec,
    Writer,
)

__all__ = ["FACETS", "SORTS", "Clause", "Engine", "Group", "Hit", "QuerySpec", "SearchResult", "SearchSpec", "Writer"]
