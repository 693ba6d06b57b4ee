"""Metadata extraction: the six bundled documents, then the layout rules on
documents the extractor has never seen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from indexer.extract import extract_records
from indexer.record import FIELD_NAMES

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def records_by_id() -> dict[str, dict]:
    out = {}
    for path in sorted(CORPUS.glob("*.txt")):
        for record in extract_records(path.read_text(encoding="utf-8"), path.stem, path.name):
            out[record.id] = record.as_dict()
    return out


RECORDS = records_by_id()

EXPECTED = {
    "000_0f98641f82c5dfd6": {
        "number": "2973/UBND-VXNV", "doc_type": "Công văn", "issuer": "Ủy ban nhân dân tỉnh Bắc Kạn",
        "issuer_level": "tỉnh", "date": "2021-05-21", "signer": "Phạm Duy Hưng", "signer_title": "Phó Chủ tịch",
        "cites": ["116/TB-VPCP"],
    },
    "001_ddf291199ab0edd6": {
        "number": None, "doc_type": "Công văn", "issuer": "Ban Thường vụ Tỉnh ủy", "issuer_level": "tỉnh",
        "date": None, "signer": "Kim Ngọc Thái", "signer_title": "Phó Bí thư", "cites": ["07-KL/TW"],
    },
    "002_c04e52781ff4fa00": {
        "number": None, "doc_type": "Thông báo", "issuer": "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh Bắc Kạn",
        "issuer_level": "tỉnh", "date": None, "signer": "Lèng Văn Chiến",
        "signer_title": "Chánh Văn phòng kiêm Thành viên Ban Chỉ đạo", "cites": [],
    },
    "003_c722c5a340bb8371": {
        "number": "6325/UBND-KGVX", "doc_type": "Công văn", "issuer": "Ủy ban nhân dân tỉnh Đắk Nông",
        "issuer_level": "tỉnh", "date": "2021-10-29", "signer": "Tôn Thị Ngọc Hạnh", "signer_title": "Phó Chủ tịch",
        "cites": ["285/TB-VPCP", "128/NQ-CP"],
    },
    "003_c722c5a340bb8371-2": {
        "number": "285/TB-VPCP", "doc_type": "Thông báo", "issuer": "Văn phòng Chính phủ",
        "issuer_level": "trung ương", "date": "2021-10-27", "signer": "Nguyễn Sỹ Hiệp",
        "signer_title": "Phó Chủ nhiệm", "cites": ["128/NQ-CP"],
    },
    "004_75835d91483e78d7": {
        "number": "756/UBND-VXNV", "doc_type": "Công văn", "issuer": "Ủy ban nhân dân thành phố Bắc Kạn",
        "issuer_level": "huyện-thành phố", "date": "2021-05-04", "signer": "Nguyễn Thị Huệ",
        "signer_title": "Phó Chủ tịch", "cites": ["2479/UBND-VXNV", "570/CĐ-TTg"],
    },
}


def test_the_five_files_hold_six_documents() -> None:
    assert sorted(RECORDS) == sorted(EXPECTED)


@pytest.mark.parametrize("record_id", sorted(EXPECTED))
def test_each_bundled_document_has_its_metadata(record_id: str) -> None:
    record = RECORDS[record_id]
    expected = EXPECTED[record_id]
    got = {key: record[key] for key in expected if key != "cites"}
    got["cites"] = [c["number"] for c in record["cites"]]
    assert got == expected


def test_cited_dates_are_read_next_to_the_number() -> None:
    cites = {c["number"]: c["date"] for c in RECORDS["004_75835d91483e78d7"]["cites"]}
    assert cites == {"2479/UBND-VXNV": "2021-05-03", "570/CĐ-TTg": "2021-05-02"}


def test_the_letter_cites_the_notice_attached_to_it() -> None:
    letter, notice = RECORDS["003_c722c5a340bb8371"], RECORDS["003_c722c5a340bb8371-2"]
    assert notice["number"] in [c["number"] for c in letter["cites"]]
    assert "Tôn Thị Ngọc Hạnh" not in notice["text"] and "Nguyễn Sỹ Hiệp" not in letter["text"]


def test_bold_markers_never_reach_values() -> None:
    for record in RECORDS.values():
        assert "*" not in (record["number"] or "") + (record["subject"] or "") + record["text"]


def test_recipients_are_canonical_one_per_entry() -> None:
    assert RECORDS["000_0f98641f82c5dfd6"]["recipients"] == [
        "Các sở, ban, ngành thuộc Ủy ban nhân dân tỉnh",
        "Ủy ban Mặt trận Tổ quốc và các hội, đoàn thể tỉnh",
        "Các cơ quan Trung ương trên địa bàn tỉnh",
        "Hiệp hội doanh nghiệp tỉnh",
        "Hội doanh nhân trẻ tỉnh",
        "Ủy ban nhân dân các huyện, thành phố",
    ]


def test_ocr_spelling_of_noi_nhan_is_still_the_distribution() -> None:
    # 003 writes "Noi nhậm:"; the archive line ("Lưu: …") is not a recipient.
    assert RECORDS["003_c722c5a340bb8371"]["distribution"][:2] == ["Như trên", "Thường trực Tỉnh ủy"]
    assert not any(d.startswith("Lưu") for r in RECORDS.values() for d in r["distribution"])


def test_spelling_variants_of_places_are_canonical() -> None:
    assert RECORDS["003_c722c5a340bb8371"]["place"] == "Đắk Nông"  # the file writes "Đăk Nông"


def test_topics_come_from_the_vocabulary_and_need_more_than_a_passing_word() -> None:
    assert "5K" in RECORDS["000_0f98641f82c5dfd6"]["topics"]
    assert "cách ly" in RECORDS["003_c722c5a340bb8371"]["topics"]
    # 004 names "cách ly" nowhere and "vắc xin" nowhere: neither topic.
    assert {"cách ly", "vắc xin"}.isdisjoint(RECORDS["004_75835d91483e78d7"]["topics"])


def test_record_fields_are_the_public_contract() -> None:
    assert FIELD_NAMES == (
        "id", "source", "number", "doc_type", "issuer", "issuer_level", "place", "date", "subject",
        "recipients", "distribution", "signer", "signer_title", "cites", "topics", "text", "provenance",
        "relations", "urgency", "fixed_parts", "received", "date_precision", "issuers", "added",
        "body_start",  # where the body starts after the header (the index reads the body's words from there)
        "title", "entry_id", "files", "versions",  # entries branch (issue 21): the grouping, last
    )


# -- documents the extractor has never seen ------------------------------------------

GAZETTE_DECREE = """CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025

CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 150/2025/NĐ-CP

Hà Nội, ngày 12 tháng 6 năm 2025

NGHỊ ĐỊNH
Quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh

Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15 ngày 18 tháng 02 năm 2025; căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; theo đề nghị của Bộ trưởng Bộ Nội vụ, Chính phủ ban hành Nghị định quy định tổ chức các cơ quan chuyên môn.

CÔNG BÁO/Số 853 + 854/Ngày 01-7-2025

Điều 1. Phạm vi điều chỉnh. Nghị định này quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh trên cả nước, bao gồm sở và cơ quan tương đương sở.

Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Các bộ, cơ quan ngang bộ;
- Lưu: VT, TCCV.

TM. CHÍNH PHỦ
THỦ TƯỚNG

Phạm Minh Chính
"""

DEPARTMENT_LETTER = """UBND TỈNH BẮC KẠN
SỞ Y TẾ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 1234/SYT-NVY
V/v tăng cường tiêm vắc xin cho học sinh

Bắc Kạn, ngày 3 tháng 11 năm 2021

Kính gửi: Ủy ban nhân dân các huyện, thành phố

Thực hiện Công văn số 2973/UBND-VXNV ngày 21/5/2021 của UBND tỉnh, Sở Y tế đề nghị các địa phương đẩy nhanh tiến độ tiêm vắc xin phòng Covid-19 cho học sinh từ 12 đến 17 tuổi, bảo đảm an toàn tiêm chủng theo hướng dẫn của Bộ Y tế.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Hoàng Văn An
"""


def test_a_gazette_page_header_is_not_the_number_or_date() -> None:
    (record,) = extract_records(GAZETTE_DECREE, "decree", "decree.txt")
    assert (record.number, record.date, record.doc_type, record.issuer) == (
        "150/2025/NĐ-CP", "2025-06-12", "Nghị định", "Chính phủ")
    assert record.subject == "Quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh"
    assert "CÔNG BÁO" not in record.text
    assert [c["number"] for c in record.cites] == ["63/2025/QH15", "30/2020/NĐ-CP"]
    assert record.issuer_level == "trung ương" and record.signer == "Phạm Minh Chính"


def test_a_department_under_a_province_takes_the_province_in_its_name() -> None:
    (record,) = extract_records(DEPARTMENT_LETTER, "syt", "syt.txt")
    assert record.issuer == "Sở Y tế tỉnh Bắc Kạn"
    assert record.recipients == ["Ủy ban nhân dân các huyện, thành phố"]
    assert record.signer_title == "Phó Giám đốc"
    assert record.cites == [{"number": "2973/UBND-VXNV", "date": "2021-05-21"}]
    assert record.doc_type == "Công văn" and record.issuer_level == "tỉnh"


def test_windows_line_endings_and_nfd_text_extract_the_same() -> None:
    import unicodedata

    variant = unicodedata.normalize("NFD", DEPARTMENT_LETTER).replace("\n", "\r\n")
    (a,) = extract_records(DEPARTMENT_LETTER, "x", "x.txt")
    (b,) = extract_records(variant, "x", "x.txt")
    assert a.as_dict() == b.as_dict()


def test_canonical_names_do_not_depend_on_the_hash_seed() -> None:
    script = "from indexer.words.names import canonical_case; print(canonical_case('BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH COVID-19'))"
    outputs = {subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}).stdout.strip()
               for seed in ("1", "2", "3", "4")}
    assert outputs == {"Ban Chỉ đạo phòng, chống dịch Covid-19"}
