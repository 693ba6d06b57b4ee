"""Waitress on every core: one listening socket, shared by forked worker processes.

One waitress process runs Python on one core at a time (the GIL), so under
load requests queue behind each other while the other core idles. The
parent binds the socket, forks `workers` children that each build their
own app and index view (after the fork: open file positions are never
shared) and serve from the same socket; the kernel hands each connection to
one of them. The parent only restarts a child that dies and stops them all
on SIGTERM or Ctrl-C. Each child holds its own caches and notices a new
index generation by itself, as a single process does.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from waitress import serve

PR_SET_PDEATHSIG = 1  # prctl(2): a signal for the child when its parent dies
RESTART_PAUSE = 1.0  # seconds between restarts of a child that keeps dying


def default_workers() -> int:
    """The cores this process may use, at most 4 (each worker holds its own copy of the index's hot parts)."""
    return max(1, min(4, len(os.sched_getaffinity(0))))


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    return sock


def run(make_app: Callable[[], Any], host: str, port: int, threads: int, workers: int) -> None:
    """Serve until stopped: in this process when workers == 1, else in `workers` children."""
    sock = listening_socket(host, port)
    if workers <= 1:
        _serve(make_app, sock, threads)
        return
    children: dict[int, int] = {}  # pid → worker number
    stopping = False

    def stop(signum: int, _frame: Any) -> None:  # noqa: ANN401
        nonlocal stopping
        stopping = True
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for number in range(workers):
        children[_fork(make_app, sock, threads)] = number
    while children:
        try:
            pid, _ = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        number = children.pop(pid, None)
        if number is not None and not stopping:
            time.sleep(RESTART_PAUSE)
            children[_fork(make_app, sock, threads)] = number
    sock.close()


def _fork(make_app: Callable[[], Any], sock: socket.socket, threads: int) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _die_with_parent()
        _serve(make_app, sock, threads)
    except BaseException:  # noqa: BLE001 - a child must never return into the parent's loop
        code = 1
    finally:
        sys.stdout.flush()
        os._exit(code)


def _serve(make_app: Callable[[], Any], sock: socket.socket, threads: int) -> None:
    app = make_app()
    with contextlib.suppress(Exception):  # an index that cannot open yet is reported per request
        app.extensions["shared_index"].view()  # open before the first request, not during it
    serve(app, sockets=[sock], threads=threads, ident="", clear_untrusted_proxy_headers=True)


def _die_with_parent() -> None:
    """Ask Linux to end this child if the parent is killed without the chance to stop it."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() == 1:  # the parent died before prctl
            os._exit(0)
