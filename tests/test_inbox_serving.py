"""Pages and feeds of an odd inbox (issue 19, points 5, 6 and 8): control characters, odd names, changed files."""

from __future__ import annotations

import io
import shutil
import threading
import time

import pytest
from lxml import etree
from PIL import Image

from indexer import pipeline
from indexer.corpus import file_digest
from indexer.readers import cache
from indexer.readers.base import Reading
from search_app import create_app
from search_app.pages import originals
from tests import hostile_files
from tests.office_fixtures import need


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """An inbox with an RTF whose subject holds control bytes, a name with a newline, a (cached) scan
    image, a 14,400-point PDF page; indexed, served."""
    need(bool(shutil.which("pdftoppm")), "poppler-utils")
    tmp = tmp_path_factory.mktemp("site")
    corpus = tmp / "corpus"
    hostile_files.write(corpus, ["rtf/controls.rtf", "text/tên có\ndòng mới.txt"])
    scan = corpus / "scan.png"
    Image.new("L", (200, 280), 255).save(scan)
    big = corpus / "big.pdf"
    big.write_bytes(hostile_files.pdf([hostile_files.text_page(hostile_files.ASCII_LETTER)], width=14_400,
                                      height=14_400))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cache.ENV, str(tmp / "cache"))
        cache.put(file_digest(scan.read_bytes()), Reading(pages=[hostile_files.letter(40, "ảnh quét")],
                                                           method="ocr", confidence=90.0, ocr_pages=[1]))
        report = pipeline.build(corpus, tmp / "index")
    assert not report.errors, [(f.name, f.error) for f in report.errors]
    ids = {r["source"]: r["id"] for r in pipeline.export_records(tmp / "index")}
    app = create_app({"INDEX_DIR": str(tmp / "index"), "CORPUS_DIR": str(corpus), "TESTING": True})
    return app.test_client(), ids, corpus


def test_a_document_with_control_characters_leaves_the_feed_readable(site) -> None:
    client, ids, _ = site
    response = client.get("/feed?q=")
    assert response.status_code == 200
    feed = etree.fromstring(response.get_data())  # well-formed XML
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("RTF" in t for t in titles)
    assert "rtf/controls.rtf" in ids


@pytest.mark.parametrize("query", ["q=a%01b", "q=%00", "issuer=%01", "q=x&doc_type=a%1bb"])
def test_a_parameter_with_a_control_character_gets_a_400_with_a_message(site, query: str) -> None:
    client, _, _ = site
    for path in ("/feed", "/", "/api/search"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, path
        assert "ký tự điều khiển" in response.get_data(as_text=True), path


def test_a_file_name_with_a_newline_is_served_safely(site) -> None:
    client, ids, corpus = site
    name = "text/tên có\ndòng mới.txt"
    response = client.get(f"/doc/{ids[name]}/source")
    assert response.status_code == 200
    assert response.get_data() == (corpus / name).read_bytes()
    assert "\n" not in "".join(f"{k}{v}" for k, v in response.headers.items())


def test_an_indexed_image_replaced_by_text_gets_a_409_not_a_500(site) -> None:
    client, ids, corpus = site
    original = (corpus / "scan.png").read_bytes()
    try:
        (corpus / "scan.png").write_text("không còn là ảnh", encoding="utf-8")
        response = client.get(f"/doc/{ids['scan.png']}/source")
        assert response.status_code == 409
        assert "đã thay đổi" in response.get_data(as_text=True)
    finally:
        (corpus / "scan.png").write_bytes(original)


def test_page_pictures_are_drawn_one_at_a_time_and_capped_in_size(site, monkeypatch: pytest.MonkeyPatch) -> None:
    client, ids, _ = site
    running, most = [0], [0]
    real_run = originals.subprocess.run

    def counted(*args, **kwargs):
        running[0] += 1
        most[0] = max(most[0], running[0])
        time.sleep(0.3)
        try:
            return real_run(*args, **kwargs)
        finally:
            running[0] -= 1

    monkeypatch.setattr(originals.subprocess, "run", counted)
    originals._render.cache_clear()
    answers: list = []

    def ask() -> None:  # six users at once ask for a picture not drawn yet
        answers.append(client.get(f"/doc/{ids['big.pdf']}/page-1.png"))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert most[0] == 1
    picture = Image.open(io.BytesIO(answers[0].get_data()))
    assert max(picture.size) <= originals.FIRST_PAGE_PIXELS + 1  # poppler rounds a side up
