"""What a build or an update tells its caller: each file's outcome (indexed, failed, withheld) and the totals.

Kept apart from indexer/pipeline.py so the pipeline stays one job (reading files into a writer).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FileReport:
    name: str
    records: int = 0
    missing: dict[str, list[str]] = field(default_factory=dict)  # record id → fields
    error: str | None = None  # not indexed, and why
    warning: str | None = None  # indexed, but not whole (text cut at corpus.MAX_TEXT_CHARS)
    withheld: str | None = None  # not indexed: the secrecy mark it bears (MẬT, TỐI MẬT, TUYỆT MẬT)
    digest: str | None = None  # the bytes an error or a withholding is remembered by (indexer/filestate.py)
    lasting: bool = True  # False: may pass without a change to the file (a tool installed): not remembered
    remembered: bool = False  # reported from the file state, not read again
    seconds: float = 0.0  # reading and extracting it took


@dataclass
class BuildReport:
    files: list[FileReport] = field(default_factory=list)
    added: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    generation: str = ""

    @property
    def documents(self) -> int:
        return sum(1 for f in self.files if f.error is None and f.withheld is None)

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]

    @property
    def withheld(self) -> list[FileReport]:
        return [f for f in self.files if f.withheld]

    @property
    def warnings(self) -> list[FileReport]:
        return [f for f in self.files if f.warning]
