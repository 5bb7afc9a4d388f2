"""The attribution rule registry: one order, unique ids, docstrings quoting English, explicit inputs only."""
from __future__ import annotations

import dataclasses
import inspect
import re

import pytest

from kg.extraction.attribution import AttributionRules, SentenceContext, frame_rules, registry
from kg.extraction.pipeline import doc_quotes
from kg.lexicon import load_lexicon
from kg.provenance import all_rules

ALL = (*registry.ORDER, *registry.INNER_RULES)
# a quoted example of at least three words: 'X said ...' or “...”
_EXAMPLE = re.compile(r"['‘“][^'’”]*\w+\s+\w+\s+\w+[^'’”]*['’”]")


def test_the_registry_orders_the_rules_in_one_place():
    assert [f.rule_id for f in registry.ORDER] == [
        "non-statement",
        "verb-frame", "according-to", "citing", "report-noun-clause", "offer-from", "owned-cue-noun", "signal-noun",
        "hedge-adverb", "attitude",
        "drop-quoted-cue",
        "for-perspective", "colon-quote",
        "sentence-initial-citing", "each-speaker", "quoter-speaks", "merge", "trailing-outlet", "propositions"]
    assert list(frame_rules()) == [f.rule_id for f in ALL]


def test_rule_ids_are_unique_and_stable_short_strings():
    ids = [f.rule_id for f in ALL]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", i) for i in ids), ids
    # no frame rule shares an id with a rule of another aspect (those are 'aspect/name')
    assert not set(ids) & {i for i in all_rules() if "/" in i}


@pytest.mark.parametrize("rule", ALL, ids=lambda f: f.rule_id)
def test_every_rule_has_a_docstring_with_an_example_sentence(rule):
    doc = inspect.getdoc(rule)
    assert doc, f"{rule.rule_id} has no docstring"
    assert _EXAMPLE.search(doc), f"{rule.rule_id}: the docstring quotes no English it handles: {doc!r}"


@pytest.mark.parametrize("rule", registry.ORDER, ids=lambda f: f.rule_id)
def test_every_rule_reads_a_context_and_nothing_hidden(rule):
    params = list(inspect.signature(rule).parameters)
    assert params[0] == "ctx"
    expected = {registry.TOKEN_RULES: ["ctx", "tok"], registry.BLOCKING_RULES: ["ctx"]}
    for group, names in expected.items():
        if rule in group:
            assert params == names
    if rule in (*registry.FILTERS, *registry.SENTENCE_RULES, *registry.REFINEMENTS):
        assert params == ["ctx", "frames"]


def test_the_context_is_frozen_and_the_rules_keep_no_state(nlp):
    rules = AttributionRules(load_lexicon([]))
    before = dict(vars(rules))
    doc = nlp("“We will not retreat,” the minister said, according to the Valley Courier. The union vowed to strike.")
    quotes = doc_quotes(doc)
    first = [[(f.rules, f.speaker.text, [t.i for t in f.content]) for f in rules.frames(s, quotes)] for s in doc.sents]
    again = [[(f.rules, f.speaker.text, [t.i for t in f.content]) for f in rules.frames(s, quotes)] for s in doc.sents]
    assert first == again
    assert vars(rules) == before  # nothing was left on the object between calls
    ctx = rules.context(next(iter(doc.sents)), quotes)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.quotes = ()  # type: ignore[misc]
    assert isinstance(ctx, SentenceContext) and ctx.lexicon is rules.lexicon


@pytest.mark.parametrize("text, rule_id", [
    ("The regulator warned that the merger would hurt consumers.", "verb-frame"),
    ("The plant will close in May, according to two managers.", "according-to"),
    ("Halvard Steel plans to sell its rail unit, citing people familiar with the matter.", "citing"),
    ("Shares rose following reports it is to be bought by a rival.", "report-noun-clause"),
    ("The board rejected a takeover offer from retail tycoon Philip Green.", "offer-from"),
    ("The union's insistence on a pay rise of ten percent angered the board.", "owned-cue-noun"),
    ("The board received signals that Nordex is interested in the deal.", "signal-noun"),
    ("The envoy reportedly favours a ceasefire.", "hedge-adverb"),
    ("Western diplomats were skeptical of the proposal.", "attitude"),
    ("For the union, the offer is an insult to every worker.", "for-perspective"),
    ("The chief executive, Marta Lind, was blunt: “The price rises are over.”", "colon-quote"),
])
def test_each_frame_rule_finds_the_english_it_is_for(nlp, text, rule_id):
    rules = AttributionRules(load_lexicon([]))
    doc = nlp(text)
    found = [f.rules for s in doc.sents for f in rules.frames(s, doc_quotes(doc))]
    assert any(r[0] == rule_id for r in found), found


def test_a_non_statement_blocks_its_words(nlp):
    rules = AttributionRules(load_lexicon([]))
    doc = nlp("The ministry declined to comment on the report.")
    blocked = registry.non_statement_tokens(rules.context(next(iter(doc.sents)), []))
    assert {doc[i].lower_ for i in blocked} >= {"declined", "comment"}
    assert rules.frames(next(iter(doc.sents)), []) == []


def test_the_rules_are_built_once_for_the_components_that_read_them(nlp):
    assert nlp.get_pipe("kg_attribution").rules is nlp.get_pipe("kg_actors").rules
