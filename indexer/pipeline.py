"""The indexing pipeline: corpus files → text → records → a Writer of the engine.

A full build reads, extracts and adds the whole corpus into a fresh
collection that replaces the live one at commit; an update adds new and
changed files and removes deleted ones. Which files are indexed, with what
digest and ids, is noted per file in the collection (Writer.set_sources), so
an update knows what changed. Builds of many files run on every core: one
worker process per shard reads, extracts and writes its own part
(Writer.part), forked after pyvi is loaded so the model is shared; workers
end with the build however it ends (SIGKILL included: PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from indexer.corpus import (
    SUFFIXES,
    UnreadableFile,
    limit_text,
    list_files,
    path_digest,
    read_document,
    record_id,
)
from indexer.engine import IndexLocked, NoIndex, Writer, open_engine, open_writer
from indexer.extract import extract_records
from indexer.firstseen import FirstSeen
from indexer.processes import die_with_parent
from indexer.readers.base import stat_key
from indexer.record import Record

PARALLEL_MIN_FILES = 400  # below this a serial build is as fast (forking costs more than it saves)
PROGRESS_EVERY = 20  # files per progress message from a worker

__all__ = ["BuildReport", "FileReport", "IndexLocked", "NoIndex", "build", "export_records", "records_of_file",
           "update"]


@dataclass
class FileReport:
    name: str
    records: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)  # record id → fields
    error: str | None = None  # not indexed, and why
    warning: str | None = None  # indexed, but not whole (text cut at corpus.MAX_TEXT_CHARS)


@dataclass
class BuildReport:
    files: list[FileReport] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    generation: str = ""

    @property
    def documents(self) -> int:
        return sum(1 for f in self.files if f.error is None)

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]

    @property
    def warnings(self) -> list[FileReport]:
        return [f for f in self.files if f.warning]


Progress = Callable[[Iterator[Path], int], Iterator[Path]]


def _no_progress(items: Iterator[Path], total: int) -> Iterator[Path]:
    return items


def records_of_file(path: Path, name: str) -> tuple[list[Record], str]:
    """Records of one corpus file and its digest; UnreadableFile when it cannot be read."""
    records, digest, _ = _read_records(path, name)
    return records, digest


def _read_records(path: Path, name: str) -> tuple[list[Record], str, str | None]:
    """Records, digest, and a note when the text was too long to index whole."""
    text, digest, provenance = read_document(path)
    text, note = limit_text(text)
    records = extract_records(text, record_id(name), name)
    if not records or not any(r.text for r in records):
        raise UnreadableFile("không có nội dung văn bản (no text)")
    for record in records:
        record.provenance = provenance
    return records, digest, "; ".join([*provenance.get("notes", []), *([note] if note else [])]) or None


_FIRST_SEEN: dict[str, FirstSeen] = {}  # the index being written → its first-seen times (set by build/update)


def _keep_first_seen(root: Path | str) -> None:
    """First-seen times live in the index folder; an OpenSearch location (a URL) has none yet."""
    _FIRST_SEEN.pop("store", None)
    if "://" not in str(root):
        _FIRST_SEEN["store"] = FirstSeen(Path(root))


def _index_file(writer: Any, path: Path, name: str, report: BuildReport) -> dict[str, Any] | None:
    """Add one file's records to a writer (or a build part); note the outcome in the report."""
    file_report = FileReport(name)
    report.files.append(file_report)
    try:
        seen = stat_key(path)  # before reading: a later change gives a new key
        records, digest, file_report.warning = _read_records(path, name)
    except UnreadableFile as err:
        file_report.error = str(err)
        return None
    if "store" in _FIRST_SEEN:
        added = _FIRST_SEEN["store"].added(digest)
        for record in records:
            record.added = added
    writer.add(records)
    for record in records:
        if record.missing():
            file_report.missing[record.id] = record.missing()
    file_report.records = len(records)
    return {"digest": digest, "ids": [r.id for r in records], "stat": seen}


def build(corpus_dir: Path, root: Path, progress: Progress = _no_progress, wait: float = 0.0) -> BuildReport:
    """Index every file of the corpus into a fresh collection, made live when complete."""
    started = time.monotonic()
    report = BuildReport()
    _keep_first_seen(root)
    with open_writer(root, fresh=True, wait=wait) as writer:
        items = [(p, p.relative_to(corpus_dir).as_posix()) for p in list_files(corpus_dir)]
        workers = worker_count()
        if workers > 1 and len(items) >= PARALLEL_MIN_FILES:
            sources = _parallel(writer, items, report, progress, workers)
        else:
            sources = _serial(writer, items, report, progress)
        writer.set_sources(sources)
        report.generation = getattr(writer, "generation", "")
    report.added = report.records
    report.seconds = time.monotonic() - started
    return report


def update(corpus_dir: Path, root: Path, progress: Progress = _no_progress, wait: float = 0.0,
           only: Sequence[str] | None = None) -> BuildReport:
    """Add new and changed files, remove deleted ones, leave the rest untouched.

    With `only` (corpus-relative names), just those files are looked at: added
    or re-indexed when present, removed when gone. The corpus folder is not
    scanned, so one new document goes in within a second whatever the size
    of the collection. Without a collection yet, a full build.
    """
    started = time.monotonic()
    report = BuildReport()
    _keep_first_seen(root)
    writer = open_writer(root, fresh=False, wait=wait)
    with writer:
        known = writer.sources()
        if not known:
            writer.cancel()
            return build(corpus_dir, root, progress, wait)
        if only is None:
            paths = {p.relative_to(corpus_dir).as_posix(): p for p in list_files(corpus_dir)}
            deleted = sorted(set(known) - set(paths))
        else:
            paths = _named_files(corpus_dir, only)
            deleted = sorted({Path(n).as_posix() for n in only} & set(known) - set(paths))
        changed = []
        for name, path in paths.items():
            if _digest_if_changed(path, known.get(name)) is None:
                report.unchanged += 1
                if known[name].get("stat") is None:  # indexed before stat keys: remember it now
                    known[name]["stat"] = stat_key(path)
            else:
                changed.append(name)
        if not deleted and not changed:
            writer.cancel()
            report.seconds = time.monotonic() - started
            return report
        for name in deleted:
            old_ids = known.pop(name)["ids"]
            writer.delete(old_ids)
            report.removed += len(old_ids)
        for name in progress(iter(changed), len(changed)):
            old = known.pop(name, None)
            if old:
                writer.delete(old["ids"])
                report.removed += len(old["ids"])
            entry = _index_file(writer, paths[name], name, report)
            if entry:
                known[name] = entry
                report.added += len(entry["ids"])
        writer.set_sources(known)
        report.generation = getattr(writer, "generation", "")
    report.seconds = time.monotonic() - started
    return report


# -- builds on every core -------------------------------------------------------------

Items = list[tuple[Path, str]]
_WORKER: dict[str, Any] = {}  # in a build worker: the parent's writer and its progress queue


def worker_count() -> int:
    """INDEX_WORKERS, else the cores this process may use (at most 8)."""
    configured = os.environ.get("INDEX_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(1, min(8, len(os.sched_getaffinity(0))))


@contextlib.contextmanager
def _quiet_gc() -> Iterator[None]:
    """Fewer collections while indexing: the build allocates millions of small,
    acyclic objects, and each generation-0 pass over them is wasted work.
    Objects alive now (pyvi's model, the schema) are frozen out of collection."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(700, 10, 10)


def _serial(writer: Writer, items: Items, report: BuildReport, progress: Progress) -> dict[str, Any]:
    names = dict(items)
    sources: dict[str, Any] = {}
    with _quiet_gc():
        for path in progress(iter(p for p, _ in items), len(items)):
            entry = _index_file(writer, path, names[path], report)
            if entry:
                sources[names[path]] = entry
    return sources


def _start_worker(writer: Writer, done: Any) -> None:
    die_with_parent()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    _WORKER["writer"], _WORKER["done"] = writer, done


def _index_shard(shard: Items) -> tuple[Any, dict[str, Any], list[FileReport]]:
    """In a worker: a shard through its own part of the writer."""
    part = _WORKER["writer"].part()
    report = BuildReport()
    sources: dict[str, Any] = {}
    pending = 0
    for path, name in shard:
        entry = _index_file(part, path, name, report)
        if entry:
            sources[name] = entry
        pending += 1
        if pending == PROGRESS_EVERY:
            _WORKER["done"].put(pending)
            pending = 0
    finished = part.finish()
    _WORKER["done"].put(pending)
    return finished, sources, report.files


def _parallel(writer: Writer, items: Items, report: BuildReport, progress: Progress, workers: int) -> dict[str, Any]:
    """One contiguous shard per worker process (documents keep the corpus order); any
    worker's failure fails the build, and the caller's writer cancels it."""
    from indexer.segment import preload

    preload()  # before fork: the workers share pyvi's model
    context = multiprocessing.get_context("fork")
    done = context.SimpleQueue()
    size = -(-len(items) // workers)
    shards = [items[i:i + size] for i in range(0, len(items), size)]
    before = {child.pid for child in psutil.Process().children()}
    pool = ProcessPoolExecutor(len(shards), mp_context=context, initializer=_start_worker, initargs=(writer, done))
    try:
        futures = [pool.submit(_index_shard, shard) for shard in shards]
        for _ in progress(_finished_files(futures, done, [p for p, _ in items]), len(items)):
            pass
        outcomes = [future.result() for future in futures]
    except BaseException:  # a failed worker or an interrupt: the others stop now, not at the end of their shard
        for child in psutil.Process().children():
            if child.pid not in before:
                with contextlib.suppress(psutil.Error):
                    child.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    sources: dict[str, Any] = {}
    for _, shard_sources, files in outcomes:
        report.files.extend(files)
        sources.update(shard_sources)
    writer.adopt([finished for finished, _, _ in outcomes])
    return sources


def _finished_files(futures: list[Future], done: Any, paths: list[Path]) -> Iterator[Path]:
    """The paths as the workers report them done; raises a worker's error as soon as it is known."""
    remaining = iter(paths)
    while True:
        finished, pending = wait(futures, timeout=0.2, return_when=FIRST_EXCEPTION)
        for future in finished:
            future.result()  # a worker's error (or death: BrokenProcessPool) stops the build here
        while not done.empty():
            for _ in range(done.get()):
                yield next(remaining, paths[-1])
        if not pending:
            return

def _named_files(corpus_dir: Path, names: Sequence[str]) -> dict[str, Path]:
    """The named corpus files that exist and would be listed; a name outside the corpus is an error."""
    top = corpus_dir.resolve()
    out = {}
    for raw in names:
        name = Path(raw).as_posix()
        path = corpus_dir / name
        if not path.resolve().is_relative_to(top):
            raise ValueError(f"{raw!r} không nằm trong thư mục văn bản {corpus_dir} (not in the corpus folder)")
        hidden = any(part.startswith(".") for part in Path(name).parts)
        if path.is_file() and not hidden and path.suffix.lower() in SUFFIXES:
            out[name] = path
    return out


def _digest_if_changed(path: Path, entry: dict[str, Any] | None) -> str | None:
    """The file's new digest when it is new or changed, else None.

    A file that cannot be read any more counts as changed, so that its old
    records go and the report names it. A file with the size and modification
    time it had when indexed is unchanged without hashing it (as git and rsync
    judge): an update of one file in 100,000 then takes a second, not a
    minute.
    """
    if entry and entry.get("stat") is not None and entry["stat"] == stat_key(path):
        return None
    try:
        digest = path_digest(path)
    except OSError:
        return "unreadable"
    if entry and entry.get("digest") == digest:
        return None
    return digest


def export_records(root: Path) -> Iterator[dict[str, Any]]:
    """Every record in the live collection, in id order (the JSON Lines contract)."""
    engine = open_engine(root)
    try:
        yield from engine.records()
    finally:
        engine.close()
