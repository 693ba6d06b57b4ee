"""Extraction yardstick: the extractor against a hand-read gold file and the gazette catalogue.

    python -m eval.extraction                 per-field accuracy (dev / test / all), noisy facet
                                              values, annex forms as records
    python -m eval.extraction --catalogue     also run the parsers over the 8,100 catalogue records
    python -m eval.extraction --show number   list the documents where a field is wrong
    python -m eval.extraction --noise-of DIR  noisy facet values of the records of any folder

Gold: eval/extraction_gold.jsonl, one line per document (EXTRACTION.md says how it was
read). Full texts come from ../shared/corpora (or $CORPORA_DIR); the bundled records from
corpus/. A document of the full texts is one record: any further record the extractor
makes from that file is an annex form or a page taken for a document.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from pathlib import Path

import click

from eval import extraction_noise as noise
from indexer.extract import extract_records
from indexer.record import Record
from indexer.text import fold_key, nfc, number_key

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "extraction_gold.jsonl"
FIELDS = ("number", "doc_type", "date", "issuer", "signer")
FACETS = ("doc_type", "issuer", "issuers", "signer", "signer_title", "recipients", "distribution", "topics", "place")


def corpora_dir() -> Path:
    """The shared corpora: $CORPORA_DIR, else the first ../shared/corpora above the repository."""
    if os.environ.get("CORPORA_DIR"):
        return Path(os.environ["CORPORA_DIR"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "corpora").is_dir():
            return base / "shared" / "corpora"
    raise click.ClickException("corpora not found: set CORPORA_DIR")


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace").replace("\x00", "")


def extracted(gold: list[dict]) -> tuple[dict[str, Record | None], list[Record], int]:
    """Gold id → the record for it; every record made; records beyond the gold (annex forms)."""
    corpora = corpora_dir()
    by_source: dict[str, list[dict]] = defaultdict(list)
    for row in gold:
        by_source[row["source"]].append(row)
    found: dict[str, Record | None] = {}
    everything: list[Record] = []
    extra = 0
    for source, rows in by_source.items():
        path = ROOT / source if source.startswith("corpus/") else corpora / source
        base = Path(source).stem
        records = extract_records(_read(path), base, source)
        everything.extend(records)
        if source.startswith("corpus/"):
            ids = {r.id: r for r in records}
            for row in rows:
                found[row["id"]] = ids.get(row["id"])
            extra += len([r for r in records if r.id not in {row["id"] for row in rows}])
        else:
            found[rows[0]["id"]] = records[0] if records else None
            extra += max(0, len(records) - 1)
    return found, everything, extra


def _names(value: str | None) -> set[str]:
    """Joint issuers/signers ('A - B') compare as sets, marks and case kept apart from order."""
    if not value:
        return set()
    return {fold_key(part) for part in re.split(r"\s+-\s+", nfc(value)) if part.strip()}


def same(field: str, got: object, want: object) -> bool:
    """A field is right when it equals the gold (numbers by their key, names as sets)."""
    if want is None or got is None:
        return want is None and got is None
    if field == "number":
        return number_key(str(got)) == number_key(str(want))
    if field in ("issuer", "signer"):
        return _names(str(got)) == _names(str(want))
    return got == want


def field_scores(gold: list[dict], found: dict[str, Record | None]) -> dict[str, tuple[int, int]]:
    """Per field: (right, total); topics as (predicted in gold, predicted) and recall."""
    scores: dict[str, list[int]] = {f: [0, 0] for f in (*FIELDS, "topics_p", "topics_r")}
    for row in gold:
        record = found.get(row["id"])
        for name in FIELDS:
            got = getattr(record, name) if record else None
            scores[name][0] += same(name, got, row[name])
            scores[name][1] += 1
        predicted = set(record.topics) if record else set()
        wanted = set(row["topics"])
        scores["topics_p"][0] += len(predicted & wanted)
        scores["topics_p"][1] += len(predicted)
        scores["topics_r"][0] += len(predicted & wanted)
        scores["topics_r"][1] += len(wanted)
    return {k: (v[0], v[1]) for k, v in scores.items()}


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f} % ({right}/{total})" if total else "–"


def facet_noise(records: list[Record]) -> dict[str, tuple[int, int, list[str]]]:
    """Per facet: (noisy distinct values, distinct values, examples)."""
    out = {}
    for facet in FACETS:
        values: set[str] = set()
        for record in records:
            value = getattr(record, facet)
            values.update(value if isinstance(value, list) else [value] if value else [])
        bad = sorted(v for v in values if noise.reason("issuer" if facet == "issuers" else facet, v))
        out[facet] = (len(bad), len(values), bad[:8])
    return out


def report(gold: list[dict], show: str | None) -> str:
    found, everything, extra = extracted(gold)
    lines = ["| field | dev | test | all |", "|---|---|---|---|"]
    parts = {s: [g for g in gold if g["split"] == s] for s in ("dev", "test")}
    parts["all"] = gold
    table = {s: field_scores(rows, found) for s, rows in parts.items()}
    labels = {**{f: f for f in FIELDS}, "topics_p": "topic precision", "topics_r": "topic recall"}
    for key, label in labels.items():
        lines.append(f"| {label} | " + " | ".join(_pct(*table[s][key]) for s in parts) + " |")
    own_cited = sum(1 for r in everything if r.number and number_key(r.number) in
                    {number_key(c["number"]) for c in r.cites})
    # A number that is not the gold's is another document's (a cited or base document's).
    cited_as_own = sum(1 for row in gold if (r := found.get(row["id"])) and r.number
                       and not same("number", r.number, row["number"]))
    lines += ["", f"Records made from the {len({g['source'] for g in gold})} files: {len(everything)}; "
              f"annex forms or pages taken for a document: **{extra}**; "
              f"records listing their own number among their citations: **{own_cited}**; "
              f"documents given another document's number as their own: **{cited_as_own}**", "",
              "| facet | noisy / distinct | examples |", "|---|---|---|"]
    for facet, (bad, total, examples) in facet_noise(everything).items():
        shown = "; ".join(f"`{e[:60]}`" for e in examples[:4])
        lines.append(f"| {facet} | {_pct(bad, total)} | {shown} |")
    if show:
        lines += ["", f"Wrong `{show}`:"]
        for row in gold:
            record = found.get(row["id"])
            if show == "topics":
                got = set(record.topics) if record else set()
                if got - set(row["topics"]):
                    lines.append(f"- {row['id']}: extra {sorted(got - set(row['topics']))}")
                continue
            got = getattr(record, show) if record else None
            if not same(show, got, row[show]):
                lines.append(f"- {row['id']}: got {got!r}, gold {row[show]!r}")
    return "\n".join(lines)


def folder_noise(folder: Path) -> str:
    """Noisy facet values over every record extracted from a folder of .txt files (no gold needed)."""
    records = [r for path in sorted(folder.glob("*.txt")) for r in extract_records(_read(path), path.stem, path.name)]
    lines = [f"Records from {folder}: {len(records)}", "", "| facet | noisy / distinct | examples |", "|---|---|---|"]
    for facet, (bad, total, examples) in facet_noise(records).items():
        lines.append(f"| {facet} | {_pct(bad, total)} | " + "; ".join(f"`{e[:60]}`" for e in examples[:4]) + " |")
    return "\n".join(lines)


@click.command()
@click.option("--noise-of", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Only the noisy facet values of the records of a folder of .txt files.")
@click.option("--show", type=click.Choice([*FIELDS, "topics"]), default=None, help="List the misses of one field.")
@click.option("--catalogue", is_flag=True, help="Also run the parsers over the catalogue records.")
@click.option("--scans", is_flag=True, help="Only the province scans against eval/scans_gold.json (OCR, cached).")
@click.option("--cached-only", is_flag=True, help="With --scans: skip scans not in the OCR text cache yet.")
@click.option("--layouts", is_flag=True, help="Only the gazette continuation pages and header-less texts.")
def main(show: str | None, catalogue: bool, noise_of: Path | None, scans: bool, cached_only: bool,
         layouts: bool) -> None:
    if noise_of:
        click.echo(folder_noise(noise_of))
        return
    if scans:
        from eval.extraction_scans import scan_report

        click.echo(scan_report(corpora_dir() / "province-scans", cached_only, show is not None))
        return
    if layouts:
        from eval.extraction_layouts import layout_report

        click.echo(layout_report([json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
                                  if line.strip()], corpora_dir()))
        return
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    click.echo(report(gold, show))
    if catalogue:
        from eval.extraction_catalogue import catalogue_report

        click.echo("")
        click.echo(catalogue_report(corpora_dir() / "metadata"))


if __name__ == "__main__":
    main()
