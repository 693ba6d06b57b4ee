"""Which layer of kept answers pays: the same requests with nothing kept, answers kept, outcomes kept, both.

    python -m bench.kept [--count 2000] [--per-class 6] [--work DIR]

Each query of the set is asked as a user does: its first page, the same page
again, then the next page. Four set-ups, side by side in one run on one engine:

    nothing      every request computed (SharedIndex(answers=0))
    answers      the web app's layer: whole answers kept per generation (search_app/answer/index_holder.py)
    outcomes     nothing kept by the app; the engine's ranked outcomes kept, 100 deep, per search
                 (as the Whoosh engine kept them before: emulated here by a wrapper around the engine)
    both         the two layers together

Prints ms per request (mean and median) for each kind of request. The
figures chose the one layer the service keeps (written in index_holder.py).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from cachetools import LRUCache, cached
from werkzeug.datastructures import MultiDict

from bench import queries as qset
from indexer import pipeline
from indexer.engine import Engine, SearchResult, SearchSpec
from search_app.answer.index_holder import SharedIndex
from search_app.answer.service import search
from search_app.query.params import parse_request

RANK_DEPTH = 100  # what the engine's outcome layer ranked per search: ten pages of ten
KINDS = ("first", "again", "next page")


class KeptOutcomes:
    """An engine whose searches are kept, ranked RANK_DEPTH deep, per spec: the second layer under test."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._search = cached(LRUCache(512), key=repr)(self._deep)  # a spec holds a dict: its repr is the key

    def _deep(self, spec: SearchSpec) -> SearchResult:
        return self.engine.search(spec)

    def search(self, spec: SearchSpec) -> SearchResult:
        depth = max(RANK_DEPTH, spec.offset + spec.limit)
        deep = self._search(replace(spec, offset=0, limit=depth))
        return SearchResult(deep.total, deep.hits[spec.offset:spec.offset + spec.limit], deep.facets)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


def _requests(items: list[dict]) -> list[tuple[str, MultiDict]]:
    out = []
    for item in items:
        params = qset.params(item)
        out += [("first", MultiDict(params)), ("again", MultiDict(params)),
                ("next page", MultiDict([*params, ("page", "2")]))]
    return out


def _run(engine: Engine, shared: SharedIndex, requests: list[tuple[str, MultiDict]]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for kind, args in requests:
        started = time.perf_counter()
        search(engine, parse_request(args), keep=shared.kept)
        times[kind].append((time.perf_counter() - started) * 1000)
    return times


@click.command()
@click.option("--count", default=2000, show_default=True, help="Generated documents.")
@click.option("--per-class", default=6, show_default=True, help="Queries per class (9 classes).")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None)
def main(count: int, per_class: int, work: Path | None) -> None:
    from bench.generate import generate

    work = work or Path(tempfile.mkdtemp(prefix="bench-kept-"))
    corpus, index = work / f"corpus-{count}", work / f"index-{count}"
    if not corpus.is_dir():
        generate(corpus, count, seed=42)
    if not index.is_dir():
        pipeline.build(corpus, index)
    records = list(pipeline.export_records(index))
    items = qset.make_queries(records, per_class=per_class, seed=2024)
    requests = _requests(items)
    engine = SharedIndex(index, answers=0).engine()
    engine.warm()
    _run(engine, SharedIndex(index, answers=0), requests)  # records and postings read once, for every set-up
    setups = {"nothing": (engine, 0), "answers": (engine, 1024), "outcomes": (KeptOutcomes(engine), 0),
              "both": (KeptOutcomes(engine), 1024)}
    click.echo(f"{len(items)} queries × {KINDS} on {count} generated documents; ms per request, mean / median\n")
    click.echo("| set-up | " + " | ".join(KINDS) + " |")
    click.echo("|---" * (len(KINDS) + 1) + "|")
    figures = {}
    for name, (view, answers) in setups.items():
        times = _run(view, SharedIndex(index, answers=answers), requests)
        figures[name] = {k: (statistics.fmean(v), statistics.median(v)) for k, v in times.items()}
        click.echo(f"| {name} | " + " | ".join(f"{m:.2f} / {md:.2f}" for m, md in figures[name].values()) + " |")
    (work / "kept.json").write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
