"""Answers shared by the worker processes of one server, each computed once.

Every worker keeps its own in-memory answers (IndexView.answers), so with N
workers a new query would be computed N times, once in each: under load,
right after a start or an index change, that is most of the work. Here a
worker that misses looks in a folder the server's parent made (on tmpfs
where there is one) before computing; the first worker to miss takes a lock
file, computes, and writes the answer; the others wait for it.

Keys name the index generation, so an answer never outlives its index; the
folder is capped at MAX_FILES (oldest removed first) and removed with the
server. Files are written whole (temporary name, then rename), so a reader
never sees half an answer; a worker that dies holding a lock only makes the
others wait WAIT_SECONDS and compute themselves.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

V = TypeVar("V")

MAX_FILES = 4096  # answers kept in the folder; past it the oldest half goes
PRUNE_EVERY = 256  # writes between two looks at the folder's size
WAIT_SECONDS = 2.0  # how long a worker waits for another's answer before computing it itself
POLL_SECONDS = 0.002


PREFIX = "tra-cuu-answers-"


def make_folder() -> Path:
    """A private folder for one server run, on tmpfs when the machine has one.

    Its name carries the server's pid; folders left by servers that were
    killed (no chance to clean up) are removed here.
    """
    shm = Path("/dev/shm")
    parent = shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())
    for stale in parent.glob(f"{PREFIX}*"):
        pid = stale.name[len(PREFIX):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)) and stale.stat().st_uid == os.getuid():
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SharedAnswers:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._writes = 0

    def get_or_compute(self, key: tuple[Any, ...], compute: Callable[[], V]) -> V:
        path = self.folder / hashlib.sha256(repr(key).encode("utf-8")).hexdigest()
        found = self._read(path)
        if found is not None:
            return found
        lock = path.with_suffix(".lock")
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            return self._wait(path, lock, compute)
        except OSError:  # the folder is gone or full: just compute
            return compute()
        try:
            value = compute()
            self._write(path, value)
            return value
        finally:
            with contextlib.suppress(OSError):
                lock.unlink()

    def _wait(self, path: Path, lock: Path, compute: Callable[[], V]) -> V:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            found = self._read(path)
            if found is not None:
                return found
            if not lock.exists():  # the other worker failed; its answer will not come
                break
        return compute()

    @staticmethod
    def _read(path: Path) -> Any:  # noqa: ANN401
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError):
            return None

    def _write(self, path: Path, value: Any) -> None:  # noqa: ANN401
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            temporary.write_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return
        self._writes += 1
        if self._writes % PRUNE_EVERY == 0:
            self._prune()

    def _prune(self) -> None:
        """Past MAX_FILES answers, remove the oldest half."""
        try:
            entries = [e for e in os.scandir(self.folder) if "." not in e.name]
            if len(entries) <= MAX_FILES:
                return
            entries.sort(key=lambda e: e.stat().st_mtime)
            for entry in entries[: len(entries) // 2]:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        except OSError:
            pass
