"""Writing a corpus to one file, graph by graph: ``kg export`` writes the bytes ``kg build -o`` writes.

A corpus is a dataset (kg.graph.rdf's graph names): a named graph per article, the merged actors, the vocabularies.
Its file is written by kg's writers (Turtle, N-Triples, N-Quads, JSON-LD) or Oxigraph's (TriG, RDF/XML) in the
order kg.graph.rdf gives a whole graph (subjects, lines or quads sorted), but one article graph at a time: an article's
subjects all start with its IRI, so article graphs taken in IRI order come out sorted, and merging them with the
other graphs (actors and vocabularies, held in memory) sorts the whole file. A store of any size is exported in
the memory of its actors and one article.

JSON-LD keeps the graphs apart, as N-Quads and TriG do: one object per graph, its nodes in its own ``@graph``.
"""
from __future__ import annotations

import heapq
import json
import shutil
import tempfile
from operator import itemgetter
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from rdflib import Graph

from kg.graph.rdf import (
    PREFIXES, JsonLdNames, TurtleNames, graph_name_of, jsonld_nodes, line_chunks, rdf_format, sorted_quads,
    turtle_blocks, turtle_header, write_binary_atomic, write_rdf
)

Triples = Iterable[tuple]
Groups = Iterable[tuple[str, Triples]]  # (graph IRI, its rdflib triples)


def write_corpus(articles: Groups, others: dict[str, Triples], out, fmt: str) -> None:
    """Write a corpus to a binary stream.

    :param articles: the article graphs, in the order of their IRIs (read one at a time).
    :param others: the other graphs (actors, vocabularies) by IRI.
    :param fmt: a format of kg.graph.rdf.RDF_FORMATS.
    """
    fmt = rdf_format(None, fmt)
    if fmt == "jsonld":
        _write_jsonld(articles, others, out)
        return
    items = _ITEMS[fmt]
    if fmt in ("trig", "rdf"):
        import pyoxigraph as ox

        quads = (quad for _, quad in _merged(articles, others, items, None))
        ox.serialize(quads, out, {"trig": ox.RdfFormat.TRIG, "rdf": ox.RdfFormat.RDF_XML}[fmt], prefixes=PREFIXES)
        return
    names = TurtleNames()
    with tempfile.TemporaryFile() as body:  # the Turtle header names the prefixes the body used
        for _, text in _merged(articles, others, items, names):
            body.write(text.encode("utf-8"))
        if fmt == "ttl":
            out.write(turtle_header(names).encode("utf-8"))
        body.seek(0)
        shutil.copyfileobj(body, out)


def corpus_groups(graph: Graph | Triples) -> tuple[list[tuple[str, list]], dict[str, list]]:
    """A graph split into its corpus graphs (kg.graph.rdf.graph_name_of): the article graphs sorted, and the others."""
    groups: dict[str, list] = {}
    for triple in graph:
        groups.setdefault(graph_name_of(str(triple[0])), []).append(triple)
    articles = sorted((g, t) for g, t in groups.items() if _is_article(g))
    return articles, {g: t for g, t in groups.items() if not _is_article(g)}


def write_corpus_file(graph: Graph | Triples, path: str | Path, fmt: str | None = None) -> None:
    """``kg build -o``: a corpus graph to a file, atomically; JSON-LD with its graphs apart (see the module)."""
    fmt = rdf_format(path, fmt)
    write_binary_atomic(path, lambda handle: write_corpus_graph(graph, handle, fmt))


def write_corpus_graph(graph: Graph | Triples, out, fmt: str) -> None:
    """A corpus graph to a binary stream: as :func:`write_corpus` would write its graphs."""
    if rdf_format(None, fmt) != "jsonld":
        write_rdf(graph, out, fmt)  # the same order (kg.graph.rdf sorts the whole graph); the build's fast path
        return
    articles, others = corpus_groups(graph)
    write_corpus(articles, others, out, fmt)


def _is_article(graph: str) -> bool:
    from kg.graph.rdf import ARTICLE_PREFIX

    return graph.startswith(ARTICLE_PREFIX)


def _merged(articles: Groups, others: dict[str, Triples], items: Callable, names) -> Iterator[tuple[str, Any]]:
    """Every graph's sorted items (key, item), merged into one sorted sequence; articles one at a time."""
    rest = items([t for triples in others.values() for t in triples], names)
    stream = (item for _, triples in articles for item in items(triples, names))
    return heapq.merge(rest, stream, key=itemgetter(0))


def _lines(named: bool) -> Callable:
    return lambda triples, _names: [(line, line) for line in line_chunks(triples, named=named)]


def _quads(named: bool) -> Callable:
    return lambda triples, _names: [(str(q), q) for q in sorted_quads(triples, named=named)]


_ITEMS: dict[str, Callable] = {"ttl": turtle_blocks, "nt": _lines(False), "nq": _lines(True), "trig": _quads(True),
                               "rdf": _quads(False)}


def _write_jsonld(articles: Groups, others: dict[str, Triples], out) -> None:
    compact = JsonLdNames(TurtleNames())
    graphs = heapq.merge(iter(articles), sorted(others.items()), key=itemgetter(0))  # by graph IRI
    with tempfile.TemporaryFile() as body:  # the @context names the prefixes the body used
        first = True
        for name, triples in graphs:
            nodes = ",\n".join(text for _, text in jsonld_nodes(triples, compact, indent=8))
            body.write(((",\n" if not first else "\n") + f'    {{\n      "@id": {json.dumps(compact.iri(name))},\n'
                        f'      "@graph": [\n{nodes}\n      ]\n    }}').encode("utf-8"))
            first = False
        context = {prefix: ns for ns, prefix in sorted(compact.names.namespaces.items(), key=itemgetter(1))
                   if prefix in compact.used}
        out.write(('{\n  "@context": ' + json.dumps(context, ensure_ascii=False) + ',\n  "@graph": [').encode("utf-8"))
        body.seek(0)
        shutil.copyfileobj(body, out)
        out.write(("\n" if not first else "") .encode("utf-8") + b"  ]\n}\n")
