"""OCR before the build: the scans the cache lacks, in worker processes, with a progress bar.

OCR takes seconds a page, indexing a page takes milliseconds: so before a
build or an update, the scans whose text is not yet in the cache (by file
digest) are OCRed in a pool of processes, one file each, each within its
time limit. The build that follows finds every OCR text in the cache and
never waits on Tesseract; a scan that failed is remembered for this run, so
the build reports it (BỎ QUA <tệp>: <lý do>) without trying again. A killed
run loses only the page being read: finished files are in the cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from common.processes import die_with_parent
from indexer.readers import cache, sniff
from indexer.readers.base import UnreadableFile, stat_key
from indexer.readers.formats import pdf

Progress = Callable[[Iterator[Path], int], Iterator[Path]]


def _no_progress(items: Iterator[Path], total: int) -> Iterator[Path]:
    return items


def workers() -> int:
    """INDEX_WORKERS (as the build uses it), else the cores this process may use."""
    configured = os.environ.get("INDEX_WORKERS")
    return max(1, int(configured)) if configured else max(1, len(os.sched_getaffinity(0)))


def needs_ocr(path: Path, digest: str) -> bool:
    """A scan (PDF pages without their text, or an image) whose text the cache lacks?"""
    if cache.get(digest) is not None or cache.has_no_scan(digest) or cache.failure(digest):
        return False
    try:
        kind = _kind(path)
        if kind == "image":
            return True
        if kind == "pdf":
            layer = pdf.text_layer(path)
            scans = pdf.scanned_pages(path, len(layer))
            if any(n in scans and not pdf.holds_page_text(t) for n, t in enumerate(layer, start=1)):
                return True
    except (OSError, UnreadableFile):
        return False  # the build reads it again and reports why
    cache.mark_no_scan(digest)
    return False


def prefetch(paths: Iterable[Path], progress: Progress = _no_progress, processes: int | None = None) -> int:
    """OCR the scans among `paths` that the cache lacks; returns how many were OCRed."""
    from indexer.corpus import path_digest  # corpus imports the readers: imported here, not at the top

    if cache.folder() is None:
        return 0  # no cache to hand the texts over: the build OCRs as it reads
    seen = cache.seen_files()
    todo = []
    for path in paths:
        key = stat_key(path)
        if key is None or seen.get(str(path.resolve())) == key:
            continue  # unchanged since a run that looked at it: an update of one file stats the others only
        try:
            digest = path_digest(path) if _kind(path) in ("pdf", "image") else None
        except OSError:
            continue
        if digest and needs_ocr(path, digest):
            todo.append((path, digest))
        else:
            seen[str(path.resolve())] = key
    cache.save_seen_files(seen)
    if not todo:
        return 0
    count = min(processes or workers(), len(todo))
    with ProcessPoolExecutor(count, mp_context=get_context("fork"), initializer=_one_thread) as pool:
        futures = {pool.submit(_read, path, digest): (path, digest) for path, digest in todo}

        def finished() -> Iterator[Path]:
            try:
                for future in as_completed(futures):
                    path, digest = futures[future]
                    error = future.result()
                    if error:
                        cache.remember_failure(digest, error)
                    yield path
            except BrokenProcessPool:  # a scan killed its worker: the build reads the rest one by one, isolated
                return

        for _ in progress(finished(), len(todo)):
            pass
    return len(todo)


def _kind(path: Path) -> str:
    try:
        with open(path, "rb") as handle:
            return sniff.kind(path, handle.read(8192))
    except OSError:
        return "unreadable"


def _one_thread() -> None:
    """One Tesseract thread per worker process (the processes share the cores); the worker ends with the build,
    within the memory limit (limits.MEMORY_MB, inherited by pdftoppm and tesseract)."""
    from indexer.isolation import limit_memory

    os.environ["OMP_THREAD_LIMIT"] = "1"
    die_with_parent()
    limit_memory()


def _read(path: Path, digest: str) -> str | None:
    """In a worker: read (OCR) one file into the cache; the reason when it cannot be read."""
    from indexer import readers

    try:
        readers.read(path, path.read_bytes(), digest)
    except UnreadableFile as err:
        return str(err)
    except OSError as err:
        return f"không mở được tệp: {err.strerror}"
    return None
