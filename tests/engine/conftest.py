"""The engine contract's fixtures: every test in tests/engine/ runs on every implementation.

`engine_factory(records)` builds a fresh collection of those records and
returns (Engine, location); `writer_factory(location, fresh)` opens a writer
on it. Implementations are listed in IMPLEMENTATIONS; a second engine adds
itself by a fixture module next to this one named `conftest_<name>.py`
defining `available() -> str | None` (None when it can run, else why not:
the tests then skip with that message outside CI and fail in CI) and
`location(tmp_path) -> str | Path`, e.g. tests/engine/conftest_opensearch.py.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from indexer.engine import Engine, Writer, open_engine, open_writer
from indexer.record import Record
from tests.ci import missing

IMPLEMENTATIONS = ["whoosh", *sorted(p.stem.removeprefix("conftest_") for p in Path(__file__).parent.glob("conftest_*.py"))]


def _whoosh_location(tmp_path: Path) -> Path:
    return tmp_path / "index"


def _hooks(kind: str) -> tuple[Callable[[], str | None], Callable[[Path], Any]]:
    if kind == "whoosh":
        return (lambda: None), _whoosh_location
    module = importlib.import_module(f"tests.engine.conftest_{kind}")
    return module.available, module.location


@pytest.fixture(params=IMPLEMENTATIONS)
def kind(request: pytest.FixtureRequest) -> str:
    why_not = _hooks(request.param)[0]()
    if why_not:
        missing(f"{request.param}: {why_not}")
    return request.param


Factory = Callable[[Iterable[Record]], tuple[Engine, Any]]


@pytest.fixture()
def engine_factory(kind: str, tmp_path: Path) -> Factory:
    """Build a fresh collection of `records`; returns the engine opened on it and its location."""
    opened: list[Engine] = []

    def make(records: Iterable[Record]) -> tuple[Engine, Any]:
        location = _hooks(kind)[1](tmp_path / f"c{len(opened)}")
        with open_writer(location, fresh=True, kind=kind) as writer:
            writer.add(list(records))
        engine = open_engine(location, kind=kind)
        opened.append(engine)
        return engine, location

    yield make
    for engine in opened:
        engine.close()


@pytest.fixture()
def writer_factory(kind: str) -> Callable[..., Writer]:
    return lambda location, fresh=False: open_writer(location, fresh=fresh, kind=kind)


@pytest.fixture()
def reopen(kind: str) -> Callable[[Any], Engine]:
    return lambda location: open_engine(location, kind=kind)
