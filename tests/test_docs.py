"""Checks of the data and the docs: ontology files, shapes, stored queries, CLI help, namespaces."""
from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import subprocess
import sys
from importlib import resources

import pytest
from conftest import ROOT
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.plugins.sparql import prepareQuery

import kg
from kg.cli import cli
from kg.namespaces import KG
from kg.resources import data_path

ONTOLOGY = sorted(data_path("ontology").glob("*.ttl"))
QUERIES = sorted(data_path("queries").glob("*.rq"))
KG_NS = str(KG._NS)


def kg_terms(graph: Graph) -> set[str]:
    """Local names of the kg: IRIs a graph mentions anywhere."""
    return {str(t)[len(KG_NS):] for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(KG_NS) and len(str(t)) > len(KG_NS)}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data_path("ontology", "kg.ttl"), format="turtle")


@pytest.fixture(scope="module")
def defined(ontology) -> set[str]:
    """The terms kg.ttl defines: subjects in the kg namespace."""
    return {str(s)[len(KG_NS):] for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_NS)}


# --- ontology/ ----------------------------------------------------------------


def test_the_ontology_folder_has_the_documented_files():
    assert {p.name for p in ONTOLOGY} >= {"kg.ttl", "shapes.ttl", "positions.ttl", "channel_kinds.ttl",
                                         "lexicon.ttl", "actors.ttl"}


@pytest.mark.parametrize("path", ONTOLOGY, ids=lambda p: p.name)
def test_ontology_file_parses(path):
    assert len(Graph().parse(path, format="turtle")) > 0


@pytest.mark.parametrize("path", ONTOLOGY, ids=lambda p: p.name)
def test_ontology_file_uses_only_defined_kg_terms(path, defined):
    assert kg_terms(Graph().parse(path, format="turtle")) - defined == set()


def test_shapes_pass_meta_shacl():
    shacl_shacl = Graph().parse(str(resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"), format="turtle")
    shapes = Graph().parse(data_path("ontology", "shapes.ttl"), format="turtle")
    conforms, _, text = validate(shapes, shacl_graph=shacl_shacl, inference="none")
    assert conforms, text
    # and pySHACL's own meta_shacl switch accepts them when validating a graph
    conforms, _, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")
    assert conforms, text


def test_meta_shacl_catches_a_broken_shape():
    shapes = Graph().parse(data_path("ontology", "shapes.ttl"), format="turtle")
    prop = next(shapes.objects(None, SH.property))
    shapes.set((prop, SH.minCount, Literal("one")))
    shacl_shacl = Graph().parse(str(resources.files("pyshacl") / "assets" / "shacl-shacl.ttl"), format="turtle")
    conforms, _, _ = validate(shapes, shacl_graph=shacl_shacl, inference="none")
    assert not conforms


def test_every_shape_constraint_has_a_message():
    shapes = Graph().parse(data_path("ontology", "shapes.ttl"), format="turtle")
    props = set(shapes.objects(None, SH.property))
    assert props
    assert [p for p in props if shapes.value(p, SH.message) is None] == []


def test_every_kg_term_has_a_label_and_a_comment(ontology, defined):
    missing = [term for term in sorted(defined)
               if ontology.value(KG[term], RDFS.label) is None or ontology.value(KG[term], RDFS.comment) is None]
    assert missing == []


def test_the_namespace_covers_exactly_the_terms_of_kg_ttl(defined):
    in_python = set(KG.__annotations__)
    assert in_python == defined, (sorted(in_python - defined), sorted(defined - in_python))
    assert {str(term)[len(KG_NS):] for term in dir(KG)} == defined


def test_a_misspelt_term_raises():
    with pytest.raises(AttributeError, match="speakr"):
        KG.speakr  # noqa: B018
    with pytest.raises(AttributeError, match="Statment"):
        KG["Statment"]


# --- queries/ -----------------------------------------------------------------


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_parses_on_its_own(path):
    # with no initNs: every query declares the prefixes it uses, so it also runs outside kg
    prepareQuery(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_has_a_comment_header_naming_its_variables(path, defined):
    text = path.read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("#").strip())
    assert header and header[0], "the first line says what the query answers"
    assert len(header[0]) <= 120
    variables = [line for line in header if line.startswith("Variables:")]
    assert variables, "a 'Variables:' line names the result columns"
    projected = [str(v) for v in prepareQuery(text).algebra["PV"]]
    assert [v for v in projected if f"?{v}" not in variables[0]] == []
    assert set(re.findall(r"\bkg:(\w+)", text)) - defined == set()


# --- CLI help and README --------------------------------------------------------


@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
def test_every_command_has_help_with_an_example(runner, command):
    args = [command, "--help"] if command else ["--help"]
    result = runner.invoke(cli, args, prog_name="kg")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "  Example:" in lines
    example = lines[lines.index("  Example:") + 1]
    assert (example.strip() + " ").startswith(f"kg {command or ''}".strip() + " ")


def test_every_command_has_a_summary_that_fits(runner):
    result = runner.invoke(cli, ["--help"], prog_name="kg")
    listed = result.stdout.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(cli.commands)
    assert [line for line in listed if line.endswith("...")] == []


def test_the_readme_python_example_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    code += "assert statements and graph and report.conforms, report.text\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_kg_extract_stays_the_function_after_kg_build():
    # Regression: the submodule kg.extract, once imported, replaced the function kg.extract.
    import kg.graph.corpus  # noqa: F401  (what kg.build does: it imports kg.extraction.extract)

    assert callable(kg.extract)


def test_the_readme_uses_only_real_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    used = set(re.findall(r"^kg ([a-z]+)", readme, flags=re.MULTILINE))
    assert used and used <= set(cli.commands)


# --- doctests -------------------------------------------------------------------


def _modules() -> list[str]:
    """Every module of kg, in its subpackages too (the doctests of kg.graph.rdf as much as kg.cli's)."""
    found = pkgutil.walk_packages(kg.__path__, prefix="kg.")
    return sorted(m.name for m in found if not m.ispkg and m.name != "kg.__main__")


@pytest.mark.parametrize("name", ["kg", *_modules()])
def test_doctests(name):
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failed == 0
