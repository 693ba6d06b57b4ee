"""Query time of two checkouts side by side, in one run, on the same real articles and query set.

    python -m bench.compare --base /path/to/other/checkout [--articles 10000] [--rounds 3]

Both trees build their own index of the first N Bộ pháp điển articles (each
with its own code: schema changes count), then run bench.queries' fixed
query set (first page and every facet count, as the app) through each tree's
bench.tasks in its own process, alternating base and this tree `rounds`
times so the machine's load falls on both alike. Prints p50 and p95 per
tree and their ratio. A tree is any checkout with bench/tasks.py.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from bench.queries import make_queries
from bench.run import phapdien_corpus

ROOT = Path(__file__).resolve().parent.parent


def task(tree: Path, name: str, **kwargs: object) -> dict:
    """One bench.tasks step run by `tree`'s own code."""
    out = subprocess.run([sys.executable, "-m", "bench.tasks", name, json.dumps(kwargs)], cwd=tree, check=True,
                         stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(tree)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@click.command()
@click.option("--base", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--articles", type=int, default=10_000, show_default=True)
@click.option("--rounds", type=int, default=3, show_default=True)
@click.option("--per-class", type=int, default=30, show_default=True)
def main(base: Path, articles: int, rounds: int, per_class: int) -> None:
    trees = {"base": base.resolve(), "this": ROOT}
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        work = Path(tmp)
        corpus = phapdien_corpus(work / "corpus", articles)
        for name, tree in trees.items():
            built = task(tree, "ours_build", corpus=str(corpus), index=str(work / f"index-{name}"))
            print(f"{name}: built {built['records']} records in {built['seconds']:.0f} s", flush=True)
        task(ROOT, "export", index=str(work / "index-this"), out=str(work / "records.jsonl"))
        records = [json.loads(line) for line in (work / "records.jsonl").open(encoding="utf-8")]
        queries = make_queries(records, per_class=per_class)
        (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False))
        (work / "warmup.json").write_text(json.dumps(queries[:20], ensure_ascii=False))
        times: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(rounds):
            for name, tree in trees.items():
                result = task(tree, "ours_query", index=str(work / f"index-{name}"),
                              queries=str(work / "queries.json"), warmup=str(work / "warmup.json"))
                times[name] += result["ms"]
    print(f"{articles} pháp điển articles, {len(queries)} queries × {rounds} rounds, alternating:")
    for name, values in times.items():
        print(f"  {name:5} p50 {statistics.median(values):6.1f} ms   p95 {percentile(values, 0.95):6.1f} ms")
    ratio = percentile(times["this"], 0.95) / percentile(times["base"], 0.95)
    print(f"  p95 this/base: {ratio:.2f}")


if __name__ == "__main__":
    main()
