"""The measured steps, each run in a process of its own by bench.run:

    python -m bench.tasks TASK JSON-ARGS

prints one JSON line (the figures) last on stdout. A process per step keeps
memory figures honest: bench.run samples the step's process tree while it runs.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench import queries as qset


def _status_mb(field: str) -> float:
    """A size line of /proc/self/status, in MB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    """This process's peak resident size (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    return _status_mb("VmHWM")


def _rss_mb() -> float:
    return _status_mb("VmRSS")


def ours_build(corpus: str, index: str) -> dict[str, Any]:
    from indexer import pipeline

    shutil.rmtree(index, ignore_errors=True)
    started = time.perf_counter()
    report = pipeline.build(Path(corpus), Path(index))
    return {"seconds": time.perf_counter() - started, "files": report.documents, "records": report.records,
            "errors": len(report.errors)}


def export(index: str, out: str) -> dict[str, Any]:
    """The records of our index as the peers' input (JSON Lines)."""
    from indexer import pipeline

    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for rec in pipeline.export_records(Path(index)):
            doc = {k: rec.get(k) for k in ("id", "number", "issuer", "doc_type", "date", "subject", "text",
                                           "topics", "recipients", "signer")}
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    return {"records": n}


def _timed(run, items: list[dict]) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        run(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def ours_query(index: str, queries: str, warmup: str) -> dict[str, Any]:
    from werkzeug.datastructures import MultiDict

    from search_app.answer.index_holder import SharedIndex
    from search_app.answer.service import search
    from search_app.query.params import parse_request

    shared = SharedIndex(Path(index))
    started = time.perf_counter()
    engine = shared.engine()
    open_ms = (time.perf_counter() - started) * 1000
    engine.warm()  # the steady state: the engine's read-ahead of frequent terms done
    warm_s = time.perf_counter() - started
    totals: list[int] = []

    def run(query: dict) -> None:
        answer = search(shared.engine(), parse_request(MultiDict(qset.params(query))), keep=shared.kept)  # as the app
        totals.append(answer["total"])

    _timed(run, json.loads(Path(warmup).read_text()))
    totals.clear()
    items = json.loads(Path(queries).read_text())
    times = _timed(run, items)
    return {"ms": times, "totals": totals, "open_ms": open_ms, "warm_s": warm_s, "rss_mb": _rss_mb(),
            "maxrss_mb": _peak_mb()}


def ours_add(corpus: str, index: str, sample: str) -> dict[str, Any]:
    """One new document into the full index; time until a search sees it.

    Twice: `pipeline.update(only=[name])` (the file named, as an intake would)
    and `pipeline.update()` over the whole corpus folder (scan, stat, hash the
    changed). Each time the document is removed again afterwards.
    """
    from indexer import pipeline
    from indexer.corpus import record_id
    from indexer.words.segment import preload
    from search_app.answer.index_holder import SharedIndex

    preload()  # a running indexer service has its model loaded
    shared = SharedIndex(Path(index))
    shared.engine().warm()  # a server that has been running: its read-ahead is done
    text = Path(sample).read_text(encoding="utf-8")
    out: dict[str, Any] = {}
    for mode in ("named", "scan"):
        name = f"zz_bench_added_{mode}_{int(time.time())}.txt"
        path = Path(corpus) / name
        path.write_text(text.replace("Số:", "Số: 9", 1), encoding="utf-8")
        only = [name] if mode == "named" else None
        try:
            started = time.perf_counter()
            report = pipeline.update(Path(corpus), Path(index), only=only)
            update_s = time.perf_counter() - started
            found = shared.engine().record(record_id(name)) is not None
            visible_s = time.perf_counter() - started
        finally:
            path.unlink()
        pipeline.update(Path(corpus), Path(index), only=only)  # and out again
        out[mode] = {"update_s": update_s, "visible_s": visible_s, "visible": found, "added": report.added}
    # the figures of the named add, the headline one
    return {**out["named"], "scan": out["scan"]}


def peer_run(name: str, records: str, queries: str, warmup: str, path: str) -> dict[str, Any]:
    from bench.peers import SqlitePeer, TantivyPeer

    target = Path(path)
    shutil.rmtree(target, ignore_errors=True)
    if name == "fts5":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        peer: Any = SqlitePeer(target)
    else:
        peer = TantivyPeer(target)

    def docs():
        with open(records, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)

    started = time.perf_counter()
    peer.build(docs())
    seconds = time.perf_counter() - started
    totals: list[int] = []

    def run(query: dict) -> None:
        total, _, _ = peer.search(query["q"], qset.peer_filters(query), 10)
        totals.append(total)

    _timed(run, json.loads(Path(warmup).read_text()))
    totals.clear()
    times = _timed(run, json.loads(Path(queries).read_text()))
    return {"seconds": seconds, "ms": times, "totals": totals}


TASKS = {"ours_build": ours_build, "export": export, "ours_query": ours_query, "ours_add": ours_add,
         "peer": peer_run}

if __name__ == "__main__":
    result = TASKS[sys.argv[1]](**json.loads(sys.argv[2]))
    result["self_maxrss_mb"] = _peak_mb()
    print(json.dumps(result))
