"""The engine boundary (see base.py) and the factory choosing an implementation.

    engine = open_engine(location)                 # read: search, records, similar …
    with open_writer(location, fresh=True) as w:   # write: a full build, swapped in at commit
        w.add(records)

An implementation is a subpackage of indexer.engine defining
`open_engine(location) -> Engine`, `open_writer(location, fresh, wait) -> Writer`
and `exists(location) -> bool`;
ENGINES names them. The kind is an argument, else the INDEX_ENGINE environment
variable, else "whoosh". The location is what the implementation understands
(a folder for Whoosh; a URL and index name for OpenSearch).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType
from typing import cast

from indexer.engine.base import (
    FACETS,
    SORTS,
    Clause,
    Engine,
    Group,
    Hit,
    IndexLocked,
    NoIndex,
    PartWriter,
    QuerySpec,
    SearchResult,
    SearchSpec,
    Unavailable,
    Writer,
)

ENGINES = {"whoosh": "indexer.engine.whoosh", "opensearch": "indexer.engine.opensearch"}
DEFAULT_ENGINE = "whoosh"


def _implementation(kind: str | None) -> ModuleType:
    name = kind or os.environ.get("INDEX_ENGINE") or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(sorted(ENGINES))}")
    return importlib.import_module(ENGINES[name])


def open_engine(location: str | Path, kind: str | None = None) -> Engine:
    """The collection at `location`, opened for searching; NoIndex when none was built."""
    return cast(Engine, _implementation(kind).open_engine(location))


def exists(location: str | Path, kind: str | None = None) -> bool:
    """True when a collection was built at `location` (cheap: nothing is opened)."""
    return bool(_implementation(kind).exists(location))


def open_writer(location: str | Path, fresh: bool = False, wait: float = 0.0, kind: str | None = None) -> Writer:
    """A writer on the collection at `location`: `fresh` builds a new one beside the live one.

    Only one writer at a time: IndexLocked after `wait` seconds.
    """
    return cast(Writer, _implementation(kind).open_writer(location, fresh=fresh, wait=wait))


__all__ = ["DEFAULT_ENGINE", "ENGINES", "FACETS", "SORTS", "Clause", "Engine", "Group", "Hit", "IndexLocked",
           "NoIndex", "PartWriter", "QuerySpec", "SearchResult", "SearchSpec", "Unavailable", "Writer",
           "exists",
           "open_engine", "open_writer"]
