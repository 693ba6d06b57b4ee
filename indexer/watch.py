"""A watched inbox: files that land, change or disappear in the corpus folder are indexed.

watchdog reports file events; they are gathered until the folder has been
quiet for QUIET seconds (a scanner or a copy writes a file in many steps),
then one `pipeline.update(only=...)` takes them: the same lock, generation swap
and crash safety as `python -m indexer update`, so a running service sees
the new documents at its next request. A full `update` first catches what
changed while nobody watched.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from indexer import pipeline
from indexer.corpus import SUFFIXES

QUIET = 2.0  # seconds without events before the gathered files are indexed


class _Inbox(FileSystemEventHandler):
    """Corpus-relative names touched since the last update."""

    def __init__(self, corpus: Path) -> None:
        self.corpus = corpus.resolve()
        self.names: set[str] = set()
        self.last = 0.0
        self.lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            name = self._name(raw)
            if name:
                with self.lock:
                    self.names.add(name)
                    self.last = time.monotonic()

    def _name(self, raw: str | bytes) -> str | None:
        if not raw:
            return None
        path = Path(raw.decode() if isinstance(raw, bytes) else raw)
        try:
            rel = path.resolve().relative_to(self.corpus) if path.exists() else path.relative_to(self.corpus)
        except ValueError:
            return None
        if any(part.startswith(".") for part in rel.parts) or rel.suffix.lower() not in SUFFIXES:
            return None
        return rel.as_posix()

    def give_back(self, names: list[str]) -> None:
        with self.lock:
            self.names.update(names)
            self.last = time.monotonic()

    def take_if_quiet(self) -> list[str]:
        with self.lock:
            if not self.names or time.monotonic() - self.last < QUIET:
                return []
            names, self.names = sorted(self.names), set()
            return names


def watch(corpus: Path, index: Path, report: Callable[[pipeline.BuildReport], None],
          stop: threading.Event | None = None, poll: float = 0.5,
          before: Callable[[list[str] | None], None] = lambda names: None) -> None:
    """Index the corpus now, then every change as it lands, until `stop` is set (or Ctrl-C).

    `before(names)` runs ahead of each update (None: the whole corpus): the command line OCRs
    new scans there, in worker processes.
    """
    stop = stop or threading.Event()
    inbox = _Inbox(corpus)
    observer = Observer()
    observer.schedule(inbox, str(corpus.resolve()), recursive=True)  # absolute paths in events, even for a deletion
    observer.start()
    try:
        before(None)
        report(pipeline.update(corpus, index, wait=60.0))
        while not stop.wait(poll):
            names = inbox.take_if_quiet()
            if names:
                before(names)
                try:
                    report(pipeline.update(corpus, index, wait=60.0, only=names))
                except pipeline.IndexLocked:
                    inbox.give_back(names)  # another indexer (a full build) holds the index: next round
    finally:
        observer.stop()
        observer.join()
