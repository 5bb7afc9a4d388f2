"""kg.extraction.actors.speakers: every statement's speaker, addressee and subjects linked to the article's actors, in reading
order; the sentences of a quotation belong to whoever it is attributed to."""
from __future__ import annotations

import pytest

from kg.extraction.extract import Extraction


@pytest.fixture(scope="module")
def read(read_extraction):
    return read_extraction


def speakers(extraction: Extraction) -> list[tuple[str, str]]:
    return [(s.content, extraction.actors[s.speaker_actor].name) for s in extraction.statements]


@pytest.mark.parametrize("text, speaker", [
    ("Elena Varga said the pier would close.", "Elena Varga"),
    ("The pier would close, Elena Varga said.", "Elena Varga"),
    ("“The pier will close,” said Elena Varga.", "Elena Varga"),
    ("The minister was blunt: “There will be no deal.”", "minister"),
])
def test_the_speaker_of_a_frame_is_linked_to_its_actor(read, text, speaker):
    ex = read(text)
    assert [ex.actors[s.speaker_actor].name for s in ex.statements] == [speaker]


def test_the_speaker_text_is_kept_as_written_with_its_apposition(read):
    ex = read("Tom Haller, a spokesman for the Harbour Board, said the pier would close.")
    assert [s.speaker for s in ex.statements] == ["Tom Haller, a spokesman for the Harbour Board"]
    assert [s.speaker_actor for s in ex.statements] == ["tom-haller"]


def test_the_addressee_and_the_subjects_are_linked_too(read):
    ex = read("Elena Varga told Tom Haller that the Harbour Board would close the pier.")
    (statement,) = ex.statements
    assert (statement.speaker_actor, statement.addressee, statement.addressee_actor) == ("elena-varga", "Tom Haller",
                                                                                         "tom-haller")
    assert "harbour-board" in statement.subject_actors


def test_a_pronoun_speaker_only_sees_the_people_before_it(read):
    ex = read("“We are ready,” said Elena Varga. Tom Haller disagreed. “Nothing is ready,” he said.")
    assert speakers(ex) == [("We are ready", "Elena Varga"), ("Nothing is ready", "Tom Haller")]


def test_a_quoted_paragraph_without_attribution_goes_on_with_the_last_quoted_speaker(read):
    ex = read("“We are ready,” Elena Varga said.\n\n“We have waited for years.”")
    assert speakers(ex) == [("We are ready", "Elena Varga"), ("We have waited for years", "Elena Varga")]
    assert ex.statements[1].speaker is None  # nobody is named there: the speaker comes from the quote before


def test_the_further_sentences_of_a_quote_attributed_before_it_are_the_speakers(read):
    ex = read("The mayor said: “The pier is closed. It will stay closed.”")
    assert speakers(ex) == [("The pier is closed", "mayor"), ("It will stay closed", "mayor")]


def covered(ex: Extraction, text: str, sentence: str) -> bool:
    """A sentence of the body is read: inside some statement's span (its own, or the evidence beside its attribution)."""
    start = text.index(sentence)
    return any(s.start <= start and start + len(sentence) <= s.end for s in ex.statements)


def test_every_sentence_of_a_quote_attributed_after_it_is_read(read):
    text = "“The pier is closed. It will stay closed. Nobody may enter,” the mayor said."
    ex = read(text)
    assert all(covered(ex, text, sentence) for sentence in ("The pier is closed", "It will stay closed", "Nobody may enter"))
    assert {ex.actors[s.speaker_actor].name for s in ex.statements} == {"mayor"}


def test_the_first_sentence_of_a_two_sentence_quote_attributed_after_it_is_read(read):
    text = "“The pier is closed. It will stay closed until the spring,” the mayor said on Monday."
    assert covered(read(text), text, "The pier is closed")


def test_the_sentences_of_a_quote_attributed_before_it_are_all_read(read):
    text = "The mayor said: “The pier is closed. It will stay closed. Nobody may enter.”"
    ex = read(text)
    assert all(covered(ex, text, sentence) for sentence in ("The pier is closed", "It will stay closed", "Nobody may enter"))
