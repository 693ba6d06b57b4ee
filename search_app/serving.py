"""Serving with gunicorn: worker processes × threads sharing one port.

One Python process computes on one core at a time, so the server runs
`workers` processes (gunicorn's arbiter: restarts, SIGTERM/SIGINT, one
listening socket) of `threads` threads each (the gthread worker).

The app is loaded in the arbiter before the port opens, and its engine is
opened and warmed there (`preload_app`): the workers are forked from a
process that has already read the facets and the common terms' postings,
so no request pays a warm-up and those arrays are shared copy-on-write;
the arbiter also answers a few requests itself first (templates compiled).
No file is open at the fork (Whoosh searchers are made per thread, in the
workers), so no file position is shared. Each worker then notices a new
generation by itself. Workers end with the arbiter however it ends:
PR_SET_PDEATHSIG, set after the fork (gunicorn's own check of the parent
pid also stops them).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.http import wsgi

from indexer.engine import NoIndex, Unavailable
from indexer.processes import die_with_parent


def default_workers() -> int:
    """The cores this process may use, at most 4."""
    return max(1, min(4, len(os.sched_getaffinity(0))))


def _post_fork(_server: Any, _worker: Any) -> None:
    die_with_parent()


class _Response(wsgi.Response):
    """gunicorn's response without its `Server: gunicorn` line: the service names no software."""

    def default_headers(self) -> list[str]:
        return [line for line in super().default_headers() if not line.startswith("Server:")]


wsgi.Response = _Response  # the workers build their responses through the module's name


class Server(BaseApplication):
    """gunicorn running the app made by `make_app`, configured in code (no config file)."""

    def __init__(self, make_app: Callable[[], Any], options: dict[str, Any]) -> None:
        self.make_app = make_app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        app = self.make_app()
        with contextlib.suppress(NoIndex, Unavailable):  # an index that cannot open yet is reported per request
            app.extensions["shared_index"].warm()
            first_requests(app)
        return app


WARM_URLS = ("/?q=kh%E1%BB%9Fi+%C4%91%E1%BB%99ng", "/api/search?q=khoi+dong&sort=newest", "/khong-co")


def first_requests(app: Any) -> None:
    """A few requests in the arbiter before the fork, so that no worker's first request compiles
    the templates or loads Flask's lazy parts; then this thread's Whoosh searcher is closed, so no
    open file is shared with the workers."""
    client = app.test_client()
    for url in WARM_URLS:
        client.get(url)
    hits = client.get("/api/search?per_page=1").get_json().get("hits") or []
    if hits:
        client.get(hits[0]["url"])
    app.extensions["shared_index"].engine().close()


def run(make_app: Callable[[], Any], host: str, port: int, threads: int, workers: int) -> None:
    """Serve until stopped (SIGTERM or Ctrl-C)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    Server(make_app, {
        "bind": bind, "workers": workers, "threads": threads, "worker_class": "gthread",
        "preload_app": True, "post_fork": _post_fork, "backlog": 1024, "timeout": 120,
        "accesslog": None, "errorlog": "-", "loglevel": "warning",
    }).run()
