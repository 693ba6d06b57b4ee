"""A file's format from its first bytes, not its name (the formats are declared by the readers: registry.py)."""

from __future__ import annotations

from pathlib import Path

from indexer.readers import registry


def kind(path: Path, head: bytes) -> str:
    """'pdf', 'docx', 'odt', 'doc', 'rtf', 'html', 'image', 'zip' or 'text' from the first bytes."""
    return registry.sniff(path, head).kind


def suffixes() -> set[str]:
    return registry.suffixes()
