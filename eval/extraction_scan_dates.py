"""The scans' dates with and without the second reading of their blanks, side by side:
`python -m eval.extraction_scan_dates [--show]`.

A full OCR of the province scans takes 10+ minutes; the day and month of a date line are read
again from their word boxes only (indexer/readers/formats/ocr_digits.py). So this keeps
Tesseract's word table of each scan's first page (where the date line is) in
var/scan-word-cache (a diskcache, by file digest and rendering dpi), renders the page again
(pdftoppm, as the reader does) and reads the date of that page's text twice: from OCR's
words as they are, and after ocr_digits read the doubtful blanks again. A rule change in
ocr_digits is measured in about a minute. Gold: eval/scans_gold.json (split dev/test by sha256).
"""

from __future__ import annotations

import copy
import json
import subprocess
import tempfile
from pathlib import Path

import click
from diskcache import Cache

from eval.extraction import corpora_dir
from eval.extraction_scans import GOLD, ROOT, _record
from indexer.readers.formats import handwriting, ocr, ocr_digits, ocr_layout

WORDS = ROOT / "var" / "scan-word-cache"
FIGURES = ("month", "wrong_month", "day", "wrong_day")


def _first_page(pdf: Path, digest: str, words: Cache, folder: Path) -> tuple[dict, Path]:
    """Tesseract's word table of page 1 (cached) and the page's picture, rendered as ocr.pdf_page does."""
    import pytesseract

    dpi = ocr.page_dpi(pdf, 1)
    picture = folder / digest
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(picture)], check=True, capture_output=True)
    data = words.get((digest, dpi))
    if data is None:
        data = pytesseract.image_to_data(str(picture.with_suffix(".png")), lang=ocr.LANG,
                                         output_type=pytesseract.Output.DICT)
        words.set((digest, dpi), data)
    return data, picture.with_suffix(".png")


def _read_again(data: dict, png: Path, log: list[str]) -> dict:
    from PIL import Image

    data = copy.deepcopy(data)
    with Image.open(png) as picture:
        picture.load()

        def read(box: ocr_digits.Box, ways: list[ocr_digits.Way]) -> list[str]:
            readings = ocr.read_digits(picture, box, ways, ocr.Deadline(120))
            log.append(f"{box}: {[r.strip() for r in readings]}")
            return readings

        def hand(gap: ocr_digits.Box) -> str | None:
            value = handwriting.read(picture, gap)
            log.append(f"hand {gap}: {value}")
            return value

        ocr_digits.reread(data, ocr_digits.date_blanks(data), read, hand)
    return data


def _scores(text: str, name: str, want: str) -> dict[str, bool]:
    record = _record(text, name)
    day_precise = bool(record.date) and record.date_precision != "month"
    return {"month": bool(record.date) and record.date[:7] == want[:7],
            "wrong_month": bool(record.date) and record.date[:7] != want[:7],
            "day": day_precise and record.date == want, "wrong_day": day_precise and record.date != want}


@click.command()
@click.option("--show", is_flag=True, help="Also each file's date line and the readings of its blanks.")
def main(show: bool) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["files"]
    corpus = corpora_dir() / "province-scans"
    counts = {(mode, split): dict.fromkeys(("files", *FIGURES), 0)
              for mode in ("ocr", "again") for split in ("dev", "test", "all")}
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="scan-dates-") as tmp, Cache(str(WORDS)) as words:
        tables: dict[str, tuple[dict, Path]] = {}
        for name, want in sorted(gold.items()):
            digest = want["sha256"]
            if digest not in tables:  # one document uploaded under several names: read once
                tables[digest] = _first_page(corpus / name, digest, words, Path(tmp))
            data, png = tables[digest]
            log: list[str] = []
            for mode, table in (("ocr", data), ("again", _read_again(data, png, log))):
                text, _ = ocr_layout.lines_and_confidence(table)
                scores = _scores(text, name, want["date"])
                for split in (want["split"], "all"):
                    counts[mode, split]["files"] += 1
                    for key in FIGURES:
                        counts[mode, split][key] += scores[key]
                if show and mode == "again":
                    line = next((ln for ln in text.splitlines() if "tháng" in ln and "năm" in ln), "")
                    lines.append(f"- {want['split']} {name}: gold {want['date']}; {line!r}; {'; '.join(log)}")
    click.echo("| first pages | OCR's words: dev | test | all | read again: dev | test | all |")
    click.echo("|---|---|---|---|---|---|---|")
    labels = {"month": "month right", "wrong_month": "wrong month shown", "day": "day right",
              "wrong_day": "wrong day shown"}
    for key, label in labels.items():
        cells = [f"{c[key]}/{c['files']}" for c in counts.values()]
        click.echo(f"| {label} | " + " | ".join(cells) + " |")
    if lines:
        click.echo("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
