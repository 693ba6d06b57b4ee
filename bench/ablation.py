"""What each query-path change bought: the query set timed with each change undone in turn.

    python -m bench.ablation --work bench/out/work-10000

Uses the index and query set bench.run left in WORK. "Undone" means: Whoosh
matching and ranking instead of indexer.evaluate (IndexView._evaluate off),
the snippet highlighter before its speed-up, the facet URLs built one by one.
The old versions of snippets and facets are given as files (--old-snippets,
--old-facets), e.g. extracted with `git show <commit>:search_app/query/snippets.py`.
CPU time of this process (time.process_time), so other processes on the
machine disturb it less than wall time.
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path
from types import ModuleType

import click
from werkzeug.datastructures import MultiDict

from bench import queries as qset
from bench.run import percentiles


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _time(view, items: list[dict]) -> list[float]:
    from search_app.answer.service import search
    from search_app.query.params import parse_request

    out = []
    for item in items:
        started = time.process_time()
        search(view, parse_request(MultiDict(qset.params(item))))
        out.append((time.process_time() - started) * 1000)
    return out


def _no_numpy(*_args: object, **_kwargs: object) -> None:
    from indexer.engine.whoosh.numpy_query import Unsupported

    raise Unsupported("ablation: Whoosh's own matching")


@click.command()
@click.option("--work", type=click.Path(path_type=Path), required=True)
@click.option("--old-snippets", type=click.Path(path_type=Path), default=None)
@click.option("--old-facets", type=click.Path(path_type=Path), default=None)
def main(work: Path, old_snippets: Path | None, old_facets: Path | None) -> None:
    from search_app.answer import service
    from search_app.answer.index_holder import SharedIndex

    items = json.loads((work / "queries.json").read_text())
    view = SharedIndex(work / "index").engine()
    new_snippet, new_facet_list = service.snippet, service.facet_list
    variants: dict[str, dict] = {"all changes": {}}
    variants["Whoosh matching/ranking"] = {"whoosh": True}
    if old_snippets:
        variants["old snippets"] = {"snippet": _load(old_snippets, "old_snippets").snippet}
    if old_facets:
        variants["old facet URLs"] = {"facet_list": _load(old_facets, "old_facets").facet_list}
    _time(view, items)  # every term read once: all variants run on a warm term cache
    rows = []
    for label, change in variants.items():
        service.snippet = change.get("snippet", new_snippet)
        service.facet_list = change.get("facet_list", new_facet_list)
        if change.get("whoosh"):
            view.evaluator.evaluate = _no_numpy
        ms = _time(view, items)
        if change.get("whoosh"):
            del view.evaluator.evaluate
        stats = percentiles(ms)
        rows.append(f"| {label} | {stats['p50']:.1f} | {stats['p95']:.1f} | {stats['mean']:.1f} |")
        click.echo(rows[-1])
    service.snippet, service.facet_list = new_snippet, new_facet_list


if __name__ == "__main__":
    main()
