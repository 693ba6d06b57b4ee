"""An update that must read again an unchanged file of an entry it rewrites, and cannot (issue 21).

Adding or deleting one file of an entry makes the update compose the entry again from every file
it holds, so the unchanged ones are read again. When one of them cannot be read now (the disk
returns other bytes under the same size and time, a reader tool is gone, OCR runs out of time),
nothing already indexed may be lost: the entry keeps that file, with the text it had in the index,
and the update report says which file could not be read again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indexer import pipeline
from indexer.corpus import read_document
from indexer.engine import SearchSpec, open_engine
from search_app import create_app
from tests.office_fixtures import congvan_docx

NUMBER = "1234/UBND-VXNV"


def _entries_holding(index: Path, source: str) -> list[dict]:
    return [e for e in pipeline.export_records(index) if source in {f["source"] for f in e["files"]}]


def _spoil_unnoticed(path: Path) -> None:
    """Other bytes under the same size and modification time: the update takes the file as unchanged."""
    stat = path.stat()
    path.write_bytes(b"\0" * stat.st_size)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


@pytest.fixture()
def letter(tmp_path: Path) -> tuple[Path, Path]:
    """A công văn held as the Word file and the text sent by e-mail: one entry of two files."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    word = congvan_docx(corpus / "cv-1234.docx")
    (corpus / "cv-1234-email.txt").write_text(read_document(word)[0], encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    [entry] = _entries_holding(tmp_path / "index", "cv-1234.docx")
    assert len(entry["files"]) == 2
    return corpus, tmp_path / "index"


def _found(corpus: Path, index: Path) -> list[dict]:
    client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True}).test_client()
    return client.get("/api/search", query_string={"q": NUMBER}).get_json()["hits"]


def test_deleting_a_copy_keeps_the_entry_of_a_file_that_cannot_be_read_again(letter: tuple[Path, Path]) -> None:
    corpus, index = letter
    _spoil_unnoticed(corpus / "cv-1234.docx")
    (corpus / "cv-1234-email.txt").unlink()
    report = pipeline.update(corpus, index)
    [entry] = _entries_holding(index, "cv-1234.docx")  # still indexed, with the file that remains
    assert [f["source"] for f in entry["files"]] == ["cv-1234.docx"]
    assert entry["number"] == NUMBER and "sốt xuất huyết" in entry["text"]
    assert [h["id"] for h in _found(corpus, index)] == [entry["id"]]
    [said] = [f for f in report.files if f.name == "cv-1234.docx"]
    assert said.error is None and "không đọc lại được" in (said.warning or "")  # kept, and said so
    assert any("không đọc lại được" in n for n in entry["files"][0]["provenance"].get("notes", []))
    client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True}).test_client()
    page = client.get(f"/doc/{entry['id']}").get_data(as_text=True)
    assert "không đọc lại được" in page and "giữ văn bản đã lập chỉ mục" in page  # the page says so too


def test_a_new_copy_joins_the_entry_of_a_file_that_cannot_be_read_again(letter: tuple[Path, Path]) -> None:
    corpus, index = letter
    _spoil_unnoticed(corpus / "cv-1234.docx")
    (corpus / "nhan").mkdir()
    (corpus / "nhan" / "cv-1234-chuyen.txt").write_text((corpus / "cv-1234-email.txt").read_text(encoding="utf-8"),
                                                        encoding="utf-8")
    pipeline.update(corpus, index)
    [entry] = _entries_holding(index, "cv-1234.docx")
    assert sorted(f["source"] for f in entry["files"]) == ["cv-1234-email.txt", "cv-1234.docx", "nhan/cv-1234-chuyen.txt"]
    assert open_engine(index).search(SearchSpec(limit=10)).total == 1
    assert len(_found(corpus, index)) == 1


def test_a_file_read_again_later_takes_its_own_text_back(letter: tuple[Path, Path]) -> None:
    corpus, index = letter
    word = corpus / "cv-1234.docx"
    good = word.read_bytes()
    stat = word.stat()
    _spoil_unnoticed(word)
    (corpus / "cv-1234-email.txt").unlink()
    pipeline.update(corpus, index)
    word.write_bytes(good)
    os.utime(word, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    (corpus / "cv-1234-ban-sao.txt").write_text(read_document(word)[0], encoding="utf-8")
    report = pipeline.update(corpus, index)
    [entry] = _entries_holding(index, "cv-1234.docx")
    assert sorted(f["source"] for f in entry["files"]) == ["cv-1234-ban-sao.txt", "cv-1234.docx"]
    assert not any(f.warning or f.error for f in report.files)
    assert not any(f["provenance"].get("notes") for f in entry["files"])
