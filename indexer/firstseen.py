"""When each file was first indexed, kept by file digest (the Record's `added`).

A followed search (the Atom feed) lists documents by the time they came into
the collection, not by their issue date: an old decree added today is news.
The time is kept per file digest in a small SQLite table beside the index
(`<index>/first-seen.sqlite`), outside the generations, so an update or a full
rebuild of the same files keeps every time and does not flood the feeds; a
changed file (a new digest) is new. SQLite (standard library) does the
locking between the build's worker processes; each process opens its own
connection (never one shared across a fork).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

FILE_NAME = "first-seen.sqlite"


def now() -> str:
    """The current time as ISO 8601 UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class FirstSeen:
    """digest → ISO time first indexed; the first time asked is kept for good."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME

    def _db(self) -> sqlite3.Connection:
        """A fresh connection for one call: none is ever held across the build's forks (a child closing an
        inherited SQLite descriptor would drop the parent's POSIX locks)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE IF NOT EXISTS first_seen (digest TEXT PRIMARY KEY, added TEXT NOT NULL)")
        return connection

    def added(self, digest: str, when: str | None = None) -> str:
        """The time `digest` was first seen, recording `when` (default now) if it is new."""
        with closing(self._db()) as db:
            db.execute("INSERT OR IGNORE INTO first_seen (digest, added) VALUES (?, ?)", (digest, when or now()))
            return db.execute("SELECT added FROM first_seen WHERE digest = ?", (digest,)).fetchone()[0]
