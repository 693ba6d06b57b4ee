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
