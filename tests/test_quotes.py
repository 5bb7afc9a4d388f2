"""kg.extraction.quotes: quotations, curly and straight, across sentences and paragraphs, balanced or not."""
from __future__ import annotations

import pytest

from kg.extraction.quotes import Quote, find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


@pytest.mark.parametrize("text, inside", [
    ("She said: “The road is closed.”", "The road is closed."),
    ('She said: "The road is closed."', "The road is closed."),
    ("Il a dit: «La route est fermée.»", "La route est fermée."),
])
def test_curly_straight_and_guillemet_quotes_give_the_text_without_marks(text, inside):
    assert quoted(text) == [inside]


def test_a_quote_spanning_several_sentences_is_one_quote():
    text = "“The road is closed. It will stay closed. Do not drive,” the mayor said."
    assert quoted(text) == ["The road is closed. It will stay closed. Do not drive,"]


def test_quotes_come_in_reading_order_with_their_offsets():
    text = '“One,” he said. "Two," she said.'
    found = find_quotes(text)
    assert [(q.start, q.end) for q in found] == [(1, 5), (17, 21)]
    assert all(q.closed for q in found)


def test_a_straight_quote_after_a_letter_is_not_an_opening_mark():
    # the inch mark in 12" opens nothing; the quote after the space does
    assert quoted('A 12" pipe burst. He said "it leaked" today.') == ["it leaked"]


def test_an_unbalanced_quote_is_closed_at_the_end_of_its_paragraph():
    text = "“We will rebuild the pier and the school\nThe mayor spoke on Monday."
    found = find_quotes(text)
    assert len(found) == 1
    assert not found[0].closed
    assert text[found[0].start:found[0].end] == "We will rebuild the pier and the school"


def test_a_long_quote_continued_in_a_new_paragraph_gives_a_quote_per_paragraph():
    text = "“We will rebuild the pier.\n\n“And we will rebuild the school,” the mayor said."
    found = find_quotes(text)
    assert [text[q.start:q.end] for q in found] == ["We will rebuild the pier.", "And we will rebuild the school,"]
    assert [q.closed for q in found] == [False, True]


def test_an_empty_or_one_character_open_quote_is_dropped():
    assert find_quotes("“”") == []
    assert find_quotes("He wrote “") == []


def test_text_without_quotes_has_none():
    assert find_quotes("The mayor said the road was closed.") == []


@pytest.mark.parametrize("char, inside", [(3, True), (9, False), (2, False)])
def test_quote_contains_its_characters_only(char, inside):
    assert Quote(3, 9).contains(char) is inside
