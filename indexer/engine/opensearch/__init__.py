"""The OpenSearch engine: the same search on a cluster, for collections past one machine.

Location: `http[s]://host:port[,host:port …][/alias]` (alias `congvan` by
default); how to connect (CA file, credentials, timeouts) comes from the
OPENSEARCH_* environment (connection.py). See docs/ENGINE.md for how each
operation maps onto OpenSearch and the role the service and the build need.
"""

from __future__ import annotations

from pathlib import Path

from indexer.engine.base import NoIndex
from indexer.engine.opensearch.connection import client_for, parse_location, physical_index
from indexer.engine.opensearch.engine import OpenSearchEngine
from indexer.engine.opensearch.failures import reachable
from indexer.engine.opensearch.writer import OpenSearchWriter


def open_engine(location: str | Path) -> OpenSearchEngine:
    hosts, alias = parse_location(location)
    return OpenSearchEngine(client_for(hosts), alias)


def exists(location: str | Path) -> bool:
    """False only when the cluster says there is no collection; Unavailable when it cannot say
    (a cluster down is not an empty one: nothing may build over it)."""
    hosts, alias = parse_location(location)
    try:
        with reachable():
            physical_index(client_for(hosts), alias)
    except NoIndex:
        return False
    return True


def open_writer(location: str | Path, fresh: bool = False, wait: float = 0.0) -> OpenSearchWriter:
    hosts, alias = parse_location(location)
    with reachable():
        return OpenSearchWriter(client_for(hosts), hosts, alias, fresh=fresh, wait=wait)


__all__ = ["OpenSearchEngine", "OpenSearchWriter", "exists", "open_engine", "open_writer"]
