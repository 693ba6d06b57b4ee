"""Folding and tokenizing: every Vietnamese letter, every Unicode form."""

from __future__ import annotations

import unicodedata

import pytest

from indexer.text import fold, has_marks, number_key, tokens

BASES = "aăâeêioôơuưy"
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng


def _plain(base: str) -> str:
    return {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}.get(base, base)


@pytest.mark.parametrize("base", list(BASES))
@pytest.mark.parametrize("tone", TONES)
def test_every_vowel_with_every_tone_folds_to_its_plain_letter(base: str, tone: str) -> None:
    letter = unicodedata.normalize("NFC", base + tone)
    assert fold(letter) == _plain(base)
    assert fold(letter.upper()) == _plain(base).upper()


def test_d_with_stroke_and_its_lookalikes_fold_to_d() -> None:
    assert fold("đĐðÐ") == "dDdD"


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKC", "NFKD"])
def test_every_unicode_form_folds_the_same(form: str) -> None:
    text = "Đắk Nông cách ly khẩu trang Ủy ban nhân dân"
    assert fold(unicodedata.normalize(form, text)) == "Dak Nong cach ly khau trang Uy ban nhan dan"


def test_mixed_nfc_and_nfd_in_one_string_tokenizes_like_nfc() -> None:
    mixed = unicodedata.normalize("NFD", "cách ") + "ly " + unicodedata.normalize("NFD", "Đắk") + " Nông"
    assert tokens(mixed) == tokens("cách ly Đắk Nông") == ["cách", "ly", "đắk", "nông"]


def test_dot_below_is_never_turned_into_a_letter() -> None:
    # Whoosh's accent_map maps U+0323 to 'l'; our fold drops it.
    assert fold(unicodedata.normalize("NFD", "nặng")) == "nang"


def test_punctuation_survives_folding() -> None:
    assert fold("“5K” – vắc‑xin") == "“5K” – vac‑xin"


@pytest.mark.parametrize(
    "code", ["2973/UBND-VXNV", "116/TB-VPCP", "570/CĐ-TTg", "07-KL/TW", "128/NQ-CP", "Covid-19", "5K", "F0"]
)
def test_numbers_and_codes_are_single_tokens(code: str) -> None:
    assert tokens(f"theo {code} của") == ["theo", code.lower(), "của"]


def test_hyphenated_words_without_digits_split() -> None:
    assert tokens("kinh tế-xã hội") == ["kinh", "tế", "xã", "hội"]


def test_number_key_ignores_marks_case_and_spaces() -> None:
    assert number_key("570/CĐ-TTg") == number_key("570 / cd-ttg") == number_key(unicodedata.normalize("NFD", "570/CĐ-TTg"))


def test_has_marks_tells_typed_marks() -> None:
    assert has_marks("cách ly") and has_marks("đi") and not has_marks("cach ly")
