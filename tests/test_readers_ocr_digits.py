"""A handwritten month that Tesseract doubts is read again as digits (issue 20: month on scans).

'28l_02 syt gavi.pdf' of ../shared/corpora/province-scans: the month 3 is written by
hand into 'ngày … tháng … năm 2018'; Tesseract's Vietnamese model reads "2" at
confidence 60, and the record was dated February. Read again alone, with a digit
whitelist, the same box gives "3". Tesseract itself is replaced here by its
word table (image_to_data) and by what the digit reading returns, so these run
without it; the tiny PNG only has to open.
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
    (400, [(250, "Số: 02/SYT-GAVI"), (1300, "Kiên Giang, ngày 6 tháng {month} năm 2018")]),
    (460, [(200, "V/v bàn giao tài sản kết thúc Dự án")]),
    (600, [(200, "Kính gửi: Các Trung tâm y tế huyện, thị, thành phố trong tỉnh và các đơn vị trực thuộc")]),
]


def _page(month: str, confidence: float) -> dict:
    """Tesseract's words for a header whose month it read as `month`, with that confidence."""
    rows = [(top, [(left, text.format(month=month)) for left, text in pieces]) for top, pieces in HEADER]
    data = _tesseract_words(rows)
    i = next(k for k in range(1, len(data["text"])) if data["text"][k - 1] == "tháng")
    data["conf"][i] = confidence
    return data


def _read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: dict, digits: str) -> tuple[str, list[str]]:
    """ocr.image over a page Tesseract reads as `data`; a digits-only reading gives `digits`."""
    import pytesseract
    from PIL import Image

    asked: list[str] = []
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: data)
    monkeypatch.setattr(pytesseract, "image_to_string", lambda img, config="", **k: asked.append(config) or digits)
    page = tmp_path / "page.png"
    Image.new("L", (2480, 800), 255).save(page)
    text, _ = ocr.image(page, ocr.Deadline(60))
    return text, asked


def _date(text: str) -> str | None:
    return extract_records(text, "x", "28l_02 syt gavi.pdf", scanned=True)[0].date


def test_a_doubtful_handwritten_month_is_read_again_as_digits(tmp_path, monkeypatch) -> None:
    text, asked = _read(tmp_path, monkeypatch, _page("2", 60), "3\n")
    assert "Kiên Giang, ngày 6 tháng 3 năm 2018" in text
    assert _date(text) == "2018-03-06"
    assert asked and "whitelist=0123456789" in asked[0]


def test_a_month_tesseract_is_sure_of_is_not_read_again(tmp_path, monkeypatch) -> None:
    text, asked = _read(tmp_path, monkeypatch, _page("2", 96), "3")
    assert asked == [] and _date(text) == "2018-02-06"


@pytest.mark.parametrize("digits", ["44", "", "123"])
def test_a_second_reading_that_is_no_month_changes_nothing(tmp_path, monkeypatch, digits) -> None:
    """'tháng 44' (a handwritten 11) stays unread: no month is better than a guessed one."""
    text, _ = _read(tmp_path, monkeypatch, _page("0Š", 33), digits)
    assert "tháng 0Š năm 2018" in text
    assert _date(text) is None
