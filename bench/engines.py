"""Whoosh and an OpenSearch cluster side by side, in one run, on the same corpus and queries.

    OPENSEARCH_SHARDS=2 python -m bench.engines --opensearch-url http://127.0.0.1:9450,127.0.0.1:9451,127.0.0.1:9452 \
        --out docs/scale/engines-3nodes.json [--limit N] [--per-class 20]

For each corpus (the bundled one, eval's generated one, the 62,323 pháp điển
articles): both engines build it with the same pipeline (python -m indexer's
parallel build), then answer the same queries with every facet counted.
Printed: build documents/s, query p50/p95 (ms, in process, facets included),
index size, top-10 overlap between the engines' hits, and how many queries
gave both engines the same facet counts, and the setting (nodes, shards, load). Figures go to --out
and, by hand, to docs/SCALE.md. A script, not a test: it takes minutes.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from bench import queries as qset
from bench.generate import iter_documents
from bench.run import phapdien_corpus
from indexer import pipeline
from indexer.engine import Engine, SearchSpec, open_engine
from indexer.engine.opensearch.connection import client_for, parse_location
from search_app.query.understand import understand

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
EVAL = ROOT / "eval"
FACET_SIZE = 30  # as the app asks (search_app.answer.service.FACET_SIZE)


def log(message: str) -> None:
    click.echo(f"[{time.strftime('%H:%M:%S')}] {message}", err=True)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cluster_size(url: str, alias: str) -> tuple[int, int]:
    """(primary store bytes, total with replicas) of the index behind the alias."""
    client = client_for(url)
    physical = sorted(client.indices.get_alias(name=alias))[-1]
    stats = client.indices.stats(index=physical, metric="store")["indices"][physical]
    return stats["primaries"]["store"]["size_in_bytes"], stats["total"]["store"]["size_in_bytes"]


def build(kind: str, corpus: Path, location: str, keep: bool = False) -> dict[str, Any]:
    """The indexer's full build (extraction included) into one engine; its speed and size.

    With --keep, a Whoosh index kept by an earlier run (its figures beside it, in
    <index>.build.json) is used again: the 62k Whoosh build takes 20 minutes here."""
    os.environ["INDEX_ENGINE"] = kind
    figures = Path(f"{location}.build.json")
    if keep and kind == "whoosh" and figures.exists() and Path(location).is_dir():
        out = json.loads(figures.read_text(encoding="utf-8"))
        log(f"{kind}: the index kept in {location} is used again, built {out.get('built')}: {out}")
        return out
    log(f"{kind}: building {corpus} …")
    report = pipeline.build(corpus, Path(location) if kind == "whoosh" else location)  # type: ignore[arg-type]
    out = {"records": report.records, "seconds": round(report.seconds, 1),
           "docs_per_s": round(report.records / report.seconds, 1)}
    if kind == "whoosh":
        out["size_mb"] = round(folder_size(Path(location)) / 1e6, 1)
        figures.write_text(json.dumps({**out, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}),
                           encoding="utf-8")
    else:
        url, alias = parse_location(location)
        primary, total = cluster_size(url, alias)
        out["size_mb"] = round(primary / 1e6, 1)
        out["size_with_replicas_mb"] = round(total / 1e6, 1)
    log(f"{kind}: {out}")
    return out


def spec_of(query: dict[str, Any], stats: Engine) -> SearchSpec:
    """A bench or eval query as the app would ask it: first page of ten, every facet (the words
    bound into pairs by one engine's statistics, so both engines get the same spec)."""
    filters = {name: (query[name],) for name in ("issuer", "doc_type") if query.get(name)}
    year = query.get("year")
    return SearchSpec(query=understand(query["q"], stats).spec, filters=filters,
                      date_from=f"{year}-01-01" if year else None, date_to=f"{year}-12-31" if year else None,
                      limit=10, facet_size=FACET_SIZE)


def timed(engine: Engine, specs: list[SearchSpec]) -> tuple[list[float], list[Any]]:
    times, results = [], []
    for spec in specs:
        started = time.perf_counter()
        results.append(engine.search(spec))
        times.append((time.perf_counter() - started) * 1000)
    return times, results


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))], 1)


def overlap_at_10(a: list[str], b: list[str]) -> float | None:
    """Shared hits of the two top tens, over the longer list (None when both found nothing)."""
    a, b = a[:10], b[:10]
    if not a and not b:
        return None
    return len(set(a) & set(b)) / max(len(a), len(b))


Queries = Callable[[Engine], list[dict[str, Any]]]


def setting(url: str) -> dict[str, Any]:
    """What the figures were measured on: the cluster's nodes, the shards and replicas a build
    makes, the machine's cores and load."""
    client = client_for(parse_location(url)[0])
    return {"setting": {
        "opensearch": client.info()["version"]["number"],
        "nodes": [n["name"] for n in client.cat.nodes(format="json", h="name")],
        "shards": int(os.environ.get("OPENSEARCH_SHARDS", "1")),
        "replicas": int(os.environ.get("OPENSEARCH_REPLICAS", "1")),
        "cores": os.cpu_count(), "index_workers": os.environ.get("INDEX_WORKERS"),
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "load_average_start": os.getloadavg()}}


def compare(label: str, corpus: Path, queries_of: Queries, url: str, work: Path,
            keep: bool = False) -> dict[str, Any]:
    """Build the corpus into both engines, ask both the queries (twice: the second run is timed)."""
    locations = {"whoosh": str(work / f"{label}-whoosh"), "opensearch": f"{url}/bench-{label}"}
    out: dict[str, Any] = {"corpus": label}
    engines = {}
    for kind, location in locations.items():
        out[f"build_{kind}"] = build(kind, corpus, location, keep)
        engines[kind] = open_engine(location if kind == "opensearch" else Path(location), kind)
    queries = queries_of(engines["whoosh"])
    out["queries"] = len(queries)
    specs = [spec_of(q, engines["whoosh"]) for q in queries]
    results = {}
    for kind, engine in engines.items():
        engine.warm()
        timed(engine, specs[: min(20, len(specs))])  # connections and caches up, as a running server has
        times, results[kind] = timed(engine, specs)
        out[f"query_{kind}"] = {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
                                "mean_ms": round(statistics.fmean(times), 1)}
        log(f"{label} {kind}: {out[f'query_{kind}']}")
    overlaps = [o for a, b in zip(results["whoosh"], results["opensearch"], strict=True)
                if (o := overlap_at_10([h.id for h in a.hits], [h.id for h in b.hits])) is not None]
    same_total = sum(a.total == b.total for a, b in zip(results["whoosh"], results["opensearch"], strict=True))
    same_facets = sum(a.facets == b.facets for a, b in zip(results["whoosh"], results["opensearch"], strict=True))
    browse = [engines[k].search(SearchSpec(facet_size=None)).facets for k in engines]
    out["facets_differing"] = sorted({name for a, b in zip(results["whoosh"], results["opensearch"], strict=True)
                                      for name in a.facets if a.facets[name] != b.facets.get(name)}
                                     | {name for name in browse[0] if browse[0][name] != browse[1].get(name)})
    out["overlap_at_10"] = round(statistics.fmean(overlaps), 3) if overlaps else None
    out["same_total"] = f"{same_total}/{len(specs)}"
    out["same_facets"] = f"{same_facets}/{len(specs)}"
    out["same_facets_browsing"] = browse[0] == browse[1]
    out["differences"] = [{"q": q["q"], "whoosh": [h.id for h in a.hits], "opensearch": [h.id for h in b.hits]}
                          for q, a, b in zip(queries, results["whoosh"], results["opensearch"], strict=True)
                          if (overlap_at_10([h.id for h in a.hits], [h.id for h in b.hits]) or 1.0) < 0.8][:10]
    out["total_differences"] = [  # every query whose totals differ, with what was asked (for a diagnosis)
        {"q": q["q"], "filters": {k: v for k, v in q.items() if k != "q"}, "whoosh": a.total, "opensearch": b.total,
         "groups": [[" ".join(c.tokens) for c in g] for g in spec.query.groups] if spec.query else [],
         "minimum_should_match": spec.query.minimum_should_match if spec.query else None}
        for q, spec, a, b in zip(queries, specs, results["whoosh"], results["opensearch"], strict=True)
        if a.total != b.total]
    log(f"{label}: overlap@10 {out['overlap_at_10']}, same totals {out['same_total']}, "
        f"same facets {out['same_facets']}, browsing facets equal: {out['same_facets_browsing']}")
    for engine in engines.values():
        engine.close()
    if not keep:  # --keep: the OpenSearch indexes stay, to look into
        client_for(parse_location(url)[0]).indices.delete(index=f"bench-{label}*", ignore=[404])
    return out


def eval_queries(name: str) -> Queries:
    return lambda _: [{"q": q["q"]} for q in json.loads((EVAL / name).read_text(encoding="utf-8"))["queries"]]


def write_files(folder: Path, documents: Iterable[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def bench_queries(per_class: int) -> Queries:
    """bench/queries.py's classes (words, phrases, numbers, filters) drawn from the built records."""
    return lambda engine: qset.make_queries(list(engine.records()), per_class=per_class)


@click.command()
@click.option("--opensearch-url", envvar="OPENSEARCH_URL", required=True,
              help="The cluster: every node, http://a:9450,b:9451,c:9452.")
@click.option("--out", type=click.Path(path_type=Path), default=OUT / "engines.json", show_default=True,
              help="The JSON results (docs/scale/ for figures kept in the repository).")
@click.option("--limit", type=int, default=None, help="Only the first N pháp điển articles.")
@click.option("--per-class", type=int, default=20, show_default=True, help="Bench queries per class.")
@click.option("--skip-phapdien", is_flag=True, help="Only the bundled and generated corpora.")
@click.option("--only-phapdien", is_flag=True, help="Only the pháp điển articles.")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Keep both indexes (Whoosh in this folder, OpenSearch's bench-* indexes) to look into.")
def main(opensearch_url: str, out: Path, limit: int | None, per_class: int, skip_phapdien: bool,
         only_phapdien: bool, keep: Path | None) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = [setting(opensearch_url)]
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-engines-") as tmp:
        work = keep or Path(tmp)
        steps: list[tuple[str, Callable[[], Path], Queries]] = [
            ("bundled", lambda: ROOT / "corpus", eval_queries("queries.json")),
            ("generated", lambda: write_files(work / "generated", iter_documents(500, seed=42)),
             eval_queries("queries_generated.json")),
        ]
        if only_phapdien:
            steps = []
        if not skip_phapdien:
            steps.append(("phapdien", lambda: phapdien_corpus(work / "phapdien", limit), bench_queries(per_class)))
        for label, corpus_of, queries_of in steps:
            results.append(compare(label, corpus_of(), queries_of, opensearch_url.rstrip("/"), work,
                                   keep=keep is not None))
            results[0]["load_average_end"] = os.getloadavg()
            out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    click.echo(json.dumps([{k: v for k, v in r.items() if k != "differences"} for r in results],
                          ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
