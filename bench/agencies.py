"""The issuing agencies of the synthetic corpus, ranked for a Zipf-like skew.

An issuer carries everything its documents print about it (header block,
number symbols, place, signature titles) so that the composer never has to
ask "what kind of agency is this?" again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

# Short symbol of each document type, as printed in "Số: 12/KH-UBND".
TYPE_ABBR = {
    "Công văn": "CV",
    "Thông báo": "TB",
    "Kế hoạch": "KH",
    "Quyết định": "QĐ",
    "Công điện": "CĐ",
    "Chỉ thị": "CT",
}

# Share of each type in the whole corpus: Công văn dominates, as in archives.
TYPE_WEIGHTS = {
    "Công văn": 56,
    "Thông báo": 14,
    "Kế hoạch": 11,
    "Quyết định": 10,
    "Công điện": 5,
    "Chỉ thị": 4,
}

# Yearly volume of a type relative to the issuer's Công văn series, so that
# numbers have real magnitudes (a Chỉ thị is "số 05", a Công văn "số 2973").
TYPE_VOLUME = {
    "Công văn": 1.0,
    "Thông báo": 0.06,
    "Kế hoạch": 0.05,
    "Quyết định": 0.25,
    "Công điện": 0.01,
    "Chỉ thị": 0.004,
}

ALL_TYPES = tuple(TYPE_ABBR)

# Topics that only make sense within a period (no vaccine before 2021).
TOPIC_PERIOD = {
    "covid": (date(2020, 1, 25), date(2100, 1, 1)),
    "cach_ly": (date(2020, 2, 1), date(2100, 1, 1)),
    "xet_nghiem": (date(2020, 2, 10), date(2100, 1, 1)),
    "khai_bao": (date(2020, 3, 1), date(2100, 1, 1)),
    "5k": (date(2020, 8, 1), date(2100, 1, 1)),
    "vac_xin": (date(2021, 2, 20), date(2100, 1, 1)),
    "bau_cu": (date(2020, 10, 1), date(2021, 7, 31)),
}


@dataclass(frozen=True)
class Issuer:
    """One agency; fields are the strings its documents print."""

    key: str
    header: tuple[str, ...]  # issuer block, capitals, top left of page one
    name: str  # as others cite it: "UBND tỉnh Bắc Kạn"
    short: str  # as its own subordinates cite it: "UBND tỉnh"
    self_ref: str  # as it names itself in its body text
    place: str  # place in the date line
    pool: str  # which actor/recipient pools fit: province|district|dept|...
    code: str  # symbol part: UBND, SYT, VPCP, TTg ...
    units: tuple[str, ...]  # Công văn unit codes: VXNV, KGVX ...
    types: tuple[str, ...]
    topics: tuple[str, ...]  # preferred topic keys
    annual: int  # Công văn per year, sets number magnitudes
    authority: str  # "TM. ỦY BAN NHÂN DÂN", or "" when the head signs alone
    chief: str  # signature title of the head: "CHỦ TỊCH"
    deputy: str  # signature title of a deputy: "PHÓ CHỦ TỊCH"
    chief_line: str  # Quyết định / Công điện authority line
    chief_ref: str  # the head as a sentence names it: "Chủ tịch UBND tỉnh"
    chair: str  # who chairs the meetings it announces: "Phó Chủ tịch UBND tỉnh"
    meeting: str  # the body that meets: "Thường trực UBND tỉnh"
    area: str  # "trên địa bàn tỉnh"
    superior: str  # whom it reports to
    province: str = ""  # province name, "" for central agencies
    party: bool = False  # party numbering "Số 12-CV/TU" and party motto
    kt: bool = True  # deputies sign "KT. CHIEF" (party documents do not)
    since: date = date(1945, 9, 2)  # when the agency starts issuing
    until: date = date(2100, 1, 1)  # ... and stops (an election committee)
    formal: str = ""  # full name when "name" abbreviates: "Ủy ban nhân dân tỉnh X"


COVID = ("covid", "cach_ly", "vac_xin", "xet_nghiem", "5k", "khai_bao")
GENERAL = COVID + ("an_sinh", "kinh_te", "giao_duc", "bau_cu", "an_ninh", "cchc")


def ubnd_province(prov: str, key: str, annual: int, city: bool = False,
                  place: str = "") -> Issuer:
    """UBND of a province (or a centrally-run city such as Hà Nội)."""
    unit = "thành phố" if city else "tỉnh"
    return Issuer(
        key=key,
        header=("ỦY BAN NHÂN DÂN", f"{unit.upper()} {prov.upper()}"),
        name=f"UBND {unit} {prov}",
        formal=f"Ủy ban nhân dân {unit} {prov}",
        short=f"UBND {unit}",
        self_ref=f"Ủy ban nhân dân {unit}",
        place=place or prov,
        pool="province",
        code="UBND",
        units=("VXNV", "KGVX", "NC", "KT", "TH", "NCPC"),
        types=ALL_TYPES,
        topics=GENERAL + ("kcn", "giao_thong", "dat_dai"),
        annual=annual,
        authority="TM. ỦY BAN NHÂN DÂN",
        chief="CHỦ TỊCH",
        deputy="PHÓ CHỦ TỊCH",
        chief_line=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {unit.upper()} {prov.upper()}",
        chief_ref=f"Chủ tịch UBND {unit}",
        chair=f"Phó Chủ tịch UBND {unit}",
        meeting=f"Thường trực UBND {unit}",
        area=f"trên địa bàn {unit}",
        superior="Thủ tướng Chính phủ",
        province=prov,
    )


def ubnd_district(kind: str, name: str, prov: str, key: str, place: str) -> Issuer:
    """UBND of a district-level unit (huyện, thành phố thuộc tỉnh)."""
    return Issuer(
        key=key,
        header=("ỦY BAN NHÂN DÂN", f"{kind.upper()} {name.upper()}"),
        name=f"UBND {kind} {name}",
        formal=f"Ủy ban nhân dân {kind} {name}",
        short=f"UBND {kind}",
        self_ref=f"UBND {kind}",
        place=place,
        pool="district",
        code="UBND",
        units=("VX", "VP", "KT", "VXNV"),
        types=("Công văn", "Thông báo", "Kế hoạch", "Quyết định"),
        topics=GENERAL + ("nong_nghiep", "dat_dai"),
        annual=2600,
        authority="TM. ỦY BAN NHÂN DÂN",
        chief="CHỦ TỊCH",
        deputy="PHÓ CHỦ TỊCH",
        chief_line=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {kind.upper()} {name.upper()}",
        chief_ref=f"Chủ tịch UBND {kind}",
        chair=f"Phó Chủ tịch UBND {kind}",
        meeting=f"Thường trực UBND {kind}",
        area=f"trên địa bàn {kind}",
        superior="UBND tỉnh",
        province=prov,
    )


def department(
    title: str, code: str, prov: str, key: str, topics: tuple[str, ...],
    units: tuple[str, ...] = ("VP", "KHTC"), head: str = "GIÁM ĐỐC",
    header: tuple[str, ...] = (),
    period: tuple[date, date] = (date(1945, 9, 2), date(2100, 1, 1)),
) -> Issuer:
    """A provincial department (Sở, Cục, Ban quản lý) under the UBND."""
    short = title.split(" tỉnh ")[0]
    chief_mixed = head.capitalize()
    return Issuer(
        key=key,
        header=header or (f"UBND TỈNH {prov.upper()}", short.upper()),
        name=f"{short} tỉnh {prov}",
        short=short,
        self_ref=short,
        place=prov,
        pool="dept",
        code=code,
        units=units,
        types=("Công văn", "Thông báo", "Kế hoạch", "Quyết định"),
        topics=topics,
        annual=2400,
        authority="",
        chief=head,
        deputy=f"PHÓ {head}",
        chief_line=f"{head} {short.upper()}",
        chief_ref=f"{chief_mixed} {short}",
        chair=f"{chief_mixed} {short}",
        meeting=f"lãnh đạo {short}",
        area="trên địa bàn tỉnh",
        superior="UBND tỉnh",
        province=prov,
        since=period[0],
        until=period[1],
    )


def ministry(title: str, code: str, key: str, topics: tuple[str, ...],
             units: tuple[str, ...], annual: int = 6000) -> Issuer:
    """A ministry of the central government."""
    return Issuer(
        key=key,
        header=(title.upper(),),
        name=title,
        short=title,
        self_ref=title,
        place="Hà Nội",
        pool="central",
        code=code,
        units=units,
        types=("Công văn", "Thông báo", "Kế hoạch", "Quyết định", "Công điện"),
        topics=topics,
        annual=annual,
        authority="",
        chief="BỘ TRƯỞNG",
        deputy="THỨ TRƯỞNG",
        chief_line=f"BỘ TRƯỞNG {title.upper()}",
        chief_ref=f"Bộ trưởng {title}",
        chair=f"Bộ trưởng {title}",
        meeting=f"lãnh đạo {title}",
        area="trên phạm vi cả nước",
        superior="Thủ tướng Chính phủ",
    )


def _central(key: str, header: tuple[str, ...], name: str, code: str,
             units: tuple[str, ...], types: tuple[str, ...], annual: int,
             chief: str, deputy: str, chair: str, meeting: str) -> Issuer:
    return Issuer(
        key=key, header=header, name=name, short=name, self_ref=name,
        place="Hà Nội", pool="central", code=code, units=units, types=types,
        topics=GENERAL + ("kcn", "giao_thong", "thue"), annual=annual,
        authority="", chief=chief, deputy=deputy, chief_line=" ".join(header),
        chief_ref=chair,
        chair=chair, meeting=meeting, area="trên phạm vi cả nước",
        superior="Chính phủ",
    )


def _bcd_province(prov: str, key: str) -> Issuer:
    body = "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh"
    return Issuer(
        key=key,
        header=(f"UBND TỈNH {prov.upper()}", "BAN CHỈ ĐẠO PHÒNG, CHỐNG",
                "DỊCH COVID-19"),
        name=f"{body} {prov}", short=body, self_ref="Ban Chỉ đạo",
        place=prov, pool="province", code="BCĐ", units=("VP", "YT"),
        types=("Công văn", "Thông báo", "Kế hoạch"), topics=COVID,
        annual=900, authority="", chief="TRƯỞNG BAN", deputy="PHÓ TRƯỞNG BAN",
        chief_line="TRƯỞNG BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH COVID-19 TỈNH",
        chief_ref="Trưởng Ban Chỉ đạo",
        chair="Trưởng Ban Chỉ đạo", meeting=f"{body}",
        area="trên địa bàn tỉnh", superior="UBND tỉnh", province=prov,
        since=date(2020, 2, 1),
    )


def _party(prov: str, key: str) -> Issuer:
    return Issuer(
        key=key, header=(f"TỈNH ỦY {prov.upper()}", "*"),
        name=f"Tỉnh ủy {prov}", short="Tỉnh ủy",
        self_ref="Ban Thường vụ Tỉnh ủy", place=prov, pool="party", code="TU",
        units=("CV",), types=("Công văn", "Thông báo", "Kế hoạch", "Chỉ thị"),
        topics=GENERAL, annual=1800, authority="T/M BAN THƯỜNG VỤ",
        chief="BÍ THƯ", deputy="PHÓ BÍ THƯ",
        chief_line=f"BAN THƯỜNG VỤ TỈNH ỦY {prov.upper()}",
        chief_ref="Ban Thường vụ Tỉnh ủy",
        chair="Bí thư Tỉnh ủy", meeting="Ban Thường vụ Tỉnh ủy",
        area="trên địa bàn tỉnh", superior="Ban Bí thư Trung ương Đảng",
        province=prov, party=True, kt=False,
    )


HEALTH = COVID + ("moi_truong",)

# Rank order matters: weight is 1/rank, so the first few dominate.
ISSUERS: tuple[Issuer, ...] = (
    ubnd_province("Bắc Kạn", "ubnd-bac-kan", 7400),
    ubnd_district("thành phố", "Bắc Kạn", "Bắc Kạn", "ubnd-tp-bac-kan",
                  "TP. Bắc Kạn"),
    department("Sở Y tế", "SYT", "Bắc Kạn", "syt-bac-kan", HEALTH,
               ("NVY", "KHTC", "VP")),
    _central("vpcp", ("VĂN PHÒNG CHÍNH PHỦ",), "Văn phòng Chính phủ", "VPCP",
             ("KGVX", "TH", "NN", "CN", "KTTH", "QHĐP"),
             ("Công văn", "Thông báo"), 9000, "BỘ TRƯỞNG, CHỦ NHIỆM",
             "PHÓ CHỦ NHIỆM", "Phó Thủ tướng Chính phủ", "Thường trực Chính phủ"),
    ubnd_province("Đắk Nông", "ubnd-dak-nong", 6800),
    ministry("Bộ Y tế", "BYT", "byt", HEALTH, ("DP", "KCB", "MT", "BH")),
    _bcd_province("Bắc Kạn", "bcd-bac-kan"),
    _central("ttg", ("THỦ TƯỚNG CHÍNH PHỦ",), "Thủ tướng Chính phủ", "TTg",
             ("KGVX", "KTTH", "NN", "CN"),
             ("Công văn", "Công điện", "Chỉ thị", "Quyết định"), 2200,
             "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Thủ tướng Chính phủ",
             "Thường trực Chính phủ"),
    ubnd_province("Hà Nội", "ubnd-ha-noi", 9500, city=True),
    ubnd_province("Hồ Chí Minh", "ubnd-hcm", 9800, city=True,
                  place="Thành phố Hồ Chí Minh"),
    ubnd_province("Bắc Giang", "ubnd-bac-giang", 7000),
    department("Sở Giáo dục và Đào tạo", "SGDĐT", "Bắc Kạn", "sgd-bac-kan",
               ("giao_duc", "vac_xin", "covid"), ("GDTrH", "VP", "KHTC")),
    ubnd_district("huyện", "Chợ Đồn", "Bắc Kạn", "ubnd-cho-don", "Chợ Đồn"),
    replace(
        _central("bcdqg", ("BAN CHỈ ĐẠO QUỐC GIA", "PHÒNG, CHỐNG DỊCH COVID-19"),
                 "Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19", "BCĐQG",
                 ("VP",), ("Công văn", "Thông báo", "Quyết định"), 3500,
                 "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trưởng Ban Chỉ đạo Quốc gia",
                 "Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19"),
        topics=COVID, since=date(2020, 1, 30)),
    ubnd_province("Quảng Ninh", "ubnd-quang-ninh", 7200),
    department("Sở Y tế tỉnh Bắc Giang", "SYT", "Bắc Giang", "syt-bac-giang",
               HEALTH, ("NVY", "VP")),
    ubnd_province("Bắc Ninh", "ubnd-bac-ninh", 7100),
    _party("Bắc Kạn", "tu-bac-kan"),
    department("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", "Bắc Kạn",
               "sldtbxh-bac-kan", ("an_sinh", "kcn", "covid"), ("BTXH", "LĐVL")),
    ubnd_province("Thái Nguyên", "ubnd-thai-nguyen", 6900),
    ministry("Bộ Giáo dục và Đào tạo", "BGDĐT", "bgddt",
             ("giao_duc", "vac_xin", "covid"), ("GDTrH", "QLCL", "GDTH")),
    ubnd_province("Hải Dương", "ubnd-hai-duong", 6600),
    department("Sở Kế hoạch và Đầu tư", "SKHĐT", "Bắc Kạn", "skhdt-bac-kan",
               ("kinh_te", "kcn"), ("ĐKKD", "TH")),
    ubnd_district("huyện", "Ba Bể", "Bắc Kạn", "ubnd-ba-be", "Ba Bể"),
    ubnd_province("Đà Nẵng", "ubnd-da-nang", 8200, city=True),
    department("Sở Y tế tỉnh Đắk Nông", "SYT", "Đắk Nông", "syt-dak-nong",
               HEALTH, ("NVY", "VP")),
    ministry("Bộ Lao động - Thương binh và Xã hội", "LĐTBXH", "bldtbxh",
             ("an_sinh", "kcn", "covid"), ("BTXH", "VL", "TBLS")),
    ubnd_province("Lào Cai", "ubnd-lao-cai", 6100),
    ubnd_district("thành phố", "Gia Nghĩa", "Đắk Nông", "ubnd-gia-nghia",
                  "Gia Nghĩa"),
    department("Sở Giao thông vận tải", "SGTVT", "Bắc Kạn", "sgtvt-bac-kan",
               ("giao_thong", "khai_bao", "covid"), ("QLVT", "KHTC")),
    ubnd_province("Nghệ An", "ubnd-nghe-an", 8800),
    ministry("Bộ Giao thông vận tải", "BGTVT", "bgtvt",
             ("giao_thong", "khai_bao", "covid"), ("VT", "KCHT", "ATGT")),
    department("Sở Nông nghiệp và Phát triển nông thôn", "SNN", "Bắc Kạn",
               "snn-bac-kan", ("nong_nghiep", "moi_truong"), ("TTBVTV", "KH")),
    ubnd_province("Cần Thơ", "ubnd-can-tho", 7000, city=True),
    department("Sở Tài nguyên và Môi trường", "STNMT", "Bắc Kạn",
               "stnmt-bac-kan", ("dat_dai", "moi_truong"), ("QLĐĐ", "MT")),
    department("Cục Thuế tỉnh Bắc Kạn", "CTBKA", "Bắc Kạn", "ct-bac-kan",
               ("thue", "kinh_te"), ("TTHT", "KK", "QLN"), head="CỤC TRƯỞNG",
               header=("TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH BẮC KẠN")),
    ubnd_province("Khánh Hòa", "ubnd-khanh-hoa", 6400),
    ministry("Bộ Tài chính", "BTC", "btc", ("thue", "kinh_te", "an_sinh"),
             ("NSNN", "TCT", "QLG"), annual=14000),
    department("Ban Quản lý các khu công nghiệp tỉnh Bắc Ninh", "BQL",
               "Bắc Ninh", "bql-kcn-bac-ninh", ("kcn", "covid", "xet_nghiem"),
               ("QLDN", "MT"), head="TRƯỞNG BAN"),
    department("Ủy ban bầu cử tỉnh Bắc Kạn", "UBBC", "Bắc Kạn", "ubbc-bac-kan",
               ("bau_cu",), ("VP",), head="CHỦ TỊCH",
               header=("ỦY BAN BẦU CỬ", "TỈNH BẮC KẠN"),
               period=(date(2021, 1, 15), date(2021, 7, 31))),
    ubnd_district("huyện", "Ngân Sơn", "Bắc Kạn", "ubnd-ngan-son", "Ngân Sơn"),
    ubnd_province("An Giang", "ubnd-an-giang", 6700),
)

ISSUER_WEIGHTS: tuple[float, ...] = tuple(
    1.0 / rank for rank in range(1, len(ISSUERS) + 1)
)


@dataclass(frozen=True)
class Anchor:
    """A real document that generated ones may cite (the seeds cite these)."""

    issuer_key: str  # a key of ISSUERS, or "" when that agency is not generated
    issuer: str
    doc_type: str
    number: int
    symbol: str
    when: date
    subject: str


ANCHORS: tuple[Anchor, ...] = (
    Anchor("ttg", "Thủ tướng Chính phủ", "Chỉ thị", 15, "CT-TTg",
           date(2020, 3, 27), "quyết liệt thực hiện đợt cao điểm phòng, "
           "chống dịch Covid-19"),
    Anchor("ttg", "Thủ tướng Chính phủ", "Chỉ thị", 16, "CT-TTg",
           date(2020, 3, 31), "thực hiện các biện pháp cấp bách phòng, "
           "chống dịch Covid-19"),
    Anchor("", "Chính phủ", "Nghị quyết", 42, "NQ-CP", date(2020, 4, 9),
           "các biện pháp hỗ trợ người dân gặp khó khăn do đại dịch Covid-19"),
    Anchor("ttg", "Thủ tướng Chính phủ", "Công điện", 570, "CĐ-TTg",
           date(2021, 5, 2), "chấn chỉnh, nâng cao hiệu quả công tác phòng, "
           "chống dịch COVID-19"),
    Anchor("vpcp", "Văn phòng Chính phủ", "Thông báo", 116, "TB-VPCP",
           date(2021, 5, 19), "kết luận của Thủ tướng Chính phủ Phạm Minh "
           "Chính tại cuộc họp Thường trực Chính phủ về phòng, chống dịch "
           "Covid-19"),
    Anchor("", "Chính phủ", "Nghị quyết", 68, "NQ-CP", date(2021, 7, 1),
           "một số chính sách hỗ trợ người lao động và người sử dụng lao động "
           "gặp khó khăn do đại dịch COVID-19"),
    Anchor("", "Chính phủ", "Nghị quyết", 128, "NQ-CP", date(2021, 10, 11),
           "ban hành Quy định tạm thời thích ứng an toàn, linh hoạt, kiểm soát "
           "hiệu quả dịch COVID-19"),
    Anchor("vpcp", "Văn phòng Chính phủ", "Thông báo", 285, "TB-VPCP",
           date(2021, 10, 27), "kết luận của Thủ tướng Chính phủ Phạm Minh "
           "Chính tại cuộc họp Ban Chỉ đạo Quốc gia phòng, chống dịch COVID-19 "
           "trực tuyến các địa phương"),
    Anchor("", "Chính phủ", "Nghị quyết", 11, "NQ-CP", date(2022, 1, 30),
           "Chương trình phục hồi và phát triển kinh tế - xã hội"),
)
