"""The indexing pipeline: corpus files → text → records → a Writer of the engine.

A full build reads, extracts and adds the whole corpus into a fresh
collection that replaces the live one at commit; an update adds new and
changed files and removes deleted ones. Which files are indexed, with what
digest and ids, is noted per file in the collection (Writer.set_sources), so
an update knows what changed. Records are grouped into entries between
reading and writing (indexer.entries: the index holds one document per entry).
Builds of many files run on every core: worker processes read and extract a
shard each, then others write a share of the entries into their own part
(Writer.part), forked after pyvi is loaded so the model is shared; workers
end with the build however it ends (SIGKILL included: PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import gc
import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from indexer import filestate, isolation
from indexer.corpus import (
    SUFFIXES,
    UnreadableFile,
    legacy_record_id,
    limit_text,
    list_files,
    path_digest,
    read_document,
    record_id,
)
from indexer.engine import IndexLocked, NoIndex, Writer, open_engine, open_writer
from indexer.entries import Member, Unit, compose_unit, kept_as_indexed, kept_note, member_of, notes_of, regroup, units
from indexer.extract import extract_records, stamps
from indexer.readers.base import TransientFailure, stat_key
from indexer.record import Record
from indexer.reports import BuildReport, FileReport

PARALLEL_MIN_FILES = 400  # below this a serial build is as fast (forking costs more than it saves)

__all__ = ["BuildReport", "FileReport", "IndexLocked", "NoIndex", "build", "export_records", "records_of_file",
           "update"]


Progress = Callable[[Iterator[Path], int], Iterator[Path]]


def _no_progress(items: Iterator[Path], total: int) -> Iterator[Path]:
    return items


class Withheld(UnreadableFile):
    """A document bearing a secrecy mark (the message): kept out of the open index (README "Secret documents")."""


def records_of_file(path: Path, name: str) -> tuple[list[Record], str]:
    """Records of one corpus file and its digest; UnreadableFile when it cannot be read."""
    records, digest, _ = _read_records(path, name)
    return records, digest


def _read_records(path: Path, name: str) -> tuple[list[Record], str, str | None]:
    """Records, digest, and a note when the text was too long to index whole; Withheld for a secret document."""
    text, digest, provenance = read_document(path)
    text, note = limit_text(text)
    records = extract_records(text, record_id(name), name, scanned=bool(provenance.get("ocr_pages")))
    if not records or not any(r.text for r in records):
        raise UnreadableFile("không có nội dung văn bản (no text)")
    for record in records:
        mark = stamps.secrecy_mark(record.text)
        if mark:
            raise Withheld(mark)
        record.provenance = {**provenance, **record.provenance}  # how the text was read, then the number's source
        record.urgency = stamps.urgency_mark(record.text)
    return records, digest, "; ".join([*provenance.get("notes", []), *([note] if note else [])]) or None


def _read_file(path: Path, name: str, report: BuildReport, memory: filestate.Snapshot | None = None,
               retry: bool = False) -> tuple[list[Record], dict[str, Any]] | None:
    """One file's records and its sources note, read in isolation; the outcome noted in the report.

    A file that failed or was withheld before, with the same bytes, is reported from `memory` without
    being read (unless `retry`); its records carry the time its bytes were first indexed. The note
    holds the grouping's signatures (indexer.entries: made here, so a build makes them on every core).
    """
    file_report = FileReport(name)
    report.files.append(file_report)
    try:
        seen = stat_key(path)  # before reading: a later change gives a new key
        file_report.digest = path_digest(path)
        known = memory.known.get(file_report.digest) if memory is not None and not retry else None
        if known is not None:
            file_report.remembered = True
            if known.kind == filestate.WITHHELD:
                file_report.withheld = known.reason
            else:
                file_report.error = known.reason
            return None
        started = time.monotonic()
        try:
            records, digest, file_report.warning = isolation.guarded(lambda: _read_records(path, name))
        finally:
            file_report.seconds = time.monotonic() - started
    except Withheld as mark:
        file_report.withheld = str(mark)
        return None
    except (UnreadableFile, OSError) as err:
        file_report.error = str(err) if isinstance(err, UnreadableFile) else f"không mở được tệp: {err.strerror}"
        file_report.lasting = not isinstance(err, (TransientFailure, OSError))
        return None
    if memory is not None:
        for record in records:
            record.added = memory.added_of(digest)
    for record in records:
        if record.missing():
            file_report.missing[record.id] = record.missing()
    file_report.records = len(records)
    # the id before formats were kept apart (indexer.corpus.legacy_record_id): a saved link still finds it
    return records, {"digest": digest, "ids": [r.id for r in records], "stat": seen, "legacy": legacy_record_id(name),
                     "members": [member_of(r) for r in records]}


def build(corpus_dir: Path, root: Path, progress: Progress = _no_progress, wait: float = 0.0,
          retry: bool = False) -> BuildReport:
    """Index every file of the corpus into a fresh collection, made live when complete.

    Files are read (on every core), grouped into entries from their members alone (indexer.entries:
    signatures, no text), and the entries composed and written on every core: records come back
    pickled and are loaded only where written (bench/entries_scale.py: the parent's memory). Files
    that failed before (or were withheld) with the same bytes are reported, not read, unless `retry`.
    """
    started = time.monotonic()
    report = BuildReport()
    memory = filestate.snapshot(root)
    with open_writer(root, fresh=True, wait=wait) as writer:
        items = [(p, p.relative_to(corpus_dir).as_posix()) for p in list_files(corpus_dir)]
        read = _parallel(memory, items, report, progress, retry)
        signed = {name: note.pop("members") for name, (_, note) in read.items()}
        owner = {m.id: name for name, members in signed.items() for m in members}
        entry_of = _write(writer, units([m for members in signed.values() for m in members]),
                          lambda ids: _unpacked(read, {owner[i] for i in ids}))
        writer.set_sources({name: {**note, **notes_of(signed[name], entry_of)} for name, (_, note) in read.items()})
        report.generation = getattr(writer, "generation", "")
    filestate.remember(root, report.files, full=True, started=memory.started)
    report.added = len(set(entry_of.values()))  # each index document holds at least its own record
    report.seconds = time.monotonic() - started
    return report


def update(corpus_dir: Path, root: Path, progress: Progress = _no_progress, wait: float = 0.0,
           only: Sequence[str] | None = None, retry: bool = False) -> BuildReport:
    """Add new and changed files, remove deleted ones, leave the rest untouched.

    With `only` (corpus-relative names), just those files are looked at: added
    or re-indexed when present, removed when gone (a name that is a folder
    stands for every file once under it). The corpus folder is not scanned,
    so one new document goes in within a second whatever the size of the
    collection. Without a collection yet (or one indexed before entries), a
    full build. The changed files are read in isolation (a worker process,
    indexer/isolation.py) and regrouped with the signatures kept in the sources
    (indexer.entries.regroup); only the entries whose files changed are written
    again, their unchanged files read again in isolation; this process writes.
    """
    started = time.monotonic()
    report = BuildReport()
    memory = filestate.snapshot(root)
    writer = open_writer(root, fresh=False, wait=wait)
    with writer:
        known = writer.sources()
        if not known or any("members" not in note for note in known.values()):
            writer.cancel()  # a collection indexed before entries: built again, grouped
            return build(corpus_dir, root, progress, wait, retry)
        if only is None:
            paths = {p.relative_to(corpus_dir).as_posix(): p for p in list_files(corpus_dir)}
            deleted = sorted(set(known) - set(paths))
        else:
            paths = _named_files(corpus_dir, only)
            deleted = sorted(_under(only, known) - set(paths))
        changed = []
        for name, path in paths.items():
            if _digest_if_changed(path, known.get(name)) is None:
                report.unchanged += 1
                if known[name].get("stat") is None:  # indexed before stat keys: remember it now
                    known[name]["stat"] = stat_key(path)
            else:
                changed.append(name)
        if not deleted and not changed:
            writer.cancel()
            report.seconds = time.monotonic() - started
            return report
        sources = {name: note for name, note in known.items() if name not in deleted and name not in changed}
        new: dict[str, list[Record]] = {}
        signed: dict[str, list[Member]] = {}
        for name, note, records, file_report in _read_isolated(memory, [(paths[n], n) for n in changed],
                                                                progress, retry):
            report.files.append(file_report)
            if note:
                new[name], signed[name], sources[name] = records, note.pop("members"), note

        def again(names: list[str]) -> dict[str, list[Record]]:
            """Unchanged files of the entries written again; one that fails now keeps its indexed record
            (with a warning), or is reported and left out (withheld, or not found in the index)."""
            read = _read_isolated(memory, [(paths.get(n, corpus_dir / n), n) for n in names], _no_progress, False)
            out = {name: records for name, note, records, _ in read if note}
            failed = {name: said for name, note, _, said in read if not note}
            report.files.extend(failed.values())
            if failed:
                with closing(open_engine(root)) as engine:
                    out |= kept_as_indexed(known, {n: f.error for n, f in failed.items() if f.error}, engine.record)
            for name in set(failed) & set(out):  # kept: a warning, not an error (nor remembered as a failure)
                failed[name].warning, failed[name].error = kept_note(failed[name].error or ""), None
            return out

        regrouped = regroup(known, set(deleted) | set(changed), new, again, signed)
        writer.delete(regrouped.delete)
        writer.add(regrouped.add)
        writer.set_sources({name: {**note, **regrouped.notes[name]} for name, note in sources.items()
                            if name not in regrouped.lost})
        report.removed, report.added = len(regrouped.delete), len(regrouped.add)
        report.generation = getattr(writer, "generation", "")
    filestate.remember(root, report.files + [FileReport(n) for n in deleted], full=False, started=memory.started)
    report.seconds = time.monotonic() - started
    return report


def _under(names: Sequence[str], known: dict[str, Any]) -> set[str]:
    """The indexed names given, and those under a given name that is a folder (moved out of the inbox)."""
    out = set()
    for raw in names:
        name = Path(raw).as_posix().rstrip("/")
        out |= {k for k in known if k == name or k.startswith(name + "/")}
    return out


# -- reading in worker processes -------------------------------------------------------

Items = list[tuple[Path, str]]


def _read_isolated(memory: filestate.Snapshot, items: Items, progress: Progress,
                   retry: bool) -> list[tuple[str, Any, list[Record], FileReport]]:
    """(name, sources note or None, records, FileReport) of each item, read in a worker process."""

    def work(shard: Items, tracker: isolation.Tracker) -> list[tuple[str, Any, list[Record], FileReport]]:
        out = []
        for i, (path, name) in enumerate(shard):
            tracker.start(i)
            report = BuildReport()
            found = _read_file(path, name, report, memory, retry)
            out.append((name, found[1] if found else None, found[0] if found else [], report.files[0]))
            tracker.done()
        return out

    if not items:
        return []
    bar = iter(progress(iter(p for p, _ in items), len(items)))
    outcome = isolation.run_shards([items], work, progress=lambda n: [next(bar, None) for _ in range(n)])
    read = [row for rows in outcome.results for row in rows]
    read += [(name, None, [], _lost(path, name, reason)) for (path, name), reason in outcome.lost]
    return read


def _lost(path: Path, name: str, reason: str) -> FileReport:
    """The report of a file whose worker died on it (its digest, so it is not read again)."""
    try:
        digest = path_digest(path)
    except OSError:
        digest = None
    return FileReport(name, error=reason, digest=digest)


ReadFiles = dict[str, tuple[bytes, dict[str, Any]]]  # name → (its records pickled, sources note)


def _unpacked(read: ReadFiles, names: set[str]) -> dict[str, Record]:
    """The records of the files named, by id, loaded from what their readers sent."""
    return {r.id: r for name in names for r in pickle.loads(read[name][0])}


def _parallel(memory: filestate.Snapshot, items: Items, report: BuildReport, progress: Progress,
              retry: bool) -> ReadFiles:
    """Every file read: one contiguous shard per worker process; below PARALLEL_MIN_FILES one worker
    (forking more costs more than it saves). A file whose worker dies is reported and its shard runs
    again without it (indexer/isolation.py). Grouping needs every file's records, so none is written yet."""
    from indexer.words.segment import preload

    preload()  # before fork: the workers share pyvi's model
    gc.collect()
    workers = isolation.worker_count() if len(items) >= PARALLEL_MIN_FILES else 1

    def work(shard: Items, tracker: isolation.Tracker) -> tuple[ReadFiles, list[FileReport]]:
        shard_report, read = BuildReport(), {}
        for i, (path, name) in enumerate(shard):
            tracker.start(i)
            found = _read_file(path, name, shard_report, memory, retry)
            if found:  # pickled here: 5× smaller than the objects (bench/entries_scale.py), loaded where written
                read[name] = pickle.dumps(found[0], protocol=pickle.HIGHEST_PROTOCOL), found[1]
            tracker.done()
        return read, shard_report.files

    bar = iter(progress(iter(p for p, _ in items), len(items)))
    outcome = isolation.run_shards(isolation.shards(items, workers), work,
                                   lambda n: [next(bar, None) for _ in range(n)], setup=isolation.quiet_gc)
    for _ in bar:
        pass
    read: ReadFiles = {}
    for shard_read, files in outcome.results:
        report.files.extend(files)
        read.update(shard_read)
    report.files.extend(_lost(path, name, reason) for (path, name), reason in outcome.lost)
    order = {name: i for i, (_, name) in enumerate(items)}
    report.files.sort(key=lambda f: order.get(f.name, 0))
    return {name: read[name] for _, name in items if name in read}  # corpus order, whichever worker read it


def _write(writer: Writer, plan: list[Unit], records_of: Callable[[list[str]], dict[str, Record]]) -> dict[str, str]:
    """The grouped entries composed and written, in parts on every core for a large corpus, adopted in
    plan order (documents keep their places, and a tie in score breaks the same way in every build).
    Returns member id → the id of the index document holding it."""

    def entries(shard: list[Unit], held: dict[str, str]) -> Iterator[Record]:
        for unit in shard:
            heads, of = compose_unit(unit, records_of([m.id for found in unit for m, _ in found]))
            held.update(of)
            yield from heads

    workers = isolation.worker_count() if len(plan) >= PARALLEL_MIN_FILES else 1
    if workers == 1:
        held: dict[str, str] = {}
        writer.add(entries(plan, held))
        return held

    def work(shard: list[tuple[int, Unit]], tracker: isolation.Tracker) -> tuple[int, Any, dict[str, str]]:
        part, held = writer.part(), {}  # no item is started: a worker that dies fails the build
        part.add(entries([unit for _, unit in shard], held))
        return shard[0][0], part.finish(), held

    outcome = isolation.run_shards(isolation.shards(list(enumerate(plan)), workers), work,
                                   setup=isolation.quiet_gc)
    results = sorted(outcome.results, key=lambda result: result[0])
    writer.adopt([finished for _, finished, _ in results])
    return {mid: eid for _, _, held in results for mid, eid in held.items()}


def _named_files(corpus_dir: Path, names: Sequence[str]) -> dict[str, Path]:
    """The named corpus files that exist and would be listed (a folder: the files under it).

    A name that leaves the corpus folder (a dangling link, a link to a file outside) names no
    corpus file: skipped, as list_files skips it, so its records go like a deleted file's.
    """
    top = corpus_dir.resolve()
    out = {}
    for raw in names:
        name = Path(raw).as_posix()
        path = corpus_dir / name
        try:
            inside = path.resolve().is_relative_to(top)
        except (OSError, RuntimeError):  # a loop of links
            inside = False
        hidden = any(part.startswith(".") for part in Path(name).parts)
        if not inside or hidden:
            continue
        if path.is_dir():
            out.update({p.relative_to(corpus_dir).as_posix(): p for p in list_files(path)})
        elif path.is_file() and path.suffix.lower() in SUFFIXES:
            out[name] = path
    return out


def _digest_if_changed(path: Path, entry: dict[str, Any] | None) -> str | None:
    """The file's new digest when it is new or changed, else None.

    A file that cannot be read any more counts as changed, so that its old
    records go and the report names it. A file with the size and modification
    time it had when indexed is unchanged without hashing it (as git and rsync
    judge): an update of one file in 100,000 then takes a second, not a
    minute.
    """
    if entry and entry.get("stat") is not None and entry["stat"] == stat_key(path):
        return None
    try:
        digest = path_digest(path)
    except OSError:
        return "unreadable"
    if entry and entry.get("digest") == digest:
        return None
    return digest


def export_records(root: Path) -> Iterator[dict[str, Any]]:
    """Every record in the live collection, in id order (the JSON Lines contract)."""
    engine = open_engine(root)
    try:
        yield from engine.records()
    finally:
        engine.close()
