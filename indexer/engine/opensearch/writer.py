"""The Writer interface over OpenSearch: aside-then-swap builds, buffered updates, one writer at a time.

A full build (`fresh`) bulk-loads a new physical index with no replica and no
refresh (the fastest way in), then at commit gives it its replica, refreshes,
waits for its shards and moves the alias in one atomic request; the old index
is deleted after. A failed or cancelled build deletes only the new index: the
alias never moved. An update collects its adds and deletes and sends them at
commit as bulk requests with refresh, so nothing is seen before commit and a
cancel drops them. A lock document (create-only) keeps a second writer out.

Every index is created explicitly (the new index, its `-sources`, the
`<alias>-lock`), so a cluster with `action.auto_create_index=false` builds
too; docs/ENGINE.md lists the privileges this needs as an OpenSearch role.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from opensearchpy import ConflictError, NotFoundError, OpenSearch, RequestError, helpers

from indexer.engine.base import CommitOnExit, IndexLocked, NoIndex, Unavailable
from indexer.engine.opensearch.connection import (
    client_for,
    commits,
    note_commit,
    physical_index,
    read_sources,
    sources_index,
)
from indexer.engine.opensearch.failures import guarded
from indexer.engine.opensearch.mapping import MAPPINGS, SETTINGS, SOURCES_MAPPINGS, to_source
from indexer.record import Record

CHUNK = 500  # documents per bulk request
LOCK_ID = "writer"


def _setting(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def shards() -> int:
    """One shard holds tens of GB (OpenSearch's own sizing advice) and keeps every term statistic
    whole; a national collection sets more (OPENSEARCH_SHARDS, docs/SCALE.md)."""
    return _setting("OPENSEARCH_SHARDS", 1)


def replicas() -> int:
    """Copies of each shard on other nodes (OPENSEARCH_REPLICAS, default 1)."""
    return _setting("OPENSEARCH_REPLICAS", 1)


def create_if_missing(client: OpenSearch, name: str, body: dict[str, Any]) -> None:
    """Create `name` unless it exists (a second writer may create it at the same moment). The 400
    is asked for (`ignore`), not raised, so the client does not log it as a failure on every build."""
    answer = client.indices.create(index=name, body=body, ignore=[400])
    error = answer.get("error") if isinstance(answer, dict) else None
    if error and (error.get("type") if isinstance(error, dict) else error) != "resource_already_exists_exception":
        raise RequestError(400, str(error), answer)


def _actions(index: str, records: Iterable[Record]) -> Iterator[dict[str, Any]]:
    for record in records:
        yield {"_op_type": "index", "_index": index, "_id": record.id, "_source": to_source(record)}


def _send(client: OpenSearch, actions: Iterable[dict[str, Any]]) -> None:
    """Bulk in chunks; a failed document fails the whole write (raised, never skipped)."""
    for ok, item in helpers.streaming_bulk(client, actions, chunk_size=CHUNK, raise_on_error=False,
                                           max_retries=3):
        if not ok:
            op = next(iter(item.values()))
            if op.get("status") == 404 and "delete" in item:  # deleting what is not there
                continue
            raise RuntimeError(f"OpenSearch refused document {op.get('_id')}: {op.get('error')}")


def create_index(client: OpenSearch, name: str, replicas: int, refresh: str = "-1") -> None:
    settings = {**SETTINGS, "number_of_shards": shards(), "number_of_replicas": replicas,
                "refresh_interval": refresh}
    client.indices.create(index=name, body={"settings": settings, "mappings": MAPPINGS})


def _map_new_fields(client: OpenSearch, index: str) -> None:
    """Fields of MAPPINGS an index built before them lacks (its mapping is strict: their documents
    would be refused); its older documents simply have none."""
    present = client.indices.get_mapping(index=index)[index]["mappings"].get("properties", {})
    missing = {name: spec for name, spec in MAPPINGS["properties"].items() if name not in present}
    if missing:
        client.indices.put_mapping(index=index, body={"properties": missing})


class _Lock:
    """One writer per alias: a create-only document naming its holder; a dead holder's lock is taken over.

    Not filelock (the Whoosh engine's lock): writers of one cluster may run on different machines,
    so the lock lives in the cluster, where a create of an existing id fails atomically.
    """

    def __init__(self, client: OpenSearch, alias: str) -> None:
        self.client, self.index = client, f"{alias}-lock"
        self.holder = {"host": socket.gethostname(), "pid": os.getpid(), "since": time.time()}

    def _stale(self) -> bool:
        try:
            held = self.client.get(index=self.index, id=LOCK_ID)["_source"]
        except NotFoundError:
            return True
        if held.get("host") != self.holder["host"]:
            return False
        try:
            os.kill(int(held["pid"]), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def acquire(self, wait: float) -> None:
        create_if_missing(self.client, self.index, {
            "settings": {"number_of_shards": 1, "number_of_replicas": replicas()},
            "mappings": {"dynamic": False, "properties": {}}})
        deadline = time.monotonic() + wait
        while True:
            try:
                self.client.create(index=self.index, id=LOCK_ID, body=self.holder, refresh=True)
                return
            except ConflictError:
                if self._stale():
                    self.client.delete(index=self.index, id=LOCK_ID, refresh=True, ignore=[404])
                    continue
                if time.monotonic() >= deadline:
                    raise IndexLocked("Chỉ mục đang được một tiến trình khác cập nhật; hãy thử lại sau.") from None
                time.sleep(0.2)

    def release(self) -> None:
        self.client.delete(index=self.index, id=LOCK_ID, refresh=True, ignore=[404])


class _Batches:
    """Actions gathered into bulk requests of CHUNK documents: the pipeline adds one file's
    records at a time, and one HTTP request per file would cost more than its indexing."""

    def __init__(self, client: Callable[[], OpenSearch]) -> None:
        self.client = client
        self.actions: list[dict[str, Any]] = []

    def extend(self, actions: Iterable[dict[str, Any]]) -> None:
        """Sent every CHUNK actions as they come: a build worker adds its whole share as one
        generator, and gathering it first held 31,000 pháp điển entries in one worker (a
        MemoryError at its 640 MB bound, the first 62k build on three nodes)."""
        for action in actions:
            self.actions.append(action)
            if len(self.actions) >= CHUNK:
                self.flush()

    def flush(self) -> None:
        if self.actions:
            actions, self.actions = self.actions, []
            _send(self.client(), actions)


class _DirectPart:
    """A parallel build's worker share: it bulk-loads the new index itself (any process can)."""

    def __init__(self, url: str, index: str) -> None:
        self.url, self.index = url, index
        self._client: OpenSearch | None = None
        self._batches = _Batches(self._connection)

    def _connection(self) -> OpenSearch:
        if self._client is None:  # made in the worker, after the fork
            self._client = client_for(self.url)
        return self._client

    @guarded
    def add(self, records: Iterable[Record]) -> None:
        self._batches.extend(_actions(self.index, records))

    @guarded
    def finish(self) -> None:
        self._batches.flush()


class OpenSearchWriter(CommitOnExit):
    def __init__(self, client: OpenSearch, url: str, alias: str, fresh: bool, wait: float = 0.0) -> None:
        self.client, self.url, self.alias = client, url, alias
        self._lock = _Lock(client, alias)
        self._lock.acquire(wait)
        self._pending: list[dict[str, Any]] = []
        self._batches = _Batches(lambda: client)
        self._sources: Mapping[str, Mapping[str, Any]] | None = None
        self._done = False
        try:
            self.live: str | None = physical_index(client, alias)
        except NoIndex:
            self.live, fresh = None, True
        self.fresh = fresh
        if fresh:
            self.target = f"{alias}-{time.time_ns()}"
            create_index(client, self.target, replicas=0)
        else:
            assert self.live is not None
            self.target = self.live
            _map_new_fields(client, self.target)
        self.generation = self.target

    # -- changes ---------------------------------------------------------------------

    @guarded
    def add(self, records: Iterable[Record]) -> None:
        actions = _actions(self.target, records)
        if self.fresh:
            self._batches.extend(actions)
        else:
            self._pending.extend(actions)

    @guarded
    def delete(self, doc_ids: Iterable[str]) -> None:
        actions = ({"_op_type": "delete", "_index": self.target, "_id": i} for i in doc_ids)
        if self.fresh:
            self._batches.extend(actions)
        else:
            self._pending.extend(actions)

    @guarded
    def sources(self) -> dict[str, dict[str, Any]]:
        return read_sources(self.client, self.live) if self.live and not self.fresh else {}

    def set_sources(self, sources: Mapping[str, Mapping[str, Any]]) -> None:
        self._sources = sources

    def part(self) -> _DirectPart:
        return _DirectPart(self.url, self.target)

    def adopt(self, parts: Iterable[Any]) -> None:
        """Parts wrote to the new index themselves: nothing to take in."""

    # -- commit or cancel ------------------------------------------------------------

    def _write_sources(self) -> None:
        if self._sources is None:
            return
        index = sources_index(self.target)
        self.client.indices.delete(index=index, ignore=[404])
        self.client.indices.create(index=index, body={
            "settings": {"number_of_shards": 1, "number_of_replicas": replicas()}, "mappings": SOURCES_MAPPINGS})
        _send(self.client, ({"_op_type": "index", "_index": index, "_source": {"path": path, "data": dict(data)}}
                            for path, data in self._sources.items()))
        self.client.indices.refresh(index=index)

    @guarded
    def commit(self) -> None:
        if self._done:
            return
        try:
            self._batches.flush()
            if self._pending:
                _send(self.client, self._pending)
                self._pending = []
            self._write_sources()
            count = commits(self.client, self.target) + 1
            self.client.indices.put_mapping(index=self.target, body={"_meta": {"commits": count}})
            if self.fresh:
                self._swap()
            else:
                self.client.indices.refresh(index=self.target)
            note_commit(self.alias)
        except BaseException:
            self.cancel()
            raise
        self._finish()

    def _swap(self) -> None:
        copies = replicas()
        self.client.indices.put_settings(index=self.target, body={"index": {"number_of_replicas": copies}})
        self.client.indices.refresh(index=self.target)
        status = "green" if copies else "yellow"  # replicas on the other nodes: wait until they are copies
        seconds = _setting("OPENSEARCH_GREEN_SECONDS", 120)
        health = self.client.cluster.health(index=self.target, params={"wait_for_status": status,
                                                                       "timeout": f"{seconds}s"},
                                            request_timeout=seconds + 10, ignore=[408])  # 408: timed out
        if health.get("timed_out"):
            raise Unavailable(
                f"OpenSearch: chỉ mục mới chưa đủ {copies} bản sao sau {seconds} giây (trạng thái "
                f"{health.get('status')}, {health.get('unassigned_shards')} shard chưa có nút); không đổi "
                "sang chỉ mục mới, chỉ mục đang dùng giữ nguyên. Kiểm tra số nút, đĩa, hoặc "
                "OPENSEARCH_REPLICAS / OPENSEARCH_GREEN_SECONDS.")
        actions: list[dict[str, Any]] = [{"add": {"index": self.target, "alias": self.alias}}]
        if self.live:
            actions.insert(0, {"remove": {"index": self.live, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        if self.live:
            self.client.indices.delete(index=[self.live, sources_index(self.live)], ignore=[404],
                                       ignore_unavailable=True)

    @guarded
    def cancel(self) -> None:
        if self._done:
            return
        self._pending = []
        self._batches.actions = []
        if self.fresh:
            self.client.indices.delete(index=[self.target, sources_index(self.target)], ignore=[404],
                                       ignore_unavailable=True)
        self._finish()

    def _finish(self) -> None:
        self._done = True
        self._lock.release()

