"""Stored SPARQL queries (kg.graph.queries) run by kg's one engine (kg.graph.sparql: the real Oxigraph).

Exact rows come from the hand-written tests/data/fixture_graph.ttl, so they do not move when
extraction changes; the example graph only checks that each query runs and has its columns.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import copy_graph
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.graph.queries import get_query, stored_queries
from kg.graph.sparql import format_result, run

ACTOR = "https://w3id.org/kg/actor/"
ARTICLE = "https://w3id.org/kg/id/article/9977feffa14d56a4"
EV_CEASEFIRE = ("“We are willing to stop at the current lines,” a senior Russian official told The New York Times, "
                "as reported by European Pravda.")
EV_TRUCE = "The Kremlin may accept a truce, according to a Reuters report carried by The New York Times."
EV_DENIAL = "Kremlin spokesman Dmitry Peskov denied the report."
EV_RECALLED = "Putin said he would never give up the conquered land, the official recalled."

COLUMNS = {
    "actors": ["actor", "name", "kind", "statements", "aliases"],
    "denials": ["speakerName", "deniedName", "content", "evidence"],
    "hedged-statements": ["speakerName", "cue", "content", "position", "evidence"],
    "positions-by-actor": ["speakerName", "position", "label", "count", "hedgedCount"],
    # the HTML report's queries; their exact rows are tested in tests/test_report.py
    "report-articles": ["article", "name", "headline", "publisher", "date", "url", "body"],
    "report-channel-hops": ["statement", "speakerName", "index", "label", "kind", "kindLabel", "via", "viaName",
                            "outlet"],
    "report-statements": ["statement", "article", "begin", "end", "evidence", "speaker", "speakerName", "speakerKind",
                          "speakerRoles", "mention", "cue", "content", "quoteKind", "statementKind", "hedged",
                          "position", "positionNotation", "positionLabel", "confidence", "addresseeName", "time",
                          "outer"],
    "reporting-chains": ["speakerName", "chain", "finalHop", "evidence"],
    "statements-by-actor": ["speakerName", "cue", "content", "chain", "articleName"],
    "via-outlet": ["speakerName", "firstOutletName", "outletName", "evidence"],
    "willing-to-stop-at-current-lines": ["speakerName", "cue", "hedged", "evidence", "articleName"],
}


def select(graph, name: str, **bindings) -> list[tuple]:
    """The rows of a stored query as tuples of strings, in the query's order."""
    result = run(graph, get_query(name).text, bindings)
    assert result.variables == COLUMNS[name]
    return [tuple(row.values()) for row in result.rows()]


def test_every_stored_query_is_tested():
    assert {q.name for q in stored_queries()} == set(COLUMNS)


# --- exact rows on the fixture graph ------------------------------------------


def test_willing_to_stop_at_current_lines(fixture_graph):
    assert select(fixture_graph, "willing-to-stop-at-current-lines") == [
        ("senior Russian official", "told", "false", EV_CEASEFIRE, "fixture.txt"),
    ]


def test_statements_by_actor(fixture_graph):
    assert select(fixture_graph, "statements-by-actor") == [
        ("Dmitry Peskov", "denied", "the report", "", "fixture.txt"),
        ("Kremlin", "according to", "The Kremlin may accept a truce", "Reuters -> The New York Times", "fixture.txt"),
        ("Vladimir Putin", "said", "he would never give up the conquered land", "", "fixture.txt"),
        ("senior Russian official", "recalled", "Putin said he would never give up the conquered land",
         "The New York Times", "fixture.txt"),
        ("senior Russian official", "told", "We are willing to stop at the current lines",
         "The New York Times -> European Pravda", "fixture.txt"),
    ]


def test_reporting_chains(fixture_graph):
    assert select(fixture_graph, "reporting-chains") == [
        ("Kremlin", "Reuters -> The New York Times", "The New York Times", EV_TRUCE),
        ("senior Russian official", "The New York Times", "The New York Times", EV_RECALLED),
        ("senior Russian official", "The New York Times -> European Pravda", "European Pravda", EV_CEASEFIRE),
    ]


def test_via_outlet_unbound_gives_every_re_reporting_pair(fixture_graph):
    assert select(fixture_graph, "via-outlet") == [
        ("senior Russian official", "The New York Times", "European Pravda", EV_CEASEFIRE),
        ("Kremlin", "Reuters", "The New York Times", EV_TRUCE),
    ]


@pytest.mark.parametrize("outlet, expected", [
    ("european-pravda", [("senior Russian official", "The New York Times", "European Pravda", EV_CEASEFIRE)]),
    ("the-new-york-times", [("Kremlin", "Reuters", "The New York Times", EV_TRUCE)]),
    ("reuters", []),  # Reuters only ever carried a statement first
])
def test_via_outlet_bound_to_an_outlet(fixture_graph, outlet, expected):
    assert select(fixture_graph, "via-outlet", outlet=URIRef(ACTOR + outlet)) == expected


def test_via_outlet_binding_accepts_an_iri_string(fixture_graph):
    # run_query turns "scheme:..." strings into IRIs, as `kg query --bind` does
    assert select(fixture_graph, "via-outlet", outlet=ACTOR + "european-pravda") == [
        ("senior Russian official", "The New York Times", "European Pravda", EV_CEASEFIRE)]


@pytest.mark.parametrize("value", ["actor:european-pravda", f"<{ACTOR}european-pravda>"])
def test_via_outlet_binding_accepts_a_prefixed_name_or_an_n3_iri(fixture_graph, value):
    assert select(fixture_graph, "via-outlet", outlet=value) == [
        ("senior Russian official", "The New York Times", "European Pravda", EV_CEASEFIRE)]


@pytest.mark.parametrize("variable, value, expected", [
    ("name", '"Kremlin"@en', [ACTOR + "kremlin"]),  # labels carry a language tag
    ("name", "Kremlin", []),  # plain text is a plain string: no match
    ("hedged", "true", [ACTOR + "kremlin"]),
    ("hedged", True, [ACTOR + "kremlin"]),
])
def test_binding_literals(fixture_graph, variable, value, expected):
    query = """SELECT DISTINCT ?a WHERE { ?s kg:speaker ?a ; kg:hedged ?hedged . ?a skos:prefLabel ?name
               FILTER (?a = actor:kremlin || ?hedged) }"""
    assert [row["a"] for row in run(fixture_graph, query, {variable: value}).rows()] == expected


@pytest.mark.parametrize("value", ["<https://example.org/x", '"unclosed', '"x"@'])
def test_binding_a_malformed_value(fixture_graph, value):
    with pytest.raises(QueryError, match="^cannot read the value "):
        run(fixture_graph, get_query("via-outlet").text, {"outlet": value})


def test_a_binding_is_a_value_not_query_text(fixture_graph):
    # Bound by the engine, never spliced into the text: this is just a literal that matches nothing.
    sneaky = '> } UNION { ?statement ?p ?o } #'
    assert select(fixture_graph, "via-outlet", outlet=sneaky) == []
    assert select(fixture_graph, "via-outlet", outlet=Literal(ACTOR + "european-pravda")) == []


def test_hedged_statements(fixture_graph):
    assert select(fixture_graph, "hedged-statements") == [
        ("Kremlin", "according to", "The Kremlin may accept a truce", "open_to_ceasefire", EV_TRUCE),
    ]


def test_denials(fixture_graph):
    assert select(fixture_graph, "denials") == [
        ("Dmitry Peskov", "The New York Times", "the report", EV_DENIAL),
    ]


DENIAL_WITHOUT_TARGET = """
PREFIX actor: <https://w3id.org/kg/actor/>
PREFIX kg: <https://w3id.org/kg/ns#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX pos: <https://w3id.org/kg/position/>
<urn:x-test:statement> a kg:Statement ; kg:speaker actor:kremlin ; kg:content "the claims" ;
    kg:position pos:deny_report ; kg:about actor:kremlin ; kg:evidence <urn:x-test:span> .
<urn:x-test:span> nif:anchorOf "The Kremlin denied the claims." .
"""


def test_a_denial_that_names_no_one_is_one_row(fixture_graph):
    # It once matched every label in the graph (one row per actor, position and channel kind).
    graph = copy_graph(fixture_graph).parse(data=DENIAL_WITHOUT_TARGET, format="turtle")
    assert select(graph, "denials") == [
        ("Dmitry Peskov", "The New York Times", "the report", EV_DENIAL),
        ("Kremlin", None, "the claims", "The Kremlin denied the claims."),
    ]


def test_positions_by_actor(fixture_graph):
    assert select(fixture_graph, "positions-by-actor") == [
        ("Dmitry Peskov", "deny_report", "denies the report", "1", "0"),
        ("Kremlin", "open_to_ceasefire", "open to a ceasefire", "1", "1"),
        ("Vladimir Putin", "no_retreat", "will not retreat", "1", "0"),
        ("senior Russian official", "ceasefire_at_current_lines", "willing to stop at current lines", "1", "0"),
    ]


def test_actors(fixture_graph):
    assert select(fixture_graph, "actors") == [
        (ACTOR + "senior-russian-official", "senior Russian official", "person", "2", "the official"),
        (ACTOR + "dmitry-peskov", "Dmitry Peskov", "person", "1", "Peskov"),
        (ACTOR + "kremlin", "Kremlin", "organization", "1", ""),
        (ACTOR + "vladimir-putin", "Vladimir Putin", "person", "1", "Putin"),
        (ACTOR + "european-pravda", "European Pravda", "organization", "0", ""),
        (ACTOR + "reuters", "Reuters", "organization", "0", ""),
        (ACTOR + "the-new-york-times", "The New York Times", "organization", "0", "NYT"),
    ]


def test_fixture_evidence_matches_its_article_body(fixture_graph):
    # keeps the hand-written fixture honest: every span is the body's text at its offsets
    body = str(fixture_graph.value(URIRef(ARTICLE), URIRef(
        "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")))
    for anchor in (EV_CEASEFIRE, EV_TRUCE, EV_DENIAL, EV_RECALLED):
        assert anchor in body
    result = run(fixture_graph, """
        SELECT ?begin ?end ?anchor WHERE { ?s kg:evidence ?span .
            ?span nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?anchor }""")
    spans = [(int(b.value), int(e.value), a.value) for b, e, a in result]
    assert len(spans) == 5
    assert all(body[b:e] == a for b, e, a in spans)


# --- every query on the example graph -----------------------------------------


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_query_runs_on_the_example_graph(example_graph, name):
    result = run(example_graph, get_query(name).text)
    assert result.variables == COLUMNS[name]
    table = result.rows()
    assert all(set(row) == set(COLUMNS[name]) for row in table)


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_a_graph_file_and_an_rdflib_graph_give_the_same_rows(fixture_graph_path, fixture_graph, example_graph_path,
                                                              example_graph, name):
    # one engine: a file read into Oxigraph and an rdflib graph copied into it answer alike
    from kg.graph.sparql import load_files

    text = get_query(name).text
    for path, graph in ((fixture_graph_path, fixture_graph), (example_graph_path, example_graph)):
        assert run(load_files([path]), text).rows() == run(graph, text).rows(), path.name


def test_each_stored_query_exists_once():
    from kg.resources import data_path

    assert not list(data_path("queries").glob("*.oxigraph.rq"))
    assert len({q.name for q in stored_queries()}) == len(list(data_path("queries").glob("*.rq")))


def test_the_example_graph_has_statements_and_actors(example_graph):
    assert len(select(example_graph, "statements-by-actor")) > 0
    assert len(select(example_graph, "actors")) > 0


# --- the API ------------------------------------------------------------------


def test_get_query_accepts_the_file_name():
    assert get_query("denials.rq") == get_query("denials")


def test_get_query_unknown_name():
    with pytest.raises(QueryError, match=r"^no stored query named 'nope' \(known: actors, denials, "):
        get_query("nope")


@pytest.mark.parametrize("text", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ex:p ?o }",
    "PREFIX ex: <http://example.org/> INSERT { ?s ex:p 1 } WHERE { ?s ?p ?o }",
    "# a comment first\nDROP ALL",
    "LOAD <http://example.org/data.ttl>",
])
def test_update_queries_are_refused(fixture_graph, text):
    before = len(fixture_graph)
    with pytest.raises(QueryError, match=r"^update queries \(INSERT, DELETE, \.\.\.\) are not allowed here"):
        run(fixture_graph, text)
    assert len(fixture_graph) == before


def test_syntax_error(fixture_graph):
    with pytest.raises(QueryError, match=r"^SPARQL syntax error: "):
        run(fixture_graph, "SELECT ?s WHERE { ?s ?p }")


def test_binding_an_unknown_variable(fixture_graph):
    with pytest.raises(QueryError, match=r"^the query has no variable \?outlt to bind"):
        run(fixture_graph, get_query("via-outlet").text, {"outlt": ACTOR + "reuters"})


def test_bindings_may_name_the_variable_with_its_question_mark(fixture_graph):
    result = run(fixture_graph, "SELECT ?name WHERE { ?a skos:prefLabel ?name }",
                       {"?a": URIRef(ACTOR + "kremlin")})
    assert [row["name"] for row in result.rows()] == ["Kremlin"]


def test_format_result_csv_table_and_json(fixture_graph):
    text = get_query("denials").text
    as_csv = list(csv.reader(io.StringIO(format_result(run(fixture_graph, text), "csv"))))
    assert as_csv == [COLUMNS["denials"], ["Dmitry Peskov", "The New York Times", "the report", EV_DENIAL]]
    as_json = json.loads(format_result(run(fixture_graph, text), "json"))
    assert as_json["head"]["vars"] == COLUMNS["denials"]
    assert as_json["results"]["bindings"][0]["deniedName"] == {"type": "literal", "value": "The New York Times",
                                                               "xml:lang": "en"}
    table = format_result(run(fixture_graph, text), "table").splitlines()
    assert table[0].split() == COLUMNS["denials"]
    assert table[2].startswith("Dmitry Peskov  The New York Times  the report")
    assert table[-1] == "(1 row)"


def test_format_result_ask_and_construct(fixture_graph):
    assert format_result(run(fixture_graph, "ASK { ?s kg:hedged true }")) == "true\n"
    assert json.loads(format_result(run(fixture_graph, "ASK { ?s kg:hedged 1 }"), "json")) == {"head": {}, "boolean": False}
    construct = run(fixture_graph, "CONSTRUCT { ?a a kg:Actor } WHERE { ?a kg:role 'news outlet'@en }")
    assert len(list(construct)) == 3
