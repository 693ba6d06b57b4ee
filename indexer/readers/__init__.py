"""Corpus file → text page by page, and how it was obtained: one function, `read`.

The reader is chosen by the file's content (sniff.kind), never its name.
Slow readings (OCR) are cached by file digest (cache.py), and done before a
build in worker processes (prefetch.py). Every reader raises
UnreadableFile with a Vietnamese reason; the build reports it and goes on.
"""

from __future__ import annotations

from pathlib import Path

from indexer.readers import cache, doc, docx, legacy, markup, ocr, pdf, plain, sniff
from indexer.readers.base import Reading, UnreadableFile
from indexer.readers.sniff import SUFFIXES

__all__ = ["SUFFIXES", "Reading", "UnreadableFile", "read", "read_bytes"]


def read(path: Path, data: bytes, digest: str) -> Reading:
    """The file's Reading; `data` are its bytes (already read, for the digest), `digest` the cache key."""
    kind = sniff.kind(path, data[:8192])
    if kind == "text":
        return plain.read(data)
    if kind == "html":
        return _old_encoding(markup.read_html(data))
    cached = cache.get(digest)
    if cached is not None:
        return cached
    failed = cache.failure(digest)
    if failed:
        raise UnreadableFile(failed)
    reading = _read_file(path, kind)
    if reading.ocr_pages:
        cache.put(digest, reading)
    return _old_encoding(reading)


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


def _read_file(path: Path, kind: str) -> Reading:
    if kind == "pdf":
        return pdf.read(path)
    if kind == "docx":
        return docx.read(path)
    if kind == "odt":
        return markup.read_odt(path)
    if kind == "doc":
        return doc.read(path)
    if kind == "image":
        ocr.require()
        text, confidence = ocr.image(path, ocr.Deadline())
        return Reading(pages=[text], method="ocr", confidence=confidence, ocr_pages=[1])
    if kind == "rtf":
        return markup.read_rtf(path.read_bytes())
    raise UnreadableFile("tệp nén không phải Word hay OpenDocument (unsupported zip file)")
