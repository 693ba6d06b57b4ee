"""A hostile inbox builds completely (issue 19, targets): every good file indexed, every bad one reported.

The folder is generated (tests/hostile_files.py: every class of the issue) beside the 40 real files of
../shared/corpora/office. The CI build does not OCR the shared scans (they are reported as needing OCR,
which is not remembered as a failure): `python -m bench.hostile` builds the same folder with OCR and
prints the figures. Peak memory is the resident set of the whole process tree, sampled.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from pathlib import Path

import psutil
import pytest

from indexer import limits, pipeline, watch
from indexer.readers.base import TransientFailure
from indexer.readers.formats import ocr
from tests import hostile_files
from tests.office_fixtures import OFFICE, need_office
from tests.watching import indexed_sources

PEAK_BYTES = 1.5 * 1024 ** 3


class PeakMemory:
    """The largest sum of proportional resident memory (PSS) over this process and its children, sampled
    every 50 ms. PSS, not RSS: forked workers share their parent's pages, and summing RSS counts those
    once per worker (a test process grown to 500 MB read as 1.9 GB with two workers holding little)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.05):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += process.memory_full_info().pss
            self.peak = max(self.peak, total)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    need_office()
    corpus = tmp_path_factory.mktemp("hostile") / "inbox"
    expected = hostile_files.write(corpus)
    for path in sorted(OFFICE.rglob("*")):
        if path.is_file() and path.suffix.lower() not in (".md", ".tsv"):
            target = corpus / "office" / path.relative_to(OFFICE)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
            expected[target.relative_to(corpus).as_posix()] = "indexed"
    return corpus, expected


def _no_shared_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shared scans are not OCRed in CI (minutes a page on a loaded machine); the generated ones are."""
    original = ocr.pdf_page

    def pdf_page(path: Path, page: int, deadline: ocr.Deadline) -> tuple[str, float | None]:
        if "/office/" in str(path):
            raise TransientFailure("OCR của bản quét dùng chung không chạy trong CI (OCR skipped)")
        return original(path, page, deadline)

    monkeypatch.setattr(ocr, "pdf_page", pdf_page)


def _check(report: pipeline.BuildReport, expected: dict[str, str]) -> None:
    files = {f.name: f for f in report.files}
    assert set(files) == set(expected)
    for name, want in expected.items():
        got = files[name]
        if name.startswith("office/") and got.error and "OCR" in got.error:
            continue  # a shared scan: not OCRed in CI (see the module docstring)
        if want == "indexed":
            assert got.error is None and got.withheld is None and got.records >= 1, (name, got.error)
        elif want == "withheld":
            assert got.withheld == "MẬT", name
        else:
            assert got.error and want in got.error, (name, got.error, want)


def test_the_hostile_inbox_builds_completely_within_its_limits(hostile, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, expected = hostile
    _no_shared_ocr(monkeypatch)
    with PeakMemory() as memory:
        report = pipeline.build(corpus, tmp_path / "index")
    _check(report, expected)
    assert memory.peak <= PEAK_BYTES, f"{memory.peak / 2 ** 20:.0f} MB"
    assert max(f.seconds for f in report.files) <= limits.current().FILE_SECONDS
    # AND every stored field is free of control characters, names with a newline included
    for record in pipeline.export_records(tmp_path / "index"):
        for field in ("subject", "issuer", "text", "number", "signer"):
            value = record.get(field) or ""
            assert not any(ord(c) < 32 and c not in "\n\t" for c in value), (record["source"], field)


def test_the_watcher_stays_alive_while_the_hostile_files_land(hostile, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, expected = hostile
    _no_shared_ocr(monkeypatch)
    monkeypatch.setenv("INDEXER_STABLE_SECONDS", "0.5")
    inbox, index = tmp_path / "inbox", tmp_path / "index"
    inbox.mkdir()
    (inbox / "first.txt").write_text(hostile_files.letter(1, "đầu tiên"), encoding="utf-8")
    stop, heard = threading.Event(), []
    thread = threading.Thread(target=watch.watch, args=(inbox, index, heard.append, stop),
                              kwargs={"problem": heard.append}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not index.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        for top in sorted(corpus.iterdir()):
            shutil.copytree(top, inbox / top.name)
        want = {n for n, w in expected.items() if w == "indexed"} | {"first.txt"}
        deadline = time.monotonic() + 600
        seen: set[str] = set()
        scans: set[str] = set()
        while time.monotonic() < deadline and not want - scans <= seen:  # a scan here is reported, not OCR'd
            time.sleep(1)
            seen = indexed_sources(index)  # every file of each entry (letters alike are one entry, issue 21)
            scans = {f.name for r in list(heard) if isinstance(r, pipeline.BuildReport) for f in r.files
                     if f.error and "OCR" in f.error}
        assert thread.is_alive()
        assert want - scans <= seen
        assert not [m for m in heard if isinstance(m, str)], heard
        assert "marks/mat.txt" not in seen
    finally:
        stop.set()
        thread.join(30)
