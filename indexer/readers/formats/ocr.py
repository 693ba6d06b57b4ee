"""OCR of scanned pages: Tesseract 5 with Debian's Vietnamese model, pages at 300 dpi.

pytesseract drives the `tesseract` program; poppler's `pdftoppm` renders a
PDF page (the same poppler as pdftotext). Each page call gets what is left
of the file's time budget, so one bad scan cannot hold a build: the file is
reported (BỎ QUA … quá thời gian) and the others go on.
"""

from __future__ import annotations

import contextlib
import math
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from indexer import limits
from indexer.readers.base import Reading, TransientFailure, UnreadableFile
from indexer.readers.formats import handwriting, ocr_digits, ocr_layout
from indexer.readers.registry import Format

if TYPE_CHECKING:
    from PIL import Image

DPI = 300
LANG = "vie"
SECONDS_PER_FILE = limits.current().OCR_SECONDS  # a 30-page scan takes ~3 min on one core


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
        raise TransientFailure("cần nhận dạng ký tự (OCR) nhưng chưa cài tesseract-ocr, tesseract-ocr-vie "
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
            pixels = picture.width * picture.height
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        raise UnreadableFile("tệp nhị phân hoặc ảnh hỏng, không đọc được (binary file or broken image)") from err
    most = limits.current().PAGE_PIXELS
    if pixels > most:
        raise UnreadableFile(f"ảnh {pixels / 1e6:.0f} triệu điểm ảnh, quá giới hạn {most / 1e6:.0f} triệu "
                             "(pixel limit)")

    try:
        data = pytesseract.image_to_data(str(path), lang=LANG, output_type=pytesseract.Output.DICT,
                                         timeout=deadline.left())
    except RuntimeError as err:  # pytesseract's timeout
        raise UnreadableFile(f"nhận dạng ký tự quá {deadline.seconds:.0f} giây, bỏ dở (OCR time limit)") from err
    except pytesseract.TesseractError as err:
        raise UnreadableFile(f"tesseract không đọc được ảnh: {err.message.strip()[:200]}") from err
    blanks = ocr_digits.date_blanks(data)
    if any(blank.box for blank in blanks):
        with Image.open(path) as picture:
            picture.load()
            ocr_digits.reread(data, blanks, lambda box, ways: read_digits(picture, box, ways, deadline),
                              lambda gap: handwriting.read(picture, gap))
    else:  # nothing to read again; a value glued to 'ngày' or 'tháng' and read with confidence is cut off
        ocr_digits.reread(data, blanks, lambda box, ways: [])
    return ocr_layout.lines_and_confidence(data)


def read_digits(picture: Image.Image, box: ocr_digits.Box, ways: list[ocr_digits.Way], deadline: Deadline) -> list[str]:
    """One value's box read again as digits only, each of `ways` (a doubtful handwritten day or month)."""
    import pytesseract
    from PIL import ImageOps

    left, top, right, bottom = box
    left, top, right, bottom = max(left, 0), max(top, 0), min(right, picture.width), min(bottom, picture.height)
    if right <= left or bottom <= top:
        return []  # a box off the page (a word at its edge): no reading
    crop = picture.crop((left, top, right, bottom)).convert("L")  # inside the page: PIL pads outside it black
    out = []
    for lang, psm, border in ways:
        framed = ImageOps.expand(crop, border, fill="white") if border else crop
        try:
            out.append(pytesseract.image_to_string(framed, lang=lang, config=ocr_digits.digits_only(psm),
                                                   timeout=deadline.left()))
        except (RuntimeError, pytesseract.TesseractError):
            out.append("")  # no such reading: the others vote
    return out


def page_sizes(pdfinfo: str) -> dict[int, tuple[float, float]]:
    """{page: (width, height) in inches} from `pdfinfo -f 1 -l N` (a line 'Page    1 size: 595 x 842 pts')."""
    out = {}
    for line in pdfinfo.splitlines():
        parts = line.split()
        if len(parts) >= 6 and parts[0] == "Page" and parts[2] == "size:":
            with contextlib.suppress(ValueError):
                out[int(parts[1])] = (float(parts[3]) / 72, float(parts[5]) / 72)
    return out


def page_dpi(pdf: Path, page: int, dpi: float = DPI) -> int:
    """`dpi`, lowered so that the page's picture holds at most limits.PAGE_PIXELS pixels.

    A 98 KB PDF may declare a 10,000-point page: at 300 dpi, 17 billion pixels (pdftoppm took 5 GB).
    """
    info = subprocess.run(["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, timeout=60)
    width, height = page_sizes(info.stdout.decode(errors="replace")).get(page, (8.27, 11.69))
    most = limits.current().PAGE_PIXELS
    area = max(width * height, 1e-6)
    return max(1, min(int(dpi), int(math.sqrt(most / area))))


def pdf_page(pdf: Path, page: int, deadline: Deadline) -> tuple[str, float | None]:
    """(text, confidence) of one PDF page (1-based), rendered at DPI in gray (less for a page too large)."""
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        out = Path(tmp) / "page"
        try:
            subprocess.run(["pdftoppm", "-r", str(page_dpi(pdf, page)), "-gray", "-png", "-f", str(page),
                            "-l", str(page), "-singlefile", str(pdf), str(out)], check=True, capture_output=True,
                           timeout=deadline.left())
        except subprocess.TimeoutExpired as err:
            raise UnreadableFile(f"dựng ảnh trang {page} quá thời gian (render time limit)") from err
        except subprocess.CalledProcessError as err:
            raise UnreadableFile(f"không dựng được ảnh trang {page}: {err.stderr.decode(errors='replace')[:200]}") \
                from err
        return image(out.with_suffix(".png"), deadline)


IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def read_image(path: Path, data: bytes) -> Reading:
    require()
    text, confidence = image(path, Deadline())
    return Reading(pages=[text], method="ocr", confidence=confidence, ocr_pages=[1])


FORMATS = [Format("image", (".png", ".jpg", ".jpeg", ".tif", ".tiff"), lambda path, head: head.startswith(IMAGES),
                  read_image, order=40, fonts=False, slow=True)]
