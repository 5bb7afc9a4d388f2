"""The graphs kg.graph.rdf makes: deterministic IRIs, typed offsets, no blank nodes, atomic writes."""
from __future__ import annotations

import hashlib
import re

import pytest
from conftest import EXAMPLES, copy_graph, hand_extraction, run_build
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from kg.errors import KgError
from kg.graph.rdf import (
    ACTORS_GRAPH, RDF_FORMATS, VOCABULARY_GRAPH, TurtleNames, actor_iri, rdf_format, rdflib_serialize, serialize,
    statement_iris, to_graph, write_atomic
)
from kg.graph.validate import validate_graph
from kg.namespaces import KG, NIF

# rdflib's own N-Quads parser and SPARQL engine still call Dataset methods it deprecated
pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")]
STATEMENT_IRI = re.compile(r"^https://w3id\.org/kg/id/article/[0-9a-f]{16}/statement/\d+-\d+/\d+$")
SPAN_IRI = re.compile(r"^https://w3id\.org/kg/id/article/[0-9a-f]{16}/span/(\d+)-(\d+)$")
ACTOR_IRI = re.compile(r"^https://w3id\.org/kg/actor/[A-Za-z0-9%_.~-]+$")


def assert_isomorphic(expected: Graph, actual: Graph) -> None:
    """Like GraphHelper.assert_isomorphic in rdflib's tests: print what differs on failure."""
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {t}" for t in sorted(only_expected)][:40] + [f"+ {t}" for t in sorted(only_actual)][:40]
    pytest.fail("graphs differ:\n" + "\n".join(lines))


def test_building_twice_gives_the_same_graph(nlp, example_graph, tmp_path):
    again = run_build(nlp, tmp_path, EXAMPLES)
    assert again.result.exit_code == 0, again.result.output
    assert_isomorphic(example_graph, Graph().parse(again.path, format="turtle"))


def test_the_order_of_the_articles_does_not_matter(nlp, example_graph, tmp_path):
    # Regression: an actor named differently in two articles got the prefLabel of whichever came first.
    reversed_build = run_build(nlp, tmp_path, list(reversed(EXAMPLES)))
    assert reversed_build.result.exit_code == 0, reversed_build.result.output
    assert_isomorphic(example_graph, Graph().parse(reversed_build.path, format="turtle"))


def test_several_workers_give_the_same_graph(nlp, example_graph, tmp_path):
    # Regression: --workers 2 crashed, spaCy cannot send kg's Doc extensions between processes.
    parallel = run_build(nlp, tmp_path, EXAMPLES, "--workers", "2")
    assert parallel.result.exit_code == 0, parallel.result.output
    assert_isomorphic(example_graph, Graph().parse(parallel.path, format="turtle"))


def test_every_actor_has_one_preferred_label_that_is_not_also_an_alternative(example_graph):
    for actor in set(example_graph.subjects(RDF.type, KG.Actor)):
        prefs = list(example_graph.objects(actor, SKOS.prefLabel))
        assert len(prefs) == 1, actor
        assert prefs[0] not in set(example_graph.objects(actor, SKOS.altLabel)), actor


def test_no_blank_nodes(example_graph):
    assert [t for t in example_graph if any(isinstance(term, BNode) for term in t)] == []


@pytest.mark.parametrize("predicate", [NIF.beginIndex, NIF.endIndex, KG.hopIndex])
def test_offsets_are_xsd_integers(example_graph, predicate):
    values = list(example_graph.objects(None, predicate))
    assert values
    assert {v.datatype for v in values} == {XSD.integer}
    assert all(isinstance(v.value, int) and v.value >= 0 for v in values)


def test_position_confidences_are_decimals(example_graph):
    values = list(example_graph.objects(None, KG.positionConfidence))
    assert {v.datatype for v in values} <= {XSD.decimal}
    assert all(0 <= v.value <= 1 for v in values)


def test_iris_come_from_stable_keys(example_graph):
    statements = set(example_graph.subjects(RDF.type, KG.Statement))
    assert statements and all(STATEMENT_IRI.match(str(s)) for s in statements)
    actors = set(example_graph.subjects(RDF.type, KG.Actor))
    assert actors and all(ACTOR_IRI.match(str(a)) for a in actors)
    for article in example_graph.subjects(RDF.type, NIF.Context):
        body = str(example_graph.value(article, NIF.isString))
        text_hash = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
        assert str(article) == f"https://w3id.org/kg/id/article/{text_hash}"
        assert str(example_graph.value(article, KG.textHash)) == text_hash


def test_evidence_spans_are_the_body_at_their_offsets(example_graph):
    spans = set(example_graph.objects(None, KG.evidence))
    assert spans
    for span in spans:
        begin, end = (int(example_graph.value(span, p)) for p in (NIF.beginIndex, NIF.endIndex))
        assert SPAN_IRI.match(str(span)).groups() == (str(begin), str(end))
        body = str(example_graph.value(example_graph.value(span, NIF.referenceContext), NIF.isString))
        assert body[begin:end] == str(example_graph.value(span, NIF.anchorOf))


def test_channel_hops_are_numbered_from_the_origin(example_graph):
    for statement, first in example_graph.subject_objects(KG.channel):
        hop, index = first, 0
        while hop is not None:
            assert example_graph.value(hop, KG.hopIndex) == Literal(index, datatype=XSD.integer)
            hop, index = example_graph.value(hop, KG.nextHop), index + 1


def test_a_hand_made_extraction(tmp_path):
    extraction = hand_extraction()
    graph = to_graph([extraction])
    report = validate_graph(graph)
    assert report.conforms, report.text
    outer, inner = statement_iris(extraction)
    base = f"https://w3id.org/kg/id/article/{extraction.article.text_hash}"
    # two statements read from the same span are told apart by their rank
    assert (str(outer), str(inner)) == (f"{base}/statement/0-81/0", f"{base}/statement/0-81/1")
    assert list(graph.objects(inner, KG.reportedBy)) == [outer]
    assert graph.value(inner, KG.positionConfidence) == Literal("0.8", datatype=XSD.decimal)
    official = actor_iri("official")
    assert graph.value(official, URIRef("http://www.w3.org/ns/org#memberOf")) == actor_iri("officials")
    hop = graph.value(outer, KG.channel)
    assert (graph.value(hop, KG.via), graph.value(hop, KG.channelKind)) == (
        actor_iri("the-new-york-times"), URIRef("https://w3id.org/kg/channel-kind/publication"))


def test_a_statement_never_reports_itself():
    extraction = hand_extraction()
    extraction.statements[1].reported_by = extraction.statements[1].id
    graph = to_graph([extraction], with_vocabularies=False)
    assert list(graph.subject_objects(KG.reportedBy)) == []


def test_no_statement_of_the_examples_reports_itself(example_graph):
    assert [(s, o) for s, o in example_graph.subject_objects(KG.reportedBy) if s == o] == []


@pytest.mark.parametrize("fmt, parse_as", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_serialize_round_trips(fixture_graph, fmt, parse_as):
    assert_isomorphic(fixture_graph, Graph().parse(data=serialize(fixture_graph, fmt), format=parse_as))


def test_serialize_unknown_format(fixture_graph):
    with pytest.raises(KgError, match="unknown RDF format 'csv'"):
        serialize(fixture_graph, "csv")


# --- the writer: kg's Turtle and Oxigraph's serialisers, against rdflib's ------------------------------

PARSERS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdf": "xml"}


def union(text: str, fmt: str) -> Graph:
    """Every triple of an RDF text, whatever graph it is in."""
    dataset = Dataset()
    dataset.parse(data=text, format=PARSERS[fmt])
    graph = Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_the_new_writer_writes_the_graph_the_old_one_wrote(example_graph, fmt):
    """Issue 16: kg's writer (own Turtle, Oxigraph's serialisers) loses nothing rdflib's writers kept."""
    old = union(rdflib_serialize(example_graph, fmt), fmt)
    new = union(serialize(example_graph, fmt), fmt)
    assert len(new) == len(example_graph) > 500
    assert_isomorphic(old, new)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_the_writer_is_deterministic(example_graph, fmt):
    """The same graph, built again in another order, gives the same bytes (small diffs between runs)."""
    shuffled = Graph()
    for triple in sorted(example_graph, key=lambda t: hashlib.sha256(str(t).encode()).hexdigest()):
        shuffled.add(triple)
    assert serialize(shuffled, fmt) == serialize(example_graph, fmt)


def test_turtle_is_one_block_per_subject_with_kg_prefixes(example_graph):
    text = serialize(example_graph, "ttl")
    head = text.split("\n\n", 1)[0].splitlines()
    assert "@prefix kg: <https://w3id.org/kg/ns#> ." in head and "ns1:" not in text
    names = TurtleNames()
    for subject in set(example_graph.subjects()):  # each subject opens one block, after a blank line
        assert text.count(f"\n\n{names.term(subject)} ") == 1, subject
    statement = sorted(example_graph.subjects(RDF.type, KG.Statement))[0]
    block = text.split(f"\n\n{names.term(statement)} ", 1)[1].split(" .\n", 1)[0]
    assert block.startswith("a kg:Statement ;\n    kg:")  # rdf:type first, then one predicate a line


def test_json_ld_has_kg_prefixes_in_its_context_and_one_object_per_subject(example_graph):
    import json

    data = json.loads(serialize(example_graph, "jsonld"))
    assert data["@context"]["kg"] == "https://w3id.org/kg/ns#"
    assert len(data["@graph"]) == len({node["@id"] for node in data["@graph"]}) == len(set(example_graph.subjects()))


def test_a_changed_statement_changes_only_its_own_lines(example_graph):
    changed = copy_graph(example_graph)
    statement = sorted(changed.subjects(RDF.type, KG.Statement))[0]
    changed.set((statement, KG.cue, Literal("stated")))
    before, after = serialize(example_graph, "ttl").splitlines(), serialize(changed, "ttl").splitlines()
    assert len(before) == len(after)
    assert [(a, b) for a, b in zip(before, after) if a != b] == [
        (f'    kg:cue "{example_graph.value(statement, KG.cue)}" ;', '    kg:cue "stated" ;')]


def test_turtle_escapes_what_it_must(tmp_path):
    graph = Graph()
    subject = URIRef("https://w3id.org/kg/actor/a%20b")
    graph.add((subject, SKOS.prefLabel, Literal('say "no"\\ \r\nnow\ttoo', lang="en")))
    graph.add((subject, SKOS.note, Literal('one "line"')))
    graph.add((subject, KG.hopIndex, Literal("01", datatype=XSD.integer)))
    graph.add((subject, KG.positionConfidence, Literal("1e3", datatype=XSD.decimal)))
    graph.add((subject, RDF.value, URIRef("https://example.org/a/b#c.d")))
    graph.add((BNode(), RDF.value, subject))
    assert isomorphic(Graph().parse(data=serialize(graph, "ttl"), format="turtle"), graph)


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_quads_put_each_article_in_its_own_graph_as_the_store_does(example_graph, fmt):
    dataset = Dataset()
    dataset.parse(data=serialize(example_graph, fmt), format=PARSERS[fmt])
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    articles = {str(a) for a in example_graph.subjects(RDF.type, NIF.Context)}
    assert names == articles | {str(ACTORS_GRAPH), str(VOCABULARY_GRAPH)}
    for article in articles:  # an article's graph holds its statements, and only its own
        graph = dataset.graph(URIRef(article))
        assert {str(s) for s in graph.subjects()} == {str(s) for s in example_graph.subjects()
                                                      if str(s) == article or str(s).startswith(article + "/")}


def test_rdf_format_is_one_rule_for_reading_and_writing():
    assert [rdf_format(f"x{suffix}") for suffix in (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf")] == [
        "ttl", "nt", "nq", "trig", "jsonld", "rdf"]
    assert rdf_format("x.csv", "nt") == "nt"
    with pytest.raises(KgError, match=r"x\.csv: unknown RDF file suffix '\.csv'"):
        rdf_format("x.csv")


def test_write_atomic_replaces_the_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old", encoding="utf-8")
    write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_write_atomic_failure_keeps_the_old_file(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(path, b"not text")  # the write fails half way: nothing may change
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_write_atomic_failure_leaves_no_file(tmp_path):
    path = tmp_path / "graph.ttl"
    with pytest.raises(TypeError):
        write_atomic(path, None)
    assert list(tmp_path.iterdir()) == []


def test_written_files_are_ordinary_files_not_private_temporaries(tmp_path):
    import os
    import stat

    from kg.graph.rdf import write_atomic

    path = tmp_path / "graph.ttl"
    write_atomic(path, "# empty\n")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_kg_build_writes_what_the_rdflib_graph_held(nlp, fmt):
    """Issue 16: kg build -o writes the triples it collects (kg.graph.rdf.CorpusTriples) without an rdflib Graph; the
    file is the one the Graph of every article (add_extraction, actors merged in the graph) gave, byte for byte."""
    from kg.extraction.extract import extract_files
    from kg.extraction.positions.classifier import load_scheme
    from kg.graph.corpus import build_triples
    from kg.graph.linking import ActorLinker
    from kg.graph.rdf import add_extraction, new_graph, vocabularies

    scheme = load_scheme([])
    old, linker = new_graph(), ActorLinker()
    for extraction in extract_files(EXAMPLES * 2):  # twice: every actor is merged with itself again
        add_extraction(old, linker.link(extraction), scheme)
    old += vocabularies(scheme)
    new = build_triples(EXAMPLES * 2).triples()
    assert new == set(old) and len(new) > 500
    assert serialize(new, fmt) == serialize(old, fmt)
