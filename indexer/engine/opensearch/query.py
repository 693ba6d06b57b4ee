"""A QuerySpec as OpenSearch query DSL, scored like the Whoosh engine where the DSL can say it.

A document's score is the sum of (see the Whoosh engine for the reasons):
  text       each syllable by BM25 in the folded sub-fields, weighted subject,
             issuer, body (mapping.TEXT_FIELDS); typed with marks, the exact
             field scores in full and the folded one FOLDED_SHARE of it
  proximity  the typed words adjacent (pairs shingles) or one pyvi word (words)
  tiers      constant_score no text can outweigh: the document carrying a typed
             number, then the documents citing it
  metadata   the document type the query names, agencies and dates it names
A group is a bool `should` (any clause matches; scores add, as Whoosh's Or);
required groups are `must`, or `should` with minimum_should_match.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from indexer.engine.base import CONG_VAN, Clause, Group, QuerySpec
from indexer.engine.opensearch.mapping import TEXT_FIELDS
from indexer.engine.pairs import pair_term
from indexer.text import fold, has_marks, is_code, nfc, number_key

FOLDED_SHARE = 0.25
PAIR_BOOST = 6.0 * 1.5  # the pairs field weighs 1.5 in the Whoosh schema
WORD_BOOST = 4.0
ISSUER_PAIR_BOOST = 4.0
CARRIER_SCORE = 1000.0
CITER_SCORE = 100.0
TYPE_SCORE = 30.0
ISSUER_SCORE = 20.0  # an agency the query names
DATE_SCORE = 10.0  # a year or month the query names

Query = dict[str, Any]


def term(fieldname: str, value: str, boost: float = 1.0) -> Query:
    return {"term": {fieldname: {"value": value, "boost": boost}}}


def any_of(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else {"bool": {"should": queries, "minimum_should_match": 1}}


def constant(query: Query, score: float) -> Query:
    return {"constant_score": {"filter": query, "boost": score}}


def _text_terms(token: str, exact_only: bool) -> list[Query]:
    """One syllable in every text field, folded; exactly as typed when it has marks."""
    word = nfc(token).lower()
    folded = fold(word)
    if not has_marks(word):
        return [term(f"{f}.f", folded, w) for f, w in TEXT_FIELDS]
    exact = [term(f, word, w) for f, w in TEXT_FIELDS]
    return exact if exact_only else exact + [term(f"{f}.f", folded, w * FOLDED_SHARE) for f, w in TEXT_FIELDS]


def _number_tiers(key: str) -> list[Query]:
    carrier = any_of([term("number", key), {"prefix": {"number": f"{key}-"}}])
    return [constant(carrier, CARRIER_SCORE), constant(term("cites", key), CITER_SCORE)]


def _number(token: str) -> Query:
    key = number_key(token)
    return any_of([*_number_tiers(key), term("subject.f", key, TEXT_FIELDS[0][1]), term("body.f", key)])


def _bare_number(digits: str, codes: tuple[str, ...] | None | bool) -> Query:
    """'285' alone, after 'số' or after a type: carrier and citers by prefix (QuerySpec.numbers)."""
    text = any_of([term("subject.f", digits, TEXT_FIELDS[0][1]), term("body.f", digits)])
    if codes is False:
        return text
    forms = sorted({digits.lstrip("0") or "0", digits.zfill(2)})
    tiers = []
    for fieldname, score in (("number", CARRIER_SCORE), ("cites", CITER_SCORE)):
        patterns: list[Query] = []
        for n in forms:
            if codes is None:
                patterns += [{"prefix": {fieldname: f"{n}/"}}, {"prefix": {fieldname: f"{n}-"}}]
                continue
            for code in codes:
                if code:
                    patterns += [{"prefix": {fieldname: f"{n}/{code}-"}},
                                 {"wildcard": {fieldname: f"{n}/*/{code}-*"}},
                                 {"prefix": {fieldname: f"{n}-{code}/"}}]
                elif fieldname == "number":  # a Công văn: number/AGENCY-UNIT, the type known from the record
                    patterns.append({"bool": {"filter": [{"prefix": {fieldname: f"{n}/"}},
                                                         term("doc_type", CONG_VAN)]}})
                else:
                    patterns.append({"prefix": {fieldname: f"{n}/"}})
        tiers.append(constant(any_of(patterns), score))
    return any_of([*tiers, text])


def _syllable(token: str, spec: QuerySpec, exact_only: bool) -> Query:
    if token.isdigit():
        return _bare_number(token, spec.number_codes(token))
    if is_code(token):
        key = number_key(token)
        return any_of([term(f"{f}.f", key, w) for f, w in TEXT_FIELDS] + _number_tiers(key))
    return any_of(_text_terms(token, exact_only))


def clause_query(clause: Clause, spec: QuerySpec, exact_only: bool = False) -> Query:
    if clause.kind == "number":
        return _number(clause.text)
    if clause.kind == "phrase" and len(clause.tokens) > 1:
        toks = clause.tokens
        pairs = [term(*pair_term(a, b, exact_only), 1.5) for a, b in zip(toks, toks[1:], strict=False)]
        return {"bool": {"must": pairs + [_syllable(t, spec, exact_only) for t in clause.tokens]}}
    return _syllable(clause.tokens[0], spec, exact_only)


def group_query(group: Group, spec: QuerySpec, exact_only: bool = False) -> Query:
    """Any one of a group's clauses; spellings that fold alike count once (but for accents="exact")."""
    seen: dict[tuple[str, ...], Clause] = {}
    for clause in group:
        seen.setdefault(tuple(t.lower() if exact_only else fold(t).lower() for t in clause.tokens), clause)
    return any_of([clause_query(c, spec, exact_only) for c in seen.values()])


def _proximity(runs: tuple[tuple[str, ...], ...]) -> list[Query]:
    boosts: list[Query] = []
    for run in runs:
        folded = [fold(nfc(t)).lower() if not is_code(t) else None for t in run]
        for a, b in zip(folded, folded[1:], strict=False):
            if a is None or b is None:
                continue
            boosts.append(term("pairs", f"{a}_{b}", PAIR_BOOST))
            boosts.append(term("words", f"{a}_{b}", WORD_BOOST))
            boosts.append({"bool": {"must": [term("issuer_t.f", w, ISSUER_PAIR_BOOST) for w in (a, b)]}})
    return boosts


def _metadata(spec: QuerySpec) -> list[Query]:
    out = [constant(term("doc_type", t), TYPE_SCORE) for t in spec.types]
    out += [constant(term("issuer", name), ISSUER_SCORE) for name in spec.boost_issuers]
    out += [constant({"range": {"date": {"gte": low, "lte": high}}}, DATE_SCORE) for low, high in spec.boost_dates]
    return out


def _number_forms(forms: tuple[str, ...]) -> list[Query]:
    """A number typed as staff type it: its carriers first, then its citers (as the Whoosh engine)."""
    if not forms:
        return []
    mentions = [term(f"{f}.f", form, w) for form in forms if not form.startswith("t:") for f, w in TEXT_FIELDS]
    return [any_of([constant({"terms": {"number_forms": list(forms)}}, CARRIER_SCORE),
                    constant({"terms": {"cite_forms": list(forms)}}, CITER_SCORE), *mentions])]


def _is_lead(group: Group, spec: QuerySpec) -> bool:
    """The type and "số" before a typed number: scored when present, not required."""
    return len(group) == 1 and group[0].kind == "word" and fold(group[0].tokens[0].lower()) in spec.leads


def build_query(spec: QuerySpec) -> Query:
    """The whole query: required groups, optional and proximity bonuses, exclusions."""
    if not spec.groups and not spec.optional:
        return _number_forms(spec.number_forms)[0]
    exact_only = spec.accents == "exact"
    required = [g for g in spec.groups if not _is_lead(g, spec)]
    optional = [g for g in spec.groups if _is_lead(g, spec)] + list(spec.optional)
    if not required:  # only function words, or only leads: they are what was asked
        required, optional = (list(spec.groups), list(spec.optional)) if spec.groups else (list(spec.optional), [])
    must = [group_query(g, spec, exact_only) for g in required] + _number_forms(spec.number_forms)
    bonus = [group_query(g, spec, exact_only) for g in optional] + _proximity(spec.runs) + _metadata(spec)
    minimum = spec.minimum_should_match
    if minimum is not None and minimum < len(must):
        core: list[Query] = [{"bool": {"should": must, "minimum_should_match": max(1, minimum)}}]
    else:
        core = must
    query: Query = {"bool": {"must": core}}
    if bonus:
        query["bool"]["should"] = bonus
    if spec.exclude:
        excluded = replace(spec, numbers=())  # an excluded number is its digits only
        query["bool"]["must_not"] = [group_query(g, excluded, exact_only) for g in spec.exclude]
    return query
