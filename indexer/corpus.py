"""Corpus files → text: which files, their limits, and the reasons a file cannot be read.

A provincial office's folder holds whatever e-office exported: text in any
encoding, Word, PDF and scanned PDF. indexer.readers turns each into text
(and says how); this module lists the files, applies the size limits and
gives each record its id. One bad file never stops the others.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from indexer import limits, readers
from indexer.readers import UnreadableFile, registry
from indexer.text import fold, nfc, without_controls

__all__ = ["UnreadableFile", "decode", "legacy_record_id", "list_files", "read_document", "read_text", "record_id"]

MAX_BYTES = int(limits.current().MAX_BYTES)  # larger files are reported, never read
MAX_TEXT_CHARS = int(limits.current().MAX_TEXT_CHARS)  # longer texts are indexed up to here and reported
SUFFIXES = readers.suffixes()  # files listed; the reader is chosen by content


def list_files(corpus_dir: Path) -> list[Path]:
    """Text and office files under the corpus folder, in a stable order; hidden files skipped.

    One os.walk (symbolic links to folders are not followed, as with
    Path.rglob), sorted by path components: 100,000 files in a fraction of
    a second, which an update of one file needs.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    root = os.path.realpath(corpus_dir)
    for folder, subfolders, names in os.walk(corpus_dir):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        rel = os.path.relpath(folder, corpus_dir)
        parts = () if rel == "." else tuple(Path(rel).parts)
        for name in names:
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            full = os.path.join(folder, name)
            if os.path.isfile(full) and _inside(full, root):
                found.append(((*parts, name), full))
    found.sort(key=lambda item: item[0])
    return [Path(full) for _, full in found]


def _inside(path: str, root: str) -> bool:
    """A symbolic link to a file outside the corpus is not part of the corpus."""
    return os.path.commonpath([os.path.realpath(path), root]) == root


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_digest(path: Path) -> str:
    """file_digest of a file, read in chunks (a huge file is never held in memory)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def decode(data: bytes) -> str:
    """A text file's bytes → NFC str, or UnreadableFile with the reason (see readers.plain)."""
    _check_size(len(data))
    return _checked(readers.read_bytes(data)).text


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise UnreadableFile(f"tệp quá lớn: {size} byte, tối đa {MAX_BYTES} (too large)")


def _checked(reading: readers.Reading) -> readers.Reading:
    """NFC pages (old Windows text writes marks as combining characters) without control characters
    (no page, feed or report line fails on them), or 'empty file'."""
    reading.pages = [without_controls(nfc(page)) for page in reading.pages]
    if not any(page.strip() for page in reading.pages):
        raise UnreadableFile("tệp rỗng (empty file)")
    return reading


def limit_text(text: str) -> tuple[str, str | None]:
    """The text cut at MAX_TEXT_CHARS (at a line or word end), with a note saying so; else (text, None)."""
    if len(text) <= MAX_TEXT_CHARS:
        return text, None
    cut = text.rfind("\n", MAX_TEXT_CHARS // 2, MAX_TEXT_CHARS)
    if cut < 0:
        cut = text.rfind(" ", MAX_TEXT_CHARS // 2, MAX_TEXT_CHARS)
    cut = cut if cut > 0 else MAX_TEXT_CHARS
    return text[:cut], (f"văn bản dài {_count(len(text))} ký tự, quá giới hạn {_count(MAX_TEXT_CHARS)}: chỉ lập "
                        f"chỉ mục {_count(cut)} ký tự đầu (text truncated)")


def _count(n: int) -> str:
    """1234567 → '1.234.567', as Vietnamese writes numbers."""
    return f"{n:,}".replace(",", ".")


def read_text(path: Path) -> tuple[str, str]:
    """(text, digest) of one file; a file over MAX_BYTES is refused before it is read."""
    text, digest, _ = read_document(path)
    return text, digest


def read_document(path: Path) -> tuple[str, str, dict[str, Any]]:
    """(text, digest, provenance) of one corpus file of any supported format.

    The provenance (Record.provenance) says how the text was obtained; its
    `notes` say what was repaired on the way (stray NUL bytes, an old font
    encoding), for the build report.
    """
    try:
        _check_size(path.stat().st_size)
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(f"không mở được tệp: {err.strerror}") from err
    digest = file_digest(data)
    reading = _checked(readers.read(path, data, digest))
    # the format by content, kept so the web app serves the original with its type without reading files itself
    return reading.text, digest, {**reading.provenance(), "format": registry.sniff(path, data[:8192]).kind}


# A bare stem that could be mistaken for a hashed id ("x-0a1b2c3d") or for the second record of a
# file ("x-2", indexer.extract.extract_records) is never used as an id on its own.
_ID_LOOKALIKE = re.compile(r"-(?:[0-9a-f]{8}|\d+)$")


def record_id(name: str) -> str:
    """A stable, URL-safe id from the file's relative path, never shared by two files.

    A top-level `.txt` file whose stem is already lower-case ASCII letters,
    digits, `-` or `_` keeps its stem as the id (the seeds: '000_0f98641f82c5dfd6').
    Every other name is folded to ASCII and suffixed with a short hash of the
    whole relative path, so the same stem in another format (`qd-1.docx` beside
    `qd-1.pdf`) or another folder, and names that fold alike, get their own ids.
    Old ids of other formats still lead to their document (legacy_record_id).
    """
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    slug = _slug(stem)
    if slug == stem and suffix == "txt" and not _ID_LOOKALIKE.search(stem):
        return slug
    return f"{slug or 'doc'}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"


def legacy_record_id(name: str) -> str:
    """The id a file had before record_id kept the format apart (any safe stem was its id):
    kept so that a link saved then still finds the file's document."""
    stem = name.rsplit(".", 1)[0]
    slug = _slug(stem)
    return slug if slug == stem else f"{slug or 'doc'}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", fold(stem).lower()).strip("-")[:80]
