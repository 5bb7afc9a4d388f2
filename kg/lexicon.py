"""The attribution lexicon: cue verbs, frames, hedges and source nouns, read from Turtle.

Everything the extractor reacts to lives in ``ontology/lexicon.ttl``; users add
entries there or in their own file without touching code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF

from .errors import SchemeError
from .namespaces import KG
from .resources import ontology_graph


@dataclass(frozen=True)
class LexiconEntry:
    """One word or frame: its lemma (head first for multiword entries) and behaviour."""

    lemma: str
    kind: str
    hedges: bool = False
    object_is_content: bool = False
    object_is_addressee: bool = False
    needs_source_subject: bool = False
    expresses_stance: bool = False
    takes_infinitive: bool = False

    @property
    def head(self) -> str:
        return self.lemma.split()[0]

    @property
    def rest(self) -> tuple[str, ...]:
        return tuple(self.lemma.split()[1:])


@dataclass
class Lexicon:
    """Entries grouped by kind and indexed by head lemma."""

    entries: list[LexiconEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The rules ask these questions for nearly every token: answer them from indexes built once.
        self._by_kind: dict[str, dict[str, list[LexiconEntry]]] = {}
        for entry in self.entries:
            self._by_kind.setdefault(entry.kind, {}).setdefault(entry.head, []).append(entry)
        for heads in self._by_kind.values():
            for head, found in heads.items():
                heads[head] = sorted(found, key=lambda e: -len(e.rest))  # longest first (a stable sort)
        self._lemmas = {kind: frozenset(e.lemma for found in heads.values() for e in found)
                        for kind, heads in self._by_kind.items()}
        self._heads = {kind: frozenset(heads) for kind, heads in self._by_kind.items()}

    def lookup(self, kind: str, head: str) -> list[LexiconEntry]:
        """Entries of ``kind`` whose first word is ``head`` (longest first)."""
        return list(self._by_kind.get(kind, {}).get(head.lower(), ()))

    def lemmas(self, kind: str) -> set[str]:
        """All lemmas of one kind, multiword ones included."""
        return set(self._lemmas.get(kind, ()))

    def heads(self, kind: str) -> frozenset[str]:
        """The first words of the entries of one kind (what :meth:`lookup` finds something for)."""
        return self._heads.get(kind, frozenset())

    def has(self, kind: str, lemma: str) -> bool:
        return lemma.lower() in self._lemmas.get(kind, ())


def load_lexicon(extra: list[str | Path] | None = None) -> Lexicon:
    """Load the shipped lexicon, plus any user lexicon files.

    :param extra: Turtle files with more ``kg:LexiconEntry`` resources.
    """
    return _load(tuple(str(p) for p in (extra or [])))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicon:
    graph = ontology_graph("lexicon.ttl", extra, "lexicon")
    entries = []
    for node in graph.subjects(RDF.type, KG.LexiconEntry):
        lemma, kind = graph.value(node, KG.lemma), graph.value(node, KG.entryKind)
        if lemma is None or kind is None:
            raise SchemeError(f"lexicon entry {node} needs kg:lemma and kg:entryKind")
        entries.append(LexiconEntry(
            lemma=str(lemma).lower(),
            kind=str(kind).rsplit("#", 1)[-1],
            hedges=_flag(graph, node, KG.hedges),
            object_is_content=_flag(graph, node, KG.objectIsContent),
            object_is_addressee=_flag(graph, node, KG.objectIsAddressee),
            needs_source_subject=_flag(graph, node, KG.needsSourceSubject),
            expresses_stance=_flag(graph, node, KG.expressesStance),
            takes_infinitive=_flag(graph, node, KG.takesInfinitive),
        ))
    return Lexicon(sorted(entries, key=lambda e: (e.kind, e.lemma)))


def _flag(graph: Graph, node, prop) -> bool:
    value = graph.value(node, prop)
    return isinstance(value, Literal) and bool(value.toPython())
