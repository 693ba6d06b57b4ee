"""A handwritten day or month that Tesseract doubts is read again as digits (issue 20: dates on scans).

'28l_02 syt gavi.pdf' of ../shared/corpora/province-scans: the month 3 is written by
hand into 'ngày … tháng … năm 2018'; Tesseract's Vietnamese model reads "2" at
confidence 60, and the record was dated February. Read again alone, with a digit
whitelist, the same box gives "3". Other scans: a handwritten 11 read as "44", a
handwritten 01 glued to the printed word ("thángfÍ"), a handwritten day read as noise
or as a wrong digit. Tesseract itself is replaced here by its word table
(image_to_data) and by what each digit reading returns, so these run without it;
the tiny PNG only has to open.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import extract_records
from indexer.readers.formats import ocr
from tests.test_readers_ocr import _tesseract_words

HEADER = [
    (200, [(250, "UBND TỈNH KIÊN GIANG"), (1200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")]),
    (260, [(300, "SỞ Y TẾ"), (1350, "Độc lập - Tự do - Hạnh phúc")]),
    (400, [(250, "Số: 02/SYT-GAVI"), (1300, "Kiên Giang, {date} năm 2018")]),
    (460, [(200, "V/v bàn giao tài sản kết thúc Dự án")]),
    (600, [(200, "Kính gửi: Các Trung tâm y tế huyện, thị, thành phố trong tỉnh và các đơn vị trực thuộc")]),
]


def _page(date: str, **confidence: float) -> dict:
    """Tesseract's words for a header whose date line it read as 'Kiên Giang, {date} năm 2018', with the
    word after 'ngày' ('day') and after 'tháng' ('month'), or a word itself, read at the confidence given."""
    rows = [(top, [(left, text.format(date=date)) for left, text in pieces]) for top, pieces in HEADER]
    data = _tesseract_words(rows)
    words = data["text"]
    for what, conf in confidence.items():
        after = {"day": "ngày", "month": "tháng"}.get(what)
        i = next(k for k in range(1, len(words)) if (words[k - 1] == after if after else words[k] == what))
        data["conf"][i] = conf
    return data


def _read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: dict, *replies: str) -> tuple[str, list[str]]:
    """ocr.image over a page Tesseract reads as `data`; the digits-only readings give `replies` in turn
    (the last one again when they run out)."""
    import pytesseract
    from PIL import Image

    asked: list[str] = []

    def digits(img: object, lang: str = "", config: str = "", **kwargs: object) -> str:
        asked.append(config)
        return replies[min(len(asked), len(replies)) - 1]

    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: data)
    monkeypatch.setattr(pytesseract, "image_to_string", digits)
    page = tmp_path / "page.png"
    Image.new("L", (2480, 800), 255).save(page)
    text, _ = ocr.image(page, ocr.Deadline(60))
    return text, asked


def _dated(text: str) -> tuple[str | None, str | None]:
    record = extract_records(text, "x", "28l_02 syt gavi.pdf", scanned=True)[0]
    return record.date, record.date_precision


# --- months -----------------------------------------------------------------------------------------


def test_a_doubtful_handwritten_month_is_read_again_as_digits(tmp_path, monkeypatch) -> None:
    text, asked = _read(tmp_path, monkeypatch, _page("ngày 6 tháng 2", month=60), "3\n")
    assert "Kiên Giang, ngày 6 tháng 3 năm 2018" in text
    assert _dated(text) == ("2018-03-06", "day")
    assert asked and "whitelist=0123456789" in asked[0]


def test_a_date_tesseract_is_sure_of_is_not_read_again(tmp_path, monkeypatch) -> None:
    text, asked = _read(tmp_path, monkeypatch, _page("ngày 6 tháng 2"), "3")
    assert asked == [] and _dated(text) == ("2018-02-06", "day")


@pytest.mark.parametrize("misread", ["44", "ll"])
def test_a_month_that_is_no_month_is_read_again_however_sure_tesseract_is(tmp_path, monkeypatch, misread) -> None:
    """A handwritten 11 that Tesseract reads '44' (or 'll') at confidence 91: no month 1–12, so it is read again."""
    text, asked = _read(tmp_path, monkeypatch, _page(f"ngày 29 tháng {misread}", month=91), "11")
    assert len(asked) == 1 and "tháng 11 năm 2018" in text
    assert _dated(text) == ("2018-11-29", "day")


@pytest.mark.parametrize("glued", ["thángfÍ", "thang01"])
def test_a_month_written_against_tharng_is_cut_off_and_read(tmp_path, monkeypatch, glued) -> None:
    """'ngày 4 tháng01 năm 2018', the handwritten 01 touching the printed word: one word for Tesseract."""
    text, asked = _read(tmp_path, monkeypatch, _page(f"ngày 4 {glued}", **{glued: 60}), "01")
    assert asked and f"ngày 4 {glued[:5]} 01 năm 2018" in text
    assert _dated(text) == ("2018-01-04", "day")


def test_a_month_glued_to_tharng_and_read_with_confidence_is_only_cut_off(tmp_path, monkeypatch) -> None:
    text, asked = _read(tmp_path, monkeypatch, _page("ngày 4 tháng01"), "7")
    assert asked == [] and "ngày 4 tháng 01 năm 2018" in text
    assert _dated(text) == ("2018-01-04", "day")


@pytest.mark.parametrize("digits", ["44", "", "123"])
def test_a_second_reading_that_is_no_month_gives_no_month(tmp_path, monkeypatch, digits) -> None:
    """No month is better than a guessed one: OCR's doubtful '2' is not kept when the second reading
    is no month; OCR's noise ('0Š') stays as read, and it is no month either."""
    text, _ = _read(tmp_path, monkeypatch, _page("ngày 6 tháng 2", month=60), digits)
    assert "tháng 2 năm" not in text and _dated(text) == (None, None)
    text, _ = _read(tmp_path, monkeypatch, _page("ngày 6 tháng 0Š", month=33), digits)
    assert "tháng 0Š năm 2018" in text and _dated(text) == (None, None)


# --- days -------------------------------------------------------------------------------------------


def test_a_doubtful_handwritten_day_is_read_again_as_digits(tmp_path, monkeypatch) -> None:
    """A handwritten 29 read as noise ('ð-)'): every reading of its box gives 29."""
    text, asked = _read(tmp_path, monkeypatch, _page("ngày ð-) tháng 11", day=0), "29")
    assert len(asked) >= 3 and "ngày 29 tháng 11 năm 2018" in text
    assert _dated(text) == ("2018-11-29", "day")


def test_a_day_the_readings_disagree_on_is_none_and_the_month_stays(tmp_path, monkeypatch) -> None:
    """A handwritten 18 read '1' by two of the readings, other things by the rest: no day, not a wrong
    one; OCR's doubtful '2' is not kept either. The date is the month's."""
    replies = ("", "", "1", "", "", "", "1", "7")
    text, _ = _read(tmp_path, monkeypatch, _page("ngày 2 tháng 12", day=40), *replies)
    assert "ngày 2 " not in text and "ngày … tháng 12 năm 2018" in text
    assert _dated(text) == ("2018-12-01", "month")


@pytest.mark.parametrize(("line", "day"), [("ngày Ð_ tháng 4", "31"), ("ngày Ð_ tháng 02", "29")])
def test_a_day_its_month_has_not_is_none(tmp_path, monkeypatch, line, day) -> None:
    """31 April, 29 February 2018: a day read again must be a day of its month."""
    text, _ = _read(tmp_path, monkeypatch, _page(line, day=10), day)
    assert f"ngày {day}" not in text
    date, precision = _dated(text)
    assert precision == "month" and date is not None and date.endswith("-01")


def test_a_day_glued_to_ngay_is_cut_off_and_read(tmp_path, monkeypatch) -> None:
    """'ngày24' (the handwritten 24 touching the printed word), read with confidence: only cut off."""
    text, asked = _read(tmp_path, monkeypatch, _page("ngày24 tháng 4"), "9")
    assert asked == [] and "ngày 24 tháng 4 năm 2018" in text
    assert _dated(text) == ("2018-04-24", "day")


def test_words_between_tharng_and_nam_are_never_read_as_a_month(tmp_path, monkeypatch) -> None:
    """'… trong tháng cuối năm 2018' is text: however unsure Tesseract is of 'cuối', no digit is read into it."""
    text, asked = _read(tmp_path, monkeypatch, _page("ngày 6 tháng cuối", month=60), "1")
    assert asked == [] and "tháng cuối năm 2018" in text
