"""Where the package's data lives: the ontology/ and queries/ folders.

One function knows the answer, so an installed ``kg`` works from any folder
and a source checkout works without installing.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib loads when a graph is read: kg query --store never needs it
    from rdflib import Graph

_PACKAGE_ROOT = Path(__file__).resolve().parent


def data_path(folder: str, name: str | None = None) -> Path:
    """Return the path of a shipped data folder (``ontology`` or ``queries``) or a file in it.

    :param folder: ``"ontology"`` or ``"queries"``.
    :param name: a file inside that folder, or None for the folder itself.
    """
    if folder not in ("ontology", "queries"):
        raise ValueError(f"unknown data folder: {folder}")
    base = _find(folder)
    return base / name if name else base


def _find(folder: str) -> Path:
    # A wheel installs the folders as the sub-packages kg.ontology and kg.graph.queries;
    # an editable install or a plain checkout keeps them beside the package.
    try:
        found = Path(str(resources.files(f"kg.{folder}")))
        if found.is_dir() and any(found.iterdir()):
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    for candidate in (_PACKAGE_ROOT / folder, _PACKAGE_ROOT.parent / folder):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's {folder}/ folder is missing from this installation")


def ontology_graph(name: str, extra: tuple[str, ...] = (), what: str = "data") -> "Graph":
    """One graph of a shipped ontology/ file and the user's files of the same shape.

    :param name: the shipped file, e.g. ``"lexicon.ttl"``.
    :param extra: paths of user Turtle files.
    :param what: what the files hold, for the error message.
    """
    from rdflib import Graph

    from kg.errors import SchemeError  # errors imports nothing of ours; kept local to stay import-light

    graph = Graph()
    for path in (str(data_path("ontology", name)), *extra):
        try:
            parse_turtle(graph, path)
        except Exception as err:  # parsers raise many exception types
            raise SchemeError(f"{path}: cannot read {what}: {err}") from None
    return graph


def parse_turtle(graph: "Graph", path: str | Path) -> "Graph":
    """Add a Turtle file's triples to an rdflib graph, read by Oxigraph's parser (the same triples as
    ``graph.parse(path, format="turtle")``, some ten times faster: every build and worker reads the data files).

    :raises SyntaxError: on malformed Turtle; OSError when the file cannot be read.
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    xsd_string = "http://www.w3.org/2001/XMLSchema#string"
    blank: dict[str, BNode] = {}  # a fresh node for each blank node of this file, as rdflib's parser makes

    def term(node):
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return blank.setdefault(node.value, BNode())
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        return Literal(node.value) if datatype == xsd_string else Literal(node.value, datatype=URIRef(datatype))

    path = Path(path)
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
        graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    return graph
