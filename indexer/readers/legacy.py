"""Old Vietnamese font encodings (TCVN3/ABC and VNI) → Unicode.

Before Unicode, offices typed with .VnTime (TCVN3, TCVN 5712:1993 "VN3") or
VNI-Times fonts: the bytes are Vietnamese letters only in that font, and any
program reading them today sees Windows-1252/1258 gibberish ("Quy Õt ®Þnh",
"Quyeát ñònh"). The tables below are the published ones (TCVN 5712:1993 VN3;
VNI-Windows of VNI Software), written letter by letter so they can be read
and checked. TCVN3 has codes for lowercase letters only (capitals were the
same codes in a capitals font, .VnTimeH): a capital with a tone comes back
lowercase, its case was never in the bytes.

Conversion is decided on the words, never the file name: a text is converted
only when most of its non-ASCII words are not Vietnamese syllables as they
are and become syllables once converted, so genuine Windows-1258 or UTF-8
Vietnamese is left alone.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3: one byte (shown in its Latin-1 reading) per Vietnamese letter.
_TCVN3_LETTERS = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® "
    "èÌ éÐ ẻÎ ẽÏ ẹÑ êª ềÒ ếÕ ểÓ ễÔ ệÖ ì× íÝ ỉØ ĩÜ ịÞ "
    "òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé ơ¬ ờê ớí ởë ỡì ợî "
    "ùï úó ủñ ũò ụô ư\u00ad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ "
    "Ă¡ Â¢ Đ§ Ê£ Ô¤ Ơ¥ Ư¦"
)
TCVN3 = {pair[1]: pair[0] for pair in _TCVN3_LETTERS.split()}

# VNI-Windows: a base letter followed by a mark character; i, ỵ, đ, ơ, ư (with
# capitals) are single characters. Tone marks as VNI writes them after a vowel:
_VNI_TONES = {"\u0300": "øØ", "\u0301": "ùÙ", "\u0309": "ûÛ", "\u0303": "õÕ", "\u0323": "ïÏ"}
# Marks after â/ê/ô (the circumflex is written by the tone key in one character),
# and after ă (breve).
_VNI_CIRCUMFLEX = {"": "âÂ", "\u0300": "àÀ", "\u0301": "áÁ", "\u0309": "åÅ", "\u0303": "ãÃ", "\u0323": "äÄ"}
_VNI_BREVE = {"": "êÊ", "\u0300": "èÈ", "\u0301": "éÉ", "\u0309": "úÚ", "\u0303": "üÜ", "\u0323": "ëË"}
_VNI_SINGLE = {"đ": "ñ", "Đ": "Ñ", "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö",
               "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "ỉ": "æ", "Ỉ": "Æ", "ĩ": "ó", "Ĩ": "Ó", "ị": "ò", "Ị": "Ò",
               "ỵ": "î", "Ỵ": "Î"}
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _vni_table() -> dict[str, str]:
    """Unicode letter → VNI characters, for every vowel with every tone."""
    table = dict(_VNI_SINGLE)
    for base in "aeouyAEOUY" + "ơưƠƯ":
        upper = base.isupper()
        plain = _VNI_SINGLE.get(base, base)
        for tone in _TONES[1:]:
            letter = unicodedata.normalize("NFC", base + tone)
            table.setdefault(letter, plain + _VNI_TONES[tone][upper])
    for base in "aeoAEO":
        upper = base.isupper()
        for tone in _TONES:
            table[unicodedata.normalize("NFC", base + "\u0302" + tone)] = base + _VNI_CIRCUMFLEX[tone][upper]
            if base in "aA":
                table[unicodedata.normalize("NFC", base + "\u0306" + tone)] = base + _VNI_BREVE[tone][upper]
    return table


VNI_ENCODE = _vni_table()
VNI = {v: k for k, v in VNI_ENCODE.items()}
_VNI_RE = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
_TCVN3_ENCODE = {v: k for k, v in TCVN3.items()}

# A Vietnamese syllable without its tone: onset, vowel nucleus, coda (a final i/o/u/y glide is a coda).
_NUCLEI = ["uyê", "uya", "ia", "iê", "oa", "oă", "oe", "oo", "ua", "uâ", "uê", "uô", "uơ", "ưa", "ươ", "uy", "yê",
           "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    rf"(?:{'|'.join(_NUCLEI)})(?:ch|ng|nh|[cmnpt]|[iouy])?"
)
_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_WORD_SPLIT = re.compile(r"[\s\d.,;:!?()\[\]\"'/\-–—_*%&+=<>|…“”‘’]+")


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable (any case, at most one tone)?"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(ch in _TONE_MARKS for ch in decomposed)
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return tones <= 1 and _SYLLABLE.fullmatch(bare) is not None


def syllable_share(text: str, sample: int = 4000) -> float:
    """Share of the non-ASCII words that are Vietnamese syllables (1.0 with no such word)."""
    words = [w for w in _WORD_SPLIT.split(text[: sample * 8]) if w and not w.isascii()][:sample]
    if not words:
        return 1.0
    return sum(is_syllable(w) for w in words) / len(words)


def from_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(ch, ch) for ch in text)


def from_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: VNI[m.group(0)], text)


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 (as its Latin-1 reading); capitals with a tone become the lowercase code."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        code = _TCVN3_ENCODE.get(ch) or (_TCVN3_ENCODE.get(ch.lower()) if ch not in "ĂÂĐÊÔƠƯ" else None)
        out.append(code or ch)
    return "".join(out)


def to_vni(text: str) -> str:
    return "".join(VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


CONVERTERS = {"TCVN3": from_tcvn3, "VNI": from_vni}


def convert(text: str) -> tuple[str, str | None]:
    """(Unicode text, 'TCVN3'/'VNI') when the text is in an old font encoding, else (text, None).

    `text` is the file read as Latin-1/Windows-1252 characters (what Word and
    every decoder show for those fonts). Converted only when the words say
    so: under half Vietnamese as they are, over 80 % once converted.
    """
    if syllable_share(text) >= 0.5:
        return text, None
    best, name, share = text, None, 0.8
    for candidate, convert_one in CONVERTERS.items():
        converted = convert_one(text)
        score = syllable_share(converted)
        if score > share:
            best, name, share = converted, candidate, score
    return best, name
