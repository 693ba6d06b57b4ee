"""The parsers over the 8,100 catalogue records of ../shared/corpora/metadata.

Each catalogue field goes through the function the extractor uses for it: the number
through `parse_number` (must give back the same number), the type through the number's
code and the type vocabulary, the issuer through `canonical_issuer` (one canonical,
noise-free name per agency, every agency known), the signer through `canonical_person`.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eval import extraction_noise as noise
from indexer.extract.doctype import type_from_number
from indexer.extract.header import parse_number
from indexer.text import fold_key, number_key
from indexer.topics import tag_topics
from indexer.words import vocab
from indexer.words.names import canonical_issuer, canonical_person, joint_parts, looks_like_person


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f} % ({right}/{total})" if total else "–"


def catalogue_report(metadata: Path) -> str:
    gazette = _records(metadata / "congbao.jsonl")
    register = _records(metadata / "binhduong.jsonl")
    numbers = [r["number"] for r in gazette + register if r.get("number")]
    parsed = sum(1 for n in numbers if (p := parse_number(n)) and number_key(p) == number_key(n))
    types = set(vocab.doc_types()["titles"].values())
    labels = sum(1 for r in gazette if r["doc_type"] in types)
    by_code = Counter()
    for r in gazette:
        got = type_from_number(r["number"])
        by_code["none" if got is None else "right" if got == r["doc_type"] else "wrong"] += 1
    known = {fold_key(v) for v in vocab.agencies()["heads"].values()}
    issuers = [r["issuer"] for r in gazette if r.get("issuer")]
    clean_issuers = 0
    distinct: set[str] = set()
    for raw in issuers:
        name = canonical_issuer(raw) or ""
        distinct.add(name)
        if not name and fold_key(raw) == "van ban hop nhat":
            clean_issuers += 1  # a banner alone names no agency: nothing is the right answer
            continue
        parts = joint_parts(name)
        clean_issuers += bool(name) and not noise.reason("issuer", name) and all(fold_key(p) in known for p in parts)
    signers = [r["signer"] for r in gazette if r.get("signer")]
    clean_signers = sum(1 for s in signers if all(looks_like_person(p) for p in canonical_person(s).split(" - ")))
    tagged = sum(1 for r in gazette + register
                 if tag_topics(r.get("subject"), "", canonical_issuer(r["issuer"]) if r.get("issuer") else None))
    wrong_types = Counter((r["doc_type"], type_from_number(r["number"])) for r in gazette
                          if type_from_number(r["number"]) not in (None, r["doc_type"]))
    lines = [
        f"Catalogue records: {len(gazette)} gazette + {len(register)} provincial register",
        "",
        "| field | parsed / canonical |",
        "|---|---|",
        f"| number (parse_number gives it back) | {_pct(parsed, len(numbers))} |",
        f"| type label in the type vocabulary | {_pct(labels, len(gazette))} |",
        f"| type from the number's code: right | {_pct(by_code['right'], len(gazette))} "
        f"(wrong {by_code['wrong']}, code names no type {by_code['none']}) |",
        f"| issuer canonical, known, noise-free | {_pct(clean_issuers, len(issuers))} "
        f"({len(set(issuers))} raw spellings → {len(distinct)} names) |",
        f"| signer a person name in proper case | {_pct(clean_signers, len(signers))} |",
        f"| subject given at least one subject area | {_pct(tagged, len(gazette) + len(register))} |",
        "",
        "Type from the code, most frequent disagreements (catalogue, ours): "
        + "; ".join(f"{a} ← {b} ×{n}" for (a, b), n in wrong_types.most_common(5)),
    ]
    return "\n".join(lines)
