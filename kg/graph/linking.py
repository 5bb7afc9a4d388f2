"""Linking actors across articles: one node per real actor in a corpus graph.

Known actors already share their key from ``ontology/actors.ttl``. Unknown
people are joined when they share a surname and their first names agree
(the same, an initial, or a transliteration variant, compared with
rapidfuzz); a bare surname joins the only person of the corpus with it.
Unnamed sources ("two officials", kg.actors.is_generic) are never joined:
their keys are the article's own (kg.extraction.extract).
"""
from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from kg.actors import PERSON, Actor, is_generic, normalise
from kg.extraction.extract import Extraction

_FIRST_NAME_MATCH = 75


class ActorLinker:
    """Remembers the people of the articles seen so far and maps new articles' actors onto them."""

    def __init__(self) -> None:
        self._people: dict[str, list[str]] = {}  # surname -> corpus keys
        self._names: dict[str, str] = {}  # corpus key -> full name

    def link(self, extraction: Extraction) -> Extraction:
        """The same extraction with its actor keys mapped onto the corpus's actors."""
        mapping = {key: self._corpus_key(actor) for key, actor in extraction.actors.items()}
        if all(k == v for k, v in mapping.items()):
            return extraction
        actors: dict[str, Actor] = {}
        for key, actor in extraction.actors.items():
            new_key = mapping[key]
            moved = replace(actor, key=new_key, member_of=mapping.get(actor.member_of, actor.member_of))
            if new_key in actors:
                actors[new_key].aliases |= moved.aliases | {moved.name}
            else:
                actors[new_key] = moved
        for statement in extraction.statements:
            statement.speaker_actor = mapping.get(statement.speaker_actor, statement.speaker_actor)
            statement.addressee_actor = mapping.get(statement.addressee_actor, statement.addressee_actor)
            statement.subject_actors = [mapping.get(k, k) for k in statement.subject_actors]
            for hop in statement.channel:
                hop.actor = mapping.get(hop.actor, hop.actor)
        return replace(extraction, actors=actors)

    def _corpus_key(self, actor: Actor) -> str:
        if is_generic(actor):
            return actor.key  # an unnamed source ("two officials") is someone else in every article
        words = normalise(actor.name).split()
        if not actor.known and actor.kind != PERSON and len(words) == 1 and len(self._people.get(words[0], [])) == 1:
            return self._people[words[0]][0]  # a bare surname the tagger took for an organisation
        if actor.known or actor.kind != PERSON:
            return actor.key
        if not words:
            return actor.key
        surname = words[-1]
        candidates = self._people.get(surname, [])
        match = next((k for k in candidates if _same_first_name(words, normalise(self._names[k]).split())), None)
        if match is None and len(words) == 1 and len(candidates) == 1:
            match = candidates[0]
        if match is None:
            self._people.setdefault(surname, []).append(actor.key)
            self._names[actor.key] = actor.name
            return actor.key
        if len(words) > len(self._names[match].split()):
            self._names[match] = actor.name
        return match


def _same_first_name(a: list[str], b: list[str]) -> bool:
    if len(a) == 1 or len(b) == 1:
        return False  # a bare surname is only joined when it is unambiguous
    first_a, first_b = a[0].rstrip("."), b[0].rstrip(".")
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return fuzz.ratio(first_a, first_b) >= _FIRST_NAME_MATCH
