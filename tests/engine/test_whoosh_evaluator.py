"""The Whoosh engine's numpy evaluator matches and scores as Whoosh itself does.

The evaluator replaces Whoosh's document-at-a-time matching; this checks,
on the bundled corpus, that the documents and their scores are Whoosh's for
the queries the translation produces (AtLeast against its spelled-out form).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from indexer.engine.whoosh import WhooshEngine
from indexer.engine.whoosh.translate import AtLeast, to_whoosh
from search_app.query.understand import understand

# "-covid cong van": without an index to join them, the syllables stay apart. Typed "-covid công văn" the word
# "công văn" is a pair term, and Whoosh's own AndNot matcher then keeps a document holding "covid" (reproduced on
# the code before words: AndNot(Term("pairs", "cong_van"), Term("body_f", "covid")) lists document 1, which holds
# both); the evaluator, which the engine runs, excludes it.
QUERIES = ["cách ly", "cach ly tai nha", '"phòng chống dịch"', "ủy ban nhân dân", "y te", "covid-19",
           "kế hoạch tiêm vắc xin", "khong co tu nao nhu the", "-covid cong van", "570/CĐ-TTg", "thông báo 285"]


@pytest.fixture(scope="module")
def engine(corpus_index: Path) -> WhooshEngine:
    return WhooshEngine(corpus_index, warm_terms=False)


def _whoosh(engine: WhooshEngine, q: object) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in engine.searcher().search(q, limit=None)}


@pytest.mark.parametrize("text", QUERIES)
def test_numpy_evaluation_matches_whoosh(engine: WhooshEngine, text: str) -> None:
    q = to_whoosh(understand(text).spec)
    mask, scores = engine.evaluator.evaluate(engine.searcher(), q)
    expected = _whoosh(engine, q)
    assert set(np.flatnonzero(mask).tolist()) == set(expected)
    for docnum, score in expected.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize("text", ["cach ly tai nha vac xin", "ke hoach tiem chung covid"])
def test_at_least_matches_its_spelled_out_form(engine: WhooshEngine, text: str) -> None:
    def at_least(q: object) -> AtLeast | None:
        if isinstance(q, AtLeast):
            return q
        return next((found for child in q.children() if (found := at_least(child))), None)

    spec = understand(text).spec
    node = at_least(to_whoosh(replace(spec, minimum_should_match=max(2, len(spec.groups) // 2))))
    assert node is not None, "the relaxed query asks for a share of its words"
    mask, _ = engine.evaluator.evaluate(engine.searcher(), node)
    assert set(np.flatnonzero(mask).tolist()) == set(_whoosh(engine, node.spelled_out()))
