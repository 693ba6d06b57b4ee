"""One bad file never stops the inbox (issue 19): whatever one file does while read, it alone is reported.

Each test plants a reader that misbehaves on one file — raises an unexpected
error, runs past the time limit (in Python, or stuck where the alarm cannot
reach), allocates past the memory limit, kills its process — and checks that
the build names that file with a Vietnamese reason and indexes all the others,
and that the failure is remembered by digest until the bytes change.
"""

from __future__ import annotations

import mmap
import os
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import isolation, pipeline
from indexer.__main__ import cli
from indexer.engine import SearchSpec, open_engine
from indexer.readers.formats import plain
from search_app.query.understand import understand
from tests.hostile_files import letter

BAD = "b-bad.txt"


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for i, name in enumerate(["a-good.txt", BAD, "c-good.txt"]):
        (folder / name).write_text(letter(100 + i, f"việc số {i}") + ("BAD\n" if name == BAD else ""), encoding="utf-8")
    return folder


def _plant(monkeypatch: pytest.MonkeyPatch, misbehave) -> None:
    """The text reader misbehaves on the file holding BAD (in the worker: the fork inherits the patch)."""
    original = plain.read

    def read(data: bytes):
        if b"BAD\n" in data:
            misbehave()
        return original(data)

    monkeypatch.setattr(plain, "read", read)  # the text format's reader calls it by name


def _outcome(report: pipeline.BuildReport) -> tuple[list[str], dict[str, str]]:
    return sorted(f.name for f in report.files if not f.error), {f.name: f.error for f in report.errors}


def _build(tmp_path: Path) -> pipeline.BuildReport:
    return pipeline.build(_corpus(tmp_path / "corpus"), tmp_path / "index")


def test_an_unexpected_error_in_a_reader_is_that_files_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def misbehave() -> None:
        raise ValueError("All strings must be XML compatible")  # what lxml raised on a control character

    _plant(monkeypatch, misbehave)
    good, bad = _outcome(_build(tmp_path))
    assert good == ["a-good.txt", "c-good.txt"]
    assert list(bad) == [BAD] and "lỗi khi đọc tệp: ValueError" in bad[BAD]


def test_a_file_past_its_time_limit_is_stopped_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDEXER_FILE_SECONDS", "1")
    _plant(monkeypatch, lambda: time.sleep(60))
    started = time.monotonic()
    good, bad = _outcome(_build(tmp_path))
    assert time.monotonic() - started < 40
    assert good == ["a-good.txt", "c-good.txt"]
    assert "quá 1 giây" in bad[BAD]


def test_a_worker_stuck_where_the_alarm_cannot_reach_is_killed(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDEXER_FILE_SECONDS", "1")
    monkeypatch.setattr(isolation, "GRACE_SECONDS", 1.0)

    def stuck() -> None:  # C code that never returns to the interpreter: the alarm is blocked
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(120)

    _plant(monkeypatch, stuck)
    good, bad = _outcome(_build(tmp_path))
    assert good == ["a-good.txt", "c-good.txt"]
    assert "quá 1 giây" in bad[BAD]


def test_a_file_that_needs_more_memory_than_the_limit_is_reported(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDEXER_MEMORY_MB", "1500")
    _plant(monkeypatch, lambda: bytearray(3 * 1024 ** 3))
    good, bad = _outcome(_build(tmp_path))
    assert good == ["a-good.txt", "c-good.txt"]
    assert "bộ nhớ" in bad[BAD]


def test_documents_keep_the_corpus_order_whichever_worker_finishes_first(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Three letters alike but for one word score the same; the first shard is the slow one. Its letters
    still rank first among the ties, as in a serial build (seen: the bounded-build test's top ten changing
    with which worker finished first)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, (name, word) in enumerate((("a.txt", "SỚM"), ("b.txt", "CHẬM"), ("c.txt", "MUỘN")), 7):
        # three letters (their own numbers: one number, issuer and date would be one document, issue 21)
        (corpus / name).write_text(letter(number, "việc cách ly") + f"Ghi chú {word}\n", encoding="utf-8")
    original = plain.read

    def read(data: bytes):
        if "CHẬM".encode() in data:
            time.sleep(2)
        return original(data)

    monkeypatch.setattr(plain, "read", read)
    monkeypatch.setenv("INDEX_WORKERS", "2")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 1)
    pipeline.build(corpus, tmp_path / "index")
    hits = open_engine(tmp_path / "index").search(SearchSpec(query=understand("cách ly").spec, limit=3)).hits
    assert len({h.score for h in hits}) == 1  # a tie, broken by the documents' places
    assert [h.id for h in hits] == ["a", "b", "c"]


def test_a_grown_indexing_process_still_reads_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A watcher that has run for weeks holds more than the per-file memory limit itself; its workers still
    read (the limit counts what a file adds, not what the worker inherited). Text cache on: SQLite maps memory."""
    monkeypatch.setenv("INDEXER_MEMORY_MB", "200")
    monkeypatch.setenv("INDEXER_TEXT_CACHE", str(tmp_path / "cache"))
    held = mmap.mmap(-1, 600 * 1024 ** 2)  # 600 MB of address space in this process, as a grown watcher has
    try:
        report = pipeline.build(_corpus(tmp_path / "corpus"), tmp_path / "index")
    finally:
        held.close()
    assert not report.errors, [(f.name, f.error) for f in report.errors]
    assert report.records == 3


def test_a_reader_that_kills_its_process_costs_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plant(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGSEGV))
    report = _build(tmp_path)
    good, bad = _outcome(report)
    assert good == ["a-good.txt", "c-good.txt"]
    assert "dừng đột ngột" in bad[BAD]
    assert [f.name for f in report.files] == ["a-good.txt", BAD, "c-good.txt"]


def test_an_update_reads_in_isolation_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-good.txt").write_text(letter(1, "việc một"), encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    _plant(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL))
    (corpus / BAD).write_text(letter(2, "việc hai") + "BAD\n", encoding="utf-8")
    (corpus / "c-good.txt").write_text(letter(3, "việc ba"), encoding="utf-8")
    report = pipeline.update(corpus, tmp_path / "index")
    assert _outcome(report)[0] == ["c-good.txt"] and BAD in _outcome(report)[1]
    assert {r["source"] for r in pipeline.export_records(tmp_path / "index")} == {"a-good.txt", "c-good.txt"}


def test_a_failed_file_is_not_read_again_until_its_bytes_change(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calls = tmp_path / "calls"

    def misbehave() -> None:
        with open(calls, "a") as log:
            log.write("x")
        raise ValueError("bad")

    _plant(monkeypatch, misbehave)
    corpus, index = _corpus(tmp_path / "corpus"), tmp_path / "index"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", "--corpus", str(corpus), "--index", str(index)])
    assert first.exit_code == 0 and f"BỎ QUA {BAD}" in first.output
    # WHEN built and updated again, the failed file is reported from memory, not read
    again = runner.invoke(cli, ["build", "--corpus", str(corpus), "--index", str(index)])
    runner.invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index)])
    assert calls.read_text() == "x"
    assert "1 tệp đã lỗi lần trước" in again.output
    # AND status lists it with its reason
    status = runner.invoke(cli, ["status", "--index", str(index)])
    assert BAD in status.output and "ValueError" in status.output
    # AND --retry-failed reads it again; a change of its bytes does too
    runner.invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index), "--retry-failed"])
    assert calls.read_text() == "xx"
    (corpus / BAD).write_text(letter(9, "đã sửa") + "BAD\n", encoding="utf-8")
    runner.invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index)])
    assert calls.read_text() == "xxx"
