"""Reading speed of office files: OCR pages per second, other files per second.

    python -m bench.office                        every file of ../shared/corpora/office, no cache
    python -m bench.office --ocr-pages 6          OCR only the first 6 scanned pages (quicker)

OCR runs here in this one process, one page after another, as a build worker
does: a build with N workers reads N files at once. Figures go to stdout.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from indexer.corpus import list_files, read_document
from indexer.readers import sniff
from indexer.readers.base import UnreadableFile
from indexer.readers.formats import ocr, pdf

_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = next((p / "shared" / "corpora" / "office" for p in (_ROOT.parent, _ROOT.parent.parent)
                       if (p / "shared").is_dir()), _ROOT.parent / "shared" / "corpora" / "office")


def _scanned(path: Path) -> list[int]:
    """Pages of a PDF that the reader would OCR."""
    layer = pdf.text_layer(path)
    scans = pdf.scanned_pages(path, len(layer))
    return [n for n, text in enumerate(layer, start=1) if n in scans and not pdf.holds_page_text(text)]


@click.command()
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True)
@click.option("--ocr-pages", type=int, default=0, help="OCR at most this many pages (0: all).")
def main(corpus: Path, ocr_pages: int) -> None:
    os.environ.pop("INDEXER_TEXT_CACHE", None)  # measure reading, not the cache
    files = list_files(corpus)
    other_seconds, other_files, other_bytes = 0.0, 0, 0
    ocr_jobs: list[tuple[Path, int]] = []
    for path in files:
        with open(path, "rb") as handle:
            kind = sniff.kind(path, handle.read(8192))
        scanned = _scanned(path) if kind == "pdf" else []
        if scanned:
            ocr_jobs += [(path, n) for n in scanned]
            continue
        started = time.perf_counter()
        try:
            read_document(path)
        except UnreadableFile as err:
            click.echo(f"  BỎ QUA {path.name}: {err}", err=True)
        other_seconds += time.perf_counter() - started
        other_files += 1
        other_bytes += path.stat().st_size
    click.echo(f"Word, PDF text layer, HTML: {other_files} files, {other_bytes / 1e6:.1f} MB in "
               f"{other_seconds:.2f} s = {other_files / other_seconds:.1f} files/s")
    if ocr_pages:
        ocr_jobs = ocr_jobs[:ocr_pages]
    if not ocr_jobs or not ocr.available():
        click.echo("OCR: no scanned page, or tesseract/poppler missing")
        return
    started = time.perf_counter()
    confidences = []
    for path, page in ocr_jobs:
        _, confidence = ocr.pdf_page(path, page, ocr.Deadline())
        if confidence is not None:
            confidences.append(confidence)
    seconds = time.perf_counter() - started
    click.echo(f"OCR ({ocr.DPI} dpi, tesseract {ocr.LANG}, one process): {len(ocr_jobs)} pages in {seconds:.1f} s = "
               f"{len(ocr_jobs) / seconds:.2f} pages/s ({seconds / len(ocr_jobs):.1f} s a page), "
               f"mean confidence {sum(confidences) / max(1, len(confidences)):.1f}")


if __name__ == "__main__":
    main()
