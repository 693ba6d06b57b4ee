"""Each corpus file read and extracted in isolation: worker processes under limits, and a parent that survives them.

Whatever one file does — raise anything, backtrack for minutes, allocate
gigabytes, crash the parser — it is reported by name with a Vietnamese
reason and every other file is indexed:

- `guarded` runs one file's reading and extraction under a wall-time alarm
  (SIGALRM: Python's `re` and bytecode stop at it) and turns any exception,
  MemoryError included, into UnreadableFile;
- `run_shards` forks one worker per shard with an address-space limit
  (RLIMIT_AS, inherited by the tools the worker starts: pdftoppm, tesseract,
  catdoc), each with a pipe of its own (no lock a killed worker could hold).
  A worker says which file it starts; one that dies, or that outlives a file's
  limit inside C code the alarm cannot stop, is killed and its file reported,
  and its shard runs again without that file.

Workers are forked processes, not a ProcessPoolExecutor: the pool cannot kill
one stuck task, and a dead worker breaks every task in it (BrokenProcessPool).
Cost, `python -m bench.isolation --count 10000 --rounds 2`, alternating
rounds in one run against b5631d8 (no isolation, and without issue 18's pair
fields), 2026-12-06 load 4–6: 185.3 vs 201.8 s in round 1 (+8.9 %), 141.1 vs
128.9 s in round 2 (−8.6 %); best rounds 70.8 vs 77.6 files/s. Not yet
measured: pebble's ProcessPool (per-task timeout, survives a dead worker),
the library to try before this file grows.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

import psutil

from common.processes import die_with_parent
from indexer import limits
from indexer.readers.base import UnreadableFile

T = TypeVar("T")
Item = TypeVar("Item")
GRACE_SECONDS = 30.0  # past a file's limit, before its worker is killed (the alarm comes first)


class WorkerFailed(RuntimeError):
    """What a worker's own work let out (not one file's reading): a full disk, a bug; fails the run."""

    def __init__(self, message: str, errno: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno


class _TimeLimit(BaseException):
    """Raised by the alarm; a BaseException so that no reader's `except Exception` swallows it."""


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """SIGALRM after `seconds` in the main thread; elsewhere (a thread of a test) nothing."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def ring(signum: int, frame: Any) -> None:
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guarded(work: Callable[[], T], seconds: float | None = None) -> T:
    """`work()` (one file's reading and extraction) within the limit; whatever it raises becomes UnreadableFile."""
    seconds = limits.current().FILE_SECONDS if seconds is None else seconds
    try:
        with _alarm(seconds):
            return work()
    except UnreadableFile:
        raise
    except _TimeLimit:
        raise UnreadableFile(time_reason(seconds)) from None
    except MemoryError:
        raise UnreadableFile(memory_reason()) from None
    except RecursionError:
        raise UnreadableFile("cấu trúc tệp lồng nhau quá sâu, không đọc được (nested too deep)") from None
    except Exception as err:  # a reader's bug or a parser's surprise: this file only
        where = traceback.extract_tb(err.__traceback__)[-1]
        raise UnreadableFile(f"lỗi khi đọc tệp: {type(err).__name__} ở {os.path.basename(where.filename)}:"
                             f"{where.lineno} (reader error)") from None


def time_reason(seconds: float) -> str:
    return f"đọc và trích xuất quá {seconds:.0f} giây, bỏ dở (time limit)"


def memory_reason() -> str:
    return f"cần quá {limits.current().MEMORY_MB:.0f} MB bộ nhớ, bỏ dở (memory limit)"


def limit_memory() -> None:
    """In a worker: at most MEMORY_MB of address space beyond what it inherited at the fork.

    Counted from the fork, not from zero: the parent's address space comes along, and a parent that
    grew (a watcher running for weeks; the test process after the crash tests, 1,250 MB) would leave a
    worker over a 1,024 MB limit from birth, where every allocation and SQLite's mmap fail ("disk I/O
    error" in the text cache, Dec 2026). The tools a worker starts (pdftoppm, tesseract) begin small and
    inherit the same bound, a looser one for them.
    """
    wanted = psutil.Process().memory_info().vms + limits.current().memory_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))


# -- worker processes ----------------------------------------------------------------


@dataclass
class Outcome(Generic[Item]):
    """What the shards gave back, and the items whose worker died on them (item, reason)."""

    results: list[Any] = field(default_factory=list)
    lost: list[tuple[Item, str]] = field(default_factory=list)


class Tracker:
    """In a worker: tells the parent which item it starts and how many it finished."""

    def __init__(self, pipe: Connection) -> None:
        self.pipe = pipe

    def start(self, index: int) -> None:
        self.pipe.send(("start", index, time.monotonic()))

    def done(self, count: int = 1) -> None:
        self.pipe.send(("done", count, 0.0))


Work = Callable[[Sequence[Any], Tracker], Any]


def _child(work: Work, shard: Sequence[Any], pipe: Connection, setup: Callable[[], None]) -> None:
    die_with_parent()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # systemd stops the group: the parent finishes, then ends us
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory()
    setup()
    try:
        pipe.send(("result", work(shard, Tracker(pipe)), 0.0))
    except BaseException as err:  # reported to the parent, which fails the run with it
        frames = traceback.extract_tb(err.__traceback__)[-3:]  # where, for whoever reads the log
        where = "; ".join(f"{os.path.basename(f.filename)}:{f.lineno}" for f in frames)
        pipe.send(("error", (f"{type(err).__name__}: {err} ({where})", getattr(err, "errno", None)), 0.0))
    finally:
        pipe.close()


@dataclass
class _Running(Generic[Item]):
    process: Any
    pipe: Connection
    shard: list[Item]
    current: int = -1
    started: float = 0.0
    killed_for_time: bool = False


def run_shards(shards: Sequence[list[Item]], work: Work, progress: Callable[[int], None] = lambda n: None,
               setup: Callable[[], None] = lambda: None, seconds: float | None = None) -> Outcome[Item]:
    """`work(shard, tracker)` in one forked worker per shard; its return values, and the items lost.

    An item whose worker dies (or is killed past `seconds` + GRACE_SECONDS) is
    lost with the reason; the rest of its shard runs again in a new worker.
    An exception `work` itself lets out fails the run (WorkerFailed).
    """
    seconds = limits.current().FILE_SECONDS if seconds is None else seconds
    context = multiprocessing.get_context("fork")
    outcome: Outcome[Item] = Outcome()
    todo = [list(s) for s in shards if s]
    running: list[_Running[Item]] = []
    try:
        for shard in todo:
            running.append(_spawn(context, work, shard, setup))
        while running:
            ready = wait([r.pipe for r in running] + [r.process.sentinel for r in running], timeout=1.0)
            for job in list(running):
                if job.pipe in ready and _receive(job, outcome, progress):
                    job.process.join()
                    running.remove(job)
                elif job.process.sentinel in ready or _overdue(job, seconds):
                    running.remove(job)
                    restart = _bury(job, outcome, seconds)
                    if restart:
                        running.append(_spawn(context, work, restart, setup))
    finally:
        for job in running:
            with contextlib.suppress(OSError):
                job.process.kill()
            job.process.join()
    return outcome


def _spawn(context: Any, work: Work, shard: list[Any], setup: Callable[[], None]) -> _Running[Any]:
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, shard, writer, setup), daemon=True)
    process.start()
    writer.close()
    return _Running(process, reader, shard)


def _receive(job: _Running[Any], outcome: Outcome[Any], progress: Callable[[int], None]) -> bool:
    """Read what the worker sent; True once it sent its result."""
    while job.pipe.poll():
        try:
            kind, value, at = job.pipe.recv()
        except (EOFError, OSError):
            return False  # it died: its sentinel says so next
        if kind == "start":
            job.current, job.started = value, at
        elif kind == "done":
            progress(value)
        elif kind == "result":
            outcome.results.append(value)
            return True
        else:
            raise WorkerFailed(*value)
    return False


def _overdue(job: _Running[Any], seconds: float) -> bool:
    if job.current < 0 or seconds <= 0 or time.monotonic() - job.started < seconds + GRACE_SECONDS:
        return False
    job.killed_for_time = True
    with contextlib.suppress(OSError):
        job.process.kill()
    return True


def _bury(job: _Running[Any], outcome: Outcome[Any], seconds: float) -> list[Any]:
    """A dead worker: its current item is lost (with the reason); the rest of its shard, to run again."""
    job.process.join()
    with contextlib.suppress(EOFError, OSError):
        while job.pipe.poll():  # what it sent before dying
            kind, value, at = job.pipe.recv()
            if kind == "start":
                job.current = value
            elif kind == "result":
                outcome.results.append(value)
                return []
    if job.current < 0:
        raise WorkerFailed(f"tiến trình lập chỉ mục dừng trước khi đọc tệp nào (exit {job.process.exitcode})")
    code = job.process.exitcode
    if job.killed_for_time:
        reason = time_reason(seconds)
    elif code == -signal.SIGKILL:
        reason = f"tiến trình đọc tệp bị dừng (hết bộ nhớ?), giới hạn {limits.current().MEMORY_MB:.0f} MB (killed)"
    else:
        reason = f"tiến trình đọc tệp dừng đột ngột (mã {code}) (reader crashed)"
    outcome.lost.append((job.shard[job.current], reason))
    return job.shard[:job.current] + job.shard[job.current + 1:]


def worker_count() -> int:
    """INDEX_WORKERS, else the cores this process may use (at most 8)."""
    configured = os.environ.get("INDEX_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(1, min(8, len(os.sched_getaffinity(0))))


def quiet_gc() -> None:
    """In a build worker: fewer collections while indexing. The build allocates millions of small,
    acyclic objects, and each generation-0 pass over them is wasted work. Objects alive now
    (pyvi's model, the schema) are frozen out of collection."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def shards(items: list[Any], workers: int) -> list[list[Any]]:
    """Contiguous shards, one a worker (documents keep the corpus order)."""
    size = max(1, -(-len(items) // workers))
    return [items[i:i + size] for i in range(0, len(items), size)]
