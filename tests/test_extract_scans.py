"""Scanned công văn (issue 20): handwritten blanks, receipt stamps, numbers OCR cannot be trusted with.

The texts are what Tesseract made of the province scans (../shared/corpora/province-scans).
"""

from __future__ import annotations

from indexer.extract import extract_records
from indexer.extract.stamps import receipt_stamp

HEADER = """UBND TỈNH KIÊN GIANG
SỞ Y TẾ
{number_line}
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập -Tự do -Hạnh phúc
{date_line}
THÔNG BẢO
Lịch xét thi đua khen thưởng năm 2017

Thực hiện Quyết định 225/QĐ-SYT ngày 24/3/2017 về việc Ban hành Quy chế về tổ chức hoạt động, bình xét thi đua
của Khối thi đua thuộc ngành Y tế Kiên Giang và Quyết định 453/QĐ-SYT ngày 06/8/2015 về công tác thi đua khen thưởng;
"""


def _scan(number_line: str, name: str, date_line: str = "Kiên Giang, ngày 12 tháng 12 năm 2017") -> object:
    text = HEADER.format(number_line=number_line, date_line=date_line)
    return extract_records(text, "x", name, scanned=True)[0]


def test_a_blank_day_gives_a_date_of_month_precision() -> None:
    record = _scan("Số: 2253/TB-SYT", "a.pdf", "Kiên Giang, ngày ¿| )tháng 12 năm 2017")
    assert (record.date, record.date_precision) == ("2017-12-01", "month")
    record = _scan("Số: 2253/TB-SYT", "a.pdf", "Kiên Giang, ngày      tháng 12 năm 2017")
    assert (record.date, record.date_precision) == ("2017-12-01", "month")


def test_a_handwritten_number_comes_from_the_file_name_when_the_codes_agree() -> None:
    record = _scan("Số:39 5® /TB -SYT", "6Qt_2253 tb syt.pdf")
    assert record.number == "2253/TB-SYT"
    assert record.provenance["number"] == "số lấy từ tên tệp"
    assert _scan("Số:JU_ /GM-SYT", "Q5P_17 gm syt(1).pdf").number == "17/GM-SYT"  # prefix and copy suffix


def test_a_file_name_with_another_code_or_other_digits_gives_no_number() -> None:
    assert _scan("Số:39 5® /TB -SYT", "oMp_05 syt nvy.pdf").number is None  # the name's code is another
    assert _scan("Số: 2254 /TB -SYT", "6Qt_2253 tb syt.pdf").number is None  # page and name disagree
    assert _scan("Số: 2253 /TB -SYT", "6Qt_2253 tb syt.pdf").number == "2253/TB-SYT"  # they agree
    assert _scan("Số: 22 /TB-ABC", "6Qt_2253 tb syt.pdf").number is None


def test_an_ocr_number_that_is_not_a_number_of_this_issuer_is_never_shown() -> None:
    record = _scan("S%6:-L52/TB-VPCP", "scan.pdf")
    assert record.number is None
    assert record.provenance["number_unread"] == "TB-VPCP"
    assert _scan("Số: 2/42/TB-SYT", "scan.pdf").number is None
    assert _scan("Số:2 222 /TB-SYT", "scan.pdf").number is None  # digits broken by OCR noise


def test_a_receipt_stamp_is_kept_apart_from_the_header() -> None:
    text = HEADER.format(number_line="ĐẾN\nSố: 1532\nNgày: 15/12/2017\nChuyển: P. NVY\nSố: 2253/TB-SYT",
                         date_line="Kiên Giang, ngày 12 tháng 12 năm 2017")
    record = extract_records(text, "x", "a.pdf", scanned=True)[0]
    assert record.number == "2253/TB-SYT" and record.date == "2017-12-12"
    assert record.received == {"number": "1532", "date": "2017-12-15"}
    assert record.issuer == "Sở Y tế tỉnh Kiên Giang"
    assert receipt_stamp("CÔNG VĂN ĐẾN\nSố: 88\nNgày: 3/1/18").as_dict() == {"number": "88", "date": "2018-01-03"}
    assert receipt_stamp("ĐẾN NGÀY 15/12/2017 THÌ HẾT HẠN") is None


def test_stamp_lines_are_not_the_issuer_when_they_lie_over_it() -> None:
    text = "ĐẾN\nSố: 77\nNgày: 02/01/2018\n" + HEADER.format(number_line="Số: 01/SYT-NVD",
                                                             date_line="Kiên Giang, ngày 02 tháng 01 năm 2018")
    record = extract_records(text, "x", "a.pdf", scanned=True)[0]
    assert (record.issuer, record.number) == ("Sở Y tế tỉnh Kiên Giang", "01/SYT-NVD")
    assert "ĐẾN" not in (record.subject or "")


def test_a_date_whose_handwritten_day_ocr_put_on_its_own_line_is_read() -> None:
    record = _scan("Số: 2253/TB-SYT", "a.pdf", "Kiên Giang, ngày Ð_\ntháng 12 năm 2017")
    assert (record.date, record.date_precision) == ("2017-12-01", "month")


VPCP_SCAN = """VĂN PHÒNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
S%6:-L52/TB-VPCP
Hà Nội, ngày 20 tháng 4 năm 2020
THÔNG BÁO
Kết luận của Thủ tướng Chính phủ tại cuộc họp Thường trực Chính phủ về phòng, chống dịch COVID-19
Ngày 19 tháng 4 năm 2020, Thủ tướng Chính phủ chủ trì cuộc họp Thường trực Chính phủ về phòng, chống dịch.
Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện.
"""


def test_the_number_box_never_says_not_held_while_a_scan_with_an_unread_number_may_be_it(tmp_path, monkeypatch) -> None:
    from indexer import pipeline
    from search_app import create_app

    real = pipeline.read_document

    def as_scanned(path):  # the text as OCR gave it: the reader marks its pages as OCR'd
        text, digest, provenance = real(path)
        return text, digest, {**provenance, "method": "ocr", "ocr_pages": [1]}

    monkeypatch.setattr(pipeline, "read_document", as_scanned)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tb-vpcp.txt").write_text(VPCP_SCAN, encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus), "TESTING": True})
    client = app.test_client()
    page = client.get("/?q=153%2FTB-VPCP").get_data(as_text=True)
    assert "không có trong kho" not in page and "chưa xác định" in page
    answer = client.get("/api/search?q=153/TB-VPCP").get_json()
    assert [d["id"] for d in answer["number_answer"]["uncertain"]] == ["tb-vpcp"]
    record = client.get("/api/search?q=ket+luan").get_json()["hits"][0]
    assert record["number"] is None  # 'L52/TB-VPCP' is never shown as its number


def test_a_date_of_month_precision_is_shown_as_month_and_year_and_filters_by_month(tmp_path) -> None:
    from indexer import pipeline
    from search_app import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = HEADER.format(number_line="Số: 2253/TB-SYT", date_line="Kiên Giang, ngày      tháng 12 năm 2017")
    (corpus / "tb.txt").write_text(text, encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    client = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus), "TESTING": True}).test_client()
    page = client.get("/doc/tb").get_data(as_text=True)
    assert "12/2017" in page and "01/12/2017" not in page
    listed = client.get("/?q=thi+dua").get_data(as_text=True)
    assert "12/2017" in listed and "01/12/2017" not in listed
    december = client.get("/api/search?date_from=01/12/2017&date_to=31/12/2017").get_json()
    assert [h["id"] for h in december["hits"]] == ["tb"]


def test_an_ocr_mangled_subject_prefix_still_makes_a_cong_van() -> None:
    text = HEADER.replace("THÔNG BẢO\nLịch xét thi đua khen thưởng năm 2017\n", "-W/v. bàn giao tài sản kết thúc Dự án\n")
    record = extract_records(text.format(number_line="Số: 02 /SYT-GAVI", date_line="Kiên Giang, ngày 6 tháng 3 năm 2018"),
                             "x", "28l_02 syt gavi.pdf", scanned=True)[0]
    assert (record.doc_type, record.subject) == ("Công văn", "Bàn giao tài sản kết thúc Dự án")


def test_noise_of_a_handwritten_day_before_the_month_still_gives_the_month() -> None:
    record = _scan("Số: 2253/TB-SYT", "a.pdf", "Kiên Giang, ngày |\n\n[` tháng 12 năm 2017")
    assert (record.date, record.date_precision) == ("2017-12-01", "month")


def test_a_wrapped_subject_stops_at_a_date_line_whose_day_is_blank() -> None:
    """OCR gives a header band's left column first: 'V/v …' then the place and date. A date whose day is
    noise ('ngày Ð_') must not be taken into the subject, and keeps its month."""
    text = ("UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 2253/SYT-NVY\nV/v bàn giao tài sản kết thúc Dự án\nKiên Giang, ngày Ð_ tháng 4 năm 2018\n"
            "Kính gửi: Các Trung tâm y tế huyện, thị, thành phố trong tỉnh\n")
    record = extract_records(text, "x", "a.pdf", scanned=True)[0]
    assert (record.date, record.date_precision) == ("2018-04-01", "month")
    assert record.subject == "Bàn giao tài sản kết thúc Dự án"
