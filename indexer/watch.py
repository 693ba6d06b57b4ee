"""A watched inbox: files that land, change or disappear in the corpus folder are indexed.

watchdog reports file events. A file is taken only once it is whole: its
size and mtime unchanged for STABLE_SECONDS (limits.py), and either its
writer closed it (inotify's close-after-write, or a move into the folder)
or it has not changed for UNCLOSED_SECONDS (a writer that pauses between
two halves keeps the file open, so it is never read half). Then one
`pipeline.update(only=...)` takes the ready files: the same lock, generation
swap and crash safety as `python -m indexer update`, so a running service
sees the new documents at its next request. A folder moved out or deleted
takes its records with it. A full `update` first catches what changed while
nobody watched.

Nothing a path does ends the watcher: an error in one round is reported
(`problem`) and the next round goes on. SIGTERM (systemd's stop) finishes
the round in hand and returns.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from indexer import limits, pipeline
from indexer.corpus import SUFFIXES

UNCLOSED_SECONDS = 60.0  # a file never seen closed (a network share without inotify) is taken after this


@dataclass
class _Seen:
    since: float  # when it last changed
    closed: bool  # its writer closed it (or it was moved in) since it last changed
    key: tuple[int, int] | None = None  # (size, mtime) when last looked at; None: gone
    looked: bool = False


class _Inbox(FileSystemEventHandler):
    """Corpus-relative names touched and not yet indexed, with what is known of each."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = Path(corpus).absolute()
        self.seen: dict[str, _Seen] = {}
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return
        closed = event.event_type in ("closed", "moved") or event.is_directory  # a folder is never half written
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            name = self._name(raw, event.is_directory)
            if name:
                with self.lock:
                    self.seen[name] = _Seen(time.monotonic(), closed)

    def _name(self, raw: str | bytes, folder: bool) -> str | None:
        """The corpus-relative name of an event's path (not resolved: a link is judged where it stands)."""
        if not raw:
            return None
        path = Path(raw.decode(errors="replace") if isinstance(raw, bytes) else raw)
        try:
            rel = path.relative_to(self.corpus)
        except ValueError:
            return None
        if not rel.parts or any(part.startswith(".") for part in rel.parts):
            return None
        if not folder and rel.suffix.lower() not in SUFFIXES:
            return None
        return rel.as_posix()

    def give_back(self, names: list[str]) -> None:
        with self.lock:
            for name in names:
                self.seen.setdefault(name, _Seen(time.monotonic(), True))

    def take_ready(self, stable: float, unclosed: float = UNCLOSED_SECONDS) -> list[str]:
        """Names whose file is whole (see the module docstring) or gone."""
        now = time.monotonic()
        ready = []
        with self.lock:
            for name, seen in list(self.seen.items()):
                key = _stat(self.corpus / name)
                if seen.looked and key != seen.key:
                    seen.key, seen.since = key, now  # changed since the last look: wait again
                    continue
                seen.key, seen.looked = key, True
                quiet = now - seen.since
                whole = seen.closed or quiet >= unclosed or (self.corpus / name).is_symlink()  # a link is never written
                if key is None or (quiet >= stable and whole):
                    ready.append(name)
                    del self.seen[name]
        return sorted(ready)


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.lstat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def watch(corpus: Path, index: Path, report: Callable[[pipeline.BuildReport], None],
          stop: threading.Event | None = None, poll: float = 0.5,
          before: Callable[[list[str] | None], None] = lambda names: None,
          problem: Callable[[str], None] = lambda message: None) -> None:
    """Index the corpus now, then every change as it lands, until `stop` is set (SIGTERM or Ctrl-C).

    `before(names)` runs ahead of each update (None: the whole corpus): the command line OCRs
    new scans there, in worker processes. `problem(message)` hears what went wrong in a round.
    """
    stop = stop or threading.Event()
    _stop_on_sigterm(stop)
    inbox = _Inbox(corpus)
    observer = Observer()
    observer.schedule(inbox, str(Path(corpus).absolute()), recursive=True)  # absolute paths in events
    observer.start()
    try:
        _round(lambda: (before(None), report(pipeline.update(corpus, index, wait=60.0))), problem)
        while not stop.wait(poll):
            names = inbox.take_ready(limits.current().STABLE_SECONDS)
            if names:
                _round(lambda names=names: _update(corpus, index, names, inbox, before, report), problem)
    finally:
        observer.stop()
        observer.join()


def _update(corpus: Path, index: Path, names: list[str], inbox: _Inbox,
            before: Callable[[list[str] | None], None], report: Callable[[pipeline.BuildReport], None]) -> None:
    before(names)
    try:
        report(pipeline.update(corpus, index, wait=60.0, only=names))
    except pipeline.IndexLocked:
        inbox.give_back(names)  # another indexer (a full build) holds the index: next round


def _round(work: Callable[[], object], problem: Callable[[str], None]) -> None:
    """One round of work; whatever it raises is reported and the watcher goes on."""
    try:
        work()
    except pipeline.IndexLocked:
        raise
    except Exception as err:  # a bad path, a full disk, a vanished folder: this round only
        problem(f"{type(err).__name__}: {err}")


def _stop_on_sigterm(stop: threading.Event) -> None:
    """SIGTERM sets `stop`: the round in hand finishes, then watch returns (main thread only)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
