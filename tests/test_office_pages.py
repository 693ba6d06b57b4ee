"""Office files on the site and in the watched inbox (issue 14, points 2, 3 and 5).

The scan's OCR text is put in the text cache by the test (as a first build
would), so these tests need poppler but not Tesseract.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from indexer import pipeline, watch
from indexer.corpus import file_digest
from indexer.readers import cache
from indexer.readers.base import Reading
from search_app import create_app
from tests.office_fixtures import OFFICE, congvan_docx, need, need_office
from tests.watching import indexed_sources, wait_for

SCAN = "2450-kgvx.signed.pdf"
SCAN_TEXT = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 2450/VPCP-KGVX\nV/v đề xuất hoán đổi ngày làm việc\n"
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 12 tháng 4 năm 2024\n"
             "Kính gửi: Bộ Lao động - Thương binh và Xã hội\nVăn phòng Chính phủ nhận được văn bản đề xuất.")


@pytest.fixture()
def office_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    need_office()
    need(bool(shutil.which("pdftotext") and shutil.which("pdftoppm")), "poppler-utils")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    congvan_docx(corpus / "cong-van.docx")
    shutil.copy(OFFICE / "vnlegal-dataset" / "100_2001_ND-CP_7379.pdf", corpus / "nghi-dinh.pdf")
    shutil.copy(OFFICE / "vn-law" / SCAN, corpus / SCAN)
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    cache.put(file_digest((corpus / SCAN).read_bytes()),
              Reading(pages=[SCAN_TEXT], method="ocr", confidence=92.6, ocr_pages=[1]))
    report = pipeline.build(corpus, tmp_path / "index")
    assert report.errors == []
    ids = {r["source"]: r["id"] for r in pipeline.export_records(tmp_path / "index")}
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus), "TESTING": True})
    return app.test_client(), ids, corpus


def test_the_original_pdf_opens_in_the_browser_and_word_is_downloaded(office_site) -> None:
    client, ids, corpus = office_site
    pdf = client.get(f"/doc/{ids['nghi-dinh.pdf']}/source")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert not pdf.headers.get("Content-Disposition", "").startswith("attachment")
    assert "object-src 'none'" not in pdf.headers["Content-Security-Policy"]  # Chrome's viewer is an <embed>
    assert "frame-ancestors 'none'" in pdf.headers["Content-Security-Policy"]
    assert pdf.get_data() == (corpus / "nghi-dinh.pdf").read_bytes()
    word = client.get(f"/doc/{ids['cong-van.docx']}/source")
    assert word.status_code == 200 and "wordprocessingml" in word.mimetype
    assert word.headers["Content-Disposition"].startswith("attachment")
    assert word.get_data() == (corpus / "cong-van.docx").read_bytes()


def test_a_scanned_document_page_says_it_was_ocred_and_shows_its_first_page(office_site) -> None:
    client, ids, _ = office_site
    page = client.get(f"/doc/{ids[SCAN]}").get_data(as_text=True)
    assert "Văn bản được nhận dạng từ bản quét, độ tin cậy 93 %" in page
    assert f"/doc/{ids[SCAN]}/page-1.png" in page
    image = client.get(f"/doc/{ids[SCAN]}/page-1.png")
    assert image.status_code == 200 and image.mimetype == "image/png" and image.get_data().startswith(b"\x89PNG")


def test_word_and_pdf_pages_say_where_their_text_comes_from_and_show_no_scan(office_site) -> None:
    client, ids, _ = office_site
    word = client.get(f"/doc/{ids['cong-van.docx']}").get_data(as_text=True)
    assert "Văn bản lấy từ tệp Word (.docx)" in word and "page-1.png" not in word
    pdf = client.get(f"/doc/{ids['nghi-dinh.pdf']}").get_data(as_text=True)
    assert "Văn bản lấy từ lớp chữ của tệp PDF" in pdf
    assert client.get(f"/doc/{ids['cong-van.docx']}/page-1.png").status_code == 404


def test_the_export_carries_the_provenance(office_site, tmp_path: Path) -> None:
    records = {r["source"]: r for r in pipeline.export_records(tmp_path / "index")}
    assert records[SCAN]["provenance"] == {"method": "ocr", "pages": 1, "ocr_pages": [1], "confidence": 92.6,
                                           "format": "pdf"}
    assert records["nghi-dinh.pdf"]["provenance"] == {"method": "pdf_text", "pages": 2, "format": "pdf"}


def test_the_watched_inbox_indexes_files_as_they_land_change_and_go(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDEXER_STABLE_SECONDS", "0.3")
    corpus, index = tmp_path / "inbox", tmp_path / "index"
    corpus.mkdir()
    congvan_docx(corpus / "dau-tien.docx")
    stop = threading.Event()
    reports: list[pipeline.BuildReport] = []
    thread = threading.Thread(target=watch.watch, args=(corpus, index, reports.append, stop), daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: indexed_sources(index) == {"dau-tien.docx"}, 30.0)
        congvan_docx(corpus / "moi-den.docx")
        assert wait_for(lambda: indexed_sources(index) == {"dau-tien.docx", "moi-den.docx"}, 30.0)
        (corpus / "dau-tien.docx").unlink()
        assert wait_for(lambda: indexed_sources(index) == {"moi-den.docx"}, 30.0)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
