"""A QuerySpec (plain data from search_app/query/understand.py) → a Whoosh query.

A document's score is the sum of five kinds of evidence:
  text       each query syllable, BM25 per field, weighted subject > issuer > body
             (schema.TEXT_FIELDS); typed with marks and found with the same marks,
             only FOLDED_SHARE when it is found only after folding, so "cá" ranks
             "cá" above "cà" while "ca" treats both alike (accents="exact": a
             syllable typed with marks is found with those marks only)
  proximity  adjacent query words adjacent in the text (pairs), or forming one
             pyvi word (words)
  tiers      constant scores no text can outweigh: the document carrying a typed
             number first, then the documents citing it
  metadata   the document type the query names ("kế hoạch ..."), the issuers and
             dates it names (QuerySpec.boost_issuers, boost_dates): bonuses
  optional   the spec's optional groups, and the type and "số" before a typed number
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from whoosh import query as wq

from indexer.engine.base import Clause, Group, QuerySpec
from indexer.engine.pairs import pair_term
from indexer.engine.whoosh.schema import FACET_FIELDS, TEXT_FIELDS
from indexer.text import fold, has_marks, is_code, number_key

FOLDED_SHARE = 0.25  # a syllable typed with marks, found only after folding: its share of the score
PAIR_BOOST = 6.0  # the query's words standing together in the text
WORD_BOOST = 4.0  # ... forming one of pyvi's compound words
ISSUER_PAIR_BOOST = 4.0  # ... both in the issuer ("y tế" of "Sở Y tế")
CARRIER_SCORE = 1000.0  # the document whose number the query names
CITER_SCORE = 100.0  # a document citing that number
TYPE_SCORE = 30.0  # the document type the query names ("kế hoạch", "thông báo")
ISSUER_SCORE = 20.0  # a document of an issuer the query names
DATE_SCORE = 10.0  # a document dated in a period the query names
MAX_SUBSETS = 256  # the alternatives Whoosh's own matcher spells out for AtLeast (see AtLeast)


def _text_terms(token: str, exact: bool) -> list[wq.Query]:
    """One syllable in every text field, folded; again exactly when typed with marks
    (only exactly, when `exact`)."""
    folded = fold(token)
    if not has_marks(token):
        return [wq.Term(f, folded, boost=w) for _, f, w in TEXT_FIELDS]
    marked = [wq.Term(x, token.lower(), boost=w) for x, _, w in TEXT_FIELDS]
    return marked if exact else marked + [wq.Term(f, folded, boost=w * FOLDED_SHARE) for _, f, w in TEXT_FIELDS]


def _syllable(token: str, spec: QuerySpec) -> wq.Query:
    """One syllable, number or code (Covid-19, 5K): what must match, and how it scores."""
    if token.isdigit():
        return _bare_number(token, spec.number_codes(token))
    if is_code(token):
        key = number_key(token)
        return wq.Or([wq.Term(f, key, boost=w) for _, f, w in TEXT_FIELDS] + _number_tiers(key))
    return wq.Or(_text_terms(token, spec.accents == "exact"))


def _number_tiers(key: str) -> list[wq.Query]:
    """The carrier of a number (or of a number typed without its unit), then its citers."""
    carrier = wq.Or([wq.Term("number", key), wq.Prefix("number", f"{key}-")])
    return [wq.ConstantScoreQuery(carrier, CARRIER_SCORE),
            wq.ConstantScoreQuery(wq.Term("cites", key), CITER_SCORE)]


def _number(token: str) -> wq.Query:
    """A document number: the document that carries it, then those that cite it."""
    key = number_key(token)
    return wq.Or([*_number_tiers(key), wq.Term("subject_f", key, boost=TEXT_FIELDS[0][2]), wq.Term("body_f", key)])


def _bare_number(digits: str, codes: tuple[str, ...] | None | bool) -> wq.Query:
    """'285' alone, after 'số', or after a type ('thông báo 285'): carrier and citers by prefix.

    `codes` False: just a number in the text (a count, a year); None: any type;
    a tuple: those number codes, '' standing for a Công văn (agency symbol, no code).
    """
    text = wq.Or([wq.Term("subject_f", digits, boost=TEXT_FIELDS[0][2]), wq.Term("body_f", digits)])
    if codes is False:
        return text
    forms = {digits.lstrip("0") or "0", digits.zfill(2)}
    tiers = []
    for fieldname, score in (("number", CARRIER_SCORE), ("cites", CITER_SCORE)):
        if codes is None:
            patterns = [q for n in forms for q in (wq.Prefix(fieldname, f"{n}/"), wq.Prefix(fieldname, f"{n}-"))]
        else:
            patterns = []
            for n in forms:
                for code in codes:
                    if code:
                        patterns += [wq.Prefix(fieldname, f"{n}/{code}-"), wq.Wildcard(fieldname, f"{n}/*/{code}-*"),
                                     wq.Prefix(fieldname, f"{n}-{code}/")]
                    else:  # a Công văn: number/AGENCY-UNIT, the type known from the record
                        cong_van = wq.Prefix(fieldname, f"{n}/")
                        if fieldname == "number":
                            cong_van = wq.And([cong_van, wq.Term("f_doc_type", "Công văn")])
                        patterns.append(cong_van)
        tiers.append(wq.ConstantScoreQuery(wq.Or(patterns), score))
    return wq.Or([*tiers, text])


def _number_forms(forms: Sequence[str]) -> list[wq.Query]:
    """A number typed as staff type it: its carriers first, then its citers (empty without forms)."""
    if not forms:
        return []
    mentions = [wq.Term(f, form, boost=w) for form in forms if not form.startswith("t:")
                for _, f, w in TEXT_FIELDS]  # a number written out in a text: found, ranked last
    return [wq.Or([wq.ConstantScoreQuery(wq.Or([wq.Term("number_forms", f) for f in forms]), CARRIER_SCORE),
                   wq.ConstantScoreQuery(wq.Or([wq.Term("cite_forms", f) for f in forms]), CITER_SCORE),
                   *mentions])]


def _phrase(toks: Sequence[str], spec: QuerySpec) -> wq.Query:
    """Syllables in order: required as adjacent pairs, scored like words plus the pairs."""
    if len(toks) == 1:
        return _syllable(toks[0], spec)
    pairs = [wq.Term(*pair_term(a, b, spec.accents == "exact")) for a, b in zip(toks, toks[1:], strict=False)]
    return wq.And([*pairs, *(_syllable(t, spec) for t in toks)])


def clause_query(clause: Clause, spec: QuerySpec) -> wq.Query:
    if clause.kind == "number":
        return _number(clause.tokens[0])
    if clause.kind == "phrase":
        return _phrase(clause.tokens, spec)
    return _syllable(clause.tokens[0], spec)


def _group_query(group: Group, spec: QuerySpec) -> wq.Query:
    """Any one of a group's alternatives; spellings that fold alike count once (but for accents="exact")."""
    seen: dict[tuple[str, ...], Clause] = {}
    for clause in group:
        seen.setdefault(tuple(t.lower() if spec.accents == "exact" else fold(t).lower() for t in clause.tokens),
                        clause)
    alternatives = [clause_query(c, spec) for c in seen.values()]
    return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)


def _is_lead(group: Group, spec: QuerySpec) -> bool:
    """The type and "số" before a typed number: scored when present, not required."""
    return len(group) == 1 and group[0].kind == "word" and fold(group[0].tokens[0].lower()) in spec.leads


def _proximity(runs: Sequence[tuple[str, ...]]) -> list[wq.Query]:
    """Optional boosts: the typed words adjacent, or forming one pyvi word."""
    boosts: list[wq.Query] = []
    for run in runs:
        folded = [fold(t).lower() if not is_code(t) else None for t in run]
        for a, b in zip(folded, folded[1:], strict=False):
            if a is None or b is None:  # a number or code between: no pair across it
                continue
            boosts.append(wq.Term("pairs", f"{a}_{b}", boost=PAIR_BOOST))
            boosts.append(wq.Term("words", f"{a}_{b}", boost=WORD_BOOST))
            boosts.append(wq.And([wq.Term("issuer_f", w, boost=ISSUER_PAIR_BOOST) for w in (a, b)]))
    return boosts


def _metadata(spec: QuerySpec) -> list[wq.Query]:
    """The type, issuers and periods the query names; value fields are not scorable, so a boost is a score."""
    out: list[wq.Query] = [wq.Term(FACET_FIELDS["doc_type"], t, boost=TYPE_SCORE) for t in spec.types]
    out += [wq.Term(FACET_FIELDS["issuer"], name, boost=ISSUER_SCORE) for name in spec.boost_issuers]
    out += [wq.ConstantScoreQuery(wq.TermRange(FACET_FIELDS["date"], low or None, high or None), DATE_SCORE)
            for low, high in spec.boost_dates]
    return out


class AtLeast(wq.CompoundQuery):
    """Documents matching at least `minimum` of the subqueries, scored by every one they match.

    Whoosh's Or ignores its `minmatch` ("not yet implemented"); the numpy
    evaluator counts matches directly (numpy_query). Whoosh's own matcher,
    used only when the evaluator cannot take a query, spells the condition
    out as an Or of the Ands of `minimum`-subsets, which requires more items
    when there would be more than MAX_SUBSETS of them.
    """

    JOINT = " ATLEAST "

    def __init__(self, subqueries: Sequence[wq.Query], minimum: int, boost: float = 1.0) -> None:
        super().__init__(list(subqueries), boost=boost)
        self.minimum = minimum

    def __eq__(self, other: object) -> bool:
        return super().__eq__(other) and getattr(other, "minimum", None) == self.minimum

    def __hash__(self) -> int:
        return hash((super().__hash__(), self.minimum))

    def normalize(self) -> wq.Query:
        return self

    def spelled_out(self) -> wq.Query:
        items, count = self.subqueries, min(self.minimum, len(self.subqueries))
        while count < len(items) and math.comb(len(items), count) > MAX_SUBSETS:
            count += 1
        subsets = [wq.And(list(chosen)) for chosen in itertools.combinations(items, count)]
        # the filter scores (next to) nothing: Whoosh reads a constant of 0.0 as "no constant"
        return wq.AndMaybe(wq.ConstantScoreQuery(wq.Or(subsets), 1e-9), wq.Or(items))

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return self.spelled_out().matcher(searcher, context)


def _at_least(items: list[wq.Query], minimum: int) -> wq.Query:
    if minimum >= len(items):
        return wq.And(items) if len(items) > 1 else items[0]
    return AtLeast(items, max(1, minimum))


def to_whoosh(spec: QuerySpec | None) -> wq.Query | None:
    """The Whoosh query for a spec; None when it asks for nothing (browse everything)."""
    if spec is None or spec.is_empty:
        return None
    if not spec.groups and not spec.optional:
        return _number_forms(spec.number_forms)[0]
    required = [g for g in spec.groups if not _is_lead(g, spec)]
    optional = [g for g in spec.groups if _is_lead(g, spec)] + list(spec.optional)
    if not required:  # only function words, or only leads: they are what was asked
        required, optional = (list(spec.groups), list(spec.optional)) if spec.groups else (list(spec.optional), [])
    must = [_group_query(g, spec) for g in required] + _number_forms(spec.number_forms)
    minimum = spec.minimum_should_match
    core = _at_least(must, minimum) if minimum is not None else (wq.And(must) if len(must) > 1 else must[0])
    bonus = [_group_query(g, spec) for g in optional] + _proximity(spec.runs) + _metadata(spec)
    if bonus:
        core = wq.AndMaybe(core, wq.Or(bonus))
    if spec.exclude:
        excluded = replace(spec, numbers=())  # an excluded number is its digits only
        core = wq.AndNot(core, wq.Or([_group_query(g, excluded) for g in spec.exclude]))
    return core
