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

from kg.errors import SchemeError
from kg.namespaces import KG
from kg.resources import ontology_graph


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
    """Entries grouped by kind and indexed by head lemma.

    :param kinds: the entry kinds the ontology declares (``kg:LexiconKind``). When given, asking for any
        other kind raises ``KeyError``, so a misspelt kind in a rule fails at once instead of finding nothing.
    """

    entries: list[LexiconEntry] = field(default_factory=list)
    kinds: frozenset[str] = frozenset()

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
        return list(self._by_kind.get(self._declared(kind), {}).get(head.lower(), ()))

    def lemmas(self, kind: str) -> set[str]:
        """All lemmas of one kind, multiword ones included."""
        return set(self._lemmas.get(self._declared(kind), ()))

    def heads(self, kind: str) -> frozenset[str]:
        """The first words of the entries of one kind (what :meth:`lookup` finds something for)."""
        return self._heads.get(self._declared(kind), frozenset())

    def has(self, kind: str, lemma: str) -> bool:
        return lemma.lower() in self._lemmas.get(self._declared(kind), ())

    def _declared(self, kind: str) -> str:
        if self.kinds and kind not in self.kinds:
            raise KeyError(f"{kind!r} is not a lexicon entry kind declared in ontology/kg.ttl")
        return kind


def load_lexicon(extra: list[str | Path] | None = None) -> Lexicon:
    """Load the shipped lexicon, plus any user lexicon files.

    :param extra: Turtle files with more ``kg:LexiconEntry`` resources.
    """
    return _load(tuple(str(p) for p in (extra or [])))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicon:
    graph = ontology_graph("lexicon.ttl", extra, "lexicon")
    kinds = declared_kinds()
    entries = []
    for node in graph.subjects(RDF.type, KG.LexiconEntry):
        lemma, kind = graph.value(node, KG.lemma), graph.value(node, KG.entryKind)
        if lemma is None or kind is None:
            raise SchemeError(f"lexicon entry {node} needs kg:lemma and kg:entryKind")
        kind_name = str(kind).rsplit("#", 1)[-1]
        if kind_name not in kinds:  # a typo would otherwise make an entry that nothing ever reads
            raise SchemeError(f"lexicon entry {node}: kg:entryKind {kind_name} is not one of the declared kinds "
                              f"({', '.join(sorted(kinds))})")
        entries.append(LexiconEntry(
            lemma=str(lemma).lower(),
            kind=kind_name,
            hedges=_flag(graph, node, KG.hedges),
            object_is_content=_flag(graph, node, KG.objectIsContent),
            object_is_addressee=_flag(graph, node, KG.objectIsAddressee),
            needs_source_subject=_flag(graph, node, KG.needsSourceSubject),
            expresses_stance=_flag(graph, node, KG.expressesStance),
            takes_infinitive=_flag(graph, node, KG.takesInfinitive),
        ))
    return Lexicon(sorted(entries, key=lambda e: (e.kind, e.lemma)), kinds)


@lru_cache(maxsize=1)
def declared_kinds() -> frozenset[str]:
    """The entry kinds ``ontology/kg.ttl`` declares as ``kg:LexiconKind``."""
    graph = ontology_graph("kg.ttl", (), "ontology")
    return frozenset(str(k).rsplit("#", 1)[-1] for k in graph.subjects(RDF.type, KG.LexiconKind))


def _flag(graph: Graph, node, prop) -> bool:
    """A behaviour flag. The shipped files only ever say ``true``; a user's file that says ``false`` for the
    same entry switches the flag off (the files are read into one graph, so "false" present wins)."""
    values = [v.toPython() for v in graph.objects(node, prop) if isinstance(v, Literal)]
    return bool(values) and all(bool(v) for v in values)
