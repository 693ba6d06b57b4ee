"""The Whoosh schema and the mapping from a Record to an index document.

Each searchable text is indexed twice (exact and folded), plus syllable pairs
and pyvi words for phrase and word matching. Facet values go in value fields,
one token per canonical value, read back as columns by the searcher.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from indexer.engine.whoosh.analysis import (
    VALUE_SEPARATOR,
    exact_analyzer,
    exact_pairs_analyzer,
    folded_analyzer,
    pairs_analyzer,
    values_analyzer,
    words_analyzer,
)
from indexer.facets import TABLE
from indexer.record import Record
from indexer.text import number_key
from indexer.words.number_forms import held_forms

# Facet name (public, in URLs and the API, from indexer/facets.py) → index field.
FACET_FIELDS = {facet.name: "f_level" if facet.name == "issuer_level" else f"f_{facet.name}" for facet in TABLE}
# Text fields searched by a query: (exact field, folded field, weight). The issuer
# weighs most: a query naming an agency ("bộ y tế ...") means its documents, not
# the many that cite it in their subject (eval/RESULTS.md measured 2.0 → 4.0).
TEXT_FIELDS = (
    ("subject", "subject_f", 3.0),
    ("issuer_t", "issuer_f", 4.0),
    ("body", "body_f", 1.0),
)


def build_schema() -> Schema:
    def text(analyzer: Callable[[], Any], boost: float = 1.0) -> TEXT:
        return TEXT(analyzer=analyzer(), phrase=False, field_boost=boost)

    values = dict(analyzer=values_analyzer(), scorable=False)
    return Schema(
        id=ID(stored=True, unique=True),
        source=ID(stored=True),
        record=STORED(),
        number=KEYWORD(analyzer=values_analyzer(), scorable=True, field_boost=8.0),
        cites=KEYWORD(analyzer=values_analyzer(), scorable=True, field_boost=2.0),
        number_forms=KEYWORD(analyzer=values_analyzer()),  # indexer.words.number_forms: how staff type it
        cite_forms=KEYWORD(analyzer=values_analyzer()),
        subject=text(exact_analyzer, 3.0),
        subject_f=text(folded_analyzer, 3.0),
        issuer_t=text(exact_analyzer, 2.0),
        issuer_f=text(folded_analyzer, 2.0),
        body=text(exact_analyzer),
        body_f=text(folded_analyzer),
        pairs=text(pairs_analyzer, 1.5),
        # Exact pairs for a word typed with marks ("hòa giải", never "hóa giải"), not positions. Measured
        # on the 2,249 legal articles, 300 two-syllable words of the questions, first page: a Term on
        # exact pairs p50 0.28 ms / p95 40 ms; Whoosh's Phrase on a positions field p50 88 ms / p95 449 ms
        # (its phrase matcher walks positions in Python). The pairs field is larger (7.0 MB against
        # 3.7 MB) and slower to build (42 s against 30 s), on a loaded machine.
        pairs_x=text(exact_pairs_analyzer, 1.5),
        words=text(words_analyzer, 1.0),
        added=KEYWORD(**values),  # when the file was first indexed (ISO UTC): the order of a followed search
        **{field: KEYWORD(**values) for field in FACET_FIELDS.values()},
    )


def _values(values: list[str | None]) -> str:
    return VALUE_SEPARATOR.join(v for v in values if v)


def to_document(record: Record) -> dict[str, Any]:
    """The fields Whoosh indexes for one record; the body without the layout's fixed parts."""
    body = record.searchable_text()
    parts = VALUE_SEPARATOR.join((record.subject or "", record.issuer or "", body))
    return {
        "id": record.id,
        "source": record.source,
        "record": json.dumps(record.as_dict(), ensure_ascii=False),
        "number": _values([number_key(n) for n in record.numbers()]),  # its files' and versions' too
        "cites": _values([number_key(c["number"]) for c in record.cites if c.get("number")]),
        "number_forms": _values(sorted({f for n in record.numbers() for f in held_forms(n, record.doc_type)})),
        "cite_forms": _values(sorted({f for c in record.cites for f in held_forms(c.get("number"))})),
        "subject": record.subject or "",
        "subject_f": record.subject or "",
        "issuer_t": record.issuer or "",
        "issuer_f": record.issuer or "",
        "body": body,
        "body_f": body,
        "pairs": parts,
        "pairs_x": parts,
        "words": f"{record.subject or ''}\n{record.body}",
        "added": record.added or "",
        **{FACET_FIELDS[facet.name]: _values(facet.of(record)) for facet in TABLE},
    }
