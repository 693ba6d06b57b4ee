"""Secrecy and urgency marks over every document in ../shared: none may be withheld (a script, not a test).

    python -m eval.marks [--ocr-cache /tmp/marks-ocr]

Reads the seeds, the full texts, the pháp điển articles, the legal-question
articles, the 40 office files (their text layers, Word and HTML) and the first page of
every scan (office and province-scans, OCRed once into the cache folder: the
stamp area is on page one). Prints how many documents were looked at, the
ones a secrecy mark would withhold (the target is none) and the urgency marks found.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from indexer.extract.stamps import secrecy_mark, urgency_mark
from indexer.readers import UnreadableFile

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _texts(ocr_cache: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpora/fulltexts").rglob("*.txt")):
        yield str(path.relative_to(SHARED)), path.read_text(encoding="utf-8", errors="replace")
    with gzip.open(SHARED / "corpora/phapdien/articles.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            yield f"phapdien/{article.get('anchor')}", f"{article.get('title', '')}\n{article.get('text', '')}"
    for line in (SHARED / "corpora/legal-questions/articles.jsonl").open(encoding="utf-8"):
        article = json.loads(line)
        yield f"legal-questions/{article.get('id', '')}", "\n".join(str(v) for v in article.values())
    yield from _office(ocr_cache)


def _office(ocr_cache: Path) -> Iterator[tuple[str, str]]:
    os.environ.setdefault("INDEXER_TEXT_CACHE", str(ocr_cache / "text-cache"))
    files = [p for folder in ("corpora/office", "corpora/province-scans") for p in sorted((SHARED / folder).rglob("*"))
             if p.is_file() and p.suffix.lower() not in (".md", ".tsv")]
    for path in files:
        name = str(path.relative_to(SHARED))
        try:
            yield name, _first_page(path, ocr_cache)
        except UnreadableFile as err:
            click.echo(f"  not read: {name}: {err}")


def _first_page(path: Path, ocr_cache: Path) -> str:
    """The text of a file's first page: its PDF layer when it holds the page's text, else OCR, or the reader's text."""
    from indexer import readers
    from indexer.corpus import file_digest
    from indexer.readers.formats import pdf

    layer = pdf.text_layer(path) if path.suffix.lower() == ".pdf" else []
    if layer and pdf.holds_page_text(layer[0]):
        return layer[0]
    if layer or path.suffix.lower() == ".pdf":
        return _first_page_ocr(path, ocr_cache)
    data = path.read_bytes()
    return readers.read(path, data, file_digest(data)).text


def _first_page_ocr(path: Path, cache: Path) -> str:
    from indexer.corpus import path_digest
    from indexer.readers.formats import ocr

    kept = cache / f"{path_digest(path)}.txt"
    if not kept.exists():
        cache.mkdir(parents=True, exist_ok=True)
        text, _ = ocr.pdf_page(path, 1, ocr.Deadline())
        kept.write_text(text, encoding="utf-8")
    return kept.read_text(encoding="utf-8")


@click.command()
@click.option("--ocr-cache", type=click.Path(path_type=Path), default=Path("var/marks-ocr"), show_default=True)
def main(ocr_cache: Path) -> None:
    looked, withheld, urgent = Counter(), [], Counter()
    for name, text in _texts(ocr_cache):
        looked[name.split("/")[1] if name.startswith("corpora/") else name.split("/")[0]] += 1
        mark = secrecy_mark(text)
        if mark:
            withheld.append((name, mark))
        found = urgency_mark(text)
        if found:
            urgent[found] += 1
            click.echo(f"  khẩn: {found:12} {name}")
    click.echo(f"documents looked at: {sum(looked.values())} ({dict(looked)})")
    click.echo(f"withheld (secrecy mark): {len(withheld)}")
    for name, mark in withheld:
        click.echo(f"  {mark}: {name}")
    click.echo(f"urgency marks: {dict(urgent)}")


if __name__ == "__main__":
    main()
