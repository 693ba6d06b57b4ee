"""Office files read for real: how each of ../shared/corpora/office was read, and was it right.

    python -m eval.office                       per file: reader, pages, OCR confidence, characters,
                                                number / issuer / date against eval/office/gold.json
    python -m eval.office --compare             + PDF libraries and .doc tools side by side
    python -m eval.office --ocr-accuracy        + OCR character accuracy: rendered born-digital pages
                                                against their text layer, and the hand transcripts
                                                of eval/office/transcripts/ against OCR of those pages
    --cache DIR   OCR texts are kept there by file digest (default var/office-text-cache): the
                  first run OCRs the 18 scans (minutes), the next ones read the cache.

Character accuracy is 1 − Levenshtein distance / reference length, on NFC text with runs of
white space made one space.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
import unicodedata
from pathlib import Path

import click

from indexer.corpus import read_document
from indexer.extract import extract_records
from indexer.readers import legacy
from indexer.readers.base import UnreadableFile
from indexer.readers.formats import doc, ocr, pdf
from indexer.text import fold

HERE = Path(__file__).parent / "office"
_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = next((p / "shared" / "corpora" / "office" for p in (_ROOT.parent, _ROOT.parent.parent)
                       if (p / "shared").is_dir()), _ROOT.parent / "shared" / "corpora" / "office")


def _key(value: str | None) -> str:
    return re.sub(r"\s+", " ", fold(value or "").lower()).strip()


def _fields_right(text: str, name: str, gold: dict, scanned: bool = False) -> dict[str, bool]:
    """Is the first record's number, issuer and date the gold one (null gold: nothing claimed)?
    `scanned`: the text is OCR's, as the indexer tells the extractor (its numbers are checked)."""
    records = extract_records(text, "x", name, scanned=scanned)
    got = records[0] if records else None
    number = got.number if got else None
    issuer = got.issuer if got else None
    date = got.date if got else None
    issuers = {_key(i) for i in (gold["issuer"] or [])}
    return {
        "number": _key(number) == _key(gold["number"]) if gold["number"] else number is None,
        "issuer": _key(issuer) in issuers if issuers else issuer is None,
        "date": date == gold["date"] if gold["date"] else date is None,
    }


def per_file(corpus: Path, gold: dict) -> list[str]:
    lines = ["| file | read as | pages (OCR) | OCR conf. | characters | seconds | number | issuer | date |",
             "|---|---|---|---|---|---|---|---|---|"]
    totals = {"number": 0, "issuer": 0, "date": 0}
    for name in sorted(k for k in gold if not k.startswith("_")):
        started = time.monotonic()
        try:
            text, _, prov = read_document(corpus / name)
        except UnreadableFile as err:
            lines.append(f"| {name} | BỎ QUA: {err} | | | | | | | |")
            continue
        seconds = time.monotonic() - started
        right = _fields_right(text, name, gold[name], scanned=bool(prov.get("ocr_pages")))
        for field, ok in right.items():
            totals[field] += ok
        ocr_pages = len(prov.get("ocr_pages", []))
        conf = f"{prov['confidence']:.1f}" if "confidence" in prov else ""
        marks = " | ".join("✓" if right[f] else "✗" for f in ("number", "issuer", "date"))
        lines.append(f"| {name} | {prov['method']}{' ' + prov['encoding'] if 'encoding' in prov else ''} | "
                     f"{prov['pages']} ({ocr_pages}) | {conf} | {len(text):,} | {seconds:.1f} | {marks} |")
    count = len([k for k in gold if not k.startswith("_")])
    lines.append("")
    lines.append(f"Right on {count} files: number {totals['number']}, issuer {totals['issuer']}, "
                 f"date {totals['date']} (a file with no number, issuer or date is right when none is claimed).")
    return lines


def compare(corpus: Path, gold: dict) -> list[str]:
    lines = ["", "## PDF libraries on the born-digital PDFs", "",
             "| library | Vietnamese syllables | number | issuer | date | seconds |", "|---|---|---|---|---|---|"]
    born = sorted(k for k in gold if k.startswith("vnlegal-dataset/"))
    doc_magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    scores: dict[str, list[float]] = {}
    for name in born:
        for library, text in _timed_texts(corpus / name).items():
            right = _fields_right(text[0], name, gold[name])
            row = scores.setdefault(library, [0.0, 0, 0, 0, 0.0])
            row[0] += legacy.syllable_share(text[0], sample=100_000) / len(born)
            row[1] += right["number"]
            row[2] += right["issuer"]
            row[3] += right["date"]
            row[4] += text[1]
    for library, (share, number, issuer, date, seconds) in scores.items():
        lines.append(f"| {library} | {share:.4f} | {number}/{len(born)} | {issuer}/{len(born)} | "
                     f"{date}/{len(born)} | {seconds:.1f} |")
    lines += ["", "## .doc tools on the Word 97 files", "",
              "| tool | letters | Vietnamese syllables | number | issuer | date |", "|---|---|---|---|---|---|"]
    docs = [k for k in sorted(gold) if k.lower().endswith(".doc") and (corpus / k).read_bytes()[:8] == doc_magic]
    for tool in ("catdoc", "antiword"):
        letters, share, right_sum = 0, 0.0, {"number": 0, "issuer": 0, "date": 0}
        for name in docs:
            text = doc.read(corpus / name, (tool,)).text
            letters += sum(ch.isalpha() for ch in text)
            share += legacy.syllable_share(text, sample=100_000) / len(docs)
            for field, ok in _fields_right(text, name, gold[name]).items():
                right_sum[field] += ok
        lines.append(f"| {tool} | {letters:,} | {share:.4f} | {right_sum['number']}/{len(docs)} | "
                     f"{right_sum['issuer']}/{len(docs)} | {right_sum['date']}/{len(docs)} |")
    return lines


def _timed_texts(path: Path) -> dict[str, tuple[str, float]]:
    out = {}
    for library in ("pdftotext (poppler)", "pdfminer.six", "pypdf"):
        started = time.monotonic()
        out[library] = (_pdf_texts_one(path, library), 0.0)
        out[library] = (out[library][0], time.monotonic() - started)
    return out


def _pdf_texts_one(path: Path, library: str) -> str:
    if library.startswith("pdftotext"):
        return "\n".join(pdf.text_layer(path))
    if library == "pdfminer.six":
        from pdfminer.high_level import extract_text

        return extract_text(str(path))
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def accuracy(ocr_text: str, reference: str) -> tuple[float, float]:
    """(line-matched, whole-page) character accuracy of OCR text against a reference.

    Line-matched: each reference line against its best-aligned stretch of the OCR text, so
    reading order (two header columns read across) and stray stamps do not count, only the
    characters. Whole-page: one Levenshtein distance over the page, order included. Lines
    without a letter or digit (the rules "-------", "******" under a header) are not text.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    reference = "\n".join(line for line in reference.splitlines() if any(ch.isalnum() for ch in line))
    hay = _norm(ocr_text)
    errors = total = 0
    for raw in reference.splitlines():
        line = _norm(raw)
        if not line:
            continue
        found = fuzz.partial_ratio_alignment(line, hay)
        errors += Levenshtein.distance(line, hay[found.dest_start:found.dest_end]) if found else len(line)
        total += len(line)
    ref = _norm(reference)
    return 1 - errors / max(1, total), 1 - Levenshtein.distance(hay, ref) / max(1, len(ref))


def ocr_accuracy(corpus: Path, gold: dict) -> list[str]:
    lines = ["", "## OCR character accuracy", "",
             "Born-digital pages rendered at 300 dpi, OCR against the page's text layer:", "",
             "| page | characters | accuracy (line-matched) | accuracy (whole page) |", "|---|---|---|---|"]
    sums = [0, 0.0, 0.0]
    for name in sorted(k for k in gold if k.startswith("vnlegal-dataset/")):
        path = corpus / name
        layer = pdf.text_layer(path)[0]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "p"
            subprocess.run(["pdftoppm", "-r", str(ocr.DPI), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
                            str(path), str(out)], check=True)
            text, _ = ocr.image(out.with_suffix(".png"), ocr.Deadline())
        lines.append(_accuracy_row(f"{name} p1", text, layer, sums))
    lines.append(_total_row(sums))
    lines += ["", "Scanned pages transcribed by hand (eval/office/transcripts/), against OCR of the page:", "",
              "| page | characters | accuracy (line-matched) | accuracy (whole page) |", "|---|---|---|---|"]
    sums = [0, 0.0, 0.0]
    for transcript in sorted((HERE / "transcripts").glob("*.txt")):
        source, page = json.loads(transcript.with_suffix(".json").read_text(encoding="utf-8")).values()
        reference = transcript.read_text(encoding="utf-8")
        text, _ = ocr.pdf_page(corpus / source, page, ocr.Deadline())
        lines.append(_accuracy_row(f"{source} p{page}", text, reference, sums))
    lines.append(_total_row(sums))
    return lines


def _accuracy_row(label: str, text: str, reference: str, sums: list) -> str:
    """A table row; `sums` gathers characters and errors for the total (weighted by characters)."""
    chars = len(_norm("\n".join(line for line in reference.splitlines() if any(ch.isalnum() for ch in line))))
    by_line, whole = accuracy(text, reference)
    sums[0] += chars
    sums[1] += (1 - by_line) * chars
    sums[2] += (1 - whole) * chars
    return f"| {label} | {chars:,} | {by_line:.2%} | {whole:.2%} |"


def _total_row(sums: list) -> str:
    chars = max(1, sums[0])
    return f"| all | {sums[0]:,} | {1 - sums[1] / chars:.2%} | {1 - sums[2] / chars:.2%} |"


@click.command()
@click.option("--corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS, show_default=True)
@click.option("--cache", type=click.Path(path_type=Path), default=Path("var/office-text-cache"), show_default=True)
@click.option("--compare", "do_compare", is_flag=True, help="Also compare PDF libraries and .doc tools.")
@click.option("--ocr-accuracy", "do_accuracy", is_flag=True, help="Also measure OCR character accuracy.")
def main(corpus: Path, cache: Path, do_compare: bool, do_accuracy: bool) -> None:
    os.environ.setdefault("INDEXER_TEXT_CACHE", str(cache))
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    lines = ["# Office files: how each was read", "", f"Corpus: {corpus}", ""] + per_file(corpus, gold)
    if do_compare:
        lines += compare(corpus, gold)
    if do_accuracy:
        lines += ocr_accuracy(corpus, gold)
    click.echo("\n".join(lines))


if __name__ == "__main__":
    main()
