"""A hardened cluster: no index created behind the build's back, and a swap that never serves a
collection without its copies.

`action.auto_create_index=false` (as many offices set it): the build, an
update and a second writer still work, because every index they use is created
explicitly. Replicas that cannot be placed in time: the build stops with a
message and the live collection stays as it was. Both change or load the whole
cluster, so they run only on a cluster that is ours (conftest_opensearch.nodes()).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from opensearchpy import NotFoundError

from indexer import pipeline
from indexer.engine import IndexLocked, Unavailable, open_engine, open_writer
from tests.ci import missing
from tests.engine import conftest_opensearch as cluster


@pytest.fixture()
def location(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if cluster.cluster()[0] is None or cluster.nodes() is None:
        why = cluster.available() or "the cluster is not ours to change (OPENSEARCH_KILLABLE=1 and OPENSEARCH_HOME)"
        missing(why)
    monkeypatch.setenv("INDEX_ENGINE", "opensearch")
    alias = f"test-hard-{uuid.uuid4().hex[:8]}"
    yield f"{cluster.cluster()[0]}/{alias}"
    cluster.client().indices.delete(index=f"{alias}*", ignore=[404])


@pytest.fixture()
def no_auto_create() -> Iterator[None]:
    client = cluster.client()
    client.cluster.put_settings(body={"persistent": {"action.auto_create_index": "false"}})
    try:
        yield
    finally:
        client.cluster.put_settings(body={"persistent": {"action.auto_create_index": None}})


def test_build_update_and_lock_work_when_the_cluster_creates_no_index_by_itself(
        location: str, corpus_copy: Path, no_auto_create: None) -> None:
    with pytest.raises(NotFoundError):  # the setting holds: writing to a missing index is refused
        cluster.client().index(index=f"{location.rsplit('/', 1)[1]}-probe", body={"a": 1})
    report = pipeline.build(corpus_copy, location)  # type: ignore[arg-type]
    assert report.records > 0 and not report.errors
    # a new document (a copy of a held one would join its entry: one document, one entry)
    (corpus_copy / "moi.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: 731/UBND-NC\nBắc Kạn, ngày 3 tháng 5 năm 2022\n"
        "V/v kiểm tra phòng cháy chữa cháy tại chợ\nKính gửi: Công an tỉnh\n"
        "Đề nghị kiểm tra phòng cháy chữa cháy tại các chợ trên địa bàn trước mùa khô.\n", encoding="utf-8")
    pipeline.update(corpus_copy, location)  # type: ignore[arg-type]
    assert open_engine(location).count() == report.records + 1
    with open_writer(location), pytest.raises(IndexLocked):
        open_writer(location, wait=0.2)


def test_replicas_not_placed_in_time_stop_the_swap_with_a_message(location: str, corpus_copy: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline.build(corpus_copy, location)  # type: ignore[arg-type]
    live = open_engine(location)
    before, count = live.generation, live.count()
    (corpus_copy / sorted(p.name for p in corpus_copy.iterdir())[0]).unlink()
    monkeypatch.setenv("OPENSEARCH_REPLICAS", "3")  # four copies of each shard on three nodes: never green
    monkeypatch.setenv("OPENSEARCH_GREEN_SECONDS", "2")
    with pytest.raises(Unavailable, match="chưa đủ 3 bản sao sau 2 giây.*chỉ mục đang dùng giữ nguyên"):
        pipeline.build(corpus_copy, location)  # type: ignore[arg-type]
    after = open_engine(location)
    assert (after.generation, after.count()) == (before, count)
    alias = location.rsplit("/", 1)[1]
    left = set(cluster.client().indices.get(index=f"{alias}-*"))
    assert left == {before.rsplit(":", 1)[0], f"{before.rsplit(':', 1)[0]}-sources", f"{alias}-lock"}
