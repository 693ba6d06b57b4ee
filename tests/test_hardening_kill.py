"""Crashes (issue 6): a build or update killed with SIGKILL at any point loses nothing,
and the next run completes it (collection: tests/crash_corpus.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest

from indexer import pipeline
from indexer.engine.whoosh import generations as disk
from search_app.answer.service import search
from search_app.query.params import SearchRequest
from tests.crash_corpus import (
    BIG,
    KILL_SEED,
    LOCKED,
    finds,
    generations,
    ids_in,
    ids_of,
    make_corpus,
    marker,
    run_cli,
    start_cli,
    write_file,
)

# -- SIGKILL mid-build ----------------------------------------------------------------

@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A few hundred files, indexed once by the CLI (timed: the kill points are spread over that time)."""
    base = tmp_path_factory.mktemp("big")
    corpus = make_corpus(base / "corpus", BIG)
    root = base / "index"
    started = time.monotonic()
    result = run_cli("build", "--corpus", str(corpus), "--index", str(root))
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    return {"corpus": corpus, "root": root, "seconds": seconds, "ids": ids_in(root)}


@pytest.fixture(scope="module")
def kill_log(request: pytest.FixtureRequest) -> list[dict]:
    log: list[dict] = []
    yield log
    if not log:
        return
    phases = Counter(entry["phase"] for entry in log)
    lost = sum(entry["lost"] for entry in log)
    orphans = sum(entry.get("orphans", 0) for entry in log)
    line = (f"hardening crash: {len(log)} kill points ({', '.join(f'{k} {v}' for k, v in sorted(phases.items()))}), "
            f"documents lost: {lost}, workers left running by killed builds: {orphans}")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print(f"\n{line}")


def _tocs(gen: Path | None) -> set[tuple[str, int]]:
    """(name, inode) of the Whoosh TOC files; an update's copy shares the live generation's inodes."""
    return {(p.name, p.stat().st_ino) for p in gen.glob("_MAIN_*.toc")} if gen else set()


class Watch:
    """What an indexer has done so far, read from the index folder it is writing."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.before = generations(root)
        self.live = disk.current_generation(root)

    def new_generation(self) -> Path | None:
        new = generations(self.root) - self.before
        return self.root / sorted(new)[-1] if new else None

    def committed(self) -> bool:
        """Whoosh committed into the new generation: a TOC written now, past the empty one a build starts with."""
        try:
            fresh = _tocs(self.new_generation()) - _tocs(self.live)
        except FileNotFoundError:  # the indexer is removing or renaming as we look
            return False
        return any(name != "_MAIN_0.toc" for name, _ in fresh)

    def phase(self) -> str:
        if disk.current_generation(self.root) != self.live:
            return "after the swap"
        gen = self.new_generation()
        if gen is None:
            return "starting"
        if (gen / disk.SOURCES).exists():
            return "after the manifest"
        return "after the commit" if self.committed() else "indexing"


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (a parallel build's workers)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
    return out


def _kill_when(process: subprocess.Popen, ready, limit: float) -> list[int]:
    """SIGKILL the indexer when `ready()` or after `limit` seconds (or let it finish first).

    Only the indexer is killed, as a power cut or the OOM killer would; its workers
    are returned, for the caller to check that they hold nothing and then end them.
    """
    deadline = time.monotonic() + limit
    while process.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.002)
    workers = _children(process.pid) if process.poll() is None else []
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    for pipe in (process.stdout, process.stderr):  # the workers may still hold the other end
        if pipe:
            pipe.close()
    return workers


def _end(workers: list[int], grace: float = 5.0) -> int:
    """How many workers of a killed build were still running after `grace` seconds (then killed).

    A worker ended by its parent-death signal stays a zombie until PID 1 reaps it:
    that is an ended process, not one left running.
    """
    deadline = time.monotonic() + grace
    running = list(workers)
    while running and time.monotonic() < deadline:
        running = [pid for pid in running if _running(pid)]
        time.sleep(0.05)
    for pid in running:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return len(running)


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _assert_searchable(root: Path, present: tuple[int, ...] = (0, 42, BIG - 1)) -> None:
    assert disk.current_generation(root) is not None, "no live index after the kill"
    for i in present:
        assert finds(root, i) == [f"gen_{i:04d}"], f"{marker(i)} no longer finds its document"


def _never(*_: object) -> bool:
    return False


@pytest.mark.slow
def test_a_build_killed_at_any_point_leaves_the_previous_index_whole(big: dict, tmp_path: Path,
                                                                    kill_log: list[dict]) -> None:
    root = tmp_path / "index"
    shutil.copytree(big["root"], root)
    corpus = big["corpus"]
    rng = random.Random(KILL_SEED)
    moments = sorted(rng.uniform(0.1, 1.0) * big["seconds"] for _ in range(5))
    # Parallel builds (forked workers) and serial ones (INDEX_WORKERS=1); None: just after Whoosh's commit.
    for moment, workers in zip([*moments, None], [None, 1, None, 1, None, None], strict=True):
        watch = Watch(root)
        process = start_cli("build", "--corpus", str(corpus), "--index", str(root), workers=workers)
        left = _kill_when(process, watch.committed if moment is None else _never, 120 if moment is None else moment)
        phase = watch.phase()
        try:
            with disk.write_lock(root, wait=0):  # the next indexer need not wait for anything
                pass
        finally:
            orphans = _end(left)
        found = ids_in(root)
        kill_log.append({"phase": f"build {phase}", "lost": len(big["ids"] - found), "orphans": orphans})
        assert found == big["ids"], f"lost {sorted(big['ids'] - found)[:5]} (killed {phase})"
        assert orphans == 0, f"{orphans} workers still running 5 s after their build was killed ({phase})"
        _assert_searchable(root)

    result = run_cli("build", "--corpus", str(corpus), "--index", str(root))
    assert result.returncode == 0, result.stderr
    assert len(generations(root)) <= 2, "the next build removed what the killed ones left"
    assert not list(root.glob(".*.tmp"))
    assert ids_in(root) == big["ids"]
    _assert_searchable(root)


@pytest.fixture(scope="module")
def changed(big: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The big collection edited: every tenth file changed, five deleted, ten added; one update timed."""
    corpus = tmp_path_factory.mktemp("changed") / "corpus"
    shutil.copytree(big["corpus"], corpus)
    for i in range(0, BIG, 10):
        write_file(corpus, i, extra=" Bản sửa đổi.")
    for i in range(BIG, BIG + 10):
        write_file(corpus, i)
    for i in range(1, 6):
        (corpus / f"gen_{i:04d}.txt").unlink()
    new = (big["ids"] - {d for i in range(1, 6) for d in ids_of(i)}) | {d for i in range(BIG, BIG + 10)
                                                                         for d in ids_of(i)}
    root = tmp_path_factory.mktemp("changed-index") / "index"
    shutil.copytree(big["root"], root)
    started = time.monotonic()
    result = run_cli("update", "--corpus", str(corpus), "--index", str(root))
    assert result.returncode == 0, result.stderr
    assert ids_in(root) == new
    return {"corpus": corpus, "ids": new, "seconds": time.monotonic() - started}


@pytest.mark.slow
def test_an_update_killed_at_any_point_is_all_or_nothing_and_the_next_one_completes(
        big: dict, changed: dict, tmp_path: Path, kill_log: list[dict]) -> None:
    old, new = big["ids"], changed["ids"]
    rng = random.Random(KILL_SEED + 1)
    moments = sorted(rng.uniform(0.3, 1.0) * changed["seconds"] for _ in range(3))
    for k, moment in enumerate([*moments, None]):
        root = tmp_path / f"index-{k}"
        shutil.copytree(big["root"], root)
        watch = Watch(root)
        process = start_cli("update", "--corpus", str(changed["corpus"]), "--index", str(root))
        _end(_kill_when(process, watch.committed if moment is None else _never, 120 if moment is None else moment))
        phase = watch.phase()
        found = ids_in(root)
        state = "old" if found == old else "new" if found == new else "mixed"
        kill_log.append({"phase": f"update {phase}", "lost": len(old & new - found)})
        assert state != "mixed", f"an update is all or nothing: -{sorted(old - found)} +{sorted(found - old)}"
        _assert_searchable(root, (0, 42, 7))

        report = pipeline.update(changed["corpus"], root)  # the next run, with no cleanup by hand
        assert ids_in(root) == new, f"killed {phase}"
        assert report.errors == []
        assert finds(root, BIG + 2) == [f"gen_{BIG + 2:04d}"] and finds(root, 2) == []
        assert len(generations(root)) <= 2
        again = pipeline.update(changed["corpus"], root)
        assert (again.added, again.removed) == (0, 0), "a finished update leaves nothing to redo"


def test_a_request_that_got_its_view_before_an_update_still_answers(tmp_path: Path) -> None:
    """GIVEN a request holding the index view WHEN an update lands before the request's thread
    first reads the index THEN the request answers from the view's generation, without error."""
    from search_app.answer.index_holder import SharedIndex

    corpus = make_corpus(tmp_path / "corpus", 30)
    root = tmp_path / "index"
    pipeline.build(corpus, root)
    shared = SharedIndex(root)
    view = shared.engine()
    for i in range(0, 30, 2):
        write_file(corpus, i, extra=" Sửa đổi.")
    for i in range(30, 40):
        write_file(corpus, i)
    pipeline.update(corpus, root)
    answers: dict[str, object] = {}

    def request() -> None:
        try:
            answers["hits"] = [h["id"] for h in search(view, SearchRequest(q=marker(8)))["hits"]]
            answers["total"] = search(view, SearchRequest())["total"]
        except Exception as err:  # the finding
            answers["error"] = repr(err)

    thread = threading.Thread(target=request)
    thread.start()
    thread.join()
    assert "error" not in answers, answers
    assert answers == {"hits": ["gen_0008"], "total": 36}
    fresh = shared.engine()
    assert fresh is not view and search(fresh, SearchRequest())["total"] == 36 + 12


@pytest.mark.slow
def test_two_indexers_at_once_the_second_stops_or_waits(big: dict, tmp_path: Path) -> None:
    """GIVEN a build running WHEN another build starts with --wait 0 THEN it stops at once with the message;
    WHEN an update starts with --wait THEN it waits for the build and then finds nothing left to do."""
    root = tmp_path / "index"
    shutil.copytree(big["root"], root)
    corpus = big["corpus"]
    before = generations(root)
    first = start_cli("build", "--corpus", str(corpus), "--index", str(root))
    deadline = time.monotonic() + 60
    while not generations(root) - before:  # it holds the lock once it has made its generation
        assert first.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    second = run_cli("build", "--corpus", str(corpus), "--index", str(root), "--wait", "0")
    assert first.poll() is None, "the first build was still running"
    assert second.returncode == 1 and LOCKED in second.stderr
    third = start_cli("update", "--corpus", str(corpus), "--index", str(root), "--wait", "300")
    out_first, err_first = first.communicate(timeout=300)
    out_third, err_third = third.communicate(timeout=300)
    assert first.returncode == 0, err_first
    assert third.returncode == 0, err_third
    assert f"Đã lập chỉ mục: {BIG} tệp" in out_first
    assert f"(+0 / -0, {BIG} không đổi)" in out_third
    assert ids_in(root) == big["ids"]
    assert len(generations(root)) <= 2
    manifest = json.loads((disk.current_generation(root) / disk.SOURCES).read_text(encoding="utf-8"))
    assert len(manifest["files"]) == BIG



