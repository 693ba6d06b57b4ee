"""The pipeline's grouping step: records of the corpus files → the entry records the index holds.

The index holds one document per entry, so every engine counts, facets and pages entries with
no collapsing of its own. A full build groups every record; an update regroups the members kept
in the sources (indexer.entries.Member: no text) with the new files' records, and rewrites only
the entries whose members changed, reading their unchanged files again (the OCR text cache
keeps that cheap) when a member's text is needed. A file that cannot be read again now keeps the
record it has in the index (`as_indexed`: nothing indexed is lost, and its file says why); only
one the index does not hold is left out as if deleted (`Regrouped.lost`): the pipeline reports it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from indexer.entries.copies import Member, compose, group, member_of
from indexer.entries.families import families
from indexer.record import Record

FileRecords = Mapping[str, list[Record]]  # corpus name → its records
Reader = Callable[[list[str]], Mapping[str, list[Record]]]  # corpus names → their records, read again


@dataclass
class Regrouped:
    """What an update changes: entries to delete (ids), entry records to add, and each file's notes."""

    delete: list[str] = field(default_factory=list)
    add: list[Record] = field(default_factory=list)
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → {"members": …, "entries": …}
    lost: set[str] = field(default_factory=set)  # unchanged files that could not be read again: left out


def notes_of(members: list[Member], entry_of: Mapping[str, str]) -> dict[str, Any]:
    """A file's grouping notes in the sources: its members' signatures and the entry of each."""
    return {"members": [m.as_dict() for m in members], "entries": {m.id: entry_of[m.id] for m in members}}


NOT_READ_AGAIN = "không đọc lại được"
_OWN = ("id", "source", "number", "issuer", "date", "recipients", "received")  # a file's own, in its file entry


def kept_note(reason: str) -> str:
    """What the update report and the file's provenance say of a file kept as indexed."""
    return f"{NOT_READ_AGAIN} ({reason}): giữ văn bản đã lập chỉ mục (not read again: the indexed text is kept)"


def as_indexed(document: Mapping[str, Any], member_id: str, reason: str) -> Record | None:
    """A member's record as the index document `document` holds it, for a file that cannot be read
    again: the record of the entry it belongs to (its own text when it was the entry's best file, else
    its entry's text: the same document), with the file's own number, date, recipients and provenance,
    and a note saying why. None when the document does not hold that member."""
    for holder in [document, *(v["record"] for v in document.get("versions") or [])]:
        own = next((f for f in holder.get("files") or [] if f["id"] == member_id), None)
        if own is not None:
            record = Record.from_dict({k: v for k, v in holder.items()
                                       if k not in ("files", "versions", "entry_id", "title")})
            provenance = dict(own.get("provenance") or {})
            notes = [n for n in provenance.get("notes", []) if not n.startswith(NOT_READ_AGAIN)]
            provenance["notes"] = [*notes, kept_note(reason)]
            return replace(record, **{k: own[k] for k in _OWN if k in own}, provenance=provenance)
    return None


def kept_as_indexed(notes: Mapping[str, Mapping[str, Any]], failed: Mapping[str, str],
                    record_of: Callable[[str], Mapping[str, Any] | None]) -> dict[str, list[Record]]:
    """The records of the files that failed to be read again (name → why), as the index holds them
    (`record_of`: an index document by id); a file whose every record is found, else left out."""
    out = {}
    for name, reason in failed.items():
        note = notes[name]
        records = [as_indexed(record_of(note["entries"][m["id"]]) or {}, m["id"], reason) for m in note["members"]]
        if records and all(records):
            out[name] = records
    return out


Unit = list[list[tuple[Member, str]]]  # one index document's groups: one entry, or the entries of a family


def units(members: list[Member]) -> list[Unit]:
    """The index documents a grouping makes, each as its groups of members (best first): found from
    the members alone, so a build decides them without holding any text (indexer.pipeline)."""
    single: list[Unit] = []
    family: dict[str, Unit] = {}
    for found in group(members):
        name = found[0][0].family
        if name:
            family.setdefault(name, []).append(found)
        else:
            single.append([found])
    return single + list(family.values())


def compose_unit(unit: Unit, records: Mapping[str, Record]) -> tuple[list[Record], dict[str, str]]:
    """One unit's entry records (its family folded) and member id → the id of the index document holding it."""
    out = families([compose([(records[m.id], why) for m, why in found]) for found in unit])
    entry_of: dict[str, str] = {}
    for head in out:
        for files in [head.files, *(v["record"]["files"] for v in head.versions)]:
            entry_of.update({f["id"]: head.id for f in files})
    return out, entry_of


def _entries(members: list[Member], records: Mapping[str, Record]) -> tuple[list[Record], dict[str, str]]:
    """Entry records (families folded) and member id → the id of the index document holding it."""
    out: list[Record] = []
    entry_of: dict[str, str] = {}
    for unit in units(members):
        heads, held = compose_unit(unit, records)
        out += heads
        entry_of.update(held)
    return out, entry_of


def build_entries(files: FileRecords, signed: Mapping[str, list[Member]] | None = None,
                  ) -> tuple[list[Record], dict[str, dict[str, Any]]]:
    """A full build: every record grouped; the entry records and each file's notes. `signed`: the
    members already made (by the build's workers, on every core), else made here."""
    records = {r.id: r for recs in files.values() for r in recs}
    members = {name: list(signed[name]) if signed and name in signed else [member_of(r) for r in recs]
               for name, recs in files.items()}
    entries, entry_of = _entries([m for ms in members.values() for m in ms], records)
    return entries, {name: notes_of(ms, entry_of) for name, ms in members.items()}


def regroup(known: Mapping[str, Mapping[str, Any]], gone: set[str], new: FileRecords, read: Reader,
            signed: Mapping[str, list[Member]] | None = None) -> Regrouped:
    """An update: `known` the sources before it, `gone` the names deleted or changed, `new` the changed
    and added files' records (`signed`: their members, when already made). Entries whose membership
    is unchanged stay as they are."""
    kept = {name: [Member.from_dict(m) for m in note["members"]] for name, note in known.items() if name not in gone}
    fresh = {name: list(signed[name]) if signed and name in signed else [member_of(r) for r in recs]
             for name, recs in new.items()}
    owner = {m.id: name for name, ms in (kept | fresh).items() for m in ms}
    old_entry = {mid: eid for name, note in known.items() for mid, eid in note["entries"].items()}
    members = [m for ms in (kept | fresh).values() for m in ms]
    # which members each old index document held, to find the ones that stay the same
    old_members: dict[str, set[str]] = {}
    for mid, eid in old_entry.items():
        old_members.setdefault(eid, set()).add(mid)
    records: dict[str, Record] = {r.id: r for recs in new.values() for r in recs}
    touched = _touched(members, old_entry, old_members, set(gone) | set(new), owner)
    again = sorted({owner[mid] for mid in touched} - set(new))
    found = read(again) if again else {}
    if set(again) - set(found):  # left out as if deleted, and the grouping made again without them
        missing = set(again) - set(found)
        out = regroup(known, set(gone) | missing, new, read, signed)
        out.lost |= missing
        return out
    records.update({r.id: r for recs in found.values() for r in recs})
    entries, entry_of = _entries([m for m in members if m.id in touched], records)
    # an old document goes when any member it held was touched or belonged to a deleted or changed file
    out = Regrouped(delete=sorted({eid for mid, eid in old_entry.items() if mid in touched or mid not in owner}),
                    add=entries)
    unchanged = {mid: old_entry[mid] for mid in owner if mid not in touched}
    for name, ms in (kept | fresh).items():
        out.notes[name] = notes_of(ms, {**unchanged, **entry_of})
    return out


def _touched(members: list[Member], old_entry: Mapping[str, str], old_members: Mapping[str, set[str]],
             changed_names: set[str], owner: Mapping[str, str]) -> set[str]:
    """Member ids whose index document must be written again: every member of a new grouping
    (entries and families together) that differs from the old one or holds a changed file."""
    by_entry: dict[str, set[str]] = {}
    for unit in units(members):  # a family's groups together: one index document
        ids = {m.id for found in unit for m, _ in found}
        heads = {old_entry.get(i) for i in ids}
        key = next(iter(heads)) if len(heads) == 1 and None not in heads else f"new:{min(ids)}"
        by_entry.setdefault(key, set()).update(ids)
    touched: set[str] = set()
    for key, ids in by_entry.items():
        if key.startswith("new:") or ids != old_members.get(key, set()) or any(
                owner[i] in changed_names for i in ids):
            touched |= ids
    return touched
