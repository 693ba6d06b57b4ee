"""Nothing is injected, nothing outside the corpus is served, every answer is guarded (issue 6).

A fixture document (tests/fixtures/hostile/900_markup.txt) carries <script>,
"><img onerror=…> and javascript: links in its issuer, subject, recipients and
text. Every page that shows it must show the markup as text: in results,
highlighted snippets, facets, chips, the document page and its citation lists.
A real browser then checks that nothing runs.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from indexer import pipeline
from search_app import create_app, pages

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile" / "900_markup.txt"
HOSTILE_ID = "900_markup"
CHROMIUM = Path("/usr/bin/chromium")
REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}

ISSUER = 'Ủy ban nhân dân <script>alert(1)</script> sở "><img src=x onerror=alert(2)>'
SUBJECT_PAYLOADS = ("<script>window.xss=3</script>", '"><img src=x onerror=window.xss=4>',
                    '<a href="javascript:window.xss=5">liên kết</a>')
TEXT_PAYLOADS = ("<script>window.xss=8</script>", '"><img src=x onerror=alert(9)>',
                 '<a href="javascript:alert(10)">bấm vào đây</a>', "javascript:alert(11)")
QUERY_PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)",
                  "'><svg onload=alert(1)>")


def assert_security_headers(response) -> None:
    """The headers every answer must carry; also used by test_hardening_input on every generated case."""
    headers = response.headers
    csp = {part.split()[0]: " ".join(part.split()) for part in headers.get("Content-Security-Policy", "").split(";")
           if part.strip()}
    assert csp.get("script-src") == "script-src 'self'", "scripts only from this site, none inline"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "unsafe-eval" not in headers["Content-Security-Policy"]
    assert csp.get("frame-ancestors") == "frame-ancestors 'none'"
    assert csp.get("object-src") == "object-src 'none'"
    assert "default-src" in csp and "base-uri" in csp
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") in REFERRER_POLICIES
    assert "Server" not in headers and "X-Powered-By" not in headers


# -- the hostile collection ----------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(HOSTILE, corpus / HOSTILE.name)
    return corpus


@pytest.fixture(scope="module")
def hostile_app(hostile_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    index = tmp_path_factory.mktemp("hostile-index")
    report = pipeline.build(hostile_corpus, index)
    assert not report.errors
    return create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(hostile_corpus), "TESTING": True})


@pytest.fixture()
def hostile(hostile_app):
    return hostile_app.test_client()


def test_the_fixture_really_carries_markup_in_issuer_subject_and_text(hostile) -> None:
    record = hostile.get(f"/api/documents/{HOSTILE_ID}").get_json()
    assert record["issuer"] == ISSUER
    assert all(p in record["subject"] for p in SUBJECT_PAYLOADS)
    assert all(p in record["text"] for p in TEXT_PAYLOADS)
    assert any("<script>" in r for r in record["recipients"])


class DomAudit(HTMLParser):
    """What a browser would build from a page: elements, attributes, links and visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.event_attributes: list[str] = []
        self.style_attributes = 0
        self.urls: list[str] = []
        self.text: list[str] = []
        self.script_bodies: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
            self._in_script = True
        self.event_attributes += [name for name, _ in attrs if name.startswith("on")]
        self.style_attributes += "style" in attributes
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.script_bodies if self._in_script else self.text).append(data)


def audit(page: str) -> DomAudit:
    dom = DomAudit()
    dom.feed(page)
    dom.close()
    return dom


def assert_inert(page: str) -> DomAudit:
    """Only our own script, no injected element, handler, style or javascript: URL."""
    dom = audit(page)
    assert dom.scripts == [{"src": "/static/app.js", "defer": None}], dom.scripts
    assert not "".join(dom.script_bodies).strip()
    assert not {"img", "svg", "iframe", "object", "embed", "style", "base", "frame", "math"} & set(dom.tags)
    assert dom.event_attributes == []
    assert dom.style_attributes == 0
    for url in dom.urls:
        if url == "data:,":  # the empty favicon, so that the browser asks for none
            continue
        cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
        assert not cleaned.startswith(("javascript:", "data:", "vbscript:")), url
        assert url.startswith(("/", "#", "?")) and not url.startswith("//"), f"link off the site: {url!r}"
    return dom


def text_of(dom: DomAudit) -> str:
    return " ".join("".join(dom.text).split())


def get_ok(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    assert_security_headers(response)
    return response.get_data(as_text=True)


# -- escaping ------------------------------------------------------------------------

HOSTILE_PAGES = [
    "/",
    "/?q=ki%E1%BB%83m+th%E1%BB%AD",  # kiểm thử: the subject and the snippet
    "/?q=script+onerror+javascript+img",  # highlights fall inside the markup
    "/?q=ch%C3%A8n+m%C3%A3",
    "/?q=999%2FUBND-XSS",
    f"/doc/{HOSTILE_ID}",
    f"/doc/{HOSTILE_ID}?q=script+img+onerror+javascript+alert",
    "/doc/000_0f98641f82c5dfd6",  # cited by the hostile document: its subject in "Được dẫn chiếu bởi"
]


@pytest.mark.parametrize("url", HOSTILE_PAGES)
def test_pages_showing_the_hostile_document_are_inert(hostile, url: str) -> None:
    assert_inert(get_ok(hostile, url))


def test_results_show_subject_issuer_and_snippet_markup_as_text(hostile) -> None:
    page = get_ok(hostile, "/?q=ki%E1%BB%83m+th%E1%BB%AD+ch%E1%BB%91ng+ch%C3%A8n+m%C3%A3")
    text = text_of(assert_inert(page))
    for payload in (*SUBJECT_PAYLOADS, ISSUER, "<script>window.xss=8</script>"):
        assert " ".join(payload.split()) in text, payload
    assert str(escape("<script>window.xss=3</script>")) in page


def test_highlighting_inside_markup_escapes_every_piece(hostile) -> None:
    page = get_ok(hostile, "/?q=script")
    assert "&lt;<mark>script</mark>&gt;window.xss=3&lt;/<mark>script</mark>&gt;" in page
    doc = get_ok(hostile, f"/doc/{HOSTILE_ID}?q=onerror")
    assert "&#34;&gt;&lt;img src=x <mark>onerror</mark>=alert(9)&gt;" in doc
    assert "<mark>script</mark>" not in doc  # only what was asked for is marked


def test_facets_and_chips_show_hostile_values_as_text(hostile) -> None:
    browse = get_ok(hostile, "/")
    assert str(escape(ISSUER)) in browse  # the issuer facet's label
    recipient = "Các đơn vị <script>alert </script>"
    assert str(escape(recipient)) in browse
    chosen = hostile.get("/", query_string={"issuer": ISSUER, "recipient": recipient})
    assert chosen.status_code == 200
    page = chosen.get_data(as_text=True)
    text = text_of(assert_inert(page))
    assert f"Cơ quan ban hành: {ISSUER}" in text  # the chip
    assert f'value="{escape(ISSUER)}"' in page  # the hidden inputs that keep the filter
    assert 'data-testid="total">1<' in page


def test_document_page_shows_markup_as_text(hostile) -> None:
    page = get_ok(hostile, f"/doc/{HOSTILE_ID}")
    text = text_of(assert_inert(page))
    for payload in (*SUBJECT_PAYLOADS, *TEXT_PAYLOADS, ISSUER, "2973/UBND-VXNV<script>alert(12)</script>"):
        assert " ".join(payload.split()) in text, payload
    assert '<a class="cite" href="/doc/000_0f98641f82c5dfd6">2973/UBND-VXNV</a>&lt;script&gt;' in page
    cited = get_ok(hostile, "/doc/000_0f98641f82c5dfd6")
    assert str(escape(SUBJECT_PAYLOADS[0])) in cited


@pytest.mark.parametrize("payload", QUERY_PAYLOADS)
@pytest.mark.parametrize("path, status", [("/", 200), ("/doc/900_markup", 200), ("/khong-co", 404),
                                          ("/doc/khong-co", 404)])
def test_the_query_is_echoed_as_text_everywhere(hostile, payload: str, path: str, status: int) -> None:
    response = hostile.get(path, query_string={"q": payload})
    assert response.status_code == status
    page = response.get_data(as_text=True)
    assert_inert(page)
    assert f'value="{escape(payload)}"' in page


def test_a_bad_parameter_message_echoes_the_value_as_text(hostile) -> None:
    response = hostile.get("/", query_string={"page": "<script>alert(1)</script>", "q": '"><img src=x>'})
    assert response.status_code == 400
    text = text_of(assert_inert(response.get_data(as_text=True)))
    assert "<script>alert(1)</script>" in text


def test_the_json_api_is_data_not_a_page(hostile) -> None:
    for url in ("/api/search?q=%3Cscript%3E", f"/api/documents/{HOSTILE_ID}", "/api/search?page=%3Cscript%3E"):
        response = hostile.get(url)
        assert response.mimetype == "application/json"
        assert_security_headers(response)


def test_the_source_file_is_plain_text_never_html(hostile) -> None:
    response = hostile.get(f"/doc/{HOSTILE_ID}/source")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.get_data() == HOSTILE.read_bytes()
    assert_security_headers(response)


TEMPLATES = sorted((ROOT / "templates").glob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_have_nothing_the_csp_would_block_and_never_mark_text_safe(template: Path) -> None:
    source = template.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline script"
    assert not re.search(r"\son[a-z]+\s*=", source, re.I), "inline event handler"
    assert not re.search(r"\sstyle\s*=|<style", source, re.I), "inline style"
    assert "javascript:" not in source.lower()
    assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup\(", source), "escaping turned off"


def test_the_script_writes_no_html() -> None:
    for script in (ROOT / "search_app" / "static").glob("*.js"):
        source = script.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function",
                             source), script.name


# -- only known ids, only corpus files -----------------------------------------------

TRAVERSALS = ["..", "%2e%2e", "%2E%2E", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "%2F..%2F..%2Fpyproject.toml",
              "..%252F..%252Fetc%252Fpasswd", "%00", "000_0f98641f82c5dfd6%00", "000_0f98641f82c5dfd6%00.txt",
              "000_0f98641f82c5dfd6%0A", "000_0f98641f82c5dfd6.txt", "000_0f98641f82c5dfd6%2F..",
              "%2Fwork%2Fmain%2Fcorpus%2F000_0f98641f82c5dfd6.txt", "corpus%2F000_0f98641f82c5dfd6.txt",
              "..%5C..%5Cpyproject.toml", "~", "%7E", "C:%5Cwindows", "000_0F98641F82C5DFD6"]


@pytest.mark.parametrize("tail", ["", "/source"])
@pytest.mark.parametrize("segment", TRAVERSALS)
def test_document_urls_take_only_known_ids(hostile, segment: str, tail: str) -> None:
    response = hostile.get(f"/doc/{segment}{tail}")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)
    assert_security_headers(response)
    assert hostile.get(f"/api/documents/{segment}").status_code == 404


@pytest.mark.parametrize("url", ["/static/../pyproject.toml", "/static/%2e%2e/pyproject.toml",
                                 "/static/..%2Fpyproject.toml", "/static/%2Fetc%2Fpasswd", "/static//etc/passwd",
                                 "/../pyproject.toml", "/%2e%2e/pyproject.toml"])
def test_static_files_cannot_reach_outside_their_folder(hostile, url: str) -> None:
    response = hostile.get(url)
    assert response.status_code in (404, 308)
    assert b"[project]" not in response.get_data() and b"root:x:0" not in response.get_data()


def test_a_corpus_file_linking_outside_the_corpus_is_never_served(tmp_path: Path) -> None:
    """GIVEN a corpus whose files are symlinks to files outside it (placed there, or swapped in later)
    WHEN their original file is asked for THEN 404, never the outside file."""
    outside = tmp_path / "secret"
    outside.mkdir()
    secret = outside / "mat.txt"
    secret.write_text((CORPUS / "004_75835d91483e78d7.txt").read_text(encoding="utf-8") + "\nMẬT-KHẨU-BÍ-MẬT\n",
                      encoding="utf-8")
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "link.txt").symlink_to(secret)
    index = tmp_path / "index"
    pipeline.build(corpus, index)
    client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True}).test_client()
    assert client.get("/doc/link").status_code == 404  # a link leading outside the corpus is not indexed
    swapped = corpus / "000_0f98641f82c5dfd6.txt"
    swapped.unlink()
    swapped.symlink_to(secret)
    for url in ("/doc/link/source", "/doc/000_0f98641f82c5dfd6/source"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "MẬT-KHẨU" not in response.get_data(as_text=True)
    assert client.get("/doc/001_ddf291199ab0edd6/source").status_code == 200


# -- headers, errors, no leaks -------------------------------------------------------

@pytest.mark.parametrize("method, url, status", [
    ("GET", "/", 200), ("GET", "/?q=c%C3%A1ch+ly", 200), ("GET", "/?page=0", 400), ("GET", "/khong-co", 404),
    ("GET", "/doc/000_0f98641f82c5dfd6", 200), ("GET", "/doc/000_0f98641f82c5dfd6/source", 200),
    ("GET", "/doc/khong-co/source", 404), ("GET", "/api/", 200), ("GET", "/api/search", 200),
    ("GET", "/api/search?per_page=x", 400), ("GET", "/api/documents/khong-co", 404),
    ("GET", "/static/app.js", 200), ("GET", "/static/style.css", 200), ("GET", "/static/khong-co.css", 404),
    ("POST", "/", 405), ("POST", "/api/search", 405), ("DELETE", "/doc/000_0f98641f82c5dfd6", 405),
    ("HEAD", "/", 200), ("OPTIONS", "/", 200), ("TRACE", "/", 405),
])
def test_every_answer_carries_the_security_headers(hostile, method: str, url: str, status: int) -> None:
    response = hostile.open(url, method=method)
    assert response.status_code == status
    assert_security_headers(response)
    if status >= 400 and method not in ("HEAD", "OPTIONS"):
        body = response.get_data(as_text=True)
        assert "Traceback" not in body and "werkzeug" not in body.lower()


def test_an_internal_error_is_a_vietnamese_page_without_a_trace(hostile_app, monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.setenv("SEARCH_DEBUG", "true")
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({"INDEX_DIR": hostile_app.config["INDEX_DIR"], "CORPUS_DIR": hostile_app.config["CORPUS_DIR"],
                      "DEBUG": True})
    assert not app.debug

    def boom(*args, **kwargs):
        raise RuntimeError(f"secret detail at {tmp_path}/config.py line 42")

    monkeypatch.setattr(pages, "search", boom)
    monkeypatch.setattr("search_app.api.search", boom)
    client = app.test_client()
    for url in ("/?q=x", "/api/search?q=x"):
        response = client.get(url)
        assert response.status_code == 500
        assert_security_headers(response)
        body = response.get_data(as_text=True)
        assert "Đã có lỗi trong hệ thống" in body
        for leak in ("Traceback", "RuntimeError", "secret detail", str(tmp_path), "site-packages", ".py"):
            assert leak not in body, leak


def test_no_index_is_a_503_in_vietnamese(tmp_path: Path) -> None:
    client = create_app({"INDEX_DIR": str(tmp_path / "none"), "CORPUS_DIR": str(CORPUS)}).test_client()
    for url, vietnamese in (("/", "Chỉ mục tìm kiếm chưa sẵn sàng"), ("/api/search", "Chỉ mục tìm kiếm chưa sẵn sàng")):
        response = client.get(url)
        assert response.status_code == 503
        assert_security_headers(response)
        assert vietnamese in response.get_data(as_text=True)
        assert str(tmp_path) not in response.get_data(as_text=True)


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
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing in CI")
        pytest.skip("Debian's chromium is not installed")
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
                injected: document.querySelectorAll('img, svg, iframe, object, embed').length,
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
