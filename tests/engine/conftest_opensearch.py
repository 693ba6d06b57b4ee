"""The OpenSearch engine in the contract tests: a real three-node cluster, started once per session.

Loaded by conftest.py's `conftest_<name>.py` hook. OPENSEARCH_URL set (as
.ci/run does): that cluster is used. Otherwise, with Java and Maven present,
opensearch/start-cluster.sh starts one on free loopback ports, stopped when
the test process ends. Only a cluster started here, or one whose starter said
so (OPENSEARCH_KILLABLE=1 with its OPENSEARCH_HOME, as .ci/run), may have its
nodes killed by the node-loss tests (`nodes()`); a shared cluster never is. `available()` says why not when neither is possible
(the tests then skip outside CI and fail in CI). Each test's collections
live under their own alias; the previous test's are deleted when the next
one starts, so the cluster never holds more than a few.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START = ROOT / "opensearch" / "start-cluster.sh"
STOP = ROOT / "opensearch" / "stop-cluster.sh"
NODES = 3
_created: dict[str, Path] = {}  # alias → the test's tmp_path it belongs to
_started: dict[str, str] = {}  # the environment start-cluster.sh ran with, when this session started it


def _free_base() -> int:
    """A port p with p … p+2 (HTTP) and p+100 … p+102 (transport) all free on loopback."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base > 60000:
            continue
        try:
            for port in [base + n for n in range(NODES)] + [base + 100 + n for n in range(NODES)]:
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free loopback ports for the OpenSearch nodes")


@lru_cache(maxsize=1)
def cluster() -> tuple[str | None, str | None]:
    """(URL of every node, None) of a running cluster, or (None, why not)."""
    given = os.environ.get("OPENSEARCH_URL")
    if given:
        atexit.register(_forget_all)
        return given.rstrip("/"), None
    if not (shutil.which("java") and shutil.which("mvn")):
        return None, "Java 17 and Maven are needed for the OpenSearch test cluster (README: OpenSearch (optional))"
    env = {**os.environ, "OPENSEARCH_HOME": tempfile.mkdtemp(prefix="opensearch-test-"),
           "OPENSEARCH_PORT": str(_free_base()), "OPENSEARCH_NODES": str(NODES),
           "OPENSEARCH_HEAP": os.environ.get("OPENSEARCH_HEAP", "512m")}
    _started.update(env)
    started = subprocess.run(["bash", str(START)], env=env, capture_output=True, text=True, timeout=600)
    atexit.register(lambda: (subprocess.run(["bash", str(STOP)], env=env, capture_output=True, timeout=120),
                             shutil.rmtree(env["OPENSEARCH_HOME"], ignore_errors=True)))
    atexit.register(_forget_all)  # runs first (atexit is last in, first out), while the nodes still run
    if started.returncode != 0:
        return None, f"the OpenSearch cluster did not start: {started.stderr[-2000:]}"
    return started.stdout.strip().splitlines()[-1], None


def available() -> str | None:
    return cluster()[1]


def nodes() -> tuple[Path, dict[str, str]] | None:
    """(state folder, start-cluster.sh's environment) of a cluster whose nodes a test may kill, else None."""
    url, _ = cluster()
    if url is None:
        return None
    if _started:
        return Path(_started["OPENSEARCH_HOME"]), dict(_started)
    home = os.environ.get("OPENSEARCH_HOME")
    if os.environ.get("OPENSEARCH_KILLABLE") == "1" and home and list(Path(home).glob("node-*.pid")):
        return Path(home), dict(os.environ)
    return None


def client():  # noqa: ANN201
    """A plain client on every node of the test cluster (none of a test's OPENSEARCH_* settings)."""
    from opensearchpy import OpenSearch

    from indexer.engine.opensearch.connection import host_urls, parse_location

    return OpenSearch(hosts=host_urls(parse_location(cluster()[0] or "")[0]), timeout=60)


def _forget_other_tests(test_dir: Path) -> None:
    stale = [alias for alias, owner in _created.items() if owner != test_dir]
    if stale:
        client().indices.delete(index=",".join(f"{a}*" for a in stale), ignore=[404])
        for alias in stale:
            del _created[alias]


def _forget_all() -> None:
    """The last test's collections, when the session ends (before a cluster we started stops)."""
    if _created:
        _forget_other_tests(Path("/nonexistent"))


def location(tmp_path: Path) -> str:
    """A new collection (alias) on the cluster for the test that owns `tmp_path`'s parent."""
    _forget_other_tests(tmp_path.parent)
    alias = f"test-{uuid.uuid4().hex[:12]}"
    _created[alias] = tmp_path.parent
    return f"{cluster()[0]}/{alias}"


def kill(home: Path, names: list[str]) -> None:
    """SIGKILL these nodes (a machine lost, no goodbye) and wait until they are gone."""
    pids = [int((home / f"{name}.pid").read_text()) for name in names]
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            raise RuntimeError(f"nodes still alive after SIGKILL: {names}")
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped by its parent, is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def restart(env: dict[str, str], alias: str | None = None) -> None:
    """Start the missing nodes again (start-cluster.sh starts only those), then wait until every node
    has joined and, for `alias`, every copy is back (green), so the next test starts whole."""
    done = subprocess.run(["bash", str(START)], env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"the cluster did not restart: {done.stderr[-2000:]}")
    if alias:
        client().cluster.health(index=alias, params={"wait_for_status": "green", "timeout": "180s"},
                                request_timeout=190)
