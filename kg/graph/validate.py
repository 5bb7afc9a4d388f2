"""SHACL validation of kg graphs with pySHACL and the shapes in ontology/shapes.ttl."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rdflib import Dataset, Graph

from kg.errors import GraphParseError
from kg.graph.rdf import FORMAT_NAMES, QUAD_FORMATS, graph_file
from kg.resources import data_path


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph: conformance and pySHACL's readable report."""

    conforms: bool
    text: str
    graph: Graph


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The shipped SHACL shapes."""
    return Graph().parse(data_path("ontology", "shapes.ttl"), format="turtle")


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate a data graph against the kg shapes.

    :param graph: the data graph (it should hold the schemes it points into).
    """
    from pyshacl import validate  # heavy import: only when validating

    conforms, report_graph, text = validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True,
                                            allow_warnings=True)
    return ValidationReport(bool(conforms), str(text), report_graph)


# What kg validate extracts first rather than reads as RDF (kg.sources reads them by suffix), besides "-" (stdin).
ARTICLE_INPUT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".csv")
REPORT_FORMATS = ("human", "turtle", "json-ld")  # as pySHACL's -f names them


def is_article_input(path: str | Path) -> bool:
    """Whether kg validate extracts ``path`` (an article or corpus, by suffix, or - for stdin) or reads it as RDF."""
    return str(path) == "-" or Path(path).suffix.lower() in ARTICLE_INPUT_SUFFIXES


def graph_to_validate(paths: Iterable[str | Path], settings=None) -> Graph:
    """One graph of every path: the articles among them extracted together (as one build), the RDF files read.

    :param paths: articles (by suffix, or ``-``) and RDF files, validated as one graph.
    :param settings: kg.extraction.extract.Settings for the articles.
    """
    paths = list(paths)
    articles = [p for p in paths if is_article_input(p)]
    if articles:
        from kg.graph.corpus import build  # spaCy: only when there are articles

        graph = build(articles, settings)
    else:
        graph = Graph()
    for path in paths:
        if not is_article_input(path):
            graph += load_graph(path)
    return graph


def combined_report(reports: list[ValidationReport]) -> ValidationReport:
    """One report of several (a store is validated in batches): one sh:ValidationReport holding every result.

    :param reports: the reports of the batches; none gives the report of a graph that conforms.
    """
    from rdflib import BNode, Literal
    from rdflib.namespace import RDF, SH

    graph, node = Graph(), BNode()
    conforms = all(r.conforms for r in reports)
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(conforms)))
    for report in reports:
        for s, p, o in report.graph:
            if p == SH.result:
                graph.add((node, p, o))
            elif p != SH.conforms and (p, o) != (RDF.type, SH.ValidationReport):
                graph.add((s, p, o))
    return ValidationReport(conforms, "\n".join(r.text for r in reports), graph)


def report_text(report: ValidationReport, fmt: str = "human") -> str:
    """A validation report as pySHACL's text (``human``) or its report graph in Turtle or JSON-LD, with the
    prefixes of kg and SHACL."""
    if fmt == "human":
        return report.text
    from kg.graph.rdf import PREFIXES, jsonld_chunks, turtle_chunks

    prefixes = {**PREFIXES, "sh": "http://www.w3.org/ns/shacl#"}
    chunks = turtle_chunks(report.graph, prefixes) if fmt == "turtle" else jsonld_chunks(report.graph, prefixes)
    return "".join(chunks)


# rdflib's parser for each of kg's RDF formats (kg.graph.rdf.RDF_FORMATS): the suffix decides, as when kg writes
_PARSERS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "rdf": "xml"}


def load_graph(path: str | Path, fmt: str | None = None) -> Graph:
    """Parse an RDF file into one graph (the union of its named graphs), raising GraphParseError on failure.

    :param path: a Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML file, read by its suffix.
    :param fmt: a format name (kg's or rdflib's); from the suffix when None.
    """
    path, fmt = graph_file(path, fmt)
    if fmt not in (*QUAD_FORMATS, "jsonld"):  # kg's JSON-LD of a corpus has a named graph per article
        return _parse(Graph(), path, fmt)
    graph = Graph()
    for s, p, o, _ in _parse(Dataset(), path, fmt).quads():
        graph.add((s, p, o))
    return graph


def _parse(graph, path: Path, fmt: str):
    before = _size(graph)
    try:
        graph.parse(path, format=_PARSERS[fmt])
    except Exception as err:  # rdflib parsers raise many exception types
        raise GraphParseError(f"{path}: not valid {FORMAT_NAMES[fmt]}: {_parse_reason(err, path)}") from None
    if fmt == "jsonld" and _size(graph) == before and path.read_bytes().strip() not in (b"", b"[]", b"{}"):
        # JSON-LD maps JSON without @context or @id to nothing at all: say so rather than read an empty graph
        raise GraphParseError(f"{path}: not valid JSON-LD: it holds no RDF (plain JSON without @context or @id?)")
    return graph


def _size(graph) -> int:
    """Triples in a graph, or quads in a dataset (whose len counts its default graph only)."""
    return sum(1 for _ in graph.quads()) if isinstance(graph, Dataset) else len(graph)


def _parse_reason(err: Exception, path: Path) -> str:
    """One readable line: the Turtle parser's own first line is only 'at line N of <>:'."""
    why = getattr(err, "_why", None)
    if why is not None and isinstance(getattr(err, "lines", None), int):
        try:
            last = max(1, len(path.read_bytes().splitlines()))
        except OSError:
            last = err.lines + 1
        return f"line {min(err.lines + 1, last)}: {why}"
    if isinstance(err, UnicodeDecodeError):
        return f"not UTF-8 (byte {err.start}); save the file as UTF-8"
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
