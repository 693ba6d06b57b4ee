"""Where a collection lives on a cluster: a URL, an alias name, and the physical indices behind it.

A location is `http://host:port` or `http://host:port/alias`. Searches read the
alias; a full build writes a new physical index `<alias>-<time>` and moves the
alias to it at commit. Each physical index has a companion `<index>-sources`
holding the pipeline's per-file notes, so they swap together.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from opensearchpy import NotFoundError, OpenSearch

from indexer.engine.base import NoIndex

DEFAULT_ALIAS = "congvan"
TIMEOUT = 60


def parse_location(location: str | Path) -> tuple[str, str]:
    """(cluster URL, alias) from 'http://127.0.0.1:9250/congvan'."""
    text = str(location)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an OpenSearch URL: {text!r} (expected http://host:port[/alias])")
    alias = parts.path.strip("/") or DEFAULT_ALIAS
    return f"{parts.scheme}://{parts.netloc}", alias


def client_for(url: str) -> OpenSearch:
    """A client with the retries a cluster under a bulk load needs."""
    return OpenSearch(hosts=[url], timeout=TIMEOUT, max_retries=3, retry_on_timeout=True,
                      http_compress=False)


def physical_index(client: OpenSearch, alias: str) -> str:
    """The index the alias points at; NoIndex when there is none yet."""
    try:
        found = client.indices.get_alias(name=alias)
    except NotFoundError as err:
        raise NoIndex(f"no index behind alias {alias!r}") from err
    return sorted(found)[-1]


def sources_index(physical: str) -> str:
    return f"{physical}-sources"


def commits(client: OpenSearch, physical: str) -> int:
    """The commit counter kept in the index mapping's _meta (a generation part)."""
    mapping = client.indices.get_mapping(index=physical)[physical]["mappings"]
    return int(mapping.get("_meta", {}).get("commits", 0))
