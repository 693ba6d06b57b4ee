"""Read the Bộ pháp điển articles in place, as documents an extractor can parse.

Each article only carries a citation of its source document, such as
"(Điều 2 Thông tư số 09/2017/TT-BGTVT, có hiệu lực thi hành kể từ ngày ...)".
We rebuild a header in the NĐ 30/2020 shape (issuer, number, place and date,
type and subject) from it, so that the indexer's extractor is exercised on
real text at scale. The issue date and issuer are printed only on the first
article of a document, so a first pass over the file collects them per
number. The corpus is never copied: it is streamed from the gzip each time.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path("/work/shared/corpora/phapdien/articles.jsonl.gz")
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"

# Agency codes in the number's symbol -> the agency's name.
AGENCY_CODES = {
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "BTC": "Bộ Tài chính",
    "BYT": "Bộ Y tế",
    "BGTVT": "Bộ Giao thông vận tải",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BNN": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BCT": "Bộ Công Thương",
    "BCA": "Bộ Công an",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BQP": "Bộ Quốc phòng",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BTP": "Bộ Tư pháp",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BNV": "Bộ Nội vụ",
    "BNG": "Bộ Ngoại giao",
    "BXD": "Bộ Xây dựng",
    "TTCP": "Thanh tra Chính phủ",
    "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "HĐTP": "Hội đồng Thẩm phán Tòa án nhân dân tối cao",
    "UBDT": "Ủy ban Dân tộc",
    "KTNN": "Kiểm toán nhà nước",
}

CITATION = re.compile(
    r"Điều\s+\S+\s+(?P<type>[^()]+?)\s+số\s+(?P<number>\d[\w./-]*\w)(?P<rest>[^)]*)"
)
ISSUED = re.compile(r"ngày (\d{1,2})/(\d{1,2})/(\d{4}) của ([^,;)]+)")
DEMUC = re.compile(r"^Đề mục\s+[\d.]+\s*")


@dataclass(frozen=True)
class Source:
    """What a citation tells about an article's source document."""

    doc_type: str
    number: str
    name: str  # the document's own title when cited, e.g. "Luật Thanh niên"
    issuer: str
    day: tuple[int, int, int] | None  # (d, m, y) of issue, when known


def issuer_from_number(number: str) -> str:
    """'09/2017/TT-BGTVT' -> 'Bộ Giao thông vận tải'; joint ones joined by ' - '."""
    names = []
    for part in number.rsplit("/", 1)[-1].split("-"):
        code = re.sub(r"\d+$", "", part)  # QH14 -> QH
        if code in AGENCY_CODES and AGENCY_CODES[code] not in names:
            names.append(AGENCY_CODES[code])
    return " - ".join(names)


def parse_citation(citation: str) -> Source | None:
    m = CITATION.search(citation)
    if not m:
        return None
    rest = m["rest"]
    name = re.split(r",| ngày ", rest, maxsplit=1)[0].strip()
    issued = ISSUED.search(rest)
    day = None
    issuer = issuer_from_number(m["number"])
    if issued:
        day = (int(issued[1]), int(issued[2]), int(issued[3]))
        issuer = issuer or issued[4].strip().rstrip(".")
    doc_type = m["type"].strip()
    return Source(doc_type[:1].upper() + doc_type[1:].lower(), m["number"],
                  name, issuer, day)


def _rows(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@lru_cache(maxsize=2)
def issue_index(path: Path, mtime: float) -> dict[str, Source]:
    """Number -> the citation that names its issue date (first pass)."""
    del mtime  # part of the cache key only: a rewritten file is re-read
    found: dict[str, Source] = {}
    for row in _rows(path):
        src = parse_citation(row.get("citation", ""))
        if src and src.day and src.number not in found:
            found[src.number] = src
    return found


def format_article(row: dict, src: Source | None) -> str:
    """The article as a document: rebuilt header, title, citation, text."""
    text = row.get("text", "").replace("\r\n", "\n").replace("\r", "\n")
    subject = DEMUC.sub("", row.get("demuc", "")).strip()
    blocks = []
    if src:
        if src.issuer:
            blocks.append("\n".join(p.upper() for p in src.issuer.split(" - ")))
        blocks += [MOTTO, f"Số: {src.number}"]
        if src.day:
            d, m, y = src.day
            month = f"{m:02d}" if m < 3 else str(m)  # NĐ 30 pads January, February
            blocks.append(f"Hà Nội, ngày {d:02d} tháng {month} năm {y}")
        title = src.name
        if title.lower().startswith(src.doc_type.lower()):
            title = title[len(src.doc_type):].strip()
        blocks += [src.doc_type.upper(), title or subject]
    blocks += [row.get("title", ""), row.get("citation", ""), text.strip()]
    return unicodedata.normalize("NFC", "\n\n".join(b for b in blocks if b))


def iter_phapdien(path: Path = DEFAULT_PATH,
                  limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(name, text) for each article, read in place from the gzip JSONL."""
    index = issue_index(path, path.stat().st_mtime)
    for i, row in enumerate(_rows(path), start=1):
        if limit is not None and i > limit:
            return
        src = parse_citation(row.get("citation", ""))
        if src and src.number in index:
            known = index[src.number]
            src = Source(src.doc_type, src.number, src.name or known.name,
                         src.issuer or known.issuer, known.day)
        yield f"phapdien_{i:06d}.txt", format_article(row, src)
