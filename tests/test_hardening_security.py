"""Nothing is injected, nothing outside the corpus is served, every answer is guarded (issue 6).

A fixture document (tests/fixtures/hostile/900_markup.txt) carries <script>,
"><img onerror=…> and javascript: links in its issuer, subject, recipients and
text. Every page that shows it must show the markup as text: in results,
highlighted snippets, facets, chips, the document page and its citation lists.
A real browser then checks that nothing runs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markupsafe import escape

from indexer import pipeline
from search_app import create_app
from search_app.pages import views as pages
from tests.hostile import (
    CORPUS,
    HOSTILE,
    HOSTILE_ID,
    HOSTILE_PAGES,
    ISSUER,
    QUERY_PAYLOADS,
    ROOT,
    SUBJECT_PAYLOADS,
    TEXT_PAYLOADS,
    assert_inert,
    assert_security_headers,
    get_ok,
    text_of,
)


def test_the_fixture_really_carries_markup_in_issuer_subject_and_text(hostile) -> None:
    record = hostile.get(f"/api/documents/{HOSTILE_ID}").get_json()
    assert record["issuer"] == ISSUER
    assert all(p in record["subject"] for p in SUBJECT_PAYLOADS)
    assert all(p in record["text"] for p in TEXT_PAYLOADS)
    assert any("<script>" in r for r in record["recipients"])


# -- escaping ------------------------------------------------------------------------



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
    monkeypatch.setattr("search_app.pages.api.search", boom)
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

