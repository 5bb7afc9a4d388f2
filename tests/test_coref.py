"""kg.extraction.actors.coref: mentions of one article resolved to actors — names and short forms, apposition, pronouns by gender
and number, role nouns, organisation anaphors, partitives. Observed through the extraction's actors."""
from __future__ import annotations

import pytest

from kg.actors import GROUP, ORGANIZATION, PERSON
from kg.extraction.extract import Extraction


@pytest.fixture(scope="module")
def read(read_extraction):
    return read_extraction


def speaker_names(extraction: Extraction) -> list[str]:
    return [extraction.actors[s.speaker_actor].name for s in extraction.statements]


def test_a_surname_alone_is_the_person_named_in_full_before(read):
    ex = read("Maria Okonkwo said the budget was balanced. Okonkwo added that taxes would not rise.")
    assert speaker_names(ex) == ["Maria Okonkwo", "Maria Okonkwo"]
    assert "Okonkwo" in ex.actors["maria-okonkwo"].aliases


@pytest.mark.parametrize("pronoun, name", [("She", "Maria Okonkwo"), ("He", "Tom Haller")])
def test_a_pronoun_goes_to_the_person_of_its_gender(read, pronoun, name):
    ex = read(f"Maria Okonkwo met Tom Haller on Monday. {pronoun} said the talks went well.")
    assert speaker_names(ex) == [name]


def test_a_pronoun_of_the_wrong_gender_is_not_forced_onto_the_only_person(read):
    ex = read("Tom Haller said the pier would close. She added that it would reopen.")
    assert [s.speaker for s in ex.statements] == ["Tom Haller"]


def test_a_pronoun_inside_a_quotation_does_not_fix_the_gender_of_a_name_that_says_none(read):
    # 'Jo' tells no gender; the quoted "He" speaks of someone else, so the narrator's "she" still finds her
    ex = read("Jo Formicola, a professor at Lund University, described the approach.\n\n"
              "\u201cHe will deflect every question,\u201d she said.")
    assert speaker_names(ex) == ["Jo Formicola", "Jo Formicola"]


@pytest.mark.parametrize("text", [
    "The two senators said the bill was dead. They added that a vote was unlikely.",
    "Some of the workers said they would strike. They added that pay was too low.",
])
def test_a_plural_pronoun_goes_to_the_group_before_it(read, text):
    ex = read(text)
    keys = [s.speaker_actor for s in ex.statements]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert ex.actors[keys[0]].kind == GROUP


@pytest.mark.parametrize("text", [
    "Tom Haller, a spokesman for the Harbour Board, said the pier would close.",
    "Harbour Board spokesman Tom Haller said the pier would close.",
])
def test_apposition_and_a_title_before_the_name_give_the_person_a_role(read, text):
    ex = read(text)
    assert [s.speaker_actor for s in ex.statements] == ["tom-haller"]
    assert ex.actors["tom-haller"].kind == PERSON
    assert "spokesman" in ex.actors["tom-haller"].roles
    assert ex.actors["harbour-board"].kind == ORGANIZATION


def test_a_role_noun_goes_back_to_the_person_who_holds_the_role(read):
    ex = read("Harbour Board spokesman Tom Haller said the pier would close. "
              "The spokesman added that it would reopen in May.")
    assert speaker_names(ex) == ["Tom Haller", "Tom Haller"]


def test_unnamed_office_holders_are_different_actors_and_each_is_found_again(read):
    ex = read("The mayor said the pier would close. The governor said it would not. "
              "The mayor added that the decision was final.")
    keys = [s.speaker_actor for s in ex.statements]
    assert keys[0] == keys[2] != keys[1]
    assert [ex.actors[k].name for k in keys] == ["mayor", "governor", "mayor"]


@pytest.mark.parametrize("anaphor", ["The board", "It"])
def test_an_organisation_anaphor_goes_to_the_organisation(read, anaphor):
    ex = read(f"The Harbour Board said the pier would close. {anaphor} added that repairs would take a year.")
    assert [s.speaker_actor for s in ex.statements] == ["harbour-board", "harbour-board"]


def test_a_generic_organisation_noun_goes_to_the_organisation_of_its_kind(read):
    ex = read("Northwind Logistics said its profits fell. The company added that it would cut jobs.")
    assert [s.speaker_actor for s in ex.statements] == ["northwind-logistics", "northwind-logistics"]


@pytest.mark.parametrize("text, group", [
    ("One of the senators said the bill was dead.", "senators"),
    ("One of the Harbour Board's engineers said the pier was unsafe.", "Harbour Board's engineers"),
])
def test_one_of_a_group_is_a_person_member_of_that_group(read, text, group):
    ex = read(text)
    speaker = ex.actors[ex.statements[0].speaker_actor]
    assert speaker.kind == PERSON
    assert ex.actors[speaker.member_of].name == group
    assert ex.actors[speaker.member_of].kind == GROUP


def test_an_unnamed_description_gets_a_key_of_its_own_article(read):
    first = read("The mayor said the pier would close.")
    second = read("The mayor said the school would close.")
    assert first.statements[0].speaker_actor != second.statements[0].speaker_actor
    assert first.statements[0].speaker_actor.startswith("mayor-")


def test_a_known_actor_gets_its_key_and_names_from_the_data(read):
    ex = read("Elena Varga told Reuters that she would run for office.")
    assert ex.actors["reuters"].known
    assert ex.actors["elena-varga"].known is False
