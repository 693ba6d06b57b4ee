"""The index on disk: full builds aside-then-swap, incremental updates, one lock.

Layout of an index folder:

    CURRENT            name of the live generation (replaced atomically)
    gen-<stamp>/       a Whoosh index + manifest.json (source file → digest, ids)
    .lock              held by the one indexer allowed to write

A full build writes a new generation next to the live one and swaps CURRENT
only when it is complete, so a crash or a bad file mid-build leaves the
previous index searchable. An update does the same from a copy of the live
generation (hard links: Whoosh never rewrites a file, it only adds and
deletes), so a live generation never changes: a reader that opens it late
still sees the documents its view was built from, and a crash mid-update
leaves the live index as it was. The next run of either removes what a
killed one left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import Index

from indexer import buildpool
from indexer.codec import codec
from indexer.corpus import (
    SUFFIXES,
    UnreadableFile,
    limit_text,
    list_files,
    path_digest,
    read_document,
    record_id,
)
from indexer.extract import extract_records
from indexer.record import Record
from indexer.schema import build_schema, to_document

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
LOCK = ".lock"


class IndexLocked(RuntimeError):
    """Another indexer holds the lock on this index folder."""


class NoIndex(FileNotFoundError):
    """The folder holds no complete index."""


@dataclass
class FileReport:
    name: str
    records: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)  # record id → fields
    error: str | None = None  # not indexed, and why
    warning: str | None = None  # indexed, but not whole (text cut at corpus.MAX_TEXT_CHARS)


@dataclass
class BuildReport:
    files: list[FileReport] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    generation: str = ""

    @property
    def documents(self) -> int:
        return sum(1 for f in self.files if f.error is None)

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]

    @property
    def warnings(self) -> list[FileReport]:
        return [f for f in self.files if f.warning]


Progress = Callable[[Iterator[Path], int], Iterator[Path]]


def _no_progress(items: Iterator[Path], total: int) -> Iterator[Path]:  # noqa: ARG001
    return items


_HELD_LOCKS: set[int] = set()  # descriptors of the write locks this process holds


def _drop_inherited_locks() -> None:
    """In a forked child (a build worker), let go of the parent's write lock.

    flock belongs to the open file, which fork shares: a worker outliving a
    killed parent would keep the index locked, and the next build would wait
    for it. /dev/null over the descriptor drops the child's share without
    unlocking the parent's.
    """
    if not _HELD_LOCKS:
        return
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.dup2(devnull, fd)
    os.close(devnull)
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_drop_inherited_locks)


@contextlib.contextmanager
def write_lock(root: Path, wait: float = 0.0) -> Iterator[None]:
    """Hold the index's write lock; wait up to `wait` seconds, then IndexLocked.

    flock is released by the kernel when the holder dies, so a killed build
    never leaves a stale lock behind (forked workers do not keep it: see
    _drop_inherited_locks).
    """
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexLocked(
                        f"một tiến trình lập chỉ mục khác đang ghi vào {root}; hãy đợi nó xong "
                        f"hoặc chạy lại với --wait SỐ_GIÂY (another indexer is writing {root}; "
                        "wait for it or retry later)"
                    ) from None
                time.sleep(0.1)
        _HELD_LOCKS.add(handle.fileno())
        try:
            yield
        finally:
            _HELD_LOCKS.discard(handle.fileno())
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_generation(root: Path) -> Path | None:
    """The live generation folder, or None when there is no complete index."""
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = root / name
    return path if name and (path / MANIFEST).exists() else None


def open_index(root: Path) -> Index:
    gen = current_generation(root)
    if gen is None:
        raise NoIndex(f"no index in {root}: run `python -m indexer build`")
    return whoosh_index.open_dir(str(gen))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_manifest(gen: Path) -> dict[str, Any]:
    return json.loads((gen / MANIFEST).read_text(encoding="utf-8"))


def records_of_file(path: Path, name: str) -> tuple[list[Record], str]:
    """Records of one corpus file and its digest; UnreadableFile when it cannot be read."""
    records, digest, _ = _read_records(path, name)
    return records, digest


def _read_records(path: Path, name: str) -> tuple[list[Record], str, str | None]:
    """Records, digest, and a note when the text was too long to index whole."""
    text, digest, provenance = read_document(path)
    text, note = limit_text(text)
    records = extract_records(text, record_id(name), name)
    if not records or not any(r.text for r in records):
        raise UnreadableFile("không có nội dung văn bản (no text)")
    for record in records:
        record.provenance = provenance
    return records, digest, "; ".join([*provenance.get("notes", []), *([note] if note else [])]) or None


def _index_file(writer: Any, path: Path, name: str, report: BuildReport) -> dict[str, Any] | None:
    """Add one file's records to a writer; record the outcome in the report."""
    file_report = FileReport(name)
    report.files.append(file_report)
    try:
        seen = _stat_key(path)  # before reading: a later change gives a new key
        records, digest, file_report.warning = _read_records(path, name)
    except UnreadableFile as err:
        file_report.error = str(err)
        return None
    for record in records:
        writer.add_document(**to_document(record))
        if record.missing():
            file_report.missing[record.id] = record.missing()
    file_report.records = len(records)
    return {"digest": digest, "ids": [r.id for r in records], "stat": seen}


def _stat_key(path: Path) -> list[int] | None:
    """(size, mtime in ns): a file whose key is unchanged is not read again by update()."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _remove_stale_generations(root: Path, keep: set[str]) -> None:
    """Old generations go once a newer one is live; open readers keep their files (POSIX).

    Also what a killed indexer left: half-written generations and temporary files
    (only the lock holder writes, so none of them is in use).
    """
    for child in root.glob("gen-*"):
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
    for leftover in root.glob(f".{CURRENT}.*.tmp"):
        leftover.unlink(missing_ok=True)


def _new_generation(root: Path) -> Path:
    gen = root / f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
    gen.mkdir(parents=True)
    return gen


def _copy_generation(live: Path, gen: Path) -> None:
    """The live generation's Whoosh files into `gen`, as hard links where the file system allows."""
    for item in live.iterdir():
        if item.name == MANIFEST or item.name.endswith(("WRITELOCK", ".tmp")) or not item.is_file():
            continue
        try:
            os.link(item, gen / item.name)
        except OSError:
            shutil.copy2(item, gen / item.name)


def build(corpus_dir: Path, root: Path, progress: Progress = _no_progress, wait: float = 0.0) -> BuildReport:
    """Index every file of the corpus into a new generation, then make it live."""
    started = time.monotonic()
    report = BuildReport()
    with write_lock(root, wait):
        previous = current_generation(root)
        gen = _new_generation(root)
        ix = whoosh_index.create_in(str(gen), build_schema())
        manifest: dict[str, Any] = {"files": {}}
        writer = buildpool.writer(ix)
        try:
            items = [(p, p.relative_to(corpus_dir).as_posix()) for p in list_files(corpus_dir)]
            workers = buildpool.worker_count()
            if workers > 1 and len(items) >= buildpool.PARALLEL_MIN_FILES:
                manifest["files"] = buildpool.parallel(writer, ix, items, _index_file, report, progress, workers)
            else:
                manifest["files"] = buildpool.serial(writer, ix, items, _index_file, report, progress)
        except BaseException:
            writer.cancel()
            shutil.rmtree(gen, ignore_errors=True)
            raise
        _write_atomic(gen / MANIFEST, json.dumps(manifest, ensure_ascii=False))
        _write_atomic(root / CURRENT, gen.name)
        keep = {gen.name} | ({previous.name} if previous else set())
        _remove_stale_generations(root, keep)
        report.added = report.records
        report.generation = gen.name
    report.seconds = time.monotonic() - started
    return report


def update(corpus_dir: Path, root: Path, progress: Progress = _no_progress, wait: float = 0.0,
           only: Sequence[str] | None = None) -> BuildReport:
    """Add new and changed files, remove deleted ones, leave the rest untouched.

    With `only` (corpus-relative names), just those files are looked at: added
    or re-indexed when present, removed when gone. The corpus folder is not
    scanned, so one new document goes in within a second whatever the size
    of the collection.
    """
    if current_generation(root) is None:
        return build(corpus_dir, root, progress, wait)
    started = time.monotonic()
    report = BuildReport()
    with write_lock(root, wait):
        live = current_generation(root)
        assert live is not None
        manifest = _read_manifest(live)
        known: dict[str, Any] = manifest["files"]
        if only is None:
            paths = {p.relative_to(corpus_dir).as_posix(): p for p in list_files(corpus_dir)}
            deleted = sorted(set(known) - set(paths))
        else:
            paths = _named_files(corpus_dir, only)
            deleted = sorted({Path(n).as_posix() for n in only} & set(known) - set(paths))
        changed = []
        for name, path in paths.items():
            if _digest_if_changed(path, known.get(name)) is None:
                report.unchanged += 1
                if known[name].get("stat") is None:  # indexed before stat keys: remember it now
                    known[name]["stat"] = _stat_key(path)
            else:
                changed.append(name)
        report.generation = live.name
        if not deleted and not changed:
            report.seconds = time.monotonic() - started
            return report
        gen = _new_generation(root)
        try:
            _copy_generation(live, gen)
            writer = buildpool.unmapped(gen).writer(limitmb=128, codec=codec())
            try:
                for name in deleted:
                    writer.delete_by_term("source", name)
                    report.removed += len(known.pop(name)["ids"])
                for name in progress(iter(changed), len(changed)):
                    writer.delete_by_term("source", name)
                    old = known.pop(name, None)
                    report.removed += len(old["ids"]) if old else 0
                    entry = _index_file(writer, paths[name], name, report)
                    if entry:
                        known[name] = entry
                        report.added += len(entry["ids"])
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
        except BaseException:
            shutil.rmtree(gen, ignore_errors=True)
            raise
        _write_atomic(gen / MANIFEST, json.dumps(manifest, ensure_ascii=False))
        _write_atomic(root / CURRENT, gen.name)
        _remove_stale_generations(root, {gen.name, live.name})
        report.generation = gen.name
    report.seconds = time.monotonic() - started
    return report


def _named_files(corpus_dir: Path, names: Sequence[str]) -> dict[str, Path]:
    """The named corpus files that exist and would be listed; a name outside the corpus is an error."""
    top = corpus_dir.resolve()
    out = {}
    for raw in names:
        name = Path(raw).as_posix()
        path = corpus_dir / name
        if not path.resolve().is_relative_to(top):
            raise ValueError(f"{raw!r} không nằm trong thư mục văn bản {corpus_dir} (not in the corpus folder)")
        hidden = any(part.startswith(".") for part in Path(name).parts)
        if path.is_file() and not hidden and path.suffix.lower() in SUFFIXES:
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
    if entry and entry.get("stat") is not None and entry["stat"] == _stat_key(path):
        return None
    try:
        digest = path_digest(path)
    except OSError:
        return "unreadable"
    if entry and entry.get("digest") == digest:
        return None
    return digest


def export_records(root: Path) -> Iterator[dict[str, Any]]:
    """Every record in the live index, in id order (the JSON Lines contract)."""
    ix = open_index(root)
    with ix.searcher() as searcher:
        stored = [fields for _, fields in searcher.iter_docs()]
    for fields in sorted(stored, key=lambda f: f["id"]):
        yield json.loads(fields["record"])
