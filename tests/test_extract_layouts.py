"""Header, signature and annex layouts of national documents as portals print them:
items glued on one line, numbers over two lines, forms after the signature."""

from __future__ import annotations

from indexer.extract import extract_records
from indexer.extract.links.citations import find_citations
from indexer.words.names import canonical_issuer, expand_abbreviations

LAW = """Luật Thí điểm 2024
QUỐC HỘI -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- Luật số:
41/2024/QH15
Hà Nội, ngày 28 tháng 6 năm 2024 LUẬT BẢO HIỂM XÃ HỘI Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam; Quốc hội ban hành Luật Bảo hiểm xã hội theo Nghị quyết số 66.16/2026/NQ-CP.
Điều 1. Phạm vi điều chỉnh
Luật này quy định về bảo hiểm xã hội; người lao động khai báo thu nhập với cơ quan thuế theo quy định.
Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 7 thông qua ngày 28 tháng 6 năm 2024.
CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn
"""

DECREE_WITH_FORM = """CHÍNH PHỦ -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 87/2025/NĐ-CP Hà Nội ngày 11 tháng 4 năm 2025
NGHỊ ĐỊNH QUY ĐỊNH VIỆC GIẢM TIỀN THUÊ ĐẤT NĂM 2024
Điều 1. Nghị định này quy định việc giảm tiền thuê đất phải nộp của năm 2024 đối với tổ chức, đơn vị, doanh nghiệp, hộ gia đình, cá nhân đang được Nhà nước cho thuê đất trực tiếp.
Nơi nhận:
- Ban Bí thư Trung ương Đảng;
- Lưu: VT, KTTH.
TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần Hồng Hà Mẫu số 01
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: …../TB-…..
….., ngày … tháng … năm …
Kính gửi: ……………
Tên người nộp thuế: …………
Mã bưu điện: ………
"""

JOINT = """BỘ TÀI CHÍNH - BỘ CÔNG THƯƠNG -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số:
89/2016/TTLT-BTC-BCT
Hà Nội, ngày 23 tháng 6 năm 2016 THÔNG TƯ LIÊN TỊCH HƯỚNG DẪN THỰC HIỆN CƠ CHẾ MỘT CỬA QUỐC GIA
Điều 1. Thông tư liên tịch này hướng dẫn thủ tục hành chính thực hiện qua Cơ chế một cửa quốc gia giữa cơ quan hải quan và các bộ, ngành có liên quan trong lĩnh vực xuất khẩu, nhập khẩu.
KT. BỘ TRƯỞNG BỘ CÔNG THƯƠNG THỨ TRƯỞNG Nguyễn Cẩm Tú KT. BỘ TRƯỞNG BỘ TÀI CHÍNH THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn
"""


def test_a_law_glued_on_portal_lines_has_its_number_date_type_and_signer() -> None:
    [law] = extract_records(LAW, "law", "law.txt")
    assert (law.number, law.date, law.doc_type, law.issuer) == ("41/2024/QH15", "2024-06-28", "Luật", "Quốc hội")
    assert law.signer == "Trần Thanh Mẫn" and law.signer_title == "Chủ tịch Quốc hội"


def test_a_law_about_insurance_is_filed_under_insurance_not_the_epidemic() -> None:
    [law] = extract_records(LAW, "law", "law.txt")
    assert "bảo hiểm" in law.topics
    assert not {"khai báo y tế", "phòng, chống dịch COVID-19", "y tế"} & set(law.topics)


def test_a_dotted_number_is_cited_whole_and_never_as_the_own_number() -> None:
    [law] = extract_records(LAW, "law", "law.txt")
    cited = [c["number"] for c in law.cites]
    assert "66.16/2026/NQ-CP" in cited and "41/2024/QH15" not in cited
    assert [c.number for c in find_citations("theo 41/2024/QH15", own_number="41/2024/QH15")] == []


def test_a_blank_form_after_the_signature_stays_with_its_decree() -> None:
    records = extract_records(DECREE_WITH_FORM, "nd", "nd.txt")
    assert len(records) == 1
    decree = records[0]
    assert (decree.number, decree.date, decree.doc_type) == ("87/2025/NĐ-CP", "2025-04-11", "Nghị định")
    assert decree.signer == "Trần Hồng Hà" and decree.signer_title == "Phó Thủ tướng"
    assert decree.recipients == []  # the form's 'Kính gửi: ……' is no recipient


def test_a_joint_circular_keeps_every_issuer_and_signer() -> None:
    [joint] = extract_records(JOINT, "ttlt", "ttlt.txt")
    assert joint.number == "89/2016/TTLT-BTC-BCT" and joint.doc_type == "Thông tư liên tịch"
    assert joint.issuer == "Bộ Tài chính - Bộ Công Thương"
    assert joint.signer == "Nguyễn Cẩm Tú - Đỗ Hoàng Anh Tuấn"


def test_banners_and_doubled_names_are_not_part_of_the_issuer() -> None:
    assert canonical_issuer("VĂN BẢN HỢP NHẤT - BỘ Y TẾ") == "Bộ Y tế"
    assert canonical_issuer("CHÍNH PHỦ CHÍNH PHỦ") == "Chính phủ"
    assert canonical_issuer("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "Bộ Lao động - Thương binh và Xã hội"


def test_abbreviations_do_not_expand_inside_numbers() -> None:
    assert expand_abbreviations("Thông tư 30/2020/TT-BTC gửi Bộ TP") == "Thông tư 30/2020/TT-BTC gửi Bộ Tư pháp"


def test_a_consolidated_text_is_a_van_ban_hop_nhat_whatever_law_it_consolidates() -> None:
    text = JOINT.replace("89/2016/TTLT-BTC-BCT", "07/VBHN-VPQH").replace("BỘ TÀI CHÍNH - BỘ CÔNG THƯƠNG", "VĂN PHÒNG QUỐC HỘI")
    [vbhn] = extract_records(text, "v", "v.txt")
    assert vbhn.doc_type == "Văn bản hợp nhất" and vbhn.issuer == "Văn phòng Quốc hội"


PORTAL_LETTER = """Công văn 296/BHXH-CSYT năm 2021 hướng dẫn quy định tại Điều 22 Luật Bảo hiểm y tế. BẢO HIỂM XÃ HỘI VIỆT NAM --------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 296/BHXH-CSYT V/v hướng dẫn một số quy định tại Điều 22 Luật BHYT
Hà Nội, ngày 02 tháng 02 năm 2021 Kính gửi:
- Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương;
- Bảo hiểm xã hội Bộ Quốc phòng.
Bộ Y tế có Công văn số 627/BYT-BH ngày 27/01/2021 về việc hướng dẫn thực hiện một số quy định tại Điều 22 Luật Bảo hiểm y tế, đề nghị các đơn vị triển khai thực hiện.
Nơi nhận:
- Như trên;
- Lưu: VT, CSYT.
KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC Phạm Lương Sơn
"""


def test_a_portal_title_glued_to_the_agency_block_leaves_the_agency_its_own() -> None:
    [letter] = extract_records(PORTAL_LETTER, "cv", "cv.txt")
    assert (letter.number, letter.doc_type, letter.date) == ("296/BHXH-CSYT", "Công văn", "2021-02-02")
    assert letter.issuer == "Bảo hiểm xã hội Việt Nam" and letter.issuer_level == "trung ương"
    assert (letter.signer, letter.signer_title) == ("Phạm Lương Sơn", "Phó Tổng Giám đốc")
    assert letter.recipients == ["Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương", "Bảo hiểm xã hội Bộ Quốc phòng"]
    assert letter.topics == ["bảo hiểm"]


def test_the_title_is_the_signers_own_post_and_never_a_heading_or_a_filing_line() -> None:
    text = JOINT.replace(
        "KT. BỘ TRƯỞNG BỘ CÔNG THƯƠNG THỨ TRƯỞNG Nguyễn Cẩm Tú KT. BỘ TRƯỞNG BỘ TÀI CHÍNH THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn",
        "Nơi nhận:\n- Như trên;\n- Lưu:\nVT, TCHQ.\nCHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Phạm Bình Minh",
    )
    [record] = extract_records(text, "t", "t.txt")
    assert (record.signer, record.signer_title) == ("Phạm Bình Minh", "Phó Thủ tướng")
    headed = LAW.replace("CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn", "ĐIỀU KHOẢN THI HÀNH\nTrần Thanh Mẫn (Đã ký)")
    [law] = extract_records(headed, "law", "law.txt")
    assert (law.signer, law.signer_title) == ("Trần Thanh Mẫn", None)


def test_a_joint_document_has_each_issuer_as_its_own_facet_value() -> None:
    text = ("BỘ TÀI CHÍNH\nBỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/2024/TTLT-BTC-BYT\nHà Nội, ngày 02 tháng 3 năm 2024\nTHÔNG TƯ LIÊN TỊCH\n"
            "Hướng dẫn quản lý kinh phí khám bệnh\nCăn cứ Luật Ngân sách nhà nước số 83/2015/QH13;\n")
    record = extract_records(text, "x", "a.txt")[0]
    assert record.issuers == ["Bộ Tài chính", "Bộ Y tế"]


def test_an_agency_named_by_the_gazette_banner_and_again_by_the_header_is_named_once() -> None:
    text = ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM\nNGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 10/2024/TT-NHNN\n"
            "Hà Nội, ngày 28 tháng 6 năm 2024\nTHÔNG TƯ\nQuy định về tổ chức tín dụng\n"
            "Căn cứ Luật Ngân hàng Nhà nước Việt Nam số 46/2010/QH12;\n")
    record = extract_records(text, "x", "a.txt")[0]
    assert (record.issuer, record.issuers) == ("Ngân hàng Nhà nước Việt Nam", ["Ngân hàng Nhà nước Việt Nam"])


def test_distribution_values_are_canonical_and_annex_form_fields_are_none() -> None:
    text = ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 1234/BTC-TCHQ\n"
            "Hà Nội, ngày 02 tháng 3 năm 2024\nV/v hướng dẫn thủ tục hải quan\nKính gửi: Tchq (để biết)\n"
            "Bộ Tài chính hướng dẫn thủ tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu như sau: thực hiện theo "
            "quy định tại Thông tư số 38/2015/TT-BTC và các văn bản sửa đổi, bổ sung có liên quan đến thủ tục này.\n"
            "Nơi nhận:\n- Toà án nhân dân tối cao (báo cáo);\n- UBTW MTTQ Việt Nam;\n- (báo cáo)\n- Lưu: VT.\n"
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nVũ Thị Mai\n")
    record = extract_records(text, "x", "cv.txt")[0]
    assert record.recipients == ["Tổng cục Hải quan"]
    assert record.distribution == ["Tòa án nhân dân tối cao", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]
    form = text.replace("- (báo cáo)\n", "- Số nhà/số tầng/số phòng\n- Tên đường, phố\n- Thành phố:_\n")
    assert extract_records(form, "x", "cv.txt")[0].distribution == record.distribution


def test_a_headerless_ministry_text_is_issued_by_the_agency_its_organising_act_names() -> None:
    """The header cut off: the first ground ('… quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức
    của Bộ Tài nguyên và Môi trường'), wrapped and with a no-break space, names the issuer."""
    text = ("QUYẾT ĐỊNH\n\nCăn cứ Nghị định số 68/2022/NĐ-CP ngày 22 tháng 9 năm 2022 của Chính phủ quy định chức "
            "năng, nhiệm vụ, quyền hạn và cơ cấu tổ\u00a0chức của Bộ Tài nguyên\nvà Môi trường;\n"
            "Căn cứ Nghị quyết số 01/NQ-CP ngày 05 tháng 01 năm 2024 của Chính phủ;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Ban hành Kế hoạch cải cách hành chính năm 2024.\n")
    assert extract_records(text, "x", "a.txt")[0].issuer == "Bộ Tài nguyên và Môi trường"
    department = text.replace("của Bộ Tài nguyên\nvà Môi trường;", "của Tổng cục Hải quan trực thuộc Bộ Tài chính;")
    assert extract_records(department, "x", "a.txt")[0].issuer == "Tổng cục Hải quan"


def test_two_organising_acts_name_no_issuer_rather_than_one_of_them() -> None:
    text = ("THÔNG TƯ\n\nCăn cứ Nghị định số 14/2023/NĐ-CP quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ "
            "chức của Bộ Tài chính;\nCăn cứ Nghị định số 95/2022/NĐ-CP quy định chức năng, nhiệm vụ, quyền hạn và "
            "cơ cấu tổ chức của Bộ Y tế;\nĐiều 1. Phạm vi điều chỉnh\n")
    assert extract_records(text, "x", "a.txt")[0].issuer is None


def test_an_ocr_read_charter_of_an_organising_committee_keeps_its_type_and_issuer() -> None:
    """A province scan: 'ĐIÊU LỆ' (OCR's mark for ĐIỀU LỆ) and 'BAN TÓ CHỨC' under its department."""
    text = ("SỞ Y TÉ KIÊN GIANG\nBAN TÓ CHỨC LỄ KỶ NIỆM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 02/ÐL-BTC.\nKiên Giang, ngày 01 tháng 02 năm 2018\nĐIÊU LỆ\n\n"
            "Giải bóng đá mini chào mừng ngày Thầy thuốc Việt Nam\n\n"
            "Căn cứ Kế hoạch số 140/KH-BYT ngày 30/01/2018 của Sở Y tế về việc tổ chức Lễ kỷ niệm;\n"
            "Ban tổ chức ban hành Điều lệ giải bóng đá mini năm 2018 với những nội dung như sau:\n")
    record = extract_records(text, "x", "02 dl btc.pdf", scanned=True)[0]
    assert (record.doc_type, record.issuer) == ("Điều lệ", "Ban Tổ chức lễ kỷ niệm")


# A gazette text without its header block states no number; the file's name may (issue 20).

HEADERLESS_DECREE = """NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Đất đai

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Căn cứ Luật Đất đai số 31/2024/QH15;
Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Đất đai.
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định chi tiết một số điều của Luật Đất đai.
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành từ ngày 01 tháng 8 năm 2024.
TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG
Trần Hồng Hà
"""


def _named(text: str, source: str) -> tuple[str | None, str | None]:
    record = extract_records(text, "x", source)[0]
    return record.number, (record.provenance or {}).get("number")


def test_a_text_without_its_header_takes_the_number_its_file_name_gives() -> None:
    assert _named(HEADERLESS_DECREE, "dat_dai/Nghị_định_102_2024_NĐ-CP.txt") == ("102/2024/NĐ-CP", "số lấy từ tên tệp")


def test_a_file_name_that_disagrees_with_the_text_gives_no_number() -> None:
    """A wrong number shown is worse than none: the name of another kind (a draft circular named after the
    decree it implements), of another year, or of a document the text is based on gives nothing."""
    circular = HEADERLESS_DECREE.replace("NGHỊ ĐỊNH", "THÔNG TƯ", 1)
    assert _named(circular, "Dự_thảo_Thông_tư_hướng_dẫn_thực_hiện_Nghị_định_102_2024_NĐ-CP.txt") == (None, None)
    assert _named(HEADERLESS_DECREE, "Nghị_định_102_2023_NĐ-CP.txt") == (None, None)
    based = HEADERLESS_DECREE.replace("Căn cứ Luật Đất đai số 31/2024/QH15;",
                                      "Căn cứ Luật Đất đai số 31/2024/QH15;\nCăn cứ Nghị định số 102/2024/NĐ-CP;")
    assert _named(based, "Nghị_định_102_2024_NĐ-CP.txt") == (None, None)


def test_a_number_printed_with_a_spaced_hyphen_is_cited_whole() -> None:
    """'Nghị quyết số 388/2003/NQ - UBTVQH11': the link goes to 388/2003/NQ-UBTVQH11, not to '388/2003/NQ'."""
    cited = [c.number for c in find_citations("Căn cứ Nghị quyết số 388/2003/NQ - UBTVQH11 ngày 17/3/2003 và Thông tư "
                                              "số 07/2019/TT- BLĐTBXH ngày 7/3/2019;")]
    assert cited == ["388/2003/NQ-UBTVQH11", "07/2019/TT-BLĐTBXH"]
