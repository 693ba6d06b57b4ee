"""The rules of the tree, as checks over any copy of it (tests/test_architecture.py runs them).

Read from the source with `ast` (nothing is imported). Every import is resolved
to a whole module name: `from .engine import whoosh` in `indexer/text.py` is
`indexer.engine.whoosh`, `from indexer.words import vocab` is `indexer.words.vocab`.
Names are compared whole (`search_app.plant` is not `search_app.plant_lex`).
Each check takes the tree's root and returns what breaks its rule, so a test
can plant a violation in a temporary copy and see the check find it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

PACKAGES = ("common", "indexer", "search_app")
TOPS = (*PACKAGES, "tests", "bench", "eval")
MAX_LINES = 400
MAX_MODULES = 12  # per package under indexer/ and search_app/
# The stages, earliest first; a module belongs to the first entry that names it or a package holding it.
STAGES = [
    ("text", ("indexer.text", "indexer.words.segment", "common", "indexer.limits")),
    ("records", ("indexer.extract", "indexer.words", "indexer.facets", "indexer.topics", "indexer.record",
                 "indexer.corpus", "indexer.readers", "indexer.isolation", "indexer.filestate",
                 "indexer.entries")),
    ("index", ("indexer.engine", "indexer.pipeline", "indexer.__main__", "indexer")),
    ("query", ("search_app.query",)),
    ("answer", ("search_app.answer",)),  # the search and what surrounds it, before how a page shows it
    ("page", ("search_app",)),
]
# What search_app may import of the indexer: the engine's interface (not an implementation), text, data, records.
APP_MAY_IMPORT = {"indexer.engine", "indexer.engine.base", "indexer.text", "indexer.words.vocab", "indexer.record",
                  "indexer.facets",  # the facet table: names, labels, order
                  "indexer.words.segment",  # pyvi: which typed syllables form one word, for - and OR
                  # the paper layout (search_app/pages/paper.py) reads a text's parts as extraction does
                  # (where the header ends, the motto, a signer's name): through the package's face only
                  "indexer.extract",
                  "indexer.filestate",  # the admin page lists the files failed or withheld
                  "indexer.readers.registry",  # an original whose format changed since it was indexed: 409
                  "indexer.engine.cli",  # --engine/--opensearch-url, shared by both command lines
                  "indexer.words.number_forms",  # a document number's typed forms, read alike when indexed and typed
                  "indexer.words.abbreviations"}  # agency abbreviations typed in a box, one function for every box
# What the engines may import of the rest of the indexer: records and how text is cut, never how a
# record was made (extraction, readers): what the index needs from extraction is on the Record.
ENGINE = "indexer.engine"
ENGINE_MAY_IMPORT = {"indexer.record", "indexer.facets", "indexer.words.number_forms", "indexer.text",
                     "indexer.words.segment", "indexer.words.vocab"}
# Whoosh is imported by the Whoosh engine only, and by the yardsticks' plain-Whoosh baseline: eval/
# compares our ranking with Whoosh out of the box (its own schema, its query parser), which the engine
# boundary cannot express, so these modules build that baseline themselves.
WHOOSH_OWNER = "indexer.engine.whoosh"
WHOOSH_BASELINES = {"eval/systems.py", "eval/question_systems.py"}  # as files: no test names a yardstick module
YARDSTICKS = ("bench", "eval")
CI_MODULE = "tests.ci"


def inside(module: str, package: str) -> bool:
    """`module` is `package` or one of its submodules (whole names: a.b is inside a, a_b is not)."""
    return module == package or module.startswith(package + ".")


@cache
def modules(root: Path, tops: tuple[str, ...] = TOPS) -> dict[str, Path]:
    """Module name → file, for every Python file under the given top folders."""
    out = {}
    for top in tops:
        for path in sorted((root / top).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _parsed(path: Path) -> tuple[ast.AST, set[int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for block in ast.walk(tree) if _type_checking(block) for n in ast.walk(block)}
    return tree, skipped


def _base(name: str, path: Path, level: int) -> str:
    """The package a relative import of this level starts from."""
    parts = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    return ".".join(parts[:len(parts) - (level - 1)] if level > 1 else parts)


def imports(root: Path, name: str) -> set[str]:
    """Whole module names imported anywhere in the module (functions too), but under `if TYPE_CHECKING:`.

    `from a import b` counts as `a.b` when that is one of our modules, else as `a`;
    relative imports are resolved against the module's package."""
    known = modules(root)
    path = known[name]
    tree, skipped = _parsed(path)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _base(name, path, node.level)
                base = f"{package}.{base}" if base and package else (base or package)
            for alias in node.names:
                inner = f"{base}.{alias.name}" if base else alias.name
                found.add(inner if inner in known else base)
    return {m for m in found if m}


def _stage(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(STAGES):
        if any(inside(module, p) for p in prefixes):
            return rank
    return None


def graph(root: Path) -> dict[str, set[str]]:
    """Our packages' modules → the modules of ours they import."""
    mine = modules(root, PACKAGES)
    return {name: {m for m in imports(root, name) if m in mine and m != name} for name in mine}


def backward_imports(root: Path) -> list[tuple[str, str]]:
    """(module, a module of a later stage it imports)."""
    return sorted((m, i) for m, imported in graph(root).items() for i in imported
                  if (_stage(i) or 0) > (_stage(m) or 0))


def cycles(root: Path) -> list[list[str]]:
    """Import cycles. A package's __init__ importing its own submodules (to offer their names) is
    left out of the graph: it is the package's face, not a dependency of code on code."""
    full = graph(root)
    init = {name for name, path in modules(root, PACKAGES).items() if path.name == "__init__.py"}
    edges = {m: {i for i in imported if not (m in init and inside(i, m))} for m, imported in full.items()}
    state: dict[str, int] = {}  # 1 on the path, 2 done
    found: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                found.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def whoosh_importers(root: Path) -> list[str]:
    """Modules anywhere (packages, tests, bench, eval) that import whoosh but may not."""
    return [name for name in modules(root)
            if any(inside(m, "whoosh") for m in imports(root, name))
            and not inside(name, WHOOSH_OWNER) and _file(root, name) not in WHOOSH_BASELINES]


def _file(root: Path, name: str) -> str:
    return modules(root)[name].relative_to(root).as_posix()


def app_reaches_inside_the_indexer(root: Path) -> dict[str, list[str]]:
    """search_app modules → the indexer modules they import that are not its public faces."""
    wrong = {name: sorted(m for m in imports(root, name) if inside(m, "indexer") and m not in APP_MAY_IMPORT)
             for name in modules(root, ("search_app",))}
    return {name: found for name, found in wrong.items() if found}


def engine_reaches_extraction(root: Path) -> dict[str, list[str]]:
    """Engine modules → the indexer modules outside the engine they import that make records."""
    wrong = {name: sorted(m for m in imports(root, name) if inside(m, "indexer") and not inside(m, ENGINE)
                          and m not in ENGINE_MAY_IMPORT)
             for name in modules(root, PACKAGES) if inside(name, ENGINE)}
    return {name: found for name, found in wrong.items() if found}


def long_modules(root: Path) -> dict[str, int]:
    return {name: n for name, path in modules(root).items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}


def crowded_packages(root: Path) -> dict[str, int]:
    """Packages under indexer/ and search_app/ holding more than MAX_MODULES modules (their __init__ aside)."""
    counts: dict[str, int] = {}
    for path in modules(root, PACKAGES).values():
        if path.name != "__init__.py":
            package = ".".join(path.relative_to(root).parent.parts)
            counts[package] = counts.get(package, 0) + 1
    return {package: n for package, n in counts.items() if n > MAX_MODULES}


def _literals(path: Path) -> Iterator[str]:
    tree, _ = _parsed(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def tests_use_the_yardsticks(root: Path) -> dict[str, list[str]]:
    """Test modules that import bench/ or eval/, or name one of their modules in a string to run it
    (`python -m bench.generate`, `runpy.run_module`, `importlib.import_module`)."""
    yardsticks = {m for m in modules(root) if any(inside(m, top) and m != top for top in YARDSTICKS)}
    wrong = {name: sorted({m for m in imports(root, name) if any(inside(m, top) for top in YARDSTICKS)}
                          | {s for s in _literals(path) if s in yardsticks})
             for name, path in modules(root, ("tests",)).items()}
    return {name: found for name, found in wrong.items() if found}


def _reads_ci(path: Path) -> bool:
    """`os.environ.get("CI")`, `os.getenv("CI")`, `os.environ["CI"]`, `"CI" in os.environ`."""
    tree, _ = _parsed(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "getenv") \
                and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == "CI":
            return True
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "CI":
            return True
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) and node.left.value == "CI":
            return True
    return False


def ci_readers(root: Path) -> list[str]:
    """Test modules other than tests/ci.py that read the CI variable (CI is decided in one place)."""
    return [name for name, path in modules(root, ("tests",)).items() if name != CI_MODULE and _reads_ci(path)]
