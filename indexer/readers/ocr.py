"""OCR of scanned pages: Tesseract 5 with Debian's Vietnamese model, pages at 300 dpi.

pytesseract drives the `tesseract` program; poppler's `pdftoppm` renders a
PDF page (the same poppler as pdftotext). Each page call gets what is left
of the file's time budget, so one bad scan cannot hold a build: the file is
reported (BỎ QUA … quá thời gian) and the others go on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from indexer.readers import ocr_layout
from indexer.readers.base import UnreadableFile

DPI = 300
LANG = "vie"
SECONDS_PER_FILE = float(os.environ.get("INDEXER_OCR_SECONDS", "900"))  # a 30-page scan takes ~3 min on one core


def available() -> bool:
    """Tesseract with the Vietnamese model, and poppler, are installed."""
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    try:
        import pytesseract

        return LANG in pytesseract.get_languages(config="")
    except Exception:  # an unusable tesseract binary is "not available", whatever it raises
        return False


def require() -> None:
    if not available():
        raise UnreadableFile("cần nhận dạng ký tự (OCR) nhưng chưa cài tesseract-ocr, tesseract-ocr-vie "
                             "và poppler-utils (OCR tools not installed)")


class Deadline:
    """The time left for one file."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = SECONDS_PER_FILE if seconds is None else seconds
        self.end = time.monotonic() + self.seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise UnreadableFile(f"nhận dạng ký tự quá {self.seconds:.0f} giây, bỏ dở (OCR time limit)")
        return left


def image(path: Path, deadline: Deadline) -> tuple[str, float | None]:
    """(text, mean word confidence 0–100) of one image file."""
    import pytesseract
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise UnreadableFile("tệp nhị phân hoặc ảnh hỏng, không đọc được (binary file or broken image)") from err

    try:
        data = pytesseract.image_to_data(str(path), lang=LANG, output_type=pytesseract.Output.DICT,
                                         timeout=deadline.left())
    except RuntimeError as err:  # pytesseract's timeout
        raise UnreadableFile(f"nhận dạng ký tự quá {deadline.seconds:.0f} giây, bỏ dở (OCR time limit)") from err
    except pytesseract.TesseractError as err:
        raise UnreadableFile(f"tesseract không đọc được ảnh: {err.message.strip()[:200]}") from err
    return ocr_layout.lines_and_confidence(data)


def pdf_page(pdf: Path, page: int, deadline: Deadline) -> tuple[str, float | None]:
    """(text, confidence) of one PDF page (1-based), rendered at DPI in gray."""
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        out = Path(tmp) / "page"
        try:
            subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(page), "-l", str(page),
                            "-singlefile", str(pdf), str(out)], check=True, capture_output=True,
                           timeout=deadline.left())
        except subprocess.TimeoutExpired as err:
            raise UnreadableFile(f"dựng ảnh trang {page} quá thời gian (render time limit)") from err
        except subprocess.CalledProcessError as err:
            raise UnreadableFile(f"không dựng được ảnh trang {page}: {err.stderr.decode(errors='replace')[:200]}") \
                from err
        return image(out.with_suffix(".png"), deadline)
