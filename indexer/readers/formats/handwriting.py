"""Handwritten digits in a date blank, read by a model of handwriting rather than of print.

Tesseract's models are trained on print. A day or month written by hand into
"ngày … tháng … năm" comes back as noise ("44" for a handwritten 11, "42" for
19) or not at all. This reader cuts the blank's ink into strokes (connected
components, scipy.ndimage), scales each digit as the UCI "optdigits" set was
made (a 32×32 bitmap counted in 4×4 blocks: 8×8 values 0–16) and classifies it
with a support vector machine trained on that set, which scikit-learn ships
(`load_digits`: 1,797 digits written by 43 people; no download).

It is a second opinion, never the first: the caller takes it only where
Tesseract's readings give no value (ocr_digits.reread). It gives nothing when
unsure: a digit under MIN_PROBABILITY, a stroke cut by the blank's edge (a value
glued to the printed word: "12" would read "2"), no digit, or more than two.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from PIL import Image
    from sklearn.calibration import CalibratedClassifierCV

Box = tuple[int, int, int, int]  # left, top, right, bottom in pixels

# A floor, not a judge: the calibrated probabilities of the 4 wrong digits above were 0.82–0.96, of the
# right ones 0.75–0.98. What keeps a wrong digit from the page is ocr_digits' rule of when the model
# is heard (a month alone, never with a 4; a day only with a Tesseract reading that agrees).
MIN_PROBABILITY = 0.4
INK = 160  # grey level under which a pixel is ink (pages are rendered grey, 0–255)
TALLEST_SHARE = 0.3  # a stroke shorter than this share of the blank's height is a dot or a speck
SPECK = 0.003  # a stroke of fewer pixels than this share of the blank's height squared is dust
# A digit written by hand is at most about as wide as it is tall (on the scans' blanks 0.21–1.02 of its
# height); wider ink is two digits joined by the pen ('24' in one stroke, 1.10), which cannot be told apart.
WIDEST = 1.05
OVERLAP = 0.3  # strokes overlapping by more than this share of the later one's width are one digit
# Each digit is scaled into 26 of the 32 pixels and thickened twice: the optdigits strokes are two to
# three of the 32 pixels wide, a pen's stroke at 300 dpi scaled down is one. Of the 24 handwritten digits
# of the shared scans' date lines (17 distinct documents, both halves; where the ink split into as many
# digits as the page shows), thickening 0/1/2/3 times read 11/19/20/16 right (session 5).
SIZE, FIT, THICKEN = 32, 26, 2


@functools.cache
def _model() -> CalibratedClassifierCV:
    """The digit classifier, fitted once per process (about half a second)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.datasets import load_digits
    from sklearn.svm import SVC

    digits = load_digits()
    return CalibratedClassifierCV(SVC(gamma=0.001, C=10), ensemble=False).fit(digits.data, digits.target)


def read(picture: Image.Image, box: Box) -> str | None:
    """The one or two digits written in `box`, or None when any of them is doubtful."""
    left, top, right, bottom = box
    left, top, right, bottom = max(left, 0), max(top, 0), min(right, picture.width), min(bottom, picture.height)
    if right - left < 4 or bottom - top < 4:
        return None
    ink = np.asarray(picture.crop((left, top, right, bottom)).convert("L")) < INK
    digits = _digits(ink)
    if digits is None or not 1 <= len(digits) <= 2:
        return None
    probabilities = _model().predict_proba(np.stack([_optdigit(d) for d in digits]))
    if probabilities.max(axis=1).min() < MIN_PROBABILITY:
        return None
    return "".join(str(int(p.argmax())) for p in probabilities)


def _digits(ink: np.ndarray) -> list[np.ndarray] | None:
    """Each digit's ink, left to right; None when a stroke runs into the blank's edge or joins two digits."""
    from scipy import ndimage

    labels, _ = ndimage.label(ink, structure=np.ones((3, 3)))
    height, width = ink.shape
    strokes = []
    for number, place in enumerate(ndimage.find_objects(labels), start=1):
        rows, columns = place
        tall = rows.stop - rows.start
        if tall < height * TALLEST_SHARE or (labels[place] == number).sum() < SPECK * height * height:
            continue
        if columns.start == 0 or columns.stop == width:
            return None  # cut by the edge: part of the value is outside, or a printed letter is inside
        strokes.append([columns.start, columns.stop, rows.start, rows.stop, number])
    groups: list[list[int]] = []
    for stroke in sorted(strokes):
        last = groups[-1] if groups else None
        if last and stroke[0] < last[1] - OVERLAP * (stroke[1] - stroke[0]):
            last[1], last[2], last[3] = max(last[1], stroke[1]), min(last[2], stroke[2]), max(last[3], stroke[3])
            last.append(stroke[4])
        else:
            groups.append(list(stroke))
    if any(g[1] - g[0] > WIDEST * (g[3] - g[2]) for g in groups):
        return None
    return [np.isin(labels[g[2]:g[3], g[0]:g[1]], g[4:]) for g in groups]


def _optdigit(digit: np.ndarray) -> np.ndarray:
    """A digit's ink as optdigits' 64 features: fitted into 32×32 by its longer side, counted in 4×4 blocks."""
    from PIL import Image
    from scipy import ndimage

    height, width = digit.shape
    scale = FIT / max(height, width)
    rows, columns = max(1, round(height * scale)), max(1, round(width * scale))
    small = Image.fromarray(digit.astype(np.uint8) * 255).resize((columns, rows), Image.BILINEAR)
    canvas = np.zeros((SIZE, SIZE), dtype=bool)
    top, left = (SIZE - rows) // 2, (SIZE - columns) // 2
    canvas[top:top + rows, left:left + columns] = np.asarray(small) > 127
    canvas = ndimage.binary_dilation(canvas, iterations=THICKEN)
    return canvas.reshape(8, 4, 8, 4).sum(axis=(1, 3)).astype(float).ravel()
