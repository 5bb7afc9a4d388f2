"""SHACL validation of kg graphs with pySHACL and the shapes in ontology/shapes.ttl."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .errors import GraphParseError
from .resources import data_path


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


def load_graph(path: str | Path, fmt: str | None = None) -> Graph:
    """Parse an RDF file, raising GraphParseError with the parser's reason on failure.

    :param path: a Turtle, N-Triples, N-Quads or JSON-LD file.
    :param fmt: an rdflib format name; guessed from the suffix when None.
    """
    path = Path(path)
    if not path.exists():
        raise GraphParseError(f"{path}: no such file")
    if path.is_dir():
        raise GraphParseError(f"{path}: is a folder, not an RDF file")
    fmt = fmt or _guess_format(path)
    graph = Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as err:  # rdflib parsers raise many exception types
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise GraphParseError(f"{path}: not valid {fmt}: {reason}") from None
    return graph


def _guess_format(path: Path) -> str:
    return {".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
            ".rdf": "xml", ".xml": "xml"}.get(path.suffix.lower(), "turtle")
