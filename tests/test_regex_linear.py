"""No regex of extraction or the readers does super-linear work (issue 19, point 2).

A first line of 100,000 characters took over 120 s in one backtracking
pattern. Every pattern in indexer/extract and indexer/readers — compiled at
module level or written inline in a re.sub/search/… call — is run, with
each method the code calls it with, on inputs built from the pattern's own
parts (a string it matches, each literal and class repeated, with and without
a character that makes it fail at the end). Doubling such an input may cost
at most about 2.5× (linear work is 2×; quadratic backtracking, 4×). Work is
compared by two timings taken in the same run, each the best of several, in CPU time
(process_time: a loaded machine stalls wall time, not the work done).
Extraction's patterns are given the input as extraction gives it to them:
through layout.bounded (runs of spaces, blank lines and unbroken characters
cut to what a layout needs), the bound that keeps them linear.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from indexer.extract.layout import bounded

try:  # the parser of the re module (3.11: re._parser; sre_parse is its deprecated alias)
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("indexer.extract", "indexer.readers")
METHODS = {"match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
CHARS = 4000  # an input this long, then twice as long (quadratic work: 16 and 64 million steps)
MAX_RATIO = 2.5
FLOOR = 0.02  # seconds: below this at the doubled size, the work is too small to tell (under ~10^6 steps)
SLOW = 0.25  # seconds for 4,000 characters: over 10 million steps, super-linear whatever the doubling says
END = "\x01"  # no pattern here matches it: the match fails at the end, after the backtracking


def _modules() -> list[object]:
    out = []
    for package in PACKAGES:
        module = importlib.import_module(package)
        out.append(module)
        out += [importlib.import_module(m.name)  # subpackages too (extract.links, readers.formats)
                for m in pkgutil.walk_packages(module.__path__, prefix=f"{package}.")]
    return out


def _patterns() -> list[tuple[str, re.Pattern, frozenset[str]]]:
    """(where, pattern, methods the code calls it with) for every regex of the packages."""
    found: dict[tuple[str, int], tuple[str, re.Pattern, set[str]]] = {}
    for module in _modules():
        source = Path(module.__file__).read_text(encoding="utf-8")
        tree = ast.parse(source)
        compiled = {name: value for name, value in vars(module).items() if isinstance(value, re.Pattern)}
        used: dict[str, set[str]] = {name: set() for name in compiled}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner, method = node.func.value, node.func.attr
            if isinstance(owner, ast.Name) and owner.id in compiled and method in METHODS:
                used[owner.id].add(method)
            elif isinstance(owner, ast.Name) and owner.id == "re" and method in METHODS and node.args:
                pattern = _literal(node.args[0], vars(module))
                if pattern is not None:
                    flags = _literal(node.args[3] if method == "sub" and len(node.args) > 3 else None, vars(module))
                    compiled_inline = re.compile(pattern, flags or 0)
                    found[(module.__name__, node.lineno)] = (f"{module.__name__}:{node.lineno}", compiled_inline,
                                                            {method})
        for name, pattern in compiled.items():
            if name in used and pattern.pattern:
                methods = used[name] or {"search"}  # passed to a helper: assume the scanning kind
                found[(module.__name__, id(pattern))] = (f"{module.__name__}.{name}", pattern, methods)
    return [(where, pattern, frozenset(methods)) for where, pattern, methods in found.values()]


def _literal(node: ast.AST | None, names: dict) -> object | None:
    """A pattern written as a literal, or an f-string of the module's constants; None otherwise."""
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except ValueError:
        pass
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value)
            elif isinstance(value.value, ast.Name) and isinstance(names.get(value.value.id), str):
                parts.append(names[value.value.id])
            elif isinstance(value.value, ast.Call) and getattr(value.value.func, "attr", "") == "escape":
                parts.append("xyz")  # re.escape(local): any literal word
            else:
                return None
        return "".join(parts)
    return None


def _sample(parsed: list, out: list[str], atoms: set[str]) -> None:
    """One string the parsed pattern matches (as far as a walk can tell), and its literal parts."""
    for op, arg in parsed:
        if op is C.LITERAL:
            out.append(chr(arg))
            atoms.add(chr(arg))
        elif op is C.NOT_LITERAL:
            out.append("x" if arg != ord("x") else "y")
        elif op is C.ANY:
            out.append("a")
        elif op is C.IN:
            char = _class_member(arg)
            out.append(char)
            atoms.add(char)
        elif op is C.BRANCH:
            for branch in arg[1]:
                _sample(branch, [], atoms)
            _sample(arg[1][0], out, atoms)
        elif op is C.SUBPATTERN:
            _sample(arg[-1], out, atoms)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, _, item = arg
            for _ in range(max(1, min(low, 4))):
                _sample(item, out, atoms)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _sample(arg[1], [], atoms)


def _class_member(items: list) -> str:
    negate = any(op is C.NEGATE for op, _ in items)
    if negate:
        return "x"
    for op, arg in items:
        if op is C.LITERAL:
            return chr(arg)
        if op is C.RANGE:
            return chr(arg[0])
        if op is C.CATEGORY:
            return {C.CATEGORY_DIGIT: "1", C.CATEGORY_SPACE: " ", C.CATEGORY_WORD: "a"}.get(arg, "a")
    return "a"


def _inputs(pattern: re.Pattern) -> list[tuple[str, str]]:
    """(part, end): the input is part * n + end."""
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    out: list[str] = []
    atoms: set[str] = set()
    _sample(sre_parse.parse(source, pattern.flags & ~re.ASCII if isinstance(pattern.pattern, str) else 0), out,
            atoms)
    sample = "".join(out)
    parts = {sample, sample + " ", sample + "\n", " " + sample}
    parts |= {atom for atom in atoms} | {atom + " " for atom in atoms} | {atom + "a" for atom in atoms}
    return [(part, end) for part in sorted(parts) if part for end in ("", END)]


def _cost(pattern: re.Pattern, method: str, text: str | bytes) -> float:
    """The best of three timings (a second already: clearly super-linear, no need for more)."""
    call = getattr(pattern, method)
    args = (text,) if method not in ("sub", "subn") else (text[:0], text)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        result = call(*args)
        if method == "finditer":
            list(result)
        best = min(best, time.process_time() - started)
        if best > 4 * SLOW:
            break
    return best


def _text(pattern: re.Pattern, part: str, end: str, n: int, seen: Callable[[str], str]) -> str | bytes:
    text = seen(part * n + end)
    return text if isinstance(pattern.pattern, str) else text.encode("utf-8")


def _worst(pattern: re.Pattern, methods: frozenset[str], seen: Callable[[str], str]) -> tuple[float, str]:
    worst, what = 0.0, ""
    for part, end in _inputs(pattern):
        n = max(1, CHARS // len(part))
        for method in methods:
            small = _cost(pattern, method, _text(pattern, part, end, n, seen))
            if small > SLOW:  # a loaded machine can stall one timing: once more
                small = min(small, _cost(pattern, method, _text(pattern, part, end, n, seen)))
            if small > SLOW:
                return float("inf"), f"{method}({part[:30]!r} × {n} + {end!r}): {small:.2f} s"
            large = _cost(pattern, method, _text(pattern, part, end, 2 * n, seen))
            if large < FLOOR:
                continue
            ratio = large / max(small, 1e-9)
            for _ in range(3):  # a timing can be disturbed (a loaded machine): measure again, keep the best
                if ratio <= MAX_RATIO:
                    break
                small = _cost(pattern, method, _text(pattern, part, end, n, seen))
                large = _cost(pattern, method, _text(pattern, part, end, 2 * n, seen))
                ratio = min(ratio, large / max(small, 1e-9))
            if ratio > worst:
                worst, what = ratio, f"{method}({part[:30]!r} × {n} + {end!r}): {small:.4f} s → {large:.4f} s"
    return worst, what


def seen_by(where: str) -> Callable[[str], str]:
    """Extraction's patterns see text only through layout.clean_lines, which bounds its runs (layout.bounded);
    the bounding patterns themselves, and the readers', see the raw text."""
    raw = where.startswith("indexer.readers") or where.split(".")[-1] in BOUNDING
    return str if raw else bounded


BOUNDING = ("_LONG_SPACE", "_LONG_TOKEN", "_BLANK_LINES")
PATTERNS = _patterns()


def test_every_regex_of_extraction_and_the_readers_is_found() -> None:
    # THEN the patterns compiled at module level and those written inline are all looked at
    assert len(PATTERNS) >= 100
    names = {where for where, _, _ in PATTERNS}
    assert "indexer.extract.reflow._TRAILING_CAPS" in names
    assert any(where.startswith("indexer.readers.formats.markup:") for where in names)


@pytest.mark.parametrize(("where", "pattern", "methods"), PATTERNS, ids=[where for where, _, _ in PATTERNS])
def test_doubling_an_adversarial_input_at_most_doubles_the_work(where: str, pattern: re.Pattern,
                                                                methods: frozenset[str]) -> None:
    ratio, what = _worst(pattern, methods, seen_by(where))
    assert ratio <= MAX_RATIO, f"{where}: {what} ({ratio:.1f}×)"

