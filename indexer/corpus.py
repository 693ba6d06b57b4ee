"""Corpus files → text: decoding, and the reasons a file cannot be read.

A provincial office's folder holds whatever e-office exported: UTF-8 with or
without BOM, UTF-16, old Windows code pages, empty or binary files. Each file
is decoded or rejected with a reason a person can act on; one bad file never
stops the others.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from indexer.text import fold

MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".text"}


class UnreadableFile(ValueError):
    """A corpus file that cannot be indexed; the message says why, in Vietnamese."""


def list_files(corpus_dir: Path) -> list[Path]:
    """Text files under the corpus folder, in a stable order; hidden files skipped."""
    return sorted(
        p for p in corpus_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
        and p.suffix.lower() in TEXT_SUFFIXES
    )


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> str:
    """Bytes → str, or UnreadableFile with the reason."""
    if not data.strip():
        raise UnreadableFile("tệp rỗng (empty file)")
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"tệp quá lớn: {len(data)} byte, tối đa {MAX_BYTES} (too large)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise UnreadableFile("tệp nhị phân, không phải văn bản (binary file)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1258", errors="strict") if _looks_cp1258(data) else None
    if text is None:
        raise UnreadableFile("không đọc được bảng mã: không phải UTF-8, UTF-16 hay Windows-1258")
    return text


def _looks_cp1258(data: bytes) -> bool:
    """Old Vietnamese Windows text decodes as cp1258 into mostly Latin letters."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0.5 * len(text.replace(" ", "").replace("\n", "") or "x")


def read_text(path: Path) -> tuple[str, str]:
    """(text, digest) of one file."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFile(f"không mở được tệp: {err.strerror}") from err
    return decode(data), file_digest(data)


def record_id(name: str) -> str:
    """A stable, URL-safe id from the file's relative path.

    The seeds' names are already safe and stay as they are ('000_0f98641f82c5dfd6');
    other names are folded to ASCII and suffixed with a short hash so two
    names that fold alike never collide.
    """
    stem = name.rsplit(".", 1)[0]
    slug = re.sub(r"[^a-z0-9_-]+", "-", fold(stem).lower()).strip("-")[:80]
    if slug == stem:
        return slug
    return f"{slug or 'doc'}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"
