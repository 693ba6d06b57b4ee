"""The editable vocabularies in indexer/data/, loaded once and checked when loaded.

Staff extend topics, synonyms, agency names and places by editing JSON; a
malformed file fails loudly at start-up, not in the middle of a search.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent.parent / "data"  # indexer/data/


class VocabularyError(ValueError):
    """A data file is missing a section or has the wrong shape."""


def _load(name: str, required: tuple[str, ...]) -> dict[str, Any]:
    path = DATA_DIR / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise VocabularyError(f"{path}: {err}") from err
    missing = [key for key in required if key not in data]
    if missing:
        raise VocabularyError(f"{path}: missing section(s) {', '.join(missing)}")
    return data


@lru_cache(maxsize=1)
def topics() -> dict[str, Any]:
    """Topic → terms, and the number of hits that makes a topic substantive."""
    return _load("topics.json", ("topics", "min_hits"))


@lru_cache(maxsize=1)
def synonyms() -> list[list[str]]:
    """Groups of spellings that mean the same thing at query time."""
    return _load("synonyms.json", ("groups",))["groups"]


@lru_cache(maxsize=1)
def agencies() -> dict[str, Any]:
    """Agency heads, number symbols, levels, abbreviations and proper words."""
    return _load(
        "agencies.json",
        ("heads", "symbols", "central_symbol_owners", "levels", "proper_words", "abbreviations"),
    )


@lru_cache(maxsize=1)
def places() -> dict[str, Any]:
    """Provinces with their spelling variants, and the centrally-run cities."""
    return _load("places.json", ("provinces", "central_cities"))


@lru_cache(maxsize=1)
def doc_types() -> dict[str, Any]:
    """Document type headings and number codes."""
    return _load("doc_types.json", ("titles", "codes"))


@lru_cache(maxsize=1)
def fillers() -> dict[str, Any]:
    """Question and filler wording ("đúng hay sai", "theo quy định"): never required in a query."""
    return _load("fillers.json", ("phrases", "words"))
