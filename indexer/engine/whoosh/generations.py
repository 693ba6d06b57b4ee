"""The Whoosh collection on disk: generations swapped in whole, and one write lock.

Layout of an index folder:

    CURRENT            name of the live generation (replaced atomically)
    gen-<stamp>/       a Whoosh index + sources.json (the pipeline's notes per corpus file)
    .lock              held by the one writer allowed to write (filelock)

A full build writes a new generation next to the live one and swaps CURRENT
only when it is complete, so a crash or a bad file mid-build leaves the
previous index searchable. An update does the same from a copy of the live
generation (hard links: Whoosh never rewrites a file, it only adds and
deletes), so a live generation never changes: a reader that opens it late
still sees the documents its view was built from, and a crash mid-update
leaves the live index as it was. The next writer removes what a killed one
left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from indexer.engine.base import IndexLocked, NoIndex

CURRENT = "CURRENT"
SOURCES = "sources.json"
LEGACY_SOURCES = "manifest.json"  # what generations written before the engine boundary call it
LOCK = ".lock"


@contextlib.contextmanager
def write_lock(root: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the index's write lock; wait up to `wait` seconds, then IndexLocked.

    filelock's lock is flock(2): the kernel releases it when the holder dies,
    so a killed build never leaves a stale lock behind. Forked build workers
    share the locked file, but they end with their parent however it ends
    (see indexer.pipeline), so none outlives it holding the lock.
    """
    root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(root / LOCK, timeout=wait, thread_local=False)
    try:
        lock.acquire(poll_interval=0.1)
    except Timeout:
        raise IndexLocked(
            f"một tiến trình lập chỉ mục khác đang ghi vào {root}; hãy đợi nó xong "
            f"hoặc chạy lại với --wait SỐ_GIÂY (another indexer is writing {root}; "
            "wait for it or retry later)"
        ) from None
    try:
        yield
    finally:
        lock.release()


def current_generation(root: Path) -> Path | None:
    """The live generation folder, or None when there is no complete index."""
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = root / name
    return path if name and ((path / SOURCES).exists() or (path / LEGACY_SOURCES).exists()) else None


def live_generation(root: Path) -> Path:
    gen = current_generation(root)
    if gen is None:
        raise NoIndex(f"no index in {root}: run `python -m indexer build`")
    return gen


def open_unmapped(folder: Path) -> Index:
    """The Whoosh index in `folder`, read with plain reads instead of mmap.

    Whoosh opens a compound segment's files from an mmap as in-memory copies
    (BytesIO over the mapped bytes): every searcher, and there is one per
    server thread, held a private copy of the postings, 70 MB each on 10,000
    documents. Plain reads copy nothing and are as fast here.
    """
    return FileStorage(str(folder), supports_mmap=False).open_index()


def read_sources(gen: Path) -> dict[str, Any]:
    path = gen / SOURCES if (gen / SOURCES).exists() else gen / LEGACY_SOURCES
    return json.loads(path.read_text(encoding="utf-8"))["files"]


def write_sources(gen: Path, sources: dict[str, Any]) -> None:
    write_atomic(gen / SOURCES, json.dumps({"files": sources}, ensure_ascii=False))


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_live(root: Path, gen: Path, keep: set[str]) -> None:
    """Swap CURRENT to `gen`, then remove every generation but `gen` and `keep`."""
    write_atomic(root / CURRENT, gen.name)
    remove_stale(root, keep | {gen.name})


def remove_stale(root: Path, keep: set[str]) -> None:
    """Old generations go once a newer one is live; open readers keep their files (POSIX).

    Also what a killed writer left: half-written generations and temporary files
    (only the lock holder writes, so none of them is in use).
    """
    for child in root.glob("gen-*"):
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
    for leftover in root.glob(f".{CURRENT}.*.tmp"):
        leftover.unlink(missing_ok=True)


def new_generation(root: Path) -> Path:
    gen = root / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
    gen.mkdir(parents=True)
    return gen


def copy_generation(live: Path, gen: Path) -> None:
    """The live generation's Whoosh files into `gen`, as hard links where the file system allows."""
    for item in live.iterdir():
        if item.name in (SOURCES, LEGACY_SOURCES) or item.name.endswith(("WRITELOCK", ".tmp")) or not item.is_file():
            continue
        try:
            os.link(item, gen / item.name)
        except OSError:
            shutil.copy2(item, gen / item.name)
