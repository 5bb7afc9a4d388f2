"""Actors: resolving speaker, addressee and channel mentions to one node per real actor.

Names are matched against the known actors of ``ontology/actors.ttl`` and
against the article's own earlier mentions (short forms, transliteration
variants). Pronouns and definite descriptions are resolved on the parse by
``kg.extraction.actors.coref``. Unknown actors get a key minted from their normalised name.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from rdflib.namespace import OWL, RDF, SKOS

from kg.errors import SchemeError
from kg.extraction.attribution.grammar import ARTICLES, NAME_PARTICLES, PRONOUNS
from kg.namespaces import KG
from kg.resources import data_path, ontology_graph

PERSON, ORGANIZATION, COUNTRY, GROUP = "person", "organization", "country", "group"
_KIND_OF = {KG.Person: PERSON, KG.Organization: ORGANIZATION, KG.Country: COUNTRY, KG.Group: GROUP}
_DETERMINERS = re.compile(rf"^(?:{'|'.join(ARTICLES)})\s+", re.IGNORECASE)
_NAME_MATCH = 90  # rapidfuzz ratio for transliteration variants (Dmitri/Dmitry)
_DOTTED_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}")  # U.S., U.K., U.N. (a single initial, J., is not one)


@dataclass
class Actor:
    """A real-world actor: a person, organisation, country or group."""

    key: str
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    member_of: str | None = None
    affiliation: str | None = None
    same_as: str | None = None
    known: bool = False
    heads: dict[str, set[str]] = field(default_factory=dict)  # head lemma -> modifiers seen with it

    def names(self) -> set[str]:
        return {self.name, *self.aliases}


def slug(name: str) -> str:
    """A stable key from a name: ASCII, lowercase, kebab-case; "U.S." and "US" alike.

    >>> slug("Dmitri Peskov's"), slug("U.S. officials")
    ('dmitri-peskov', 'us-officials')
    """
    text = unicodedata.normalize("NFKD", fold_acronyms(name)).encode("ascii", "ignore").decode()
    text = re.sub(r"['’]s\b", "", text.lower())
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text or "unnamed"


def fold_acronyms(text: str) -> str:
    """A dotted acronym without its dots, so that "U.S. officials" and "US officials" are one name.

    >>> fold_acronyms("U.S. officials met U.N. envoys and Donald J. Trump")
    'US officials met UN envoys and Donald J. Trump'
    """
    return _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)


@lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Fold a mention for comparison: no leading article, quotes, acronym dots or case."""
    text = fold_acronyms(name.strip()).strip("\"'‘’“”").strip()
    text = _DETERMINERS.sub("", text)
    return re.sub(r"\s+", " ", text.replace("'", "").replace("‘", "").replace("’", "")).lower()


def is_pronoun(text: str) -> bool:
    """A pronoun as written ("he", "He"), not an acronym that spells one ("US")."""
    return text.lower() in PRONOUNS and text in (text.lower(), text.capitalize())


def clean_aliases(name: str, aliases: set[str]) -> set[str]:
    """The aliases worth listing beside an actor's name: no pronouns, no other spelling of the name itself
    (case, articles, acronym dots), and a mention that runs past the name cut back to it ("the Kremlin of
    employing misleading tactics" is the Kremlin; "Putin's spokesman, Dmitri Peskov" is Dmitri Peskov).

    >>> sorted(clean_aliases("Kremlin", {"it", "the Kremlin of employing misleading tactics", "Russian Presidency"}))
    ['Russian Presidency']
    """
    folded = normalise(name)
    kept = set()
    for alias in aliases:
        alias = _cut_to_name(" ".join(alias.split()), name)
        if alias and not is_pronoun(alias) and normalise(alias) != folded:
            kept.add(alias)
    return kept


def _cut_to_name(alias: str, name: str) -> str:
    """A mention holding the name with a clause or a description beside it, cut to the name. Words of a longer
    name stay: "United States of America", "Cleveland, Ohio"."""
    found = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", alias, re.IGNORECASE) if name else None
    if found is None:
        return alias
    if _describes(alias[found.end():]):  # "... of employing misleading tactics", ", Russia's defense minister"
        alias = alias[:found.end()]
    if alias[:found.start()].rstrip().endswith(",") and _describes(alias[:found.start()]):  # "Putin's spokesman, ..."
        alias = alias[found.start():]
    return alias.strip(" ,;:")


def _describes(words: str) -> bool:
    """Common words (not a name's particles): a description or a clause, not more of a name."""
    return any(w == w.lower() and w not in NAME_PARTICLES for w in re.findall(r"[^\W\d_][\w'’-]*", words))


def is_generic(actor: Actor) -> bool:
    """An unnamed source: a description rather than a name ("two officials", "a source close to the talks",
    "US officials", "people familiar with the matter", "the company"). It is someone else in every article,
    so it is never joined with another article's actor of the same description.

    >>> is_generic(Actor("a", "two officials", GROUP)), is_generic(Actor("b", "Mohammed bin Salman", PERSON))
    (True, False)
    """
    if actor.known or actor.kind == COUNTRY:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", actor.name) if w.lower() not in NAME_PARTICLES]
    described = [w for w in words if w == w.lower()]  # no capital at all: a common word
    if actor.kind == ORGANIZATION:
        return bool(words) and len(described) == len(words)  # "the company"; "Zelenskyy government" is named
    return bool(described)




@dataclass
class KnownActors:
    """The known-actor data: lookup by any name or alias."""

    actors: dict[str, Actor]

    def __post_init__(self) -> None:
        self._by_name: dict[str, str] = {}
        for actor in self.actors.values():
            for name in actor.names():
                self._by_name.setdefault(normalise(name), actor.key)
        self._full_names = [(n, k) for n, k in self._by_name.items() if " " in n]
        self._closest: dict[str, tuple[float, str | None]] = {}  # a name -> its closest full name, once per name

    def find(self, name: str, kind: str | None = None) -> Actor | None:
        """An exact alias match, else a close transliteration of a person's full name."""
        folded = normalise(name)
        key = self._by_name.get(folded)
        if key:
            return self.actors[key]
        if kind == PERSON and " " in folded:
            best = self._closest.get(folded)
            if best is None:
                best = self._closest[folded] = max(((fuzz.ratio(folded, n), k) for n, k in self._full_names),
                                                   default=(0, None))
            if best[0] >= _NAME_MATCH and self.actors[best[1]].kind == PERSON:
                return self.actors[best[1]]
        return None

    def outlet_names(self) -> set[str]:
        return {normalise(n) for a in self.actors.values() if "news outlet" in a.roles for n in a.names()}


def load_known_actors(extra: list[str | Path] | None = None) -> KnownActors:
    """Read ``ontology/actors.ttl``, the shipped ``ontology/outlets.ttl`` and any user files of the same shape.

    :param extra: more Turtle files with ``kg:Actor`` resources.
    """
    return _load_known(tuple(str(p) for p in (extra or [])))


@lru_cache(maxsize=4)
def _load_known(extra: tuple[str, ...]) -> KnownActors:
    graph = ontology_graph("actors.ttl", (str(data_path("ontology", "outlets.ttl")), *extra), "actors")
    actors: dict[str, Actor] = {}
    for node in graph.subjects(RDF.type, KG.Actor):
        label = graph.value(node, SKOS.prefLabel)
        if label is None:
            raise SchemeError(f"actor {node} needs a skos:prefLabel")
        key = str(node).rsplit("/", 1)[-1]
        same_as = graph.value(node, OWL.sameAs)
        affiliation = graph.value(node, KG.affiliation)
        actors[key] = Actor(
            key=key,
            name=str(label),
            kind=_KIND_OF.get(graph.value(node, KG.actorKind), ORGANIZATION),
            aliases={str(a) for a in graph.objects(node, SKOS.altLabel)},
            roles={str(r).lower() for r in graph.objects(node, KG.role)},
            affiliation=str(affiliation).rsplit("/", 1)[-1] if affiliation else None,
            same_as=str(same_as) if same_as else None,
            known=True,
        )
    return KnownActors(actors)
