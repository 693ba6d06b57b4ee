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
import json
import os
import threading
from collections.abc import Callable
from typing import Any

from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.http import message, parser, wsgi
from gunicorn.http.errors import LimitRequestLine

from common.processes import die_with_parent
from indexer.engine import NoIndex, Unavailable


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

# The longest request line gunicorn takes (its maximum): a query at the service's own limit (500
# characters, up to 9 bytes each once percent-encoded) with filters reaches the app, which answers
# its own 400 in Vietnamese. Longer lines are answered here, also in Vietnamese (JSON under /api/).
REQUEST_LINE_BYTES = 8190
_overlong = threading.local()  # the start of the request line gunicorn refused, in the thread answering


class _Request(message.Request):
    """gunicorn's request, remembering the start of a request line too long to read."""

    def read_line(self, unreader: Any, buf: Any, limit: int = 0) -> Any:
        try:
            return super().read_line(unreader, buf, limit)
        except LimitRequestLine:
            _overlong.start = bytes(buf[:64])
            raise


parser.RequestParser.mesg_class = _Request
_gunicorn_write_error = util.write_error
TOO_LONG = ("Yêu cầu quá dài: địa chỉ (URL) vượt quá {limit} byte. Câu tìm kiếm tối đa 500 ký tự; "
            "hãy rút ngắn câu tìm kiếm hoặc bớt bộ lọc.")


def _write_error(sock: Any, status: int, reason: str, mesg: str) -> None:
    """gunicorn's own errors, in Vietnamese for a request line too long (JSON for the API)."""
    start = getattr(_overlong, "start", None)
    if status != 414 or start is None:
        _gunicorn_write_error(sock, status, reason, mesg)
        return
    _overlong.start = None
    text = TOO_LONG.format(limit=REQUEST_LINE_BYTES)
    if b" /api/" in start:
        body, kind = json.dumps({"error": text, "status": 414}, ensure_ascii=False), "application/json"
    else:
        body = (f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi 414 · Tra cứu văn bản</title>'
                f'<h1>Yêu cầu quá dài (414)</h1><p>{text}</p><p><a href="/">Về trang tìm kiếm</a></p></html>')
        kind = "text/html; charset=utf-8"
    data = body.encode()
    head = (f"HTTP/1.1 414 URI Too Long\r\nConnection: close\r\nContent-Type: {kind}\r\n"
            f"Content-Length: {len(data)}\r\n\r\n").encode("latin1")
    util.write_nonblock(sock, head + data)


util.write_error = _write_error


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
        "limit_request_line": REQUEST_LINE_BYTES,
        "accesslog": None, "errorlog": "-", "loglevel": "warning",
    }).run()
