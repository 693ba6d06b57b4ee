"""A full build on every core: each worker reads, extracts, analyses and writes its own segment.

Whoosh's per-posting work is Python, and so are extraction and pyvi, so one
process tops out near 40 documents/s. Here the corpus is cut into one
contiguous shard per worker (documents keep the corpus order: shard 0's
segment first); every worker, forked after pyvi is loaded so the model is
shared, adds its shard with its own unlocked Whoosh SegmentWriter and
finishes its segment; the parent, which holds the index's write lock, then
writes one table of contents naming every segment (Whoosh's MpWriter with
`multisegment=True` does the same, but feeds its workers pickled documents
that the parent extracted alone).

Small corpora are built serially: forking costs more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index
from whoosh.util.numeric import byte_to_length
from whoosh.writing import PostingPool, SegmentWriter

from indexer.codec import codec

PARALLEL_MIN_FILES = 400  # below this a serial build is as fast
LIMIT_MB = 256  # each writer's in-memory posting pool before it spills a sorted run
PROGRESS_EVERY = 20  # files per progress message from a worker

# writer, path, corpus name, report → manifest entry (or None when the file is unreadable)
IndexFile = Callable[[Any, Path, str, Any], "dict[str, Any] | None"]
Progress = Callable[[Iterator[Path], int], Iterator[Path]]


class _PreloadedLengths:
    """A segment's per-document reader whose field lengths are read once, not once per posting.

    Whoosh's commit looks up the document's field length for every posting,
    each a seek and read in the lengths column: a fifth of the commit. Same
    values (None where the length byte is 0, as Whoosh's own accessor).
    """

    def __init__(self, pdr: Any) -> None:
        self._pdr = pdr

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pdr, name)

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], int | None]:
        column = self._pdr._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if column is None:
            return lambda docnum, _default=default: _default
        table = [byte_to_length(b) if b else None for b in range(256)]
        return [table[b] for b in column].__getitem__


class _FastPool(PostingPool):
    """Whoosh's posting pool without its per-posting type assertions (same size estimate)."""

    def add(self, item: tuple) -> None:
        self.fieldnames.add(item[0])
        self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or b"")
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)


class FastSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter, with the lengths preloaded for the commit (see _PreloadedLengths)
    and a leaner posting pool."""

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = _FastPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))

    def per_document_reader(self) -> Any:
        return _PreloadedLengths(super().per_document_reader())


def writer(ix: Index, **kwargs: Any) -> SegmentWriter:
    """A locked writer for a build (the parent's, or the only one when serial)."""
    return FastSegmentWriter(ix, limitmb=LIMIT_MB, codec=codec(), **kwargs)


def unmapped(folder: Path) -> Index:
    """The index in `folder` read with plain reads: Whoosh copies every mmapped compound
    file into memory when a reader opens it (an update's delete_by_term opens one)."""
    return FileStorage(str(folder), supports_mmap=False).open_index()


def worker_count() -> int:
    """INDEX_WORKERS, else the cores this process may use (at most 8)."""
    configured = os.environ.get("INDEX_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(1, min(8, len(os.sched_getaffinity(0))))


def quiet_gc() -> None:
    """Fewer collections while indexing: the build allocates millions of small,
    acyclic objects, and each generation-0 pass over them is wasted work.
    Objects alive now (pyvi's model, the schema) are frozen out of collection."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def restore_gc() -> None:
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)


def serial(writer: Any, items: list[tuple[Path, str]], index_file: IndexFile, report: Any,
           progress: Progress) -> dict[str, Any]:
    names = dict(items)
    entries: dict[str, Any] = {}
    quiet_gc()
    try:
        for path in progress(iter(p for p, _ in items), len(items)):
            name = names[path]
            entry = index_file(writer, path, name, report)
            if entry:
                entries[name] = entry
    finally:
        restore_gc()
    return entries


def _shards(items: list[tuple[Path, str]], count: int) -> list[list[tuple[Path, str]]]:
    size = -(-len(items) // count)
    return [items[i:i + size] for i in range(0, len(items), size)]


def _work(k: int, ix: Index, shard: list[tuple[Path, str]], index_file: IndexFile, report_type: type,
          results: Any, done: Any) -> None:
    """One worker: its shard into its own segment; the outcome goes on `results`."""
    try:
        quiet_gc()
        writer = FastSegmentWriter(ix, _lk=False, limitmb=LIMIT_MB, codec=codec())
        report = report_type()
        entries: dict[str, Any] = {}
        pending = 0
        for path, name in shard:
            entry = index_file(writer, path, name, report)
            if entry:
                entries[name] = entry
            pending += 1
            if pending == PROGRESS_EVERY:
                done.put(pending)
                pending = 0
        segment = writer._finalize_segment() if writer._added else None
        if segment is None:
            writer._close_segment()
        # no writer._finish(): it would delete the temporary folder the parent's writer shares
        done.put(pending)
        results.put((k, segment, entries, report.files, None))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        results.put((k, None, None, None, traceback.format_exc()))


def parallel(writer: SegmentWriter, ix: Index, items: list[tuple[Path, str]], index_file: IndexFile,
             report: Any, progress: Progress, workers: int) -> dict[str, Any]:
    """Index `items` in `workers` processes; `writer` (the locked parent writer) commits them.

    Any worker's failure cancels the build: the caller cancels `writer` and
    throws the generation away.
    """
    from indexer.segment import preload

    preload()  # before fork: the workers share pyvi's model
    ctx = multiprocessing.get_context("fork")
    results, done = ctx.Queue(), ctx.Queue()
    shards = _shards(items, workers)
    procs = [ctx.Process(target=_work, args=(k, ix, shard, index_file, type(report), results, done), daemon=True)
             for k, shard in enumerate(shards)]
    for proc in procs:
        proc.start()
    outcomes: dict[int, tuple] = {}
    try:
        def finished() -> Iterator[Path]:
            paths = iter(p for p, _ in items)
            while len(outcomes) < len(procs):
                try:
                    for _ in range(done.get(timeout=0.5)):
                        yield next(paths)
                except queue.Empty:
                    pass
                _collect(results, outcomes, procs)
            while True:  # the last counts may trail the results
                try:
                    for _ in range(done.get_nowait()):
                        yield next(paths)
                except (queue.Empty, StopIteration):
                    return

        for _ in progress(finished(), len(items)):
            pass
    finally:
        for proc in procs:
            if proc.is_alive() and len(outcomes) < len(procs):
                proc.kill()
            proc.join()
    segments, entries = [], {}
    for k in range(len(procs)):
        _, segment, shard_entries, files, _ = outcomes[k]
        report.files.extend(files)
        entries.update(shard_entries)
        if segment is not None:
            segments.append(segment)
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()
    return entries


def _collect(results: Any, outcomes: dict[int, tuple], procs: list[Any]) -> None:
    """Take finished workers' outcomes; raise on a worker's error or silent death."""
    while True:
        try:
            outcome = results.get_nowait()
        except queue.Empty:
            break
        if outcome[4] is not None:
            raise RuntimeError(f"a build worker failed:\n{outcome[4]}")
        outcomes[outcome[0]] = outcome
    for k, proc in enumerate(procs):
        if k not in outcomes and not proc.is_alive() and proc.exitcode not in (0, None):
            try:  # it may have put its outcome just before exiting
                outcome = results.get(timeout=1.0)
                outcomes[outcome[0]] = outcome
                if outcome[4] is not None:
                    raise RuntimeError(f"a build worker failed:\n{outcome[4]}")
            except queue.Empty:
                raise RuntimeError(f"a build worker died (exit code {proc.exitcode})") from None
