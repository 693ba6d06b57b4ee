"""A real two-node OpenSearch cluster for the engine tests, started once per session.

OPENSEARCH_URL set (as .ci/run does): that cluster is used. Otherwise, with
Java and Maven present, opensearch/start-cluster.sh starts one on free
loopback ports and it is stopped at the end. Without Java the OpenSearch
tests skip with a message, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START = ROOT / "opensearch" / "start-cluster.sh"
STOP = ROOT / "opensearch" / "stop-cluster.sh"


def _free_base() -> int:
    """A port p with p, p+1 (HTTP) and p+100, p+101 (transport) all free on loopback."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base > 60000:
            continue
        ports = (base, base + 1, base + 100, base + 101)
        try:
            for port in ports:
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
        except OSError:
            continue
        return base
    raise RuntimeError("no free loopback ports for the OpenSearch nodes")


@pytest.fixture(scope="session")
def opensearch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a running two-node cluster."""
    given = os.environ.get("OPENSEARCH_URL")
    if given:
        yield given.rstrip("/")
        return
    if not (shutil.which("java") and shutil.which("mvn")):
        message = "Java 17 and Maven are needed to start the OpenSearch test cluster (README: OpenSearch (optional))"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    home = tmp_path_factory.mktemp("opensearch")
    env = {**os.environ, "OPENSEARCH_HOME": str(home), "OPENSEARCH_PORT": str(_free_base()),
           "OPENSEARCH_HEAP": os.environ.get("OPENSEARCH_HEAP", "768m")}
    started = subprocess.run(["bash", str(START)], env=env, capture_output=True, text=True, timeout=600)
    if started.returncode != 0:
        subprocess.run(["bash", str(STOP)], env=env, capture_output=True, timeout=120)
        pytest.fail(f"the OpenSearch cluster did not start:\n{started.stderr[-3000:]}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(STOP)], env=env, capture_output=True, timeout=120)


@pytest.fixture()
def opensearch_location(opensearch_url: str) -> Iterator[str]:
    """A fresh collection (alias) on the cluster for one test; its indices are removed after."""
    from opensearchpy import OpenSearch

    alias = f"test-{uuid.uuid4().hex[:12]}"
    yield f"{opensearch_url}/{alias}"
    OpenSearch(hosts=[opensearch_url]).indices.delete(index=f"{alias}*", ignore=[404])
