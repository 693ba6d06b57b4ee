"""Numbers as staff type them: is the document carrying a number first for each everyday form of it?

    python -m eval.numbers

Over the bundled corpus and the shared full texts, for every document with a
number (123/2024/NĐ-CP), the forms staff type (issue 18): `123/2024`,
`nghị định 123/2024`, `NĐ 123/2024`, `ND 123/2024`, `nđ123/2024`,
`số 123/2024/NĐ-CP`, `123/NĐ-CP`, a prefix `2973/UBND`, leading zeros,
`123-2024`, `123.2024`, `nghị định 123 năm 2024`. A form counts when the
document is at rank 1, or in the top 3 when other documents share that
form (a Nghị định and a Thông tư both 123/2024). Prints the share, by form.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path

import click

from eval.records_index import build_from_records
from eval.words import corpus_records
from indexer.engine import Engine, SearchSpec
from indexer.record import Record
from indexer.text import fold
from indexer.words.number_forms import held_forms, type_codes, typed_forms
from search_app.query.plan import make_plan, run

TOP = 10


def _code_of(record: Record) -> str | None:
    """The type's code as printed ('NĐ', 'QĐ'; 'CV' for a Công văn)."""
    symbol = re.split(r"[/\-]", record.number or "")
    for part in symbol[1:]:
        if part and not part.isdigit() and fold(part).lower() in {c for v in type_codes().values() for c in v}:
            return part
    return "CV" if record.doc_type == "Công văn" else None


def everyday_forms(record: Record) -> dict[str, str]:
    """Form name → the text staff type, for one record's number."""
    found = re.fullmatch(r"(\d+)(?:/((?:19|20)\d\d))?/(.+)", record.number or "")
    if not found:
        return {}
    n, year, symbol = found.groups()
    kind = (record.doc_type or "").lower()
    code = _code_of(record)
    short = f"{n}/{year}" if year else n
    forms = {"full with số": f"số {record.number}"}
    if year:
        forms |= {"number/year": short, "number-year": f"{n}-{year}", "number.year": f"{n}.{year}",
                  "without year": f"{n}/{symbol}"}
        if n.startswith("0") or len(n) == 1:
            forms["leading zero"] = f"{n.lstrip('0') or '0'}/{year}" if n.startswith("0") else f"0{n}/{year}"
    if "-" in symbol or "/" in symbol:
        head = re.split(r"[/-]", symbol)[0]
        forms["prefix"] = f"{n}/{year}/{head}" if year else f"{n}/{head}"
    if kind and fold(kind) in type_codes():
        forms["type name"] = f"{kind} {short}"
        if year:
            forms["year written out"] = f"{kind} {n} năm {year}"
    if code:
        forms["code"] = f"{code} {short}"
        forms["code glued"] = f"{code.lower()}{short}"
        forms["code without marks"] = f"{fold(code)} {short}"
    return forms


def ranked(engine: Engine, q: str) -> list[str]:
    outcome = run(make_plan(engine, q), lambda spec: engine.search(SearchSpec(query=spec, limit=TOP, facets=())))
    return [h.id for h in outcome.result.hits]


@click.command()
def main() -> None:
    records = corpus_records()
    holders: Counter[str] = Counter(f for r in records for f in held_forms(r.number, r.doc_type))
    good, asked = Counter(), Counter()
    misses: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = build_from_records(records, Path(tmp) / "numbers")
        for record in records:
            for name, typed in everyday_forms(record).items():
                forms = typed_forms(typed) or []
                shared = max((holders[f] for f in forms), default=1) > 1
                ids = ranked(engine, typed)
                ok = record.id in ids[:3 if shared else 1]
                asked[name] += 1
                good[name] += ok
                if not ok and len(misses) < 12:
                    misses.append(f"{typed} ({record.number})")
        engine.close()
    total, right = sum(asked.values()), sum(good.values())
    print(f"{len({r.id for r in records if everyday_forms(r)})} documents with a number, {total} typed forms: "
          f"{right / max(total, 1):.1%} at rank 1 (top 3 when shared)")
    for name in sorted(asked):
        print(f"  {name:20} {good[name]:4}/{asked[name]:<4} {good[name] / asked[name]:.0%}")
    print("  missed, e.g.: " + "; ".join(misses))


if __name__ == "__main__":
    main()
