"""The day and month of a scan's date line, read again as digits when Tesseract doubts them.

On a công văn the day and month are often written by hand into the blanks of
"ngày … tháng … năm 2018". Tesseract's Vietnamese model reads a handwritten 3
as "2", an 11 as "44", a 29 as "ð-)", or a printed 08 as "0Š", and is unsure
of it (word confidence 0–66, where a printed date scores 89–97). Read again
alone, as a line of digits only (Tesseract's character whitelist), the same
box gives "3" and "08". A value written against the printed word is read as one
word with it ("thángfÍ" for "tháng 01", "ngày24"): the printed word is cut off
and the rest is read.

What is read again is the value between two printed words of the date line
(ngày | day | tháng | month | năm), when it is doubtful: not one word, not a
value in range (day 1–31, month 1–12), or under the confidence bar. Only the
value's own word boxes are read again, never the printed words beside them.
A doubtful value in range ("2" at confidence 60) that the second reading does
not confirm (it gives no value in range, or a day the month has not: 31 tháng 4)
becomes no value at all ("…"): a wrong date is worse than none, and the header
then keeps the month of a date whose day is unreadable. OCR's noise ("ð-)",
"44") is no value to the header either, and stays as read. Words ('tháng cuối
năm') are no value and are never read again.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.text import fold, nfc

DOUBTFUL = 80  # word confidence under which a value is read again (printed days and months: 89–97)
PAD = 5  # pixels left and right of the value's box (more takes in the neighbouring words' strokes)
MARGIN = 4  # above and below, a quarter of the word's height: the same margin at any rendering dpi
Way = tuple[str, int, int]  # Tesseract language, page segmentation mode (7 one line, 8 one word), white border px
# A month is read one way, digits only as one word: of the settings tried on the 22 month boxes of the
# shared scans (dev and test, session 3), 5 px all round as one line read 18 right and 0 wrong months;
# this one 20 right and 0 wrong ('0Š' → 08 where the other read 0; both fixed the dev half's handwritten 3).
# A day (written by hand on most scans: two scrawled digits) is read eight ways, each language's model as
# one line and as one word, with and without a white border, and taken when at least 3 readings give it
# and more give it than any other day in range. On the dev half's 7 doubtful day boxes the month's one
# way read 0 right and 1 wrong ('18' → 1, which the Vietnamese model read too); this vote 2 right (02, 11)
# and none wrong.
WAYS: dict[str, tuple[list[Way], int]] = {
    "month": ([("eng", 8, 0)], 1),
    "day": ([(lang, psm, border) for lang in ("eng", "vie") for psm in (7, 8) for border in (0, 15)], 3),
}

# How many of Tesseract's readings the handwriting model's reading counts for, where those gave no value:
# a month alone (Tesseract's one reading gave none in range: "44" for 11); a day with one of Tesseract's
# eight readings agreeing (alone, the model read the scans' handwritten days 5 right and 3 wrong).
HAND_VOTES = {"month": 1, "day": 2}
# The handwriting model's wrong digits on the scans' date lines were 4 for a 6 (twice) and for a 2, and 1
# for an 8 (20 of 24 right; handwriting.py): a reading with a 4 is never taken alone.
CONFUSED = "4"


def digits_only(psm: int) -> str:
    """Tesseract's options for one line (7) or one word (8) of digits only."""
    return f"--psm {psm} -c tessedit_char_whitelist=0123456789"


NEAR = 3  # the printed words of one date line lie at most this many words apart
# The printed width of 'ngày' and 'tháng' in widths of the 'năm' of the same line (italic Times of
# the date line; measured on the dev half's 10 date lines: 1.14–1.19 and 1.34–1.40): where a value is
# glued to one of them, the printed word ends (or starts) that far from its box's edge.
WIDTH_OF = {"ngay": 1.16, "thang": 1.37, "nam": 1.0}
LAST = {"day": 31, "month": 12}
BLANK = "…"

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels


@dataclass
class Anchor:
    """A printed word of the date line, maybe with OCR's reading of a value glued before or after it."""

    index: int
    word: str  # 'ngay', 'thang' or 'nam'
    start: int  # the printed word's place in the word's text
    end: int

    def before(self, data: dict) -> str:
        return nfc(data["text"][self.index])[:self.start]

    def after(self, data: dict) -> str:
        return nfc(data["text"][self.index])[self.end:]


@dataclass
class Blank:
    """The value between two printed words: its words, and what of it is glued to them."""

    kind: str  # 'day' or 'month'
    left: Anchor
    right: Anchor
    words: list[int] = field(default_factory=list)
    box: Box | None = None  # where the value is read again; None when it need not be
    gap: Box | None = None  # the whole blank between the printed words, where handwriting is read
    sure: str | None = None  # a value OCR read in range and with confidence, glued to a printed word

    def glued(self, data: dict) -> str:
        """OCR's reading of the part of the value glued to the printed word before or after it."""
        return self.left.after(data).strip(" ,.") or self.right.before(data).strip(" ,.")


def _anchor(data: dict, i: int) -> Anchor | None:
    text = nfc(data["text"][i])
    folded = fold(text).lower()
    if len(folded) != len(text):
        return None
    for word in WIDTH_OF:
        at = folded.find(word)
        if at < 0:
            continue
        before, after = folded[:at], folded[at + len(word):]
        if before.strip(" ,.") and after.strip(" ,."):
            continue  # noise on both sides: not one printed word with a value beside it
        return Anchor(i, word, at, at + len(word))
    return None


def _line(data: dict, i: int) -> tuple[int, int]:
    return data["top"][i], data["top"][i] + data["height"][i]


def _same_line(data: dict, a: int, b: int) -> bool:
    (top_a, bottom_a), (top_b, bottom_b) = _line(data, a), _line(data, b)
    return min(bottom_a, bottom_b) - max(top_a, top_b) > 0 and data["left"][b] > data["left"][a]


def date_blanks(data: dict) -> list[Blank]:
    """The day and month blanks of every 'ngày … tháng … năm' line, the month first."""
    count = len(data["text"])
    anchors = {i: a for i in range(count) if data["text"][i].strip() and (a := _anchor(data, i))}
    out: list[Blank] = []
    for t, thang in anchors.items():
        if thang.word != "thang":
            continue
        nam = next((anchors[j] for j in range(t + 1, min(t + 1 + NEAR, count)) if j in anchors), None)
        if nam is None or nam.word != "nam" or not _same_line(data, t, nam.index):
            continue
        out.append(_blank("month", data, thang, nam))
        ngay = next((anchors[j] for j in range(t - 1, max(t - 1 - NEAR, -1), -1) if j in anchors), None)
        if ngay is not None and ngay.word == "ngay" and _same_line(data, ngay.index, t):
            out.append(_blank("day", data, ngay, thang))
    return out


def _blank(kind: str, data: dict, left: Anchor, right: Anchor) -> Blank:
    blank = Blank(kind, left, right, [j for j in range(left.index + 1, right.index) if data["text"][j].strip()])
    glued = blank.glued(data)
    parts = [(glued, left.index if left.after(data).strip(" ,.") else right.index)] if glued else []
    parts += [(data["text"][j].strip(" ,."), j) for j in blank.words]
    if any(_is_word(text) for text, _ in parts):
        return blank  # 'tháng cuối năm', 'ngày làm việc tháng': text, no value to read
    if len(parts) == 1 and _in_range(parts[0][0], kind) and float(data["conf"][parts[0][1]]) >= DOUBTFUL:
        blank.sure = parts[0][0] if glued else None
        return blank  # a printed value: nothing to read again ('ngày24': only cut off its printed word)
    if parts:
        blank.box = _box(data, blank)
        blank.gap = _gap(data, blank, blank.box)
    return blank


def _is_word(text: str) -> bool:
    """A word of the language ('cuối', 'này': three lower-case letters or more, a vowel among them), not
    OCR's noise for a scrawl ('lŠ', 'Ð_', 'fÍ', 'ồ', 'll' for a handwritten 11)."""
    return len(text) >= 3 and text.isalpha() and text.islower() and any(c in "aeiouy" for c in fold(text))


def _in_range(value: str, kind: str) -> bool:
    return value.isdigit() and len(value) <= 2 and 1 <= int(value) <= LAST[kind]


def _printed_width(data: dict, anchor: Anchor, other: Anchor) -> float:
    """The printed width of `anchor`'s word, from the other printed word of the line."""
    if not other.before(data).strip(" ,.") and not other.after(data).strip(" ,."):
        return data["width"][other.index] * WIDTH_OF[anchor.word] / WIDTH_OF[other.word]
    return data["width"][anchor.index] * len(anchor.word) / max(len(data["text"][anchor.index]), 1)


def _box(data: dict, blank: Blank) -> Box:
    """The value's own box: its words and the glued part of a printed word, padded; never the printed words."""
    left, right = blank.left, blank.right
    lo = data["left"][left.index] + data["width"][left.index]  # the printed words' inner edges
    hi = data["left"][right.index]
    start, stop = lo, hi
    if blank.words:  # a handwritten value may reach into the printed word's box: its own box wins
        start = min(data["left"][j] for j in blank.words) - PAD
        stop = max(data["left"][j] + data["width"][j] for j in blank.words) + PAD
    parts = list(blank.words)
    if left.after(data).strip(" ,."):
        start = data["left"][left.index] + round(_printed_width(data, left, right))
        parts.append(left.index)
    if right.before(data).strip(" ,."):
        stop = hi + data["width"][right.index] - round(_printed_width(data, right, left))
        parts.append(right.index)
    top = min(data["top"][j] for j in parts)
    bottom = max(data["top"][j] + data["height"][j] for j in parts)
    margin = max(PAD, (bottom - top) // MARGIN)
    return (start, top - margin, max(stop, start + 1), bottom + margin)


def _gap(data: dict, blank: Blank, box: Box) -> Box:
    """The blank from one printed word's inner edge to the next's (a handwritten value overflows OCR's
    word box: the '6' of a scrawled '16' lay outside it), a third of a line higher and a quarter lower
    than the printed words (pen strokes rise above them); where the value is glued to a printed word,
    the value's own edge there."""
    left, right = blank.left.index, blank.right.index
    start = box[0] if blank.left.after(data).strip(" ,.") else min(box[0], data["left"][left] + data["width"][left])
    stop = box[2] if blank.right.before(data).strip(" ,.") else max(box[2], data["left"][right])
    height = max(data["height"][left], data["height"][right])
    return (start, min(box[1], data["top"][left] - height // 3), max(stop, start + 1),
            max(box[3], data["top"][left] + data["height"][left] + height // 4))


def _voted(readings: list[str], kind: str) -> str | None:
    """The value most readings give, if enough do (WAYS) and no other value in range as many."""
    values = ["".join(r.split()) for r in readings]
    counts = sorted(((values.count(v), v) for v in set(values) if _in_range(v, kind)), reverse=True)
    if not counts or counts[0][0] < WAYS[kind][1] or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return None
    return counts[0][1]


def reread(data: dict, blanks: list[Blank], read_digits: Callable[[Box, list[Way]], list[str]],
           read_hand: Callable[[Box], str | None] | None = None) -> None:
    """Write each blank's value into `data`: read again as digits when doubtful, "…" when that reading
    is out of range (or a day its month has not); a value glued to its printed word is cut off it.

    Where Tesseract's readings give no value, `read_hand` (handwriting.read) reads the blank as
    handwriting: its month is taken alone, its day only with a Tesseract reading that agrees (HAND_VOTES)."""
    months: dict[int, int] = {}  # the 'tháng' word's index → the month read
    for blank in blanks:
        if blank.box is None:
            value = blank.sure or (data["text"][blank.words[0]].strip(" ,.") if blank.words else "")
            if blank.kind == "month" and _in_range(value, "month"):
                months[blank.left.index] = int(value)
            if blank.sure:
                _write(data, blank, blank.sure)
            continue
        readings = read_digits(blank.box, WAYS[blank.kind][0])
        digits = _voted(readings, blank.kind)
        if digits is None and read_hand is not None and blank.gap is not None:
            hand = read_hand(blank.gap)
            if hand and blank.kind == "month" and any(d in CONFUSED for d in hand):
                hand = None
            digits = _voted(readings + [hand] * HAND_VOTES[blank.kind], blank.kind) if hand else None
        value = int(digits) if digits else None
        if value is not None and blank.kind == "month":
            months[blank.left.index] = value
        if value is not None and blank.kind == "day" and not _fits(value, months.get(blank.right.index), data, blank):
            value = None
        if value is not None:
            _write(data, blank, str(digits))
        elif _in_range(_first_reading(data, blank), blank.kind):
            _write(data, blank, BLANK)  # a doubtful value the second reading does not confirm: none


def _first_reading(data: dict, blank: Blank) -> str:
    """OCR's own reading of the value (noise such as 'Ð_' or '44' is no value, and stays as read)."""
    return "".join([blank.glued(data)] + [data["text"][j].strip(" ,.") for j in blank.words])


def _fits(day: int, month: int | None, data: dict, blank: Blank) -> bool:
    """Has the month this day? (29 February only in a leap year; no month read: any day 1–31.)"""
    if month is None:
        return True
    after = data["text"][blank.right.index + 1:blank.right.index + 2 + 2 * NEAR]
    year = next((int(w.strip(" ,.")) for w in after if w.strip(" ,.").isdigit() and len(w.strip(" ,.")) == 4), 2000)
    return day <= calendar.monthrange(year, month)[1]


def _write(data: dict, blank: Blank, value: str) -> None:
    """The value in place of OCR's reading of it: on its first word, or after (before) the printed word
    it was glued to; its other words emptied (the layout skips empty words)."""
    left, right = blank.left, blank.right
    text = data["text"]
    glued_after = left.after(data).strip(" ,.")
    glued_before = right.before(data).strip(" ,.")
    if glued_after:
        text[left.index] = nfc(text[left.index])[:left.end]
    if glued_before:
        text[right.index] = nfc(text[right.index])[right.start:]
    if blank.words:
        text[blank.words[0]] = value
        for j in blank.words[1:]:
            text[j] = ""
    elif glued_after:
        text[left.index] += f" {value}"
    else:
        text[right.index] = f"{value} {text[right.index]}"
