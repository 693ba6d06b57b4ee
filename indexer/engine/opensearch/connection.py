"""Where a collection lives on a cluster: a URL, an alias name, and the physical indices behind it.

A location is `http://host:port` or `http://host:port/alias`. Searches read the
alias; a full build writes a new physical index `<alias>-<time>` and moves the
alias to it at commit. Each physical index has a companion `<index>-sources`
holding the pipeline's per-file notes, so they swap together.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from opensearchpy import NotFoundError, OpenSearch, helpers

from indexer.engine.base import NoIndex

DEFAULT_ALIAS = "congvan"
TIMEOUT = 60


# Also 'http:/host:port/alias': a URL that went through pathlib.Path (which folds '//').
_LOCATION_RE = re.compile(r"^(https?):/+([^/]+)/*([^/]*)/*$")


def parse_location(location: str | Path) -> tuple[str, str]:
    """(cluster URL, alias) from 'http://127.0.0.1:9250/congvan'."""
    found = _LOCATION_RE.match(str(location))
    if not found:
        raise ValueError(f"not an OpenSearch URL: {str(location)!r} (expected http://host:port[/alias])")
    scheme, host, alias = found.groups()
    return f"{scheme}://{host}", alias or DEFAULT_ALIAS


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


def generation(client: OpenSearch, alias: str) -> str:
    """'<physical index>:<commits>' in one request (the web app asks before every search)."""
    try:
        found = client.indices.get_mapping(index=alias)
    except NotFoundError as err:
        raise NoIndex(f"no index behind alias {alias!r}") from err
    physical = sorted(found)[-1]
    return f"{physical}:{int(found[physical]['mappings'].get('_meta', {}).get('commits', 0))}"


def sources_index(physical: str) -> str:
    return f"{physical}-sources"


def commits(client: OpenSearch, physical: str) -> int:
    """The commit counter kept in the index mapping's _meta (a generation part)."""
    mapping = client.indices.get_mapping(index=physical)[physical]["mappings"]
    return int(mapping.get("_meta", {}).get("commits", 0))


def read_sources(client: OpenSearch, physical: str) -> dict[str, dict[str, Any]]:
    """The per-file notes committed with this physical index (empty when none)."""
    index = sources_index(physical)
    if not client.indices.exists(index=index):
        return {}
    return {h["_source"]["path"]: h["_source"]["data"] for h in helpers.scan(client, index=index, size=1000)}
