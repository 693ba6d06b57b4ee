"""Agency abbreviations as staff type them (ubnd, hđnd, bch, sở yt …) → the names they stand for.

One function, `expand_abbreviations`, for every place that matches what a person typed against
names: the search box's suggestions and the facet filter boxes. The abbreviations are the
synonym groups of `indexer/data/synonyms.json` whose short form is one word, and a few word
abbreviations used inside agency names (yt → y tế, gd → giáo dục).
"""

from __future__ import annotations

from functools import lru_cache

from indexer import vocab
from indexer.text import fold_key

# Inside agency names: 'Sở YT', 'BCH Quân sự', 'Phòng GD&ĐT'.
WORDS = {
    "yt": "y tế", "gd": "giáo dục", "gd&dt": "giáo dục và đào tạo", "gddt": "giáo dục và đào tạo",
    "bch": "ban chỉ huy", "tn&mt": "tài nguyên và môi trường", "tnmt": "tài nguyên và môi trường",
    "ld-tb&xh": "lao động - thương binh và xã hội", "ldtbxh": "lao động - thương binh và xã hội",
    "khcn": "khoa học và công nghệ", "kh&cn": "khoa học và công nghệ", "qs": "quân sự",
    "vh-tt&dl": "văn hóa, thể thao và du lịch", "vhttdl": "văn hóa, thể thao và du lịch",
    "tt&tt": "thông tin và truyền thông", "tttt": "thông tin và truyền thông",
    "nn&ptnt": "nông nghiệp và phát triển nông thôn", "gtvt": "giao thông vận tải",
    "khdt": "kế hoạch và đầu tư", "kh&dt": "kế hoạch và đầu tư", "bhxh": "bảo hiểm xã hội",
}


@lru_cache(maxsize=1)
def _table() -> dict[str, list[str]]:
    """Folded one-word abbreviation → folded long forms."""
    table: dict[str, list[str]] = {fold_key(k): [fold_key(v)] for k, v in WORDS.items()}
    for group in vocab.synonyms():
        short = [fold_key(s) for s in group if " " not in s.strip() and sum(c.isupper() for c in s) >= 2]
        long = [fold_key(s) for s in group if " " in s.strip()]
        for key in short:
            table.setdefault(key, [])
            table[key] += [v for v in long if v not in table[key]]
    return table


def expand_abbreviations(text: str) -> list[str]:
    """The folded text, then the same with each known abbreviation written out ('sở yt' → 'so yt',
    'so y te'); at most one form per abbreviation, in the order of the table."""
    words = fold_key(text).split()
    if not words:
        return []
    forms = [words]
    for i, word in enumerate(words):
        longs = _table().get(word)
        if longs:
            forms += [[*f[:i], long, *f[i + 1:]] for f in list(forms) for long in longs[:1]]
    return list(dict.fromkeys(" ".join(f) for f in forms))
