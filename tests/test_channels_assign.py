"""kg.extraction.channels.assign: each statement's channel chain — outlets told or re-reporting, venues carried on to the
same speaker's next words, chains of conduits."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def read(read_statements):
    return read_statements


def chains(statements) -> list[list[tuple[str, str | None, str | None]]]:
    return [[(h.label, h.kind, h.actor) for h in s.channel] for s in statements]


@pytest.mark.parametrize("text, outlet, key", [
    ("Elena Varga told the Harbour Times that she would run for office.", "Harbour Times", "harbour-times"),
    ("Elena Varga told Reuters that she would run for office.", "Reuters", "reuters"),
])
def test_an_outlet_told_is_a_publication_hop_and_the_addressee(read, text, outlet, key):
    (statement,) = read(text)
    assert (outlet, "publication", key) in chains([statement])[0]
    assert statement.addressee_actor == key


@pytest.mark.parametrize("text, outlet", [
    ("Elena Varga said the vote had been rigged, Reuters reported.", "Reuters"),
    ("“The vote was rigged,” Elena Varga said, the Harbour Times reported.", "Harbour Times"),
    ("Elena Varga said the vote had been rigged, as first reported by the Harbour Times on Monday.", "Harbour Times"),
])
def test_an_outlet_re_reporting_the_words_is_a_channel_not_a_second_speaker(read, text, outlet):
    statements = read(text)
    assert [s.speaker for s in statements] == ["Elena Varga"]
    assert [h.label for h in statements[0].channel] == [outlet]


def test_an_outlet_citing_a_source_is_the_channel_of_the_source(read):
    (statement,) = read("The Harbour Times, citing two officials, said the mayor would resign.")
    assert statement.speaker == "two officials"
    assert chains([statement]) == [[("Harbour Times", "publication", "harbour-times")]]


def test_a_statement_reported_according_to_an_outlet_goes_through_it(read):
    statements = read("According to the Harbour Times, Elena Varga said she would run.")
    inner = next(s for s in statements if s.speaker == "Elena Varga")
    assert [h.actor for h in inner.channel] == ["harbour-times"]
    assert next(s for s in statements if s.id == inner.reported_by).speaker_actor == "harbour-times"


def test_a_venue_and_an_outlet_make_a_chain(read):
    (statement,) = read("Elena Varga said in an interview with the Harbour Times that she would run.")
    assert chains([statement]) == [[("interview", "interview", None), ("Harbour Times", "publication", "harbour-times")]]


def test_two_outlets_make_a_chain(read):
    (statement,) = read("Elena Varga told the Harbour Times that she would run, the Valley Courier reported.")
    assert {h.actor for h in statement.channel} == {"harbour-times", "valley-courier"}


def test_a_chain_of_outlets_runs_from_the_origin_outward(read):
    (statement,) = read("Elena Varga told the Harbour Times that she would run, the Valley Courier reported.")
    assert [h.actor for h in statement.channel] == ["harbour-times", "valley-courier"]


@pytest.mark.parametrize("text, channel", [
    ("Elena Varga told the Harbour Times that the vote was rigged. She said she would appeal.", "Harbour Times"),
    ("In a voice message, Elena Varga said the vote had been rigged. She said she would appeal.", "voice message"),
])
def test_the_same_speakers_next_words_travel_the_same_way(read, text, channel):
    statements = read(text)
    assert [s.speaker_actor for s in statements] == ["elena-varga", "elena-varga"]
    assert [[h.label for h in s.channel] for s in statements] == [[channel], [channel]]


def test_another_speakers_words_do_not_inherit_the_channel(read):
    statements = read("Elena Varga told the Harbour Times that the vote was rigged. Tom Haller said it was fair.")
    assert [s.speaker for s in statements] == ["Elena Varga", "Tom Haller"]
    assert statements[1].channel == []


def test_an_outlet_told_with_its_kind_noun_is_one_hop(read):
    (statement,) = read("Elena Varga told the Harbour Times newspaper that she would run for office.")
    assert chains([statement]) == [[("Harbour Times", "publication", "harbour-times")]]


def test_an_outlet_named_after_its_kind_noun_is_the_hop(read):
    (statement,) = read("Elena Varga said she would run for office, news agency AFP reported.")
    assert [h.label for h in statement.channel] == ["AFP"]
