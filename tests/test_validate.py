"""SHACL validation (kg.graph.validate) with the real pySHACL and ontology/shapes.ttl.

Broken graphs are made from a built graph by removing or adding triples with rdflib.
"""
from __future__ import annotations

import pytest
from conftest import copy_graph
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from kg import build
from kg.errors import GraphParseError
from kg.graph.validate import load_graph, validate_graph
from kg.namespaces import KG, NIF

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


# --- kg validate: report formats, -o and several paths (as pySHACL's -f and -o) ----------


def _broken(fixture_graph, tmp_path):
    """The fixture graph without one statement's speaker, split in two files: actors apart from the rest."""
    graph = copy_graph(fixture_graph)
    statement = next(graph.subjects(RDF.type, KG.Statement))
    graph.remove((statement, KG.speaker, None))
    actors, rest = Graph(), Graph()
    for triple in graph:
        (actors if (triple[0], RDF.type, KG.Actor) in graph else rest).add(triple)
    actors.serialize(tmp_path / "actors.ttl", format="turtle")
    rest.serialize(tmp_path / "rest.nt", format="nt", encoding="utf-8")
    return statement, [str(tmp_path / "actors.ttl"), str(tmp_path / "rest.nt")]


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("json-ld", "json-ld")])
def test_validate_writes_the_report_graph(runner, fixture_graph, tmp_path, fmt, parse_as):
    from kg.cli import cli

    statement, paths = _broken(fixture_graph, tmp_path)
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(cli, ["validate", *paths, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 1  # the exit code still says it does not conform
    assert result.stdout == ""
    assert result.stderr == f"{', '.join(paths)}: does not conform ({len(fixture_graph) - 1} triples); " \
                            f"report written to {out}\n"
    report = Graph().parse(out, format=parse_as)
    assert set(report.objects(None, SH.conforms)) == {Literal(False)}
    assert set(report.objects(None, SH.focusNode)) == {statement}
    assert str(next(report.objects(None, SH.resultMessage))) == SPEAKER_MESSAGE
    if fmt == "json-ld":
        assert '"sh:resultMessage"' in out.read_text(encoding="utf-8")  # compact, by the context's prefixes


def test_several_paths_are_validated_as_one_graph(runner, fixture_graph, fixture_graph_path, tmp_path):
    from kg.cli import cli

    actors, rest = Graph(), Graph()
    for triple in fixture_graph:
        (actors if (triple[0], RDF.type, KG.Actor) in fixture_graph else rest).add(triple)
    actors.serialize(tmp_path / "actors.ttl", format="turtle")
    rest.serialize(tmp_path / "rest.ttl", format="turtle")
    alone = runner.invoke(cli, ["validate", str(tmp_path / "rest.ttl")])
    assert alone.exit_code == 1  # its statements' speakers are described in the other file
    both = runner.invoke(cli, ["validate", str(tmp_path / "rest.ttl"), str(tmp_path / "actors.ttl")])
    assert both.exit_code == 0, both.output
    assert both.stdout == f"{tmp_path / 'rest.ttl'}, {tmp_path / 'actors.ttl'}: conforms ({len(fixture_graph)} triples)\n"


def test_a_conforming_graph_in_turtle_is_a_report_that_says_so(runner, fixture_graph_path):
    from kg.cli import cli

    result = runner.invoke(cli, ["validate", str(fixture_graph_path), "-f", "turtle"])
    assert result.exit_code == 0, result.output
    report = Graph().parse(data=result.stdout, format="turtle")
    assert set(report.objects(None, SH.conforms)) == {Literal(True)}
    assert result.stdout.startswith("@prefix sh: <http://www.w3.org/ns/shacl#> .\n")
