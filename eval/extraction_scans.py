"""Scanned công văn against the page read by eye: `python -m eval.extraction --scans`.

Gold: eval/scans_gold.json (number, date, type, issuer of each scan of
../shared/corpora/province-scans, read off the page images; `split` dev/test by
sha256, dev fitted, test only measured). Texts are OCR'd through the reader, so the
text cache (INDEXER_TEXT_CACHE, default var/scan-text-cache) makes repeats cheap;
--cached-only skips scans not OCR'd yet.

Figures per file (several files are the same document uploaded again):
number right; a wrong number shown (the first target: a wrong number is worse than
none); month right; issuer; type.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path

from indexer.extract import extract_records
from indexer.text import fold_key, number_key

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "scans_gold.json"
CACHE = ROOT / "var" / "scan-text-cache"


def _text(path: Path, digest: str, cached_only: bool) -> str | None:
    os.environ.setdefault("INDEXER_TEXT_CACHE", str(CACHE))
    from indexer.corpus import read_document
    from indexer.readers import cache

    if cached_only:
        reading = cache.get(digest)
        return reading.text if reading else None
    return read_document(path)[0]


def _record(text: str, name: str):  # noqa: ANN202 - a Record, of whichever code is measured
    if "scanned" in inspect.signature(extract_records).parameters:
        return extract_records(text, "x", name, scanned=True)[0]
    return extract_records(text, "x", name)[0]  # the code before issue 20 had no such flag


def _digest(path: Path) -> str:
    from indexer.corpus import file_digest

    return file_digest(path.read_bytes())


def scan_report(corpus: Path, cached_only: bool = False, show: bool = False) -> str:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["files"]
    counts: dict[str, dict[str, int]] = {s: dict.fromkeys(
        ("files", "number", "wrong", "none", "from_name", "month", "wrong_month", "day", "wrong_day", "issuer",
         "type"), 0)
        for s in ("dev", "test", "all")}
    misses: list[str] = []
    for name, want in sorted(gold.items()):
        path = corpus / name
        text = _text(path, _digest(path), cached_only)
        if text is None:
            continue
        record = _record(text, name)
        got_number = number_key(record.number) if record.number else None
        right = {
            "number": got_number == number_key(want["number"]),
            "wrong": got_number is not None and got_number != number_key(want["number"]),
            "none": got_number is None,
            "from_name": (record.provenance or {}).get("number") == "số lấy từ tên tệp",
            "month": bool(record.date) and record.date[:7] == want["date"][:7],
            "wrong_month": bool(record.date) and record.date[:7] != want["date"][:7],
            "day": record.date == want["date"] and getattr(record, "date_precision", "day") != "month",
            "wrong_day": bool(record.date) and record.date != want["date"]
            and getattr(record, "date_precision", "day") != "month",
            "issuer": fold_key(record.issuer or "") in {fold_key(i) for i in want["issuer"]},
            "type": record.doc_type == want["doc_type"],
        }
        for split in (want["split"], "all"):
            counts[split]["files"] += 1
            for key, ok in right.items():
                counts[split][key] += ok
        if show and not all(right[k] for k in ("number", "month", "issuer", "type")):
            misses.append(f"- {name}: number {record.number!r} (gold {want['number']}), date {record.date} "
                          f"(gold {want['date']}), issuer {record.issuer!r}, type {record.doc_type!r}")
    lines = ["| scans | dev | test | all |", "|---|---|---|---|"]
    labels = {"number": "number right", "wrong": "wrong number shown", "none": "no number shown",
              "from_name": "number from the file name", "month": "month right", "wrong_month": "wrong month shown",
              "day": "day right", "wrong_day": "wrong day shown (a date of day precision, not the page's)",
              "issuer": "issuer right", "type": "type right"}
    for key, label in labels.items():
        cells = [f"{100 * c[key] / c['files']:.1f} % ({c[key]}/{c['files']})" if c["files"] else "–"
                 for c in counts.values()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    printed = sum(1 for g in gold.values() if g["number"])
    lines += ["", f"Scans whose number is printed or legible on the page (by eye): {printed} of {len(gold)} files "
              f"({sum(g['number_written'] == 'handwritten' for g in gold.values())} written by hand)."]
    return "\n".join(lines + ([""] + misses if misses else []))
