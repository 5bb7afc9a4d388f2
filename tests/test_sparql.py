"""kg's one SPARQL engine (kg.graph.sparql, the real Oxigraph): graph files of every format, result formats, bindings,
streaming from a real `kg query` process."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, URIRef

from kg.cli import RESULT_FORMATS as CLI_RESULT_FORMATS
from kg.cli import cli
from kg.errors import GraphParseError, QueryError
from kg.graph.queries import get_query, stored_queries
from kg.graph.rdf import PREFIXES as RDF_PREFIXES
from kg.graph.rdf import write_graph_file
from kg.graph.sparql import PREFIXES, RESULT_FORMATS, format_result, load_files, run

ROOT = Path(__file__).resolve().parent.parent
ACTOR = "https://w3id.org/kg/actor/"
STATEMENTS = "SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }"


def test_the_prefixes_are_kgs_and_the_formats_the_clis():
    assert PREFIXES == RDF_PREFIXES
    assert CLI_RESULT_FORMATS == RESULT_FORMATS


# --- graph files ---------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"])
def test_every_format_kg_writes_loads_into_oxigraph(fixture_graph, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    write_graph_file(fixture_graph, path)
    data = load_files([path])
    assert run(data, STATEMENTS).rows() == [{"n": "5"}]
    graphs = run(data, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a kg:Statement } }").rows()
    # N-Quads and TriG keep a named graph per article, queried apart with GRAPH ?g; the union answers the rest
    assert [r["g"] for r in graphs] == (["https://w3id.org/kg/id/article/9977feffa14d56a4"]
                                        if suffix in (".nq", ".trig") else [])


def test_several_files_are_one_dataset(fixture_graph_path, tmp_path):
    other = tmp_path / "other.nq"
    other.write_text("<urn:x:s> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kg/ns#Statement> "
                     "<urn:x:g> .\n")
    data = load_files([fixture_graph_path, other])
    assert run(data, STATEMENTS).rows() == [{"n": "6"}]
    assert run(data, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows() == [{"g": "urn:x:g"}]


def test_an_rdflib_dataset_keeps_its_named_graphs():
    dataset = Dataset()
    dataset.graph(URIRef("urn:x:g")).add((URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o")))
    dataset.add((URIRef("urn:x:t"), URIRef("urn:x:p"), URIRef("urn:x:o")))
    assert run(dataset, "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }").rows() == [{"g": "urn:x:g", "s": "urn:x:s"}]
    assert sorted(r["s"] for r in run(dataset, "SELECT ?s WHERE { ?s ?p ?o }").rows()) == ["urn:x:s", "urn:x:t"]


@pytest.mark.parametrize("name, text, message", [
    ("broken.ttl", "<urn:a> <urn:b> .\n", "not valid Turtle: line 1: "),
    ("broken.jsonld", '{"@id": 3}', "not valid JSON-LD: "),
    ("plain.jsonld", '{"a": 1}', "not valid JSON-LD: it holds no RDF"),
    ("graph.owl.txt", "x", "unknown RDF file suffix '.txt'"),
])
def test_unreadable_files_are_refused_in_one_line(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(GraphParseError) as err:
        load_files([path])
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value) and "\n" not in str(err.value)


# --- result formats --------------------------------------------------------------------------


def positions(fixture_graph_path, fmt: str, **options) -> str:
    data = load_files([fixture_graph_path])
    return format_result(run(data, get_query("positions-by-actor").text), fmt, **options)


EXPECTED = [["Dmitry Peskov", "deny_report", "denies the report", "1", "0"],
            ["Kremlin", "open_to_ceasefire", "open to a ceasefire", "1", "1"],
            ["Vladimir Putin", "no_retreat", "will not retreat", "1", "0"],
            ["senior Russian official", "ceasefire_at_current_lines", "willing to stop at current lines", "1", "0"]]
HEAD = ["speakerName", "position", "label", "count", "hedgedCount"]


def test_csv_parses(fixture_graph_path):
    assert list(csv.reader(io.StringIO(positions(fixture_graph_path, "csv")))) == [HEAD, *EXPECTED]


def test_tsv_parses_as_sparql_results(fixture_graph_path):
    text = positions(fixture_graph_path, "tsv")
    assert text.splitlines()[0] == "\t".join("?" + v for v in HEAD)
    parsed = ox.parse_query_results(text.encode(), format=ox.QueryResultsFormat.TSV)
    assert [[s[v].value for v in HEAD] for s in parsed] == EXPECTED


def test_json_and_xml_parse_as_sparql_results(fixture_graph_path):
    as_json = json.loads(positions(fixture_graph_path, "json"))
    assert as_json["head"]["vars"] == HEAD
    assert as_json["results"]["bindings"][0]["count"] == {
        "type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    root = ET.fromstring(positions(fixture_graph_path, "xml"))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == HEAD
    assert len(root.findall("r:results/r:result", ns)) == 4
    for fmt in ("json", "xml"):
        parsed = ox.parse_query_results(positions(fixture_graph_path, fmt).encode(),
                                        format=getattr(ox.QueryResultsFormat, fmt.upper()))
        assert [[s[v].value for v in HEAD] for s in parsed] == EXPECTED


def test_ndjson_is_one_plain_object_a_row(fixture_graph_path):
    lines = positions(fixture_graph_path, "ndjson").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"speakerName": a, "position": b, "label": c, "count": int(d), "hedgedCount": int(e)} for a, b, c, d, e in EXPECTED]


def test_table_width(fixture_graph_path):
    narrow = positions(fixture_graph_path, "table", width=8).splitlines()
    assert narrow[2].split("  ")[:2] == ["Dmitry P", "deny_rep"]
    wide = positions(fixture_graph_path, "table", width=0)
    assert "willing to stop at current lines" in wide and wide.endswith("(4 rows)\n")


def test_ask_and_construct(fixture_graph_path):
    data = load_files([fixture_graph_path])
    assert json.loads(format_result(run(data, "ASK { ?s kg:hedged true }"), "json")) == {"head": {}, "boolean": True}
    assert "<boolean>false</boolean>" in format_result(run(data, "ASK { ?s kg:hedged 1 }"), "xml")
    turtle = format_result(run(data, "CONSTRUCT { ?a a kg:Actor } WHERE { ?a kg:role 'news outlet'@en }"))
    assert "@prefix kg: <https://w3id.org/kg/ns#> ." in turtle and "ns1:" not in turtle
    assert "actor:reuters a kg:Actor ." in turtle


def test_a_result_is_read_once_unless_kept(fixture_graph_path):
    result = run(load_files([fixture_graph_path]), STATEMENTS)
    assert result.rows() == [{"n": "5"}]
    with pytest.raises(QueryError, match="read already"):
        result.rows()
    kept = run(load_files([fixture_graph_path]), STATEMENTS).read()
    assert kept.rows() == kept.rows() == [{"n": "5"}]


# --- bindings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", stored_queries(), ids=lambda q: q.name)
def test_every_stored_query_has_a_bound_form(example_graph_path, query):
    """Bind the first column to the value of the first row: the rows are those of the unbound query with that value."""
    data = load_files([example_graph_path])
    everything = list(run(data, query.text))
    assert everything, query.name
    variable = run(data, query.text).variables[0]
    value = next(row[0] for row in everything if row[0] is not None)
    bound = run(data, query.text, {variable: str(value)})  # N-Triples syntax: <iri>, "text"@en
    assert list(bound) == [row for row in everything if row[0] == value]


def test_binding_a_variable_the_select_does_not_project(fixture_graph):
    found = run(fixture_graph, get_query("via-outlet").text, {"outlet": "actor:the-new-york-times"}).rows()
    assert [r["outletName"] for r in found] == ["The New York Times"]
    assert run(fixture_graph, get_query("via-outlet").text, {"outlet": "actor:reuters"}).rows() == []


# --- the command line ------------------------------------------------------------------------


def test_kg_query_streams_into_a_file(fixture_graph_path, tmp_path):
    """A real process writes the rows into a file, one object a line."""
    out = tmp_path / "rows.ndjson"
    with open(out, "wb") as sink:
        done = subprocess.run([sys.executable, "-m", "kg", "query", "-e", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
                               str(fixture_graph_path), "--format", "ndjson"], stdout=sink, stderr=subprocess.PIPE,
                              cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(load_files([fixture_graph_path])) and set(rows[0]) == {"s", "p", "o"}


def test_kg_query_format_and_width_options(runner, fixture_graph_path):
    result = runner.invoke(cli, ["query", "positions-by-actor", str(fixture_graph_path), "--format", "tsv"])
    assert result.exit_code == 0 and result.stdout.splitlines()[1].startswith('"Dmitry Peskov"@en\t"deny_report"')
    result = runner.invoke(cli, ["query", "positions-by-actor", str(fixture_graph_path), "--width", "5"])
    assert result.exit_code == 0 and result.stdout.splitlines()[2].startswith("Dmitr  deny_")
    result = runner.invoke(cli, ["query", "via-outlet", str(fixture_graph_path), "--format", "ndjson",
                                 "--bind", "outlet=actor:the-new-york-times"])
    assert [json.loads(line)["outletName"] for line in result.stdout.splitlines()] == ["The New York Times"]


def test_kg_actors_json_is_records(runner, fixture_graph_path):
    result = runner.invoke(cli, ["actors", str(fixture_graph_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert records[0] == {"actor": ACTOR + "senior-russian-official", "name": "senior Russian official",
                          "kind": "person", "statements": 2, "aliases": ["the official"]}
    assert records[-1]["aliases"] == ["NYT"] and records[-2]["aliases"] == []
    lines = runner.invoke(cli, ["actors", str(fixture_graph_path), "--format", "ndjson"]).stdout.splitlines()
    assert [json.loads(line) for line in lines] == records


def test_kg_query_refuses_updates_on_files(runner, fixture_graph_path):
    before = fixture_graph_path.read_bytes()
    result = runner.invoke(cli, ["query", "-e", "PREFIX ex: <urn:x:> INSERT DATA { ex:a ex:b ex:c }",
                                 str(fixture_graph_path)])
    assert result.exit_code == 1
    assert result.stderr == "Error: update queries (INSERT, DELETE, ...) are not allowed here: kg query only reads\n"
    assert fixture_graph_path.read_bytes() == before
