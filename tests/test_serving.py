"""Serving: answers remembered per index generation, and worker processes sharing one port."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from indexer import pipeline
from search_app import create_app, serving

ROOT = Path(__file__).resolve().parent.parent
NEW_LETTER = """ỦY BAN NHÂN DÂN
TỈNH BẮC KẠN
Số: 9999/UBND-VXNV
Bắc Kạn, ngày 02 tháng 3 năm 2022
V/v cách ly học sinh có nhiệt độ cao tại cổng trường
Kính gửi: Sở Giáo dục và Đào tạo.
Đề nghị cách ly ngay học sinh có nhiệt độ cao tại cổng trường.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def test_an_answer_asked_again_is_the_same_and_an_update_replaces_it(corpus_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "index"
    pipeline.build(corpus_copy, root)
    client = create_app({"INDEX_DIR": str(root), "CORPUS_DIR": str(corpus_copy), "TESTING": True}).test_client()
    url = "/api/search?q=cach+ly"
    first = client.get(url).get_json()
    again = client.get(url).get_json()
    assert {k: v for k, v in again.items() if k != "took_ms"} == {k: v for k, v in first.items() if k != "took_ms"}

    (corpus_copy / "zz_new.txt").write_text(NEW_LETTER, encoding="utf-8")
    pipeline.update(corpus_copy, root, only=["zz_new.txt"])
    after = client.get(url).get_json()
    assert after["total"] == first["total"] + 1
    assert "9999/UBND-VXNV" in {hit["number"] for hit in after["hits"]}


# -- the real server with two workers -------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    try:
        return {int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except FileNotFoundError:
        return set()


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def _until(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:  # our own loopback server
        response.read()
        return response.status


@pytest.fixture()
def two_workers(corpus_index: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "search_app", "--index", str(corpus_index), "--host", "127.0.0.1",
         "--port", str(port), "--workers", "2", "--threads", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        assert _until(lambda: len(_children(process.pid)) == 2, 30), "two workers did not start"
        assert _until(lambda: _answers(url), 30), "the server did not answer"
        yield process, url
    finally:
        workers = _children(process.pid)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _answers(url: str) -> bool:
    try:
        return _get(url + "/api/search?q=cach+ly") == 200
    except OSError:
        return False


@pytest.mark.slow
def test_two_workers_answer_on_one_port(two_workers: tuple[subprocess.Popen, str]) -> None:
    process, url = two_workers
    assert all(_get(f"{url}/api/search?q=vac+xin&page={1 + i % 2}") == 200 for i in range(20))
    assert len(_children(process.pid)) == 2


@pytest.mark.slow
def test_a_worker_that_dies_is_replaced(two_workers: tuple[subprocess.Popen, str]) -> None:
    process, url = two_workers
    victim = min(_children(process.pid))
    os.kill(victim, signal.SIGKILL)
    assert _until(lambda: len(_children(process.pid) - {victim}) == 2, 20)
    assert all(_get(f"{url}/?q=5K") == 200 for _ in range(10))


@pytest.mark.slow
def test_stopping_the_server_stops_its_workers(two_workers: tuple[subprocess.Popen, str]) -> None:
    process, _ = two_workers
    workers = _children(process.pid)
    process.terminate()
    assert process.wait(timeout=15) == 0
    assert _until(lambda: not any(_alive(pid) for pid in workers), 10)


@pytest.mark.slow
def test_workers_end_when_the_server_is_killed(two_workers: tuple[subprocess.Popen, str]) -> None:
    process, _ = two_workers
    workers = _children(process.pid)
    process.kill()
    process.wait(timeout=10)
    assert _until(lambda: not any(_alive(pid) for pid in workers), 10)


@pytest.mark.parametrize("query", ["", "q=cach+ly", "q=vac+xin&sort=oldest"])
def test_pages_served_from_one_ranking_add_up_to_the_whole_list(client, query: str) -> None:
    whole = [hit["id"] for hit in client.get(f"/api/search?{query}&per_page=6").get_json()["hits"]]
    paged = [hit["id"] for page in (1, 2, 3)
             for hit in client.get(f"/api/search?{query}&per_page=2&page={page}").get_json()["hits"]]
    assert paged == whole
    assert len(whole) >= 2


TOOK = re.compile(r'<span class="took">\((\d+(?:\.\d)?) ms\)</span>')


def test_a_page_asked_again_is_the_same_page_with_its_own_time(client) -> None:
    first, again = (client.get("/?q=cach+ly&topic=Cách+ly").get_data(as_text=True) for _ in range(2))
    assert TOOK.search(first) and TOOK.search(again)
    assert TOOK.sub("", first) == TOOK.sub("", again)
    assert "<!--took-->" not in again


def test_a_query_that_looks_like_the_time_slot_stays_text(client) -> None:
    for _ in range(2):
        page = client.get("/?q=%3C!--took--%3E").get_data(as_text=True)
        assert "&lt;!--took--&gt;" in page and TOOK.search(page)


# -- health, and build workers that end with the build --------------------------------------


@pytest.mark.slow
def test_healthz_says_the_server_is_ready_with_its_document_count(two_workers: tuple[subprocess.Popen, str],
                                                                   client) -> None:
    _, url = two_workers
    with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:
        assert response.status == 200
        body = json.loads(response.read())
    assert body["status"] == "ok"
    assert body["documents"] == client.get("/api/search").get_json()["total"] > 0


def test_the_start_up_requests_leave_the_app_answering(corpus_index: Path) -> None:
    app = create_app({"INDEX_DIR": str(corpus_index), "CORPUS_DIR": str(ROOT / "corpus"), "TESTING": True})
    app.extensions["shared_index"].warm()
    serving.first_requests(app)  # what the server does before its port opens
    client = app.test_client()
    for url in ("/?q=vac+xin", "/api/search?q=cach+ly&sort=oldest", "/api/search?q=5K"):
        assert client.get(url).status_code == 200, url


def test_healthz_is_503_without_an_index(tmp_path: Path) -> None:
    client = create_app({"INDEX_DIR": str(tmp_path / "none"), "TESTING": True}).test_client()
    assert client.get("/healthz").status_code == 503


@pytest.mark.slow
def test_build_workers_end_when_the_build_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    letters = sorted((ROOT / "corpus").glob("*.txt"))
    for i in range(600):  # past the parallel build's threshold
        (corpus / f"{i:04d}.txt").write_bytes(letters[i % len(letters)].read_bytes())
    env = {**os.environ, "INDEX_WORKERS": "2"}
    process = subprocess.Popen([sys.executable, "-m", "indexer", "build", "--corpus", str(corpus), "--index",
                                str(tmp_path / "index")], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _until(lambda: len(_children(process.pid)) >= 2, 60), "the build started no workers"
        workers = _children(process.pid)
        process.kill()
        process.wait(timeout=10)
        assert _until(lambda: not any(_alive(pid) for pid in workers), 10), "build workers outlived the build"
    finally:
        if process.poll() is None:
            process.kill()
