"""Where a collection lives on a cluster: its hosts, how to connect to them, and the indices behind its alias.

A location is `http[s]://host:port[,host:port …][/alias]` (alias `congvan` by
default): every node the client may ask, so losing one loses nothing. Searches
read the alias; a full build writes a new physical index `<alias>-<time>` and
moves the alias to it at commit. Each physical index has a companion
`<index>-sources` holding the pipeline's per-file notes, so they swap together;
`<alias>-lock` holds the writer lock.

How to connect comes from the environment (so a secret is never on a command
line, where `ps` shows it to every user of the machine):

    OPENSEARCH_CA_FILE          PEM file of the CA that signed the nodes' certificates (https)
    OPENSEARCH_VERIFY_CERTS     certificates are verified unless this is exactly "false"
    OPENSEARCH_USER             basic auth user, with OPENSEARCH_PASSWORD or OPENSEARCH_PASSWORD_FILE
    OPENSEARCH_API_KEY          an API key (sent as `Authorization: ApiKey …`), or OPENSEARCH_API_KEY_FILE
    OPENSEARCH_TIMEOUT          seconds per request (default 30); OPENSEARCH_RETRIES (default 3)
"""

from __future__ import annotations

import base64
import math
import os
import re
import time
from pathlib import Path
from typing import Any

from opensearchpy import NotFoundError, OpenSearch, helpers

from indexer.engine.base import NoIndex, Unavailable

DEFAULT_ALIAS = "congvan"

# Also 'http:/host:port/alias': a URL that went through pathlib.Path (which folds '//').
_LOCATION_RE = re.compile(r"^(https?):/+([^/]+)(?:/+([^/,]+))?/*$")
_HOST_RE = re.compile(r"^(?:https?:/+)?([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$")


class ConnectionSettingsError(Unavailable):
    """A location or a connection setting that cannot work; the message says which and why."""


def parse_location(location: str | Path) -> tuple[str, str]:
    """(hosts, alias) from 'https://node1:9200,node2:9200/congvan': hosts keep the scheme of the first."""
    text = re.sub(r",\s*https?:/+", ",", str(location).strip())  # each host may carry the scheme
    found = _LOCATION_RE.match(text)
    if not found:
        raise ConnectionSettingsError(
            f"not an OpenSearch URL: {text!r} (expected http[s]://host:port[,host:port …][/alias])")
    scheme, hosts, alias = found.groups()
    if "@" in hosts:
        raise ConnectionSettingsError(
            "the OpenSearch URL holds a user or password: give them in OPENSEARCH_USER and "
            "OPENSEARCH_PASSWORD (or OPENSEARCH_PASSWORD_FILE), never on the command line")
    parts = [h.strip() for h in hosts.split(",") if h.strip()]
    for part in parts:
        if not _HOST_RE.match(part):
            raise ConnectionSettingsError(f"not a host[:port] in the OpenSearch URL: {part!r}")
    return f"{scheme}://" + ",".join(re.sub(r"^https?:/+", "", p) for p in parts), alias or DEFAULT_ALIAS


def host_urls(hosts: str) -> list[str]:
    """'https://a:1,b:2' → ['https://a:1', 'https://b:2']."""
    scheme, rest = hosts.split("://", 1)
    return [f"{scheme}://{part}" for part in rest.split(",")]


def _secret(name: str) -> str | None:
    """NAME from the environment, else the first line of the file named by NAME_FILE."""
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(f"{name}_FILE")
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip() or None
    except OSError as err:
        raise ConnectionSettingsError(f"{name}_FILE: cannot read {path}: {err.strerror}") from err


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    try:
        return float(raw) if raw else default
    except ValueError as err:
        raise ConnectionSettingsError(f"{name} must be a number of seconds, not {raw!r}") from err


def client_options(hosts: str) -> dict[str, Any]:
    """The client's keyword arguments for these hosts and the OPENSEARCH_* environment."""
    options: dict[str, Any] = {
        "hosts": host_urls(hosts), "timeout": _number("OPENSEARCH_TIMEOUT", 30),
        "max_retries": int(_number("OPENSEARCH_RETRIES", 3)), "retry_on_timeout": True, "http_compress": False,
    }
    if hosts.startswith("https://"):
        verify = os.environ.get("OPENSEARCH_VERIFY_CERTS", "true").strip().lower() != "false"
        options.update(use_ssl=True, verify_certs=verify, ssl_show_warn=False)
        if not verify:
            options["ssl_assert_hostname"] = False
        ca_file = os.environ.get("OPENSEARCH_CA_FILE")
        if ca_file:
            if not Path(ca_file).is_file():
                raise ConnectionSettingsError(f"OPENSEARCH_CA_FILE: no such file {ca_file}")
            options["ca_certs"] = ca_file
    user, password, api_key = os.environ.get("OPENSEARCH_USER"), _secret("OPENSEARCH_PASSWORD"), \
        _secret("OPENSEARCH_API_KEY")
    if user and api_key:
        raise ConnectionSettingsError("set either OPENSEARCH_USER (basic auth) or OPENSEARCH_API_KEY, not both")
    if user:
        if password is None:
            raise ConnectionSettingsError(
                "OPENSEARCH_USER is set without OPENSEARCH_PASSWORD or OPENSEARCH_PASSWORD_FILE")
        # UTF-8, as the security plugin reads it (the client's own http_auth is latin-1 only: a
        # password with Vietnamese letters could not be sent).
        options["headers"] = {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}
    elif api_key:
        options["headers"] = {"Authorization": f"ApiKey {api_key}"}
    return options


def client_for(hosts: str) -> OpenSearch:
    """A client knowing every host: a dead node is set aside and its requests retried on the others."""
    return OpenSearch(**client_options(hosts))


def physical_index(client: OpenSearch, alias: str) -> str:
    """The index the alias points at; NoIndex when there is none yet. Read from the node's own copy of
    the cluster state (`local`), so it answers while the cluster manager is being re-elected."""
    try:
        found = client.indices.get_alias(name=alias, params={"local": "true"})
    except NotFoundError as err:
        raise NoIndex(f"no index behind alias {alias!r}") from err
    return sorted(found)[-1]


def generation(client: OpenSearch, alias: str) -> str:
    """'<physical index>:<commits>' in one request, from the answering node's own cluster state."""
    try:
        found = client.indices.get_mapping(index=alias, params={"local": "true"})
    except NotFoundError as err:
        raise NoIndex(f"no index behind alias {alias!r}") from err
    physical = sorted(found)[-1]
    return f"{physical}:{int(found[physical]['mappings'].get('_meta', {}).get('commits', 0))}"


_COMMITTED: dict[str, float] = {}  # alias → monotonic time of this process's last commit to it


def note_commit(alias: str) -> None:
    """A writer of this process changed the alias: its engines re-read it at once, whatever they cached."""
    _COMMITTED[alias] = time.monotonic()


def committed_at(alias: str) -> float:
    return _COMMITTED.get(alias, -math.inf)


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
