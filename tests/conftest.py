"""Shared fixtures: the bundled corpus indexed once into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import pipeline
from search_app import create_app
from tests.hostile import HOSTILE

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: their servers run in threads of this process for the whole session, and a build
    forks its workers (indexer/isolation.py); SQLite in a child forked beside a live thread fails with
    'disk I/O error' (seen: test_feed's rebuild after tests/e2e). The indexer CLI never forks beside a server."""
    items.sort(key=lambda item: "/e2e/" in str(item.path))


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the bundled corpus, built once per test session (read-only use)."""
    root = tmp_path_factory.mktemp("index")
    pipeline.build(CORPUS, root)
    return root


@pytest.fixture(scope="session")
def app(corpus_index: Path):
    return create_app({"INDEX_DIR": str(corpus_index), "CORPUS_DIR": str(CORPUS), "TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus, for tests that add or break files."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


# -- the hostile collection (tests/hostile.py): markup in every field -----------------------

@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(CORPUS, corpus)
    shutil.copy(HOSTILE, corpus / HOSTILE.name)
    return corpus


@pytest.fixture(scope="module")
def hostile_app(hostile_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    index = tmp_path_factory.mktemp("hostile-index")
    report = pipeline.build(hostile_corpus, index)
    assert not report.errors
    return create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(hostile_corpus), "TESTING": True})


@pytest.fixture()
def hostile(hostile_app):
    return hostile_app.test_client()
