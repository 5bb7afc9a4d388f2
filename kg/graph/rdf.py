"""From extractions to RDF: the only module that mints IRIs.

IRIs come from stable keys (the article's text hash, character offsets,
normalised actor names, concept notations), never from random ids, so the
same article always gives the same triples.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.namespaces import ACTOR, CHAN, FOAF, GRASP, ID, KG, NIF, ORG, POS, PROV, SCHEMA
from kg.provenance import rule_iri
from kg.resources import data_path, parse_turtle

if TYPE_CHECKING:  # type hints only: importing kg.graph.rdf must not load spaCy (kg query --store imports it)
    from kg.actors import Actor
    from kg.extraction.extract import Extraction
    from kg.extraction.positions.classifier import PositionScheme
    from kg.statements import Statement

_KIND_TERM = {"person": KG.Person, "organization": KG.Organization, "country": KG.Country, "group": KG.Group}
# When articles disagree on an actor's kind, the more specific kind wins ("group" is the fallback).
_KIND_PREFERENCE = (KG.Country, KG.Organization, KG.Person, KG.Group)
_QUOTE_TERM = {"direct": KG.Direct, "mixed": KG.Mixed, "indirect": KG.Indirect}
_STATEMENT_KIND = {"stance": KG.Stance, "claim": KG.Claim}


PREFIXES: dict[str, str] = {prefix: str(ns) for prefix, ns in (
    ("kg", KG._NS), ("nif", NIF), ("prov", PROV), ("schema", SCHEMA), ("org", ORG), ("foaf", FOAF), ("grasp", GRASP),
    ("pos", POS), ("chan", CHAN), ("actor", ACTOR), ("id", ID), ("skos", SKOS), ("owl", OWL), ("xsd", XSD),
    ("rdfs", RDFS), ("rdf", RDF))}

# The graphs of a corpus as the store (and kg build -o FILE.nq / .trig) holds them: one per article, named like the
# article node, then the merged actors and the SKOS schemes.
ARTICLE_PREFIX = str(ID["article/"])
ACTORS_GRAPH = ID["graph/actors"]
VOCABULARY_GRAPH = ID["graph/vocabularies"]


def new_graph() -> Graph:
    """An empty graph with kg's prefixes bound."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        if prefix != "rdf":  # rdflib binds it already
            graph.bind(prefix, ns, override=True)
    return graph


def article_iri(text_hash: str) -> URIRef:
    return ID[f"article/{text_hash}"]


@lru_cache(maxsize=65536)
def actor_iri(key: str) -> URIRef:
    return ACTOR[quote(key, safe="-")]


def statement_iris(extraction: Extraction) -> list[URIRef]:
    """One IRI per statement: article hash, evidence offsets and rank among statements of that span."""
    base = article_iri(extraction.article.text_hash)
    seen: dict[tuple[int, int], int] = {}
    iris = []
    for statement in extraction.statements:
        rank = seen.get((statement.start, statement.end), 0)
        seen[(statement.start, statement.end)] = rank + 1
        iris.append(URIRef(f"{base}/statement/{statement.start}-{statement.end}/{rank}"))
    return iris


def add_extraction(graph: Graph, extraction: Extraction, scheme: PositionScheme | None = None) -> Graph:
    """Add one article's article node, actors and statements to ``graph``."""
    for triple in article_triples(extraction, scheme, RDFLIB_TERMS):
        graph.add(triple)
    for actor in extraction.actors.values():
        _add_actor(graph, actor, extraction.actors)
    return graph


def to_graph(extractions: list[Extraction], scheme: PositionScheme | None = None, with_vocabularies: bool = True) -> Graph:
    """A graph of several articles, with the position and channel schemes it refers to."""
    triples = CorpusTriples(scheme)
    for extraction in extractions:
        triples.add(extraction)
    return triples.graph(with_vocabularies)


class CorpusTriples:
    """The triples of a corpus graph (rdflib terms, the same as :func:`add_extraction` puts in a Graph), collected
    in a set: the writers of ``kg build -o`` take them as they are. An rdflib Graph costs more than the whole rest
    of the graph's making (its three indexes, and each article's actors read back and rewritten): 22 ms an article
    for 300 articles, against 1.5 ms here. Actors are merged in :class:`MergedActor` states (the merge is
    associative: the same result whatever the order or the grouping), their triples made once at the end."""

    def __init__(self, scheme: PositionScheme | None = None) -> None:
        self.scheme = scheme
        self.articles: set[tuple] = set()
        self.actors: dict[str, MergedActor] = {}

    def add(self, extraction: Extraction) -> None:
        """Add one article's node, statements and actors."""
        self.articles.update(article_triples(extraction, self.scheme, RDFLIB_TERMS))
        for actor in extraction.actors.values():
            state = self.actors.get(actor.key)
            if state is None:
                state = self.actors[actor.key] = MergedActor(actor.key)
            state.add(actor, extraction.actors)

    def triples(self, with_vocabularies: bool = True) -> set[tuple]:
        """Every triple: the articles', the merged actors' and (``with_vocabularies``) the schemes'."""
        out = set(self.articles)
        for state in self.actors.values():
            out.update(state.triples(RDFLIB_TERMS))
        if with_vocabularies:
            out.update(vocabularies(self.scheme))
        return out

    def graph(self, with_vocabularies: bool = True) -> Graph:
        """The same triples in an rdflib Graph with kg's prefixes bound."""
        graph = new_graph()
        for triple in self.triples(with_vocabularies):
            graph.add(triple)
        return graph


def vocabularies(scheme: PositionScheme | None = None) -> Graph:
    """The SKOS schemes a statement graph points into (positions, channel kinds)."""
    sources = scheme.sources if scheme is not None else (str(data_path("ontology", "positions.ttl")),)
    return _vocabularies(tuple(sources))


@lru_cache(maxsize=4)
def _vocabularies(sources: tuple[str, ...]) -> Graph:
    graph = Graph()
    for source in (*sources, str(data_path("ontology", "channel_kinds.ttl"))):
        parse_turtle(graph, source)
    for triple in rule_triples():
        graph.add(triple)
    return graph


def rule_triples() -> list[tuple]:
    """Every rule a statement can point to: a kg:Rule with its id as label and what it does as comment."""
    from kg.provenance import all_rules, describe, rule_iri

    out = []
    for rule_id in all_rules():
        node = URIRef(rule_iri(rule_id))
        out += [(node, RDF.type, KG.Rule), (node, RDFS.label, Literal(rule_id))]
        if describe(rule_id):
            out.append((node, RDFS.comment, Literal(describe(rule_id), lang="en")))
    return out


# --- terms -------------------------------------------------------------------------
# The triples are made once, by article_triples and MergedActor, for two kinds of terms: rdflib's (kg build -o,
# pySHACL) and Oxigraph's (the store, written without an rdflib graph in between). Both give the same lexical forms.


# Every vocabulary term the triples use, by a short name.
_VOCABULARY = {
    "type": RDF.type, "label": RDFS.label, "prefLabel": SKOS.prefLabel, "altLabel": SKOS.altLabel,
    "memberOf": ORG.memberOf, "sameAs": OWL.sameAs,
    "NewsArticle": SCHEMA.NewsArticle, "name": SCHEMA.name, "headline": SCHEMA.headline, "publisher": SCHEMA.publisher,
    "datePublished": SCHEMA.datePublished, "url": SCHEMA.url,
    "Context": NIF.Context, "isString": NIF.isString, "String": NIF.String, "OffsetBasedString": NIF.OffsetBasedString,
    "beginIndex": NIF.beginIndex, "endIndex": NIF.endIndex, "anchorOf": NIF.anchorOf,
    "referenceContext": NIF.referenceContext,
    **{name: KG[name] for name in (
        "Actor", "actorKind", "role", "affiliation", "textHash", "Statement", "article", "speaker", "speakerMention",
        "cue", "content", "quoteKind", "statementKind", "hedged", "about", "addressee", "position",
        "positionConfidence", "reportedBy", "timeExpression", "timeStart", "timeEnd", "evidence", "ChannelHop",
        "hopIndex", "channelKind", "via", "channel", "nextHop", "Rule", "decidedBy", "frameRule", "speakerRule",
        "cueRule", "kindRule", "positionRule")},
    "comment": RDFS.comment,
}
# the property that links a statement to the rules behind each aspect (kg.provenance; the channel's are on its hops)
_ASPECT_PROPERTY = {"frame": "frameRule", "speaker": "speakerRule", "cue": "cueRule", "kind": "kindRule",
                    "position": "positionRule"}


class _RdflibTerms:
    """rdflib terms."""

    def __init__(self) -> None:
        self.v = dict(_VOCABULARY)

    @staticmethod
    def iri(value: str) -> URIRef:
        return value if isinstance(value, URIRef) else URIRef(value)

    def vocab(self, value: str) -> URIRef:
        return URIRef(value)

    @staticmethod
    def string(text: str) -> Literal:
        return Literal(text)

    @staticmethod
    def lang(text: str, language: str) -> Literal:
        return Literal(text, lang=language)

    @staticmethod
    def boolean(value: bool) -> Literal:
        return Literal(value)

    @staticmethod
    def integer(value: int) -> Literal:
        return Literal(value, datatype=XSD.integer)

    @staticmethod
    def decimal(value: Decimal) -> Literal:
        return Literal(value, datatype=XSD.decimal)

    @staticmethod
    def date(lexical: str) -> Literal:
        return Literal(lexical, datatype=XSD.date)

    @staticmethod
    def triple(s, p, o) -> tuple:
        return s, p, o


class OxigraphTerms:
    """pyoxigraph terms with the lexical forms rdflib gives the same values; triples are plain tuples."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self._vocab: dict[str, object] = {}
        self.v = {name: ox.NamedNode(str(term)) for name, term in _VOCABULARY.items()}
        self._types = {name: ox.NamedNode(str(XSD[name])) for name in ("boolean", "integer", "decimal", "date")}

    def iri(self, value: str):
        return self.ox.NamedNode(value)

    def vocab(self, value: str):
        """A term of the vocabularies (few, used again and again)."""
        found = self._vocab.get(value)
        if found is None:
            found = self._vocab[value] = self.ox.NamedNode(value)
        return found

    def string(self, text: str):
        return self.ox.Literal(text)

    def lang(self, text: str, language: str):
        return self.ox.Literal(text, language=language)

    def boolean(self, value: bool):
        if isinstance(value, bool):
            return self.ox.Literal("true" if value else "false", datatype=self._types["boolean"])
        return self._from_rdflib(Literal(value))

    def integer(self, value: int):
        if type(value) is int:
            return self.ox.Literal(str(value), datatype=self._types["integer"])
        return self._from_rdflib(Literal(value, datatype=XSD.integer))

    def decimal(self, value: Decimal):
        lexical = str(value)
        if not isinstance(value, Decimal) or "E" in lexical or "e" in lexical:
            lexical = str(Literal(value, datatype=XSD.decimal))  # rdflib's own lexical form
        return self.ox.Literal(lexical, datatype=self._types["decimal"])

    def date(self, lexical: str):
        return self.ox.Literal(str(lexical), datatype=self._types["date"])

    @staticmethod
    def triple(s, p, o) -> tuple:
        return s, p, o  # made into an ox.Quad (or ox.Triple) where it is written

    def _from_rdflib(self, literal: Literal):
        datatype = self.ox.NamedNode(str(literal.datatype)) if literal.datatype is not None else None
        return self.ox.Literal(str(literal), datatype=datatype)


RDFLIB_TERMS = _RdflibTerms()


# --- articles and statements ---------------------------------------------------------


def article_triples(extraction: Extraction, scheme: PositionScheme | None, terms) -> list:
    """The triples of one article (its node, statements, evidence spans and channel hops; not its actors)."""
    out: list = []
    add, iri, V = out.append, terms.iri, terms.v
    triple = terms.triple
    article = extraction.article
    node_iri = str(article_iri(article.text_hash))
    node = iri(node_iri)
    rdf_type = V["type"]
    add(triple(node, rdf_type, V["NewsArticle"]))
    add(triple(node, rdf_type, V["Context"]))
    add(triple(node, V["name"], terms.string(article.name)))
    add(triple(node, V["textHash"], terms.string(article.text_hash)))
    add(triple(node, V["isString"], terms.string(article.body)))
    if article.title:
        add(triple(node, V["headline"], terms.string(article.title)))
    if article.outlet:
        add(triple(node, V["publisher"], terms.string(article.outlet)))
    if article.published:
        add(triple(node, V["datePublished"], terms.date(article.published.isoformat())))
    if article.url:
        add(triple(node, V["url"], iri(article.url)))
    names = [str(i) for i in statement_iris(extraction)]
    statement_nodes = {s.id: iri(name) for s, name in zip(extraction.statements, names)}
    for index, statement in enumerate(extraction.statements):
        _statement_triples(out, terms, names[index], statement_nodes[statement.id], statement, node_iri, node,
                           statement_nodes, scheme)
    return out


def _statement_triples(out: list, terms, name: str, node, statement: Statement, article_name: str, article,
                       nodes: dict, scheme: PositionScheme | None) -> None:
    add, iri, v, V, triple = out.append, terms.iri, terms.vocab, terms.v, terms.triple
    add(triple(node, V["type"], V["Statement"]))
    add(triple(node, V["article"], article))
    add(triple(node, V["speaker"], iri(str(actor_iri(statement.speaker_actor)))))
    if statement.speaker:
        add(triple(node, V["speakerMention"], terms.string(statement.speaker)))
    if statement.cue:
        add(triple(node, V["cue"], terms.string(statement.cue)))
    add(triple(node, V["content"], terms.string(statement.content)))
    add(triple(node, V["quoteKind"], v(_QUOTE_TERM[statement.quote_kind])))
    add(triple(node, V["statementKind"], v(_STATEMENT_KIND[statement.kind])))
    add(triple(node, V["hedged"], terms.boolean(statement.hedged)))
    for subject in statement.subject_actors:
        add(triple(node, V["about"], iri(str(actor_iri(subject)))))
    if statement.addressee_actor:
        add(triple(node, V["addressee"], iri(str(actor_iri(statement.addressee_actor)))))
    if statement.position:
        add(triple(node, V["position"], v(str(_position_iri(statement.position, scheme)))))
    if statement.position_confidence is not None:
        # A Decimal, not a float: a float typed xsd:decimal fails sh:datatype until the graph is re-parsed.
        confidence = Decimal(str(round(statement.position_confidence, 3)))
        add(triple(node, V["positionConfidence"], terms.decimal(confidence)))
    if nodes.get(statement.reported_by, node) != node:  # one the article holds; a statement cannot report itself
        add(triple(node, V["reportedBy"], nodes[statement.reported_by]))
    # time
    if statement.time:
        add(triple(node, V["timeExpression"], terms.string(statement.time)))
    if statement.time_start:
        add(triple(node, V["timeStart"], terms.date(statement.time_start)))
    if statement.time_end:
        add(triple(node, V["timeEnd"], terms.date(statement.time_end)))
    # evidence span
    span = iri(f"{article_name}/span/{statement.start}-{statement.end}")
    add(triple(node, V["evidence"], span))
    add(triple(span, V["type"], V["String"]))
    add(triple(span, V["type"], V["OffsetBasedString"]))
    add(triple(span, V["beginIndex"], terms.integer(statement.start)))
    add(triple(span, V["endIndex"], terms.integer(statement.end)))
    add(triple(span, V["anchorOf"], terms.string(statement.evidence)))
    add(triple(span, V["referenceContext"], article))
    # the rules that decided (kg.provenance)
    for aspect, prop in _ASPECT_PROPERTY.items():
        for rule_id in dict.fromkeys(statement.rules.get(aspect, ())):
            add(triple(node, V[prop], v(rule_iri(rule_id))))
    # channel chain
    previous = None
    for index, hop in enumerate(statement.channel):
        hop_node = iri(f"{name}/hop/{index}")
        add(triple(hop_node, V["type"], V["ChannelHop"]))
        add(triple(hop_node, V["label"], terms.string(hop.label)))
        add(triple(hop_node, V["hopIndex"], terms.integer(index)))
        if hop.kind:
            add(triple(hop_node, V["channelKind"], v(str(CHAN[hop.kind]))))
        if hop.actor:
            add(triple(hop_node, V["via"], iri(str(actor_iri(hop.actor)))))
        if hop.rule:
            add(triple(hop_node, V["decidedBy"], v(rule_iri(hop.rule))))
        if previous is None:
            add(triple(node, V["channel"], hop_node))
        else:
            add(triple(previous, V["nextHop"], hop_node))
        previous = hop_node


# --- actors ------------------------------------------------------------------------


@dataclass
class MergedActor:
    """An actor as a corpus graph holds it, merged across articles.

    An actor met in several articles may come with different names or kinds; the merge must not
    depend on the order of the articles, or building twice gives different graphs: the most specific
    kind wins, the fullest name is the prefLabel and every other name or alias an altLabel, roles,
    groups, affiliations and sameAs links accumulate.
    """

    key: str
    kinds: set = field(default_factory=set)  # actorKind IRIs
    names: set = field(default_factory=set)  # candidates for the prefLabel
    labels: set = field(default_factory=set)  # every name and alias
    roles: set = field(default_factory=set)
    member_of: set = field(default_factory=set)  # actor IRIs
    affiliation: set = field(default_factory=set)  # actor IRIs
    same_as: set = field(default_factory=set)  # IRIs
    _made: tuple | None = field(default=None, init=False, compare=False, repr=False)  # (terms, triples) made last

    def add(self, actor: Actor, actors: dict[str, Actor]) -> None:
        """Merge one article's actor (``actors``: that article's actors)."""
        self._made = None
        self.kinds.add(str(_KIND_TERM[actor.kind]))
        self.names.add(actor.name)
        self.labels.add(actor.name)
        self.labels.update(actor.aliases)
        self.roles.update(actor.roles)
        if actor.member_of and actor.member_of in actors:
            self.member_of.add(str(actor_iri(actor.member_of)))
        if actor.affiliation:
            self.affiliation.add(str(actor_iri(actor.affiliation)))
        if actor.same_as:
            self.same_as.add(str(actor.same_as))

    def copy(self) -> "MergedActor":
        return MergedActor(self.key, set(self.kinds), set(self.names), set(self.labels), set(self.roles),
                           set(self.member_of), set(self.affiliation), set(self.same_as))

    def triples(self, terms) -> list:
        if self._made is None or self._made[0] is not terms:
            self._made = (terms, self._triples(terms))
        return self._made[1]

    def _triples(self, terms) -> list:
        V, triple = terms.v, terms.triple
        node = terms.iri(str(actor_iri(self.key)))
        out = [triple(node, V["type"], V["Actor"])]
        if self.kinds:
            out.append(triple(node, V["actorKind"], terms.vocab(min(self.kinds, key=_KIND_ORDER.__getitem__))))
        if self.names:
            preferred = max(self.names, key=lambda name: (len(name), name))  # the fullest name
            out.append(triple(node, V["prefLabel"], terms.lang(preferred, "en")))
            out += [triple(node, V["altLabel"], terms.lang(alias, "en")) for alias in self.labels - {preferred}]
        out += [triple(node, V["role"], terms.lang(role, "en")) for role in self.roles]
        out += [triple(node, V["memberOf"], terms.iri(group)) for group in self.member_of]
        out += [triple(node, V["affiliation"], terms.iri(other)) for other in self.affiliation]
        out += [triple(node, V["sameAs"], terms.iri(same)) for same in self.same_as]
        return out

    @classmethod
    def read(cls, key: str, pairs: Iterable[tuple[str, str]]) -> "MergedActor | None":
        """An actor's merged state from its (predicate IRI, object value) pairs as a graph holds them."""
        state, found = cls(key), False
        for predicate, value in pairs:
            found = True
            if predicate == _ACTOR_KIND:
                state.kinds.add(value)
            elif predicate == _PREF_LABEL:
                state.names.add(value)
                state.labels.add(value)
            elif predicate == _ALT_LABEL:
                state.labels.add(value)
            elif predicate == _ROLE:
                state.roles.add(value)
            elif predicate == _MEMBER_OF:
                state.member_of.add(value)
            elif predicate == _AFFILIATION:
                state.affiliation.add(value)
            elif predicate == _SAME_AS:
                state.same_as.add(value)
        return state if found else None


_KIND_ORDER = {str(kind): rank for rank, kind in enumerate(_KIND_PREFERENCE)}
_ACTOR_KIND, _PREF_LABEL, _ALT_LABEL, _ROLE = str(KG.actorKind), str(SKOS.prefLabel), str(SKOS.altLabel), str(KG.role)
_MEMBER_OF, _AFFILIATION, _SAME_AS = str(ORG.memberOf), str(KG.affiliation), str(OWL.sameAs)
_MERGED_PREDICATES = (RDF.type, KG.actorKind, SKOS.prefLabel, SKOS.altLabel, KG.role, ORG.memberOf, KG.affiliation,
                      OWL.sameAs)


def _add_actor(graph: Graph, actor: Actor, actors: dict[str, Actor]) -> None:
    """Merge one article's actor into the graph's (see MergedActor)."""
    node = actor_iri(actor.key)
    pairs = [(str(p), str(o)) for p in _MERGED_PREDICATES for o in graph.objects(node, p)]
    state = MergedActor.read(actor.key, pairs) or MergedActor(actor.key)
    state.add(actor, actors)
    for predicate in _MERGED_PREDICATES:
        graph.remove((node, predicate, None))
    for triple in state.triples(RDFLIB_TERMS):
        graph.add(triple)


def _position_iri(notation: str, scheme: PositionScheme | None) -> URIRef:
    concept = scheme.by_notation(notation) if scheme is not None else None
    return URIRef(concept.iri) if concept is not None else POS[quote(notation, safe="_-")]


# --- RDF files: formats, writing ----------------------------------------------------
# One rule maps a file's suffix to its format for every command that reads or writes RDF (build, export, query,
# validate, actors, report, push). Writing goes through kg's own writers (Turtle, N-Triples, N-Quads, JSON-LD) or
# Oxigraph's serialisers (TriG, RDF/XML): rdflib's longturtle took 28.7 s for 148k triples, most of a build's time.

RDF_FORMATS: dict[str, tuple[str, ...]] = {  # format name -> the suffixes that name it
    "ttl": (".ttl", ".turtle"), "nt": (".nt",), "nq": (".nq",), "trig": (".trig",), "jsonld": (".jsonld", ".json"),
    "rdf": (".rdf", ".xml", ".owl"),
}
FORMAT_NAMES = {"ttl": "Turtle", "nt": "N-Triples", "nq": "N-Quads", "trig": "TriG", "jsonld": "JSON-LD",
                "rdf": "RDF/XML"}
_ALIASES = {"turtle": "ttl", "ntriples": "nt", "json-ld": "jsonld", "nquads": "nq", "xml": "rdf", "rdfxml": "rdf"}
QUAD_FORMATS = ("nq", "trig")  # these keep the corpus's graphs apart (a named graph per article)


def rdf_format(path: str | Path | None, fmt: str | None = None, default: str | None = None,
               hint: str = " (or --format)") -> str:
    """The RDF format of a file: ``fmt`` when given, else the one its suffix names.

    >>> rdf_format("corpus.nq"), rdf_format("graph.TTL"), rdf_format("x.out", "jsonld"), rdf_format(None, default="ttl")
    ('nq', 'ttl', 'jsonld', 'ttl')

    :param default: the format when there is no file (stdout); None: a file is required.
    :param hint: the end of the message for an unknown suffix.
    :raises KgError: an unknown format or suffix.
    """
    from kg.errors import KgError

    if fmt:
        name = _ALIASES.get(fmt.lower(), fmt.lower())
        if name not in RDF_FORMATS:
            raise KgError(f"unknown RDF format '{fmt}' (known: {', '.join(RDF_FORMATS)})")
        return name
    suffix = Path(path).suffix.lower() if path else ""
    for name, suffixes in RDF_FORMATS.items():
        if suffix in suffixes:
            return name
    if not path and default:
        return default
    known = ", ".join(s for suffixes in RDF_FORMATS.values() for s in suffixes[:1])
    raise KgError(f"{path}: unknown RDF file suffix '{suffix}'; use {known}{hint}")


def graph_file(path: str | Path, fmt: str | None = None) -> tuple[Path, str]:
    """An RDF file to read and its format (``fmt``, else its suffix's).

    :raises GraphParseError: no such file, a folder, or an unknown format.
    """
    from kg.errors import GraphParseError, KgError

    path = Path(path)
    if not path.exists():
        raise GraphParseError(f"{path}: no such file")
    if path.is_dir():
        raise GraphParseError(f"{path}: is a folder, not an RDF file")
    try:
        return path, rdf_format(path, fmt, hint="")
    except KgError as err:
        raise GraphParseError(str(err)) from None


def graph_name_of(subject: str) -> str:
    """The store's graph of a subject: its article's (every node of an article is named under the article's IRI),
    the actors' or the vocabularies'.

    >>> graph_name_of("https://w3id.org/kg/id/article/ab12/statement/0-5/0")
    'https://w3id.org/kg/id/article/ab12'
    """
    if subject.startswith(ARTICLE_PREFIX):
        end = subject.find("/", len(ARTICLE_PREFIX))
        return subject if end < 0 else subject[:end]
    return str(ACTORS_GRAPH) if subject.startswith(str(ACTOR)) else str(VOCABULARY_GRAPH)


def serialize(graph: Graph | Iterable[tuple], fmt: str = "turtle") -> str:
    """The text of a graph in any format of :data:`RDF_FORMATS` (Turtle in kg's deterministic, readable layout)."""
    import io

    out = io.BytesIO()
    write_rdf(graph, out, fmt)
    return out.getvalue().decode("utf-8")


def write_rdf(graph: Graph | Iterable[tuple], out, fmt: str = "ttl") -> None:
    """Write a graph to a binary stream, in a deterministic order (the same graph gives the same bytes).

    :param graph: an rdflib graph, or rdflib triples.
    :param out: a binary file object.
    :param fmt: a format of :data:`RDF_FORMATS` (or its alias); nq and trig get a named graph per article.
        Turtle, N-Triples, N-Quads and JSON-LD are written by kg (sorted lines or blocks, built in one pass over
        the graph), TriG and RDF/XML by Oxigraph's serialisers from sorted quads.
    """
    fmt = rdf_format(None, fmt)
    own = {"ttl": turtle_chunks, "jsonld": jsonld_chunks, "nt": line_chunks,
           "nq": lambda g: line_chunks(g, named=True)}.get(fmt)
    if own is not None:
        out.write("".join(own(graph)).encode("utf-8"))  # one write: a few bytes per triple, far less than the graph
        return
    import pyoxigraph as ox

    quads = sorted_quads(graph, named=fmt in QUAD_FORMATS)
    ox_format = {"trig": ox.RdfFormat.TRIG, "rdf": ox.RdfFormat.RDF_XML}[fmt]
    ox.serialize(quads, out, ox_format, prefixes=PREFIXES)


def write_graph_file(graph: Graph | Iterable[tuple], path: str | Path, fmt: str | None = None) -> None:
    """Write a graph to a file atomically (a failure leaves the old file or nothing); format from the suffix."""
    fmt = rdf_format(path, fmt)
    write_binary_atomic(path, lambda handle: write_rdf(graph, handle, fmt))


def rdflib_serialize(graph: Graph, fmt: str = "turtle") -> str:
    """rdflib's own writers (longturtle for Turtle): kg's writer before this one, kept to check it against."""
    fmt = rdf_format(None, fmt)
    names = {"ttl": "longturtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdf": "xml"}
    if fmt in QUAD_FORMATS and not graph.context_aware:  # rdflib writes quads only from a dataset
        from rdflib import Dataset

        dataset = Dataset()
        dataset.default_graph += graph
        graph = dataset
    return graph.serialize(format=names[fmt], **({"indent": 2} if fmt == "jsonld" else {}))


def sorted_quads(graph: Graph | Iterable[tuple], named: bool = False) -> list:
    """A graph's triples as Oxigraph quads sorted by their N-Quads line; ``named``: each in its store graph."""
    import pyoxigraph as ox

    convert = _OxConverter()
    quads = []
    for s, p, o in graph:
        subject = convert(s)
        name = ox.NamedNode(graph_name_of(subject.value)) if named and isinstance(subject, ox.NamedNode) \
            else ox.DefaultGraph()
        quads.append(ox.Quad(subject, convert(p), convert(o), name))
    quads.sort(key=str)
    return quads


class _OxConverter:
    """rdflib terms to Oxigraph terms, remembering the IRIs and datatypes met (vocabulary terms repeat)."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.iris: dict[str, object] = {}
        self.blank: dict[str, object] = {}

    def __call__(self, term):
        ox = self.ox
        if isinstance(term, URIRef):
            found = self.iris.get(term)
            if found is None:
                found = self.iris[term] = ox.NamedNode(str(term))
            return found
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=self(term.datatype))
            return ox.Literal(str(term))
        found = self.blank.get(term)
        if found is None:
            found = self.blank[term] = ox.BlankNode()  # fresh labels: rdflib's may not be valid in every format
        return found


# --- kg's Turtle writer --------------------------------------------------------------
# Readable and diff-friendly, as rdflib's longturtle was: kg's prefixes (only those used), one block per subject,
# subjects, predicates (rdf:type first, as "a") and objects sorted, each object on its own line; a multi-line
# string (an article's body) keeps its lines. Linear in the graph: terms are written once and remembered.

_LOCAL_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+\Z")
_XSD_STRING, _XSD_BOOLEAN, _RDF_TYPE = str(XSD.string), str(XSD.boolean), str(RDF.type)
_BARE = {str(XSD.integer): _INTEGER, str(XSD.decimal): _DECIMAL}


class TurtleNames:
    """Turtle text of rdflib terms, with the prefixes it used; with ``ntriples``, their N-Triples text."""

    def __init__(self, prefixes: dict[str, str] | None = None, ntriples: bool = False) -> None:
        self.namespaces = {} if ntriples else {ns: p for p, ns in (PREFIXES if prefixes is None else prefixes).items()}
        self.ntriples = ntriples
        self.used: set[str] = set()
        self.iris: dict[str, str] = {}

    def iri(self, value: str) -> str:
        value = str(value)  # a plain str: rdflib's terms hash and compare in Python, slowly
        text = self.iris.get(value)
        if text is None:
            text = self.iris[value] = self._iri(value)
        return text

    def _iri(self, value: str) -> str:
        cut = max(value.rfind("#"), value.rfind("/")) + 1
        prefix = self.namespaces.get(value[:cut])
        if prefix is not None and (cut == len(value) or _LOCAL_NAME.match(value, cut)):
            self.used.add(prefix)
            return f"{prefix}:{value[cut:]}"
        return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", value) + ">"

    def term(self, term) -> str:
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, Literal):
            return self.literal(str(term), term.language, term.datatype)
        return f"_:{re.sub(r'[^A-Za-z0-9_]', '_', str(term))}"  # blank node

    def literal(self, value: str, language: str | None = None, datatype: str | None = None) -> str:
        datatype = str(datatype) if datatype is not None else None
        if datatype is not None and datatype != _XSD_STRING:
            pattern = _BARE.get(datatype)
            if not self.ntriples and (pattern is not None and pattern.match(value)
                                      or datatype == _XSD_BOOLEAN and value in ("true", "false")):
                return value
            return f"{_quoted(value, self.ntriples)}^^{self.iri(datatype)}"
        return _quoted(value, self.ntriples) + (f"@{language}" if language else "")


def _quoted(value: str, one_line: bool = False) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
    if "\n" not in value:
        return f'"{escaped}"'
    if one_line:
        return '"' + escaped.replace("\n", "\\n") + '"'
    return f'"""{escaped}"""'  # a body keeps its lines: a changed paragraph is a changed line in a diff


def line_chunks(graph: Graph | Iterable[tuple], named: bool = False) -> Iterable[str]:
    """N-Triples (or, ``named``, N-Quads with a graph per article) of a graph, its lines sorted."""
    names = TurtleNames(ntriples=True)
    if named:
        lines = {f"{names.term(s)} {names.iri(p)} {names.term(o)} <{graph_name_of(str(s))}> .\n"
                 for s, p, o in graph}
    else:
        lines = {f"{names.term(s)} {names.iri(p)} {names.term(o)} .\n" for s, p, o in graph}
    return sorted(lines)


def turtle_chunks(graph: Graph | Iterable[tuple], prefixes: dict[str, str] | None = None) -> Iterable[str]:
    """kg's Turtle of a graph, in pieces to write one after the other."""
    names = TurtleNames(prefixes)
    blocks = turtle_blocks(graph, names)  # first: the header declares the prefixes they use
    yield turtle_header(names)
    for _, block in blocks:
        yield block


def turtle_header(names: TurtleNames) -> str:
    """The @prefix lines of the prefixes ``names`` used."""
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for ns, prefix in sorted(names.namespaces.items(),
                                                                         key=lambda item: item[1])
                   if prefix in names.used)


def turtle_blocks(graph: Graph | Iterable[tuple], names: TurtleNames) -> list[tuple[str, str]]:
    """One Turtle block per subject, sorted: (the subject's IRI, the block's text, after a blank line)."""
    # subjects by their IRI (a statement before its hops), rdf:type first, then predicates and objects as written
    rows = sorted({(str(s), str(p) != _RDF_TYPE, "a" if str(p) == _RDF_TYPE else names.iri(p), names.term(o),
                    names.term(s)) for s, p, o in graph})  # str(): rdflib's own == is Python code, slow
    blocks: list[tuple[str, str]] = []
    key = subject = predicate = None
    block: list[str] = []
    for k, _, p, o, s in rows:
        if s != subject:
            if block:
                blocks.append((key, "".join(block) + " .\n"))
            block = ["\n", s, " ", p, " ", o]
            key, subject, predicate = k, s, p
        elif p != predicate:
            block += [" ;\n    ", p, " ", o]
            predicate = p
        else:
            block += [",\n        ", o]
    if block:
        blocks.append((key, "".join(block) + " .\n"))
    return blocks


def jsonld_chunks(graph: Graph | Iterable[tuple], prefixes: dict[str, str] | None = None) -> Iterable[str]:
    """kg's JSON-LD of a graph: an ``@context`` of kg's prefixes (only those used) and an ``@graph`` of one
    object per subject, in the order and layout of kg's Turtle (one line per property), so that it diffs as well.
    Literals keep their lexical forms (``{"@value": "0.50", "@type": "xsd:decimal"}``)."""
    compact = JsonLdNames(TurtleNames(prefixes))
    nodes = jsonld_nodes(graph, compact)
    yield jsonld_document([text for _, text in nodes], compact)


def jsonld_document(items: list[str], compact: "JsonLdNames") -> str:
    """A JSON-LD document: the ``@context`` of the prefixes ``compact`` used, and ``items`` (node or graph objects,
    as :func:`jsonld_nodes` writes them) in its ``@graph``."""
    import json

    context = {prefix: ns for ns, prefix in sorted(compact.names.namespaces.items(), key=lambda item: item[1])
               if prefix in compact.used}
    body = "\n" + ",\n".join(items) + "\n" if items else ""
    return '{\n  "@context": ' + json.dumps(context, ensure_ascii=False) + ',\n  "@graph": [' + body + "  ]\n}\n"


def jsonld_nodes(graph: Graph | Iterable[tuple], compact: "JsonLdNames", indent: int = 4) -> list[tuple[str, str]]:
    """One JSON-LD node object per subject, sorted: (the subject's IRI, the object's text indented by ``indent``)."""
    import json

    rows = set()
    for s, p, o in graph:
        is_type = str(p) == _RDF_TYPE and not isinstance(o, Literal)
        key = "@type" if is_type else compact.iri(str(p))
        value = json.dumps(compact.iri(str(o)) if is_type else compact.value(o), ensure_ascii=False)
        rows.add((str(s), key, value, compact.node(s)))
    pad = " " * indent
    nodes: list[tuple[str, str]] = []
    lines: list[str] = []
    subject = predicate = None
    subject_iri = ""
    for iri, key, value, node in sorted(rows):
        if node != subject:
            if lines:
                nodes.append((subject_iri, "".join(lines) + f"]\n{pad}}}"))
            lines = [f"{pad}{{\n{pad}  \"@id\": {json.dumps(node)},"]
            subject, subject_iri, predicate = node, iri, None
        if key != predicate:
            lines.append(("],\n" if predicate is not None else "\n") + f"{pad}  {json.dumps(key)}: [{value}")
            predicate = key
        else:
            lines.append(f", {value}")
    if lines:
        nodes.append((subject_iri, "".join(lines) + f"]\n{pad}}}"))
    return nodes


class JsonLdNames:
    """JSON-LD terms: compact IRIs by kg's prefixes (the ones Turtle would use), node and value objects."""

    def __init__(self, names: TurtleNames) -> None:
        self.names = names
        self.used: set[str] = set()
        self.iris: dict[str, str] = {}

    def iri(self, value: str) -> str:
        found = self.iris.get(value)
        if found is None:
            written = self.names.iri(value)
            found = self.iris[value] = value if written.startswith("<") else written
            if found is not value:
                self.used.add(written.split(":", 1)[0])
        return found

    def node(self, term) -> str:
        return self.iri(str(term)) if isinstance(term, URIRef) else f"_:{re.sub(r'[^A-Za-z0-9_]', '_', str(term))}"

    def value(self, term) -> dict[str, str]:
        if not isinstance(term, Literal):
            return {"@id": self.node(term)}
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return {"@value": str(term), "@type": self.iri(str(term.datatype))}
        return {"@value": str(term)}


def write_atomic(path: str | Path, text: str) -> None:
    """Write a file so that a failure leaves either the old file or nothing, never half a file."""
    write_binary_atomic(path, lambda handle: handle.write(text), text=True)


def write_binary_atomic(path: str | Path, write, text: bool = False) -> None:
    """Write a file through ``write(handle)`` (binary, or UTF-8 text), atomically (see :func:`write_atomic`)."""
    import os
    import tempfile

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with (os.fdopen(fd, "w", encoding="utf-8") if text else os.fdopen(fd, "wb")) as handle:
            write(handle)
        os.chmod(tmp, ordinary_file_mode())  # mkstemp makes private files; an output file is an ordinary one
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def ordinary_file_mode() -> int:
    """The permissions a new file gets under the process's umask (mkstemp's files are private)."""
    import os

    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current
