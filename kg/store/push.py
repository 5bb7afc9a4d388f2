"""Sending graphs to any store that speaks the SPARQL 1.1 Graph Store HTTP Protocol.

A store's named graphs are sent one by one with ``PUT ?graph=IRI`` (so pushing again replaces them,
never duplicates them); a graph file goes to ``?graph=IRI`` or to ``?default``, with POST (add) unless
asked to replace. Bodies are N-Triples written by Oxigraph. Credentials in the URL
(``https://user:pass@host/...``) are sent as HTTP basic authentication.

>>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/kg/id/article/ab")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fkg%2Fid%2Farticle%2Fab'
>>> graph_url("http://h/store?x=1", None)
'http://h/store?x=1&default'
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph as ox

from kg.errors import PushError

_CONTENT_TYPE = "application/n-triples"


@dataclass(frozen=True)
class PushSummary:
    """What was sent: graphs and triples."""

    graphs: int
    triples: int


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one graph (None: the default graph)."""
    joiner = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    if graph is None:
        return f"{endpoint}{joiner}default"
    return f"{endpoint}{joiner}graph={urllib.parse.quote(graph, safe='')}"


def send_graph(endpoint: str, graph: str | None, triples: Iterable[ox.Triple], replace: bool = True,
               timeout: float = 60) -> int:
    """PUT (replace) or POST (add) one graph; returns the number of triples sent.

    :param endpoint: the Graph Store Protocol endpoint (for Oxigraph: http://host:port/store).
    :param graph: the graph IRI, or None for the default graph.
    :param triples: the graph's triples.
    """
    triples = list(triples)
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    url, headers = _credentials(graph_url(endpoint, graph))
    request = urllib.request.Request(url, data=body, method="PUT" if replace else "POST",
                                     headers={"Content-Type": _CONTENT_TYPE, **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace").strip().splitlines()
        raise PushError(f"{endpoint} answered {err.code} {err.reason} to {request.method} of graph "
                        f"{graph or '(default)'}{': ' + detail[0] if detail else ''} "
                        f"(is it a writable Graph Store Protocol endpoint? for Oxigraph: http://host:port/store "
                        f"of a server started with kg serve --write)") from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise PushError(f"cannot reach {endpoint}: {getattr(reason, 'strerror', None) or reason}") from None
    return len(triples)


def push_store(store_path: str | Path, endpoint: str, progress: Callable[[str], None] | None = None) -> PushSummary:
    """Send every graph of a store (articles, actors, vocabularies), each replacing its namesake.

    :param store_path: the store folder.
    :param endpoint: the Graph Store Protocol endpoint.
    :param progress: called with each graph IRI once sent.
    """
    from kg.store.dataset import open_store

    graphs = triples = 0
    with open_store(store_path, purpose="kg push") as store:
        for name in store.content_graphs():
            quads = store.ox.quads_for_pattern(None, None, None, name)
            triples += send_graph(endpoint, name.value, (ox.Triple(q.subject, q.predicate, q.object) for q in quads))
            graphs += 1
            if progress is not None:
                progress(name.value)
    return PushSummary(graphs, triples)


def push_files(paths: Iterable[str | Path], endpoint: str, graph: str | None = None, replace: bool = False,
               progress: Callable[[str], None] | None = None) -> PushSummary:
    """Send RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD): their triples to ``graph`` (default:
    the default graph), the named graphs of N-Quads, TriG and JSON-LD files each to its own name.

    :param paths: the files.
    :param endpoint: the Graph Store Protocol endpoint.
    :param graph: the target graph IRI for triples.
    :param replace: PUT (replace the graph) instead of POST (add to it).
    """
    from kg.errors import GraphParseError

    graphs = triples = 0
    for path in map(Path, paths):
        if not path.is_file():
            raise GraphParseError(f"{path}: no such file")
        try:
            quads = list(ox.parse(path=str(path), format=_format(path)))
        except (SyntaxError, ValueError, OSError) as err:
            raise GraphParseError(f"{path}: not valid RDF: {str(err).splitlines()[0] if str(err) else err}") from None
        by_graph: dict[str | None, list[ox.Triple]] = {}
        for quad in quads:
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            by_graph.setdefault(graph if name is None else name, []).append(quad.triple)
        for name, group in by_graph.items():
            triples += send_graph(endpoint, name, group, replace=replace)
            graphs += 1
            if progress is not None:
                progress(name or "(default graph)")
    return PushSummary(graphs, triples)


def _format(path: Path) -> ox.RdfFormat:
    """The file's format by kg.graph.rdf's rule (the suffixes kg writes); any other suffix is refused."""
    from kg.errors import GraphParseError, KgError
    from kg.graph.rdf import rdf_format

    try:
        name = rdf_format(path, hint="")
    except KgError as err:
        raise GraphParseError(str(err)) from None
    return {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdf": ox.RdfFormat.RDF_XML}[name]


def _credentials(url: str) -> tuple[str, dict[str, str]]:
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, {}
    token = base64.b64encode(f"{urllib.parse.unquote(parts.username)}:"
                             f"{urllib.parse.unquote(parts.password or '')}".encode()).decode()
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), {"Authorization": f"Basic {token}"}
