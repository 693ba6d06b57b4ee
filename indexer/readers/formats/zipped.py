"""Zip packages (.docx, .odt) inflated under a limit counted while inflating.

A 1 MB .docx can hold a 1 GB text run: the 50 MB file limit applies to
the compressed size, and the sizes a zip declares can lie. So every member is
inflated in chunks, the bytes counted as they come, and the file is refused
at limits.INFLATED_MB before a parser sees it; then the parser (python-docx,
lxml) inflates at most that much again.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from indexer import limits
from indexer.readers.base import Reading, UnreadableFile
from indexer.readers.registry import Format

CHUNK = 1 << 20


def _limit() -> int:
    return int(limits.current().INFLATED_MB * 1024 * 1024)


def _too_big() -> UnreadableFile:
    return UnreadableFile(f"tệp nén giải nén ra quá {limits.current().INFLATED_MB:.0f} MB, không đọc "
                          "(inflated size limit)")


def check(path: Path) -> None:
    """Inflate every member, counting; UnreadableFile past the limit or when the package is damaged."""
    left = _limit()
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                with archive.open(info) as stream:
                    while chunk := stream.read(CHUNK):
                        left -= len(chunk)
                        if left < 0:
                            raise _too_big()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as err:
        raise UnreadableFile(f"tệp nén hỏng, không đọc được: {type(err).__name__}") from err


def member(path: Path, name: str) -> bytes:
    """One member's bytes, inflated up to the limit (KeyError when absent)."""
    limit = _limit()
    try:
        with zipfile.ZipFile(path) as archive, archive.open(name) as stream:
            data = stream.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as err:
        raise UnreadableFile(f"tệp nén hỏng, không đọc được: {type(err).__name__}") from err
    if len(data) > limit:
        raise _too_big()
    return data


def head(path: Path, name: str, size: int = 256) -> bytes | None:
    """The first bytes of a member (a package's `mimetype`), never more; None when absent or damaged."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(name) as stream:
            return stream.read(size)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return None


def names(path: Path) -> set[str]:
    """The members a package holds (its central directory only), empty when it is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return set()


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _unsupported(path: Path, data: bytes) -> Reading:
    raise UnreadableFile("tệp nén không phải Word hay OpenDocument (unsupported zip file)")


# any zip the other formats did not claim (docx and odt come first)
FORMATS = [Format("zip", (), lambda path, head: is_zip(head), _unsupported, order=39, fonts=False)]
