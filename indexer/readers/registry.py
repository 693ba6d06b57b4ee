"""Which reader reads a file: the formats the reader modules declare, tried in order on the first bytes.

A format is one module of indexer/readers/formats/ that declares `FORMATS` (a list of
Format): its kind, the file names listed as corpus files, how its first bytes
look, and its reader. Adding a format is adding one such module; nothing else
changes (README "where do I add a format"). The name is a hint people got
wrong (a web page saved by Word as `.doc`, scans named `.PDF`): the bytes decide.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from indexer.readers.base import Reading


@dataclass(frozen=True)
class Format:
    kind: str  # provenance "format" and the reader's name: pdf, doc, docx, odt, zip, image, rtf, html, text
    suffixes: tuple[str, ...]  # names listed as corpus files (the content still decides the reader)
    matches: Callable[[Path, bytes], bool]  # from the first 8 KB (and, for a zip, its member names)
    read: Callable[[Path, bytes], Reading]  # the file and its bytes → Reading, or UnreadableFile
    order: int = 50  # tried in this order: magic bytes first, text (which matches anything) last
    fonts: bool = True  # may be typed in a TCVN3/VNI font: converted to Unicode after reading
    slow: bool = False  # may need OCR: read before the build (prefetch) and kept by digest (cache)


@cache
def formats() -> tuple[Format, ...]:
    """Every FORMATS declared by a module of indexer.readers.formats, in order."""
    found: list[Format] = []
    package = importlib.import_module("indexer.readers.formats")
    for module in pkgutil.iter_modules(package.__path__):
        found += getattr(importlib.import_module(f"indexer.readers.formats.{module.name}"), "FORMATS", [])
    return tuple(sorted(found, key=lambda f: f.order))


def sniff(path: Path, head: bytes) -> Format:
    """The first format whose signature the bytes match (text, the last, matches anything)."""
    return next(f for f in formats() if f.matches(path, head))


def suffixes() -> set[str]:
    return {suffix for f in formats() for suffix in f.suffixes}
