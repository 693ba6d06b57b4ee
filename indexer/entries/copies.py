"""Records → entries: the files that are one document become one entry, as staff count documents.

Offices keep a document several times: the Word draft beside the signed PDF, the scan received
beside the text sent by e-mail, the same letter forwarded by three departments. Two records are
one entry when
- they carry the same number, issuer and date (`key`) and their bodies are not plainly two texts
  (estimated Jaccard at least KEY_ALIKE when both are long enough for a MinHash: two articles of
  one decree, or a decision and its appendix in another file, stay two entries, each searchable), or
- their texts are the same once folded (`fingerprint`), or
- their texts are near-duplicates: MinHash (datasketch) of word shingles estimates a Jaccard
  similarity of at least NEAR_DUPLICATE (measured by eval/entries.py on the shared data), their
  bodies too when they carry the same number.
Two files under one number share their header block (issuer, motto, number, date, type, subject):
said of a short text, that header makes two parts of one document look alike (bench.phapdien's
articles, each under its law's header: bench/entries_signatures.py). So records of one number are
compared on their `body` signature too: the text after the header block without the official
layout's fixed parts (Record.body). Other pairs are compared on the whole text, which keeps a
short letter without a number and its OCR copy together (their bodies alone are under MIN_WORDS).
The groups are the connected components of those links (union-find). Each record is reduced to a
small `Member` (no text), kept per file in the collection's sources, so an update regroups the
whole collection from these signatures without reading the unchanged files again.

The entry's shown and indexed text is its best member's (born-digital over OCR, then the most
metadata found); the others are its `files`, each with its own source, provenance and its own
recipients and dates, and the entry's recipient facet adds the copies' recipients.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from indexer.entries.families import family_key
from indexer.entries.titles import title_of
from indexer.record import Record
from indexer.text import fold, number_key

NUM_PERM = 64  # 64 permutations: Jaccard ±0.06; the signature is 344 characters in the sources
SHINGLE = 3  # words per shingle: OCR errors spoil fewer 3-word shingles than 5-word ones
NEAR_DUPLICATE = 0.5  # estimated Jaccard of 3-word shingles; measured in eval/entries.py
KEY_ALIKE = 0.3  # known pairs joined by their key: 0.61 and above (an OCR scan); articles of one decree
# under the same key (bench/entries_scale.py, 20,000 pháp điển articles): median 0.09, 90 % under 0.22
MIN_WORDS = 30  # shorter texts (a cover note) are grouped by key or fingerprint only
# How a text was read, best first: born-digital formats, then a PDF only partly scanned, then OCR.
METHOD_RANK = {"ocr": 2, "pdf_mixed": 1}
_SEED = 1


@dataclass
class Member:
    """What grouping needs of one record, without its text (kept in the sources per file)."""

    id: str
    source: str
    key: str | None  # number | issuer | date, when all three are known
    fingerprint: str  # sha1 of the folded words
    minhash: str | None  # base64 of the MinHash values; None for a short text
    rank: tuple[int, int, int]  # lower is better: (reading method, metadata missing, -characters)
    family: str | None = None  # the law's name when the record is a version of a law (indexer.entries.families)
    number: str | None = None  # number_key of the number, and the date: near-duplicates never differ on them
    date: str | None = None
    body: str | None = None  # the MinHash of the body (after the header, no fixed parts); None when short

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Member:
        return cls(**{**data, "rank": tuple(data["rank"])})


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text).lower())


def member_of(record: Record) -> Member:
    words = _words(record.text)
    key = None
    if record.number and record.issuer and record.date:
        key = f"{number_key(record.number)}|{fold(record.issuer).lower()}|{record.date}"
    method = METHOD_RANK.get(record.provenance.get("method", ""), 0)
    family = family_key(record)
    return Member(record.id, record.source, key, hashlib.sha1(" ".join(words).encode()).hexdigest(), _signed(words),
                  (method, len(record.missing()), -len(record.text)), family[0] if family else None,
                  number_key(record.number) if record.number else None, record.date, _signed(_words(record.body)))


def _signed(words: list[str]) -> str | None:
    """base64 of the MinHash of the words' shingles; None under MIN_WORDS words."""
    if len(words) < MIN_WORDS:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch([" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)])
    return base64.b64encode(minhash.hashvalues.astype(np.uint32).tobytes()).decode()


def _minhash(signature: str) -> LeanMinHash:
    values = np.frombuffer(base64.b64decode(signature), dtype=np.uint32).astype(np.uint64)
    return LeanMinHash(seed=_SEED, hashvalues=values)


class _Groups:
    """Union-find over member ids; each link remembers why it was made (shown per file)."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}
        self.why: dict[str, str] = {}

    def find(self, i: str) -> str:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: str, b: str, why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.why.setdefault(a, why)
            self.why.setdefault(b, why)


def links(members: list[Member], threshold: float = NEAR_DUPLICATE) -> list[tuple[str, str, str, float]]:
    """Every pair found to be one document: (id, id, why, similarity), why 'key', 'text' or 'near'."""
    out: list[tuple[str, str, str, float]] = []
    by_id = {m.id: m for m in members}
    hashes = {m.id: _minhash(m.minhash) for m in members if m.minhash}
    bodies = {m.id: _minhash(m.body) for m in members if m.body}
    first: dict[str, str] = {}
    for m in members:
        if m.fingerprint in first:
            out.append((first[m.fingerprint], m.id, "text", 1.0))
        else:
            first[m.fingerprint] = m.id
    under_key: dict[str, str] = {}
    for m in members:  # joined to the first member of its key when alike (or either has no MinHash): one
        if m.key is None:  # comparison each, so a key held by 500 short articles chains nothing together
            continue
        other = under_key.setdefault(m.key, m.id)
        if other != m.id:
            similarity = _alike(m.id, other, bodies) or _alike(m.id, other, hashes) or 1.0
            if similarity >= KEY_ALIKE:
                out.append((other, m.id, "key", similarity))
    if hashes:
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        for i, h in hashes.items():
            for other in lsh.query(h):
                similarity = h.jaccard(hashes[other])
                a, b = by_id[i], by_id[other]
                if a.number and a.number == b.number:  # one header: their bodies must be alike too
                    similarity = min(similarity, _alike(i, other, bodies) or similarity)
                if similarity >= threshold and not _differ(a, b):
                    out.append((other, i, "near", similarity))
            lsh.insert(i, h)
    return out


def _alike(a: str, b: str, hashes: dict[str, LeanMinHash]) -> float | None:
    """Their estimated Jaccard, None when either has no MinHash (a short text). A tiny floor keeps a
    similarity of 0 from reading as 'none'."""
    return max(hashes[a].jaccard(hashes[b]), 1e-9) if a in hashes and b in hashes else None


def _differ(a: Member, b: Member) -> bool:
    """Two texts alike but with other numbers or dates are two documents (a law and its consolidated
    text, this year's plan and last year's), never copies of one."""
    return bool(a.number and b.number and a.number != b.number) or bool(a.date and b.date and a.date != b.date)


def group(members: list[Member], threshold: float = NEAR_DUPLICATE) -> list[list[tuple[Member, str]]]:
    """Members grouped into entries, each best first, with how each member joined ('' for the best)."""
    groups = _Groups(m.id for m in members)
    for a, b, why, _ in links(members, threshold):
        groups.join(a, b, why)
    by_root: dict[str, list[Member]] = {}
    for m in members:
        by_root.setdefault(groups.find(m.id), []).append(m)
    out = []
    for found in by_root.values():
        found.sort(key=lambda m: (m.rank, m.source, m.id))
        out.append([(m, "" if n == 0 else groups.why.get(m.id, "near")) for n, m in enumerate(found)])
    out.sort(key=lambda g: g[0][0].id)
    return out


JOINED = {"": "bản chính", "key": "cùng số, cơ quan và ngày", "text": "cùng nội dung", "near": "bản giống nhau"}


def file_entry(record: Record, why: str) -> dict[str, Any]:
    """One file of an entry as the page, the API and the export show it: its own provenance and metadata."""
    return {
        "id": record.id,
        "source": record.source,
        "provenance": record.provenance,
        "joined": why or None,
        "number": record.number,
        "issuer": record.issuer,
        "date": record.date,
        "recipients": record.recipients,
        "received": record.received,  # the receipt stamp (số đến, ngày đến)
    }


def compose(records: list[tuple[Record, str]]) -> Record:
    """The entry's record: its best member's, with every file listed and the copies' recipients added."""
    best = records[0][0]
    recipients = list(best.recipients)
    known = set(best.recipients) | set(best.distribution)
    for record, _ in records[1:]:  # a copy's own addressees: those the best text does not name
        recipients += [r for r in [*record.recipients, *record.distribution]
                       if r not in known and r not in recipients and r.lower() != "như trên"]
    files = [file_entry(record, why) for record, why in records]
    return replace(best, entry_id=best.id, files=files, recipients=recipients,
                   title=best.title or title_of(best))
