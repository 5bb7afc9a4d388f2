"""kg.extraction.framing: each statement's frame-level attributes — quote kind, hedging, nesting (kind: tests/test_kind.py)."""
from __future__ import annotations

import pytest
from conftest import one


@pytest.fixture(scope="module")
def read(read_statements):
    return read_statements


@pytest.mark.parametrize("text, quote_kind, content", [
    ("“We will never surrender,” the general said.", "direct", "We will never surrender"),
    ("The general said the army “will never surrender” to anyone.", "mixed", "the army “will never surrender” to anyone"),
    ("The general said the army would never surrender.", "indirect", "the army would never surrender"),
])

def test_quote_kind_is_direct_mixed_or_indirect(read, text, quote_kind, content):
    statement = one(read, text)
    assert (statement.quote_kind, statement.content) == (quote_kind, content)


@pytest.mark.parametrize("text", [
    "The minister reportedly said the deal was off.",
    "Elena Varga allegedly said she would run.",
    "Elena Varga suggested that the vote had been rigged.",
    "Elena Varga said she believes the deal is fair.",
    "Elena Varga said she may run for office.",
    "Elena Varga said she is expected to run for office.",
    "Elena Varga said the vote appears to have been rigged.",
])

def test_a_hedge_in_the_frame_or_a_tentative_proposition_is_hedged(read, text):
    assert one(read, text).hedged is True


@pytest.mark.parametrize("text", [
    "Elena Varga said the ferry can carry two hundred people.",  # an ability modal
    "Elena Varga said the pier, which may close, was built in 1990.",  # a modal in a descriptive clause
    "Elena Varga said the ferry left at noon.",
])

def test_ability_modals_descriptive_clauses_and_plain_facts_are_not_hedged(read, text):
    assert one(read, text).hedged is False


def test_a_statement_whose_cue_is_in_anothers_content_is_reported_by_it(read):
    outer, inner = read("Tom Haller said Elena Varga told him that the vote had been rigged.")
    assert (outer.speaker, outer.reported_by) == ("Tom Haller", None)
    assert (inner.speaker, inner.reported_by) == ("Elena Varga", outer.id)


def test_the_evidence_is_the_sentence_verbatim_and_offsets_point_at_it(read):
    text = "The weather was cold. Elena Varga said the ferry left at noon."
    (statement,) = read(text)
    assert statement.evidence == "Elena Varga said the ferry left at noon."
    assert text[statement.start:statement.end] == statement.evidence
    assert text[statement.content_start:statement.content_end] == statement.content
    assert text[statement.speaker_start:statement.speaker_end] == statement.speaker == "Elena Varga"
    assert statement.cue == "said"


# -- kind on real-news constructions (issue 14): each sentence is ours; politics, business, war ---------------
