"""Concurrent use (issue 6): searches keep answering whole results while the index
is rebuilt or updated, and two indexers never write at once.

The collection (tests/crash_corpus.py) is generated from the bundled seeds: each
file is a seed with one made-up marker word in its first paragraph, so that a
search for the marker must find exactly that file's document.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from indexer import pipeline
from indexer.engine.whoosh import generations as disk
from search_app import create_app
from tests.crash_corpus import (
    LOCKED,
    generations,
    ids_in,
    make_corpus,
    marker,
    run_cli,
    write_file,
)

# -- searches during a rebuild and an update -------------------------------------------

class Hammer:
    """Threads searching without pause; each answer is checked, not just counted."""

    def __init__(self, app, floor: int, known: dict[str, str], threads: int = 2) -> None:
        self.app, self.floor, self.known = app, floor, known
        self.stop = threading.Event()
        self.phase = "before"
        self.requests: Counter[str] = Counter()
        self.problems: list[str] = []
        self.totals: list[int] = []
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self) -> None:
        client = self.app.test_client()
        words = sorted(self.known)
        n = 0
        while not self.stop.is_set():
            n += 1
            phase = self.phase
            try:
                everything = client.get("/api/search", query_string={"per_page": 5})
                if everything.status_code != 200:
                    self.problems.append(f"{phase}: match-all answered {everything.status_code}")
                    continue
                total = everything.get_json()["total"]
                self.totals.append(total)
                if total < self.floor:
                    self.problems.append(f"{phase}: partial result, {total} < {self.floor} documents")
                word = words[n % len(words)]
                hits = client.get("/api/search", query_string={"q": word}).get_json()["hits"]
                if self.known[word] not in [h["id"] for h in hits]:
                    self.problems.append(f"{phase}: {word} did not find {self.known[word]}")
                if n % 7 == 0 and client.get(f"/doc/{self.known[word]}").status_code != 200:
                    self.problems.append(f"{phase}: the document page of {self.known[word]} failed")
            except Exception as err:  # any exception is a finding, reported below
                self.problems.append(f"{phase}: {type(err).__name__}: {err}")
            self.requests[phase] += 1

    def __enter__(self) -> Hammer:
        for thread in self.threads:
            thread.start()
        return self

    def during(self, phase: str) -> None:
        self.phase = phase

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


@pytest.mark.slow
def test_searches_stay_whole_during_a_full_rebuild_and_an_update(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 30)
    root = tmp_path / "index"
    size = pipeline.build(corpus, root).records
    app = create_app({"INDEX_DIR": str(root), "CORPUS_DIR": str(corpus), "TESTING": True})
    known = {marker(i): f"gen_{i:04d}" for i in range(0, 30, 3)}
    with Hammer(app, floor=size, known=known) as hammer:
        time.sleep(0.3)
        hammer.during("rebuild")
        pipeline.build(corpus, root, wait=30)
        hammer.during("update")
        for i in range(0, 30, 3):  # changed text, same documents
            write_file(corpus, i, extra=" Sửa đổi lần hai.")
        for i in range(30, 36):  # new documents
            write_file(corpus, i)
        report = pipeline.update(corpus, root, wait=30)
        hammer.during("rebuild after update")
        pipeline.build(corpus, root, wait=30)
        hammer.during("after")
        time.sleep(0.3)
    assert hammer.problems == []
    for phase in ("rebuild", "update", "rebuild after update", "after"):
        assert hammer.requests[phase] > 0, f"no search ran during {phase}: {dict(hammer.requests)}"
    # 10 changed files (12 documents: two are copies of the seed that holds two) and 6 new ones (7 documents)
    assert (report.added, report.removed, report.unchanged) == (12 + 7, 12, 20)
    assert hammer.totals[-1] == size + 7
    assert len(generations(root)) <= 2


# -- two indexers ---------------------------------------------------------------------



def test_a_second_indexer_stops_at_once_or_waits_for_the_lock(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 5)
    root = tmp_path / "index"
    pipeline.build(corpus, root)
    with disk.write_lock(root):
        for action in (pipeline.build, pipeline.update):
            started = time.monotonic()
            with pytest.raises(pipeline.IndexLocked, match=LOCKED):
                action(corpus, root, wait=0)
            assert time.monotonic() - started < 1
        with pytest.raises(pipeline.IndexLocked):
            pipeline.build(corpus, root, wait=0.5)
    assert ids_in(root) == {f"gen_{i:04d}" for i in range(5)} | {"gen_0003-2"}

    holder = threading.Thread(target=_hold_lock, args=(root, 1.0))
    holder.start()
    time.sleep(0.2)
    started = time.monotonic()
    report = pipeline.build(corpus, root, wait=30)
    waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.5 and report.records == 6


def _hold_lock(root: Path, seconds: float) -> None:
    with disk.write_lock(root):
        time.sleep(seconds)


def test_the_cli_stops_with_a_message_or_waits(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", 5)
    root = tmp_path / "index"
    pipeline.build(corpus, root)
    with disk.write_lock(root):
        for verb in ("build", "update"):
            result = run_cli(verb, "--corpus", str(corpus), "--index", str(root), "--wait", "0")
            assert result.returncode == 1, result.stdout
            assert LOCKED in result.stderr and str(root) in result.stderr and "--wait" in result.stderr
            assert "Traceback" not in result.stderr
    holder = threading.Thread(target=_hold_lock, args=(root, 3.0))
    holder.start()
    time.sleep(0.2)
    started = time.monotonic()
    waited = run_cli("build", "--corpus", str(corpus), "--index", str(root), "--wait", "60")
    holder.join()
    assert waited.returncode == 0, waited.stderr
    assert time.monotonic() - started >= 2.5
    assert "Đã lập chỉ mục: 5 tệp, 6 văn bản" in waited.stdout


