"""kg.extraction.kind: stance or claim, read from the structure of the statement's clause (our own sentences)."""
from __future__ import annotations

import pytest
from conftest import one

from kg.extraction.kind import KindRules, clause_roots
from kg.lexicon import load_lexicon


@pytest.fixture(scope="module")
def read(read_statements):
    return read_statements


@pytest.fixture(scope="module")
def rules() -> KindRules:
    return KindRules(load_lexicon(), tentative=lambda root: False)


def test_the_decision_names_the_rule_that_made_it(nlp, rules):
    doc = nlp("We will not sign the treaty.")
    assert rules.decide(list(doc)) == ("stance", "kind/agent-will")
    doc = nlp("The ferry left the harbour at noon.")
    assert rules.decide(list(doc)) == ("claim", "kind/reported-fact")


def test_a_dated_plan_reads_as_a_claim_whatever_its_words(nlp, rules):
    assert rules.claim_structure(list(nlp("Negotiators will resume talks on Wednesday.")))
    assert not rules.claim_structure(list(nlp("Negotiators are willing to resume talks.")))


def test_clause_roots_include_conjoined_verbs(nlp):
    doc = nlp("The union met the board and rejected the offer.")
    assert [t.text for t in clause_roots(list(doc))] == ["met", "rejected"]


@pytest.mark.parametrize("text", [
    "The general vowed to fight on.",  # a cue that takes a position
    "Elena Varga insisted that the vote had been rigged.",
    "Elena Varga rejected the offer.",
    "Elena Varga said the new tax was unacceptable.",  # an evaluative word after a neutral cue
    "Elena Varga said she would not sign the deal.",  # a refusal
    "Elena Varga said the company would appeal.",  # an agent's undated will
    "Elena Varga said the union could end the strike if wages rise.",  # a conditional offer
    "Elena Varga said she has not decided whether to run.",  # an open position
    "“We will never surrender,” the general said.",
])

def test_stances(read, text):
    assert one(read, text).kind == "stance"


@pytest.mark.parametrize("text", [
    "Elena Varga said the ferry left at noon.",
    "Elena Varga said the ferry will leave at noon on Friday.",  # a dated schedule, not a will
    "The company said on Tuesday that sales rose.",
    "Elena Varga said she is able to run.",
])

def test_claims(read, text):
    assert one(read, text).kind == "claim"


@pytest.mark.parametrize("text", [
    "The spokesman quoted the president as saying the country's preference was for a negotiated settlement.",
    "The agency quoted the chairman as saying the board was willing to sell the unit.",
    "The newspaper quoted the general as saying the offensive was a mistake.",
])

def test_a_stance_reported_through_quoting_someone_as_saying(read, text):
    assert read(text)[0].kind == "stance"


@pytest.mark.parametrize("text", [
    "“Whoever wrote this, it just shows how desperate they are,” the senator said.",
    "“The leak proves how reckless the ministry has become,” the opposition leader said.",
    "“This shows how dangerous the escalation is,” the defence minister said.",
])

def test_the_judgement_inside_what_something_shows_is_a_stance(read, text):
    assert one(read, text).kind == "stance"


@pytest.mark.parametrize("text", [
    "The regulator said there were several questions that the bidder should answer.",
    "The minister said there were reforms that parliament must pass before the summer.",
    "The commander said there were positions that the army should never give up.",
])

def test_a_duty_in_a_relative_clause_is_a_stance(read, text):
    assert one(read, text).kind == "stance"


@pytest.mark.parametrize("text", [
    "“There is no statement about this from our side,” the ministry spokeswoman said.",
    "The company said there was no truth in the reports of a merger.",
    "“There is no basis for these accusations,” the army spokesman said.",
])

def test_denying_that_a_word_or_a_ground_exists_is_a_stance(read, text):
    assert one(read, text).kind == "stance"


@pytest.mark.parametrize("text", [
    "“There is a lot of fiction being written about these meetings,” the envoy said.",
    "“It was a pack of lies from start to finish,” the chief executive said.",
    "“What we heard today was a load of nonsense,” the party leader said.",
])

def test_a_measure_of_falsehood_is_a_stance(read, text):
    assert one(read, text).kind == "stance"


@pytest.mark.parametrize("text", [
    "The company said it had unanimously turned down the approach from its rival.",
    "The prime minister said she had rejected the proposal.",
    "The rebels said they had welcomed the ceasefire plan.",
    "The army announced that it has suspended its participation in the peace talks.",
    "The opposition said it had withdrawn from the negotiations.",
    "The union said it had walked out of the talks.",
    "The rebels said they had urged the army to stop shelling the city.",
    "The union said it is cooperating with the inquiry.",
])

def test_the_speaker_s_own_act_told_in_indirect_speech_is_a_stance(read, text):
    assert read(text)[0].kind == "stance"


@pytest.mark.parametrize("text", [
    "“We are preparing to welcome the president in August,” the foreign minister said.",
    "The company said it was planning to open the factory next spring.",
    "The spokesman said the brigade was preparing to leave the city on Monday.",
    "The plant manager said the company had suspended production at the site.",  # an operational event
    "The army said it had withdrawn from the town.",  # leaving a place, not a process
    "The airline said it had ordered 50 new jets.",  # a verb of asking with a plain object
    "Police said there was no evidence of foul play.",  # no ground word: a finding
    "The mayor said there had been no warning before the blast.",  # in the past: a fact
    "Elena Varga said the ferry left at noon, a lowering of demand for the route.",
])

def test_schedules_and_events_stay_claims(read, text):
    assert read(text)[0].kind == "claim"


@pytest.mark.parametrize("text", [
    "The governor said she had met the lawmakers halfway and would not sign any budget that cut schools.",
    "The envoy said Washington had not discussed the border with Moscow and would not do so without Kyiv.",
    "The chief executive said the firm had cut costs and would not raise prices this year.",
])

def test_a_refusal_in_a_verb_phrase_that_shares_its_subject_is_a_stance(read, text):
    assert one(read, text).kind == "stance"


@pytest.mark.parametrize("text", [
    "The mediator told reporters that 15 of the treaty's 17 articles had been agreed.",
    "The clerk said the new rules were accepted by the committee in March.",
    "The spokeswoman said the ceasefire terms had been agreed overnight.",
])

def test_a_stance_verb_in_the_passive_of_a_thing_is_an_event(read, text):
    assert one(read, text).kind == "claim"


@pytest.mark.parametrize("text", [
    "The presidency said the video had been doctored.",  # a passive that still judges
    "The minister said the figures had been exaggerated.",
])

def test_a_passive_that_judges_stays_a_stance(read, text):
    assert one(read, text).kind == "stance"


@pytest.mark.parametrize("text", [
    "The chief executive had told her board that she saw the rival as the missing piece of the strategy.",
    "The senator said he saw the treaty as a betrayal of the border towns.",
    "The general said he considered the bridge as a legitimate target.",
])

def test_an_opinion_verb_with_as_is_a_judgement(read, text):
    assert read(text)[-1].kind == "stance"


@pytest.mark.parametrize("text", [
    "The chairman said in a letter that the price was a full and fair one.",
    "The chairman wrote that 600 pence was a full and fair price.",
    "The opposition leader said the war was a cruel and senseless mistake.",
])

def test_coordinated_judging_adjectives_are_read(read, text):
    assert one(read, text).kind == "stance"


@pytest.mark.parametrize("text", [
    "The finance minister has already told the tax agency to suspend collection of the levy from Monday.",
    "The mayor asked residents to leave the flooded district.",
    "The general told his troops to hold the bridge.",
])

def test_telling_someone_to_act_is_an_instruction(read, text):
    assert one(read, text).kind == "stance"


def test_telling_someone_a_fact_stays_a_claim(read):
    assert one(read, "The port director told reporters that the cranes had been repaired.").kind == "claim"


@pytest.mark.parametrize("text", [
    "“Unless one of them moves, this process is going to run out of road,” the analyst said.",
    "“Investors are going to read this as a warning,” the fund manager said.",
    "The economist said inflation was going to stay high until the spring.",
])

def test_what_a_thing_or_a_crowd_is_going_to_do_is_a_forecast(read, text):
    assert read(text)[0].kind == "claim"


@pytest.mark.parametrize("text", [
    "“We are not going to chase this deal at any cost,” the chief executive said.",
    "The union leader said her members were not going to accept another freeze.",
])

def test_what_an_agent_is_going_to_do_stays_a_will(read, text):
    assert read(text)[0].kind == "stance"


@pytest.mark.parametrize("text", [
    "The governor said the committee would look closely at wage data due next month.",
    "The minister said the government would study the audit scheduled for Friday.",
])

def test_a_date_on_a_noun_s_modifier_does_not_make_a_will_a_schedule(read, text):
    assert one(read, text).kind == "stance"


def test_a_date_on_the_clause_still_makes_a_schedule(read):
    assert one(read, "The governor said the committee would meet next month.").kind == "claim"


@pytest.mark.parametrize("text", [
    "The carmaker played down the report, saying the recall involved only a handful of vehicles.",
    "The ministry dismissed the claims, saying the troops had stayed in their barracks.",
    "The board rejected the bid, saying the company was worth far more.",
])

def test_the_grounds_given_for_a_denial_are_a_stance(read, text):
    statements = read(text)
    assert [s.kind for s in statements] == ["stance", "stance"]


def test_a_participle_after_a_neutral_cue_keeps_its_own_kind(read):
    statements = read("The spokesman told reporters the plant was closed, adding that the workers had gone home.")
    assert statements[-1].kind == "claim"
