"""Layouts the shared texts lack, built from them: `python -m eval.extraction --layouts`.

- Gazette continuation page: the Công báo page header, "(Tiếp theo Công báo số …)",
  the document named in one line ("Thông tư số 12/2015/TT-BTC ngày 30 tháng 01 năm
  2015 của Bộ Tài chính …") as its heading, then the text from its second half on.
  Number, type, date and issuer must be that line's.
- Header-less text: the gazette text starting at the type heading ("NGHỊ ĐỊNH"), the
  issuer block, number and place-date cut. Type and issuer must be right; number and
  date right or absent, never another document's.

Built from the gold's laws, decrees, circulars, resolutions and decisions (their values
are the gold); `split` as in the gold.
"""

from __future__ import annotations

from pathlib import Path

from eval.extraction import _read, same
from indexer.extract import extract_records

TYPES = ("Luật", "Bộ luật", "Nghị định", "Thông tư", "Thông tư liên tịch", "Nghị quyết", "Quyết định", "Pháp lệnh")
_FIRST_BODY = ("Căn cứ", "Chương", "Điều 1", "Phần")


def _vn_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"ngày {day} tháng {month} năm {year}"


def continuation(text: str, row: dict) -> str:
    lines = text.split("\n")
    rest = lines[len(lines) // 2:]
    named = f"{row['doc_type']} số {row['number']} {_vn_date(row['date'])} của {row['issuer']} (tiếp theo)"
    return "\n".join(["CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025 37", "", "(Tiếp theo Công báo số 849 + 850)", "",
                      named, "", *rest])


def headerless(text: str, row: dict) -> str | None:
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith(_FIRST_BODY)), None)
    if start is None:
        return None
    return "\n".join([row["doc_type"].upper(), "", *lines[start:]])


def layout_report(gold: list[dict], corpora: Path) -> str:
    rows = [r for r in gold if r["doc_type"] in TYPES and r["number"] and r["date"] and r["issuer"]
            and not r["source"].startswith("corpus/")]
    fields = ("number", "doc_type", "date", "issuer")
    score = {kind: {s: {f: 0 for f in (*fields, "files", "wrong_number", "stated")} for s in ("dev", "test", "all")}
             for kind in ("continuation", "headerless")}
    for row in rows:
        text = _read(corpora / row["source"])
        for kind, made in (("continuation", continuation(text, row)), ("headerless", headerless(text, row))):
            if made is None:
                continue
            record = extract_records(made, "x", row["source"])[0]
            for split in (row["split"], "all"):
                cell = score[kind][split]
                cell["files"] += 1
                for name in fields:
                    got = getattr(record, name)
                    ok = same(name, got, row[name])
                    if kind == "headerless" and name in ("number", "date"):
                        ok = ok or got is None  # absent is right when the text states none
                    cell[name] += ok
                cell["wrong_number"] += bool(record.number) and not same("number", record.number, row["number"])
                cell["stated"] += bool(record.number) and same("number", record.number, row["number"])
    lines = []
    for kind, splits in score.items():
        lines += ["", f"{kind} ({splits['all']['files']} texts)", "",
                  "| field | dev | test | all |", "|---|---|---|---|"]
        for name in (*fields, "stated", "wrong_number"):
            cells = [f"{100 * c[name] / c['files']:.1f} % ({c[name]}/{c['files']})" if c["files"] else "–"
                     for c in splits.values()]
            label = {"wrong_number": "another number shown", "stated": "its number shown (not none)"}.get(name, name)
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
