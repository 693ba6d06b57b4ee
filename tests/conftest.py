"""Shared fixtures: the bundled corpus indexed once into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import pipeline
from search_app import create_app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


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
