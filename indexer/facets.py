"""The facet table: every facet once — its name, its Vietnamese label, how a record gives its values, its order.

The Whoosh schema, the OpenSearch mapping, the engine interface (`FACETS`) and
the page's facet view all read this table, so a new facet is one line here
(plus, for an engine, nothing: each builds its facet fields from the table).
Values are canonical names already (indexer/words/names.py made them when the record
was extracted); empty values are never counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from indexer.record import Record

# "count": most frequent first (ties in value order), cut at the page's facet size.
# "time": every value counted (by month), shown newest first; never cut.
FacetSort = Literal["count", "time"]


@dataclass(frozen=True)
class Facet:
    name: str  # in URLs and the API
    label: str  # on the page
    values: Callable[[Record], list[str | None]]  # a record's values (None and "" are dropped)
    sort: FacetSort = "count"

    def of(self, record: Record) -> list[str]:
        """The record's values for this facet, empty ones left out."""
        return [v for v in self.values(record) if v]


def recipient_values(record: Record) -> list[str | None]:
    """The recipient facet: 'Kính gửi' entries, or 'Nơi nhận' when there are none ("như trên" is no one)."""
    if record.recipients:
        return list(record.recipients)
    return [d for d in record.distribution if d.lower() != "như trên"]


# In the order the page shows them. Every facet but `recipient` and `topic` gives a document
# at most one value; `date` is the ISO day, counted by month ("2021-10").
TABLE: tuple[Facet, ...] = (
    Facet("issuer", "Cơ quan ban hành", lambda r: list(r.issuers) or [r.issuer]),  # each agency of a joint text
    Facet("doc_type", "Loại văn bản", lambda r: [r.doc_type]),
    Facet("date", "Thời gian ban hành", lambda r: [r.date], sort="time"),
    Facet("topic", "Chủ đề", lambda r: list(r.topics)),
    Facet("recipient", "Nơi nhận", recipient_values),
    Facet("signer", "Người ký", lambda r: [r.signer]),
    Facet("issuer_level", "Cấp ban hành", lambda r: [r.issuer_level]),
    Facet("urgency", "Độ khẩn", lambda r: [r.urgency]),
)
BY_NAME: dict[str, Facet] = {facet.name: facet for facet in TABLE}
NAMES: tuple[str, ...] = tuple(BY_NAME)
LABELS: dict[str, str] = {facet.name: facet.label for facet in TABLE}


def is_cut(name: str) -> bool:
    """Whether an answer may carry only the first values of this facet (the `date` facet is always whole)."""
    return BY_NAME[name].sort == "count"
