"""Hardening, live: the real server (`python -m search_app`) and a real browser on the hostile collection."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from tests.ci import missing
from tests.hostile import (
    CHROMIUM,
    HOSTILE_ID,
    HOSTILE_PAGES,
    ROOT,
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def real_server(hostile_app) -> Iterator[str]:
    """`python -m search_app` itself, as an administrator starts it."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "search_app", "--index", hostile_app.config["INDEX_DIR"], "--corpus",
         hostile_app.config["CORPUS_DIR"], "--host", "127.0.0.1", "--port", str(port), "--threads", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise AssertionError("the server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # our own loopback server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.mark.slow
def test_the_real_server_names_no_software_and_sends_the_headers(real_server: str) -> None:
    for path, status in (("/", 200), ("/khong-co", 404), ("/api/search?page=0", 400), ("/static/app.js", 200),
                         ("/doc/900_markup/source", 200)):
        code, headers, body = _fetch(real_server + path)
        assert code == status, path
        assert "Server" not in headers, headers.get("Server")
        assert "X-Powered-By" not in headers
        assert headers.get("X-Content-Type-Options") == "nosniff"
        assert "frame-ancestors 'none'" in headers.get("Content-Security-Policy", "")
        assert b"waitress" not in body.lower() and b"werkzeug" not in body.lower()


@pytest.mark.slow
def test_a_malformed_request_gets_no_server_name_or_version(real_server: str) -> None:
    host, port = real_server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 400")
    assert b"\r\nserver:" not in head
    assert not re.search(rb"waitress/?\s*\d", answer.lower()), "no version number"


# -- a real browser ------------------------------------------------------------------

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
"""


def in_own_browser(check) -> None:
    """Run check(browser) in a Chromium of its own, on a thread of its own.

    Playwright's sync API allows one instance per thread, and the e2e suite keeps
    its session browser open on the main thread.
    """
    if not CHROMIUM.exists():
        missing("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    outcome: dict[str, BaseException] = {}

    def drive() -> None:
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS)
                try:
                    check(browser)
                finally:
                    browser.close()
        except BaseException as err:  # handed back to the test's thread
            outcome["error"] = err

    thread = threading.Thread(target=drive, name="hardening-browser")
    thread.start()
    thread.join(timeout=300)
    assert not thread.is_alive(), "the browser check did not finish"
    if "error" in outcome:
        raise outcome["error"]


@pytest.fixture(scope="module")
def live_hostile(hostile_app) -> Iterator[str]:
    from waitress.server import create_server

    server = create_server(hostile_app, host="127.0.0.1", port=0, threads=4, ident="")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


BROWSER_PAGES = [*HOSTILE_PAGES, f"/doc/{HOSTILE_ID}/source", "/khong-co?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                 "/?page=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
                 "/?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E&issuer=%3Cscript%3Ealert(1)%3C%2Fscript%3E"]


@pytest.mark.e2e
@pytest.mark.slow
def test_nothing_runs_in_a_real_browser(live_hostile: str) -> None:
    in_own_browser(lambda browser: _visit_hostile_pages(browser, live_hostile))


def _visit_hostile_pages(browser, live_hostile: str) -> None:
    context = browser.new_context(locale="vi-VN")
    context.add_init_script(WATCH)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in BROWSER_PAGES:
            page.goto(live_hostile + path, wait_until="load")
            state = page.evaluate("""() => ({
                xss: window.xss === undefined ? null : String(window.xss),
                injected: document.querySelectorAll('img, svg:not(.timeline), iframe, object, embed').length
                    + [...document.querySelectorAll('svg.timeline *')]
                        .filter(e => !['a', 'rect', 'text', 'title', 'line'].includes(e.localName)).length,
                scripts: [...document.scripts].map(s => s.getAttribute('src')),
                jsLinks: [...document.querySelectorAll('a[href]')].filter(a => a.protocol === 'javascript:').length,
                violations: window.__violations,
                text: document.body ? document.body.innerText : '',
            })""")
            assert state["xss"] is None, path
            assert state["injected"] == 0 and state["jsLinks"] == 0, path
            assert all(src == "/static/app.js" for src in state["scripts"]), (path, state["scripts"])
            assert state["violations"] == [], (path, state["violations"])  # nothing even tried to run
            if path.startswith(f"/doc/{HOSTILE_ID}"):
                assert "<script>window.xss=8</script>" in state["text"], path  # the markup shows as text
        page.goto(live_hostile + "/")
        typed = '<script>alert("typed")</script> "><img src=x onerror=alert(2)>'
        page.fill("#q", typed)
        page.press("#q", "Enter")
        page.wait_for_load_state("load")
        assert page.input_value("#q") == typed  # the box keeps what was typed
        assert f"«{typed}»" in page.inner_text("h1")
        assert page.evaluate("document.querySelectorAll('img').length") == 0
    finally:
        context.close()
    assert dialogs == []

