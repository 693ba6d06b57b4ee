"""Layouts of the Official Gazette (Công báo) and of older national texts: section banners and
page headers around the header, laws dated by their closing formula, consolidated texts with
their certification block, ordinances, orders, corrections and ranks in signatures."""

from __future__ import annotations

from indexer.extract import extract_records
from indexer.record import Record


def one(text: str) -> Record:
    records = extract_records(text, "g", "g.txt")
    assert len(records) == 1
    return records[0]


LAW = """PHẦN VĂN BẢN QUY PHẠM PHÁP LUẬT
2 CÔNG BÁO/Số 1001 + 1002/Ngày 20-8-2024
QUỐC HỘI
QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 50/2024/QH15
LUẬT1
CÔNG ĐOÀN
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Công đoàn.
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về vị trí, vai trò của Công đoàn Việt Nam và quyền của người lao động.
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 7 thông qua ngày 27 tháng 6 năm 2024.
CHỦ TỊCH QUỐC HỘI
Trần Thanh Mẫn
"""

CONSOLIDATED = """VĂN BẢN HỢP NHẤT
BỘ Y TẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
THÔNG TƯ1
Quy định về quản lý chất thải y tế
Thông tư số 20/2021/TT-BYT ngày 26 tháng 11 năm 2021 của Bộ trưởng Bộ Y tế quy định về quản lý chất thải y tế, được sửa đổi, bổ sung bởi:
Luật số 43/2024/QH15 ngày 29 tháng 6 năm 2024 của Quốc hội.
Điều 1. Phạm vi điều chỉnh
Thông tư này quy định về quản lý chất thải y tế trong khuôn viên cơ sở y tế.
XÁC THỰC VĂN BẢN HỢP NHẤT
Số: 05/VBHN-BYT
Hà Nội, ngày 12 tháng 3 năm 2024
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Trần Văn Thuấn
"""

ORDINANCE = """ỦY BAN THƯỜNG VỤ QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Pháp lệnh số: 01/2024/UBTVQH15
Hà Nội, ngày 14 tháng 3 năm 2024
PHÁP LỆNH
CHI PHÍ TỐ TỤNG
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Điều 1. Pháp lệnh này quy định về chi phí tố tụng.
TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI
CHỦ TỊCH
Vương Đình Huệ
"""

RESOLUTION = ORDINANCE.replace("Pháp lệnh số: 01/2024/UBTVQH15", "Nghị quyết số: 1004/2024/UBTVQH15").replace(
    "PHÁP LỆNH\nCHI PHÍ TỐ TỤNG", "NGHỊ QUYẾT\nVề việc thành lập thị xã Đức Phổ\nỦY BAN THƯỜNG VỤ QUỐC HỘI"
)

ORDER = """CHỦ TỊCH NƯỚC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 05/2024/L-CTN
Hà Nội, ngày 12 tháng 7 năm 2024
LỆNH
Về việc công bố Luật
Căn cứ Điều 88 và Điều 91 của Hiến pháp;
Nay công bố Luật Công đoàn đã được Quốc hội thông qua.
CHỦ TỊCH NƯỚC
Tô Lâm
"""

HEADLESS = """THÔNG TƯ
Quy định chi tiết một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc
Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15 ngày 29 tháng 6 năm 2024;
Bộ trưởng Bộ Nội vụ ban hành Thông tư quy định chi tiết.
Điều 1. Phạm vi điều chỉnh
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Mạnh Khương
"""

CORRECTION = """BỘ CÔNG AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1234/ĐC-BCA
Hà Nội, ngày 5 tháng 5 năm 2024
ĐÍNH CHÍNH
Thông tư số 20/2024/TT-BCA
Bộ Công an đính chính Thông tư số 20/2024/TT-BCA như sau: tại Điều 2 sửa "ngày 01" thành "ngày 10".
BỘ TRƯỞNG Đại tướng Lương Tam Quang
"""

OLD_DECREE = """NGHỊ ĐỊNH
CỦA CHÍNH PHỦ SỐ 37/2007/NĐ-CP NGÀY 09 THÁNG 3 NĂM 2007
VỀ MINH BẠCH TÀI SẢN, THU NHẬP
CHÍNH PHỦ
Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;
Điều 1. Phạm vi điều chỉnh
TM. CHÍNH PHỦ
THỦ TƯỚNG
Nguyễn Tấn Dũng
"""


def test_a_gazette_law_with_banners_and_a_footnote_mark_has_its_own_fields() -> None:
    law = one(LAW)
    assert (law.number, law.doc_type, law.issuer) == ("50/2024/QH15", "Luật", "Quốc hội")
    assert law.date == "2024-06-27"  # no place-date line: the day it was passed
    assert law.subject == "Công đoàn" and law.signer == "Trần Thanh Mẫn" and law.issuer_level == "trung ương"
    assert "lao động – tiền lương" in law.topics


def test_a_consolidated_text_takes_number_and_date_from_its_certification_block() -> None:
    text = one(CONSOLIDATED)
    assert (text.number, text.date, text.doc_type) == ("05/VBHN-BYT", "2024-03-12", "Văn bản hợp nhất")
    assert text.issuer == "Bộ Y tế" and text.signer == "Trần Văn Thuấn"
    cited = [c["number"] for c in text.cites]
    assert "20/2021/TT-BYT" in cited and "05/VBHN-BYT" not in cited


def test_ordinances_resolutions_and_orders_of_the_standing_committee_and_the_president() -> None:
    ordinance, resolution, order = one(ORDINANCE), one(RESOLUTION), one(ORDER)
    assert (ordinance.doc_type, ordinance.number) == ("Pháp lệnh", "01/2024/UBTVQH15")
    assert (resolution.doc_type, resolution.issuer) == ("Nghị quyết", "Ủy ban Thường vụ Quốc hội")
    assert resolution.subject == "Về việc thành lập thị xã Đức Phổ"
    assert (order.doc_type, order.issuer, order.signer) == ("Lệnh", "Chủ tịch nước", "Tô Lâm")


def test_a_circular_without_its_header_is_a_circular_of_the_ministry_that_enacts_it() -> None:
    circular = one(HEADLESS)
    assert (circular.doc_type, circular.issuer, circular.number) == ("Thông tư", "Bộ Nội vụ", None)
    assert circular.date is None  # the grounds' 'ngày 29 tháng 6 năm 2024' is not its date


def test_a_correction_is_a_type_and_a_rank_is_not_part_of_the_signer() -> None:
    correction = one(CORRECTION)
    assert correction.doc_type == "Đính chính"
    assert (correction.signer, correction.signer_title) == ("Lương Tam Quang", "Bộ trưởng")


def test_an_older_heading_carries_number_and_date_and_a_ground_is_no_date() -> None:
    decree = one(OLD_DECREE)
    assert (decree.number, decree.date, decree.issuer) == ("37/2007/NĐ-CP", "2007-03-09", "Chính phủ")
    assert decree.subject == "Về minh bạch tài sản, thu nhập"


def test_a_gazette_page_continuing_a_document_takes_the_named_document_not_a_cited_one() -> None:
    text = ("CÔNG BÁO/Số 1011 + 1012/Ngày 20-11-2018 37\n\n(Tiếp theo Công báo số 1009 + 1010)\n\n"
            "Thông tư số 102/2018/TT-BTC ngày 14 tháng 11 năm 2018 của Bộ Tài chính hướng dẫn kế toán\n"
            "bảo hiểm xã hội (tiếp theo)\n\n"
            "Điều 15. Tài khoản 111 theo Thông tư số 107/2017/TT-BTC ngày 10 tháng 10 năm 2017 của Bộ Tài chính.\n")
    record = extract_records(text, "x", "congbao.txt")[0]
    assert (record.number, record.doc_type, record.date, record.issuer) == (
        "102/2018/TT-BTC", "Thông tư", "2018-11-14", "Bộ Tài chính")


def test_a_law_without_its_header_block_is_issued_by_whom_its_enacting_formula_names() -> None:
    text = ("LUẬT\nĐẤT ĐAI\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
            "Quốc hội ban hành Luật Đất đai.\n\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n"
            "Luật này quy định về chế độ sở hữu đất đai, quyền hạn và trách nhiệm của Nhà nước đại diện chủ sở "
            "hữu toàn dân về đất đai; Luật Đất đai số 45/2013/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực.\n")
    record = extract_records(text, "x", "luat.txt")[0]
    assert (record.doc_type, record.issuer, record.number) == ("Luật", "Quốc hội", None)


def test_a_consolidated_text_names_the_law_it_consolidates_as_a_relation() -> None:
    text = ("VĂN PHÒNG QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 35/VBHN-VPQH\n"
            "Hà Nội, ngày 27 tháng 02 năm 2025\nLUẬT\nTỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG\n"
            "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19 tháng 6 năm 2015 của Quốc hội, có hiệu lực "
            "kể từ ngày 01 tháng 01 năm 2016, được sửa đổi, bổ sung bởi:\n"
            "1. Luật số 47/2019/QH14 ngày 22 tháng 11 năm 2019 của Quốc hội, có hiệu lực kể từ ngày 01 tháng 7 năm 2020.\n"
            "Điều 1. Phạm vi điều chỉnh\nLuật này quy định về đơn vị hành chính.\n"
            "XÁC THỰC VĂN BẢN HỢP NHẤT\nCHỦ NHIỆM\nLê Quang Tùng\n")
    record = extract_records(text, "x", "vbhn.txt")[0]
    assert (record.number, record.doc_type, record.issuer) == ("35/VBHN-VPQH", "Văn bản hợp nhất", "Văn phòng Quốc hội")
    assert [(r["type"], r["number"]) for r in record.relations if r["type"] == "hop_nhat"] == [("hop_nhat",
                                                                                               "77/2015/QH13")]


def test_a_circular_without_its_header_is_issued_by_the_ministry_its_enacting_formula_names() -> None:
    text = ("THÔNG TƯ\nQuy định chi tiết thủ tục cấp chứng chỉ nghiệp vụ khai hải quan\n\n"
            "Căn cứ Luật Hải quan số 54/2014/QH13 ngày 23 tháng 6 năm 2014;\n"
            "Xét đề nghị của Tổng cục trưởng Tổng cục Hải quan, Bộ trưởng Bộ Tài chính ban hành Thông tư quy định "
            "chi tiết thủ tục cấp chứng chỉ nghiệp vụ khai hải quan.\nĐiều 1. Phạm vi điều chỉnh\n"
            "Thông tư này quy định chi tiết thủ tục cấp Chứng chỉ nghiệp vụ khai hải quan.\n")
    assert extract_records(text, "x", "tt.txt")[0].issuer == "Bộ Tài chính"
    joint = text.replace("THÔNG TƯ\n", "THÔNG TƯ LIÊN TỊCH\n").replace(
        "Bộ trưởng Bộ Tài chính ban hành Thông tư", "Bộ trưởng Bộ Tài chính, Bộ trưởng Bộ Y tế ban hành Thông tư liên tịch")
    assert extract_records(joint, "x", "ttlt.txt")[0].issuers == ["Bộ Tài chính", "Bộ Y tế"]
