"""From extractions to RDF: the only module that mints IRIs.

IRIs come from stable keys (the article's text hash, character offsets,
normalised actor names, concept notations), never from random ids, so the
same article always gives the same triples.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from .actors import Actor
from .extraction import Extraction
from .namespaces import ACTOR, CHAN, FOAF, GRASP, ID, KG, NIF, ORG, POS, PROV, SCHEMA
from .positions import PositionScheme
from .resources import data_path
from .statements import Statement

_KIND_TERM = {"person": KG.Person, "organization": KG.Organization, "country": KG.Country, "group": KG.Group}
# When articles disagree on an actor's kind, the more specific kind wins ("group" is the fallback).
_KIND_PREFERENCE = (KG.Country, KG.Organization, KG.Person, KG.Group)
_QUOTE_TERM = {"direct": KG.Direct, "mixed": KG.Mixed, "indirect": KG.Indirect}
_STATEMENT_KIND = {"stance": KG.Stance, "claim": KG.Claim}


def new_graph() -> Graph:
    """An empty graph with kg's prefixes bound."""
    graph = Graph()
    for prefix, ns in (("kg", KG._NS), ("nif", NIF), ("prov", PROV), ("schema", SCHEMA), ("org", ORG), ("foaf", FOAF),
                       ("grasp", GRASP), ("pos", POS), ("chan", CHAN), ("actor", ACTOR), ("id", ID),
                       ("skos", SKOS), ("owl", OWL), ("xsd", XSD), ("rdfs", RDFS)):
        graph.bind(prefix, ns, override=True)
    return graph


def article_iri(text_hash: str) -> URIRef:
    return ID[f"article/{text_hash}"]


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
    article = _add_article(graph, extraction)
    for actor in extraction.actors.values():
        _add_actor(graph, actor, extraction.actors)
    iris = statement_iris(extraction)
    for iri, statement in zip(iris, extraction.statements):
        _add_statement(graph, iri, statement, article, iris, scheme)
    return graph


def to_graph(extractions: list[Extraction], scheme: PositionScheme | None = None, with_vocabularies: bool = True) -> Graph:
    """A graph of several articles, with the position and channel schemes it refers to."""
    graph = new_graph()
    for extraction in extractions:
        add_extraction(graph, extraction, scheme)
    if with_vocabularies:
        graph += vocabularies(scheme)
    return graph


def vocabularies(scheme: PositionScheme | None = None) -> Graph:
    """The SKOS schemes a statement graph points into (positions, channel kinds)."""
    sources = scheme.sources if scheme is not None else (str(data_path("ontology", "positions.ttl")),)
    return _vocabularies(tuple(sources))


@lru_cache(maxsize=4)
def _vocabularies(sources: tuple[str, ...]) -> Graph:
    graph = Graph()
    for source in (*sources, str(data_path("ontology", "channel_kinds.ttl"))):
        graph.parse(source, format="turtle")
    return graph


def _add_article(graph: Graph, extraction: Extraction) -> URIRef:
    article = extraction.article
    node = article_iri(article.text_hash)
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, RDF.type, NIF.Context))
    graph.add((node, SCHEMA.name, Literal(article.name)))
    graph.add((node, KG.textHash, Literal(article.text_hash)))
    graph.add((node, NIF.isString, Literal(article.body)))
    if article.title:
        graph.add((node, SCHEMA.headline, Literal(article.title)))
    if article.outlet:
        graph.add((node, SCHEMA.publisher, Literal(article.outlet)))
    if article.published:
        graph.add((node, SCHEMA.datePublished, Literal(article.published.isoformat(), datatype=XSD.date)))
    if article.url:
        graph.add((node, SCHEMA.url, URIRef(article.url)))
    return node


def _add_actor(graph: Graph, actor: Actor, actors: dict[str, Actor]) -> None:
    # An actor met in several articles may come with different names or kinds; the choice
    # must not depend on the order of the articles, or building twice gives different graphs.
    node = actor_iri(actor.key)
    graph.add((node, RDF.type, KG.Actor))
    kinds = {_KIND_TERM[actor.kind], *graph.objects(node, KG.actorKind)}
    graph.set((node, KG.actorKind, min(kinds, key=_KIND_PREFERENCE.index)))
    pref_names = {actor.name, *(str(label) for label in graph.objects(node, SKOS.prefLabel))}
    preferred = max(pref_names, key=lambda name: (len(name), name))  # the fullest name
    alt_names = {*pref_names, *actor.aliases, *(str(label) for label in graph.objects(node, SKOS.altLabel))}
    alt_names.discard(preferred)
    graph.remove((node, SKOS.prefLabel, None))
    graph.remove((node, SKOS.altLabel, None))
    graph.add((node, SKOS.prefLabel, Literal(preferred, lang="en")))
    for alias in alt_names:
        graph.add((node, SKOS.altLabel, Literal(alias, lang="en")))
    for role in actor.roles:
        graph.add((node, KG.role, Literal(role, lang="en")))
    if actor.member_of and actor.member_of in actors:
        graph.add((node, ORG.memberOf, actor_iri(actor.member_of)))
    if actor.affiliation:
        graph.add((node, KG.affiliation, actor_iri(actor.affiliation)))
    if actor.same_as:
        graph.add((node, OWL.sameAs, URIRef(actor.same_as)))


def _add_statement(graph: Graph, node: URIRef, statement: Statement, article: URIRef, iris: list[URIRef],
                   scheme: PositionScheme | None) -> None:
    graph.add((node, RDF.type, KG.Statement))
    graph.add((node, KG.article, article))
    graph.add((node, KG.speaker, actor_iri(statement.speaker_actor)))
    if statement.speaker:
        graph.add((node, KG.speakerMention, Literal(statement.speaker)))
    if statement.cue:
        graph.add((node, KG.cue, Literal(statement.cue)))
    graph.add((node, KG.content, Literal(statement.content)))
    graph.add((node, KG.quoteKind, _QUOTE_TERM[statement.quote_kind]))
    graph.add((node, KG.statementKind, _STATEMENT_KIND[statement.kind]))
    graph.add((node, KG.hedged, Literal(statement.hedged)))
    for subject in statement.subject_actors:
        graph.add((node, KG.about, actor_iri(subject)))
    if statement.addressee_actor:
        graph.add((node, KG.addressee, actor_iri(statement.addressee_actor)))
    if statement.position:
        graph.add((node, KG.position, _position_iri(statement.position, scheme)))
    if statement.position_confidence is not None:
        # A Decimal, not a float: a float typed xsd:decimal fails sh:datatype until the graph is re-parsed.
        confidence = Decimal(str(round(statement.position_confidence, 3)))
        graph.add((node, KG.positionConfidence, Literal(confidence, datatype=XSD.decimal)))
    if statement.reported_by is not None and 0 <= statement.reported_by < len(iris) \
            and iris[statement.reported_by] != node:  # a statement cannot report itself
        graph.add((node, KG.reportedBy, iris[statement.reported_by]))
    _add_time(graph, node, statement)
    _add_span(graph, node, statement, article)
    _add_channel(graph, node, statement)


def _add_time(graph: Graph, node: URIRef, statement: Statement) -> None:
    if statement.time:
        graph.add((node, KG.timeExpression, Literal(statement.time)))
    if statement.time_start:
        graph.add((node, KG.timeStart, Literal(statement.time_start, datatype=XSD.date)))
    if statement.time_end:
        graph.add((node, KG.timeEnd, Literal(statement.time_end, datatype=XSD.date)))


def _add_span(graph: Graph, node: URIRef, statement: Statement, article: URIRef) -> None:
    span = URIRef(f"{article}/span/{statement.start}-{statement.end}")
    graph.add((node, KG.evidence, span))
    graph.add((span, RDF.type, NIF.String))
    graph.add((span, RDF.type, NIF.OffsetBasedString))
    graph.add((span, NIF.beginIndex, Literal(statement.start, datatype=XSD.integer)))
    graph.add((span, NIF.endIndex, Literal(statement.end, datatype=XSD.integer)))
    graph.add((span, NIF.anchorOf, Literal(statement.evidence)))
    graph.add((span, NIF.referenceContext, article))


def _add_channel(graph: Graph, node: URIRef, statement: Statement) -> None:
    previous = None
    for index, hop in enumerate(statement.channel):
        hop_node = URIRef(f"{node}/hop/{index}")
        graph.add((hop_node, RDF.type, KG.ChannelHop))
        graph.add((hop_node, RDFS.label, Literal(hop.label)))
        graph.add((hop_node, KG.hopIndex, Literal(index, datatype=XSD.integer)))
        if hop.kind:
            graph.add((hop_node, KG.channelKind, CHAN[hop.kind]))
        if hop.actor:
            graph.add((hop_node, KG.via, actor_iri(hop.actor)))
        if previous is None:
            graph.add((node, KG.channel, hop_node))
        else:
            graph.add((previous, KG.nextHop, hop_node))
        previous = hop_node


def _position_iri(notation: str, scheme: PositionScheme | None) -> URIRef:
    concept = scheme.by_notation(notation) if scheme is not None else None
    return URIRef(concept.iri) if concept is not None else POS[quote(notation, safe="_-")]


def serialize(graph: Graph, fmt: str = "turtle") -> str:
    """Turtle (longturtle, for small diffs), JSON-LD or N-Triples text of a graph."""
    if fmt in ("ttl", "turtle"):
        return graph.serialize(format="longturtle")
    if fmt in ("jsonld", "json-ld"):
        return graph.serialize(format="json-ld", indent=2)
    if fmt in ("nt", "ntriples"):
        return graph.serialize(format="nt")
    raise ValueError(f"unknown RDF format: {fmt}")


def write_atomic(path: str | Path, text: str) -> None:
    """Write a file so that a failure leaves either the old file or nothing, never half a file."""
    import os
    import tempfile

    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
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
