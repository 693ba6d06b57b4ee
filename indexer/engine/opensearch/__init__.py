"""The OpenSearch engine: the same search on a cluster, for collections past one machine.

Location: `http://host:port[/alias]` (alias `congvan` by default). See
docs/ENGINE.md for how each operation maps onto OpenSearch.
"""

from __future__ import annotations

from pathlib import Path

from opensearchpy import OpenSearchException

from indexer.engine.base import NoIndex
from indexer.engine.opensearch.connection import client_for, parse_location, physical_index
from indexer.engine.opensearch.engine import OpenSearchEngine
from indexer.engine.opensearch.writer import OpenSearchWriter


def open_engine(location: str | Path) -> OpenSearchEngine:
    url, alias = parse_location(location)
    return OpenSearchEngine(client_for(url), alias)


def exists(location: str | Path) -> bool:
    url, alias = parse_location(location)
    try:
        physical_index(client_for(url), alias)
    except (NoIndex, OpenSearchException):
        return False
    return True


def open_writer(location: str | Path, fresh: bool = False, wait: float = 0.0) -> OpenSearchWriter:
    url, alias = parse_location(location)
    return OpenSearchWriter(client_for(url), url, alias, fresh=fresh, wait=wait)


__all__ = ["OpenSearchEngine", "OpenSearchWriter", "exists", "open_engine", "open_writer"]
