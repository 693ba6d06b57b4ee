"""What is kept per file, by file digest, outside the index's generations: failures, withheld files, first-seen times.

- A 100,000-page PDF that ran out of time, a password-protected PDF, a
  document stamped MẬT: each is noted (digest, name, reason, time) by the
  build or update that met it, and the next run reports it from here without
  reading it (`--retry-failed` reads them again). `python -m indexer status`
  and the admin page list them.
- When each file's bytes were first indexed (the Record's `added`): a followed
  search lists documents by the time they came into the collection, and a
  rebuild of the same files keeps every time (no flood of old news).

sqlite3 (the standard library's; one small file beside the index, in var/ for
a cluster). Only the parent process opens it: before a run forks its workers
it reads a `Snapshot` (plain dictionaries), the workers look files up in it,
and the parent writes the run's outcomes afterwards. SQLite must not be used
across fork: a worker forked while this process held SQLite state failed with
"disk I/O error" (the full test suite, after the hardening tests, Dec 2026).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

FILE = "file-state.sqlite3"
FAILED, WITHHELD = "failed", "withheld"
FAULTS = (OSError, sqlite3.Error)  # a full disk or a damaged file costs a retry, never the build


@dataclass(frozen=True)
class Entry:
    digest: str
    name: str
    kind: str  # FAILED or WITHHELD
    reason: str  # why it failed, or the secrecy mark found (MẬT, TỐI MẬT, TUYỆT MẬT)
    at: float  # seconds since the epoch

    @property
    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.at))


def location(index: Path | str) -> Path:
    """Beside a Whoosh index; in var/ of the working folder for a cluster (its index is a URL)."""
    return (Path("var") if "://" in str(index) else Path(index)) / FILE


class FileState:
    """The table of one index; every method tolerates a missing or unwritable file."""

    def __init__(self, index: Path | str) -> None:
        self.path = location(index)
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is None:
            with contextlib.suppress(*FAULTS):
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30)
                db.execute("CREATE TABLE IF NOT EXISTS files (digest TEXT PRIMARY KEY, name TEXT, kind TEXT, "
                           "reason TEXT, at REAL)")
                db.execute("CREATE TABLE IF NOT EXISTS first_seen (digest TEXT PRIMARY KEY, added TEXT NOT NULL)")
                self._db = db
        return self._db

    def get(self, digest: str) -> Entry | None:
        db = self._connect()
        if db is None:
            return None
        with contextlib.suppress(*FAULTS):
            row = db.execute("SELECT digest, name, kind, reason, at FROM files WHERE digest = ?", (digest,)).fetchone()
            return Entry(*row) if row else None
        return None

    def note(self, digest: str, name: str, kind: str, reason: str) -> None:
        db = self._connect()
        if db is not None:
            with contextlib.suppress(*FAULTS), db:
                db.execute("DELETE FROM files WHERE name = ?", (name,))
                db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                           (digest, name, kind, reason, time.time()))

    def forget(self, names: list[str]) -> None:
        """Names indexed since, changed or gone."""
        db = self._connect()
        if db is not None and names:
            with contextlib.suppress(*FAULTS), db:
                db.executemany("DELETE FROM files WHERE name = ?", [(n,) for n in names])

    def keep_only(self, names: set[str]) -> None:
        """After a full build: only the files it failed on or withheld stay listed."""
        self.forget([e.name for e in self.entries() if e.name not in names])

    def entries(self, kind: str | None = None) -> list[Entry]:
        db = self._connect() if self.path.exists() else None
        if db is None:
            return []
        with contextlib.suppress(*FAULTS):
            rows = db.execute("SELECT digest, name, kind, reason, at FROM files ORDER BY kind, name").fetchall()
            return [Entry(*row) for row in rows if kind is None or row[2] == kind]
        return []

    def first_seen(self) -> dict[str, str]:
        """digest → ISO time its bytes were first indexed."""
        db = self._connect() if self.path.exists() else None
        if db is None:
            return {}
        with contextlib.suppress(*FAULTS):
            return dict(db.execute("SELECT digest, added FROM first_seen").fetchall())
        return {}

    def keep_first_seen(self, times: Iterable[tuple[str, str]]) -> None:
        """Times of digests seen for the first time; a digest already known keeps its time."""
        db = self._connect()
        if db is not None:
            with contextlib.suppress(*FAULTS), db:
                db.executemany("INSERT OR IGNORE INTO first_seen (digest, added) VALUES (?, ?)", list(times))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def now() -> str:
    """The current time as ISO 8601 UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Snapshot:
    """What workers need of the state, read before they are forked: no SQLite crosses a fork."""

    known: dict[str, Entry]  # digest → failure or withholding
    added: dict[str, str]  # digest → first-seen time
    started: str  # this run's time: the first-seen time of bytes not seen before

    def added_of(self, digest: str) -> str:
        return self.added.get(digest, self.started)


def snapshot(index: Path | str) -> Snapshot:
    state = FileState(index)
    try:
        return Snapshot({e.digest: e for e in state.entries()}, state.first_seen(), now())
    finally:
        state.close()


class Outcome(Protocol):
    """What a build says of one file (pipeline.FileReport)."""

    name: str
    error: str | None
    withheld: str | None
    digest: str | None
    lasting: bool
    records: int


def remember(index: Path | str, files: Iterable[Outcome], full: bool, started: str | None = None) -> None:
    """A run's outcomes into the state, by digest: failures and withheld files noted, the files indexed now
    (or gone) out of that list, and the first-seen time (`started`) of bytes indexed for the first time.

    After a full build (`full`) only what it failed on or withheld stays listed.
    """
    state = FileState(index)
    files = list(files)
    try:
        if started is not None:
            state.keep_first_seen((f.digest, started) for f in files if f.digest and f.records)
        kept, seen = set(), []
        for f in files:
            seen.append(f.name)
            if f.withheld and f.digest:
                state.note(f.digest, f.name, WITHHELD, f.withheld)
            elif f.error and f.digest and f.lasting:
                state.note(f.digest, f.name, FAILED, f.error)
            else:
                continue
            kept.add(f.name)
        if full:
            state.keep_only(kept)
        else:
            state.forget([name for name in seen if name not in kept])
    finally:
        state.close()
