"""Start-up and cold queries: the first 100 distinct queries after the port opens.

    python -m bench.coldstart [--count 10000] [--work DIR]

Builds (once, kept in --work) an index of the first COUNT pháp điển articles,
then for 1 and for 8 concurrent clients: starts `python -m search_app` (the
real server: gunicorn workers × threads), waits only until the port accepts
a connection, and sends 100 distinct queries never asked before (bench.queries
classes, with their facet filters; every answer carries all facets) over
HTTP, alternating page and API. Prints the latency percentiles per run:
no request should pay a warm-up (issue 10 target: p95 ≤ 25 ms at 1 client).
"""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click

from bench import queries as qset
from bench.run import free_port, percentiles, phapdien_corpus

ROOT = Path(__file__).resolve().parent.parent
QUERIES = 100


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def _prepare(work: Path, count: int) -> tuple[Path, Path, list[dict]]:
    corpus, index = work / "corpus", work / "index"
    if not index.exists():
        phapdien_corpus(corpus, count)
        subprocess.run([sys.executable, "-m", "indexer", "build", "--corpus", str(corpus), "--index", str(index)],
                       cwd=ROOT, check=True)
    queries_path = work / "cold-queries.json"
    if not queries_path.exists():
        exported = subprocess.run([sys.executable, "-m", "indexer", "export", "--index", str(index)], cwd=ROOT,
                                  check=True, capture_output=True, text=True).stdout
        records = [json.loads(line) for line in exported.splitlines()]
        items = qset.make_queries(records, per_class=40, seed=11)
        random.Random(3).shuffle(items)
        queries_path.write_text(json.dumps(items, ensure_ascii=False))
    return corpus, index, json.loads(queries_path.read_text())


def cold_run(index: Path, corpus: Path, urls: list[str], clients: int, workers: int) -> dict[str, float]:
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "search_app", "--index", str(index), "--corpus", str(corpus),
                               "--port", str(port), "--workers", str(workers)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not _port_open(port):
            if server.poll() is not None:
                raise click.ClickException("the server stopped")
            time.sleep(0.02)
        port_s = time.perf_counter() - started
        base = f"http://127.0.0.1:{port}"
        with ThreadPoolExecutor(clients) as pool:
            ms = list(pool.map(lambda u: _get(base + u), urls))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"port_open_s": round(port_s, 2), "first_ms": round(ms[0], 1), **percentiles(ms)}


@click.command()
@click.option("--count", default=10_000, show_default=True, help="Pháp điển articles.")
@click.option("--work", type=click.Path(path_type=Path), default=None, help="Keep corpus and index here.")
@click.option("--workers", default=2, show_default=True)
def main(count: int, work: Path | None, workers: int) -> None:
    work = work or Path(tempfile.gettempdir()) / f"coldstart-{count}"
    work.mkdir(parents=True, exist_ok=True)
    corpus, index, items = _prepare(work, count)
    distinct = list({qset.url(q, api=False): q for q in items}.values())
    for run, clients in enumerate((1, 8)):
        chosen = distinct[run * QUERIES:(run + 1) * QUERIES]  # never asked before, in any run
        urls = [qset.url(q, api=i % 2 == 0) for i, q in enumerate(chosen)]
        figures = cold_run(index, corpus, urls, clients, workers)
        click.echo(f"{count} articles, {clients} client(s), {len(urls)} cold queries: "
                   + ", ".join(f"{k} {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
