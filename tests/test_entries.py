"""One document, one entry (issue 21): a document held in several files, copies received or
forwarded (ids: tests/test_entries_ids.py; versions and titles: tests/test_entries_versions.py) — through the
indexer and the pages, as staff meet them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import pipeline
from indexer.corpus import list_files
from indexer.engine import SearchSpec, open_engine
from search_app import create_app

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "corpus" / "000_0f98641f82c5dfd6.txt").read_text(encoding="utf-8")
OTHER = (ROOT / "corpus" / "004_75835d91483e78d7.txt").read_text(encoding="utf-8")


def _client(corpus: Path, index: Path):
    return create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus), "TESTING": True}).test_client()


def _entries(index: Path) -> list[dict]:
    return list(pipeline.export_records(index))


def _by_source(index: Path) -> dict[str, dict]:
    """Each file's name → the entry holding it."""
    return {f["source"]: entry for entry in _entries(index) for f in entry["files"]}


# -- one document, several files; copies ------------------------------------------------------

def _copy_received(text: str) -> str:
    """The same letter as another office received it: its own addressee and receipt stamp."""
    return text.replace("Kính gửi:\n", "ĐẾN Số: 215 Ngày: 20/5/2021\nKính gửi:\n- Trung tâm Y tế huyện Ba Bể;\n", 1)


@pytest.fixture()
def copies(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "nhan").mkdir()
    (corpus / "nhan" / "cv-2973-ban-chuyen.txt").write_text(_copy_received(SEED), encoding="utf-8")
    (corpus / "nhan" / "cv-2973-email.md").write_text(SEED, encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    return corpus, tmp_path / "index"


def test_a_document_held_in_several_files_is_one_entry_with_every_original(copies: tuple[Path, Path]) -> None:
    corpus, index = copies
    entries = _entries(index)
    assert len(entries) == len(_entries_of_bundled()) , "three files of 2973/UBND-VXNV are one entry"
    entry = _by_source(index)["000_0f98641f82c5dfd6.txt"]
    sources = [f["source"] for f in entry["files"]]
    assert sorted(sources) == ["000_0f98641f82c5dfd6.txt", "nhan/cv-2973-ban-chuyen.txt", "nhan/cv-2973-email.md"]
    client = _client(corpus, index)
    page = client.get(f"/doc/{entry['id']}").get_data(as_text=True)
    assert "3 bản giống nhau" in page
    for f in entry["files"]:  # each original downloadable with its own provenance
        assert f"/doc/{f['id']}/source" in page
        response = client.get(f"/doc/{f['id']}/source")
        assert response.status_code == 200 and response.get_data(as_text=True).strip()[:40] in (
            (corpus / f["source"]).read_text(encoding="utf-8"))
        assert client.get(f"/doc/{f['id']}").status_code == 200  # a file's own id leads to its entry


def _entries_of_bundled() -> list[Path]:
    """The bundled corpus's documents: five files, six documents (one carries an attached notice)."""
    return [*list_files(ROOT / "corpus"), ROOT / "corpus" / "003_c722c5a340bb8371.txt"]


def test_copies_are_one_result_counted_once_with_their_own_recipients(copies: tuple[Path, Path]) -> None:
    corpus, index = copies
    engine = open_engine(index)
    result = engine.search(SearchSpec(limit=50))
    assert result.total == len(_entries_of_bundled())
    assert len({h.id for h in result.hits}) == len(result.hits)
    recipients = dict(result.facets["recipient"])
    assert recipients.get("Trung tâm Y tế huyện Ba Bể") == 1  # the forwarded copy's own recipient counts
    api = _client(corpus, index).get("/api/search?q=2973%2FUBND-VXNV").get_json()
    first = api["hits"][0]
    assert len(first["copies"]) == 2 and [h["id"] for h in api["hits"]].count(first["id"]) == 1
    page = _client(corpus, index).get("/?q=2973%2FUBND-VXNV").get_data(as_text=True)
    assert "3 bản giống nhau" in page


def test_two_letters_from_one_template_with_other_numbers_stay_two_entries(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SEED, encoding="utf-8")
    (corpus / "b.txt").write_text(SEED.replace("2973/UBND-VXNV", "2990/UBND-VXNV"), encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    assert len(_entries(tmp_path / "index")) == 2


def test_two_texts_under_one_number_issuer_and_date_stay_two_searchable_entries(tmp_path: Path) -> None:
    # GIVEN two articles of one decree as two files: the same number, issuer and date, other texts
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "tests" / "fixtures" / "phapdien", corpus, ignore=shutil.ignore_patterns("*.md", "qd-*"))
    pipeline.build(corpus, tmp_path / "index")
    # THEN each is an entry of its own, and the words of either article find it
    assert len(_entries(tmp_path / "index")) == 2
    client = _client(corpus, tmp_path / "index")
    for words, source in (("Tổng đội trưởng", "nd-12-2011-dieu-12.txt"),
                          ("từ 24 tháng trở lên", "nd-12-2011-dieu-5.txt")):
        hits = client.get("/api/search", query_string={"q": f'"{words}"'}).get_json()["hits"]
        assert [h["id"] for h in hits] == [_by_source(tmp_path / "index")[source]["id"]], words


def test_short_texts_under_one_long_header_are_told_apart_by_their_bodies(tmp_path: Path) -> None:
    # GIVEN two short articles of Quyết định 18/2005/QĐ-BGTVT under the same rebuilt header (their
    # whole texts alike: 0.61), and a copy of one as OCR reads it ('l' taken for '1')
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("qd-18-2005-dieu-2.txt", "qd-18-2005-dieu-3.txt"):
        shutil.copy(ROOT / "tests" / "fixtures" / "phapdien" / name, corpus / name)
    (corpus / "nhan").mkdir()
    copy = (corpus / "qd-18-2005-dieu-3.txt").read_text(encoding="utf-8").replace("liên quan", "1iên quan")
    (corpus / "nhan" / "dieu-3-ban-sao.txt").write_text(copy.replace("kiến nghị", "kiến nghi ."), encoding="utf-8")
    pipeline.build(corpus, tmp_path / "index")
    # THEN the two articles are two entries, each found by its own words; the copy joins its article
    by_source = _by_source(tmp_path / "index")
    assert len(_entries(tmp_path / "index")) == 2
    assert by_source["nhan/dieu-3-ban-sao.txt"]["id"] == by_source["qd-18-2005-dieu-3.txt"]["id"]
    client = _client(corpus, tmp_path / "index")
    for words, source in (("đăng Công báo", "qd-18-2005-dieu-2.txt"), ("Cục Đường sông", "qd-18-2005-dieu-3.txt")):
        hits = client.get("/api/search", query_string={"q": f'"{words}"'}).get_json()["hits"]
        assert [h["id"] for h in hits] == [by_source[source]["id"]], words


def test_the_text_shown_is_the_born_digital_one_not_the_ocr(tmp_path: Path) -> None:
    from indexer.entries import group, member_of
    from indexer.extract import extract_records

    scan = extract_records(SEED.replace("phòng", "ph0ng"), "scan", "scan.pdf")[0]
    scan.provenance = {"method": "ocr", "confidence": 81}
    word = extract_records(SEED, "word", "word.docx")[0]
    word.provenance = {"method": "docx"}
    [found] = group([member_of(scan), member_of(word)])
    assert [m.id for m, _ in found] == ["word", "scan"]


def test_deleting_one_file_keeps_the_entry_and_adding_one_joins_it(copies: tuple[Path, Path]) -> None:
    corpus, index = copies
    (corpus / "000_0f98641f82c5dfd6.txt").unlink()
    pipeline.update(corpus, index)
    entry = _by_source(index)["nhan/cv-2973-email.md"]
    assert sorted(f["source"] for f in entry["files"]) == ["nhan/cv-2973-ban-chuyen.txt", "nhan/cv-2973-email.md"]
    assert len(_entries(index)) == len(_entries_of_bundled())
    client = _client(corpus, index)
    assert client.get("/doc/000_0f98641f82c5dfd6").status_code == 404  # its file is gone
    (corpus / "nhan" / "cv-2973-email.md").unlink()
    (corpus / "nhan" / "cv-2973-ban-chuyen.txt").unlink()
    pipeline.update(corpus, index)
    assert len(_entries(index)) == len(_entries_of_bundled()) - 1
    (corpus / "lai.txt").write_text(SEED, encoding="utf-8")
    pipeline.update(corpus, index, only=["lai.txt"])
    (corpus / "lai-2.md").write_text(SEED, encoding="utf-8")
    pipeline.update(corpus, index, only=["lai-2.md"])
    entries = _entries(index)
    assert len(entries) == len(_entries_of_bundled())
    assert sorted(f["source"] for f in _by_source(index)["lai.txt"]["files"]) == ["lai-2.md", "lai.txt"]
