"""Secret documents are withheld, urgency is a facet (issue 19, point 7): typed, rendered and scanned pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import pipeline
from indexer.__main__ import cli
from indexer.engine import SearchSpec, open_engine
from indexer.extract.stamps import secrecy_mark, urgency_mark
from indexer.readers.formats import ocr
from tests.hostile_files import _scan_png, letter
from tests.office_fixtures import FULLTEXTS, SHARED, need

HEADER = ["BỘ Y TẾ", "Số: 12/BYT-KH", "V/v phòng chống dịch", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 3 tháng 2 năm 2024", "Kính gửi: Sở Y tế các tỉnh",
          "Bộ Y tế đề nghị các đơn vị triển khai phòng chống dịch bệnh trong mùa đông xuân.",
          "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Văn Bình"]


def _with(stamp: str) -> str:
    return "\n".join(HEADER[:2] + [stamp] + HEADER[2:])


@pytest.mark.parametrize(("stamp", "mark"), [("MẬT", "MẬT"), ("TỐI MẬT", "TỐI MẬT"), ("[TUYỆT MẬT]", "TUYỆT MẬT"),
                                             ("| MẬT |", "MẬT")])
def test_a_secrecy_stamp_under_the_number_is_found(stamp: str, mark: str) -> None:
    assert secrecy_mark(_with(stamp)) == mark


def test_a_stamp_in_a_column_of_the_header_is_found() -> None:
    text = "\n".join(["BỘ Y TẾ          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/BYT-KH     TỐI MẬT",
                      *HEADER[2:]])
    assert secrecy_mark(text) == "TỐI MẬT"


@pytest.mark.parametrize(("stamp", "mark"), [("KHẨN", "KHẨN"), ("THƯỢNG KHẨN", "THƯỢNG KHẨN"), ("HỎA TỐC", "HỎA TỐC"),
                                             ("HOẢ TỐC HẸN GIỜ", "HỎA TỐC")])
def test_an_urgency_stamp_is_found_and_named_one_way(stamp: str, mark: str) -> None:
    assert urgency_mark(_with(stamp)) == mark
    assert secrecy_mark(_with(stamp)) is None


def test_words_about_secrets_are_no_mark() -> None:
    law = "QUỐC HỘI\nLuật số: 59/2020/QH14\nLUẬT DOANH NGHIỆP\nChương I\nĐiều 4. BÍ MẬT KINH DOANH\n" \
          "DANH MỤC BÍ MẬT NHÀ NƯỚC ĐỘ TỐI MẬT\nbảo vệ bí mật nhà nước độ Mật\n"
    assert secrecy_mark(law) is None and urgency_mark(law) is None
    # AND a mark-like line deep in the body is not the header's stamp
    assert secrecy_mark("\n".join(HEADER + ["nội dung"] * 40 + ["MẬT"])) is None


def test_no_shared_full_text_or_seed_would_be_withheld() -> None:
    """The office files and scans are checked by `python -m eval.marks` (it OCRs their first pages)."""
    texts = sorted(FULLTEXTS.rglob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    if not texts:
        pytest.skip("../shared is not beside this clone")
    assert len(texts) >= 100
    assert [t.name for t in texts if secrecy_mark(t.read_text(encoding="utf-8", errors="replace"))] == []


def test_a_secret_letter_is_withheld_reported_and_listed_and_urgency_is_a_facet(tmp_path: Path) -> None:
    corpus, index = tmp_path / "inbox", tmp_path / "index"
    corpus.mkdir()
    (corpus / "mat.txt").write_text(letter(1, "bảo vệ bí mật", stamp="MẬT"), encoding="utf-8")
    (corpus / "hoa-toc.txt").write_text(letter(2, "phòng chống bão", stamp="HỎA TỐC"), encoding="utf-8")
    (corpus / "thuong.txt").write_text(letter(3, "việc thường"), encoding="utf-8")
    runner = CliRunner()
    built = runner.invoke(cli, ["build", "--corpus", str(corpus), "--index", str(index)])
    assert built.exit_code == 0
    assert "GIỮ LẠI mat.txt" in built.output and "«MẬT»" in built.output
    assert {r["source"] for r in pipeline.export_records(index)} == {"hoa-toc.txt", "thuong.txt"}
    status = runner.invoke(cli, ["status", "--index", str(index)])
    assert "mat.txt: MẬT" in status.output
    engine = open_engine(index)
    try:
        result = engine.search(SearchSpec(facets=("urgency",)))
        assert list(result.facets["urgency"]) == [("HỎA TỐC", 1)]
        urgent = engine.search(SearchSpec(filters={"urgency": ("HỎA TỐC",)}))
        assert [h.id for h in urgent.hits] == ["hoa-toc"]
    finally:
        engine.close()


def test_the_admin_page_lists_failed_and_withheld_files_to_the_server_only(tmp_path: Path) -> None:
    from search_app import create_app

    corpus, index = tmp_path / "inbox", tmp_path / "index"
    corpus.mkdir()
    (corpus / "mat.txt").write_text(letter(1, "bảo vệ", stamp="TỐI MẬT"), encoding="utf-8")
    (corpus / "rong.txt").write_text("   ", encoding="utf-8")
    (corpus / "thuong.txt").write_text(letter(3, "việc thường"), encoding="utf-8")
    pipeline.build(corpus, index)
    client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True}).test_client()
    page = client.get("/admin/files", environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_data(as_text=True)
    assert "mat.txt" in page and "TỐI MẬT" in page and "rong.txt" in page and "rỗng" in page
    assert client.get("/admin/files", environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 404


def _chromium_pdf(html: str, out: Path) -> None:
    source = out.with_suffix(".html")
    source.write_text(html, encoding="utf-8")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", source.as_uri()], capture_output=True, timeout=120, check=True)
    source.unlink()


def test_rendered_and_scanned_pages_with_marks(tmp_path: Path) -> None:
    need(bool(shutil.which("chromium") and shutil.which("pdftotext")), "chromium, poppler-utils")
    need(ocr.available(), "tesseract-ocr-vie")
    corpus, index = tmp_path / "inbox", tmp_path / "index"
    corpus.mkdir()
    header = "<br>".join(HEADER[:2]) + "<div style='border:2px solid;display:inline-block;padding:4px'>{}</div><br>" \
        + "<br>".join(HEADER[2:])
    _chromium_pdf(f"<html><meta charset=utf-8><body>{header.format('MẬT')}</body></html>", corpus / "in-mat.pdf")
    _chromium_pdf(f"<html><meta charset=utf-8><body>{header.format('THƯỢNG KHẨN')}</body></html>",
                  corpus / "in-khan.pdf")
    _scan_png(corpus / "quet-mat.png", HEADER[:2] + ["[TỐI MẬT]"] + HEADER[2:])
    # another letter (its own number): the same number, issuer and date would be in-khan.pdf's entry (issue 21)
    _scan_png(corpus / "quet-hoa-toc.png", [HEADER[0], "Số: 47/BYT-KH", "[HỎA TỐC]"] + HEADER[2:])
    report = pipeline.build(corpus, index)
    assert {f.name: f.withheld for f in report.withheld} == {"in-mat.pdf": "MẬT", "quet-mat.png": "TỐI MẬT"}
    records = {r["source"]: r for r in pipeline.export_records(index)}
    assert {name: r["urgency"] for name, r in records.items()} == {"in-khan.pdf": "THƯỢNG KHẨN",
                                                                   "quet-hoa-toc.png": "HỎA TỐC"}
