"""The Record: one document as the index stores it and `export` prints it.

Its field names are a public contract (other tools read the JSON Lines), so
they live here once and the schema is built from them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Fields that a reader should find filled; the build summary reports the gaps.
EXPECTED = ("number", "doc_type", "issuer", "date", "subject", "signer")
PART_SEPARATOR = "\x1f"  # between texts that must not run together (fields, around a fixed part)


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
    # staff branch: typed relations stated by the text (indexer/extract/links/relations.py)
    relations: list[dict[str, Any]] = field(default_factory=list)
    # inbox branch: the urgency mark stamped on the document (KHẨN, THƯỢNG KHẨN, HỎA TỐC), a facet;
    # indexer/extract/stamps.py. A document with a secrecy mark is withheld, never a Record.
    urgency: str | None = None
    # words branch: [start, end] spans of `text` holding the layout's set phrases (motto, Nơi nhận,
    # Lưu: VT, signature titles; indexer/extract/fixed_parts.py): shown, never searched as body.
    fixed_parts: list[list[int]] = field(default_factory=list)
    # extraction branch (issue 20): a receipt stamp's số đến / ngày đến; 'month' when the day is blank
    # ('tháng 12 năm 2017': date is the 1st, shown 12/2017); every issuer of a joint document.
    received: dict[str, str | None] | None = None
    date_precision: str | None = None
    issuers: list[str] = field(default_factory=list)
    # pages branch: ISO time the file was first indexed (indexer/filestate.py), kept across rebuilds
    added: str | None = None
    # The line of `text` where the body starts after the header block (indexer/extract/header.py
    # found it): the index reads the body's compound words from there, without reaching back into
    # extraction. 0 (the whole text) on records made before it existed.
    body_start: int = 0
    # entries branch (issue 21, indexer/entries/): "<Loại> <số> <trích yếu>"; the entry this record heads
    # (its id) with every file of the document (this one first) and the family's other versions
    title: str | None = None
    entry_id: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def searchable_text(self) -> str:
        """The text without its fixed parts, each replaced by U+001F: no word or pair runs across one."""
        if not self.fixed_parts:
            return self.text
        out, at = [], 0
        for start, end in self.fixed_parts:
            out += [self.text[at:start], PART_SEPARATOR]
            at = max(at, end)
        out.append(self.text[at:])
        return "".join(out)

    @property
    def body(self) -> str:
        """The searched text (fixed parts left out) after its header block, where the compound words say something."""
        return "\n".join(self.searchable_text().split("\n")[self.body_start:])

    def numbers(self) -> list[str]:
        """Every number this index document answers to: its own, its other files' and its versions'
        (a search for an old law's number or a copy's number finds the entry)."""
        return numbers_of(self.number, self.files, self.versions)

    def missing(self) -> list[str]:
        """Expected fields that extraction could not fill."""
        return [name for name in EXPECTED if not getattr(self, name)]


def numbers_of(number: str | None, files: list[dict[str, Any]], versions: list[dict[str, Any]]) -> list[str]:
    """An index document's own number, then its other files' and its versions', each once."""
    found = [number, *(f.get("number") for f in files), *(v.get("number") for v in versions)]
    return list(dict.fromkeys(n for n in found if n))


FIELD_NAMES = tuple(f.name for f in fields(Record))
