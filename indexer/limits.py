"""Every limit a corpus file is read under, in one place (README "Limits").

An office's inbox holds whatever arrives: a 1 MB .docx holding 1 GB of XML,
a PDF with a 10,000-point page, a first line of 100,000 characters. Each
file is read and extracted in a worker process (indexer/isolation.py) under
these limits; a file past one is reported by name with the reason, and every
other file is indexed. The defaults suit a 2-core, 4 GB office server: two
workers of at most MEMORY_MB each, beside the parent and the web service.
Each can be set by an environment variable of the same name with the
INDEXER_ prefix (INDEXER_FILE_SECONDS=300 …); tests lower them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


def _env(name: str, default: float) -> float:
    value = os.environ.get(f"INDEXER_{name}")
    try:
        return float(value) if value else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """The limits in force (read from the environment when `current()` is called)."""

    FILE_SECONDS: float = 120.0  # reading one file (OCR aside) and extracting its records
    OCR_SECONDS: float = 900.0  # OCR of one file, all its pages (a 30-page scan takes ~3 min on one core)
    # address space a worker may add to what it inherited (and the tools it starts): 640 keeps the room a CLI
    # build had when the limit counted from zero (1,024 MB, of which 368 MB inherited at the fork)
    MEMORY_MB: float = 640.0
    MAX_BYTES: float = 50 * 1024 * 1024  # a larger file is reported, never read
    INFLATED_MB: float = 200.0  # bytes inflated from one .docx/.odt, counted while inflating
    MAX_PAGES: float = 2000.0  # pages of one PDF (a 2,000-page gazette volume is the largest seen)
    PAGE_PIXELS: float = 40e6  # pixels of one rendered page: A4 at 300 dpi is 8.7 million, A3 17.4
    MAX_TEXT_CHARS: float = 500_000  # longer texts are indexed up to here (about 250 pages) and reported
    STABLE_SECONDS: float = 2.0  # the watcher reads a file once its size and mtime held this long

    @property
    def memory_bytes(self) -> int:
        return int(self.MEMORY_MB * 1024 * 1024)


def current() -> Limits:
    """The defaults, each overridden by INDEXER_<NAME> when set."""
    return Limits(**{f.name: _env(f.name, f.default) for f in fields(Limits)})


def table() -> list[tuple[str, float, str]]:
    """(environment variable, value in force, default) for the README and `python -m indexer status`."""
    now = current()
    return [(f"INDEXER_{f.name}", getattr(now, f.name), str(f.default)) for f in fields(Limits)]
