"""SHACL validation (kg.validate) with the real pySHACL and ontology/shapes.ttl.

Broken graphs are made from a built graph by removing or adding triples with rdflib.
"""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from conftest import copy_graph
from kg import build
from kg.errors import GraphParseError
from kg.namespaces import KG, NIF
from kg.validate import load_graph, validate_graph

SPEAKER_MESSAGE = "A statement needs exactly one speaker, and the speaker must be a kg:Actor."
EVIDENCE_MESSAGE = "A statement needs exactly one evidence span (a nif:String with offsets)."
KIND_MESSAGE = "An actor needs exactly one kind: kg:Person, kg:Organization, kg:Country or kg:Group."


def assert_conforms(graph: Graph) -> None:
    report = validate_graph(graph)
    assert report.conforms, report.text


def violations(graph: Graph) -> list[tuple[URIRef, str]]:
    """(focus node, message) of every result; the report must also say it does not conform."""
    report = validate_graph(graph)
    assert not report.conforms
    assert "Conforms: False" in report.text
    results = report.graph.subjects(RDF.type, SH.ValidationResult)
    return sorted((report.graph.value(r, SH.focusNode), str(report.graph.value(r, SH.resultMessage)))
                  for r in results)


def a_statement(graph: Graph) -> URIRef:
    return sorted(graph.subjects(RDF.type, KG.Statement))[0]


def test_the_example_graph_conforms(example_graph):
    assert_conforms(example_graph)


def test_a_graph_built_in_memory_conforms(nlp, tiny_article):
    # Regression: position confidences were floats typed xsd:decimal, which pySHACL rejects
    # until the graph has been written and parsed again.
    assert_conforms(build([tiny_article]))


def test_the_fixture_graph_conforms(fixture_graph):
    assert_conforms(fixture_graph)


def test_a_statement_without_a_speaker(example_graph):
    graph = copy_graph(example_graph)
    statement = a_statement(graph)
    graph.remove((statement, KG.speaker, None))
    assert violations(graph) == [(statement, SPEAKER_MESSAGE)]
    assert f"Message: {SPEAKER_MESSAGE}" in validate_graph(graph).text


def test_a_speaker_that_is_not_an_actor(example_graph):
    graph = copy_graph(example_graph)
    statement = a_statement(graph)
    graph.set((statement, KG.speaker, URIRef("https://w3id.org/kg/actor/nobody-we-know")))
    assert violations(graph) == [(statement, SPEAKER_MESSAGE)]


def test_a_statement_without_an_evidence_span(example_graph):
    graph = copy_graph(example_graph)
    statement = a_statement(graph)
    graph.remove((statement, KG.evidence, None))
    assert violations(graph) == [(statement, EVIDENCE_MESSAGE)]
    assert f"Message: {EVIDENCE_MESSAGE}" in validate_graph(graph).text


def test_an_actor_with_two_kinds(example_graph):
    graph = copy_graph(example_graph)
    actor = sorted(graph.subjects(RDF.type, KG.Actor))[0]
    other = KG.Group if graph.value(actor, KG.actorKind) != KG.Group else KG.Person
    graph.add((actor, KG.actorKind, other))
    assert violations(graph) == [(actor, KIND_MESSAGE)]
    assert f"Message: {KIND_MESSAGE}" in validate_graph(graph).text


def test_an_offset_that_is_not_an_integer(example_graph):
    graph = copy_graph(example_graph)
    span = graph.value(a_statement(graph), KG.evidence)
    begin = graph.value(span, NIF.beginIndex)
    graph.set((span, NIF.beginIndex, Literal(str(begin))))
    # one result each from sh:datatype, sh:minInclusive and sh:lessThan, all with the shape's message
    assert set(violations(graph)) == {
        (span, "An evidence span needs one non-negative xsd:integer nif:beginIndex, smaller than its end.")}


def test_a_span_that_ends_before_it_begins(example_graph):
    graph = copy_graph(example_graph)
    span = graph.value(a_statement(graph), KG.evidence)
    graph.set((span, NIF.endIndex, Literal(int(graph.value(span, NIF.beginIndex)), datatype=XSD.integer)))
    assert violations(graph) == [
        (span, "An evidence span needs one non-negative xsd:integer nif:beginIndex, smaller than its end.")]


def test_two_quote_kinds(fixture_graph):
    graph = copy_graph(fixture_graph)
    statement = a_statement(graph)
    graph.add((statement, KG.quoteKind, KG.Mixed))
    graph.add((statement, KG.quoteKind, KG.Direct))
    graph.add((statement, KG.quoteKind, KG.Indirect))
    assert violations(graph) == [
        (statement, "A statement's quote kind must be exactly one of kg:Direct, kg:Mixed, kg:Indirect.")]


def test_load_graph_reports_the_parse_error(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c ;\n    ex:d .\n", encoding="utf-8")
    with pytest.raises(GraphParseError, match=r"broken\.ttl: not valid Turtle: line 4: objectList expected$"):
        load_graph(path)


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")])
def test_load_graph_guesses_the_format(fixture_graph, tmp_path, suffix, fmt):
    path = tmp_path / f"graph{suffix}"
    fixture_graph.serialize(path, format=fmt, encoding="utf-8")
    assert len(load_graph(path)) == len(fixture_graph)
