"""RDF files in every format kg writes: `kg build -o` and `kg export` name the format by the same suffixes, and
every command that reads graphs (query, validate, actors, report) reads them all and refuses what it cannot read
(issue 15, items 2-4)."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES
from rdflib import Graph

from kg.cli import cli
from kg.graph.rdf import RDF_FORMATS

# rdflib's own N-Quads parser and SPARQL engine still call Dataset methods it deprecated
pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")]
SUFFIXES = [suffixes[0] for suffixes in RDF_FORMATS.values()]  # .ttl .nt .nq .trig .jsonld .rdf
OX_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
              ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def one_error_line(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output and result.stderr.count("\n") == 1, result.stderr
    return result.stderr.strip()


@pytest.fixture(scope="module")
def built(nlp, tmp_path_factory) -> dict[str, object]:
    """`kg build examples/*.txt -o graph.SUFFIX` for every suffix (one extraction, then the same graph written)."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("formats")
    runner = CliRunner()
    result = runner.invoke(cli, ["build", *map(str, EXAMPLES), "-o", str(folder / "graph.ttl")])
    assert result.exit_code == 0, result.output
    files = {".ttl": folder / "graph.ttl"}
    from kg.graph.rdf import write_graph_file
    from kg.graph.validate import load_graph

    graph = load_graph(files[".ttl"])
    for suffix in SUFFIXES[1:]:
        files[suffix] = folder / f"graph{suffix}"
        write_graph_file(graph, files[suffix])
    return {"files": files, "graph": graph, "folder": folder}


@pytest.mark.parametrize("suffix", [".nq", ".trig", ".rdf", ".nt", ".jsonld"])
def test_build_writes_the_format_its_suffix_names(runner, nlp, tiny_article, tmp_path, suffix):
    out = tmp_path / f"graph{suffix}"
    result = runner.invoke(cli, ["build", str(tiny_article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    quads = list(ox.parse(path=str(out), format=OX_FORMATS[suffix]))  # a strict parser of that format
    assert len(quads) == int(result.stderr.split("Wrote ")[1].split()[0])
    named = {q.graph_name.value for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    if suffix in (".nq", ".trig", ".jsonld"):  # as kg export writes them: a graph per article, actors, vocabularies
        assert len([g for g in named if "/article/" in g]) == 1 and len(named) == 3
    else:
        assert not named


def test_build_and_export_follow_one_rule(runner, nlp, tiny_article, tmp_path):
    """The same suffixes, the same refusal, before any extraction."""
    out = tmp_path / "graph.csv"
    line = one_error_line(runner.invoke(cli, ["build", str(tiny_article), "-o", str(out)]), 1)
    assert line == f"Error: {out}: unknown RDF file suffix '.csv'; use .ttl, .nt, .nq, .trig, .jsonld, .rdf (or --format)"
    assert not out.exists()
    result = runner.invoke(cli, ["build", str(tiny_article), "-o", str(out), "--format", "nt"])
    assert result.exit_code == 0 and list(ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES))


def test_build_nquads_is_what_a_store_exports(runner, nlp, tiny_article, tmp_path):
    built_file, store, exported = tmp_path / "built.nq", tmp_path / "store", tmp_path / "exported.nq"
    assert runner.invoke(cli, ["build", str(tiny_article), "-o", str(built_file)]).exit_code == 0
    assert runner.invoke(cli, ["build", str(tiny_article), "--store", str(store)]).exit_code == 0
    assert runner.invoke(cli, ["export", "--store", str(store), "-o", str(exported)]).exit_code == 0

    def dataset(path):
        found = ox.Dataset(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        found.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        return found
    assert dataset(built_file) == dataset(exported)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_format_kg_writes_is_read_whole(runner, built, suffix):
    """Issue 15 item 3: .nq and .trig were read as empty, and validate said "conforms (0 triples)"."""
    path, triples = built["files"][suffix], len(built["graph"])
    result = runner.invoke(cli, ["validate", str(path)])
    assert (result.exit_code, result.stdout) == (0, f"{path}: conforms ({triples} triples)\n")
    result = runner.invoke(cli, ["query", "-e", COUNT, str(path), "--format", "csv"])
    assert result.stdout.splitlines() == ["n", str(triples)]
    result = runner.invoke(cli, ["actors", str(path), "--format", "csv"])
    assert len(result.stdout.splitlines()) > 5
    report = built["folder"] / f"report{suffix}.html"
    assert runner.invoke(cli, ["report", str(path), "-o", str(report)]).exit_code == 0
    assert "Peskov" in report.read_text(encoding="utf-8")


def test_query_graph_variable_over_graph_files(runner, built):
    """Issue 15 item 2: GRAPH ?g over a graph file crashed with a traceback."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    names = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    result = runner.invoke(cli, ["query", "-e", names, str(built["files"][".ttl"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"]["bindings"] == []  # a Turtle file has only a default graph
    result = runner.invoke(cli, ["query", "-e", query, str(built["files"][".nq"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    counts = {b["g"]["value"]: int(b["n"]["value"]) for b in json.loads(result.stdout)["results"]["bindings"]}
    assert len([g for g in counts if "/article/" in g]) == len(EXAMPLES)
    assert sum(counts.values()) == len(built["graph"])


@pytest.mark.parametrize("command", [["query", "actors"], ["actors"], ["report"]])
def test_what_cannot_be_read_is_refused(runner, built, tmp_path, command):
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n", encoding="utf-8")
    line = one_error_line(runner.invoke(cli, [*command, str(notes)]), 1)
    assert line == f"Error: {notes}: unknown RDF file suffix '.csv'; use .ttl, .nt, .nq, .trig, .jsonld, .rdf"
    turtle_as_nquads = tmp_path / "graph.nq"
    turtle_as_nquads.write_bytes(built["files"][".ttl"].read_bytes())
    assert one_error_line(runner.invoke(cli, [*command, str(turtle_as_nquads)]), 1).startswith(
        f"Error: {turtle_as_nquads}: not valid N-Quads: ")


def test_plain_json_is_not_read_as_an_empty_graph(runner, tmp_path):
    data = tmp_path / "data.json"
    data.write_text('{"speaker": "Putin", "said": "no"}', encoding="utf-8")
    line = one_error_line(runner.invoke(cli, ["query", "-e", COUNT, str(data)]), 1)
    assert line == f"Error: {data}: not valid JSON-LD: it holds no RDF (plain JSON without @context or @id?)"


def test_validate_refuses_what_it_cannot_read_with_its_own_code(runner, tmp_path):
    notes = tmp_path / "notes.tsv"  # (.csv is an article corpus: kg.sources)
    notes.write_text("a\tb\n", encoding="utf-8")
    assert one_error_line(runner.invoke(cli, ["validate", str(notes)]), 2).startswith(f"Error: {notes}: unknown RDF")


def test_construct_uses_kg_prefixes_and_ask_json_has_a_head(runner, built):
    path = str(built["files"][".ttl"])
    result = runner.invoke(cli, ["query", "-e", "CONSTRUCT { ?s a kg:Statement } WHERE { ?s a kg:Statement }", path])
    assert result.exit_code == 0 and "@prefix kg: <https://w3id.org/kg/ns#> ." in result.stdout
    assert "ns1:" not in result.stdout
    assert len(Graph().parse(data=result.stdout, format="turtle")) > 10
    result = runner.invoke(cli, ["query", "-e", "ASK { ?s a kg:Statement }", path, "--format", "json"])
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}
