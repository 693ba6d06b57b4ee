"""Printed A4 pages of documents, as Chromium prints them (page.pdf in print media).

    python -m eval.print_pages [--out DIR]

Indexes the bundled corpus plus Nghị định 123/2024/NĐ-CP (shared full texts) in a temporary
folder, serves it, prints a short letter and the decree, and prints each page count. With
--out, the PDFs and a PNG of each first and last page (pdftoppm) go to DIR, to be looked at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
DECREE = ROOT.parent / "shared" / "corpora" / "fulltexts" / "dat_dai" / "Nghị_định_123_2024_NĐ-CP.txt"
SHORT = "000_"  # the Bắc Kạn letter 2973/UBND-VXNV, first file of the bundled corpus


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@click.command()
@click.option("--out", type=click.Path(path_type=Path), default=None)
def main(out: Path | None) -> None:
    from playwright.sync_api import sync_playwright

    from indexer import pipeline
    from search_app import create_app
    from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS, serve_in_thread

    work = Path(tempfile.mkdtemp())
    corpus = work / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    shutil.copy(DECREE, corpus / DECREE.name)
    pipeline.build(corpus, work / "index")
    app = create_app({"INDEX_DIR": str(work / "index"), "CORPUS_DIR": str(corpus), "TESTING": True})
    url = serve_in_thread(app)
    client = app.test_client()
    hits = client.get("/api/search?q=123/2024/NĐ-CP&per_page=1").get_json()["hits"]
    short = next(h for h in client.get("/api/search?per_page=100").get_json()["hits"] if h["id"].startswith(SHORT))
    docs = {"short letter 2973/UBND-VXNV": short["url"], "decree 123/2024/NĐ-CP": hits[0]["url"]}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        page = browser.new_page()
        for name, path in docs.items():
            page.goto(url + path)
            page.emulate_media(media="print")
            pdf = (out or work) / (name.split()[-1].replace("/", "_") + ".pdf")
            pdf.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
            count = _pages(pdf)
            print(f"{name}: {count} A4 pages ({path})")
            if out:
                for number in sorted({1, count}):
                    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number),
                                    str(pdf), str(pdf.with_suffix("")) + f"-p{number}"], check=True)
        browser.close()
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
