"""The tree shows the pipeline text → records → index → query → page (rules in tests/import_rules.py).

No stage imports a later one; nothing imports in a circle; only the Whoosh
engine (and eval/'s plain-Whoosh baseline) imports whoosh; the web app sees the
indexer only through its public faces and the engines never see how a record
was made; no module passes 400 lines and no package 12 modules; tests neither
import nor run bench/ or eval/. Each rule is run on the tree, then proven on a
temporary copy of it with one violation planted: the check must find it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests import import_rules as rules

ROOT = Path(__file__).resolve().parent.parent


# -- the tree keeps every rule -------------------------------------------------------------


def test_no_stage_imports_a_later_one() -> None:
    assert rules.backward_imports(ROOT) == []


def test_no_import_cycles() -> None:
    assert rules.cycles(ROOT) == []


def test_only_the_whoosh_engine_and_the_eval_baseline_import_whoosh() -> None:
    assert rules.whoosh_importers(ROOT) == []


def test_the_web_app_sees_the_indexer_only_through_its_public_faces() -> None:
    assert rules.app_reaches_inside_the_indexer(ROOT) == {}


def test_the_engines_never_import_how_a_record_was_made() -> None:
    assert rules.engine_reaches_extraction(ROOT) == {}


def test_no_module_is_over_the_line_limit() -> None:
    assert rules.long_modules(ROOT) == {}


def test_no_package_holds_more_than_twelve_modules() -> None:
    assert rules.crowded_packages(ROOT) == {}


def test_tests_neither_import_nor_run_bench_or_eval() -> None:
    assert rules.tests_use_the_yardsticks(ROOT) == {}


def test_only_tests_ci_reads_the_ci_variable() -> None:
    assert rules.ci_readers(ROOT) == []


# -- each rule finds a violation planted in a copy ---------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the tree's Python files, to plant violations in."""
    copy = tmp_path / "tree"
    for top in rules.TOPS:
        shutil.copytree(ROOT / top, copy / top,
                        ignore=lambda folder, names: [n for n in names if not n.endswith(".py")
                                                      and not (Path(folder) / n).is_dir()])
    return copy


def _plant(root: Path, relative: str, source: str, append: bool = False) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    before = path.read_text(encoding="utf-8") if append else ""
    path.write_text(before + "\n" + source + "\n", encoding="utf-8")


def test_a_relative_import_of_a_later_stage_is_found(tree: Path) -> None:
    _plant(tree, "indexer/text.py", "from .engine import whoosh", append=True)
    assert rules.backward_imports(tree) == [("indexer.text", "indexer.engine.whoosh")]


@pytest.mark.parametrize(("relative", "source", "found"), [
    ("search_app/query/plant.py", "from search_app.answer import service", ("search_app.query.plant", "search_app.answer.service")),
    ("search_app/answer/plant.py", "from search_app.pages import views", ("search_app.answer.plant", "search_app.pages.views")),
])
def test_the_query_answer_and_page_stages_import_only_backwards(tree: Path, relative: str, source: str,
                                                                found: tuple[str, str]) -> None:
    # a request moves one way: what was asked → the answer → the page that shows it
    _plant(tree, relative, source)
    assert rules.backward_imports(tree) == [found]


def test_a_cycle_between_modules_whose_names_share_a_prefix_is_found(tree: Path) -> None:
    # search_app.plant and search_app.plant_lex: a bare startswith took one for the other's package
    _plant(tree, "search_app/plant.py", "from search_app import plant_lex")
    _plant(tree, "search_app/plant_lex.py", "from . import plant")
    assert rules.cycles(tree) == [["search_app.plant", "search_app.plant_lex", "search_app.plant"]]


@pytest.mark.parametrize(("relative", "name"), [
    ("eval/plant.py", "eval.plant"),  # eval/ is covered, beyond its named baseline
    ("bench/plant.py", "bench.plant"),
    ("tests/test_plant.py", "tests.test_plant"),
    ("indexer/engine/whooshy.py", "indexer.engine.whooshy"),  # a name merely starting like the engine's
])
def test_whoosh_imported_outside_the_engine_is_found(tree: Path, relative: str, name: str) -> None:
    _plant(tree, relative, "def baseline():\n    from whoosh.qparser import QueryParser\n    return QueryParser")
    assert rules.whoosh_importers(tree) == [name]


def test_the_web_app_reaching_into_extraction_is_found(tree: Path) -> None:
    _plant(tree, "search_app/plant.py", "from indexer.extract import header")
    assert rules.app_reaches_inside_the_indexer(tree) == {"search_app.plant": ["indexer.extract.header"]}


def test_an_engine_reaching_back_into_extraction_is_found(tree: Path) -> None:
    _plant(tree, "indexer/engine/whoosh/plant.py", "from ...extract.header import find_body_start")
    assert rules.engine_reaches_extraction(tree) == {"indexer.engine.whoosh.plant": ["indexer.extract.header"]}


def test_a_long_module_anywhere_is_found(tree: Path) -> None:
    _plant(tree, "bench/plant.py", "\n".join(f"X{i} = {i}" for i in range(rules.MAX_LINES)))
    assert list(rules.long_modules(tree)) == ["bench.plant"]


def test_a_crowded_package_is_found(tree: Path) -> None:
    for i in range(rules.MAX_MODULES + 1):
        _plant(tree, f"search_app/plant/m{i}.py", "")
    _plant(tree, "search_app/plant/__init__.py", "")
    assert rules.crowded_packages(tree).get("search_app.plant") == rules.MAX_MODULES + 1


@pytest.mark.parametrize("source", [
    "import subprocess, sys\nsubprocess.run([sys.executable, '-m', 'bench.generate'])",
    "import runpy\nrunpy.run_module('eval.run')",
    "from eval import metrics",
    "from ..bench import generate",
])
def test_a_test_using_a_yardstick_is_found(tree: Path, source: str) -> None:
    _plant(tree, "tests/test_plant.py", source)
    assert list(rules.tests_use_the_yardsticks(tree)) == ["tests.test_plant"]


def test_a_test_reading_ci_itself_is_found(tree: Path) -> None:
    _plant(tree, "tests/test_plant.py", "import os\nIN_CI = os.environ.get('CI') == 'true'")
    assert rules.ci_readers(tree) == ["tests.test_plant"]
