"""Positions: classifying a stance statement into a concept of a SKOS scheme.

The classifier knows nothing but the scheme's data: each concept's prefLabel,
altLabels and examples are lemmatised once, and a statement's content is
scored against them by IDF-weighted lemma overlap with negation polarity. A
concept added in a user's Turtle file is assigned with no code change.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .errors import SchemeError
from .resources import data_path

NEGATION = "¬"  # a pseudo-lemma marking negative polarity
_NEGATORS = {"not", "n't", "no", "never", "without", "neither", "nor", "none", "nothing", "refuse", "reject", "deny",
             "cannot", "unwilling", "unacceptable", "nobody"}
_KEEP_POS = {"NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM"}
_IGNORED = {"be", "have", "do", "say", "will", "would", "also", "just", "really", "very", "so", "then", "now", "-PRON-"}
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class PositionConcept:
    """A concept of a position scheme."""

    iri: str
    notation: str
    label: str
    phrases: tuple[str, ...]
    examples: tuple[str, ...] = ()


@dataclass
class PositionScheme:
    """All concepts of the shipped scheme plus any user schemes."""

    concepts: list[PositionConcept]
    sources: tuple[str, ...] = field(default_factory=tuple)

    def by_notation(self, notation: str) -> PositionConcept | None:
        return next((c for c in self.concepts if c.notation == notation), None)


def load_scheme(extra: list[str | Path] | None = None) -> PositionScheme:
    """Read ``ontology/positions.ttl`` and any user scheme files.

    :param extra: Turtle files with more ``skos:Concept`` resources (each needs a skos:notation).
    """
    return _load(tuple(str(p) for p in (extra or [])))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> PositionScheme:
    graph = Graph()
    for path in (str(data_path("ontology", "positions.ttl")), *extra):
        try:
            graph.parse(path, format="turtle")
        except Exception as err:  # rdflib raises many parser exception types
            raise SchemeError(f"{path}: cannot read position scheme: {err}") from None
    concepts = []
    for node in graph.subjects(RDF.type, SKOS.Concept):
        notation = graph.value(node, SKOS.notation)
        if notation is None:
            continue  # broader grouping concepts carry no notation and are never assigned
        label = graph.value(node, SKOS.prefLabel)
        if label is None:
            raise SchemeError(f"position concept {node} needs a skos:prefLabel")
        phrases = (str(label), *sorted(str(a) for a in graph.objects(node, SKOS.altLabel)))
        examples = tuple(sorted(str(e) for e in graph.objects(node, SKOS.example)))
        concepts.append(PositionConcept(str(node), str(notation), str(label), phrases, examples))
    return PositionScheme(sorted(concepts, key=lambda c: c.notation), (str(data_path("ontology", "positions.ttl")), *extra))


def polarity_lemmas(tokens) -> list[str]:
    """Content lemmas of a token sequence, with NEGATION for any negator."""
    out: list[str] = []
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if lemma in _NEGATORS or tok.lower_ in _NEGATORS or tok.dep_ == "neg":
            out.append(NEGATION)
            if lemma in ("refuse", "reject", "deny", "unwilling", "unacceptable"):
                out.append(lemma)
            continue
        if tok.pos_ in _KEEP_POS and lemma not in _IGNORED and not tok.is_stop:
            out.append(lemma)
    return out


class PositionClassifier:
    """Score statement content against every concept's phrases.

    :param scheme: the position scheme.
    :param nlp: a spaCy pipeline, used once to lemmatise the scheme's phrases.
    :param threshold: below this score no concept is assigned.
    """

    def __init__(self, scheme: PositionScheme, nlp, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.scheme = scheme
        self.threshold = threshold
        texts = [(c.notation, p, 1.0) for c in scheme.concepts for p in c.phrases]
        texts += [(c.notation, e, 0.8) for c in scheme.concepts for e in c.examples]
        skip = [name for name in nlp.pipe_names if name.startswith("kg_") or name == "ner"]
        docs = nlp.pipe([t for _, t, _ in texts], disable=skip)
        self._phrases = [(notation, polarity_lemmas(doc), weight) for (notation, _, weight), doc in zip(texts, docs)]
        self._idf = self._inverse_frequencies()

    def _inverse_frequencies(self) -> dict[str, float]:
        concepts_with: dict[str, set[str]] = {}
        for notation, lemmas, _ in self._phrases:
            for lemma in lemmas:
                concepts_with.setdefault(lemma, set()).add(notation)
        total = max(len(self.scheme.concepts), 1)
        return {lemma: math.log(1 + total / len(found)) for lemma, found in concepts_with.items()}

    def classify(self, tokens) -> tuple[str | None, float]:
        """Best concept notation for the content tokens and its score; None below the threshold."""
        lemmas = polarity_lemmas(tokens)
        return self.classify_lemmas(lemmas)

    def classify_lemmas(self, lemmas: list[str]) -> tuple[str | None, float]:
        content = set(lemmas)
        if not content - {NEGATION}:
            return None, 0.0
        scores: dict[str, float] = {}
        for notation, phrase, weight in self._phrases:
            score = weight * self._overlap(phrase, content)
            if score > scores.get(notation, 0.0):
                scores[notation] = score
        if not scores:
            return None, 0.0
        best = max(scores, key=scores.get)
        score = round(scores[best], 3)
        return (best if score >= self.threshold else None), score

    def _overlap(self, phrase: list[str], content: set[str]) -> float:
        words = set(phrase) - {NEGATION}
        if not words:
            return 0.0
        total = sum(self._idf.get(w, 1.0) for w in words)
        hit = sum(self._idf.get(w, 1.0) for w in words if w in content)
        score = hit / total
        # Short phrases are matched against long content: demand two hits unless the phrase is one word.
        if len(words) > 1 and sum(1 for w in words if w in content) < 2:
            score *= 0.5
        phrase_negated, content_negated = NEGATION in phrase, NEGATION in content
        if phrase_negated != content_negated:
            score *= 0.4
        return score
