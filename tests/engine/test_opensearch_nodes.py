"""Nodes of the three-node cluster lost while the service answers: what a user of the search sees.

One node killed (SIGKILL: a machine lost) during 200 distinct searches of the
bundled corpus (two primary shards, a replica each), once for each node (so
once the elected cluster manager, once a holder of a primary): every answer
200 with Whoosh's total for the same query. Every
node killed: every page and API request answers 503 with the Vietnamese
message within a second, a kept answer included, and /healthz 503 JSON; the
service answers again by itself once the nodes are back.

Only on a cluster this session started, or one .ci/run marked killable
(conftest_opensearch.nodes()); never on a shared cluster.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from indexer import pipeline
from indexer.engine import open_engine
from search_app import create_app
from tests.ci import missing
from tests.engine import conftest_opensearch as cluster

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
QUERIES = 200
KILL_AFTER = 40


@pytest.fixture(scope="module")
def killable() -> tuple[Path, dict[str, str]]:
    found = cluster.nodes() if cluster.cluster()[0] else None
    if found is None:
        why = cluster.available() or "the cluster is not ours to kill nodes of (OPENSEARCH_KILLABLE=1 and OPENSEARCH_HOME)"
        missing(why)
    return found


@pytest.fixture(scope="module")
def served(killable: tuple[Path, dict[str, str]], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """(the app on the cluster, the app on Whoosh, 200 distinct queries, the alias): the bundled
    corpus built into both engines by the same pipeline, on the cluster in two primary shards
    with a replica each (so the three nodes all hold a part)."""
    work = tmp_path_factory.mktemp("nodes")
    corpus = CORPUS
    pipeline.build(corpus, work / "index")
    alias = f"test-nodes-{uuid.uuid4().hex[:8]}"
    location = f"{cluster.cluster()[0]}/{alias}"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("INDEX_ENGINE", "opensearch")
        env.setenv("OPENSEARCH_SHARDS", "2")
        pipeline.build(corpus, location)  # type: ignore[arg-type]
    on_cluster = create_app({"INDEX_DIR": location, "ENGINE": "opensearch", "CORPUS_DIR": str(corpus),
                             "TESTING": True}).test_client()
    on_whoosh = create_app({"INDEX_DIR": str(work / "index"), "ENGINE": "whoosh", "CORPUS_DIR": str(corpus),
                            "TESTING": True}).test_client()
    yield on_cluster, on_whoosh, _queries(work / "index"), alias
    cluster.client().indices.delete(index=f"{alias}*", ignore=[404])


def _queries(index: Path) -> list[str]:
    """Document numbers, then word pairs and words of the texts, commonest first: 200 distinct searches."""
    records = list(open_engine(index, "whoosh").records())
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for record in records:
        text = [w for w in f"{record.get('subject') or ''} {record.get('text') or ''}".lower().split() if w.isalpha()]
        words.update(set(text))
        pairs.update({f"{a} {b}" for a, b in zip(text, text[1:], strict=False)})
    numbers = sorted({r["number"] for r in records if r.get("number")})
    ordered = numbers + [p for p, _ in pairs.most_common(100)] + [w for w, _ in words.most_common()]
    queries = list(dict.fromkeys(ordered))[:QUERIES]
    assert len(queries) == QUERIES
    return queries


def _total(client: Any, q: str) -> tuple[int, int | None]:
    answer = client.get("/api/search", query_string={"q": q})
    return answer.status_code, (answer.get_json() or {}).get("total")


@pytest.mark.parametrize("node", ["node-1", "node-2", "node-3"])
def test_a_node_killed_during_200_searches_loses_no_answer(served: Any, killable: Any, node: str) -> None:
    on_cluster, on_whoosh, queries, alias = served
    home, env = killable
    roles = {"cluster manager": cluster.client().cat.cluster_manager(format="json")[0]["node"],
             "primaries": {s["node"] for s in cluster.client().cat.shards(index=alias, format="json")
                           if s["prirep"] == "p"}}
    wrong = []
    try:
        for i, q in enumerate(queries):
            if i == KILL_AFTER:
                cluster.kill(home, [node])
            status, total = _total(on_cluster, q)
            expected = _total(on_whoosh, q)
            if (status, total) != expected:
                wrong.append((q, status, total, expected))
    finally:
        cluster.restart(env, alias)
    assert not wrong, f"{node} killed ({roles}): {len(wrong)} of {QUERIES} answers differ: {wrong[:5]}"


def _unavailable(client: Any, url: str) -> Any:
    started = time.monotonic()
    answer = client.get(url)
    elapsed = time.monotonic() - started
    body = answer.get_data(as_text=True)
    assert answer.status_code == 503, (url, answer.status_code, body[:300])
    assert elapsed < 1.0, (url, elapsed)
    assert "Traceback" not in body and "opensearchpy" not in body and "ConnectionError" not in body, url
    return answer


def test_every_node_killed_every_request_is_503_within_a_second_then_the_service_resumes(
        served: Any, killable: Any) -> None:
    on_cluster, on_whoosh, queries, alias = served
    home, env = killable
    kept_q = queries[5]
    assert _total(on_cluster, kept_q) == _total(on_whoosh, kept_q)  # asked once: kept by the app
    doc_id = on_whoosh.get("/api/search", query_string={"q": kept_q}).get_json()["hits"][0]["id"]
    assert on_cluster.get(f"/doc/{doc_id}").status_code == 200
    try:
        cluster.kill(home, sorted(p.stem for p in home.glob("node-*.pid")))
        time.sleep(1.1)  # the alias is trusted for a second (OPENSEARCH_GENERATION_SECONDS)
        for url in (f"/api/search?q={kept_q}", "/api/search?q=never+asked+before", f"/api/documents/{doc_id}",
                    "/api/facets/issuer", "/healthz"):
            answer = _unavailable(on_cluster, url)
            assert answer.is_json, url
            assert url == "/healthz" or "thử lại" in answer.get_json()["error"], url
        assert _unavailable(on_cluster, "/healthz").get_json()["status"] == "unavailable"
        for url in (f"/?q={kept_q}", "/?q=chua+hoi+bao+gio", f"/doc/{doc_id}", "/", f"/feed?q={kept_q}"):
            answer = _unavailable(on_cluster, url)
            assert answer.mimetype == "text/html", url
            assert "Vui lòng thử lại" in answer.get_data(as_text=True), url
    finally:
        cluster.restart(env, alias)
    deadline = time.monotonic() + 30
    while _total(on_cluster, kept_q)[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _total(on_cluster, kept_q) == _total(on_whoosh, kept_q)
    assert on_cluster.get("/healthz").status_code == 200
