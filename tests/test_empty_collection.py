"""A service on a collection with no document (a folder of scans that gave none) answers every call."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from indexer import pipeline
from search_app import create_app


@pytest.fixture()
def empty_client(tmp_path: Path) -> FlaskClient:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "scan.txt").write_bytes(b"")  # unreadable: nothing indexed
    report = pipeline.build(corpus, tmp_path / "index")
    assert report.records == 0
    return create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus), "TESTING": True}).test_client()


@pytest.mark.parametrize("url", ["/", "/?q=cach+ly", "/?q=570/CD-TTg&issuer=S%E1%BB%9F+Y+t%E1%BA%BF&sort=newest",
                                 "/?date_from=2021&date_to=2022"])
def test_every_page_says_the_collection_is_empty_and_how_to_add_files(empty_client: FlaskClient, url: str) -> None:
    response = empty_client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Kho văn bản đang trống" in page and "python -m indexer update" in page


@pytest.mark.parametrize("query", ["", "q=cach+ly", "q=vac+xin&topic=y+t%E1%BA%BF&page=2"])
def test_the_api_answers_an_empty_result_with_the_note(empty_client: FlaskClient, query: str) -> None:
    answer = empty_client.get(f"/api/search?{query}").get_json()
    assert answer["total"] == 0 and answer["hits"] == []
    assert "Kho văn bản đang trống" in answer["notice"]
    assert empty_client.get("/api/").status_code == 200
    assert empty_client.get("/api/documents/abc").status_code == 404
    assert empty_client.get("/doc/abc").status_code == 404
    assert empty_client.get("/healthz").get_json()["documents"] == 0


def test_a_collection_with_documents_has_no_such_note(client: FlaskClient) -> None:
    assert client.get("/api/search").get_json()["notice"] is None
