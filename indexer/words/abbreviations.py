"""What staff type for an agency ("ubnd", "sở yt", "bch quân sự") → the names it can stand for.

One function, `expand_abbreviations`, for every box that matches agency
names as typed: the search box's suggestions and the facet filter boxes.
Staff type abbreviations in lower case and without marks; an abbreviation
may stand for several names ("bch": Ban Chỉ huy, Ban Chấp hành), so every
reading is returned, the text as typed first. The table is the agencies
vocabulary's abbreviations (indexer/data/agencies.json) plus the short forms
staff type in a box (STAFF_FORMS), matched on folded, lower-cased words.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from indexer.text import fold, nfc
from indexer.words import vocab

# Short forms typed in a search box that a printed document never uses (so the vocabulary lacks them).
STAFF_FORMS: dict[str, tuple[str, ...]] = {
    "bch": ("Ban Chỉ huy", "Ban Chấp hành"),
    "yt": ("Y tế",),
    "gd": ("Giáo dục",),
    "gddt": ("Giáo dục và Đào tạo",),
    "gd&dt": ("Giáo dục và Đào tạo",),
    "tc": ("Tài chính",),
    "tp": ("thành phố", "Tư pháp"),
    "tnmt": ("Tài nguyên và Môi trường",),
    "tn&mt": ("Tài nguyên và Môi trường",),
    "ldtbxh": ("Lao động - Thương binh và Xã hội",),
    "khdt": ("Kế hoạch và Đầu tư",),
    "kh&dt": ("Kế hoạch và Đầu tư",),
    "gtvt": ("Giao thông vận tải",),
    "nn&ptnt": ("Nông nghiệp và Phát triển nông thôn",),
    "nnptnt": ("Nông nghiệp và Phát triển nông thôn",),
    "vhttdl": ("Văn hóa, Thể thao và Du lịch",),
    "tttt": ("Thông tin và Truyền thông",),
    "khcn": ("Khoa học và Công nghệ",),
    "ca": ("Công an",),
    "qs": ("Quân sự",),
    "bchqs": ("Ban Chỉ huy Quân sự",),
    "vp": ("Văn phòng",),
    "ub": ("Ủy ban",),
}
MAX_READINGS = 8  # "bch tp": 2 × 2 readings; a longer mix is cut, the typed text kept first


def _key(word: str) -> str:
    return fold(nfc(word)).lower().strip(".,;:")


@lru_cache(maxsize=1)
def table() -> dict[str, tuple[str, ...]]:
    """Folded abbreviation → the names it stands for."""
    out: dict[str, list[str]] = {}
    for short, name in vocab.agencies()["abbreviations"].items():
        if " " not in short and short not in ("&",):
            out.setdefault(_key(short), []).append(name)
    for short, names in STAFF_FORMS.items():
        for name in names:
            if name not in out.setdefault(short, []):
                out[short].append(name)
    return {k: tuple(v) for k, v in out.items() if k}


def expand_abbreviations(text: str) -> list[str]:
    """The text as typed, then each reading with its abbreviations written out.

    'sở yt' → ['sở yt', 'sở Y tế']; 'ubnd tỉnh' → ['ubnd tỉnh', 'Ủy ban nhân dân tỉnh'];
    'bch' → ['bch', 'Ban Chỉ huy', 'Ban Chấp hành']. A text without abbreviations → [text].
    """
    words = nfc(text).split()
    choices = [(w, *table().get(_key(w), ())) for w in words]
    typed = " ".join(words)
    out = [typed] if typed else []
    for reading in itertools.islice(itertools.product(*[c[1:] or c for c in choices]), MAX_READINGS):
        joined = " ".join(reading)
        if joined and joined not in out:
            out.append(joined)
    return out
