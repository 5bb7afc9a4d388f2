"""A corpus in one file (kg.store.corpusfile): kg export writes the bytes kg build -o writes, sorted, and JSON-LD keeps
a named graph per article with a compact @context."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES

from kg.cli import cli
from kg.graph.rdf import RDF_FORMATS
from kg.graph.validate import load_graph
from kg.store.build import build_store
from kg.store.corpusfile import write_corpus_file


@pytest.fixture(scope="module")
def store(nlp, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpusfile") / "kg-store"
    build_store(EXAMPLES, path)
    return path


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_writes_what_build_writes(runner, store, example_graph, tmp_path, fmt):
    built, exported = tmp_path / f"built.{fmt}", tmp_path / f"exported.{fmt}"
    write_corpus_file(example_graph, built)  # what kg build -o writes
    result = runner.invoke(cli, ["export", "--store", str(store), "-o", str(exported)])
    assert result.exit_code == 0, result.output
    assert exported.read_bytes() == built.read_bytes()


def test_exported_turtle_is_sorted_with_kg_prefixes_and_plain_local_names(runner, store, tmp_path):
    out = tmp_path / "corpus.ttl"
    assert runner.invoke(cli, ["export", "--store", str(store), "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "\\/" not in text and "@prefix kg: <https://w3id.org/kg/ns#> ." in text
    subjects = [q.subject.value for q in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE)]  # in file order
    blocks = [s for i, s in enumerate(subjects) if i == 0 or subjects[i - 1] != s]
    assert len(blocks) == len(set(blocks)) > 100  # one block per subject
    assert blocks == sorted(blocks)  # in subject order, as kg build -o writes them


def test_json_ld_keeps_a_named_graph_per_article_and_a_compact_context(runner, store, tmp_path):
    out = tmp_path / "corpus.jsonld"
    assert runner.invoke(cli, ["export", "--store", str(store), "-o", str(out)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"]["kg"] == "https://w3id.org/kg/ns#"
    names = [g["@id"] for g in data["@graph"]]
    articles = [n for n in names if "/article/" in n]
    assert len(articles) == len(EXAMPLES) and names == sorted(names)
    assert {"https://w3id.org/kg/id/graph/actors", "https://w3id.org/kg/id/graph/vocabularies"} <= set(names)
    statement = next(node for g in data["@graph"] for node in g["@graph"] if "kg:Statement" in node.get("@type", []))
    assert "kg:speaker" in statement  # compact keys, not expanded IRIs
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.JSON_LD))  # an independent reader sees the graphs
    assert {q.graph_name.value for q in quads} == set(names)
    assert len(load_graph(out)) == len(quads)  # and kg reads it whole (validate, query, report)


def test_build_to_stdout_writes_the_same_json_ld(runner, nlp, example_graph, tmp_path):
    out = tmp_path / "graph.jsonld"
    write_corpus_file(example_graph, out)
    result = runner.invoke(cli, ["build", *map(str, EXAMPLES), "--format", "jsonld"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == out.read_bytes()
