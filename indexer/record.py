"""The Record: one document as the index stores it and `export` prints it.

Its field names are a public contract (other tools read the JSON Lines), so
they live here once and the schema is built from them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Fields that a reader should find filled; the build summary reports the gaps.
EXPECTED = ("number", "doc_type", "issuer", "date", "subject", "signer")


@dataclass
class Record:
    id: str
    source: str
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issuer_level: str | None = None
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    signer: str | None = None
    signer_title: str | None = None
    cites: list[dict[str, str | None]] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    text: str = ""
    # How the text was obtained (indexer.readers.base.Reading.provenance): method, pages, OCR pages
    # and mean confidence, old encoding converted, repairs. Last, so older exports still load.
    provenance: dict[str, Any] = field(default_factory=dict)
    # staff branch: typed relations stated by the text (indexer/extract/relations.py)
    relations: list[dict[str, Any]] = field(default_factory=list)
    # pages branch: ISO time the file was first indexed (indexer/firstseen.py), kept across rebuilds
    added: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def missing(self) -> list[str]:
        """Expected fields that extraction could not fill."""
        return [name for name in EXPECTED if not getattr(self, name)]


FIELD_NAMES = tuple(f.name for f in fields(Record))
