"""kg.graph.linking: one node per real actor across a corpus's articles."""
from __future__ import annotations

import pytest

from kg.actors import GROUP, ORGANIZATION, PERSON, Actor
from kg.article import parse_article
from kg.extraction.extract import Extraction
from kg.graph.linking import ActorLinker
from kg.statements import ChannelHop, Statement


def extraction(*actors: Actor, speaker: str | None = None) -> Extraction:
    statement = Statement(0, 5, "x", "x", "said", "x", speaker_actor=speaker or actors[0].key,
                          subject_actors=[a.key for a in actors], channel=[ChannelHop("x", actor=actors[0].key)])
    return Extraction(parse_article("x said so."), [statement], {a.key: a for a in actors})


def linked_key(linker: ActorLinker, actor: Actor) -> str:
    return linker.link(extraction(actor)).statements[0].speaker_actor


@pytest.mark.parametrize("first, second", [
    ("Maria Okonkwo", "Maria Okonkwo"),
    ("Maria Okonkwo", "M. Okonkwo"),
    ("Mariya Okonkwo", "Maria Okonkwo"),  # a transliteration variant
])
def test_people_with_the_same_surname_and_agreeing_first_names_are_joined(first, second):
    linker = ActorLinker()
    assert linked_key(linker, Actor("a1", first, PERSON)) == "a1"
    assert linked_key(linker, Actor("a2", second, PERSON)) == "a1"


def test_people_with_the_same_surname_and_different_first_names_stay_apart():
    linker = ActorLinker()
    linked_key(linker, Actor("a1", "Maria Okonkwo", PERSON))
    assert linked_key(linker, Actor("a2", "Daniel Okonkwo", PERSON)) == "a2"


def test_a_bare_surname_joins_the_only_person_with_it():
    linker = ActorLinker()
    linked_key(linker, Actor("a1", "Maria Okonkwo", PERSON))
    assert linked_key(linker, Actor("a2", "Okonkwo", PERSON)) == "a1"


def test_a_bare_surname_shared_by_two_people_joins_neither():
    linker = ActorLinker()
    linked_key(linker, Actor("a1", "Maria Okonkwo", PERSON))
    linked_key(linker, Actor("a2", "Daniel Okonkwo", PERSON))
    assert linked_key(linker, Actor("a3", "Okonkwo", PERSON)) == "a3"


def test_a_bare_surname_tagged_as_an_organisation_joins_the_only_person_with_it():
    linker = ActorLinker()
    linked_key(linker, Actor("a1", "Maria Okonkwo", PERSON))
    assert linked_key(linker, Actor("o1", "Okonkwo", ORGANIZATION)) == "a1"


def test_unnamed_sources_are_never_joined():
    linker = ActorLinker()
    linked_key(linker, Actor("g1", "two officials", GROUP))
    assert linked_key(linker, Actor("g2", "two officials", GROUP)) == "g2"


def test_known_actors_and_organisations_keep_their_keys():
    linker = ActorLinker()
    assert linked_key(linker, Actor("reuters", "Reuters", ORGANIZATION, known=True)) == "reuters"
    assert linked_key(linker, Actor("harbour-board", "Harbour Board", ORGANIZATION)) == "harbour-board"


def test_an_extraction_with_nothing_to_join_is_returned_unchanged():
    linker = ActorLinker()
    first = extraction(Actor("a1", "Maria Okonkwo", PERSON))
    assert linker.link(first) is first


def test_every_key_of_a_joined_extraction_is_rewritten_and_aliases_are_kept():
    linker = ActorLinker()
    linker.link(extraction(Actor("a1", "Maria Okonkwo", PERSON)))
    joined = linker.link(extraction(Actor("a2", "M. Okonkwo", PERSON), Actor("o1", "Harbour Board", ORGANIZATION)))
    statement = joined.statements[0]
    assert statement.speaker_actor == "a1"
    assert statement.subject_actors == ["a1", "o1"]
    assert statement.channel[0].actor == "a1"
    assert set(joined.actors) == {"a1", "o1"}
    assert joined.actors["a1"].name == "M. Okonkwo"  # the article's own name, under the corpus key


def test_two_actors_of_one_article_joined_to_one_key_pool_their_names():
    linker = ActorLinker()
    linker.link(extraction(Actor("a1", "Maria Okonkwo", PERSON)))
    joined = linker.link(extraction(Actor("a2", "M. Okonkwo", PERSON), Actor("a3", "Maria Okonkwo", PERSON)))
    assert list(joined.actors) == ["a1"]
    assert {"M. Okonkwo", "Maria Okonkwo"} <= joined.actors["a1"].names()
