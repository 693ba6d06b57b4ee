"""Corpus file → text page by page, and how it was obtained: one function, `read`.

The reader is chosen by the file's content (registry.sniff: each format's
module declares its signature), never its name. Slow readings (OCR) are
cached by file digest (cache.py), and done before a build in worker processes
(prefetch.py). Every reader raises UnreadableFile with a Vietnamese reason;
the build reports it and goes on.
"""

from __future__ import annotations

from pathlib import Path

from indexer.readers import cache, legacy, registry
from indexer.readers.base import Reading, UnreadableFile
from indexer.readers.formats import plain

__all__ = ["Reading", "UnreadableFile", "read", "read_bytes", "suffixes"]


def suffixes() -> set[str]:
    """File names listed as corpus files (which reader runs is still decided by the content)."""
    return registry.suffixes()


def read(path: Path, data: bytes, digest: str) -> Reading:
    """The file's Reading; `data` are its bytes (already read, for the digest), `digest` the cache key."""
    form = registry.sniff(path, data[:8192])
    if form.slow:
        cached = cache.get(digest)
        if cached is not None:
            return cached
        failed = cache.failure(digest)
        if failed:
            raise UnreadableFile(failed)
    reading = form.read(path, data)
    if form.slow and reading.ocr_pages:
        cache.put(digest, reading)
    return _old_encoding(reading) if form.fonts else reading


def _old_encoding(reading: Reading) -> Reading:
    """Text typed in a TCVN3 or VNI font (Word, RTF, HTML, a PDF's layer) converted to Unicode.

    Those fonts' letters reach us as Windows-1252 characters; the words decide (legacy.convert).
    OCR text is read from the page's pictures, never in a font encoding.
    """
    if reading.encoding or reading.method == "ocr":
        return reading
    _, encoding = legacy.convert("\n".join(reading.pages))
    if encoding:
        reading.pages = [legacy.CONVERTERS[encoding](page) for page in reading.pages]
        reading.encoding = encoding
        reading.notes.append(f"đã chuyển từ bảng mã {encoding} sang Unicode (converted from {encoding})")
    return reading


def read_bytes(data: bytes) -> Reading:
    """A text file's bytes → Reading (no file needed)."""
    return plain.read(data)
