"""The tree shows the pipeline text → records → index → query → page.

Read from the source with `ast` (nothing is imported): which module imports
which, so that no stage imports a later one, nothing imports in a circle,
only the engine package touches Whoosh, the web app sees the indexer only
through its public faces, no module passes 400 lines, and tests import
neither bench/ nor eval/.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("indexer", "search_app")
MAX_LINES = 400
# The stages, earliest first; a module belongs to the first prefix that names it.
STAGES = [
    ("text", ("indexer.text", "indexer.segment", "indexer.processes", "indexer.limits")),
    ("records", ("indexer.extract", "indexer.names", "indexer.facets", "indexer.topics", "indexer.vocab", "indexer.record",
                 "indexer.corpus", "indexer.readers", "indexer.paper", "indexer.isolation", "indexer.filestate")),
    ("index", ("indexer.engine", "indexer.pipeline", "indexer.__main__", "indexer")),
    ("query", ("search_app.query", "search_app.query_lex", "search_app.query_hints", "search_app.query_words",
               "search_app.syllable",
               "search_app.spelling", "search_app.snippets")),
    ("page", ("search_app",)),
]
# What search_app may import of the indexer: the engine's interface (not an implementation), text, data, records.
APP_MAY_IMPORT = {"indexer.engine", "indexer.engine.base", "indexer.text", "indexer.vocab", "indexer.record",
                  "indexer.facets",  # the facet table: names, labels, order
                  "indexer.segment",  # pyvi: which typed syllables form one word, for - and OR
                  "indexer.paper",  # a text's NĐ 30/2020 paper layout, for the document page and print
                  "indexer.filestate",  # the admin page lists the files failed or withheld
                  "indexer.readers.registry",  # an original whose format changed since it was indexed: 409
                  "indexer.processes",  # web workers end with their parent, as build workers do
                  "indexer.engine.cli",  # --engine/--opensearch-url, shared by both command lines
                  "indexer.number_forms",  # a document number's typed forms, read alike when indexed and typed
                  "indexer.abbreviations"}  # agency abbreviations typed in a box, one function for every box


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources(*tops: str) -> Iterator[tuple[str, Path]]:
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            yield _module_name(path), path


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(path: Path) -> set[str]:
    """Modules imported anywhere in the file (functions included), but under `if TYPE_CHECKING:`;
    `from a import b` counts as a.b when that is one of our modules, else as a."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for block in ast.walk(tree) if _type_checking(block) for n in ast.walk(block)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                inner = f"{node.module}.{alias.name}"
                found.add(inner if inner in MODULES else node.module)
    return found


MODULES = {name for name, _ in _sources(*PACKAGES)}


def _graph() -> dict[str, set[str]]:
    return {name: {m for m in _imports(path) if m in MODULES and m != name} for name, path in _sources(*PACKAGES)}


def _stage(module: str) -> int:
    for rank, (_, prefixes) in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES")


def test_no_stage_imports_a_later_one() -> None:
    backwards = [(m, i) for m, imported in _graph().items() for i in imported if _stage(i) > _stage(m)]
    assert backwards == []


def test_no_import_cycles() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1 on the path, 2 done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # a package importing its own submodule (indexer.engine → indexer.engine.base) is not a cycle of code
    real = [c for c in cycles if not all(c[0].startswith(m) or m.startswith(c[0]) for m in c)]
    assert real == []


def test_only_the_engine_package_imports_whoosh() -> None:
    offenders = [name for name, path in _sources(*PACKAGES, "tests", "bench")
                 if any(m == "whoosh" or m.startswith("whoosh.") for m in _imports(path))
                 and not name.startswith("indexer.engine.whoosh")]
    assert offenders == []


def test_the_web_app_sees_the_indexer_only_through_its_public_faces() -> None:
    wrong = {name: sorted(m for m in _imports(path) if m.split(".")[0] == "indexer" and m not in APP_MAY_IMPORT
                          and not m.startswith("indexer.data"))
             for name, path in _sources("search_app")}
    assert {name: found for name, found in wrong.items() if found} == {}


@pytest.mark.parametrize("top", [*PACKAGES, "tests", "bench", "eval"])
def test_no_module_is_over_the_line_limit(top: str) -> None:
    long = {name: n for name, path in _sources(top) if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_tests_import_neither_bench_nor_eval() -> None:
    offenders = {name: sorted(m for m in _imports(path) if m.split(".")[0] in ("bench", "eval"))
                 for name, path in _sources("tests")}
    assert {name: found for name, found in offenders.items() if found} == {}
