"""bench/RESULTS.md rendered from the figures bench.run saved in bench/out/results-*.json."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
NOTES = HERE / "NOTES.md"
LOAD_THREADS = 4  # per worker process, the server's default
LOAD_PER_CLASS = 600  # the no-repeat load run: 9 × 600 queries drawn apart from the timed set


def _f(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{a / b:.2f}"


def render() -> str:
    files = sorted(OUT.glob("results-*.json"), key=lambda p: (not p.stem[8:].isdigit(), len(p.stem), p.stem))
    lines = ["# Benchmark results", "",
             "Written by `python -m bench.run` (bench/run.py); do not edit by hand — the notes at the end",
             "come from bench/NOTES.md. Machine: " + _machine() + ".", "",
             "Each query returns the first page (10 hits) and every facet count: ours through",
             "`search_app.answer.service.search` (parse, spelling check, ranking, snippets, 7 facets); the peers",
             "through bench/peers.py (4 facets, no snippets). Peers index the records our extractor",
             "produced, so their build time excludes extraction; ours includes reading, extraction, pyvi.",
             "Ratios are ours / peer: below 1.0 we are faster (for build speed, above 1.0).", ""]
    for path in files:
        r = json.loads(path.read_text())
        lines += _corpus_section(r)
    if NOTES.exists():
        lines += ["", NOTES.read_text().rstrip(), ""]
    return "\n".join(lines) + "\n"


def _machine() -> str:
    cores = os.cpu_count()
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = 0
    return f"{cores} cores, {mem:.0f} GB RAM, Python {sys.version.split()[0]}"


def _corpus_section(r: dict[str, Any]) -> list[str]:
    label = r["corpus"]
    title = f"{int(label):,} generated documents" if label.isdigit() else f"real corpus: {label}"
    b, q, add = r.get("ours_build", {}), r.get("ours_query", {}), r.get("ours_add")
    fts, tan = r.get("fts5", {}), r.get("tantivy", {})
    out = [f"## {title}", "", f"Run {r.get('started', '?')}" + (f" ({r['rerun']})" if r.get("rerun") else "")
           + ("" if r.get("finished") else " — **incomplete: the run did not finish**"), ""]
    out += ["| figure | ours | FTS5 | tantivy | ours/FTS5 | ours/tantivy |", "|---|---:|---:|---:|---:|---:|"]
    out.append(f"| build, docs/s | {_f(b.get('docs_per_s'))} | {_f(fts.get('docs_per_s'))} | "
               f"{_f(tan.get('docs_per_s'))} | {_ratio(b.get('docs_per_s'), fts.get('docs_per_s'))} | "
               f"{_ratio(b.get('docs_per_s'), tan.get('docs_per_s'))} |")
    out.append(f"| build, peak memory MB | {_f(b.get('peak_mb'), 0)} | {_f(fts.get('peak_mb'), 0)} | "
               f"{_f(tan.get('peak_mb'), 0)} | {_ratio(b.get('peak_mb'), fts.get('peak_mb'))} | "
               f"{_ratio(b.get('peak_mb'), tan.get('peak_mb'))} |")
    out.append(f"| index size MB | {_f(b.get('size_mb'))} | {_f(fts.get('size_mb'))} | {_f(tan.get('size_mb'))} | "
               f"{_ratio(b.get('size_mb'), fts.get('size_mb'))} | {_ratio(b.get('size_mb'), tan.get('size_mb'))} |")
    for p in ("p50", "p95", "p99"):
        out.append(f"| query {p}, ms | {_f(q.get(p))} | {_f(fts.get(p))} | {_f(tan.get(p))} | "
                   f"{_ratio(q.get(p), fts.get(p))} | {_ratio(q.get(p), tan.get(p))} |")
    out.append(f"| queries with no hit | {q.get('zero_hits', '–')} of {q.get('n', '–')} | {fts.get('zero_hits', '–')} "
               f"| {tan.get('zero_hits', '–')} | | |")
    out.append("")
    if b:
        out.append(f"Our build: {b.get('files')} files → {b.get('records')} records in {_f(b.get('seconds'))} s, "
                   f"{b.get('errors')} unreadable.")
    if add:
        out.append(f"One-document add, `pipeline.update(only=[file])` then the shared view reopened: "
                   f"{_f(add['update_s'], 2)} s to commit, {_f(add['visible_s'], 2)} s until a search finds it "
                   f"(found: {'yes' if add['visible'] else '**no**'}).")
        scan = add.get("scan")
        if scan:
            out.append(f"The same through `pipeline.update()` over the whole corpus folder (list, stat, hash what "
                       f"changed): {_f(scan['update_s'], 2)} s to commit, {_f(scan['visible_s'], 2)} s until "
                       f"searchable (found: {'yes' if scan['visible'] else '**no**'}).")
    if q:
        warm = (f", its background read of the frequent terms {_f(q['warm_s'])} s (done before timing)"
                if q.get("warm_s") is not None else "")
        out.append(f"Serving process after the query set: {_f(q.get('rss_mb'), 0)} MB resident; "
                   f"opening the index view took {_f(q.get('open_ms'), 0)} ms{warm}.")
    loads = [(name, part.get("load_avg")) for name, part in (("our build", b), ("our queries", q), ("FTS5", fts),
                                                              ("tantivy", tan), ("add", add or {}))]
    if any(value is not None for _, value in loads):
        out.append("Machine load (1-minute average) at the end of each step, 2 cores: "
                   + ", ".join(f"{name} {value:.1f}" for name, value in loads if value is not None) + ".")
    out.append("")
    if q.get("classes"):
        out += ["Per query class, p50 / p95 ms:", "", "| class | ours | FTS5 | tantivy |", "|---|---:|---:|---:|"]
        for cls, s in q["classes"].items():
            f_, t_ = fts.get("classes", {}).get(cls, {}), tan.get("classes", {}).get(cls, {})
            out.append(f"| {cls} | {_f(s['p50'])} / {_f(s['p95'])} | {_f(f_.get('p50'))} / {_f(f_.get('p95'))} | "
                       f"{_f(t_.get('p50'))} / {_f(t_.get('p95'))} |")
        out.append("")
    runs = [(name, r[key]) for name, key in (("query set repeated", "load"), ("no repeats", "load_unique"))
            if r.get(key)]
    if runs:
        first = runs[0][1]
        out += [f"Under load (gunicorn, {first.get('workers', 1)} worker process(es) × "
                f"{first.get('threads', LOAD_THREADS)} threads; wrk, "
                f"{first['clients']} connections, {first['seconds']} s; the server fresh"
                + (f", after the warm-up set and {first.get('settle_s', 0):.0f} s for its term warm-up"
                   if first.get("warmed") else "")
                + "). wrk's two threads each start at their own half of the URL list. "
                "Repeated: page and API URLs alternating over the 270 timed queries, round and round; "
                f"no repeats: {9 * LOAD_PER_CLASS:,} other queries of the same classes, shuffled, so almost no "
                "answer is found in a cache:", "",
                "| run | distinct URLs | requests/s | p50 ms | p95 ms | p99 ms | max ms | errors | "
                "server peak MB (all processes / largest) |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        out += [f"| {name} | {load.get('distinct_urls', '–')} | {_f(load['rps'])} | {_f(load['p50_ms'])} | "
                f"{_f(load['p95_ms'])} | {_f(load['p99_ms'])} | {_f(load['max_ms'], 0)} | {load['errors']} | "
                f"{_f(load['server_peak_mb'], 0)} / {_f(load.get('server_process_peak_mb'), 0)} |"
                for name, load in runs]
        out.append("")
    return out


