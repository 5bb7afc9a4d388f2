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
        raise GraphParseError(f"{path}: not valid {_FORMAT_NAMES.get(fmt, fmt)}: {_parse_reason(err, path)}") from None
    return graph


_FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "nquads": "N-Quads", "json-ld": "JSON-LD", "trig": "TriG",
                 "xml": "RDF/XML"}


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


def _guess_format(path: Path) -> str:
    return {".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
            ".rdf": "xml", ".xml": "xml"}.get(path.suffix.lower(), "turtle")
