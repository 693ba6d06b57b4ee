"""The watched inbox never exits on a bad path, follows folders, reads files whole, stops cleanly (issue 19, 7)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import pipeline, watch
from tests.hostile_files import letter
from tests.watching import indexed_sources, wait_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def watched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path, list, threading.Thread]]:
    """A watcher on a fresh inbox holding one letter, in a thread; its reports and problems."""
    monkeypatch.setenv("INDEXER_STABLE_SECONDS", "0.5")
    corpus, index = tmp_path / "inbox", tmp_path / "index"
    corpus.mkdir()
    (corpus / "dau-tien.txt").write_text(letter(1, "việc đầu tiên"), encoding="utf-8")
    stop = threading.Event()
    heard: list = []
    thread = threading.Thread(target=watch.watch, args=(corpus, index, heard.append, stop),
                              kwargs={"problem": heard.append}, daemon=True)
    thread.start()
    assert wait_for(lambda: indexed_sources(index) == {"dau-tien.txt"})
    yield corpus, index, heard, thread
    stop.set()
    thread.join(20)
    assert not thread.is_alive()


def test_a_dangling_link_or_a_link_outside_does_not_end_the_watcher(watched, tmp_path: Path) -> None:
    corpus, index, _, thread = watched
    (corpus / "treo.txt").symlink_to(tmp_path / "khong-co.txt")
    (tmp_path / "ngoai.txt").write_text(letter(2, "ở ngoài"), encoding="utf-8")
    (corpus / "ra-ngoai.txt").symlink_to(tmp_path / "ngoai.txt")
    time.sleep(2)
    # THEN the watcher lives on and indexes the next file
    (corpus / "sau.txt").write_text(letter(3, "đến sau"), encoding="utf-8")
    assert wait_for(lambda: "sau.txt" in indexed_sources(index))
    assert thread.is_alive()
    assert indexed_sources(index) == {"dau-tien.txt", "sau.txt"}


def test_a_file_replaced_by_a_link_outside_loses_its_records(watched, tmp_path: Path) -> None:
    corpus, index, _, thread = watched
    (tmp_path / "ngoai.txt").write_text(letter(2, "ở ngoài"), encoding="utf-8")
    (corpus / "dau-tien.txt").unlink()
    (corpus / "dau-tien.txt").symlink_to(tmp_path / "ngoai.txt")
    assert wait_for(lambda: indexed_sources(index) == set())
    assert thread.is_alive()


def test_a_folder_moved_out_of_the_inbox_takes_its_records(watched, tmp_path: Path) -> None:
    corpus, index, _, _ = watched
    (corpus / "phong").mkdir()
    (corpus / "phong" / "mot.txt").write_text(letter(4, "phòng một"), encoding="utf-8")
    (corpus / "phong" / "hai.txt").write_text(letter(5, "phòng hai"), encoding="utf-8")
    assert wait_for(lambda: indexed_sources(index) == {"dau-tien.txt", "phong/mot.txt", "phong/hai.txt"})
    (corpus / "phong").rename(tmp_path / "phong-cu")
    assert wait_for(lambda: indexed_sources(index) == {"dau-tien.txt"})
    # AND a folder moved in brings its files
    (tmp_path / "phong-cu").rename(corpus / "phong-moi")
    assert wait_for(lambda: indexed_sources(index) == {"dau-tien.txt", "phong-moi/mot.txt", "phong-moi/hai.txt"})


def test_a_file_written_in_two_halves_is_read_whole(watched) -> None:
    corpus, index, heard, _ = watched
    text = letter(6, "ghi hai lần").encode("utf-8")
    with open(corpus / "hai-nua.txt", "wb") as handle:
        handle.write(text[:40])  # cut inside the header: a half is no letter
        handle.flush()
        time.sleep(5)
        handle.write(text[40:])
    assert wait_for(lambda: "hai-nua.txt" in indexed_sources(index))
    reports = [r for r in heard if isinstance(r, pipeline.BuildReport)]
    assert not [f for r in reports for f in r.files if f.name == "hai-nua.txt" and f.error]
    records = {r["source"]: r for r in pipeline.export_records(index)}
    assert records["hai-nua.txt"]["number"] == "6/UBND-VP"


def test_sigterm_finishes_and_exits_cleanly_with_timestamped_lines(tmp_path: Path) -> None:
    corpus, index = tmp_path / "inbox", tmp_path / "index"
    corpus.mkdir()
    (corpus / "mot.txt").write_text(letter(7, "một"), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "indexer", "watch", "--corpus", str(corpus),
                                "--index", str(index)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "INDEXER_STABLE_SECONDS": "0.5"}, text=True)
    try:
        assert wait_for(lambda: indexed_sources(index) == {"mot.txt"})
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, output
    lines = [line for line in output.splitlines() if line.strip() and not line.startswith("  ")]
    assert lines and all(line[:4].isdigit() and line[4] == "-" and line[13] == ":" for line in lines), output
    assert "Đã dừng theo dõi" in output and "Traceback" not in output
