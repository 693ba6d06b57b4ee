"""Canonical names: agencies, places, titles and recipients as facet values.

Headers print names in capitals ("ỦY BAN NHÂN DÂN / TỈNH BẮC KẠN"), bodies
abbreviate them ("UBND tỉnh") and OCR misspells them ("Đăk Nông"). Facets need
one spelling per thing, so every name goes through this module.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.text import clean_spaces, fold_key, nfc
from indexer.words import vocab

LEVEL_WORDS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_LEVEL_KEYS = tuple(fold_key(w) for w in LEVEL_WORDS)
_WORD_SPLIT = re.compile(r"(\s+|[,;:()/])")


@lru_cache(maxsize=1)
def _place_index() -> dict[str, str]:
    """Folded spelling → canonical province name, variants included."""
    index: dict[str, str] = {}
    for name, variants in vocab.places()["provinces"].items():
        for spelling in (name, *variants):
            index[fold_key(spelling)] = name
    return index


def canonical_place(text: str) -> str | None:
    """The canonical province for a spelling ('Đăk Nông' → 'Đắk Nông'), or None.

    Folding makes 'Đăk'/'Đắk' equal, but a folded match could also join two
    different places (Hà Nam/Hà Nam is fine; none of the 63 collide folded).
    """
    return _place_index().get(fold_key(text.strip(" .,;")))


def province_mentions(text: str) -> list[str]:
    """Canonical provinces named in a text, most mentioned first."""
    text = nfc(text)
    counts: dict[str, int] = {}
    for name, variants in vocab.places()["provinces"].items():
        spellings = "|".join(re.escape(s) for s in (name, *variants))
        # Case- and mark-sensitive: folded "dien bien" would match "diễn biến".
        hits = len(re.findall(rf"(?<!\w)(?:{spellings})(?!\w)", text))
        if hits:
            counts[name] = counts.get(name, 0) + hits
    return sorted(counts, key=lambda n: -counts[n])


@lru_cache(maxsize=1)
def _proper_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every phrase that keeps its capitals, longest first."""
    data = vocab.agencies()
    heads = sorted(h for h in data["heads"].values() if len(h.split()) >= 3)
    by_lower: dict[str, str] = {}
    for phrase in [*data["proper_words"], *heads, *data.get("titles", []), *vocab.places()["provinces"]]:
        by_lower.setdefault(phrase.lower(), phrase)  # the first spelling listed wins, whatever the hash seed
    ordered = sorted(by_lower, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)", re.I)
    return pattern, by_lower


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def canonical_case(text: str, capitalize: bool = True) -> str:
    """Sentence case that keeps proper names, places and acronyms.

    'Các Sở, Ban, ngành thuộc UBND tỉnh' → 'Các sở, ban, ngành thuộc UBND tỉnh';
    'PHÓ CHỦ TỊCH' → 'Phó Chủ tịch'. A capitalised word right after a level
    word (tỉnh, huyện …) starts a place name and keeps its capital.
    """
    text = clean_spaces(nfc(text))
    all_caps = not any(c.islower() for c in text)
    parts = _WORD_SPLIT.split(text)
    out: list[str] = []
    in_place = False
    previous = ""
    for part in parts:
        if not part or _WORD_SPLIT.fullmatch(part):
            out.append(part)
            if part and part.strip():
                in_place = False
            continue
        keep = False
        if not all_caps and _is_acronym(part):
            keep = True
        elif part[:1].isupper() and (in_place or fold_key(previous) in _LEVEL_KEYS):
            keep = not all_caps
            in_place = keep
        else:
            in_place = False
        out.append(part if keep else part.lower())
        previous = part
    lowered = "".join(out)
    pattern, by_lower = _proper_re()
    restored = pattern.sub(lambda m: by_lower[m.group(0).lower()], lowered)
    restored = _restore_places_after_levels(restored)
    return restored[:1].upper() + restored[1:] if capitalize else restored


def _restore_places_after_levels(text: str) -> str:
    """'tỉnh bắc kạn' → 'tỉnh Bắc Kạn' when the words after the level are a known place."""
    def fix(match: re.Match[str]) -> str:
        place = canonical_place(match.group(2))
        return f"{match.group(1)}{place}" if place else match.group(0)

    levels = "|".join(LEVEL_WORDS)
    return re.sub(
        rf"(?i)((?:{levels})\s+)(\w+(?:\s+\w+){{0,3}}?)(?=$|[,;.)]|\s+(?:và|thuộc|về)\b)", fix, text
    )


@lru_cache(maxsize=1)
def _abbreviation_re() -> tuple[re.Pattern[str], dict[str, str]]:
    table = vocab.agencies()["abbreviations"]
    ordered = sorted(table, key=len, reverse=True)
    # Not inside a number ('30/2020/TT-BTC' keeps its TT) nor a hyphenated symbol.
    return re.compile(r"(?<![\w/\-])(" + "|".join(re.escape(a) for a in ordered) + r")(?![\w/\-])"), table


# Old-style tone marks ('Toà án', 'Uỷ ban', 'Thuỷ lợi') → the spelling the facets show ('Tòa án', 'Ủy ban').
_OLD_OA = re.compile(r"(?<![qQ])([oO])([àáảãạèéẻẽẹ])(?![^\W\d_])")
_OLD_UY = re.compile(r"(?<![qQ])([uU])([ỳýỷỹỵ])(?![^\W\d_])")
_BASE = str.maketrans("àáảãạèéẻẽẹỳýỷỹỵ", "aaaaaeeeeeyyyyy")
_TONE = {**dict.fromkeys("àè", "ò"), **dict.fromkeys("áé", "ó"), **dict.fromkeys("ảẻ", "ỏ"), **dict.fromkeys("ãẽ", "õ"),
         **dict.fromkeys("ạẹ", "ọ"), "ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}


def _moved(match: re.Match[str]) -> str:
    """'o' + 'à' → 'òa': in an open syllable the tone sits on the first vowel."""
    vowel, marked = match.groups()
    tone = _TONE[marked]
    return (tone.upper() if vowel.isupper() else tone) + marked.translate(_BASE)


def modern_tones(text: str) -> str:
    """'Toà án nhân dân', 'Uỷ ban' → 'Tòa án nhân dân', 'Ủy ban': one spelling of each body."""
    return _OLD_UY.sub(_moved, _OLD_OA.sub(_moved, text))


def expand_abbreviations(text: str) -> str:
    """'UBND các huyện, TP' → 'Ủy ban nhân dân các huyện, thành phố' (case-sensitive)."""
    pattern, table = _abbreviation_re()
    return clean_spaces(pattern.sub(lambda m: table[m.group(1)], nfc(text)))


@lru_cache(maxsize=1)
def _heads() -> list[tuple[list[str], str]]:
    """Agency heads as folded word lists, longest first."""
    heads = vocab.agencies()["heads"]
    pairs = [(fold_key(raw).split(), name) for raw, name in heads.items()]
    return sorted(pairs, key=lambda p: -len(p[0]))


def split_head(text: str) -> tuple[str | None, list[str]]:
    """Split an agency name into its canonical head and the words after it."""
    words = clean_spaces(nfc(text).replace(" & ", " và ")).split()
    folded = [fold_key(w) for w in words]
    for head_words, name in _heads():
        if folded[: len(head_words)] == head_words:
            return name, words[len(head_words):]
    return None, words


def _place_phrase(words: list[str]) -> str:
    """'TỈNH BẮC KẠN' → 'tỉnh Bắc Kạn'; 'TP. BẮC KẠN' → 'thành phố Bắc Kạn'."""
    text = expand_abbreviations(" ".join(words)).strip()
    lowered = fold_key(text)
    for level, key in zip(LEVEL_WORDS, _LEVEL_KEYS, strict=True):
        if lowered.startswith(key + " "):
            rest = text[len(level):].strip(" .")
            place = canonical_place(rest) or _title(rest)
            return f"{level} {place}"
    return canonical_case(text, capitalize=False)


def _title(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def canonical_agency(text: str) -> str:
    """The canonical full name of an issuing agency from any spelling of it.

    'ỦY BAN NHÂN DÂN TỈNH BẮC KẠN' and 'UBND tỉnh Bắc Kạn' both give
    'Ủy ban nhân dân tỉnh Bắc Kạn'.
    """
    text = clean_spaces(expand_abbreviations(text)).strip(" .,;:")
    head, rest = split_head(text)
    if head is None:
        return canonical_case(text)
    if not rest:
        return head
    return f"{head} {_place_phrase(rest)}"


def agency_from_symbol(number: str) -> str | None:
    """The issuer named by a number's symbol: '285/TB-VPCP' → 'Văn phòng Chính phủ'."""
    data = vocab.agencies()
    parts = re.split(r"[/\-]", number)
    tail = "/".join(number.split("-")[-1:]) if "-" in number else ""
    for key, owner in data["central_symbol_owners"].items():
        if number.upper().endswith(key.upper()) or tail.upper() == key.upper():
            return owner
    for part in reversed(parts):
        if part in data["symbols"]:
            return data["symbols"][part]
    return None


def issuer_level(issuer: str | None) -> str | None:
    """trung ương, tỉnh or huyện-thành phố, from the canonical issuer name."""
    if not issuer:
        return None
    central = vocab.places()["central_cities"]
    levels = vocab.agencies()["levels"]
    for prefix in levels["trung ương"]:
        if issuer.startswith(prefix) and "tỉnh" not in issuer:
            return "trung ương"
    lowered = issuer
    for city in central:
        if lowered.endswith(f"thành phố {city}"):
            return "tỉnh"
    for word in levels["huyện-thành phố"]:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
            return "huyện-thành phố"
    for word in levels["tỉnh"]:
        if re.search(rf"(?<!\w){re.escape(word)}", lowered):
            return "tỉnh"
    return None


_BANNERS = ("van ban hop nhat", "cong bao", "phan i", "phan ii", "phan van ban")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(fold_key(s) for s in vocab.agencies().get("surnames", []))


_RANK = re.compile(r"(?i)^(?:(?:đại|thượng|trung|thiếu)\s+(?:tướng|tá|úy)|(?:phó\s+|chuẩn\s+)?đô\s+đốc)\s+")


def strip_rank(name: str) -> str:
    """'Đại tướng Tô Lâm' → 'Tô Lâm': a military or police rank is not part of the name."""
    return _RANK.sub("", name.strip())


def looks_like_person(name: str) -> bool:
    """'Trần Hồng Hà' yes; 'Bộ Ngoại', 'Việt Nam', 'Chỉ Tiêu' no: a name starts with a family name."""
    words = strip_rank(name).split()
    if not 2 <= len(words) <= 6:
        return False
    if not all(w[:1].isupper() and (w[1:].islower() or len(w) == 1) and w.isalpha() for w in words):
        return False
    return fold_key(words[0]) in _surnames()


def canonical_person(text: str) -> str:
    """'NGUYỄN SINH HÙNG' → 'Nguyễn Sinh Hùng'; joint signers keep their ' - '."""
    parts = [_without_post(strip_rank(clean_spaces(nfc(p)))) for p in re.split(r"\s+-\s+", text.strip()) if p.strip()]
    return " - ".join(" ".join(w[:1].upper() + w[1:].lower() for w in p.split()) for p in parts)


def _without_post(name: str) -> str:
    """'PHÓ THỦ TƯỚNG NGUYỄN XUÂN PHÚC' → 'NGUYỄN XUÂN PHÚC': a post printed before the name."""
    key = fold_key(name)
    for post in sorted(vocab.agencies().get("titles", []), key=len, reverse=True):
        post_key = fold_key(post)
        if key.startswith(post_key + " "):
            return name.split(maxsplit=len(post_key.split()))[-1]
    return name


def _undouble(text: str) -> str:
    """'CHÍNH PHỦ CHÍNH PHỦ' → 'CHÍNH PHỦ': a gazette banner repeating the agency above its header."""
    words = text.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and fold_key(" ".join(words[:half])) == fold_key(" ".join(words[half:])):
        return " ".join(words[:half])
    return text


def joint_parts(text: str) -> list[str]:
    """'BỘ TÀI CHÍNH - BỘ Y TẾ' → two agencies; 'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI' stays one."""
    pieces = re.split(r"\s+[-–]\s+", text)
    parts: list[str] = []
    for piece in pieces:
        if parts and split_head(piece)[0] is None:
            parts[-1] = f"{parts[-1]} - {piece}"
        else:
            parts.append(piece)
    return parts


def canonical_issuer(text: str) -> str | None:
    """An issuer as a facet shows it, from a header block or a catalogue field.

    Banners ('VĂN BẢN HỢP NHẤT - BỘ Y TẾ'), doubled names and footnote marks go; joint
    issuers stay joined by ' - ', each in its canonical form.
    """
    text = re.sub(r"(?<=[^\W\d])\d+\b", "", clean_spaces(nfc(text))).strip(" .,;:-")
    names: list[str] = []
    for part in joint_parts(text):
        part = _undouble(part.strip())
        if not part or any(fold_key(part).startswith(b) for b in _BANNERS):
            continue
        name = canonical_agency(part)
        if fold_key(name) not in {fold_key(n) for n in names}:
            names.append(name)
    return " - ".join(names) or None


@lru_cache(maxsize=1)
def _kinds() -> tuple[str, ...]:
    return tuple(sorted({fold_key(k) for k in vocab.agencies().get("kinds", [])}, key=len, reverse=True))


def names_an_agency(name: str) -> bool:
    """'Sở Y tế tỉnh Bắc Kạn' yes; 'Danh sách nộp quỹ đoàn', 'Đơn đề nghị' no: an agency's name
    starts with the kind of body it is (Ủy ban, Sở, Cục …) or is a known agency."""
    key = fold_key(name)
    if split_head(name)[0]:
        return True
    return any(key == k or key.startswith(k + " ") for k in _kinds())
