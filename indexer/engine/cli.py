"""The engine choice on a command line: `--engine opensearch --opensearch-url URL`.

Shared by `python -m indexer` and `python -m search_app`. Choosing OpenSearch
sets INDEX_ENGINE and OPENSEARCH_URL in the environment, so the processes the
command starts (a build, the server's workers) open the same collection, and
puts the URL where the command's `--index` folder would go. Without the
options nothing changes: `make run` stays on the embedded Whoosh index.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import click

from indexer.engine import ENGINES


def choose(engine: str | None, opensearch_url: str | None) -> str | None:
    """The collection's location when it is not the `--index` folder (OpenSearch), else None."""
    if engine != "opensearch":
        return None
    if not opensearch_url:
        raise click.UsageError("--engine opensearch cần --opensearch-url (ví dụ http://127.0.0.1:9250)")
    os.environ["INDEX_ENGINE"] = "opensearch"
    os.environ["OPENSEARCH_URL"] = opensearch_url
    return opensearch_url


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --engine and --opensearch-url to a click command whose folder argument is `index` or `index_dir`."""

    @click.option("--engine", type=click.Choice(sorted(ENGINES)), default=None, envvar="INDEX_ENGINE",
                  help="Search engine: the embedded Whoosh index (default) or an OpenSearch cluster.")
    @click.option("--opensearch-url", default=None, envvar="OPENSEARCH_URL", metavar="URL",
                  help="Every node of the cluster, optionally with the collection alias: "
                       "https://node1:9200,node2:9200,node3:9200/congvan (credentials and the CA file: "
                       "OPENSEARCH_* environment, README 'Use an existing OpenSearch cluster')")
    @functools.wraps(command)
    def wrapper(*args: Any, engine: str | None, opensearch_url: str | None, **kwargs: Any) -> Any:
        location = choose(engine, opensearch_url)
        if location is not None:
            for key in ("index", "index_dir"):
                if key in kwargs:
                    kwargs[key] = location
        return command(*args, **kwargs)

    return wrapper
