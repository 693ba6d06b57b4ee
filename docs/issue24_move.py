# ruff: noqa: E501
"""The folder move of issue 24 point 4: git mv, then every import (and dotted name in a string) rewritten.

Kept for whoever merges a branch written in the old layout: run it from the
root of that branch's tree (python docs/issue24_move.py --apply) before merging,
instead of replaying the move by hand.
"""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path.cwd()
MOVES = {
    "indexer.processes": "common.processes",
    "indexer.paper": "search_app.pages.paper",
    "indexer.segment": "indexer.words.segment",
    "indexer.vocab": "indexer.words.vocab",
    "indexer.names": "indexer.words.names",
    "indexer.abbreviations": "indexer.words.abbreviations",
    "indexer.number_forms": "indexer.words.number_forms",
    "indexer.extract.citations": "indexer.extract.links.citations",
    "indexer.extract.relations": "indexer.extract.links.relations",
    "indexer.extract.consolidated": "indexer.extract.links.consolidated",
    "indexer.extract.expiry": "indexer.extract.links.expiry",
    "indexer.extract.gazette": "indexer.extract.links.gazette",
    "indexer.readers.doc": "indexer.readers.formats.doc",
    "indexer.readers.docx": "indexer.readers.formats.docx",
    "indexer.readers.markup": "indexer.readers.formats.markup",
    "indexer.readers.pdf": "indexer.readers.formats.pdf",
    "indexer.readers.plain": "indexer.readers.formats.plain",
    "indexer.readers.zipped": "indexer.readers.formats.zipped",
    "indexer.readers.ocr": "indexer.readers.formats.ocr",
    "indexer.readers.ocr_layout": "indexer.readers.formats.ocr_layout",
    "search_app.params": "search_app.query.params",
    "search_app.query": "search_app.query.understand",
    "search_app.query_lex": "search_app.query.lex",
    "search_app.query_plan": "search_app.query.plan",
    "search_app.query_hints": "search_app.query.hints",
    "search_app.query_words": "search_app.query.words",
    "search_app.query_suggest": "search_app.query.suggest",
    "search_app.spelling": "search_app.query.spelling",
    "search_app.syllable": "search_app.query.syllable",
    "search_app.snippets": "search_app.query.snippets",
    "search_app.service": "search_app.answer.service",
    "search_app.facets": "search_app.answer.facets",
    "search_app.superseded": "search_app.answer.superseded",
    "search_app.number_answer": "search_app.answer.number_answer",
    "search_app.timeline": "search_app.answer.timeline",
    "search_app.relations_view": "search_app.answer.relations_view",
    "search_app.summaries": "search_app.answer.summaries",
    "search_app.index_holder": "search_app.answer.index_holder",
    "search_app.outline": "search_app.answer.outline",
    "search_app.pages": "search_app.pages.views",
    "search_app.api": "search_app.pages.api",
    "search_app.errors": "search_app.pages.errors",
    "search_app.feed": "search_app.pages.feed",
    "search_app.originals": "search_app.pages.originals",
    "search_app.context": "search_app.pages.context",
    "search_app.documents": "search_app.pages.documents",
    "search_app.admin": "search_app.pages.admin",
}
PACKAGES = {  # package → its __init__'s docstring
    "common": "Generic utilities that know nothing of documents or search (the indexer and the web app use them).",
    "indexer.words": ("Vietnamese words and names shared by indexing and typing: pyvi segmentation, the collection's\n"
                      "vocabulary, agency names and abbreviations, and the forms of a document number."),
    "indexer.extract.links": ("How a document points at others: citations, relations (replaces, amends, implements),\n"
                              "consolidated texts, expiry and the gazette's continued documents."),
    "indexer.readers.formats": ("One module per file format, each declaring FORMATS (its signature and reader):\n"
                                "adding a format is adding a module here (indexer/readers/registry.py finds it)."),
    "search_app.query": ("What the user asked: the request's parameters, the typed query → QuerySpec, the plan (spelling,\n"
                         "exact marks first, relaxing), words, hints, suggestions, and the snippets that show matches."),
    "search_app.answer": ("A search's answer: the one search function, facets and timeline, superseded documents, relations,\n"
                          "summaries, a document's outline, and the shared engine with its kept answers."),
    "search_app.pages": ("What is shown: the HTML and JSON blueprints, errors in Vietnamese, the feed, original files, the\n"
                         "administrator's page, and the document page with its NĐ 30/2020 paper layout."),
}


def path_of(module: str) -> Path:
    return Path(*module.split(".")).with_suffix(".py")


def git(*args: str) -> None:
    subprocess.run(["git", *args], cwd=ROOT, check=True)


FROM = re.compile(r"^(?P<indent>[ \t]*)from (?P<parent>[\w.]+) import (?P<names>\([^)]*\)|[^\n]+)$", re.M)


def _split(match: re.Match) -> str:
    indent, parent, raw = match.group("indent"), match.group("parent"), match.group("names")
    names = [n.strip() for n in raw.strip("()").replace("\n", " ").split(",") if n.strip()]
    if not any(f"{parent}.{n.split(' as ')[0].strip()}" in MOVES for n in names):
        return match.group(0)
    stay, moved = [], {}
    for name in names:
        bare = name.split(" as ")[0].strip()
        alias = name.split(" as ")[1].strip() if " as " in name else bare
        new = MOVES.get(f"{parent}.{bare}")
        if new is None:
            stay.append(name)
            continue
        new_parent, leaf = new.rsplit(".", 1)
        moved.setdefault(new_parent, []).append(leaf if leaf == alias else f"{leaf} as {alias}")
    out = [f"{indent}from {parent} import {', '.join(stay)}"] if stay else []
    out += [f"{indent}from {p} import {', '.join(leaves)}" for p, leaves in moved.items()]
    return "\n".join(out)


def rewrite(text: str) -> str:
    """Dotted names first (`search_app.query_lex` → `search_app.query.lex`), then `from parent import name`
    split where the name moved (`from indexer import segment` → `from indexer.words import segment`)."""
    dotted = re.compile(r"(?<![\w.])(" + "|".join(re.escape(m) for m in sorted(MOVES, key=len, reverse=True)) + r")(?!\w)")
    text = dotted.sub(lambda m: MOVES[m.group(1)], text)
    return FROM.sub(_split, text)


def main() -> None:
    for package in PACKAGES:
        (ROOT / Path(*package.split("."))).mkdir(parents=True, exist_ok=True)
    staged = {}
    for old, new in MOVES.items():  # search_app/query.py and pages.py become packages: move aside first
        tmp = path_of(old).with_suffix(".moving")
        git("mv", str(path_of(old)), str(tmp))
        staged[tmp] = path_of(new)
    for package, doc in PACKAGES.items():
        init = ROOT / Path(*package.split(".")) / "__init__.py"
        init.write_text(f'"""{doc}"""\n', encoding="utf-8")
        git("add", str(init.relative_to(ROOT)))
    for tmp, new in staged.items():
        git("mv", str(tmp), str(new))
    changed = []
    for top in ("common", "indexer", "search_app", "tests", "bench", "eval", "opensearch", "deploy"):
        for path in sorted((ROOT / top).rglob("*.py")) if (ROOT / top).exists() else []:
            text = path.read_text(encoding="utf-8")
            new_text = rewrite(text)
            if new_text != text:
                path.write_text(new_text, encoding="utf-8")
                changed.append(str(path.relative_to(ROOT)))
    print("\n".join(changed))


if __name__ == "__main__":
    if sys.argv[1:] != ["--apply"]:  # it moves files: never by accident (`--help` once ran it)
        sys.exit("usage: python docs/issue24_move.py --apply   (from the root of a tree in the old layout; "
                 "to rewrite text only, import it and call rewrite())")
    sys.exit(main())
