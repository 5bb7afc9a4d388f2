"""The SPARQL server (kg.store.server, kg serve) and Graph Store Protocol pushes (kg.store.push, kg push).

Every test runs a real Oxigraph server on a free loopback port over a temporary folder, and stops it.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from test_store import _row, via_oxigraph

from kg.cli import cli
from kg.errors import StoreLockedError
from kg.graph.queries import stored_queries
from kg.graph.sparql import run
from kg.store.build import build_store
from kg.store.dataset import open_store, query_store
from kg.store.server import free_port, start_server


def http_select(query_url: str, text: str) -> list[dict[str, str | None]]:
    """SELECT over HTTP (SPARQL 1.1 Protocol, POST form), rows as plain strings."""
    data = urllib.parse.urlencode({"query": text}).encode()
    request = urllib.request.Request(query_url, data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.load(response)
    names = answer["head"]["vars"]
    return [{n: b.get(n, {}).get("value") for n in names} for b in answer["results"]["bindings"]]


@pytest.fixture(scope="module")
def built_store(nlp, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("served") / "kg-store"
    build_store(EXAMPLES, store)
    return store


@pytest.fixture
def writable_server(tmp_path):
    server = start_server(tmp_path / "remote", port=None, writable=True)
    yield server
    server.stop()


def test_push_the_example_graph_and_run_every_stored_query_over_http(runner, writable_server, example_graph,
                                                                     example_graph_path):
    result = runner.invoke(cli, ["push", str(example_graph_path), "--endpoint", writable_server.store_url])
    assert result.exit_code == 0, result.output
    expected_triples = len(via_oxigraph(example_graph))
    assert result.stderr.strip() == f"Sent {expected_triples} triples in 1 graph(s) to {writable_server.store_url}"
    for query in stored_queries():
        over_http = http_select(writable_server.query_url, query.text)
        local = run(via_oxigraph(example_graph), query.text).rows()
        assert sorted(map(_row, over_http)) == sorted(map(_row, local)), query.name


def test_push_a_store_keeps_a_named_graph_per_article_and_replaces_on_a_second_push(runner, writable_server,
                                                                                     built_store):
    for _ in range(2):
        result = runner.invoke(cli, ["push", "--store", str(built_store), "--endpoint", writable_server.store_url])
        assert result.exit_code == 0, result.output
    graphs = http_select(writable_server.query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    with open_store(built_store) as store:
        assert sorted(g["g"] for g in graphs) == sorted(g.value for g in store.content_graphs())
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert http_select(writable_server.query_url, count)[0]["n"] == str(len(store))


def test_serve_a_store_read_only_answers_like_the_local_store(built_store):
    with start_server(built_store, port=None) as server:
        for query in stored_queries():
            over_http = http_select(server.query_url, query.text)
            local = query_store(built_store, query.text).rows()  # readers share the store
            assert sorted(map(_row, over_http)) == sorted(map(_row, local)), query.name
        with pytest.raises(StoreLockedError, match="open for reading .* stop the server before kg build"):
            build_store(EXAMPLES, built_store)
        update = urllib.request.Request(server.url + "/update", data=b"update=CLEAR ALL", method="POST",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError):  # read-only: no update endpoint
            urllib.request.urlopen(update, timeout=10)
    assert server.process.poll() is not None


def test_the_server_serves_the_corpus_without_build_records_or_local_paths(built_store):
    """Issue 15 item 5: the served default graph held the build records, with the user's absolute paths."""
    with start_server(built_store, port=None) as server:
        found = http_select(server.query_url, "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), "
                            f"'{ROOT}') || CONTAINS(STR(?p), 'graph/build')) }}")
        graphs = http_select(server.query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert found == []
    assert {row["g"] for row in graphs} == {g.value for g in _content_graphs(built_store)}


def _content_graphs(store: Path) -> list:
    with open_store(store) as opened:
        return opened.content_graphs()


def test_kg_serve_runs_until_terminated(built_store):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(built_store), "--port", str(port)],
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        first = next(line for line in process.stderr if line.startswith("Serving"))  # after any warnings
        assert first.strip() == f"Serving {built_store} (read-only) at http://127.0.0.1:{port}"
        answer = http_select(f"http://127.0.0.1:{port}/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }"
                             .replace("kg:Statement", "<https://w3id.org/kg/ns#Statement>"))
        assert int(answer[0]["n"]) > 0
        process.send_signal(signal.SIGTERM)
        assert process.wait(20) == 0
        assert process.stderr.read().strip().splitlines()[-1] == "Stopped."
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with open_store(built_store, write=True):  # the server and its lock are gone
        pass


def test_serve_a_missing_store(runner, tmp_path):
    result = runner.invoke(cli, ["serve", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {tmp_path / 'nothing'}: no store there; "
                                     f"make one with: kg build ARTICLES --store {tmp_path / 'nothing'}")


def test_push_to_a_closed_port(runner, example_graph_path):
    port = free_port()
    result = runner.invoke(cli, ["push", str(example_graph_path), "--endpoint", f"http://127.0.0.1:{port}/store"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: cannot reach http://127.0.0.1:{port}/store: Connection refused"


def test_push_to_a_read_only_server_is_refused(runner, built_store, example_graph_path):
    with start_server(built_store, port=None) as server:
        result = runner.invoke(cli, ["push", str(example_graph_path), "--endpoint", server.store_url])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {server.store_url} answered 4")


@pytest.mark.parametrize("args, line", [
    (["push", "--endpoint", "http://127.0.0.1:1/store"], "Error: give either graph files or --store"),
    (["push", "g.ttl", "--endpoint", "ftp://x"], "Error: Invalid value for --endpoint: 'ftp://x' is not an http(s) URL"),
    (["push", "--store", "s", "--graph", "urn:g", "--endpoint", "http://h/store"],
     "Error: --graph and --replace are for files; a store's graphs keep their names"),
])
def test_push_bad_usage(runner, args, line):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == line


def test_serve_on_a_port_in_use_says_so_in_one_line(runner, built_store):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--store", str(built_store), "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: 127.0.0.1:{port}: address in use (another server listens there); "
                             "choose another --port\n")
    with open_store(built_store, write=True):  # nothing started, nothing locked
        pass
