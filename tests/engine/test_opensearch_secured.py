"""A secured cluster (https with the office's own CA, a password or an API key): what an admin sees.

The cluster is behind tests/engine/opensearch_proxy.py (TLS + basic auth, as
the security plugin answers). A wrong password is a clear message, the right
one (from a file) builds and serves; a certificate from an unknown CA is
refused unless verification is explicitly turned off; every action the build,
an update and the service send is covered by the documented roles
(opensearch/roles.json), and the service's reads never wait for the cluster
manager.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest

from indexer import pipeline
from indexer.engine import Unavailable, open_engine
from indexer.engine.opensearch.connection import host_urls, parse_location
from search_app import create_app
from tests.ci import missing
from tests.engine import conftest_opensearch as cluster
from tests.engine.opensearch_proxy import Proxy, Request

ROOT = Path(__file__).resolve().parents[2]
ROLES = json.loads((ROOT / "opensearch" / "roles.json").read_text(encoding="utf-8"))
ENV = ("OPENSEARCH_USER", "OPENSEARCH_PASSWORD", "OPENSEARCH_PASSWORD_FILE", "OPENSEARCH_API_KEY",
       "OPENSEARCH_API_KEY_FILE", "OPENSEARCH_CA_FILE", "OPENSEARCH_VERIFY_CERTS")


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    url, why_not = cluster.cluster()
    if url is None:
        missing(str(why_not))
    front = Proxy(host_urls(parse_location(url)[0])[0], tmp_path_factory.mktemp("tls"))
    yield front
    front.close()


@pytest.fixture()
def secured(proxy: Proxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new collection on the secured cluster, with the right password (in a file) and the CA."""
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    password = tmp_path / "password"
    password.write_text(proxy.password + "\n", encoding="utf-8")
    monkeypatch.setenv("OPENSEARCH_USER", proxy.user)
    monkeypatch.setenv("OPENSEARCH_PASSWORD_FILE", str(password))
    monkeypatch.setenv("OPENSEARCH_CA_FILE", str(proxy.ca))
    alias = f"test-tls-{uuid.uuid4().hex[:8]}"
    yield f"{proxy.url}/{alias}"
    cluster.client().indices.delete(index=f"{alias}*", ignore=[404])


def _build(location: str, corpus: Path, monkeypatch: pytest.MonkeyPatch, update: bool = False) -> None:
    monkeypatch.setenv("INDEX_ENGINE", "opensearch")
    (pipeline.update if update else pipeline.build)(corpus, location)  # type: ignore[arg-type]
    monkeypatch.delenv("INDEX_ENGINE")


# -- what each request asks of the security plugin: REST call → (action, index or None) -------------

_REST = [  # (method, path pattern, action); {i} is the index part of the path
    ("GET", r"/_alias/(?P<i>[^/]+)", "indices:admin/aliases/get"),
    ("GET", r"/(?P<i>[^/_][^/]*)/_mapping", "indices:admin/mappings/get"),
    ("GET", r"/(?P<i>[^/_][^/]*)/_settings", "indices:monitor/settings/get"),
    ("PUT", r"/(?P<i>[^/_][^/]*)/_settings", "indices:admin/settings/update"),
    ("PUT", r"/(?P<i>[^/_][^/]*)/_mapping", "indices:admin/mapping/put"),
    ("POST", r"/(?P<i>[^/_][^/]*)/_refresh", "indices:admin/refresh"),
    ("PUT", r"/(?P<i>[^/_][^/]*)", "indices:admin/create"),
    ("HEAD", r"/(?P<i>[^/_][^/]*)", "indices:admin/get"),
    ("DELETE", r"/(?P<i>[^/_][^/]*)", "indices:admin/delete"),
    ("GET", r"/_cluster/health/(?P<i>[^/]+)", "cluster:monitor/health"),
    ("PUT", r"/(?P<i>[^/_][^/]*)/_create/[^/]+", "indices:data/write/index"),
    ("DELETE", r"/(?P<i>[^/_][^/]*)/_doc/[^/]+", "indices:data/write/delete"),
    ("GET", r"/(?P<i>[^/_][^/]*)/_doc/[^/]+", "indices:data/read/get"),
    ("(GET|POST)", r"/(?P<i>[^/_][^/]*)/_(search|count)", "indices:data/read/search"),
    ("POST", r"/_search/scroll", "indices:data/read/scroll"),
    ("DELETE", r"/_search/scroll", "indices:data/read/scroll/clear"),
]


def actions(request: Request) -> list[tuple[str, str | None]]:
    """The (action, index) pairs the security plugin would check for this request (None: a cluster action)."""
    if request.method == "POST" and request.path == "/_bulk":
        found: list[tuple[str, str | None]] = [("indices:data/write/bulk", None)]
        for line in request.body.decode().splitlines():
            item = json.loads(line) if line.strip() else {}
            if len(item) == 1 and (op := next(iter(item))) in ("index", "delete") and "_index" in item[op]:
                name = "indices:data/write/index" if op == "index" else "indices:data/write/delete"
                found += [(name, item[op]["_index"]), ("indices:data/write/bulk[s]", item[op]["_index"])]
        return found
    if request.method == "POST" and request.path == "/_aliases":
        changes = json.loads(request.body)["actions"]
        return [("indices:admin/aliases", name) for change in changes for body in change.values()
                for name in (body["index"], body["alias"])]
    path = re.sub(r"%2C", ",", request.path, flags=re.IGNORECASE)
    for method, pattern, action in _REST:
        found_path = re.fullmatch(pattern, path)
        if re.fullmatch(method, request.method) and found_path:
            indices = found_path.groupdict().get("i")
            return [(action, None)] if indices is None else [(action, name) for name in indices.split(",")]
    raise AssertionError(f"a request the privileges map does not know: {request.method} {request.path}")


def uncovered(role: dict[str, Any], alias: str, requests: list[Request]) -> set[tuple[str, str | None]]:
    """The (action, index) pairs of `requests` the role does not allow."""
    missing = set()
    for request in requests:
        for action, index in actions(request):
            if index is None:
                allowed = action in role["cluster_permissions"]
            else:
                allowed = any(action in grant["allowed_actions"] and any(
                    fnmatchcase(index, pattern.replace("congvan", alias)) for pattern in grant["index_patterns"])
                    for grant in role["index_permissions"])
            if not allowed:
                missing.add((action, index))
    return missing


# -- the tests ------------------------------------------------------------------------------------

def test_the_right_password_from_a_file_builds_and_serves_within_the_documented_roles(
        secured: str, proxy: Proxy, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alias = parse_location(secured)[1]
    proxy.requests.clear()
    _build(secured, corpus_copy, monkeypatch)
    first = sorted(corpus_copy.iterdir())[0]
    shutil.copy(first, corpus_copy / "ban-sao-moi.txt")  # one added (indexed), one removed (deleted)
    first.unlink()
    _build(secured, corpus_copy, monkeypatch, update=True)
    build_requests, proxy.requests[:] = list(proxy.requests), []
    assert {(r.method, r.path) for r in build_requests} >= {("POST", "/_bulk"), ("POST", "/_aliases")}

    app = create_app({"INDEX_DIR": secured, "ENGINE": "opensearch", "CORPUS_DIR": str(corpus_copy),
                      "TESTING": True}).test_client()
    answer = app.get("/api/search", query_string={"q": "covid"})
    assert answer.status_code == 200 and answer.get_json()["total"] > 0
    doc_id = answer.get_json()["hits"][0]["id"]
    for url in ("/", "/?q=ph%C3%B2ng+ch%E1%BB%91ng+d%E1%BB%8Bch", f"/doc/{doc_id}", "/api/facets/issuer",
                "/healthz", "/?q=cahc+ly"):
        assert app.get(url).status_code == 200, url
    service_requests = list(proxy.requests)
    monkeypatch.setattr("indexer.engine.opensearch.engine.GENERATION_SECONDS", 60.0)  # however slow the machine
    proxy.requests.clear()
    for i in range(20):
        assert app.get("/api/search", query_string={"q": f"covid {i}"}).status_code == 200
    searches, proxy.requests[:] = list(proxy.requests), []
    service_requests += searches

    assert not uncovered(ROLES["congvan_build"], alias, build_requests)
    assert not uncovered(ROLES["congvan_search"], alias, service_requests)
    # The service's metadata reads are answered by the node it asks, never forwarded to the cluster
    # manager (`local`), and the alias is read once in GENERATION_SECONDS, not once a request.
    metadata = [r for r in service_requests if re.search(r"/_(alias|mapping|settings)", r.path)]
    assert metadata and all("local=true" in r.query for r in metadata)
    assert len([r for r in searches if re.search(r"/_(alias|mapping|settings)", r.path)]) <= 1
    assert len([r for r in searches if r.path.endswith("/_search")]) >= 20


def test_a_wrong_password_is_a_clear_message_not_a_trace(secured: str, proxy: Proxy, corpus_copy: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _build(secured, corpus_copy, monkeypatch)
    monkeypatch.delenv("OPENSEARCH_PASSWORD_FILE")
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "sai-mật-khẩu")
    done = subprocess.run([sys.executable, "-m", "indexer", "export", "--engine", "opensearch",
                           "--opensearch-url", secured], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode != 0 and not done.stdout
    assert "từ chối đăng nhập (401)" in done.stderr and "OPENSEARCH_PASSWORD" in done.stderr
    assert "Traceback" not in done.stderr
    app = create_app({"INDEX_DIR": secured, "ENGINE": "opensearch", "TESTING": True}).test_client()
    answer = app.get("/api/search", query_string={"q": "covid"})
    assert answer.status_code == 503 and "thử lại" in answer.get_json()["error"]
    assert app.get("/healthz").status_code == 503


def test_an_api_key_works_in_place_of_a_password(secured: str, proxy: Proxy, corpus_copy: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _build(secured, corpus_copy, monkeypatch)
    count = open_engine(secured, "opensearch").count()
    for name in ("OPENSEARCH_USER", "OPENSEARCH_PASSWORD_FILE"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("OPENSEARCH_API_KEY", proxy.api_key)
    assert open_engine(secured, "opensearch").count() == count > 0


def test_an_unknown_certificate_is_refused_unless_verification_is_turned_off(
        secured: str, proxy: Proxy, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(secured, corpus_copy, monkeypatch)
    count = open_engine(secured, "opensearch").count()
    monkeypatch.delenv("OPENSEARCH_CA_FILE")
    with pytest.raises(Unavailable, match="chứng chỉ"):
        open_engine(secured, "opensearch")
    monkeypatch.setenv("OPENSEARCH_VERIFY_CERTS", "no")  # anything but exactly "false" keeps it on
    with pytest.raises(Unavailable, match="chứng chỉ"):
        open_engine(secured, "opensearch")
    monkeypatch.setenv("OPENSEARCH_VERIFY_CERTS", "false")
    assert open_engine(secured, "opensearch").count() == count


def test_a_password_in_the_url_is_refused_and_never_needed(secured: str, proxy: Proxy) -> None:
    with_password = secured.replace("https://", f"https://{proxy.user}:secret@")
    with pytest.raises(Unavailable, match="OPENSEARCH_PASSWORD"):
        open_engine(with_password, "opensearch")
