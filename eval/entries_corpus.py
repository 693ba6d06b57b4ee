"""The corpus the grouping is measured on, made in a scratch folder (no binaries are committed).

    python -m eval.entries_corpus --out /tmp/entries-eval/corpus

Copies ../shared/corpora/{fulltexts,office,province-scans} and the bundled corpus/, then adds the
deliberate copies an office makes of its files:
- every office file (Word, PDF with a text layer) also saved as a .txt of its text (copies/txt/);
- the short born-digital PDFs rendered by pdftoppm into image-only PDFs (copies/scan/), which the
  indexer can only read by OCR;
- the short Word files (at most 12 pages) printed to PDF as the office prints them (Chromium, A4, a Times-like serif
  at 13 pt) and that print rendered by pdftoppm into an image-only PDF (copies/scan/): the paper
  copy of a Word file, scanned back.
Writes known_pairs.json beside the corpus: the pairs that are one document (same bytes in
province-scans, a full text and an office file of the same number, each copy and its original).
"""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import subprocess
import tempfile
from itertools import combinations
from pathlib import Path

import click
from PIL import Image

from indexer.corpus import list_files, read_document
from indexer.entries.copies import MIN_WORDS
from indexer.readers.base import UnreadableFile

_ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" / "corpora" for p in (_ROOT.parent, _ROOT.parent.parent) if (p / "shared").is_dir()),
              _ROOT.parent / "shared" / "corpora")
RENDER_DPI = 200
MAX_RENDER_PAGES = 12  # OCR costs seconds a page (10-30 s here): the short PDFs and Word files only
WORD = {".doc", ".docx"}
_PRINT_CSS = ("@page{size:A4;margin:2cm 1.5cm 2cm 3cm}body{font:13pt 'Liberation Serif',serif}"
              "p{margin:0 0 .3em;white-space:pre-wrap}")
# The same decree held as a portal full text and as the VNLegal PDF (by their numbers).
FULLTEXT_OFFICE = {
    "fulltexts/dan_su/Nghị_định_102_2017_NÐ-CP.txt": "office/vnlegal-dataset/102_2017_ND-CP_332648.pdf",
    "fulltexts/dan_su/Nghị_định_19_2019_NĐ-CP.txt": "office/vnlegal-dataset/19_2019_ND-CP_386324.pdf",
    "fulltexts/dan_su/Nghị_định_21_2021_NĐ-CP.txt": "office/vnlegal-dataset/21_2021_ND-CP_468069.pdf",
    "fulltexts/dan_su/Nghị_định_82_2020_NĐ-CP.txt": "office/vnlegal-dataset/82_2020_ND-CP_392611.pdf",
}


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)


def _image_only(pdf: Path, out: Path) -> None:
    """pdftoppm's page images in one PDF with no text layer."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(RENDER_DPI), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        images = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p*.png"))]
        images[0].save(out, save_all=True, append_images=images[1:], resolution=RENDER_DPI,
                       creationDate=None, modDate=None)  # no dates: the same bytes each time, so the OCR cache holds


def _printed(browser, text: str, out: Path) -> int:
    """The text as the office prints it: one paragraph a line on A4; the number of pages."""
    page = browser.new_page()
    page.set_content("<!doctype html><meta charset=utf-8><style>" + _PRINT_CSS + "</style>"
                     + "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines()))
    page.pdf(path=str(out), format="A4", prefer_css_page_size=True)
    page.close()
    return _pages(out)


def _scan_of_print(browser, text: str, scan: Path) -> bool:
    """A Word file's printed pages scanned back (image-only) when it prints short; False when long."""
    with tempfile.TemporaryDirectory() as tmp:
        printed = Path(tmp) / "printed.pdf"
        if not 0 < _printed(browser, text, printed) <= MAX_RENDER_PAGES:
            return False
        _image_only(printed, scan)
    return True


def make(out: Path) -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            return _make(out, browser)
        finally:
            browser.close()


def _make(out: Path, browser) -> list[tuple[str, str]]:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SHARED / "fulltexts", out / "fulltexts", ignore=shutil.ignore_patterns("README.md"))
    shutil.copytree(SHARED / "office", out / "office", ignore=shutil.ignore_patterns("README.md", "*.tsv", "*.json"))
    shutil.copytree(SHARED / "province-scans", out / "province-scans",
                    ignore=shutil.ignore_patterns("README.md", "*.tsv"))
    shutil.copytree(_ROOT / "corpus", out / "bundled")
    pairs: list[tuple[str, str]] = list(FULLTEXT_OFFICE.items())
    by_digest: dict[str, list[str]] = {}
    for path in sorted((out / "province-scans").iterdir()):
        by_digest.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(f"province-scans/{path.name}")
    pairs += [pair for names in by_digest.values() for pair in combinations(names, 2)]
    (out / "copies" / "txt").mkdir(parents=True)
    (out / "copies" / "scan").mkdir(parents=True)
    kinds = dict(line.split("\t")[:2] for line in (SHARED / "office" / "FILES.tsv").read_text().splitlines()[1:])
    for path in list_files(out / "office"):
        name = path.relative_to(out).as_posix()
        if kinds.get(path.relative_to(out / "office").as_posix()) == "scanned":
            continue  # a scan: its copies are the other scans (and reading it here would OCR it)
        try:
            text = read_document(path)[0]
        except UnreadableFile:
            continue
        copy = out / "copies" / "txt" / f"{path.stem}.txt"
        copy.write_text(text, encoding="utf-8")
        pairs.append((name, copy.relative_to(out).as_posix()))
        if path.suffix.lower() == ".pdf" and _pages(path) <= MAX_RENDER_PAGES:
            scan = out / "copies" / "scan" / f"{path.stem}-scan.pdf"
            _image_only(path, scan)
            pairs.append((name, scan.relative_to(out).as_posix()))
        if path.suffix.lower() in WORD and len(text.split()) >= MIN_WORDS:
            scan = out / "copies" / "scan" / f"{path.stem}-scan.pdf"
            if _scan_of_print(browser, text, scan):
                pairs.append((name, scan.relative_to(out).as_posix()))
    (out.parent / "known_pairs.json").write_text(json.dumps(pairs, ensure_ascii=False, indent=1), encoding="utf-8")
    return pairs


@click.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("/tmp/entries-eval/corpus"))
def main(out: Path) -> None:
    pairs = make(out)
    click.echo(f"{len(list_files(out))} files in {out}; {len(pairs)} known pairs in {out.parent / 'known_pairs.json'}")


if __name__ == "__main__":
    main()
