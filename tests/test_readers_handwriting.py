"""A day or month written by hand into a scan's date line, where Tesseract reads none (issue 20).

The pictures are date lines cut from scans of ../shared/corpora/province-scans, as the
reader renders them (300 dpi, grey): 2192/SYT-TCCB of 29 November 2017, whose
handwritten "11" Tesseract reads "44" however it is asked; 513/SYT of 24 April 2018,
whose "24" is one pen stroke; 11/GM-SYT of 16 January 2018. The rules are in
indexer/readers/formats/ocr_digits.py (when the handwriting model is heard) and
handwriting.py (what it reads). Tests with Tesseract skip with a message outside CI
when it is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from indexer.extract import extract_records
from indexer.readers.formats import handwriting, ocr
from tests.office_fixtures import need
from tests.test_readers_ocr_digits import _page, _read

LINES = Path(__file__).parent / "fixtures" / "scan-dates"


def _scan_date(picture: str) -> tuple[str | None, str | None, str]:
    need(ocr.available(), "tesseract-ocr, tesseract-ocr-vie")
    text, _ = ocr.image(LINES / picture, ocr.Deadline(120))
    record = extract_records(f"SỞ Y TẾ\nSố: 2192/SYT-TCCB\n{text}\nV/v tuyển dụng", "x", "x.pdf", scanned=True)[0]
    return record.date, record.date_precision, text


def test_a_handwritten_11_tesseract_reads_44_dates_the_scan_november() -> None:
    date, _, text = _scan_date("ngay-29-thang-11-read-44.png")
    assert "tháng 11 năm 2017" in text
    assert date is not None and date.startswith("2017-11-")


def test_two_digits_joined_by_one_pen_stroke_are_never_read_as_one() -> None:
    """'24' in one stroke looks like a wide 4 to the model: the day is 24 or unknown, never 4."""
    date, precision, _ = _scan_date("ngay-24-joined.png")
    assert date is not None and date.startswith("2018-04-")
    assert (date, precision) in {("2018-04-24", "day"), ("2018-04-01", "month")}


def test_a_handwritten_16_the_model_reads_14_gives_no_day_rather_than_a_wrong_one() -> None:
    date, precision, _ = _scan_date("ngay-16.png")
    assert date is not None and date.startswith("2018-01-")
    assert (date, precision) in {("2018-01-16", "day"), ("2018-01-01", "month")}


# --- when the model is heard (Tesseract replaced by its word table, the model by what it reads) ------


def _heard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, hand: str | None, *replies: str,
           **confidence: float) -> tuple[str | None, str | None]:
    monkeypatch.setattr(handwriting, "read", lambda picture, gap: hand)
    text, _ = _read(tmp_path, monkeypatch, _page(line, **confidence), *replies)
    record = extract_records(text, "x", "28l_02 syt gavi.pdf", scanned=True)[0]
    return record.date, record.date_precision


@pytest.mark.parametrize(("hand", "want"), [("11", ("2018-11-01", "month")), ("4", (None, None)),
                                            (None, (None, None))])
def test_a_month_only_the_model_reads_is_taken_unless_it_holds_its_most_confused_digit(
        tmp_path, monkeypatch, hand, want) -> None:
    """'tháng 44': every digits-only reading gives 44 again. The model's 11 dates the scan; its 4 (which it
    read for a handwritten 6 and a 2) is not taken alone, nor is no reading."""
    assert _heard(tmp_path, monkeypatch, "ngày ð-) tháng 44", hand, "44", month=91, day=0) == want


def test_a_day_only_the_model_reads_is_not_taken_alone(tmp_path, monkeypatch) -> None:
    """A handwritten 16 whose digits-only readings give '1' twice: the model's '14' agrees with none of
    them, so the date keeps its month and no day."""
    replies = ("", "", "", "1", "", "", "", "1")
    assert _heard(tmp_path, monkeypatch, "ngày Ð_ tháng 01", "14", *replies, day=20) == ("2018-01-01", "month")


def test_a_day_the_model_and_a_tesseract_reading_agree_on_is_taken(tmp_path, monkeypatch) -> None:
    """A handwritten 6 that two of the eight readings give: with the model's 6, three voices agree."""
    replies = ("", "", "", "6", "", "", "", "6")
    assert _heard(tmp_path, monkeypatch, "ngày Ð tháng 12", "6", *replies, day=20) == ("2018-12-06", "day")


# --- the model itself --------------------------------------------------------------------------------


def _blank(strokes: list[tuple[int, int, int, int]], size: tuple[int, int] = (160, 120)) -> Image.Image:
    picture = Image.new("L", size, 255)
    draw = ImageDraw.Draw(picture)
    for stroke in strokes:
        draw.line(stroke, fill=0, width=5)
    return picture


def test_ink_cut_by_the_blanks_edge_is_not_read() -> None:
    """A value glued to the printed word runs into the blank's edge: '12' would read '2'. Nothing is read."""
    whole = _blank([(80, 20, 80, 100)])
    cut = _blank([(80, 20, 80, 100), (0, 60, 40, 60), (40, 20, 40, 100)])
    assert handwriting.read(whole, (0, 0, 160, 120)) == "1"
    assert handwriting.read(cut, (0, 0, 160, 120)) is None


def test_an_empty_blank_or_dots_read_as_nothing() -> None:
    dots = Image.new("L", (160, 120), 255)
    ImageDraw.Draw(dots).text((10, 80), "........", fill=0)
    assert handwriting.read(Image.new("L", (160, 120), 255), (0, 0, 160, 120)) is None
    assert handwriting.read(dots, (0, 0, 160, 120)) is None
