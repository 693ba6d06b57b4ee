"""Ids that never collide (issue 21): two files never share an id, the seeds' ids stay as they were,
and a link saved with the id a file had before still leads to its document."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import pipeline
from indexer.corpus import record_id
from search_app import create_app
from tests.office_fixtures import congvan_docx

ROOT = Path(__file__).resolve().parent.parent
OTHER = (ROOT / "corpus" / "004_75835d91483e78d7.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("names", [
    ("qd-1373-bkhdt.docx", "qd-1373-bkhdt.pdf"),  # the same stem in two formats (the case)
    ("qd-1373-bkhdt.txt", "qd-1373-bkhdt.md"),
    ("phong-a/cv-12.txt", "phong-b/cv-12.txt"),  # the same name in two folders
    ("Quyết định 12.txt", "Quyet dinh 12.txt"),  # names that fold alike
    ("bao-cao-2.txt", "bao-cao.txt"),  # a file named like the second record of another ("<id>-2")
])
def test_two_files_never_share_an_id(names: tuple[str, str]) -> None:
    first, second = names
    assert record_id(first) != record_id(second)
    assert record_id(first) != f"{record_id(second)}-2"


def test_the_seed_style_ids_stay_as_they_were() -> None:
    assert record_id("000_0f98641f82c5dfd6.txt") == "000_0f98641f82c5dfd6"


def test_a_word_file_and_another_of_the_same_name_each_serve_their_own_original(tmp_path: Path) -> None:
    """The issue's case: qd-1373-bkhdt.docx beside qd-1373-bkhdt.pdf (here another document in the PDF's
    place, an HTML page) — the .docx's original came back as the other file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    congvan_docx(corpus / "qd-1373-bkhdt.docx")
    (corpus / "qd-1373-bkhdt.html").write_text(f"<html><body><pre>{OTHER}</pre></body></html>", encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    client = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus),
                         "TESTING": True}).test_client()
    word = client.get(f"/doc/{record_id('qd-1373-bkhdt.docx')}/source")
    assert word.status_code == 200 and "wordprocessingml" in word.headers["Content-Type"]
    page = client.get(f"/doc/{record_id('qd-1373-bkhdt.html')}/source")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    # the id both files had before still leads to one of them, not to a 404
    old = client.get("/doc/qd-1373-bkhdt?q=y+t%E1%BA%BF")
    assert old.status_code == 301
    assert old.headers["Location"].startswith("/doc/qd-1373-bkhdt-") and "q=" in old.headers["Location"]
    assert client.get("/doc/qd-1373-bkhdt", follow_redirects=True).status_code == 200
    assert client.get("/doc/qd-1373-bkhdt-00000000").status_code == 404
