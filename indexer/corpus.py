"""Corpus files → text: decoding, and the reasons a file cannot be read.

A provincial office's folder holds whatever e-office exported: UTF-8 with or
without BOM, UTF-16, old Windows code pages, empty or binary files. Each file
is decoded or rejected with a reason a person can act on; one bad file never
stops the others.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from indexer.text import fold, nfc

MAX_BYTES = 50 * 1024 * 1024  # larger files are reported, never read
MAX_TEXT_CHARS = 500_000  # longer texts are indexed up to here (about 250 pages) and reported
TEXT_SUFFIXES = {".txt", ".md", ".text"}
_BOMS = (  # longest first: the UTF-32 LE mark starts like the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
)


class UnreadableFile(ValueError):
    """A corpus file that cannot be indexed; the message says why, in Vietnamese."""


def list_files(corpus_dir: Path) -> list[Path]:
    """Text files under the corpus folder, in a stable order; hidden files skipped.

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
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in TEXT_SUFFIXES:
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
    """Bytes → NFC str, or UnreadableFile with the reason.

    A byte-order mark decides; else UTF-16 without a mark (every other byte
    NUL), UTF-8, then Windows-1258. Old Vietnamese Windows text writes tone
    marks as combining characters; NFC composes them, so the text reads, folds
    and matches like UTF-8 text.
    """
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"tệp quá lớn: {len(data)} byte, tối đa {MAX_BYTES} (too large)")
    text = _decode(data)
    if not text.strip():
        raise UnreadableFile("tệp rỗng (empty file)")
    return nfc(text)


def _decode(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], codec)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16)
    if b"\x00" in data:
        raise UnreadableFile("tệp nhị phân, không phải văn bản (binary file)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_cp1258(data):
        return data.decode("cp1258")
    raise UnreadableFile("không đọc được bảng mã: không phải UTF-8, UTF-16 hay Windows-1258 (unknown encoding)")


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise UnreadableFile(f"tệp {codec.upper()} hỏng ở byte {err.start} (invalid {codec})") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'-be' for UTF-16 without a mark: the high byte of every ASCII
    character is NUL, so NULs fill one byte position and (almost) never the other."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0) / len(sample[0::2]), sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.4 and even < 0.02:
        return "utf-16-le"
    if even > 0.4 and odd < 0.02:
        return "utf-16-be"
    return None


def _looks_cp1258(data: bytes) -> bool:
    """Old Vietnamese Windows text decodes as cp1258 into mostly Latin letters."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0.5 * len(text.replace(" ", "").replace("\n", "") or "x")


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
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile(f"tệp quá lớn: {size} byte, tối đa {MAX_BYTES} (too large)")
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
