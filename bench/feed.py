"""A followed search's feed on a larger collection: the order before and after the engines sorted by `added`.

    python -m bench.feed [--count 20000] [--late 20] [--repeat 7] [--work DIR]

A generated corpus (bench.generate, in date order) is built without its `late`
oldest documents, which an update then adds: documents issued long ago but
added last, the ones a followed search exists to announce. For each query,
side by side in one run on one Whoosh engine:

    before   what the feed did until this change: the search's 100 newest by issue date
             (sort "newest"), re-ordered by the time each was added, the 50 first kept
    after    the engine's sort "added" over every matching document, the 50 first

Printed per query: the median time of the search and the Atom document (ms, every
answer computed: nothing kept between requests), how many of the late documents
matching the query are in the feed, and the first call on a freshly opened engine
(the Whoosh engine reads its `added` order once per generation, on the first such call).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
from werkzeug.datastructures import MultiDict

from bench.generate import iter_documents
from indexer import filestate, pipeline
from indexer.engine import Engine, SearchSpec, open_engine
from search_app.answer.service import search
from search_app.pages import feed
from search_app.query.params import SearchRequest, parse_request

BUILT, LATE, UPDATED = "2026-01-05T08:00:00+00:00", "2026-03-01T09:30:00+00:00", "2026-04-01T00:00:00+00:00"
QUERIES = ("", "cách ly", "tiêm vắc xin", "ủy ban nhân dân", "báo cáo kết quả", "phòng chống dịch")
OLD_WINDOW = 100  # the page's largest per_page: what the feed used to ask for


def _old_order(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The feed's order before this change (search_app/pages/feed.py's by_added at main 39bfd01)."""
    return sorted(hits, key=lambda h: (h.get("added") or h.get("date") or "", h.get("date") or ""),
                  reverse=True)[:feed.FEED_ENTRIES]


def before(engine: Engine, req: SearchRequest) -> list[dict[str, Any]]:
    data = search(engine, replace(req, sort="newest", sort_given=True, per_page=OLD_WINDOW))
    hits = _old_order(data["hits"])
    feed.atom({**data, "hits": hits}, req, "http://localhost/", "http://localhost/feed", "/")
    return hits


def after(engine: Engine, req: SearchRequest) -> list[dict[str, Any]]:
    data = search(engine, replace(req, sort="added", sort_given=True, per_page=feed.FEED_ENTRIES))
    feed.atom(data, req, "http://localhost/", "http://localhost/feed", "/")
    return data["hits"]


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    out = fn()
    return (time.perf_counter() - started) * 1000, out


def _build(work: Path, count: int, late: int) -> tuple[Path, set[str]]:
    """The collection: `count` documents built at BUILT, then the `late` oldest added at LATE."""
    corpus, index = work / "corpus", work / "index"
    if index.is_dir():  # built by an earlier run with --work
        engine = open_engine(index)
        return index, {r["id"] for r in engine.records() if r.get("added") == LATE}
    corpus.mkdir(parents=True, exist_ok=True)
    held: list[tuple[str, str]] = []
    for i, (name, text) in enumerate(iter_documents(count)):
        if i < late:
            held.append((name, text))
        else:
            (corpus / name).write_text(text, encoding="utf-8")
    filestate.now = lambda: BUILT  # type: ignore[assignment]  # the times, fixed: a bench, not the service
    started = time.perf_counter()
    pipeline.build(corpus, index)
    click.echo(f"built {count - late} documents in {time.perf_counter() - started:.1f} s")
    for name, text in held:
        (corpus / name).write_text(text, encoding="utf-8")
    filestate.now = lambda: LATE  # type: ignore[assignment]
    pipeline.update(corpus, index)
    engine = open_engine(index)
    late_ids = {h.id for h in engine.search(SearchSpec(sort="added", limit=late)).hits
                if (engine.record(h.id) or {}).get("added") == LATE}
    return index, late_ids


def _one_document_update(corpus: Path, index: Path, asked: Engine) -> float:
    """One document changed (its bytes differ on every run), the engine reopened as the server does:
    ms of its first search by the time added (only the new segments' ids are read)."""
    _, text = next(iter_documents(1, seed=7))
    (corpus / "zz_bench_feed_update.txt").write_text(f"{text}\n{time.time()}\n", encoding="utf-8")
    filestate.now = lambda: UPDATED  # type: ignore[assignment]
    pipeline.update(corpus, index)
    reopened = asked.reopen()
    return _timed(lambda: reopened.search(SearchSpec(sort="added", limit=1)))[0]


@click.command()
@click.option("--count", default=20000, show_default=True, help="Generated documents in the collection.")
@click.option("--late", default=20, show_default=True, help="Of them, the oldest, added by a later update.")
@click.option("--repeat", default=7, show_default=True, help="Timed calls per query and way (median shown).")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the corpus and index, kept: a second run measures again without building "
                   "(default: a temporary one, removed after).")
def main(count: int, late: int, repeat: int, work: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index, late_ids = _build(work or Path(tmp), count, late)
        first_before, _ = _timed(lambda: before(open_engine(index), parse_request(MultiDict())))
        first_after, _ = _timed(lambda: after(open_engine(index), parse_request(MultiDict())))
        opened = {sort: open_engine(index) for sort in ("newest", "added")}  # opened, not yet asked
        first_sort = {sort: _timed(lambda e=e, s=sort: e.search(SearchSpec(sort=s, limit=1)))[0]
                      for sort, e in opened.items()}
        after_update = _one_document_update(index.parent / "corpus", index, opened["added"])
        engine = open_engine(index)
        click.echo(f"\n{engine.count()} documents, {len(late_ids)} added last (issued "
                   f"{min((engine.record(i) or {}).get('date') or '' for i in late_ids)} or so); "
                   f"ms: median of {repeat}, every answer computed")
        click.echo(f"first feed on a freshly opened engine: before {first_before:.1f} ms, after {first_after:.1f} ms"
                   f" (its first search by issue date {first_sort['newest']:.1f} ms, by time added "
                   f"{first_sort['added']:.1f} ms: the Whoosh engine reads the added order then; after a "
                   f"one-document update, reopened: {after_update:.1f} ms)")
        click.echo(f"{'query':<22}{'matching':>9}{'late':>6}{'before ms':>11}{'after ms':>10}"
                   f"{'late in feed: before':>22}{'after':>7}")
        for text in QUERIES:
            req = parse_request(MultiDict([("q", text)] if text else []))
            total = search(engine, req)["total"]
            # the late documents are the collection's oldest by issue date: those matching are in the first 100
            oldest = search(engine, replace(req, sort="oldest", sort_given=True, per_page=OLD_WINDOW))["hits"]
            matching = late_ids & {h["id"] for h in oldest}
            runs: dict[Callable[..., Any], list[tuple[float, Any]]] = {before: [], after: []}
            for _ in range(repeat):  # interleaved: a loaded machine weighs on both alike
                for way, timings in runs.items():
                    timings.append(_timed(lambda w=way, r=req: w(engine, r)))
            ms = {way: statistics.median(t for t, _ in runs[way]) for way in runs}
            shown = {way: len(matching & {h["id"] for h in runs[way][0][1]}) for way in runs}
            click.echo(f"{text or '(tất cả)':<22}{total:>9}{len(matching):>6}{ms[before]:>11.1f}{ms[after]:>10.1f}"
                       f"{shown[before]:>22}{shown[after]:>7}")


if __name__ == "__main__":
    main()
