"""Load the phrase fragments of the synthetic corpus from a plain data file.

The phrases live in ``bench/data/fragments.txt`` rather than in code so that
someone who writes Vietnamese well can enrich them without reading Python.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "fragments.txt"


@dataclass(frozen=True)
class Fragments:
    """Every list of the data file, plus the parsed labels and actors."""

    lists: dict[str, tuple[str, ...]]
    labels: dict[str, str]  # topic key -> human label
    actors: dict[str, tuple[str, ...]]  # pool -> all actor names
    topic_actors: dict[tuple[str, str], tuple[str, ...]]  # (pool, topic) -> names

    def __getitem__(self, section: str) -> tuple[str, ...]:
        return self.lists[section]

    def get(self, section: str) -> tuple[str, ...]:
        return self.lists.get(section, ())


def parse(text: str) -> dict[str, list[str]]:
    """Split the data file into its [sections]; NFC so searches compare equal."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in unicodedata.normalize("NFC", text).splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
        elif current is None:
            raise ValueError(f"fragment outside a section: {line!r}")
        else:
            current.append(line)
    return sections


@lru_cache(maxsize=4)
def load(path: Path = DATA) -> Fragments:
    """Read and index the fragments once per process."""
    sections = parse(path.read_text(encoding="utf-8"))
    labels = dict(
        (k.strip(), v.strip())
        for k, v in (line.split("=", 1) for line in sections.pop("label"))
    )
    actors: dict[str, tuple[str, ...]] = {}
    topic_actors: dict[tuple[str, str], list[str]] = {}
    for name in [s for s in sections if s.startswith("actor.")]:
        pool = name.split(".", 1)[1]
        names = []
        for line in sections.pop(name):
            actor, _, tags = line.partition("|")
            names.append(actor.strip())
            for topic in tags.split():
                topic_actors.setdefault((pool, topic), []).append(actor.strip())
        actors[pool] = tuple(names)
    missing = [t for t in labels if f"{t}.action" not in sections]
    if missing:
        raise ValueError(f"topics without actions: {missing}")
    return Fragments(
        lists={k: tuple(v) for k, v in sections.items()},
        labels=labels,
        actors=actors,
        topic_actors={k: tuple(v) for k, v in topic_actors.items()},
    )
