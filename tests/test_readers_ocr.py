"""Office files in (issue 14): PDF text layers, scans read by OCR, the text cache, time limits, OCR
before the build in worker processes, and the layout of a scanned header.

Tests that need Tesseract skip with a message outside CI when it is missing.
"""

from __future__ import annotations

import difflib
import shutil
import unicodedata
from pathlib import Path

import pytest

from indexer.corpus import read_document
from indexer.pipeline import BuildReport
from indexer.readers import cache, prefetch
from indexer.readers.formats import ocr
from tests.office_fixtures import OFFICE, build, congvan_docx, need, need_office, records_by_source

# --- PDF and OCR ----------------------------------------------------------------------------------


def test_a_born_digital_pdf_is_read_from_its_text_layer() -> None:
    need_office()
    need(bool(shutil.which("pdftotext")), "poppler-utils")
    text, _, provenance = read_document(OFFICE / "vnlegal-dataset" / "100_2001_ND-CP_7379.pdf")
    assert provenance == {"method": "pdf_text", "pages": 2, "format": "pdf"}
    assert "Số: 100/2001/NĐ-CP" in text and "Hà Nội, ngày 26 tháng 12 năm 2001" in text


def _build_scan_beside_a_letter(tmp_path: Path) -> BuildReport:
    """A corpus of a signed scan and a Word letter, built: the scan is the one file skipped, the letter indexed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(OFFICE / "vn-law" / "2450-kgvx.signed.pdf", corpus)
    congvan_docx(corpus / "cong-van.docx")
    report = build(corpus, tmp_path / "index")
    assert [f.name for f in report.errors] == ["2450-kgvx.signed.pdf"]
    assert set(records_by_source(tmp_path / "index")) == {"cong-van.docx"}
    return report


def test_a_signed_scan_without_ocr_tools_is_named_with_the_reason(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The ~175-character signature panel is not the page's text: the scan needs OCR, and says so."""
    need_office()
    need(bool(shutil.which("pdftotext")), "poppler-utils")
    monkeypatch.setattr(ocr, "available", lambda: False)
    report = _build_scan_beside_a_letter(tmp_path)
    assert "tesseract" in report.errors[0].error


def test_a_signed_scan_is_ocred_once_and_read_from_the_cache_after(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    need_office()
    need(ocr.available(), "tesseract-ocr, tesseract-ocr-vie, poppler-utils")
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    scan = OFFICE / "vn-law" / "2450-kgvx.signed.pdf"
    text, _, provenance = read_document(scan)
    assert provenance["method"] == "ocr" and provenance["ocr_pages"] == [1]
    assert 50 < provenance["confidence"] <= 100
    assert "2450/VPCP-KGVX" in text and "ngày 12 tháng 4 năm 2024" in text
    assert "hoán đổi ngày làm" in text

    def no_second_ocr(*args: object) -> None:
        raise AssertionError("the scan was OCRed again")

    monkeypatch.setattr(ocr, "pdf_page", no_second_ocr)
    assert read_document(scan)[0] == text


def test_a_file_over_its_ocr_time_limit_is_reported_and_the_others_go_on(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    need_office()
    need(ocr.available(), "tesseract-ocr, tesseract-ocr-vie, poppler-utils")
    monkeypatch.setattr(ocr, "SECONDS_PER_FILE", 0.001)
    report = _build_scan_beside_a_letter(tmp_path)
    assert "quá" in report.errors[0].error and "giây" in report.errors[0].error


def _font() -> Path | None:
    for pattern in ("noto/NotoSans-Regular.ttf", "dejavu/DejaVuSans.ttf", "*/NotoSerif-Regular.ttf"):
        found = sorted(Path("/usr/share/fonts/truetype").glob(pattern))
        if found:
            return found[0]
    return None


def test_a_scanned_page_image_is_read_by_ocr_with_its_marks(tmp_path: Path) -> None:
    need(ocr.available(), "tesseract-ocr, tesseract-ocr-vie")
    font_path = _font()
    need(font_path is not None, "a Vietnamese font (fonts-noto-core)")
    from PIL import Image, ImageDraw, ImageFont

    lines = ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Số: 815/UBND-KGVX", "Lạng Sơn, ngày 18 tháng 7 năm 2024",
             "Về việc tăng cường quản lý nhà nước", "đối với hoạt động du lịch trên địa bàn tỉnh"]
    font = ImageFont.truetype(str(font_path), 44)
    page = Image.new("L", (2000, 120 + 90 * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((100, 60 + 90 * i), line, font=font, fill=0)
    scan = tmp_path / "scan.png"
    page.save(scan, dpi=(300, 300))
    text, _, provenance = read_document(scan)
    assert provenance["method"] == "ocr" and provenance["confidence"] > 80
    got = unicodedata.normalize("NFC", " ".join(text.split()))
    assert "Số: 815/UBND-KGVX" in got and "ngày 18 tháng 7 năm 2024" in got
    assert difflib.SequenceMatcher(None, got, " ".join(lines)).ratio() > 0.95, got



def test_scans_are_ocred_in_worker_processes_before_the_build_which_reads_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_office()
    need(ocr.available(), "tesseract-ocr, tesseract-ocr-vie, poppler-utils")
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(OFFICE / "vn-law" / "2450-kgvx.signed.pdf", corpus)
    shutil.copy(OFFICE / "vnlegal-dataset" / "100_2001_ND-CP_7379.pdf", corpus)
    congvan_docx(corpus / "cong-van.docx")
    assert prefetch.prefetch(sorted(corpus.iterdir()), processes=2) == 1  # the scan only

    def no_ocr_in_the_build(*args: object) -> None:
        raise AssertionError("the build OCRed a scan the workers had read")

    monkeypatch.setattr(ocr, "pdf_page", no_ocr_in_the_build)
    report = build(corpus, tmp_path / "index")
    assert report.errors == []
    scan = records_by_source(tmp_path / "index")["2450-kgvx.signed.pdf"]
    assert scan["number"] == "2450/VPCP-KGVX" and scan["provenance"]["method"] == "ocr"
    assert prefetch.prefetch(sorted(corpus.iterdir()), processes=2) == 0  # nothing left to OCR


def test_a_scan_failing_in_a_worker_is_reported_by_the_build_without_a_second_try(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_office()
    need(ocr.available(), "tesseract-ocr, tesseract-ocr-vie, poppler-utils")
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(ocr, "SECONDS_PER_FILE", 0.001)
    monkeypatch.setattr(cache, "_FAILED", {})  # this run's failures, forgotten after the test
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(OFFICE / "vn-law" / "2450-kgvx.signed.pdf", corpus)
    congvan_docx(corpus / "cong-van.docx")
    assert prefetch.prefetch(sorted(corpus.iterdir()), processes=2) == 1
    monkeypatch.setattr(ocr, "pdf_page", lambda *args: pytest.fail("OCR tried twice"))
    report = build(corpus, tmp_path / "index")
    assert [f.name for f in report.errors] == ["2450-kgvx.signed.pdf"]
    assert "giây" in report.errors[0].error


def _tesseract_words(rows: list[tuple[int, list[tuple[int, str]]]]) -> dict:
    """image_to_data's dict for rows of (top, [(left, text)]) on a 2,480-pixel-wide page (A4 at 300 dpi)."""
    data: dict[str, list] = {k: [] for k in ("text", "conf", "block_num", "par_num", "line_num", "left", "top",
                                              "width", "height")}
    data["text"].append("")  # the page row Tesseract starts with
    for key, value in (("conf", -1), ("block_num", 0), ("par_num", 0), ("line_num", 0), ("left", 0), ("top", 0),
                       ("width", 2480), ("height", 3508)):
        data[key].append(value)
    for line, (top, pieces) in enumerate(rows, start=1):
        for left, piece in pieces:
            x = left
            for word in piece.split():
                for key, value in (("text", word), ("conf", 95), ("block_num", 1), ("par_num", 1),
                                   ("line_num", line), ("left", x), ("top", top), ("width", 24 * len(word)),
                                   ("height", 40)):
                    data[key].append(value)
                x += 24 * len(word) + 14
    return data


def test_a_scanned_header_read_across_both_columns_comes_out_cell_by_cell() -> None:
    """Tesseract reads 'ỦY BAN NHÂN DÂN   CỘNG HÒA …' as one line; the index needs the issuer alone."""
    from indexer.extract import extract_records
    from indexer.readers.formats import ocr_layout

    data = _tesseract_words([
        (200, [(250, "ỦY BAN NHÂN DÂN"), (1200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
        (260, [(300, "TỈNH BẮC KẠN"), (1350, "Độc lập - Tự do - Hạnh phúc")]),
        (400, [(250, "Số: 12/UBND-VP"), (1300, "Bắc Kạn, ngày 5 tháng 6 năm 2020")]),
        (460, [(200, "V/v báo cáo tình hình")]),
        (600, [(200, "Kính gửi: Sở Y tế tỉnh Bắc Kạn và các đơn vị trực thuộc Ủy ban nhân dân tỉnh")]),
    ])
    text, confidence = ocr_layout.lines_and_confidence(data)
    assert confidence == 95
    assert text.splitlines()[:6] == ["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                     "Độc lập - Tự do - Hạnh phúc", "Số: 12/UBND-VP", "V/v báo cáo tình hình"]
    record = extract_records(text, "x", "scan.pdf")[0]
    assert (record.issuer, record.number, record.date) == ("Ủy ban nhân dân tỉnh Bắc Kạn", "12/UBND-VP", "2020-06-05")
