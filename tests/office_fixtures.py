"""Shared helpers for the office-file tests (issue 14): where the real files are, a công văn .docx,
and skipping when an optional tool is missing outside CI."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from indexer import pipeline
from tests.ci import missing

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the clone (CI, /work/main); a worktree sits one level deeper.
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT / "shared")
OFFICE = SHARED / "corpora" / "office"
FULLTEXTS = SHARED / "corpora" / "fulltexts"


def need(available: bool, what: str) -> None:
    """Skip outside CI when an optional tool is missing; in CI it must be there."""
    if not available:
        missing(f"{what} chưa cài (not installed)")


def need_office() -> None:
    if not OFFICE.is_dir():
        pytest.skip(f"{OFFICE} không có: the real office files sit beside the clone in CI")


def congvan_docx(path: Path) -> Path:
    """A công văn as e-office writes it: header and signature in borderless two-column tables."""
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 1234/UBND-VXNV\nV/v tăng cường phòng chống dịch bệnh"
    header.cell(1, 1).text = "Bắc Kạn, ngày 12 tháng 3 năm 2024"
    document.add_paragraph("Kính gửi: Sở Y tế tỉnh Bắc Kạn")
    document.add_paragraph("Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị tăng cường phòng chống dịch sốt xuất huyết.")
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    sign.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Đăng Bình"
    document.save(path)
    return path


def build(corpus: Path, index: Path) -> pipeline.BuildReport:
    return pipeline.build(corpus, index)


def records_by_source(index: Path) -> dict[str, dict]:
    return {r["source"]: r for r in pipeline.export_records(index)}

