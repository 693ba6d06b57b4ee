"""The benchmark: ours against SQLite FTS5 and tantivy, at several sizes, and under load.

    python -m bench.run --sizes 1000,10000,100000 --phapdien

For each corpus (generated, seeded; and the Bộ pháp điển articles) it builds
our index, exports its records as the peers' input, builds both peers from
them, runs the same fixed query set on all three (first page + all facet
counts), adds one document to our full index, then serves our index with
gunicorn under wrk (32 connections). Each step runs in a process of its own
(bench.tasks) whose process tree is sampled for memory (PSS, so pages that
forked workers share count once). Figures of each corpus go to
bench/out/results-<corpus>.json; bench/RESULTS.md is rendered from every
such file found, plus bench/NOTES.md (what each change bought), so a
partial run still yields a report. `python -m bench.ablation` times the
query set with each query-path change undone in turn. Corpora and indexes live under
bench/out/ (git-ignored); the pháp điển articles are written as files to a
temporary folder outside the repository and deleted afterwards.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import click
import psutil

from bench import queries as qset
from bench.memory import Sampler
from bench.report import LOAD_PER_CLASS, LOAD_THREADS, render

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"
NOTES = HERE / "NOTES.md"


def step(task: str, **kwargs: Any) -> dict[str, Any]:
    """Run one bench.tasks step in its own process; its figures plus peak_mb and wall_s."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.tasks", task, json.dumps(kwargs)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    sampler = Sampler(proc.pid)
    out, _ = proc.communicate()
    peak = sampler.stop()
    if proc.returncode:
        raise click.ClickException(f"step {task} failed (exit {proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    # a step shorter than one sample: its own peak resident size instead
    result.update(peak_mb=max(peak, result.get("self_maxrss_mb", 0.0)), wall_s=time.perf_counter() - started,
                  load_avg=os.getloadavg()[0])
    return result


def du_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def log(msg: str) -> None:
    click.echo(f"[{time.strftime('%H:%M:%S')}] {msg}", err=True)


# -- corpora -----------------------------------------------------------------------


def generated_corpus(size: int) -> Path:
    from bench.generate import generate

    folder = OUT / f"corpus-{size}"
    if not folder.is_dir() or sum(1 for _ in folder.glob("*.txt")) != size:
        shutil.rmtree(folder, ignore_errors=True)
        log(f"generating {size} documents into {folder}")
        generate(folder, size, seed=42)
    return folder


def phapdien_corpus(folder: Path, limit: int | None) -> Path:
    from bench.phapdien import iter_phapdien

    folder.mkdir(parents=True, exist_ok=True)
    log(f"writing pháp điển articles to {folder} (temporary, outside the repository)")
    for name, text in iter_phapdien(limit=limit):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# -- one corpus --------------------------------------------------------------------


def percentiles(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    s = sorted(ms)

    def pct(p: float) -> float:
        return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]

    return {"p50": pct(50), "p95": pct(95), "p99": pct(99), "max": s[-1], "mean": sum(s) / len(s)}


def by_class(items: list[dict], ms: list[float]) -> dict[str, dict[str, float]]:
    out = {}
    for cls in qset.CLASSES:
        times = [t for q, t in zip(items, ms, strict=True) if q["cls"] == cls]
        if times:
            out[cls] = percentiles(times)
    return out


STEPS = ("build", "queries", "peers", "add", "load")


def bench_corpus(label: str, corpus: Path, load_seconds: int, clients: int, per_class: int,
                 steps: tuple[str, ...] = STEPS) -> dict[str, Any]:
    """Every step on one corpus; without "build", the other steps rerun on the last build's index."""
    work = OUT / f"work-{label}"
    work.mkdir(parents=True, exist_ok=True)
    index = work / "index"
    records_path = work / "records.jsonl"
    saved = OUT / f"results-{label}.json"
    if "build" in steps or not saved.exists():
        result: dict[str, Any] = {"corpus": label, "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
        log(f"{label}: our build")
        build = step("ours_build", corpus=str(corpus), index=str(index))
        build["size_mb"] = du_mb(index)
        build["docs_per_s"] = build["files"] / build["seconds"]
        result["ours_build"] = build
        save(label, result)
        log(f"{label}: {build['files']} files in {build['seconds']:.0f} s ({build['docs_per_s']:.1f}/s)")
        step("export", index=str(index), out=str(records_path))
        records = [json.loads(line) for line in records_path.open(encoding="utf-8")]
        items = qset.make_queries(records, per_class=per_class)
        warm = qset.make_queries(records, per_class=2, seed=99)
        del records
        (work / "queries.json").write_text(json.dumps(items, ensure_ascii=False))
        (work / "warmup.json").write_text(json.dumps(warm, ensure_ascii=False))
    else:
        result = json.loads(saved.read_text())
        build = result["ours_build"]
        items = json.loads((work / "queries.json").read_text())
        result.pop("finished", None)
        result["rerun"] = f"{', '.join(steps)} rerun {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"

    if "queries" in steps:
        _our_queries(label, result, index, work, items)
    if "peers" in steps:
        _peers(label, result, work, records_path, items, build)
    if "add" in steps:
        log(f"{label}: one-document add")
        sample = next(iter(sorted(corpus.glob("*.txt"))))
        result["ours_add"] = step("ours_add", corpus=str(corpus), index=str(index), sample=str(sample))
        save(label, result)
    if load_seconds and "load" in steps:
        log(f"{label}: load test ({clients} clients, {load_seconds} s)")
        settle = (result.get("ours_query") or {}).get("warm_s") or 0.0
        result["load"] = load_test(index, corpus, items, load_seconds, clients, work, settle=min(settle, 60.0))
        save(label, result)
        log(f"{label}: load test without repeats ({clients} clients, {load_seconds} s)")
        result["load_unique"] = load_test(index, corpus, load_queries(work, records_path), load_seconds, clients,
                                          work, settle=min(settle, 60.0), repeat=False)
        save(label, result)
    result["finished"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    save(label, result)
    return result


def _our_queries(label: str, result: dict[str, Any], index: Path, work: Path, items: list[dict]) -> None:
    log(f"{label}: our queries ({len(items)})")
    ours = step("ours_query", index=str(index), queries=str(work / "queries.json"), warmup=str(work / "warmup.json"))
    result["ours_query"] = {**percentiles(ours["ms"]), "classes": by_class(items, ours["ms"]),
                            "load_avg": ours.get("load_avg"),
                            "open_ms": ours["open_ms"], "warm_s": ours.get("warm_s"), "rss_mb": ours["rss_mb"],
                            "peak_mb": ours["peak_mb"],
                            "n": len(items), "zero_hits": sum(1 for t in ours["totals"] if t == 0)}
    save(label, result)


def _peers(label: str, result: dict[str, Any], work: Path, records_path: Path, items: list[dict],
           build: dict[str, Any]) -> None:
    for peer in ("fts5", "tantivy"):
        log(f"{label}: {peer}")
        path = work / ("fts5.db" if peer == "fts5" else "tantivy")
        run = step("peer", name=peer, records=str(records_path), queries=str(work / "queries.json"),
                   warmup=str(work / "warmup.json"), path=str(path))
        result[peer] = {"docs_per_s": build["records"] / run["seconds"], "seconds": run["seconds"],
                        "peak_mb": run["peak_mb"], "size_mb": du_mb(path), **percentiles(run["ms"]),
                        "classes": by_class(items, run["ms"]), "load_avg": run.get("load_avg"),
                        "zero_hits": sum(1 for t in run["totals"] if t == 0)}
        save(label, result)


def save(label: str, result: dict[str, Any]) -> None:
    (OUT / f"results-{label}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))


# -- load --------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local threads = 0
setup = function(thread)  -- each wrk thread starts at its own share of the list
  thread:set("first", threads)
  threads = threads + 1
end
local i = 0
init = function(args)
  i = (first or 0) * math.floor(#paths / 2)
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d %%d %%d %%.1f %%.1f %%.1f\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency.max, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def free_port() -> int:
    """A port nobody listens on now (bench servers: run, coldstart, before_after)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]




def load_urls(items: list[dict], repeat: bool) -> list[str]:
    """The URLs wrk cycles through, page and API alternating.

    repeat: the timed query set, round and round (most answers come from the
    cache, as popular searches do). No repeat: `items` is a much larger set
    (load_queries), so within a run almost no request finds its answer cached.
    """
    urls = [qset.url(q, api=i % 2 == 0) for i, q in enumerate(items)]
    if not repeat:
        random.Random(7).shuffle(urls)
    return urls


def load_queries(work: Path, records_path: Path) -> list[dict]:
    """LOAD_PER_CLASS queries per class from the corpus's records (another seed), kept in the work folder."""
    path = work / "load-queries.json"
    if not path.exists():
        records = [json.loads(line) for line in records_path.open(encoding="utf-8")]
        path.write_text(json.dumps(qset.make_queries(records, per_class=LOAD_PER_CLASS, seed=5), ensure_ascii=False))
    return json.loads(path.read_text())


def load_test(index: Path, corpus: Path, items: list[dict], seconds: int, clients: int, work: Path,
              settle: float = 0.0, repeat: bool = True) -> dict[str, Any]:
    """Waitress on loopback (its default worker processes); wrk, 2 threads, `clients` connections."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "search_app", "--index", str(index), "--corpus", str(corpus),
                               "--host", "127.0.0.1", "--port", str(port), "--threads", str(LOAD_THREADS)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise click.ClickException("the server did not start") from None
                time.sleep(0.3)
        warm = json.loads((work / "warmup.json").read_text()) if (work / "warmup.json").exists() else []
        for i, query in enumerate(warm + warm):  # as the query step: the warm-up set, page and API
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{qset.url(query, api=i < len(warm))}") as answer:
                answer.read()
        time.sleep(settle)  # the view's background read of the frequent terms (bench.tasks waits for it)
        paths = work / "urls.txt"
        urls = load_urls(items, repeat)
        paths.write_text("\n".join(urls) + "\n")
        script = work / "wrk.lua"
        script.write_text(WRK_SCRIPT % paths)
        sampler = Sampler(server.pid)
        run = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
                              f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=False)
        peak = sampler.stop()
        line = next((x for x in run.stdout.splitlines() if x.startswith("RESULT")), None)
        if line is None:
            raise click.ClickException(f"wrk gave no result: {run.stdout} {run.stderr}")
        n, dur, connect, read, write, status, timeout, lmax, p50, p95, p99 = line.split()[1:]
        errors = sum(int(x) for x in (connect, read, write, status, timeout))
        return {"requests": int(n), "rps": int(n) / (int(dur) / 1e6), "errors": errors,
                "non_2xx": int(status), "p50_ms": float(p50) / 1000, "p95_ms": float(p95) / 1000,
                "p99_ms": float(p99) / 1000, "max_ms": int(lmax) / 1000, "server_peak_mb": peak,
                "server_process_peak_mb": sampler.peak_one, "threads": LOAD_THREADS,
                "clients": clients, "seconds": seconds, "warmed": True, "settle_s": settle,
                "workers": _workers(server.pid), "distinct_urls": len(set(urls)), "repeat": repeat}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _workers(pid: int) -> int:
    """The server's worker processes (1: it serves in its own process)."""
    return len(psutil.Process(pid).children()) or 1


@click.command()
@click.option("--sizes", default="1000,10000", show_default=True, help="Generated corpus sizes, comma-separated.")
@click.option("--phapdien", is_flag=True, help="Also the Bộ pháp điển articles (62,323).")
@click.option("--phapdien-limit", type=int, default=None, help="Only the first N articles.")
@click.option("--load-seconds", type=int, default=30, show_default=True, help="0 skips the load test.")
@click.option("--clients", type=int, default=32, show_default=True)
@click.option("--per-class", type=int, default=30, show_default=True, help="Queries per class (9 classes).")
@click.option("--report-only", is_flag=True, help="Only re-render RESULTS.md from bench/out/results-*.json.")
@click.option("--steps", default=",".join(STEPS), show_default=True,
              help="Steps to run; without build, the others rerun on the last build of each corpus.")
def main(sizes: str, phapdien: bool, phapdien_limit: int | None, load_seconds: int, clients: int,
         per_class: int, report_only: bool, steps: str) -> None:
    """Benchmark ours against FTS5 and tantivy; write bench/RESULTS.md."""
    OUT.mkdir(parents=True, exist_ok=True)
    chosen = tuple(x for x in STEPS if x in steps.split(","))
    if not report_only:
        for size in [int(s) for s in sizes.split(",") if s.strip()]:
            bench_corpus(str(size), generated_corpus(size), load_seconds, clients, per_class, chosen)
            RESULTS.write_text(render(), encoding="utf-8")
        if phapdien:
            label = "phapdien" if phapdien_limit is None else f"phapdien-{phapdien_limit}"
            with tempfile.TemporaryDirectory(prefix="bench-phapdien-") as tmp:
                corpus = phapdien_corpus(Path(tmp) / "corpus", phapdien_limit)
                bench_corpus(label, corpus, load_seconds, clients, per_class, chosen)
            RESULTS.write_text(render(), encoding="utf-8")
    RESULTS.write_text(render(), encoding="utf-8")
    log(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
